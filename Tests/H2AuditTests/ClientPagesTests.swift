import Foundation
import Testing
@testable import H2Audit

/// A requirement of a test pack `regime` whose `require` is `expression`.
func requirement(_ expression: String, regime: String = "aa", id: String = "X-1") throws -> Requirement {
    let text = """
    pack: {id: \(regime), title: \(regime), country: KR}
    requirements:
      - {id: \(id), title: t, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
         require: "\(expression)", source: {document: d, url: "https://example.org/\(id)", brief: [KR-1]}, rationale: r, remediation: "fix \(id)"}
    """
    return try #require(try PackLoader().parse(text, file: "\(regime).yaml").requirements.first)
}

/// A limit of `regime` from its compiled threshold, as a requirement that holds or fails elsewhere gives it.
func limit(_ expression: String, _ regime: String, status: Status = .gap, found: Double? = nil) throws -> BindingFix.Constraint {
    let r = try requirement(expression, regime: regime, id: regime.uppercased() + "-1")
    let threshold = try #require(r.thresholds.first)
    return BindingFix.Constraint(regime: regime, requirement: r, status: status, threshold: threshold, kind: try #require(threshold.kind), found: found)
}

@Suite("Binding fix: one measure for two regimes")
struct BindingFixTests {
    @Test("min and min: the higher binds (5 m KR vs 800 cm JP -> at least 8 m, JP)")
    func minMin() throws {
        let kr = try limit("equipment.all(e, e.distances.public_road >= 5 m)", "kr")
        let jp = try limit("equipment.all(e, e.distances.public_road >= 800 cm)", "jp")
        #expect(BindingFix.resolve([kr, jp]) == .single(direction: .minimum, value: 8, strict: false, binding: ["jp"]))
        // Equal limits bind alike; a strict minimum says "more than".
        let same = try limit("equipment.all(e, e.distances.public_road >= 8 m)", "kr")
        #expect(BindingFix.resolve([same, jp]) == .single(direction: .minimum, value: 8, strict: false, binding: ["kr", "jp"]))
        let strict = try limit("equipment.all(e, e.distances.public_road > 8 m)", "kr")
        #expect(BindingFix.resolve([strict, jp]) == .single(direction: .minimum, value: 8, strict: true, binding: ["kr", "jp"]))
    }

    @Test("max and max: the lower binds, across units (4 kgCO2e/kgH2 vs 3400 gCO2e/kgH2)")
    func maxMax() throws {
        let kr = try limit("production.carbon_intensity <= 4 kgCO2e/kgH2", "kr")
        let jp = try limit("production.carbon_intensity <= 3400 gCO2e/kgH2", "jp")
        guard case .single(.maximum, let value, false, ["jp"]) = BindingFix.resolve([kr, jp]) else {
            Issue.record("expected at most JP's limit, got \(BindingFix.resolve([kr, jp]))"); return
        }
        #expect(abs(value - (jp.values.first ?? 0)) < 1e-9 && value < kr.values[0])
    }

    @Test("820 bar and 82 MPa are the same limit: both bind alike")
    func units() throws {
        let kr = try limit("station.max_operating_pressure <= 820 bar", "kr")
        let jp = try limit("station.max_operating_pressure <= 82 MPa", "jp")
        #expect(abs(kr.values[0] - jp.values[0]) < 1e-9)
        guard case .single(.maximum, _, _, let binding) = BindingFix.resolve([kr, jp]) else { Issue.record("not one value"); return }
        #expect(binding == ["kr", "jp"])
        var fix = BindingFix(subject: "station.max_operating_pressure", mark: nil, found: "90 MPa", kind: .pressure,
                             constraints: [kr, jp], outcome: BindingFix.resolve([kr, jp]), topic: "overpressure-protection")
        #expect(fix.measureText == "at most 82 MPa" && fix.bindingText == "KR and JP bind alike")
        fix.outcome = .conflict
        #expect(!fix.isSingle && fix.bindingText == "two fixes")
    }

    @Test("a minimum and a maximum: one value where they meet, two fixes where they conflict")
    func minMax() throws {
        let low = try limit("equipment.all(e, e.distances.public_road >= 5 m)", "kr")
        let high = try limit("equipment.all(e, e.distances.public_road <= 10 m)", "jp")
        #expect(BindingFix.resolve([low, high]) == .between(low: 5, high: 10, binding: ["kr", "jp"]))
        let touching = try limit("equipment.all(e, e.distances.public_road <= 5 m)", "jp")
        #expect(BindingFix.resolve([low, touching]) == .single(direction: .exact, value: 5, strict: false, binding: ["kr", "jp"]))
        let conflicting = try limit("equipment.all(e, e.distances.public_road <= 4 m)", "jp")
        #expect(BindingFix.resolve([low, conflicting]) == .conflict)
        let open = try limit("equipment.all(e, e.distances.public_road < 5 m)", "jp")
        #expect(BindingFix.resolve([low, open]) == .conflict)
    }

    @Test("tables by case: without the site's row the highest value surely serves; a maximum inside the table's range depends on the case")
    func tables() throws {
        let table = try limit("equipment.all(e, e.distances.public_road >= tier(station.max_operating_pressure, [40 MPa, 89 MPa], [6 m, 8 m, 8.5 m]))", "jp")
        #expect(table.values == [6, 8, 8.5] && table.text.contains("(by case)"))
        let flat = try limit("equipment.all(e, e.distances.public_road >= 5 m)", "kr")
        #expect(BindingFix.resolve([flat, table]) == .single(direction: .minimum, value: 8.5, strict: false, binding: ["jp"]))
        // A table the site meets at 8.2 m can only be asking 6 m or 8 m there.
        let met = try limit("equipment.all(e, e.distances.public_road >= tier(station.max_operating_pressure, [40 MPa, 89 MPa], [6 m, 8 m, 8.5 m]))", "jp", status: .met, found: 8.2)
        #expect(met.values == [6, 8])
        let cap = try limit("equipment.all(e, e.distances.public_road <= 7 m)", "kr")
        #expect(BindingFix.resolve([cap, table]) == .dependsOnCase)
        let low = try limit("equipment.all(e, e.distances.public_road <= 5 m)", "kr")
        #expect(BindingFix.resolve([low, table]) == .conflict)
    }

    static let left = """
    pack: {id: aa, title: A, country: KR, version: "1.0"}
    requirements:
      - {id: A-1, title: road, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
         require: "equipment.all(e, e.distances.public_road >= 5 m)", source: {document: Act A, section: Art. 1, url: "https://example.org/a", brief: [KR-68]}, rationale: r, remediation: move A}
      - {id: A-2, title: pressure cap, stage: use, topic: overpressure-protection, severity: major, basis: law, roles: [refuelling_station],
         require: "station.max_operating_pressure <= 35 MPa", source: {document: Act A, section: Art. 2, url: "https://example.org/a2", brief: [KR-69]}, rationale: r, remediation: lower A}
    """
    static let right = """
    pack: {id: bb, title: B, country: JP, version: "2.0"}
    requirements:
      - {id: B-1, title: road, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
         require: "equipment.all(e, e.distances.public_road >= 800 cm)", source: {document: Act B, section: Art. 9, url: "https://example.org/b", brief: [JP-24]}, rationale: r, remediation: move B}
      - {id: B-2, title: pressure floor, stage: use, topic: overpressure-protection, severity: major, basis: law, roles: [refuelling_station],
         require: "station.max_operating_pressure >= 40 MPa", source: {document: Act B, section: Art. 10, url: "https://example.org/b2", brief: [JP-25]}, rationale: r, remediation: raise B}
    """

    func compare(road: String, pressure: String) throws -> SiteComparison {
        try compare(equipment: "{id: D1, type: dispenser, distances: {public_road: \(road)}}", pressure: pressure)
    }

    /// The packs `left` (with `extraLeft` requirements) and `right` on a station with `equipment`.
    func compare(equipment: String, pressure: String, extraLeft: String = "") throws -> SiteComparison {
        let a = try PackLoader().parse(Self.left + "\n" + extraLeft, file: "a.yaml"), b = try PackLoader().parse(Self.right, file: "b.yaml")
        let site = try stationSite("""
        equipment: [\(equipment)]
        station: {supply: on_site_production, max_operating_pressure: \(pressure)}
        """)
        let report = Checker(packs: [a, b], asOf: Day("2026-06-01")!, allPacksForEverySite: true).check(site)
        return SiteComparison(report: report, left: "aa", right: "bb")
    }

    @Test("a site: one fix for the road distance with the found value and both requirements; the gaps it settles are not listed again")
    func onSite() throws {
        let c = try compare(road: "4 m", pressure: "30 MPa")
        #expect(c.fixes.map(\.subject) == ["equipment[D1].distances.public_road", "station.max_operating_pressure"])
        let fix = try #require(c.fixes.first)
        #expect(fix.subject == "equipment[D1].distances.public_road" && fix.found == "4 m")
        #expect(fix.measureText == "at least 8 m" && fix.binding == ["BB"])
        #expect(fix.constraints.map(\.requirement.id) == ["A-1", "B-1"] && fix.constraints.allSatisfy(\.siteSpecific))
        #expect(fix.mark?.line == 6)
        #expect(c.remaining.isEmpty, "\(c.remaining.map(\.requirement.id))")
        let text = CompareReport(format: .text, left: "aa", right: "bb").render(.checked(c.report))
        #expect(text.contains("equipment[D1].distances.public_road: found 4 m; one measure: at least 8 m (BB binds)"))
        // B-1 writes its limit in cm: the requirement reads as written, the one measure in canonical units.
        #expect(text.contains("AA  A-1  gap  requires >= 5 m") && text.contains("BB  B-1  gap  requires >= 800 cm"))
        // Where one regime is met already, its threshold still shows; the other binds.
        let six = try compare(road: "6 m", pressure: "30 MPa")
        let metFix = try #require(six.fixes.first)
        #expect(metFix.constraints.map(\.status) == [.met, .gap] && metFix.measureText == "at least 8 m" && metFix.binding == ["BB"])
        #expect(!metFix.constraints[0].siteSpecific && metFix.constraints[0].text == ">= 5 m")
    }

    @Test("a limit on the same kind of quantity counts only where its requirement reaches the item")
    func onlyWhereItReaches() throws {
        // A-3 limits the road distance of storage vessels only: no limit on the dispenser, met or not.
        let vessels = """
          - {id: A-3, title: vessels, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
             require: "equipment.filter(e, e.type == 'storage_vessel').all(e, e.distances.public_road >= 20 m)", source: {document: Act A, section: Art. 3, url: "https://example.org/a3", brief: [KR-70]}, rationale: r, remediation: move vessels}
        """
        func fix(_ equipment: String) throws -> BindingFix {
            try #require(try compare(equipment: equipment, pressure: "30 MPa", extraLeft: vessels).fixes.first { $0.subject.hasPrefix("equipment[D1]") })
        }
        let dispenser = "{id: D1, type: dispenser, distances: {public_road: 4 m}}"
        #expect(try fix(dispenser).constraints.map(\.requirement.id) == ["A-1", "B-1"])
        #expect(try fix(dispenser + ", {id: V1, type: storage_vessel, distances: {public_road: 30 m}}").constraints.map(\.requirement.id) == ["A-1", "B-1"])
        // A vessel failing its own 20 m does not make A-3 a limit on the dispenser either; the value stays 8 m.
        let both = try fix(dispenser + ", {id: V1, type: storage_vessel, distances: {public_road: 10 m}}")
        #expect(both.constraints.map(\.requirement.id) == ["A-1", "B-1"] && both.measureText == "at least 8 m")
    }

    @Test("a site where a maximum of one regime is below a minimum of the other: two fixes, each with its remediation")
    func conflictOnSite() throws {
        let c = try compare(road: "9 m", pressure: "45 MPa")
        let fix = try #require(c.fixes.first { $0.subject == "station.max_operating_pressure" })
        #expect(fix.outcome == .conflict && !fix.isSingle)
        #expect(fix.constraints.map(\.status) == [.gap, .met])
        let text = CompareReport(format: .text, left: "aa", right: "bb").render(.checked(c.report))
        #expect(text.contains("station.max_operating_pressure: found 45 MPa; no single value") && text.contains("two fixes"))
        #expect(text.contains("fix: lower A"))
    }

    @Test("every single measure on the example sites meets each limit the site's comparisons gave, and is the strictest of them")
    func exampleSites() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" }), jp = try #require(shippedPacks.first { $0.id == "jp" })
        let checker = Checker(packs: [kr, jp], asOf: Day("2026-11-23")!, allPacksForEverySite: true)
        var fixes = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).sorted() where file.hasSuffix(".yaml") {
            let report = checker.check(try Site.load(path: sitesDirectory + "/" + file))
            for fix in SiteComparison(report: report, left: "kr", right: "jp").fixes {
                fixes += 1
                #expect(Set(fix.constraints.map(\.regime)) == ["kr", "jp"], "\(file) \(fix.subject)")
                guard case .single(let direction, let value, _, let binding) = fix.outcome else { continue }
                for k in fix.constraints where k.siteSpecific {
                    switch direction {
                    case .minimum: #expect(value >= k.values[0] - 1e-9, "\(file) \(fix.subject) \(k.requirement.id)")
                    case .maximum: #expect(value <= k.values[0] + 1e-9, "\(file) \(fix.subject) \(k.requirement.id)")
                    case .exact: break
                    }
                }
                let bound = fix.constraints.map { direction == .maximum ? $0.values.min()! : $0.values.max()! }
                #expect(abs(value - (direction == .maximum ? bound.min()! : bound.max()!)) < 1e-9)
                #expect(!binding.isEmpty)
            }
        }
        #expect(fixes >= 2, "the example sites should show binding fixes")
        // The README's example: the Ulsan dispenser at 4.5 m, KR 5 m, JP 8 m at 82 MPa.
        let ulsan = checker.check(try Site.load(path: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml"))
        let road = try #require(SiteComparison(report: ulsan, left: "kr", right: "jp").fixes.first { $0.subject.hasSuffix("distances.public_road") })
        #expect(road.found == "4.5 m" && road.measureText == "at least 8 m" && road.binding == ["JP"])
    }
}

/// Runs `h2audit` with a fixed generation time, so pages compare byte for byte.
func page(_ arguments: String) throws -> RunResult {
    try shell("h2audit \(arguments)", in: repositoryRoot, environment: ["SOURCE_DATE_EPOCH": "1795000000"])
}

/// The `href` targets of an HTML page.
func links(_ html: String) -> [String] {
    var found: [String] = []
    var rest = html[...]
    while let r = rest.range(of: "href=\"") {
        let tail = rest[r.upperBound...]
        guard let end = tail.firstIndex(of: "\"") else { break }
        found.append(String(tail[..<end]))
        rest = tail[end...]
    }
    return found
}

@Suite("Client pages: cover, citations, print")
struct ClientPageTests {
    static let ulsan = "sites/kr-ulsan-onsite-electrolysis-hrs.yaml"
    static let tokyo = "sites/jp-tokyo-offsite-urban-hrs.yaml"
    static let stamp = "2026-11-18T11:06:40Z"  // SOURCE_DATE_EPOCH 1795000000

    static var pages: [(name: String, arguments: String, html: Bool)] {
        [("diff html", "diff kr jp --format html", true),
         ("diff markdown", "diff kr jp --format markdown --as-of 2026-11-23", false),
         ("compare html", "check \(ulsan) \(tokyo) --regime kr,jp --compare --format html --as-of 2026-11-23", true),
         ("compare markdown", "check \(ulsan) \(tokyo) --regime kr,jp --compare --format markdown --as-of 2026-11-23", false),
         ("site audit", "check \(ulsan) \(tokyo) --format html --as-of 2026-11-23", true)]
    }

    @Test("every page opens with the cover: packs and versions, as-of date, generation time, input files, disclaimer")
    func cover() throws {
        for p in Self.pages {
            let result = try page(p.arguments)
            #expect(result.status <= 1, "\(p.name): \(result.stderr)")
            let cover = p.html ? result.stdout.components(separatedBy: "</header>")[0] : String(result.stdout.prefix(3000))
            #expect(!p.html || result.stdout.contains("</header>"), "\(p.name)")
            for pack in shippedPacks { #expect(cover.contains("\(pack.id) \(pack.version): \(pack.title)"), "\(p.name): \(pack.id)") }
            #expect(cover.contains("Generated") && cover.contains(Self.stamp), "\(p.name)")
            #expect(cover.contains("Not legal advice") && cover.contains(p.html ? HTMLPage.escape(Cover.disclaimer) : Cover.disclaimer), "\(p.name)")
            if p.name.hasPrefix("diff") {
                #expect(cover.contains("roadmaps/crosswalk-kr-jp.yaml") && cover.contains("kr-hydrogen-safety-roadmap-2.0.yaml"), "\(p.name)")
            } else {
                #expect(cover.contains("kr-ulsan-onsite-electrolysis-hrs.yaml") && cover.contains("jp-tokyo-offsite-urban-hrs.yaml"), "\(p.name)")
            }
            if p.arguments.contains("--as-of") { #expect(cover.contains("Rules in force on") && cover.contains("2026-11-23"), "\(p.name)") }
            // The same run again is the same page, byte for byte.
            #expect(try page(p.arguments).stdout == result.stdout, "\(p.name)")
        }
    }

    @Test("citations resolve: in-page links have their target, other links are web addresses of the legal text, none leads to a file")
    func citations() throws {
        for p in Self.pages {
            let out = try page(p.arguments).stdout
            if p.html {
                let targets = links(out)
                #expect(!targets.isEmpty, "\(p.name)")
                for target in targets {
                    if target.hasPrefix("#") {
                        #expect(out.contains("id=\"\(target.dropFirst())\""), "\(p.name): \(target) has no target")
                    } else {
                        #expect(target.hasPrefix("https://") || target.hasPrefix("http://"), "\(p.name): \(target)")
                    }
                }
                // Every requirement linked in the page has its entry, and every entry its official link.
                let entries = out.components(separatedBy: "<tr id=\"src-").dropFirst()
                #expect(!entries.isEmpty, "\(p.name)")
                for entry in entries { #expect(entry.components(separatedBy: "</tr>")[0].contains("<a href=\"http"), "\(p.name)") }
                for id in Set(targets.filter { $0.hasPrefix("#src-") }) { #expect(out.contains("<tr id=\"\(id.dropFirst())\""), "\(p.name): \(id)") }
                for external in ["<script src", "<link", "src=\"http", "url(http", "@import", "../shared"] { #expect(!out.contains(external), "\(p.name)") }
            } else {
                let destinations = out.components(separatedBy: "](").dropFirst().map { $0.prefix { $0 != ")" } }
                #expect(!destinations.isEmpty, "\(p.name)")
                for d in destinations { #expect(d.hasPrefix("https://") || d.hasPrefix("http://"), "\(p.name): \(d)") }
                #expect(out.contains("## Sources cited") && !out.contains("../shared"), "\(p.name)")
            }
        }
        // The percent-encoding of a Korean statute address, and no link for what is not a web address.
        #expect(Citation.href("https://www.law.go.kr/법령/고압가스안전관리법") == "https://www.law.go.kr/%EB%B2%95%EB%A0%B9/%EA%B3%A0%EC%95%95%EA%B0%80%EC%8A%A4%EC%95%88%EC%A0%84%EA%B4%80%EB%A6%AC%EB%B2%95")
        #expect(Citation.href("../shared/research/kr-regime.md") == nil && Citation.href("file:///etc/passwd") == nil && Citation.href(nil) == nil)
    }

    @Test("print CSS: every table has a header row that repeats, rows and charts do not split, headings stay with what follows")
    func print() throws {
        for p in Self.pages where p.html {
            let out = try page(p.arguments).stdout
            #expect(out.contains("@media print") && out.contains("thead{display:table-header-group}"), "\(p.name)")
            #expect(out.contains("tr,th,td,.card,svg,.cover dl{break-inside:avoid") && out.contains("h1,h2,h3{break-after:avoid"), "\(p.name)")
            #expect(out.components(separatedBy: "<table").count == out.components(separatedBy: "<thead>").count, "\(p.name): a table without <thead>")
        }
    }

    @Test("check --format html: summary, charts, ranked findings with fixes and sources, missing evidence, the calendar")
    func siteAudit() throws {
        let result = try page("check \(Self.ulsan) --format html --as-of 2026-11-23")
        let text = try page("check \(Self.ulsan) --as-of 2026-11-23")
        #expect(result.status == text.status)
        let out = result.stdout
        #expect(out.hasPrefix("<!DOCTYPE html>") && out.hasSuffix("</html>\n"))
        for section in ["Summary", "Violations by stage and severity", "Findings, worst first", "Missing evidence: facts to state", "Obligations calendar", "Sources cited"] {
            #expect(out.contains("<h2>\(section)</h2>") || out.contains(">\(section)</h2>"), "\(section)")
        }
        #expect(out.components(separatedBy: "<svg").count == 3)
        // Ranked: the critical missing evidence first, then the major gaps.
        let rows = out.components(separatedBy: "<tr><td>").dropFirst().filter { $0.first?.isNumber == true }
        let severities = rows.map { row in Severity.allCases.first { row.contains(">\($0.rawValue.uppercased())<") } }
        #expect(severities.first == .critical && severities.compactMap { $0 } == severities.compactMap { $0 }.sorted(by: >))
        #expect(out.contains("Move the dispenser") && out.contains("equipment[D-1].distances.public_road: found 4.5 m"))
        // The calendar lists what `h2audit calendar` lists.
        let kr = try #require(shippedPacks.first { $0.id == "kr" })
        let site = try Site.load(path: repositoryRoot.appendingPathComponent(Self.ulsan).path)
        let calendar = CalendarBuilder.calendar(for: site, checker: Checker(packs: [kr], asOf: Day("2026-11-23")!, allPacksForEverySite: true))
        #expect(!calendar.obligations.isEmpty)
        for o in calendar.obligations { #expect(out.contains(HTMLPage.escape(o.detail)), "\(o.detail)") }
        #expect(out.contains("OVERDUE"))
    }
}

@Suite("diff --as-of, CSV, B6")
struct DiffOutputTests {
    /// Splits RFC 4180 CSV into rows of fields.
    static func parse(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(csv)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }

    @Test("diff --as-of compares only the rules in force on the day")
    func asOf() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" }), jp = try #require(shippedPacks.first { $0.id == "jp" })
        let day = Day("2019-05-01")!
        let result = try run(["diff", "kr", "jp", "--as-of", "2019-05-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["as_of"] as? String == "2019-05-01")
        var listed: [String] = []
        for topic in json["topics"] as? [[String: Any]] ?? [] {
            for pair in topic["pairs"] as? [[String: Any]] ?? [] {
                for side in ["left", "right"] { listed += (pair[side] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
            }
            for side in ["only_left", "only_right"] {
                listed += (topic[side] as? [[String: Any]] ?? []).compactMap { ($0["requirement"] as? [String: Any])?["id"] as? String }
            }
        }
        let inForce = (kr.requirements + jp.requirements).filter { $0.inForce(on: day) }.map(\.id)
        #expect(listed.sorted() == inForce.sorted())
        #expect(inForce.count < kr.requirements.count + jp.requirements.count, "some rule should start after 2019-05-01")
        let text = try run(["diff", "kr", "jp", "--as-of", "2019-05-01"]).stdout
        #expect(text.contains("rules in force on 2019-05-01"))
    }

    @Test("diff and compare write CSV: one header, every row as wide")
    func csv() throws {
        let diff = try run(["diff", "kr", "jp", "--format", "csv"])
        let rows = Self.parse(diff.stdout)
        #expect(rows.first == DiffReport.csvColumns)
        #expect(rows.count > 100 && rows.allSatisfy { $0.count == DiffReport.csvColumns.count })
        let compare = try run(["check", "sites/kr-ulsan-onsite-electrolysis-hrs.yaml", "sites/jp-tokyo-offsite-urban-hrs.yaml", "--regime", "kr,jp",
                               "--compare", "--format", "csv", "--as-of", "2026-11-23"], in: repositoryRoot)
        let crows = Self.parse(compare.stdout)
        #expect(crows.first == CompareReport.csvColumns)
        #expect(crows.count > 20 && crows.allSatisfy { $0.count == CompareReport.csvColumns.count })
        let fix = try #require(crows.first { $0[3] == "binding-fix" && $0[4].hasSuffix("public_road") && $0[9] == "JP-HRS-002" })
        #expect(fix[5] == "4.5 m" && fix[6] == "at least 8 m" && fix[7] == "JP")
    }

    @Test("B6: a pair of several requirements names on each threshold line the two it compares, and no line repeats")
    func b6() throws {
        let text = try run(["diff", "kr", "jp"]).stdout
        let lines = text.split(separator: "\n").filter { $0.contains("equipment[].distances.oxygen_plant") }
        #expect(lines.count >= 2)
        #expect(Set(lines).count == lines.count)
        #expect(lines.allSatisfy { $0.contains("KR-") && $0.contains("JP-") })
        for block in text.components(separatedBy: "\n  [") {
            let thresholdLines = block.split(separator: "\n").filter { $0.hasPrefix("      ") && $0.contains(" vs ") && $0.contains("): ") }
            #expect(Set(thresholdLines).count == thresholdLines.count)
        }
    }
}
