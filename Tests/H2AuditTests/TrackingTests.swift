import Foundation
import Testing
@testable import H2Audit

/// The Ulsan example reformatted: comments and blank lines added at the top,
/// its equipment list reversed, and the top-level `operator:` key moved.
func reformattedUlsan() throws -> String {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite), encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "equipment:")) + 1
    let end = try #require(lines[start...].firstIndex { !$0.hasPrefix(" ") && !$0.isEmpty })
    var items: [[String]] = []
    for line in lines[start..<end] {
        if line.hasPrefix("  - ") { items.append([line]) } else { items[items.count - 1].append(line) }
    }
    #expect(items.count >= 5)
    lines.replaceSubrange(start..<end, with: items.reversed().flatMap { $0 })
    let op = try #require(lines.firstIndex { $0.hasPrefix("operator:") })
    let moved = lines.remove(at: op)
    lines.insert(moved, at: try #require(lines.firstIndex { $0.hasPrefix("zone:") }))
    return "# reformatted for the fingerprint test\n\n\n" + lines.joined(separator: "\n")
}

func fingerprints(_ text: String, file: String = "x.yaml", asOf: String = "2026-11-23") throws -> [String: String] {
    let site = try Site.parse(text, file: file)
    let report = Checker(packs: shippedPacks, asOf: Day(asOf)!).check(site)
    var out: [String: String] = [:]
    for f in report.findings where FindingFingerprint.applies(to: f) { out[f.requirement.id] = FindingFingerprint.of(site: report.siteID, finding: f) }
    return out
}

@Suite("Fingerprints, baselines, runs (issue 18, item 4)", .serialized)
struct TrackingTests {
    @Test("fingerprints survive reformatting and reordering equipment, and change with the element")
    func stable() throws {
        let original = try String(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite), encoding: .utf8)
        let before = try fingerprints(original)
        let reformatted = try reformattedUlsan()
        #expect(try fingerprints(reformatted) == before)
        // The lines moved: the same fingerprint is not the same line.
        let site = try Site.parse(reformatted, file: "x.yaml")
        let moved = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!).check(site).findings.first { $0.requirement.id == "KR-HRS-002" }
        let original002 = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!).check(try Site.parse(original, file: "x.yaml"))
            .findings.first { $0.requirement.id == "KR-HRS-002" }
        #expect(moved?.mark.line != original002?.mark.line)
        // Another failing value on the same element: the same finding.
        let closer = original.replacingOccurrences(of: "public_road: 4.5 m", with: "public_road: 4.2 m")
        #expect(try fingerprints(closer)["KR-HRS-002"] == before["KR-HRS-002"])
        // The same gap on another element, or on another site: another finding.
        let renamed = original.replacingOccurrences(of: "id: D-1\n", with: "id: D-9\n")
        #expect(try fingerprints(renamed)["KR-HRS-002"] != before["KR-HRS-002"])
        let otherSite = original.replacingOccurrences(of: "id: kr-ulsan-onsite-hrs", with: "id: kr-ulsan-2")
        #expect(try fingerprints(otherSite)["KR-HRS-002"] != before["KR-HRS-002"])
        #expect(before.values.allSatisfy { $0.count == 16 })
        // The streamed hash is the documented one: FNV-1a of the canonical text.
        let report = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!).check(try Site.parse(original, file: "x.yaml"))
        for f in report.findings where FindingFingerprint.applies(to: f) {
            let text = FindingFingerprint.canonicalText(site: report.siteID, finding: f)
            #expect(FindingFingerprint.of(site: report.siteID, finding: f) == FindingFingerprint.hex(fingerprint(text)), "\(text)")
        }
        #expect(FindingFingerprint.canonicalText(site: report.siteID, finding: report.findings.first { $0.requirement.id == "KR-HRS-002" }!)
                == "h2audit-finding/1|kr-ulsan-onsite-hrs|KR-HRS-002|equipment[D-1].blast_wall.material|equipment[D-1].distances.public_road")
    }

    /// Every gap and missing evidence of the example sites and of 300
    /// synthetic filings, checked twice: the fingerprint read first (paths
    /// only, as a baseline reads it) equals the one read after the evidence
    /// is spelled (as a report reads it).
    @Test("a fingerprint made without spelling the evidence is the one made from the spelled evidence")
    func unspelledFingerprints() throws {
        let checker = Checker(packs: shippedPacks, asOf: Day("2026-06-01")!, allPacksForEverySite: true)
        let generator = SyntheticSites()
        var sites = try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try Site.load(path: sitesDirectory + "/" + $0) }
        sites += try (0..<300).map { try Site.parse(generator.site(index: $0), file: SyntheticSites.fileName($0)) }
        var compared = 0, lazy = 0, unspelled = 0
        for site in sites {
            let quick = checker.check(site), spelled = checker.check(site)
            for (a, b) in zip(quick.findings, spelled.findings) where Baseline.holds(a) {
                #expect(a.requirement.id == b.requirement.id)
                let pending = a.evidenceIsPending  // not so for evidence made with the status (a scope that cannot be told)
                let paths = a.evidencePaths
                if pending { lazy += 1 }
                if pending && a.evidenceIsPending { unspelled += 1 }
                _ = b.witnesses  // spelled first, as a report does
                #expect(paths == b.evidencePaths, "\(site.file) \(a.requirement.id)")
                #expect(FindingFingerprint.of(site: quick.siteID, finding: a) == FindingFingerprint.of(site: spelled.siteID, finding: b))
                compared += 1
            }
        }
        #expect(compared > 5_000, "\(compared)")
        // The paths-only pass is what baselines use, not a fallback taken every time.
        #expect(Double(unspelled) > 0.95 * Double(lazy), "\(unspelled) of \(lazy) without spelling")
    }

    @Test("past the witness cap, a fingerprint's paths come from the spelled evidence")
    func unspelledFingerprintAtTheCap() throws {
        // 60 dispensers too near the road: more witnesses than an explanation keeps.
        let items = (1...60).map { "  - {id: D-\($0), type: dispenser, distances: {public_road: 1 m}, blast_wall: {material: none}}" }.joined(separator: "\n")
        let site = try Site.parse("""
            id: cap
            name: Cap
            country: KR
            stages: [use]
            roles: [refuelling_station]
            equipment:
            \(items)
            """, file: "cap.yaml")
        let checker = Checker(packs: shippedPacks, asOf: Day("2026-06-01")!)
        let quick = checker.check(site), spelled = checker.check(site)
        var fellBack: [String] = []
        for (a, b) in zip(quick.findings, spelled.findings) where Baseline.holds(a) {
            let paths = a.evidencePaths
            if !a.evidenceIsPending { fellBack.append(a.requirement.id) }
            _ = b.witnesses
            #expect(paths == b.evidencePaths, "\(a.requirement.id)")
        }
        // The distance rule names 60 items: its paths-only pass gave way to the spelled one.
        #expect(fellBack.contains("KR-HRS-002"), "\(fellBack)")
    }

    @Test("a baseline entry holds a finding of its own site and requirement only")
    func baselineScope() throws {
        let site = try Site.load(path: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml")
        let report = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!).check(site)
        let gap = try #require(report.findings.first { $0.status == .gap })
        let print = FindingFingerprint.of(site: report.siteID, finding: gap)
        func baseline(site: String, requirement: String) -> Baseline {
            Baseline(entries: [Baseline.Entry(fingerprint: print, site: site, requirement: requirement, status: "gap", file: "x.yaml")])
        }
        #expect(baseline(site: report.siteID, requirement: gap.requirement.id).holds(gap, site: report.siteID))
        #expect(!baseline(site: "another-site", requirement: gap.requirement.id).holds(gap, site: report.siteID))
        #expect(!baseline(site: report.siteID, requirement: "KR-XX-999").holds(gap, site: report.siteID))
        let held = baseline(site: report.siteID, requirement: gap.requirement.id)
        #expect(held.contains(site: report.siteID, requirement: gap.requirement.id, fingerprint: print))
        guard case .checked(let kept) = held.suppress(.checked(report)) else { Issue.record("not checked"); return }
        #expect(kept.baselined == 1 && kept.findings.count == report.findings.count - 1)
        // A finding outside the baseline's sites and requirements is not spelled to be looked up.
        let other = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!).check(site)
        let otherGap = try #require(other.findings.first { $0.requirement.id != gap.requirement.id && $0.evidenceIsPending })
        #expect(!held.holds(otherGap, site: other.siteID))
        #expect(otherGap.evidenceIsPending)
    }

    @Test("check --baseline reports only what is new; SARIF and JSON carry the fingerprint")
    func baseline() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: dir.appendingPathComponent("sites").path)
        let written = try run(["baseline", "sites", "--as-of", "2026-11-23", "--output", "base.json"], in: dir)
        #expect(written.status == 0, "\(written.stderr)")
        let same = try run(["check", "sites", "--as-of", "2026-11-23", "--baseline", "base.json"], in: dir)
        #expect(same.status == 0, "\(same.stdout.suffix(800))")
        #expect(same.stdout.contains("in the baseline:") && !same.stdout.contains("  MAJOR ("))
        // Reformatting and reordering changes nothing; a new gap is the only finding reported.
        write(try reformattedUlsan(), to: dir.appendingPathComponent(ulsanSite))
        #expect(try run(["check", "sites", "--as-of", "2026-11-23", "--baseline", "base.json"], in: dir).status == 0)
        let ulsan = dir.appendingPathComponent(ulsanSite)
        let text = try String(contentsOf: ulsan, encoding: .utf8)
        write(text.replacingOccurrences(of: "site_boundary: 10.5 m", with: "site_boundary: 0.5 m"), to: ulsan)
        let changed = try run(["check", "sites", "--as-of", "2026-11-23", "--baseline", "base.json", "--compact"], in: dir)
        #expect(changed.status == 1)
        let listed = changed.stdout.components(separatedBy: "\nSummary\n")[0].split(separator: "\n").dropFirst()
        #expect(listed.count == 1 && listed.first?.contains("kr-ulsan") == true, "\(listed)")

        let json = try run(["check", "sites", "--as-of", "2026-11-23", "--output", "json=r.json", "--output", "sarif=r.sarif"], in: dir)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        let prints = files.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }.compactMap { $0["fingerprint"] as? String }
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.sarif"))) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let partial = results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey] }
        #expect(!partial.isEmpty && Set(partial).isSubset(of: Set(prints)))
    }

    @Test("a baseline of a 10,000-filing intake (200,000 findings) loads, past a site file's bounds")
    func largeBaseline() throws {
        let dir = scratchDirectory()
        var text = "{\"schema\":\"h2audit-baseline\",\"schema_version\":1,\"findings\":[\n"
        let count = 200_000
        for i in 0..<count {
            let print = String(String(UInt64(i) &* 0x9E37_79B9_7F4A_7C15, radix: 16).suffix(16))
            text += "{\"fingerprint\":\"\(String(repeating: "0", count: 16 - print.count) + print)\",\"site\":\"s\(i / 20)\",\"requirement\":\"KR-HRS-002\",\"status\":\"gap\",\"file\":\"filings/site-\(i / 20).yaml\"}"
            text += i == count - 1 ? "\n]}\n" : ",\n"
        }
        #expect(text.utf8.count > LoadLimits.default.maxFileBytes)
        let path = write(text, to: dir.appendingPathComponent("big.json"))
        let baseline = try Baseline.load(path: path)
        #expect(baseline.count == count)
    }

    @Test("a bad baseline is an input error at its line and column")
    func badBaseline() throws {
        let dir = scratchDirectory()
        let file = write("""
        {"schema": "h2audit-baseline", "schema_version": 1, "findings": [
          {"fingerprint": "0123456789abcdef", "site": "s", "requirement": "R"},
          {"fingerprint": "xyz", "site": "s", "requirment": "R"}
        ]}
        """, to: dir.appendingPathComponent("b.json"))
        #expect(throws: InputError.self) { try Baseline.load(path: file) }
        let r = try run(["check", sitesDirectory, "--baseline", file], in: dir)
        #expect(r.status == ExitStatus.inputErrors)
        #expect(r.stderr.contains("b.json:3:19: error: fingerprint must be 16 hex digits"), "\(r.stderr)")
        #expect(r.stderr.contains("b.json:3:39: error: unknown key 'requirment' in baseline entry; did you mean 'requirement'?"), "\(r.stderr)")
        let report = write("{\"schema\": \"h2audit-report\"}", to: dir.appendingPathComponent("r.json"))
        let wrong = try run(["check", sitesDirectory, "--baseline", report], in: dir)
        #expect(wrong.status == ExitStatus.inputErrors && wrong.stderr.contains("r.json:1:12: error: not a baseline"), "\(wrong.stderr)")
    }

    /// The baseline loader before it streamed: the file as a node tree, read with `MappingReader`.
    static func treeLoad(path: String) throws(InputError) -> [Baseline.Entry] {
        let root = try YAMLLoader(limits: Baseline.limits).load(path: path)
        var reader = MappingReader(root, what: "baseline", keys: ["schema", "schema_version", "as_of", "findings"], required: ["schema", "findings"])
        if let schema = reader.text("schema"), schema != Baseline.schema {
            reader.fail(.notASite, "schema", "not a baseline: schema is '\(Escape.excerpt(schema))', expected '\(Baseline.schema)' (write one with `h2audit baseline`)")
        }
        if let version = reader.text("schema_version"), version != String(Baseline.schemaVersion) {
            reader.fail(.invalidValue, "schema_version", "baseline schema_version \(Escape.excerpt(version)) is not \(Baseline.schemaVersion), the one this h2audit reads")
        }
        var entries: [Baseline.Entry] = [], entryErrors: [Diagnostic] = []
        for item in reader.list("findings") ?? [] {
            var entry = MappingReader(item, what: "baseline entry", keys: ["fingerprint", "site", "requirement", "status", "file"],
                                      required: ["fingerprint", "site", "requirement"])
            let fingerprint = entry.text("fingerprint"), site = entry.text("site"), requirement = entry.text("requirement")
            let status = entry.text("status") ?? "", file = entry.text("file") ?? ""
            if let fingerprint, fingerprint.count != 16 || !fingerprint.allSatisfy(\.isHexDigit) {
                entry.fail(.invalidValue, "fingerprint", "fingerprint must be 16 hex digits, not '\(Escape.excerpt(fingerprint))'")
            }
            entryErrors += entry.errors
            if let fingerprint, let site, let requirement, entry.errors.isEmpty {
                entries.append(Baseline.Entry(fingerprint: fingerprint, site: site, requirement: requirement, status: status, file: file))
            }
        }
        let errors = reader.errors + entryErrors
        if !errors.isEmpty { throw InputError(Array(errors.prefix(AuditRunner.maxDiagnostics))) }
        return entries
    }

    @Test("the streamed baseline reader gives the tree reader's entries, errors, positions and codes")
    func streamedBaseline() throws {
        let dir = scratchDirectory()
        let good = #"{"fingerprint": "0123456789abcdef", "site": "s", "requirement": "R", "status": "gap", "file": "f.yaml"}"#
        func doc(_ findings: String, head: String = #""schema": "h2audit-baseline", "schema_version": 1, "as_of": "2026-11-23""#) -> String {
            "{\(head),\n \"findings\": \(findings)}\n"
        }
        let manyBad = (0..<30).map { #"{"fingerprint": "\#($0)", "site": "s", "requirement": "R"}"# }.joined(separator: ",\n")
        let cases: [String: String] = [
            "good": doc("[\n" + good + ",\n" + good.replacingOccurrences(of: "\"s\"", with: "\"t\"") + "\n]"),
            "empty-list": doc("[]"),
            "block-yaml": "schema: h2audit-baseline\nschema_version: 1\nfindings:\n  - fingerprint: 0123456789ABCDEF\n    site: s\n    requirement: R\n    status: ~\n",
            "entry-errors": doc(#"""
            [
              {"fingerprint": "xyz", "site": "s", "requirment": "R"},
              {"fingerprint": null, "site": "  ", "requirement": ["R"], "status": {"a": 1}, "x_note": 1},
              "not an entry", [1, 2],
              {"fingerprint": "０１２３４５６７８９ａｂｃｄｅｆ", "site": "s", "requirement": "R"}
            ]
            """#),
            "thirty-bad": doc("[\n" + manyBad + "\n]"),
            "root-list": "[1, 2]\n", "root-scalar": "baseline\n",
            "report": #"{"schema": "h2audit-report", "files": []}"#,
            "schema-list": doc("[]", head: #""schema": ["h2audit-baseline"], "schema_version": 1"#),
            "version": doc("[" + good + "]", head: #""schema": "h2audit-baseline", "schema_version": 2, "extra": {"a": [1]}"#),
            "version-mapping": doc("[]", head: #""schema": "h2audit-baseline", "schema_version": {"major": 1}"#),
            "findings-scalar": doc("3"), "findings-mapping": doc(#"{"a": 1}"#), "findings-null": doc("null"),
            "no-findings": #"{"schema": "h2audit-baseline", "schema_version": 1}"#,
            "keys-after-findings": #"{"findings": [{"fingerprint": "x", "site": "s", "requirement": "R"}], "schema": "other", "sceham": 1}"#,
            "syntax-after-entries": doc("[\n" + good + ",\n" + good + "\n"),
            "second-document": doc("[" + good + "]") + "---\n{}\n",
            "alias": "schema: &s h2audit-baseline\nschema_version: 1\nfindings: [{fingerprint: 0123456789abcdef, site: *s, requirement: R}]\n",
            "deep": doc(#"[{"fingerprint": [[[[[[[[[1]]]]]]]]], "site": "s", "requirement": "R"}]"#),
        ]
        // Errors libyaml places by byte offset, read again from the file: not UTF-8, a tab; and a folder.
        var paths = cases.mapValues { text in { (url: URL) in write(text, to: url) } }
        paths["not-utf8"] = { url in
            FileManager.default.createFile(atPath: url.path, contents: Data(doc("[\n" + good + ",\n").utf8) + Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
            return url.path
        }
        paths["tab"] = { url in write("schema: h2audit-baseline\nfindings:\n  - fingerprint: 0123456789abcdef\nextra:\n\tsite: s\n", to: url) }
        paths["folder"] = { url in
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url.path
        }
        var failures: [[Diagnostic]] = [], loaded: [String: Int] = [:]
        for (name, make) in paths.sorted(by: { $0.key < $1.key }) {
            let path = make(dir.appendingPathComponent("\(name).json"))
            func outcome(_ load: (String) throws(InputError) -> [Baseline.Entry]) -> Result<[Baseline.Entry], InputError> {
                do throws(InputError) { return .success(try load(path)) } catch { return .failure(error) }
            }
            let tree = outcome(Self.treeLoad(path:)), streamed = outcome(BaselineReader.entries(path:))
            switch streamed {
            case .failure(let error): failures.append(error.diagnostics)
            case .success(let entries): loaded[name] = entries.count
            }
            switch (tree, streamed) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "\(name)")
                #expect(try Baseline.load(path: path).count == Set(a.map(\.fingerprint)).count, "\(name)")
            case (.failure(let a), .failure(let b)):
                #expect(a.diagnostics.map(\.description) == b.diagnostics.map(\.description), "\(name)")
                #expect(a.diagnostics.map(\.code) == b.diagnostics.map(\.code), "\(name)")
                #expect(b.diagnostics.allSatisfy { $0.mark != nil || name == "folder" }, "\(name): \(b)")
            default:
                Issue.record("\(name): the tree reader gave \(tree), the streamed one \(streamed)")
            }
        }
        // The cases reach every kind of outcome: entries, entry errors (capped), file errors, loader errors.
        #expect(loaded == ["good": 2, "empty-list": 0, "block-yaml": 1] && failures.count == paths.count - 3)
        #expect(failures.contains { $0.count == AuditRunner.maxDiagnostics })
        let codes: Set<InputErrorCode> = [.wrongType, .missingKey, .unknownKey, .invalidValue, .notASite, .yamlSyntax, .yamlFeature,
                                          .limitExceeded, .encoding, .unreadable]
        #expect(Set(failures.flatMap { $0.map(\.code) }) == codes)
        #expect(failures.contains { $0.first?.message.hasPrefix("tab character:") == true && $0.first?.mark?.line == 5 })
    }

    @Test("runs OLD NEW: new and vanished filings, new and resolved findings, changed statuses")
    func runs() throws {
        let dir = scratchDirectory()
        let sites = dir.appendingPathComponent("sites")
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: sites.path)
        #expect(try run(["check", "sites", "--as-of", "2026-11-23", "--format", "json", "--output", "old.json"], in: dir).status == 1)
        // Next month: Tokyo withdrawn, a new filing, Ulsan reformatted with the road distance fixed.
        try FileManager.default.removeItem(at: dir.appendingPathComponent(tokyoSite))
        let ulsanText = try reformattedUlsan()
        write(ulsanText.replacingOccurrences(of: "public_road: 4.5 m", with: "public_road: 5.5 m"), to: dir.appendingPathComponent(ulsanSite))
        write(ulsanText.replacingOccurrences(of: "id: kr-ulsan-onsite-hrs", with: "id: kr-ulsan-2"), to: sites.appendingPathComponent("kr-ulsan-2.yaml"))
        #expect(try run(["check", "sites", "--as-of", "2026-11-23", "--format", "json", "--output", "new.json"], in: dir).status == 1)
        let r = try run(["runs", "old.json", "new.json", "--format", "json"], in: dir)
        #expect(r.status == 0, "no finding is new on a filing present in both runs: \(r.stdout.prefix(600))")
        let c = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(c["new_filings"] as? [String] == ["kr-ulsan-2"])
        #expect(c["vanished_filings"] as? [String] == ["jp-tokyo-koto-hrs"])
        let resolved = try #require(c["resolved_findings"] as? [[String: Any]])
        #expect(resolved.count == 1 && resolved[0]["requirement"] as? String == "KR-HRS-002")
        #expect((c["new_findings"] as? [Any])?.isEmpty == true)
        let changed = try #require(c["changed_status"] as? [[String: Any]])
        #expect(changed.count == 1 && changed[0]["old"] as? String == "gap" && changed[0]["new"] as? String == "met")
        let text = try run(["runs", "old.json", "new.json"], in: dir)
        #expect(text.stdout.contains("resolved findings (in the old run, not in the new): 1"))
        #expect(text.stdout.contains("kr-ulsan-onsite-hrs  KR-HRS-002  gap -> met  MAJOR"))
        #expect(try run(["runs", "old.json", "sites/kr-ulsan-2.yaml"], in: dir).status == ExitStatus.inputErrors)
    }
}
