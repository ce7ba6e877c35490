import Foundation
import Testing
@testable import H2Audit

/// The shipped example sites checked at a fixed date, with their results.
func checkedExampleSites(asOf: String = "2026-11-23") throws -> [FileResult] {
    let runner = AuditRunner(checker: Checker(packs: shippedPacks, asOf: Day(asOf)!))
    let files = try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
    return files.map { runner.check(path: sitesDirectory + "/" + $0) }
}

@Suite("Triage view, --quiet, --compact (issue 18, item 1)")
struct TriageTests {
    @Test("the score is the documented sum over violations, and rows sort worst first")
    func scoreAndOrder() throws {
        let results = try checkedExampleSites()
        var rows = results.map(TriageRow.init)
        rows.append(TriageRow(.failed(file: "broken.yaml", diagnostics: [Diagnostic(code: .yamlSyntax, file: "broken.yaml", message: "bad")])))
        for (row, result) in zip(rows, results) {
            guard case .checked(let report) = result else { Issue.record("\(result.file) not checked"); continue }
            var expected = 0
            for f in report.findings where f.isViolation {
                let weight = [Severity.critical: 10, .major: 5, .minor: 2, .info: 1][f.requirement.severity]!
                expected += f.status == .gap ? 2 * weight : weight
            }
            #expect(row.score == expected, "\(row.file)")
            #expect(row.violationCount == report.findings.filter(\.isViolation).count)
        }
        let sorted = rows.sorted(by: TriageRow.worstFirst)
        #expect(sorted.first?.file == "broken.yaml", "a file that could not be checked comes first")
        let scores = sorted.dropFirst().map(\.score)
        #expect(scores == scores.sorted(by: >))
        #expect(Set(scores).count > 3, "the example sites should differ in score")
    }

    @Test("triage-csv and triage-json list every filing once, worst first, with the operator")
    func cliTriage() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: dir.appendingPathComponent("sites").path)
        write("id: [", to: dir.appendingPathComponent("sites/zz-broken.yaml"))
        let csv = try run(["check", "sites", "--format", "triage-csv", "--as-of", "2026-11-23"], in: dir)
        #expect(csv.status == ExitStatus.inputErrors)
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == TriageReport.columns.joined(separator: ","))
        #expect(lines.count == 1 + 10)
        #expect(lines[1].contains("zz-broken.yaml") && lines[1].contains("input-error"))
        let scoreColumn = TriageReport.columns.firstIndex(of: "score")!
        // No field of these rows holds a comma inside quotes before the score column but the roles: split is safe here.
        let scores = lines.dropFirst(2).map { line -> Int in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return Int(fields[scoreColumn]) ?? -1
        }
        #expect(scores.allSatisfy { $0 >= 0 } && scores == scores.sorted(by: >), "\(scores)")
        #expect(csv.stdout.contains("Tokyo Bay Hydrogen Energy K.K. (illustrative)"))

        let json = try run(["check", "sites", "--format", "triage-json", "--as-of", "2026-11-23", "--top", "3"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let filings = try #require(object["filings"] as? [[String: Any]])
        #expect(filings.count == 3 && object["filings_total"] as? Int == 10)
        #expect(filings[0]["checked"] as? Bool == false)
        #expect(filings[1]["rank"] as? Int == 2 && filings[1]["score"] is Int && filings[1]["counts"] is [String: Any])
        #expect((object["score"] as? [String: Any])?["definition"] as? String == TriageScore.definition)
        #expect((object["summary"] as? [String: Any])?["input_errors"] as? Int == 1)

        let text = try run(["check", "sites", "--format", "triage", "--as-of", "2026-11-23"], in: dir)
        #expect(text.stdout.contains("h2audit triage: 10 filings, worst first"))
        #expect(text.stdout.contains("filings by worst result: input-error 1"))
    }

    @Test("--quiet prints the summary only; --compact one line per violation")
    func quietAndCompact() throws {
        let full = try run(["check", sitesDirectory, "--as-of", "2026-11-23"])
        let quiet = try run(["check", sitesDirectory, "--as-of", "2026-11-23", "--quiet"])
        #expect(quiet.status == full.status)
        #expect(!quiet.stdout.contains("fix:") && !quiet.stdout.contains("  MAJOR (") && quiet.stdout.contains("Summary"))
        let fullSummary = full.stdout.components(separatedBy: "\nSummary\n").last
        #expect(quiet.stdout.components(separatedBy: "\nSummary\n").last == fullSummary)

        let compact = try run(["check", sitesDirectory, "--as-of", "2026-11-23", "--compact"])
        #expect(compact.status == full.status)
        let body = compact.stdout.components(separatedBy: "\nSummary\n")[0].split(separator: "\n").dropFirst()
            .filter { !$0.isEmpty }
        let pattern = try Regex(#"^\S+\.yaml:\d+:\d+  (CRITICAL|MAJOR   |MINOR   |INFO    )  [A-Z]+-[A-Z0-9-]+  (gap|missing-evidence)  "#)
        for line in body { #expect(line.contains(pattern), "\(line)") }
        let summary = try #require(full.stdout.firstMatch(of: try Regex(#"violations by severity:  critical (\d+), major (\d+), minor (\d+), info (\d+)"#)))
        let total = (1...4).map { Int(summary.output[$0].substring!)! }.reduce(0, +)
        #expect(body.count == total)
        #expect(try run(["check", sitesDirectory, "--quiet", "--compact"]).status == ExitStatus.usage)
    }
}
