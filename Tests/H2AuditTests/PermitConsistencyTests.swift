import Foundation
import Testing
@testable import H2Audit

/// `changed_equipment` of a JP change permit (HPGSA Art. 14(1)) names listed
/// equipment and belongs to a `class1_change`: an id that names nothing would
/// read as "the change altered none of the items checked" (JP second reader
/// round 7, D1).
@Suite("Permit consistency: changed_equipment")
struct PermitConsistencyTests {
    let runner = AuditRunner(checker: Checker(packs: shippedPacks, asOf: Day("2026-12-01")!))
    static let permit = "  - {kind: class1_production, authority: Tokyo Metropolitan Government, number: TMG-HP-2021-118, issued: 2021-07-15}\n"

    func tokyo(_ permits: String, in dir: URL, _ name: String) throws -> String {
        let text = try String(contentsOfFile: sitesDirectory + "/jp-tokyo-offsite-urban-hrs.yaml", encoding: .utf8)
        let changed = text.replacingOccurrences(of: Self.permit, with: permits)
        #expect(changed != text, "the Tokyo example's permit line changed")
        return write(changed, to: dir.appendingPathComponent(name))
    }

    func errors(_ path: String) -> [Diagnostic] {
        guard case .failed(_, let diagnostics) = runner.check(path: path) else { return [] }
        return diagnostics.filter { $0.severity == .error }
    }

    @Test("listed ids on a change permit are accepted; an unknown id or another kind is an input error at the value")
    func references() throws {
        let dir = scratchDirectory()
        let change = "  - {kind: class1_change, issued: 2024-04-01, changed_equipment: %@}\n"
        let good = try tokyo(Self.permit + change.replacingOccurrences(of: "%@", with: "[D-1, C-1]"), in: dir, "good.yaml")
        #expect(errors(good).isEmpty)
        let none = try tokyo(Self.permit + change.replacingOccurrences(of: "%@", with: "[]"), in: dir, "none.yaml")
        #expect(errors(none).isEmpty)
        let unknown = try tokyo(Self.permit + change.replacingOccurrences(of: "%@", with: "[D-2]"), in: dir, "unknown.yaml")
        let e = try #require(errors(unknown).first)
        #expect(e.code == .invalidValue && e.message.contains("'D-2'") && e.message.contains("did you mean 'D-1'"), "\(e.message)")
        let kind = try tokyo("  - {kind: class1_production, issued: 2021-07-15, changed_equipment: [D-1]}\n", in: dir, "kind.yaml")
        let k = try #require(errors(kind).first)
        #expect(k.code == .invalidValue && k.message.contains("class1_change"), "\(k.message)")
    }
}
