import Foundation
import Testing
@testable import H2Audit

@Suite("Several outputs in one run (issue 18, item 3)", .serialized)
struct OutputsTests {
    @Test("FORMAT=PATH parses; a plain path takes --format; '-' is standard output")
    func parsing() throws {
        let formats = ReportFormat.checkFormats
        #expect(try OutputSpec.parse("json=run.json", defaultFormat: .text, formats: formats) == OutputSpec(format: .json, path: "run.json"))
        #expect(try OutputSpec.parse("text=-", defaultFormat: .json, formats: formats) == OutputSpec(format: .text, path: nil))
        #expect(try OutputSpec.parse("out/a=b.json", defaultFormat: .csv, formats: formats) == OutputSpec(format: .csv, path: "out/a=b.json"))
        #expect(try OutputSpec.parse("r.sarif", defaultFormat: .sarif, formats: formats) == OutputSpec(format: .sarif, path: "r.sarif"))
        #expect(throws: OutputSpecError.self) { try OutputSpec.parse("jsn=r.json", defaultFormat: .text, formats: formats) }
        #expect(throws: OutputSpecError.self) { try OutputSpec.parse("markdown=r.md", defaultFormat: .text, formats: formats) }
        #expect(throws: OutputSpecError.self) { try OutputSpec.parse("json=", defaultFormat: .text, formats: formats) }
        #expect(OutputSpec.conflicts([OutputSpec(format: .text, path: nil), OutputSpec(format: .json, path: nil)]) != nil)
        #expect(OutputSpec.conflicts([OutputSpec(format: .text, path: "a"), OutputSpec(format: .json, path: "./a")]) != nil)
        #expect(OutputSpec.conflicts([OutputSpec(format: .text, path: "/dev/null"), OutputSpec(format: .json, path: "/dev/null")]) == nil)
    }

    @Test("json, sarif and text in one run: each complete, the same verdict as separate runs")
    func threeReports() throws {
        let dir = scratchDirectory()
        let r = try run(["check", sitesDirectory, "--as-of", "2026-11-23", "--output", "json=run.json", "--output", "sarif=run.sarif",
                         "--output", "text=-", "--output", "triage-csv=triage.csv"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\nSummary\n") && !r.stderr.contains("wrote"))
        let alone = try run(["check", sitesDirectory, "--as-of", "2026-11-23", "--format", "json"], in: dir)
        #expect(try String(contentsOf: dir.appendingPathComponent("run.json"), encoding: .utf8) == alone.stdout)
        let sarif = try Data(contentsOf: dir.appendingPathComponent("run.sarif"))
        #expect((try JSONSerialization.jsonObject(with: sarif) as? [String: Any])?["version"] as? String == "2.1.0")
        #expect(try String(contentsOf: dir.appendingPathComponent("triage.csv"), encoding: .utf8).split(separator: "\r\n").count == 10)
        #expect(temporaryReports(in: dir).isEmpty)

        let quiet = try run(["check", sitesDirectory, "--as-of", "2026-11-23", "--output", "json=only.json"], in: dir)
        // The count of files with violations follows the packs; the line's shape does not.
        #expect(quiet.stdout.isEmpty && quiet.stderr.contains("9 files checked, ")
                && quiet.stderr.contains(" with violations, 0 input errors; wrote json to only.json (exit 1)"), "\(quiet.stderr)")
    }

    @Test("usage errors: two reports to stdout or one path, an unknown format")
    func refusals() throws {
        let dir = scratchDirectory()
        #expect(try run(["check", sitesDirectory, "--output", "text=-", "--output", "json=-"], in: dir).status == ExitStatus.usage)
        #expect(try run(["check", sitesDirectory, "--output", "json=a", "--output", "csv=a"], in: dir).status == ExitStatus.usage)
        let typo = try run(["check", sitesDirectory, "--output", "sarf=a.sarif"], in: dir)
        #expect(typo.status == ExitStatus.usage && typo.stderr.contains("did you mean 'sarif'?"))
    }

    @Test("a report that cannot be opened: exit 74, and no other report is written")
    func oneUnwritable() throws {
        let dir = scratchDirectory()
        let r = try run(["check", sitesDirectory, "--output", "json=good.json", "--output", "sarif=missing-folder/x.sarif"], in: dir)
        #expect(r.status == ExitStatus.ioError)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("good.json").path))
        #expect(temporaryReports(in: dir).isEmpty)
    }

    @Test("SIGTERM during a run with two reports keeps both previous reports and leaves no temporary file")
    func interrupted() throws {
        let dir = scratchDirectory()
        write(bigSite(30_000), to: dir.appendingPathComponent("big.yaml"))
        write("previous", to: dir.appendingPathComponent("a.json"))
        write("previous", to: dir.appendingPathComponent("b.csv"))
        let r = try shell("$B check big.yaml --as-of 2026-11-23 --output json=a.json --output csv=b.csv & pid=$!; sleep 1.5; kill -TERM $pid; wait $pid; echo \"status $?\"", in: dir)
        #expect(r.stdout == "status 143\n", "\(r.stdout) \(r.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("a.json"), encoding: .utf8) == "previous")
        #expect(try String(contentsOf: dir.appendingPathComponent("b.csv"), encoding: .utf8) == "previous")
        #expect(temporaryReports(in: dir).isEmpty)
    }
}
