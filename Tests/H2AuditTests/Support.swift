import Foundation
import Testing
@testable import H2Audit

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

var roadmapsDirectory: String { repositoryRoot.appendingPathComponent("roadmaps").path }
var sitesDirectory: String { repositoryRoot.appendingPathComponent("sites").path }

/// The shipped packs, loaded once.
let shippedPacks: [RequirementPack] = {
    do { return try PackLocator.load(directory: roadmapsDirectory, regimes: [], extra: []) } catch {
        fatalError("shipped packs do not load: \(error)")
    }
}()

/// A scratch folder removed at process exit is not needed: each test makes its own.
func scratchDirectory(_ name: String = #function) -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("h2audit-tests-\(safe)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@discardableResult
func write(_ text: String, to url: URL) -> String {
    try! text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// Parses a site fragment (no required keys) for checker tests.
func fragment(_ yaml: String) throws -> FactObject {
    try Site.parse(yaml, file: "test.yaml", fragment: true).facts
}

/// A one-requirement pack from YAML text of the requirement's keys.
/// A Korean refuelling station `s` whose remaining keys are `body` (YAML lines), as a checked site file `s.yaml`.
func stationSite(_ body: String) throws -> Site {
    try Site.parse("id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n" + body, file: "s.yaml")
}

func pack(_ requirementYAML: String, country: String = "KR") throws -> RequirementPack {
    let indented = requirementYAML.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    let text = """
    pack: {id: test, title: Test pack, country: \(country)}
    requirements:
      -
    \(indented)
    """
    return try PackLoader().parse(text, file: "test-pack.yaml")
}

/// The h2audit executable built beside the test bundle.
var executablePath: String {
    let candidates = [
        Bundle.main.bundleURL.appendingPathComponent("h2audit").path,
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("h2audit").path,
        repositoryRoot.appendingPathComponent(".build/debug/h2audit").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the CLI with `arguments`, optional standard input, in `directory`.
func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["H2AUDIT_ROADMAPS"] = roadmapsDirectory
    process.environment = environment
    // Standard error goes to a file: with two pipes, a child that fills one
    // while the parent drains the other would block both for ever.
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("h2audit-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    let errHandle = try FileHandle(forWritingTo: errFile)
    defer { try? FileManager.default.removeItem(at: errFile) }
    let out = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = errHandle
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8)!) }
    try input.fileHandleForWriting.close()
    // Read before waiting so that large outputs do not block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errHandle.close()
    let errData = (try? Data(contentsOf: errFile)) ?? Data()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

/// Expects two checks of the same site to agree on every finding's status, mark and witnesses.
func expectSameFindings(_ a: [Finding], _ b: [Finding], _ context: String) {
    #expect(a.map(\.status) == b.map(\.status), "\(context)")
    #expect(a.map(\.mark) == b.map(\.mark), "\(context)")
    #expect(a.map { $0.witnesses.map(\.sentence) } == b.map { $0.witnesses.map(\.sentence) }, "\(context)")
}

/// Runs a bash script with `$B` the h2audit executable, `$S` the sites folder
/// and the executable's folder first on PATH (so `h2audit ...` runs as printed
/// in help examples); `extra` adds to the environment.
@discardableResult
func shell(_ script: String, in directory: URL? = nil, environment extra: [String: String] = [:]) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = (executablePath as NSString).deletingLastPathComponent + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["H2AUDIT_ROADMAPS"] = roadmapsDirectory
    environment["B"] = executablePath
    environment["S"] = sitesDirectory
    for (k, v) in extra { environment[k] = v }
    process.environment = environment
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("h2audit-sh-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    let errHandle = try FileHandle(forWritingTo: errFile)
    defer { try? FileManager.default.removeItem(at: errFile) }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errHandle.close()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
}
