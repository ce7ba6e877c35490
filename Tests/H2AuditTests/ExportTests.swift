import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import H2Audit

/// Runs a Python script with `args`; the result's status is Python's.
func python(_ script: String, _ args: [String]) throws -> RunResult {
    try shell("python3 -c \"$SCRIPT\" " + args.map { "'\($0)'" }.joined(separator: " "), environment: ["SCRIPT": script])
}

@Suite("Exports: OSCAL, SARIF, JUnit, input-error codes (issue 18, item 8)", .serialized)
struct ExportTests {
    /// The example sites and one broken file, in a scratch folder.
    func intake(_ name: String = #function) throws -> URL {
        let dir = scratchDirectory(name)
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: dir.appendingPathComponent("sites").path)
        write("id: [", to: dir.appendingPathComponent("sites/zz-broken.yaml"))
        return dir
    }

    @Test("name-based UUIDs are RFC 9562 version 5, as Python's uuid5 computes them")
    func uuids() throws {
        #expect(SHA1.hash(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(NameUUID.of("site/kr-ulsan-onsite-hrs") == "06485cb7-fc66-5042-830c-49ea398c15d7")
    }

    @Test("OSCAL assessment results load into compliance-trestle's models, with a finding per decided result")
    func oscalLoadsInTrestle() throws {
        let dir = try intake()
        let r = try run(["check", "sites", "--as-of", "2026-11-23", "--output", "oscal=ar.json", "--output", "json=r.json"], in: dir)
        #expect(r.status == ExitStatus.inputErrors)
        let path = dir.appendingPathComponent("ar.json").path
        // compliance-trestle (pip install compliance-trestle; .ci/run installs it) validates every field with its pydantic models.
        let load = try python("""
        import sys, json
        from trestle.oscal.assessment_results import AssessmentResults
        ar = AssessmentResults.oscal_read(__import__('pathlib').Path(sys.argv[1]))
        res = ar.results[0]
        print(len(res.observations), len(res.findings), len(res.local_definitions.inventory_items))
        print(sum(1 for f in res.findings if f.target.status.state.value == 'satisfied'))
        print(sorted({f.target.target_id for f in res.findings})[0])
        """, [path])
        #expect(load.status == 0, "trestle could not load the export: \(load.stderr.suffix(1500))")
        let lines = load.stdout.split(separator: "\n").map(String.init)
        // Independently: the JSON report's decided results (met, gap, missing evidence, waived) per checked site.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as? [String: Any])
        var decided = 0, met = 0
        for file in (report["files"] as? [[String: Any]]) ?? [] where file["checked"] as? Bool == true {
            let counts = try #require(file["counts"] as? [String: Int])
            decided += counts["met"]! + counts["gap"]! + counts["missing-evidence"]! + counts["waived"]!
            met += counts["met"]!
        }
        let errorObservations = 1  // the broken file's one error
        #expect(lines.count == 3)
        #expect(lines.first == "\(decided + errorObservations) \(decided) 10", "\(lines)")
        #expect(lines.dropFirst().first == "\(met)")
        // Reruns name sites, observations and findings alike.
        _ = try run(["check", "sites", "--as-of", "2026-11-23", "--output", "oscal=ar2.json"], in: dir)
        func findingIDs(_ name: String) throws -> [String] {
            let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as? [String: Any])
            let results = try #require(((root["assessment-results"] as? [String: Any])?["results"]) as? [[String: Any]])
            return (results[0]["findings"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
        }
        #expect(try findingIDs("ar.json") == findingIDs("ar2.json"))
    }

    @Test("SARIF validates against the 2.1.0 schema; non-fail kinds have level none; relative URIs; security-severity and tags")
    func sarif() throws {
        let dir = try intake()
        let r = try run(["check", dir.appendingPathComponent("sites").path, "--as-of", "2026-11-23", "--format", "sarif", "--output", "r.sarif"], in: dir)
        #expect(r.status == ExitStatus.inputErrors)
        let schema = "/work/shared/schemas/sarif-schema-2.1.0.json"
        let schemaPath = FileManager.default.fileExists(atPath: schema) ? schema
            : repositoryRoot.appendingPathComponent("Tests/H2AuditTests/Fixtures/sarif-schema-2.1.0.json").path
        let validate = try python("""
        import sys, json, jsonschema
        schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
        jsonschema.validate(doc, schema)
        print('valid')
        """, [schemaPath, dir.appendingPathComponent("r.sarif").path])
        #expect(validate.status == 0 && validate.stdout == "valid\n", "\(validate.stderr.suffix(1500))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.sarif"))) as? [String: Any])
        let run0 = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run0["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        for rule in rules where rule["id"] as? String != "input-error" {
            let props = try #require(rule["properties"] as? [String: Any])
            #expect(Double(props["security-severity"] as? String ?? "") != nil)
            #expect((props["tags"] as? [String])?.contains("security") == true)
            if let help = rule["helpUri"] as? String { #expect(help.unicodeScalars.allSatisfy { $0.isASCII }, "\(help)") }
        }
        let bases = try #require(run0["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases[SARIFReport.rootBase]?["uri"]?.hasPrefix("file:///") == true && bases[SARIFReport.rootBase]?["uri"]?.hasSuffix("/") == true)
        let results = try #require(run0["results"] as? [[String: Any]])
        var kinds = Set<String>()
        for result in results {
            let kind = result["kind"] as? String ?? "fail"
            kinds.insert(kind)
            if kind != "fail" { #expect(result["level"] as? String == "none", "\(result)") }
            let location = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String])
            #expect(location["uriBaseId"] == SARIFReport.rootBase && location["uri"]?.hasPrefix("sites/") == true, "\(location)")
        }
        #expect(kinds.isSuperset(of: ["fail", "informational"]))
        let errors = results.filter { $0["ruleId"] as? String == "input-error" }
        #expect(errors.count == 1 && (errors[0]["properties"] as? [String: String])?["code"] == "yaml-syntax")
    }

    @Test("JUnit: the run's timestamp and the totals on testsuites equal the sums of the suites")
    func junit() throws {
        let dir = try intake()
        let r = try run(["check", "sites", "--as-of", "2026-11-23", "--format", "junit"], in: dir)
        #expect(r.status == ExitStatus.inputErrors)
        let xml = try XMLDocument(data: Data(r.stdout.utf8))
        let suites = try #require(xml.rootElement())
        #expect(suites.name == "testsuites")
        let stamp = try #require(suites.attribute(forName: "timestamp")?.stringValue)
        #expect(stamp.wholeMatch(of: try Regex(#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#)) != nil && !stamp.hasPrefix("2026-11-23"), "\(stamp)")
        for name in ["tests", "failures", "errors", "skipped"] {
            let total = Int(suites.attribute(forName: name)?.stringValue ?? "") ?? -1
            let sum = (suites.elements(forName: "testsuite")).map { Int($0.attribute(forName: name)?.stringValue ?? "") ?? 0 }.reduce(0, +)
            #expect(total == sum && total >= 0, "\(name): \(total) vs \(sum)")
        }
        #expect(Int(suites.attribute(forName: "errors")?.stringValue ?? "") == 1)
        #expect(r.stdout.contains("<error type=\"yaml-syntax\""))
    }

    @Test("every hostile file's first error has a specific code")
    func inputErrorCodes() throws {
        let expected: [String: String] = [
            "absurd-percentage.yaml": "out-of-range", "ambiguous-unit.yaml": "unit", "bad-date.yaml": "wrong-type",
            "below-absolute-zero.yaml": "out-of-range", "billion-laughs.yaml": "limit-exceeded", "complex-key.yaml": "yaml-feature",
            "control-character.yaml": "encoding", "custom-tag.yaml": "yaml-feature", "deep-nesting.yaml": "limit-exceeded",
            "duplicate-id.yaml": "duplicate", "duplicate-key.yaml": "duplicate", "empty.yaml": "empty-file", "homoglyph-key.yaml": "unknown-key",
            "invalid-utf8.yaml": "encoding", "merge-key.yaml": "not-a-site", "mismatched-unit.yaml": "unit", "missing-required.yaml": "missing-key",
            "missing-unit.yaml": "unit", "multi-document.yaml": "yaml-feature", "nan-quantity.yaml": "wrong-type",
            "negative-quantity.yaml": "out-of-range", "nul-byte.yaml": "encoding", "only-comments.yaml": "empty-file",
            "overflowing-integer.yaml": "wrong-type", "overflowing-quantity.yaml": "wrong-type", "root-is-list.yaml": "not-a-site",
            "root-is-scalar.yaml": "not-a-site", "tab-indentation.yaml": "yaml-syntax", "unclosed-flow.yaml": "yaml-syntax",
            "undefined-alias.yaml": "yaml-feature", "unknown-key.yaml": "unknown-key", "unknown-unit.yaml": "unit",
            "waiver-without-approver.yaml": "missing-key", "wrong-enum.yaml": "wrong-type", "wrong-type-list.yaml": "wrong-type",
            "wrong-type-mapping.yaml": "wrong-type", "wrong-type-scalar.yaml": "wrong-type", "yes-is-not-a-boolean.yaml": "wrong-type",
        ]
        let runner = AuditRunner(checker: Checker(packs: shippedPacks, asOf: Day("2026-11-23")!))
        let folder = repositoryRoot.appendingPathComponent("Tests/H2AuditTests/Hostile").path
        var seen = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            guard case .failed(_, let diagnostics) = runner.check(path: folder + "/" + name) else { continue }
            seen += 1
            let first = try #require(diagnostics.first { $0.severity == .error })
            #expect(InputErrorCode.of(first) == expected[name], "\(name): \(first.message)")
        }
        #expect(seen == expected.count)
        // The JSON report carries the code.
        let dir = try intake()
        let json = try run(["check", "sites/zz-broken.yaml", "--format", "json"], in: dir)
        #expect(json.stdout.contains("\"code\":\"yaml-syntax\""))
    }
}
