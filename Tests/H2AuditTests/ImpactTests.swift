import Foundation
import Testing
@testable import H2Audit

@Suite("Impact of a rule change (issue 18, item 7)", .serialized)
struct ImpactTests {
    /// (file, requirement, before, after) for every status that differs, found by checking each site at both dates here.
    func expectedChanges(from: String, to: String) throws -> Set<[String]> {
        let a = Checker(packs: shippedPacks, asOf: Day(from)!), b = Checker(packs: shippedPacks, asOf: Day(to)!)
        var out = Set<[String]>()
        for name in try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).sorted() where name.hasSuffix(".yaml") {
            let site = try Site.load(path: sitesDirectory + "/" + name, displayName: "sites/" + name)
            let before = a.check(site).findings, after = b.check(site).findings
            for (x, y) in zip(before, after) where x.status != y.status {
                #expect(x.requirement.id == y.requirement.id)
                out.insert(["sites/" + name, x.requirement.id, x.status.rawValue, y.status.rawValue])
            }
        }
        return out
    }

    @Test("between two dates: every change, and nothing else, with counts per requirement and severity")
    func dates() throws {
        let r = try run(["impact", "sites", "--from", "2026-11-23", "--to", "2027-06-01", "--format", "json"], in: repositoryRoot)
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let changes = try #require(root["changes"] as? [[String: Any]])
        let listed = Set(changes.map { [$0["file"] as! String, $0["requirement"] as! String, $0["before"] as! String, $0["after"] as! String] })
        #expect(listed == (try expectedChanges(from: "2026-11-23", to: "2027-06-01")))
        #expect(listed.contains(["sites/kr-ulsan-onsite-electrolysis-hrs.yaml", "KR-HRS-017", "upcoming", "missing-evidence"]))
        let byRequirement = try #require(root["by_requirement"] as? [[String: Any]])
        let duty = try #require(byRequirement.first { $0["requirement"] as? String == "KR-HRS-017" })
        let dutyChanges = changes.filter { $0["requirement"] as? String == "KR-HRS-017" }
        #expect(duty["filings"] as? Int == dutyChanges.count)
        #expect(duty["new_violations"] as? Int == dutyChanges.filter { $0["is_violation"] as? Bool == true && $0["was_violation"] as? Bool == false }.count)
        let bySeverity = try #require(root["by_severity"] as? [[String: Any]])
        #expect(bySeverity.map { $0["changes"] as! Int }.reduce(0, +) == changes.count)
        // --only narrows to the duty; text names it with its effective date.
        let text = try run(["impact", "sites", "--from", "2026-11-23", "--to", "2027-06-01", "--only", "KR-HRS-017"], in: repositoryRoot)
        #expect(text.stdout.contains("KR-HRS-017  Clean-hydrogen sale obligation") && text.stdout.contains("effective 2027-05-31"))
        #expect(!text.stdout.contains("KR-INS-001"))
        // The same date on both sides changes nothing.
        let none = try run(["impact", "sites", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv"], in: repositoryRoot)
        #expect(none.stdout == ImpactReport.csvColumns.joined(separator: ",") + "\r\n")
    }

    @Test("between two versions of a pack: the changed rule moves the filings it decides")
    func packs() throws {
        let dir = scratchDirectory()
        let old = repositoryRoot.appendingPathComponent("roadmaps/kr-hydrogen-safety-roadmap-2.0.yaml").path
        let text = try String(contentsOfFile: old, encoding: .utf8)
        let relaxed = text.replacingOccurrences(of: "5 m: equipment.filter(e, e.type == 'dispenser').all(e, e.distances.public_road >= 5 m)",
                                                with: "5 m: equipment.filter(e, e.type == 'dispenser').all(e, e.distances.public_road >= 4 m)")
        #expect(relaxed != text)
        let new = write(relaxed, to: dir.appendingPathComponent("kr-relaxed.yaml"))
        let r = try run(["impact", sitesDirectory, "--from", "2026-11-23", "--pack", old, "--pack", new, "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let changes = try #require(root["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["requirement"] as? String == "KR-HRS-002" && changes.first?["before"] as? String == "gap"
                && changes.first?["after"] as? String == "met")
        #expect(try run(["impact", sitesDirectory, "--pack", old], in: dir).status == ExitStatus.usage)
        #expect(try run(["impact", sitesDirectory, "--from", "2027-01-01", "--to", "2026-01-01"], in: dir).status == ExitStatus.usage)
    }
}
