import Foundation
import Testing
@testable import H2Audit

@Suite("Configuration discovery (issue 18, item 6)", .serialized)
struct ConfigTests {
    /// A project folder with the example sites, a configuration and a subfolder to run from.
    func project(_ config: String, name: String = #function) throws -> URL {
        let dir = scratchDirectory(name)
        try FileManager.default.copyItem(atPath: sitesDirectory, toPath: dir.appendingPathComponent("sites").path)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("deep/er"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("docs/examples/waivers.yaml").path,
                                         toPath: dir.appendingPathComponent("waivers.yaml").path)
        write(config, to: dir.appendingPathComponent(".h2audit.yaml"))
        return dir
    }

    @Test("found from a subfolder; --show-config names each value's source; flags override")
    func discoveryAndShow() throws {
        let dir = try project("""
        regime: [kr]
        as_of: 2026-11-23
        fail_on: critical
        waivers: waivers.yaml
        outputs: [json=out/run.json, triage=-]
        """)
        let deep = dir.appendingPathComponent("deep/er")
        let config = dir.appendingPathComponent(".h2audit.yaml").path
        let shown = try run(["check", "--show-config", "--fail-on", "minor"], in: deep)
        #expect(shown.status == 0)
        let lines = shown.stdout.split(separator: "\n").map(String.init)
        func row(_ key: String) -> String { lines.first { $0.hasPrefix("  \(key) ") } ?? "" }
        #expect(lines.first == "configuration file: \(config)")
        #expect(row("regime").contains("kr") && row("regime").hasSuffix("\(config):1:9"))
        #expect(row("as_of").contains("2026-11-23") && row("as_of").hasSuffix("\(config):2:8"))
        #expect(row("fail_on").contains("minor") && row("fail_on").hasSuffix("--fail-on"))
        #expect(row("waivers").contains(dir.appendingPathComponent("waivers.yaml").path))
        #expect(row("outputs").contains("json=\(dir.appendingPathComponent("out/run.json").path)"))
        #expect(row("min_severity").hasSuffix("default"))

        // The run uses it: the Korean pack only, the waivers, the triage on stdout, the JSON in out/.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let r = try run(["check", "../../sites"], in: deep)
        // The Japanese sites under the Korean pack alone are not assessed (exit 3), which shows the regime was applied.
        #expect(r.status == ExitStatus.notAssessed, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("h2audit triage: 9 filings"))
        let json = try String(contentsOf: dir.appendingPathComponent("out/run.json"), encoding: .utf8)
        #expect(json.contains("\"as_of\":\"2026-11-23\"") && json.contains("\"id\":\"kr\"") && !json.contains("\"id\":\"jp\""))
        #expect(json.contains("waivers file \(dir.appendingPathComponent("waivers.yaml").path)"))
        // A flag wins over the file; --no-config reads none.
        let flagged = try run(["check", "../../sites/kr-ulsan-onsite-electrolysis-hrs.yaml", "--output", "-", "--format", "json", "--as-of", "2026-06-01"], in: deep)
        #expect(flagged.stdout.contains("\"as_of\":\"2026-06-01\""))
        // Without --show-config, paths are still required (a usage error, not an empty run).
        let noPaths = try run(["check"], in: deep)
        #expect(noPaths.status == ExitStatus.usage && noPaths.stderr.contains("give the site files or folders to check"))
        let none = try run(["check", "--show-config", "--no-config"], in: deep)
        #expect(none.stdout.hasPrefix("configuration file: none (--no-config)") && none.stdout.contains("default"))
    }

    @Test("a bad configuration is an input error at its line and column")
    func badConfig() throws {
        let dir = try project("""
        regime: kr
        fail-on: major
        as_of: tomorrow
        min_severity: high
        """)
        let r = try run(["check", "sites"], in: dir)
        #expect(r.status == ExitStatus.inputErrors && r.stdout.isEmpty)
        for expected in [".h2audit.yaml:2:1: error: unknown key 'fail-on' in configuration; did you mean 'fail_on'?",
                         ".h2audit.yaml:3:8: error: 'as_of' must be a date YYYY-MM-DD, not 'tomorrow'",
                         ".h2audit.yaml:4:15: error: 'min_severity' must be one of critical, major, minor, info, not 'high'"] {
            #expect(r.stderr.contains(expected), "\(expected)\n\(r.stderr)")
        }
    }

    @Test("h2audit baseline does not subtract the configured baseline")
    func baselineIgnoresConfiguredBaseline() throws {
        let dir = try project("as_of: 2026-11-23\nbaseline: base.json\n")
        #expect(try run(["baseline", "sites", "--output", "base.json"], in: dir).status == 0)
        #expect(try run(["baseline", "sites", "--output", "again.json"], in: dir).status == 0)
        let first = try String(contentsOf: dir.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(try String(contentsOf: dir.appendingPathComponent("again.json"), encoding: .utf8) == first)
        #expect(first.contains("\"fingerprint\""))
        // check picks up the configured baseline: nothing new.
        #expect(try run(["check", "sites"], in: dir).status == 0)
    }
}
