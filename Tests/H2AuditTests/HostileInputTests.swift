import Foundation
import Testing
@testable import H2Audit
#if canImport(Glibc)
import Glibc
#endif

var hostileDirectory: String { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile").path }

/// Every committed hostile file, the message it must give, and its position
/// (nil where the problem concerns the whole file).
let hostileCases: [(file: String, message: String, line: Int?, column: Int?)] = [
    ("absurd-percentage.yaml", "more than 100 %", 6, 22),
    ("ambiguous-unit.yaml", "must be a gas volume", 6, 62),
    ("bad-date.yaml", "must be a date written YYYY-MM-DD", 6, 15),
    ("below-absolute-zero.yaml", "below absolute zero", 6, 82),
    ("billion-laughs.yaml", "aliases expand to more than", 4, 36),
    ("complex-key.yaml", "mapping keys must be plain text", 6, 3),
    ("control-character.yaml", "control characters are not allowed", 6, 15),
    ("custom-tag.yaml", "custom YAML tag", 6, 11),
    ("deep-nesting.yaml", "nesting deeper than 128 levels", 1, 131),
    ("duplicate-id.yaml", "id 'D1' is used twice", 6, 45),
    ("duplicate-key.yaml", "duplicate key 'name'", 6, 1),
    ("empty.yaml", "no YAML document", 1, 1),
    ("homoglyph-key.yaml", "did you mean 'id'", 1, 1),
    ("invalid-utf8.yaml", "not valid UTF-8", 6, 12),
    ("merge-key.yaml", "unknown key", 1, 1),
    ("mismatched-unit.yaml", "but '8 m' is a length", 6, 63),
    ("missing-required.yaml", "missing required key 'id'", 1, 1),
    ("missing-unit.yaml", "has no unit", 6, 64),
    ("multi-document.yaml", "found a second one", 6, 1),
    ("nan-quantity.yaml", "with a unit", 6, 63),
    ("negative-quantity.yaml", "cannot be negative", 6, 64),
    ("nul-byte.yaml", "control characters", 6, 14),
    ("only-comments.yaml", "no YAML document", 1, 1),
    ("overflowing-integer.yaml", "whole number", 6, 62),
    ("overflowing-quantity.yaml", "with a unit", 6, 64),
    ("root-is-list.yaml", "must be a mapping", 1, 1),
    ("root-is-scalar.yaml", "must be a mapping", 1, 1),
    ("tab-indentation.yaml", "tabs for indentation", 7, 1),
    ("unclosed-flow.yaml", "did not find expected", 7, 1),
    ("undefined-alias.yaml", "refers to no anchor", 6, 11),
    ("unknown-key.yaml", "did you mean 'distances'", 9, 5),
    ("unknown-unit.yaml", "did you mean 'MPa'", 6, 63),
    ("waiver-without-approver.yaml", "missing required key 'approver'", 6, 11),
    ("wrong-enum.yaml", "must be one of KR, JP", 3, 10),
    ("wrong-type-list.yaml", "must be a list", 6, 12),
    ("wrong-type-mapping.yaml", "must be a mapping", 6, 10),
    ("wrong-type-scalar.yaml", "must be a list", 4, 9),
    ("yes-is-not-a-boolean.yaml", "must be true or false, found 'yes'", 6, 52),
]

/// Paths that are bad as paths, made by the test: a 100 MB file, a folder
/// named like a file, an unreadable file, a symlink loop and a dangling link.
func makeGeneratedHostile(in dir: URL) throws -> [(path: String, message: String)] {
    let fm = FileManager.default
    let big = dir.appendingPathComponent("hundred-megabytes.yaml").path
    fm.createFile(atPath: big, contents: Data("id: big\n".utf8))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
    try handle.truncate(atOffset: 100 << 20)  // sparse: no 100 MB written to disk
    try handle.close()
    let folder = dir.appendingPathComponent("folder-named-like-a-file.yaml")
    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    let unreadable = dir.appendingPathComponent("unreadable.yaml").path
    var unreadableMessage = "cannot open"
    if geteuid() == 0 {
        // Permissions do not stop root: a Unix socket cannot be opened by anyone.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(unreadable.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)
    } else {
        fm.createFile(atPath: unreadable, contents: Data("id: x\n".utf8), attributes: [.posixPermissions: 0])
        unreadableMessage = "Permission denied"
    }
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop-a.yaml").path, withDestinationPath: dir.appendingPathComponent("loop-b.yaml").path)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop-b.yaml").path, withDestinationPath: dir.appendingPathComponent("loop-a.yaml").path)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.yaml").path, withDestinationPath: dir.appendingPathComponent("nowhere.yaml").path)
    return [(big, "more than the limit"), (folder.path, "is a directory"), (unreadable, unreadableMessage),
            (dir.appendingPathComponent("loop-a.yaml").path, "leads nowhere"), (dir.appendingPathComponent("dangling.yaml").path, "leads nowhere")]
}

@Suite("Hostile input", .serialized)
struct HostileInputTests {
    @Test("the corpus has at least 30 committed files and every one is listed here")
    func corpusComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: hostileDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 30)
        let listed = Set(hostileCases.map(\.file) + ["utf16-valid-site.yaml"])
        #expect(Set(files) == listed)
    }

    @Test("each hostile file gives its error with the file name, line and column", arguments: hostileCases)
    func hostile(_ file: String, _ message: String, _ line: Int?, _ column: Int?) throws {
        let path = hostileDirectory + "/" + file
        let diagnostics: [Diagnostic]
        do { _ = try Site.load(path: path); diagnostics = [] } catch { diagnostics = error.diagnostics }
        let first = try #require(diagnostics.first, "\(file) was accepted")
        #expect(first.file == path)
        #expect(first.description.hasPrefix(path))
        #expect(diagnostics.contains { $0.message.contains(message) }, "\(file): \(diagnostics)")
        if let line { #expect(first.mark?.line == line, "\(file): \(first)") }
        if let column { #expect(first.mark?.column == column, "\(file): \(first)") }
    }

    @Test("a UTF-16 file with a byte-order mark is read, not refused")
    func utf16() throws {
        let site = try Site.load(path: hostileDirectory + "/utf16-valid-site.yaml")
        #expect(site.id == "kr-incheon-fuel-cell-plant")
    }

    @Test("paths that are not readable files each give an error naming them")
    func generated() throws {
        let dir = scratchDirectory()
        for (path, message) in try makeGeneratedHostile(in: dir) {
            let expansion = InputFiles.expand([path])
            var diagnostics = expansion.errors
            for file in expansion.files {
                do { _ = try Site.load(path: file) } catch { diagnostics += error.diagnostics }
            }
            #expect(diagnostics.contains { $0.file == path && $0.description.contains(message) }, "\(path): \(diagnostics)")
        }
    }

    @Test("a batch run over every hostile input still checks every other file")
    func batch() throws {
        let dir = scratchDirectory()
        let generated = try makeGeneratedHostile(in: dir)
        try FileManager.default.copyItem(atPath: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml", toPath: dir.appendingPathComponent("good.yaml").path)
        let result = try run(["check", hostileDirectory, dir.path, "--format", "json", "--as-of", "2026-06-01"])
        #expect(result.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let checked = files.filter { $0["checked"] as? Bool == true }.compactMap { $0["file"] as? String }
        #expect(checked.count == 2 && checked.contains { $0.hasSuffix("good.yaml") } && checked.contains { $0.hasSuffix("utf16-valid-site.yaml") })
        let failed = Set(files.filter { $0["checked"] as? Bool == false }.compactMap { $0["file"] as? String })
        for (file, _, _, _) in hostileCases { #expect(failed.contains(hostileDirectory + "/" + file), "\(file) missing from the report") }
        for (path, _) in generated { #expect(failed.contains(path), "\(path) missing from the report") }
    }

    @Test("resource bounds are options: a smaller depth or size limit is enforced")
    func limits() throws {
        let site = sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml"
        let shallow = try run(["validate", site, "--max-depth", "3"])
        #expect(shallow.status == 2 && shallow.stdout.contains("nesting deeper than 3 levels"))
        let small = try run(["validate", site, "--max-file-size", "100"])
        #expect(small.status == 2 && small.stdout.contains("more than the limit of 100 bytes"))
        let nodes = try run(["validate", site, "--max-nodes", "50"])
        #expect(nodes.status == 2 && nodes.stdout.contains("more than 50 nodes"))
        #expect(try run(["validate", site, "--max-depth", "0"]).status == 64)
    }

    @Test("every input that once crashed a fuzzer is replayed")
    func fuzzRegressions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")
        var replayed = 0
        for (target, entry) in [("site", FuzzEntry.site), ("pack", FuzzEntry.pack)] as [(String, ([UInt8]) -> Void)] {
            let dir = root.appendingPathComponent(target)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !name.hasPrefix(".") {
                entry([UInt8](try Data(contentsOf: dir.appendingPathComponent(name))))
                replayed += 1
            }
        }
        // The seeds run through the same entries, so the replay path itself is exercised.
        for file in try FileManager.default.contentsOfDirectory(atPath: hostileDirectory) {
            FuzzEntry.site([UInt8](try Data(contentsOf: URL(fileURLWithPath: hostileDirectory + "/" + file))))
        }
        FuzzEntry.pack(Array("equipment.all(e, e.distances.public_road >= 5 m)".utf8))
        #expect(replayed >= 0)
    }
}
