import Foundation
import Testing
@testable import H2Audit

@Suite("Regime diff and site comparison")
struct DiffTests {
    func threshold(_ expression: String) throws -> Threshold {
        try #require(try CompiledExpression(expression).thresholds.first)
    }

    @Test("thresholds compare in canonical units: 820 bar equals 82 MPa")
    func unitConversion() throws {
        let kr = try threshold("station.max_operating_pressure <= 820 bar")
        let jp = try threshold("station.max_operating_pressure <= 82 MPa")
        #expect(RegimeDiff.compare(kr, jp)?.relation == .equivalent)
        let cm = try threshold("equipment.all(e, e.distances.public_road >= 600 cm)")
        let m = try threshold("equipment.all(e, e.distances.public_road >= 5 m)")
        #expect(cm.path == "equipment[].distances.public_road")
        let c = try #require(RegimeDiff.compare(m, cm))
        #expect(c.relation == .rightStricter)
        #expect(c.detail.hasPrefix("by 1 m"))
    }

    @Test("for a maximum the lower value is stricter; tables compare by range")
    func directions() throws {
        let kr = try threshold("production.carbon_intensity <= 4 kgCO2e/kgH2")
        let jp = try threshold("production.carbon_intensity <= 3400 gCO2e/kgH2")
        let c = try #require(RegimeDiff.compare(kr, jp))
        #expect(c.relation == .rightStricter)
        #expect(c.detail.hasPrefix("by 0.6 kgCO2e/kgH2"))
        let flat = try threshold("equipment.all(e, e.distances.public_road >= 5 m)")
        let tiered = try threshold("equipment.all(e, e.distances.public_road >= tier(station.max_operating_pressure, [40 MPa, 89 MPa], [6 m, 8 m, 8.5 m]))")
        #expect(tiered.values == [6, 8, 8.5])
        #expect(RegimeDiff.compare(flat, tiered)?.detail == "by 1 m to 3.5 m (>= 6 m .. 8.5 m (by case) vs >= 5 m)")
        let overlapping = try threshold("equipment.all(e, e.distances.public_road >= tier(station.max_operating_pressure, [40 MPa], [4 m, 7 m]))")
        #expect(RegimeDiff.compare(flat, overlapping)?.relation == .partial)
        // Different quantities or directions are not comparable.
        #expect(RegimeDiff.compare(flat, try threshold("equipment.all(e, e.distances.site_boundary >= 5 m)")) == nil)
        #expect(RegimeDiff.compare(kr, try threshold("production.carbon_intensity >= 4 kgCO2e/kgH2")) == nil)
    }

    static let left = """
    pack: {id: aa, title: A, country: KR}
    requirements:
      - {id: A-1, title: road, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
         require: "equipment.all(e, e.distances.public_road >= 5 m)", source: {document: d, brief: [KR-68]}, rationale: r, remediation: f}
      - {id: A-2, title: detect, stage: use, topic: leak-detection, severity: major, basis: law, roles: [refuelling_station],
         require: safety.leak_detection.installed, source: {document: d, brief: [KR-75]}, rationale: r, remediation: f}
      - {id: A-3, title: alone, stage: use, topic: monitoring, severity: minor, basis: law, roles: [refuelling_station],
         require: station.realtime_feed_to_kgs, source: {document: d, brief: [KR-76]}, rationale: r, remediation: f}
    """
    static let right = """
    pack: {id: bb, title: B, country: JP}
    requirements:
      - {id: B-1, title: road, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
         require: "equipment.all(e, e.distances.public_road >= 800 cm)", source: {document: d, brief: [JP-24]}, rationale: r, remediation: f}
      - {id: B-2, title: detect, stage: use, topic: leak-detection, severity: major, basis: law, roles: [refuelling_station], effective: 2020-01-01,
         require: safety.leak_detection.installed && safety.leak_detection.automatic_shutdown, source: {document: d, brief: [JP-33]}, rationale: r, remediation: f}
    """

    func packs() throws -> (RequirementPack, RequirementPack) {
        (try PackLoader().parse(Self.left, file: "a.yaml"), try PackLoader().parse(Self.right, file: "b.yaml"))
    }

    @Test("diff pairs by threshold automatically and by crosswalk, and reports the unmapped")
    func lineUp() throws {
        let (a, b) = try packs()
        let walk = try Crosswalk.parse("""
        crosswalk: {left: aa, right: bb}
        mappings:
          - {left: A-2, right: B-2, relation: right-stricter, note: B stops automatically}
        """, file: "cw.yaml", left: a, right: b)
        let diff = RegimeDiff(left: a, right: b, crosswalk: walk)
        #expect(diff.count(.rightStricter) == 2)
        let road = try #require(diff.topics.first { $0.topic == "separation-distance" }?.pairs.first)
        #expect(road.origin == .automatic && road.comparisons.first?.detail.hasPrefix("by 3 m") == true)
        let detect = try #require(diff.topics.first { $0.topic == "leak-detection" }?.pairs.first)
        #expect(detect.origin == .crosswalk && detect.differences.contains { $0.contains("dates") })
        #expect(diff.unmappedLeft.map(\.id) == ["A-3"])
        #expect(diff.unmappedRight.isEmpty)
        // Read from the other side, stricter flips.
        let back = RegimeDiff(left: b, right: a, crosswalk: walk.swapped())
        #expect(back.count(.leftStricter) == 2)
        // Before B-2 takes effect, A-2 stands alone as the crosswalk says: confirmed, not unmapped.
        let before = RegimeDiff(left: a, right: b, crosswalk: walk, asOf: Day("2019-12-31")!)
        #expect(before.unmappedLeft.map(\.id) == ["A-3"], "\(before.unmappedLeft.map(\.id))")
        let alone = try #require(before.topics.first { $0.topic == "leak-detection" }?.onlyLeft.first)
        #expect(alone.requirement.id == "A-2" && alone.confirmed)
        #expect(alone.note?.hasPrefix("its counterpart B-2 is not in force on 2019-12-31. B stops automatically") == true, "\(alone.note ?? "")")
    }

    @Test("a threshold that says which items a rule covers compares the other way: the rule that reaches more is the stricter")
    func scopeThresholds() throws {
        func thresholds(_ expression: String) throws -> [Threshold] { try CompiledExpression(expression).thresholds }
        let kr = try #require(try thresholds("equipment.filter(e, e.storage_capacity >= 500 Nm3).all(e, e.seismic_design)").first)
        let jp = try #require(try thresholds("equipment.filter(e, e.storage_capacity >= 300 Nm3).all(e, e.seismic_design)").first)
        #expect(kr.scope && jp.scope)
        #expect(RegimeDiff.compare(kr, jp)?.relation == .rightStricter, "JP reaches tanks from 300 Nm3")
        // A limit on the same quantity is the usual way round, and is not compared with a scope.
        let limit = try #require(try thresholds("equipment.all(e, e.storage_capacity >= 300 Nm3)").first)
        #expect(!limit.scope && RegimeDiff.compare(kr, limit) == nil)
        #expect(try thresholds("!(station.max_operating_pressure > 20 MPa) || safety.vent_stack").first?.scope == true)
        #expect(try thresholds("station.max_operating_pressure > 20 MPa ? safety.vent_stack : true").first?.scope == true)
    }

    @Test("crosswalk errors name the file, line and column")
    func crosswalkErrors() throws {
        let (a, b) = try packs()
        do {
            _ = try Crosswalk.parse("""
            crosswalk: {left: aa, right: cc}
            mappings:
              - {left: A-1, right: B-9, relation: right-stricter, note: n}
              - {left: A-1, right: B-1, relation: stricter, note: n}
            only:
              - {left: A-3, right: B-2, note: both sides}
            """, file: "cw.yaml", left: a, right: b)
            Issue.record("the crosswalk loaded")
        } catch {
            let messages = error.diagnostics.map { "\($0.location) \($0.message)" }
            #expect(messages.contains { $0.hasPrefix("cw.yaml:1:") && $0.contains("not 'bb'") })
            #expect(messages.contains { $0.hasPrefix("cw.yaml:3:") && $0.contains("'B-9' is not a requirement") && $0.contains("did you mean 'B-1'") })
            #expect(messages.contains { $0.hasPrefix("cw.yaml:4:") && $0.contains("'relation' must be one of equivalent, left-stricter") })
            #expect(messages.contains { $0.contains("exactly one side") })
        }
    }

    @Test("the shipped crosswalk loads and every requirement appears exactly once in the diff")
    func shipped() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" }), jp = try #require(shippedPacks.first { $0.id == "jp" })
        let walk = try #require(try Crosswalk.find(in: roadmapsDirectory, left: kr, right: jp))
        let diff = RegimeDiff(left: kr, right: jp, crosswalk: walk)
        let leftIDs = diff.topics.flatMap { $0.pairs.flatMap { $0.left.map(\.id) } + $0.onlyLeft.map(\.requirement.id) }
        let rightIDs = diff.topics.flatMap { $0.pairs.flatMap { $0.right.map(\.id) } + $0.onlyRight.map(\.requirement.id) }
        #expect(leftIDs.sorted() == kr.requirements.map(\.id).sorted())
        #expect(rightIDs.sorted() == jp.requirements.map(\.id).sorted())
        #expect(diff.count(.leftStricter) > 0 && diff.count(.rightStricter) > 0 && diff.count(.equivalent) > 0)
        // The reverse file name works too.
        let reverse = try #require(try Crosswalk.find(in: roadmapsDirectory, left: jp, right: kr))
        #expect(RegimeDiff(left: jp, right: kr, crosswalk: reverse).count(.rightStricter) == diff.count(.leftStricter))
    }

    @Test("a site that passes one regime and fails the other, side by side")
    func compareTable() throws {
        let (a, b) = try packs()
        let site = try stationSite("""
        equipment: [{id: D1, type: dispenser, distances: {public_road: 6 m}}]
        safety: {leak_detection: {installed: true, automatic_shutdown: false}}
        station: {supply: on_site_production, realtime_feed_to_kgs: true}
        """)
        let report = Checker(packs: [a, b], asOf: Day("2026-06-01")!, allPacksForEverySite: true).check(site)
        let comparison = SiteComparison(report: report, left: "aa", right: "bb")
        let road = try #require(comparison.rows.first { $0.topic == "separation-distance" })
        #expect(road.left.worst == .met && road.right.worst == .gap)
        let detect = try #require(comparison.rows.first { $0.topic == "leak-detection" })
        #expect(detect.left.worst == .met && detect.right.worst == .gap)
        #expect(comparison.rows.first { $0.topic == "monitoring" }?.right.worst == nil)
        #expect(Set(comparison.toDo.map(\.requirement.id)) == ["B-1", "B-2"])
        let text = CompareReport(format: .text, left: "aa", right: "bb").render(.checked(report))
        #expect(text.contains("To satisfy both: 1 binding fix (one value for both regimes), 1 other violation"))
        #expect(text.contains("equipment[D1].distances.public_road: found 6 m; one measure: at least 8 m (BB binds)"))
    }

    @Test("HTML reports are self-contained and carry the matrix and charts")
    func html() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" }), jp = try #require(shippedPacks.first { $0.id == "jp" })
        let page = DiffReport.render(RegimeDiff(left: kr, right: jp, crosswalk: nil), as: .html)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("Topic matrix") && page.contains("<svg"))
        for external in ["<script src", "<link", "src=\"http", "url(http", "@import"] { #expect(!page.contains(external)) }
        let result = try run(["check", sitesDirectory + "/jp-tokyo-offsite-urban-hrs.yaml", "--regime", "kr,jp", "--compare",
                              "--format", "html", "--as-of", "2026-06-01"])
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>") && result.stdout.hasSuffix("</html>\n"))
        #expect(result.stdout.contains("Gaps by stage and severity") && result.stdout.contains("To satisfy both"))
        #expect(try run(["check", sitesDirectory, "--compare", "--regime", "kr"]).status == 64)
        #expect(try run(["check", sitesDirectory, "--format", "markdown"]).status == 64)
        let diff = try run(["diff", "kr", "jp", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        // Every JP requirement the crosswalk does not name is reported as unmapped (new requirements wait for their mapping).
        let crosswalk = try String(contentsOfFile: roadmapsDirectory + "/crosswalk-kr-jp.yaml", encoding: .utf8)
        let jpPack = try #require(shippedPacks.first { $0.id == "jp" })
        let unnamed = jpPack.requirements.filter { r in
            crosswalk.range(of: "\\b\(NSRegularExpression.escapedPattern(for: r.id))\\b(?!-)", options: .regularExpression) == nil
        }
        #expect(((json["summary"] as? [String: Int])?["unmapped-right"] ?? -1) <= unnamed.count)
    }
}
