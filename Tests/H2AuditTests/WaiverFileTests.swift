import Foundation
import Testing
@testable import H2Audit

@Suite("Waivers file (issue 18, item 5)", .serialized)
struct WaiverFileTests {
    let exampleWaivers = repositoryRoot.appendingPathComponent("docs/examples/waivers.yaml").path
    var known: Set<String> { Set(shippedPacks.flatMap { $0.requirements.map(\.id) }) }

    func status(_ report: SiteReport, _ id: String) -> Finding? { report.findings.first { $0.requirement.id == id } }

    @Test("a file waiver acts as the same waiver in the site file would, before and after its expiry")
    func sameAsInline() throws {
        let file = try WaiverFile.load(path: exampleWaivers, requirements: known)
        #expect(file.entries.count == 2)
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite), encoding: .utf8)
        let inline = text + """

        waivers:
          - {requirement: KR-HRS-002, justification: road widening moves the boundary; dispenser relocation scheduled with the works, approver: Ulju-gun permit 2026-113, expires: 2026-12-31}
          - {requirement: KR-INS-001, justification: periodic inspection booked with KGS; the inspector's backlog delays it, approver: KGS Ulsan branch 2026-0412, expires: 2026-06-30}

        """
        for asOf in ["2026-06-01", "2026-06-30", "2026-07-01", "2026-11-23", "2027-01-01"] {
            let day = Day(asOf)!
            let checker = Checker(packs: shippedPacks, asOf: day)
            let raw = checker.check(try Site.parse(text, file: "u.yaml"))
            let byFile = file.apply(.checked(raw), asOf: day)
            let byInline = checker.check(try Site.parse(inline, file: "u.yaml"))
            guard case .checked(let applied) = byFile else { Issue.record("not checked"); continue }
            for id in ["KR-HRS-002", "KR-INS-001"] {
                #expect(status(applied, id)?.status == status(byInline, id)?.status, "\(id) at \(asOf)")
                let note = status(applied, id)?.note ?? ""
                #expect(note.contains("waivers file \(exampleWaivers):") == (status(raw, id)?.status == .gap), "\(id) at \(asOf): \(note)")
            }
            // Not waived: findings of other requirements are untouched.
            #expect(applied.findings.filter { !["KR-HRS-002", "KR-INS-001"].contains($0.requirement.id) }.map(\.status)
                    == raw.findings.filter { !["KR-HRS-002", "KR-INS-001"].contains($0.requirement.id) }.map(\.status))
        }
        let late = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!)
        guard case .checked(let report) = file.apply(.checked(late.check(try Site.parse(text, file: "u.yaml"))), asOf: Day("2026-11-23")!) else { return }
        #expect(status(report, "KR-HRS-002")?.status == .waived)
        #expect(status(report, "KR-INS-001")?.status == .gap)
        #expect(status(report, "KR-INS-001")?.note?.hasPrefix("waiver by KGS Ulsan branch 2026-0412 expired on 2026-06-30") == true)
    }

    @Test("an expired waiver of missing evidence leaves missing evidence, the raw verdict")
    func expiredMissingEvidence() throws {
        let dir = scratchDirectory()
        let path = write("""
        waivers:
          - {site: kr-ulsan-onsite-hrs, requirement: KR-STO-004, justification: survey pending, approver: KGS, expires: 2026-01-31}
          - {site: kr-ulsan-onsite-hrs, requirement: KR-HRS-003, justification: railway study pending, approver: KGS, expires: 2027-01-31}
        """, to: dir.appendingPathComponent("w.yaml"))
        let file = try WaiverFile.load(path: path, requirements: known)
        let day = Day("2026-11-23")!
        let raw = Checker(packs: shippedPacks, asOf: day).check(try Site.load(path: repositoryRoot.appendingPathComponent(ulsanSite).path))
        #expect(status(raw, "KR-STO-004")?.status == .missingEvidence)
        guard case .checked(let report) = file.apply(.checked(raw), asOf: day) else { return }
        #expect(status(report, "KR-STO-004")?.status == .missingEvidence)
        #expect(status(report, "KR-STO-004")?.note?.contains("expired on 2026-01-31") == true)
        #expect(status(report, "KR-HRS-003")?.status == .waived)
    }

    @Test("check --waivers: waived in every format, the filing untouched, the exit status follows")
    func cli() throws {
        let before = try Data(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite))
        let plain = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--format", "json"], in: repositoryRoot)
        let waived = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--format", "json", "--waivers", exampleWaivers], in: repositoryRoot)
        func counts(_ text: String) throws -> [String: Int] {
            let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(((root["files"] as? [[String: Any]])?.first?["counts"]) as? [String: Int])
        }
        #expect(try counts(waived.stdout)["waived"] == 1 && counts(plain.stdout)["waived"] == 0)
        #expect(try counts(waived.stdout)["gap"] == counts(plain.stdout)["gap"]! - 1)
        #expect(try Data(contentsOf: repositoryRoot.appendingPathComponent(ulsanSite)) == before)
        let text = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--waivers", exampleWaivers], in: repositoryRoot)
        #expect(text.stdout.contains("waived by Ulju-gun permit 2026-113 until 2026-12-31 (waivers file \(exampleWaivers):4:5)"))
        // A waiver of a site not checked is named on standard error.
        let other = try run(["check", tokyoSite, "--as-of", "2026-11-23", "--waivers", exampleWaivers], in: repositoryRoot)
        #expect(other.stderr.contains("waiver of KR-HRS-002 names site 'kr-ulsan-onsite-hrs', which no checked file has"))
    }

    @Test("a bad waivers file is an input error at its line and column, before anything is checked")
    func badFile() throws {
        let dir = scratchDirectory()
        let path = write("""
        waivers:
          - {site: s, requirement: KR-HRS-02, justification: j, approver: a, expires: 2026-12-31}
          - {site: s, requirement: KR-HRS-003, justification: j, approver: a, expires: 31.12.2026}
          - {site: s, requirement: KR-HRS-003, justification: j, aprover: a, expires: 2026-12-31}
          - {site: s, requirement: KR-HRS-003, justification: '  ', approver: a, expires: 2026-12-31}
        """, to: dir.appendingPathComponent("w.yaml"))
        let r = try run(["check", sitesDirectory, "--waivers", path], in: dir)
        #expect(r.status == ExitStatus.inputErrors && r.stdout.isEmpty)
        for expected in ["w.yaml:2:28: error: waiver names requirement 'KR-HRS-02', which no loaded pack has; did you mean 'KR-HRS-002'?",
                         "w.yaml:3:80: error: 'expires' of waiver must be a date YYYY-MM-DD, not '31.12.2026'",
                         "w.yaml:4:58: error: unknown key 'aprover' in waiver; did you mean 'approver'?",
                         "w.yaml:4:5: error: a second waiver of 's' and KR-HRS-003",
                         "w.yaml:5:55: error: 'justification' of waiver is empty"] {
            #expect(r.stderr.contains(expected), "\(expected)\n\(r.stderr)")
        }
    }
}
