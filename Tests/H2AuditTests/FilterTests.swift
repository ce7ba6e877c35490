import Foundation
import Testing
@testable import H2Audit

@Suite("Filters: --only, --skip, --min-severity, --status (issue 18, item 2)")
struct FilterTests {
    @Test("selectors match ids, id globs, topics and stages; skip wins over only")
    func selection() throws {
        let results = try checkedExampleSites()
        let filter = FindingFilter(only: ["KR-HRS-*", "storage"], skip: ["KR-HRS-002"])
        for result in results {
            guard case .checked(let kept) = filter.apply(result).kept else { continue }
            #expect(!kept.findings.isEmpty || kept.file.contains("jp-"))
            for f in kept.findings {
                #expect(f.requirement.id.hasPrefix("KR-HRS-") || f.requirement.stage == .storage)
                #expect(f.requirement.id != "KR-HRS-002")
            }
        }
        let topic = FindingFilter(only: ["separation-distance"])
        guard case .checked(let kept) = topic.apply(results[0]).kept else { Issue.record("not checked"); return }
        #expect(!kept.findings.isEmpty && kept.findings.allSatisfy { $0.requirement.topic == "separation-distance" })
        #expect(FindingFilter.unknownSelectors(["KR-HRS-02", "separation-distance", "KR-*", "storage"], packs: shippedPacks)
            == ["'KR-HRS-02' names no requirement id, topic or stage of the loaded packs; did you mean 'KR-HRS-002'?"])
    }

    @Test("listing filters narrow the listed findings, not the kept ones")
    func listing() throws {
        let filter = FindingFilter(minSeverity: .major, statuses: [.gap])
        for result in try checkedExampleSites() {
            let (kept, listed) = filter.apply(result)
            guard case .checked(let k) = kept, case .checked(let l) = listed, case .checked(let original) = result else { continue }
            #expect(k.findings.count == original.findings.count)
            #expect(l.findings.allSatisfy { $0.status == .gap && $0.requirement.severity >= .major })
            #expect(l.findings.count == original.findings.filter { $0.status == .gap && $0.requirement.severity >= .major }.count)
        }
    }

    @Test("SARIF shrinks with the listing filters; the exit status does not change")
    func cliSarif() throws {
        let all = try run(["check", sitesDirectory, "--format", "sarif", "--as-of", "2026-11-23"])
        let narrow = try run(["check", sitesDirectory, "--format", "sarif", "--as-of", "2026-11-23", "--min-severity", "critical", "--status", "gap"])
        func results(_ text: String) throws -> [[String: Any]] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let runs = try #require(object["runs"] as? [[String: Any]])
            return try #require(runs[0]["results"] as? [[String: Any]])
        }
        let wide = try results(all.stdout), small = try results(narrow.stdout)
        #expect(small.count > 0 && small.count < wide.count / 5, "\(small.count) of \(wide.count)")
        #expect(small.allSatisfy { ($0["properties"] as? [String: Any])?["status"] as? String == "gap" })
        #expect(narrow.status == all.status)
    }

    @Test("--only and --skip change the exit status; typos are usage errors with a suggestion")
    func cliSelection() throws {
        let clean = try run(["check", sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml", "--as-of", "2026-11-23", "--only", "KR-HRS-017"])
        #expect(clean.status == 0, "\(clean.stdout.suffix(600))")
        #expect(clean.stdout.contains("filters:                 only KR-HRS-017"))
        let skipped = try run(["check", sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml", "--as-of", "2026-11-23", "--compact",
                               "--skip", "KR-HRS-*,KR-INS-001"])
        let listed = skipped.stdout.components(separatedBy: "\nSummary\n")[0]
        #expect(!listed.contains("KR-HRS-0") && !listed.contains("KR-INS-001") && listed.contains("KR-PROD-002"))
        #expect(skipped.stdout.contains("filters:                 skipping KR-HRS-*, KR-INS-001"))
        let typo = try run(["check", sitesDirectory, "--only", "seperation-distance"])
        #expect(typo.status == ExitStatus.usage && typo.stderr.contains("did you mean 'separation-distance'?"))
        let badStatus = try run(["check", sitesDirectory, "--status", "gaps"])
        #expect(badStatus.status == ExitStatus.usage && badStatus.stderr.contains("did you mean 'gap'?"))
    }
}
