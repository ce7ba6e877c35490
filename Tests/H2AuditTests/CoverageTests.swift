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

    @Test("penalties and other parties' entries are left out of the site's duties and counted by party and kind")
    func siteDuties() throws {
        let kr = try #require(shippedPacks.first { $0.id == "kr" })
        let path = write("""
        trace: {pack: kr, brief: b}
        rows:
          KR-01: LAW
          KR-02: LAW
        duties:
          KR-01:
            - duty: storage kept 17 m from a class-1 protected facility
              status: checked
              by: [KR-SEP-001]
            - duty: dispenser 5 m from the road
              status: not-checked
              reason: no site fact
          KR-02:
            - duty: fine up to KRW 5 m
              status: not-checked
              kind: penalty
              reason: what follows a breach
            - duty: product-manufacture permit
              status: not-checked
              party: maker
              reason: a duty of the maker
            - duty: local head may add distance
              status: not-checked
              party: authority
              reason: an act of the authority
        """, to: scratchDirectory().appendingPathComponent("x.trace.yaml"))
        let trace = try Trace.load(path: path)
        #expect(trace.duties.map(\.party) == [.site, .site, .site, .maker, .authority])
        #expect(trace.duties.map(\.kind) == [.duty, .duty, .penalty, .duty, .duty])
        let c = Coverage(pack: kr, trace: trace)
        // All entries: 1 of 5 checked; the site's duties: 1 of 2.
        #expect(c.lawAndEligibilityDuties == 5 && abs(c.dutyShare - 0.2) < 1e-9)
        #expect(c.siteDuties == 2 && abs(c.siteDutyShare - 0.5) < 1e-9)
        #expect(c.siteDutyCounts.map(\.count) == [1, 0, 0, 1])
        #expect(c.excludedEntries == 3)
        #expect(c.excludedCounts.map { "\($0.party.rawValue) \($0.kind.rawValue) \($0.count)" } == ["site penalty 1", "maker duty 1", "authority duty 1"])
        let text = CoverageReport.render([c], as: .text)
        #expect(text.contains("the site's duties (party site, kind duty): 2; checked 1, partly 0, cited 0, not-checked 1; checked 50.0 %"))
        #expect(text.contains("entries not the site's duties (party kind count): 3; site penalty 1, maker duty 1, authority duty 1"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CoverageReport.render([c], as: .json).utf8)) as? [String: Any])
        let duties = try #require(((json["packs"] as? [[String: Any]])?.first?["duties"]) as? [String: Any])
        #expect((duties["site"] as? [String: Any])?["checked_share"] as? Double == 0.5)
        #expect(duties["excluded_from_site"] as? Int == 3)
        #expect(CoverageReport.render([c], as: .markdown).contains("| the site's duties (party site, kind duty) | 2 | 1 | 0 | 0 | 1 | 50.0 % |"))
    }

    @Test("an unknown party or kind in the trace is an error pointing at the row")
    func unknownParty() throws {
        let path = write("""
        trace: {pack: kr, brief: b}
        rows:
          KR-01: LAW
        duties:
          KR-01:
            - duty: something
              status: not-checked
              party: vendor
              kind: fine
              reason: why
        """, to: scratchDirectory().appendingPathComponent("x.trace.yaml"))
        do {
            _ = try Trace.load(path: path)
            Issue.record("the trace loaded")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.contains(":8:14:") && $0.contains("'party' must be one of site, maker, authority, body; found 'vendor'") }, "\(messages)")
            #expect(messages.contains { $0.contains(":9:13:") && $0.contains("'kind' must be one of duty, penalty, definition; found 'fine'") })
        }
    }

    @Test("h2audit coverage prints text, JSON and Markdown")
    func command() throws {
        let text = try run(["coverage"])
        #expect(text.status == 0 && text.stdout.contains("LAW and ELIG duties") && text.stdout.contains("the site's duties (party site, kind duty)"))
        let json = try run(["coverage", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let packs = try #require(object["packs"] as? [[String: Any]])
        #expect(packs.count == 2 && packs.allSatisfy { ($0["share"] as? Double ?? 0) >= 0.85 })
        #expect(try run(["coverage", "--regime", "jp", "--format", "markdown"]).stdout.hasPrefix("## jp:"))
        #expect(try run(["explain", "JP-C-P1"]).stdout.contains("never a site's gap"))
    }
}
