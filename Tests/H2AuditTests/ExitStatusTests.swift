import Foundation
import Testing
@testable import H2Audit

@Suite("Exit statuses for CI: --soft-fail and precedence (issue 18, item 9)", .serialized)
struct ExitStatusTests {
    func summary(_ json: String) throws -> [String: Any] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(root["summary"] as? [String: Any])
    }

    func intake(broken: Bool, _ name: String = #function) throws -> URL {
        let dir = scratchDirectory(name)
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: dir.appendingPathComponent("sites").path)
        if broken { write("id: [", to: dir.appendingPathComponent("sites/zz-broken.yaml")) }
        return dir
    }

    @Test("input errors and violations together: exit 2, and both are named for a script")
    func bothVisible() throws {
        let dir = try intake(broken: true)
        let r = try run(["check", "sites", "--as-of", "2026-11-23", "--format", "json"], in: dir)
        #expect(r.status == ExitStatus.inputErrors)
        let s = try summary(r.stdout)
        #expect(s["exit_code"] as? Int == 2 && s["exit_reasons"] as? [String] == ["input-errors", "violations"])
        #expect(r.stderr.contains("h2audit: exit 2 (input-errors, violations): 1 file could not be checked; violations at or above major in 9 files"), "\(r.stderr)")
        let text = try run(["check", "sites", "--as-of", "2026-11-23", "--quiet"], in: dir)
        #expect(text.stdout.contains("exit status:             2 (fail on major and above); also: violations"))
        let sarif = try run(["check", "sites", "--as-of", "2026-11-23", "--format", "sarif"], in: dir)
        #expect(sarif.stdout.contains("\"exitReasons\":[\"input-errors\",\"violations\"]"))
    }

    @Test("--soft-fail: violations exit 0; input errors, sites not assessed and no input still fail")
    func softFail() throws {
        let clean = try intake(broken: false)
        let r = try run(["check", "sites", "--as-of", "2026-11-23", "--format", "json", "--soft-fail"], in: clean)
        #expect(r.status == 0)
        let s = try summary(r.stdout)
        #expect(s["soft_fail"] as? Bool == true && s["exit_reasons"] as? [String] == ["violations"] && s["exit_code"] as? Int == 0)
        #expect(r.stderr.contains("exit 0 (--soft-fail): violations at or above major in 9 files, reported, not failed"))
        // The same from the configuration file.
        write("soft_fail: true\n", to: clean.appendingPathComponent(".h2audit.yaml"))
        #expect(try run(["check", "sites", "--as-of", "2026-11-23", "--quiet"], in: clean).status == 0)
        write("soft_fail: yes\n", to: clean.appendingPathComponent(".h2audit.yaml"))
        let bad = try run(["check", "sites", "--quiet"], in: clean)
        #expect(bad.status == ExitStatus.inputErrors && bad.stderr.contains(".h2audit.yaml:1:12: error: 'soft_fail' of configuration must be true or false"))
        try FileManager.default.removeItem(at: clean.appendingPathComponent(".h2audit.yaml"))

        let broken = try intake(broken: true)
        #expect(try run(["check", "sites", "--as-of", "2026-11-23", "--soft-fail"], in: broken).status == ExitStatus.inputErrors)
        let empty = scratchDirectory()
        #expect(try run(["check", empty.path, "--soft-fail"]).status == ExitStatus.noInput)
        // The Japanese pipeline under the Korean pack alone: nothing applies, not assessed.
        #expect(try run(["check", "sites/jp-kawasaki-hydrogen-pipeline.yaml", "--regime", "kr", "--soft-fail"], in: repositoryRoot).status == ExitStatus.notAssessed)
    }

    @Test("the precedence is documented in the README and in --help")
    func documented() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("### Exit-status precedence"))
        let help = try run(["check", "--help"]).stdout
        #expect(help.contains("--soft-fail"))
        var s = RunSummary(failOn: .major)
        s.inputErrors = 1; s.filesChecked = 3; s.notAssessed = 1; s.failingFiles = 2
        #expect(s.exitCode == ExitStatus.inputErrors && s.exitReasons == ["input-errors", "not-assessed", "violations"])
        s.inputErrors = 0
        #expect(s.exitCode == ExitStatus.notAssessed)
        s.notAssessed = 0
        #expect(s.exitCode == ExitStatus.violations)
        s.softFail = true
        #expect(s.exitCode == ExitStatus.ok && s.exitReasons == ["violations"])
    }
}
