import Foundation
import Testing
@testable import H2Audit

/// Input-error codes are set where each problem is found (README,
/// "Input-error codes"), not read back from the message.
@Suite("Input-error codes set at the source")
struct InputErrorCodeTests {
    static let asOf = Day("2026-11-23")!
    let runner = AuditRunner(checker: Checker(packs: shippedPacks, asOf: InputErrorCodeTests.asOf))

    /// The Ulsan example with one line changed; the change must take.
    static func ulsan(_ old: String, _ new: String) throws -> String {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite), encoding: .utf8)
        let changed = text.replacingOccurrences(of: old, with: new)
        #expect(changed != text, "'\(old)' is not in the Ulsan example")
        return changed
    }

    static func hostile(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/H2AuditTests/Hostile/\(name)").path
    }

    /// The diagnostics of a file that could not be checked; none when it was checked.
    func errors(_ path: String) -> [Diagnostic] {
        guard case .failed(_, let diagnostics) = runner.check(path: path) else { return [] }
        return diagnostics.filter { $0.severity == .error }
    }

    /// One input per code, each chosen so that its first error has that code.
    func inputs(in dir: URL) throws -> [(code: InputErrorCode, name: String, path: String)] {
        func file(_ name: String, _ text: String) -> String { write(text, to: dir.appendingPathComponent(name)) }
        return [
            (.unreadable, "a path that does not exist", dir.appendingPathComponent("no-such-file.yaml").path),
            (.unreadable, "a folder named as a file", dir.path),
            (.limitExceeded, "billion laughs", Self.hostile("billion-laughs.yaml")),
            (.limitExceeded, "deep nesting", Self.hostile("deep-nesting.yaml")),
            (.encoding, "invalid UTF-8", Self.hostile("invalid-utf8.yaml")),
            (.encoding, "a NUL byte", Self.hostile("nul-byte.yaml")),
            (.emptyFile, "only comments", Self.hostile("only-comments.yaml")),
            (.yamlSyntax, "tab indentation", Self.hostile("tab-indentation.yaml")),
            (.yamlSyntax, "a duplicate %YAML directive", file("directive.yaml", "%YAML 1.1\n%YAML 1.1\n---\nid: x\n")),
            (.yamlFeature, "a custom tag", Self.hostile("custom-tag.yaml")),
            (.yamlFeature, "two documents", Self.hostile("multi-document.yaml")),
            (.notASite, "a list at the root", Self.hostile("root-is-list.yaml")),
            (.notASite, "no site key at all", file("passwd.yaml", "root: x:0:0\ndaemon: x:1:1\nbin: x:2:2\n")),
            (.duplicate, "a duplicate key", Self.hostile("duplicate-key.yaml")),
            (.duplicate, "a duplicate equipment id", file("dup-id.yaml", try Self.ulsan("  - id: C-1\n", "  - id: EL-1\n"))),
            (.unknownKey, "an unknown key", Self.hostile("unknown-key.yaml")),
            (.unknownKey, "the replaced key 'facility'", file("facility.yaml", try Self.ulsan("zone: industrial\n", "zone: industrial\nfacility: refuelling_station\n"))),
            (.missingKey, "a required key missing", Self.hostile("missing-required.yaml")),
            (.missingKey, "a required key written empty", file("empty-name.yaml", try Self.ulsan("name: Ulsan Onsan On-site Electrolysis Hydrogen Station\n", "name: \"\"\n"))),
            (.unit, "an unknown unit", Self.hostile("unknown-unit.yaml")),
            (.unit, "a length for a pressure", file("kind.yaml", try Self.ulsan("max_operating_pressure: 3 MPa", "max_operating_pressure: 3 m"))),
            (.outOfRange, "a negative quantity", Self.hostile("negative-quantity.yaml")),
            (.outOfRange, "a pressure past any pressure", file("huge.yaml", try Self.ulsan("max_operating_pressure: 3 MPa", "max_operating_pressure: 30000000 MPa"))),
            (.futureDate, "a permit issued after the as-of date", file("future.yaml", try Self.ulsan("issued: 2023-11-02", "issued: 2099-11-02"))),
            (.roleConflict, "a station section without the station role", file("roles.yaml", try Self.ulsan("roles: [production, storage, refuelling_station]", "roles: [production, storage]"))),
            (.wrongType, "a mapping for a list", Self.hostile("wrong-type-mapping.yaml")),
            (.wrongType, "an unknown role", file("bad-role.yaml", try Self.ulsan("roles: [production, storage, refuelling_station]", "roles: [production, storage, refinery]"))),
            (.wrongType, "a decimal comma", file("comma.yaml", try Self.ulsan("rated_output: 250 Nm3/h", "rated_output: 1,5 Nm3/h"))),
            (.invalidValue, "a derived key written in the file", file("derived.yaml", try Self.ulsan("zone: industrial\n", "zone: industrial\nscope: {}\n"))),
            (.invalidValue, "a bound written '>='", file("bound.yaml", try Self.ulsan("max_operating_pressure: 3 MPa", "max_operating_pressure: \">= 3 MPa\""))),
        ]
    }

    @Test("every code is produced by at least one input, as the first error of that input")
    func everyCode() throws {
        let dir = scratchDirectory()
        var produced = Set<InputErrorCode>()
        for input in try inputs(in: dir) {
            let first = errors(input.path).first
            #expect(first?.code == input.code, "\(input.name): \(first?.message ?? "checked, no error")")
            if let first { produced.insert(first.code) }
        }
        #expect(produced == Set(InputErrorCode.allCases), "never produced: \(Set(InputErrorCode.allCases).subtracting(produced).map(\.rawValue).sorted())")
        // The raw values are the documented codes, each listed in the README's table.
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for code in InputErrorCode.allCases { #expect(readme.contains("| `\(code.rawValue)` |"), "\(code.rawValue)") }
        #expect(InputErrorCode.allCases.count == 16)
    }

    @Test("codes do not depend on the wording of the message")
    func notFromWording() throws {
        let dir = scratchDirectory()
        // Rewording every message keeps every code.
        for input in try inputs(in: dir) {
            for d in errors(input.path) {
                var reworded = d
                reworded.message = "reworded: cannot read, unknown key, tab character, role, more than 100 %"
                #expect(InputErrorCode.of(reworded) == d.code.rawValue && reworded.code == d.code, "\(input.name)")
            }
        }
        // Messages whose words (a filer's own text among them) would mislead a
        // reading of the message: each keeps the code of the check that found it.
        func file(_ name: String, _ text: String) -> String { write(text, to: dir.appendingPathComponent(name)) }
        let misleading: [(String, InputErrorCode, String)] = [
            // An enumeration error quoting the filer's text "cannot read": not an unreadable file.
            (file("quoted.yaml", try Self.ulsan("zone: industrial", "zone: cannot read")), .wrongType, "cannot read"),
            // An unknown key named like a YAML feature: an unknown key.
            (file("anchor.yaml", try Self.ulsan("    buried: false\n", "    buried: false\n    anchor_bolts: 4\n")), .unknownKey, "anchor_bolts"),
            // A personnel role outside its list: a wrong enumeration, not a role conflict.
            (file("staff.yaml", try Self.ulsan("role: general_manager", "role: chief")), .wrongType, "role"),
            // A required key left empty whose description speaks of roles: missing.
            (file("no-roles.yaml", try Self.ulsan("roles: [production, storage, refuelling_station]", "roles: []")), .missingKey, "role"),
        ]
        for (path, code, word) in misleading {
            let first = try #require(errors(path).first, "\(path) was checked")
            #expect(first.message.contains(word), "\(first.message)")
            #expect(first.code == code, "\(first.message)")
        }
    }

    @Test("every report writes the code of each error of a file that could not be checked")
    func reports() throws {
        let dir = scratchDirectory()
        let future = write(try Self.ulsan("issued: 2023-11-02", "issued: 2099-11-02"), to: dir.appendingPathComponent("future.yaml"))
        let r = try run(["check", future, "--as-of", "2026-11-23", "--output", "json=r.json", "--output", "sarif=r.sarif",
                         "--output", "junit=r.xml", "--output", "jsonl=r.jsonl", "--output", "csv=r.csv"], in: dir)
        #expect(r.status == ExitStatus.inputErrors, "\(r.stderr)")
        let json = try String(contentsOf: dir.appendingPathComponent("r.json"), encoding: .utf8)
        #expect(json.contains("\"code\":\"future-date\""), "\(json.prefix(600))")
        let jsonl = try String(contentsOf: dir.appendingPathComponent("r.jsonl"), encoding: .utf8)
        #expect(jsonl.contains("\"code\":\"future-date\""))
        let sarif = try String(contentsOf: dir.appendingPathComponent("r.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"descriptor\":{\"id\":\"future-date\"}") && sarif.contains("\"properties\":{\"code\":\"future-date\"}"))
        let junit = try String(contentsOf: dir.appendingPathComponent("r.xml"), encoding: .utf8)
        #expect(junit.contains("<error type=\"future-date\""))
        // CSV: the code in the last column, by its header name.
        let csv = parseCSV(try String(contentsOf: dir.appendingPathComponent("r.csv"), encoding: .utf8))
        let header = try #require(csv.first)
        let code = try #require(header.firstIndex(of: "code")), status = try #require(header.firstIndex(of: "status"))
        #expect(code == header.count - 1 && csv.count == 2, "\(csv)")
        #expect(csv.dropFirst().allSatisfy { $0[status] == "input-error" && $0[code] == "future-date" }, "\(csv)")
    }
}
