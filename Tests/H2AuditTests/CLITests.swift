import Foundation
import Testing
@testable import H2Audit

@Suite("Command line", .serialized)
struct CLITests {
    @Test("check sites/ prints a report and exits 1 for gaps")
    func checkSites() throws {
        let result = try run(["check", sitesDirectory, "--as-of", "2026-06-01"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("files checked:           9"))
        #expect(result.stdout.contains("KR-HRS-002"))
        // The dispenser's road distance, pointed at by line and column of the file as it stands.
        let ulsan = try String(contentsOfFile: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml", encoding: .utf8)
        let lines = ulsan.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("id: D-1") })
        let distances = try #require(lines[row...].firstIndex { $0.contains("public_road: 4.5 m") })
        let column = try #require(lines[distances].range(of: "4.5 m")).lowerBound.utf16Offset(in: lines[distances]) + 1
        #expect(result.stdout.contains("kr-ulsan-onsite-electrolysis-hrs.yaml:\(distances + 1):\(column)"))
    }

    @Test("exit 0 when no gap reaches --fail-on")
    func failOn() throws {
        // A pack of its own, so the exit statuses do not hang on the shipped packs' verdicts.
        let dir = scratchDirectory()
        let roadmaps = dir.appendingPathComponent("roadmaps")
        try FileManager.default.createDirectory(at: roadmaps, withIntermediateDirectories: true)
        write("""
        pack: {id: kr, title: Test, country: KR}
        requirements:
          - {id: T-ROAD, title: road, stage: use, topic: separation-distance, severity: major, basis: law, roles: [refuelling_station],
             require: "equipment.all(e, e.distances.public_road >= 5 m)", source: {document: d, brief: [KR-68]}, rationale: r, remediation: f}
          - {id: T-MINOR, title: sign, stage: use, topic: monitoring, severity: minor, basis: law, roles: [refuelling_station],
             require: safety.warning_signs, source: {document: d, brief: [KR-68]}, rationale: r, remediation: f}
        """, to: roadmaps.appendingPathComponent("kr-test.yaml"))
        let header = "id: s\nname: S\ncountry: KR\nroles: [refuelling_station]\n"
        let clean = write(header + "equipment: [{id: D, type: dispenser, distances: {public_road: 6 m}}]\nsafety: {warning_signs: true}\n", to: dir.appendingPathComponent("clean.yaml"))
        let gappy = write(header + "equipment: [{id: D, type: dispenser, distances: {public_road: 4 m}}]\nsafety: {warning_signs: true}\n", to: dir.appendingPathComponent("gappy.yaml"))
        let minorOnly = write(header + "equipment: [{id: D, type: dispenser, distances: {public_road: 6 m}}]\nsafety: {warning_signs: false}\n", to: dir.appendingPathComponent("minor.yaml"))
        let packs = ["--roadmaps", roadmaps.path, "--as-of", "2026-06-01"]
        #expect(try run(["check", clean] + packs).status == 0)
        #expect(try run(["check", gappy] + packs).status == 1)
        #expect(try run(["check", gappy, "--fail-on", "critical"] + packs).status == 0)
        #expect(try run(["check", minorOnly] + packs).status == 0)
        #expect(try run(["check", minorOnly, "--fail-on", "minor"] + packs).status == 1)
        // A silent fact is missing evidence: a violation, not a pass.
        let silent = write(header + "equipment: [{id: D, type: dispenser}]\nsafety: {warning_signs: true}\n", to: dir.appendingPathComponent("silent.yaml"))
        #expect(try run(["check", silent] + packs).status == 1)
        // A site on which nothing applies is not assessed: exit 2, never 0.
        let pipeline = write("id: p\nname: P\ncountry: KR\nroles: [pipeline]\npipelines: []\n", to: dir.appendingPathComponent("pipeline.yaml"))
        let notAssessed = try run(["check", pipeline] + packs)
        #expect(notAssessed.status == ExitStatus.notAssessed && notAssessed.stdout.contains("not assessed"))
        // country: ~ is an input error.
        let nullCountry = write("id: n\nname: N\ncountry: ~\nroles: [refuelling_station]\n", to: dir.appendingPathComponent("null.yaml"))
        #expect(try run(["check", nullCountry] + packs).status == 2)
    }

    @Test("a malformed file gives exit 2 with its position, and the other files are still checked")
    func malformed() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: sitesDirectory + "/kr-incheon-fuel-cell-power-plant.yaml", toPath: dir.appendingPathComponent("a-good.yaml").path)
        write("id: x\nname: [unclosed\ncountry: KR\n", to: dir.appendingPathComponent("b-broken.yaml"))
        try FileManager.default.copyItem(atPath: sitesDirectory + "/jp-namie-alkaline-electrolysis-plant.yaml", toPath: dir.appendingPathComponent("c-good.yaml").path)
        let result = try run(["check", dir.path, "--as-of", "2026-06-01"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("b-broken.yaml:3:"))
        #expect(result.stdout.contains("files checked:           2"))
        #expect(result.stdout.contains("input errors:            1"))
        #expect(result.stdout.contains("Incheon") && result.stdout.contains("Namie"))
    }

    @Test("usage errors exit 64")
    func usage() throws {
        #expect(try run(["check", "--no-such-option", sitesDirectory]).status == 64)
        #expect(try run(["check", sitesDirectory, "--as-of", "tomorrow"]).status == 64)
        #expect(try run(["check", sitesDirectory, "--regime", "us"]).status != 0)
    }

    @Test("JSON output is one valid document")
    func json() throws {
        let result = try run(["check", sitesDirectory, "--format", "json", "--as-of", "2026-06-01"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema_version"] as? Int == 1)
        #expect((object?["files"] as? [Any])?.count == 9)
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["files_checked"] as? Int == 9)
    }

    @Test("validate, explain, list and schema")
    func otherCommands() throws {
        let validate = try run(["validate", sitesDirectory, roadmapsDirectory])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("examples pass"))
        let explain = try run(["explain", "kr-hrs-002"])
        #expect(explain.status == 0 && explain.stdout.contains("HPGSCA Enforcement Rule Annex 5"))
        #expect(try run(["explain", "KR-HRS-02"]).stderr.contains("did you mean"))
        let list = try run(["list", "--summary"])
        #expect(list.stdout.contains("by stage:") && list.stdout.contains("by basis:"))
        #expect(try run(["schema"]).stdout.contains("## equipment item"))
    }

    @Test("packs are found from any working directory")
    func workingDirectory() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = ["list", "--summary"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "H2AUDIT_ROADMAPS")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("kr ") && text.contains("jp "))
    }
}
