import Foundation
import Testing
@testable import H2Audit

@Suite("Coverage and traceability")
struct CoverageTests {
    func coverage(_ id: String) throws -> Coverage {
        let pack = try #require(shippedPacks.first { $0.id == id })
        return Coverage(pack: pack, trace: try Trace.load(path: Trace.path(for: pack.file)))
    }

    @Test("every row of each brief is encoded, a commitment, or listed with a reason", arguments: ["kr", "jp"])
    func noRowDropped(_ id: String) throws {
        let c = try coverage(id)
        #expect(c.unaccounted.isEmpty, "\(id): \(c.unaccounted)")
        #expect(c.unknownCitations.isEmpty, "\(id) cites rows its trace lacks: \(c.unknownCitations)")
        #expect(c.trace.notChecked.allSatisfy { $0.reason.count > 20 })
        // Every LAW or ELIG row not encoded by a requirement has its reason.
        let listed = Set(c.trace.notChecked.flatMap(\.rows))
        for row in c.lawAndEligibilityRows where c.requirementsByRow[row] == nil {
            #expect(listed.contains(row), "\(id): \(row) is neither encoded nor listed")
        }
        // POLICY rows become commitments (or are cited by a roadmap requirement), never violations.
        for (row, tag) in c.trace.rows where tag == "POLICY" {
            let viaCommitment = c.commitmentsByRow[row] != nil
            let viaRequirement = (c.requirementsByRow[row] ?? []).contains { rid in c.pack.requirements.first { $0.id == rid } != nil }
            #expect(viaCommitment || viaRequirement || listed.contains(row), "\(id): POLICY row \(row) unaccounted")
        }
    }

    @Test("at least 85 % of the LAW and ELIG rows are encoded as requirements", arguments: ["kr", "jp"])
    func share(_ id: String) throws {
        let c = try coverage(id)
        #expect(c.share >= 0.85, "\(id): \(c.encodedLawAndEligibilityRows.count) of \(c.lawAndEligibilityRows.count)")
        #expect(c.lawAndEligibilityRows.count >= 70)
    }

    @Test("the trace's source families account for every requirement")
    func sources() throws {
        for id in ["kr", "jp"] {
            let c = try coverage(id)
            for r in c.pack.requirements {
                #expect(c.trace.sources.contains { f in f.match.contains { r.source.document.contains($0) } }, "\(r.id): \(r.source.document)")
            }
        }
    }

    @Test("commitments are context: they never produce a finding")
    func commitments() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" })
        #expect(kr.commitments.count >= 8)
        let site = try Site.load(path: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml")
        let report = Checker(packs: shippedPacks, asOf: Day("2026-06-01")!).check(site)
        let commitmentIDs = Set(kr.commitments.map(\.id))
        #expect(!report.findings.contains { commitmentIDs.contains($0.requirement.id) })
    }

    @Test("trace errors point at the row")
    func traceErrors() throws {
        let dir = scratchDirectory()
        let path = write("""
        trace: {pack: kr, brief: b}
        rows:
          KR-01: POLICY
          KR-02: LAWS
        not_checked:
          - rows: [KR-01, KR-99]
            reason: something long enough to read as a reason
        """, to: dir.appendingPathComponent("x.trace.yaml"))
        do {
            _ = try Trace.load(path: path)
            Issue.record("the trace loaded")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.contains(":4:10:") && $0.contains("tag 'LAWS'") })
            #expect(messages.contains { $0.contains(":6:19:") && $0.contains("row 'KR-99' is not in 'rows'") })
        }
    }

    @Test("h2audit coverage prints text, JSON and Markdown")
    func command() throws {
        let text = try run(["coverage"])
        #expect(text.status == 0 && text.stdout.contains("LAW and ELIG duties"))
        let json = try run(["coverage", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let packs = try #require(object["packs"] as? [[String: Any]])
        #expect(packs.count == 2 && packs.allSatisfy { ($0["share"] as? Double ?? 0) >= 0.85 })
        #expect(try run(["coverage", "--regime", "jp", "--format", "markdown"]).stdout.hasPrefix("## jp:"))
        #expect(try run(["explain", "JP-C-P1"]).stdout.contains("never a site's gap"))
    }
}
