import Foundation
import Testing
@testable import H2Audit

@Suite("Checker statuses")
struct CheckerTests {
    let day = Day("2026-06-01")!

    static let dispenserRule = """
    id: T-ROAD
    title: Dispenser 5 m from the road
    stage: use
    topic: separation-distance
    severity: major
    basis: law
    roles: [refuelling_station]
    require:
      distance: equipment.filter(e, e.type == 'dispenser').all(e, e.distances.public_road >= 5 m)
      blast wall: equipment.filter(e, e.type == 'dispenser').all(e, has(e.blast_wall))
    allows_equivalent: true
    source: {document: Test rule, brief: [KR-68]}
    rationale: r
    remediation: move it
    """

    func status(_ rule: String, _ yaml: String, asOf: Day? = nil) throws -> Finding {
        let requirement = try pack(rule).requirements[0]
        return Checker.evaluate(requirement, on: try fragment(yaml), asOf: asOf ?? day)
    }

    let station = "roles: [refuelling_station]\n"

    @Test("missing evidence asks only for the facts of alternatives that could still hold")
    func missingFactsOfLiveAlternatives() throws {
        let rule = Self.dispenserRule.replacingOccurrences(of: """
              blast wall: equipment.filter(e, e.type == 'dispenser').all(e, has(e.blast_wall))
            """, with: """
              blast wall: equipment.filter(e, e.type == 'dispenser').all(e, has(e.blast_wall))
              station reading: "'storage' in roles && station.supply == 'off_site_tube_trailer'"
            """)
        #expect(try pack(rule).requirements[0].alternatives.count == 3)
        // The third alternative is false on a station that is not a storage site, whatever station.supply says.
        let unknown = try status(rule, station + "equipment: [{id: D, type: dispenser}]")
        #expect(unknown.status == .missingEvidence)
        #expect(unknown.missing.map(\.path) == ["equipment[D].distances.public_road"], "\(unknown.missing.map(\.path))")
        #expect(unknown.evidencePaths == ["equipment[D].distances.public_road"])
        // On a storage site the reading could hold: its fact is asked for too.
        let storage = try status(rule, "roles: [refuelling_station, storage]\nequipment: [{id: D, type: dispenser}]")
        #expect(storage.missing.map(\.path).contains("station.supply"), "\(storage.missing.map(\.path))")
    }

    @Test("met, by the first alternative or a later one")
    func met() throws {
        let direct = try status(Self.dispenserRule, station + "equipment: [{id: D, type: dispenser, distances: {public_road: 6 m}}]")
        #expect(direct.status == .met)
        #expect(direct.alternative == "distance" && !direct.metByAlternative)
        let walled = try status(Self.dispenserRule, station + "equipment: [{id: D, type: dispenser, distances: {public_road: 2 m}, blast_wall: {material: reinforced_concrete}}]")
        #expect(walled.status == .met)
        #expect(walled.alternative == "blast wall" && walled.metByAlternative)
    }

    @Test("gap, pointing at the line of the failing fact")
    func gap() throws {
        let finding = try status(Self.dispenserRule, station + "equipment:\n  - {id: D, type: dispenser, distances: {public_road: 4 m}}\n")
        #expect(finding.status == .gap)
        #expect(finding.isViolation)
        #expect(finding.mark.line == 3)
        #expect(finding.witnesses.contains { $0.found == "4 m" && $0.required.contains(">= 5 m") })
    }

    @Test("a copy of a finding keeps its own evidence when either changes")
    func findingCopies() throws {
        let original = try status(Self.dispenserRule, station + "equipment:\n  - {id: D, type: dispenser, distances: {public_road: 4 m}}\n")
        let witnesses = original.witnesses
        #expect(!witnesses.isEmpty && original.note == nil)
        var copy = original
        copy.note = "waived"
        copy.witnesses.append(Witness(subject: "x", mark: nil, found: "1", required: "2"))
        #expect(original.note == nil && original.witnesses == witnesses)
        #expect(copy.note == "waived" && copy.witnesses == witnesses + [Witness(subject: "x", mark: nil, found: "1", required: "2")])
        copy.witnesses = []
        copy.note = nil
        #expect(copy.witnesses.isEmpty && copy.note == nil && copy.missing.isEmpty && copy.alternative == nil)
        #expect(original.witnesses == witnesses)
    }

    @Test("missing evidence names the facts to add")
    func missingEvidence() throws {
        let finding = try status(Self.dispenserRule, station + "equipment: [{id: D, type: dispenser}]")
        #expect(finding.status == .missingEvidence)
        #expect(finding.missing.map(\.path) == ["equipment[D].distances.public_road"])
        let unknownApplies = try status(Self.dispenserRule, "equipment: []")
        #expect(unknownApplies.status == .missingEvidence)
        #expect(unknownApplies.missing.map(\.path) == ["roles"])
    }

    @Test("not applicable when the site plays none of the requirement's roles")
    func notApplicable() throws {
        #expect(try status(Self.dispenserRule, "roles: [production]").status == .notApplicable)
    }

    @Test("an equivalent measure counts only with an evidence reference")
    func equivalent() throws {
        let base = station + "equipment: [{id: D, type: dispenser, distances: {public_road: 2 m}}]\n"
        let withEvidence = try status(Self.dispenserRule, base + "equivalent_measures: [{requirement: T-ROAD, description: screen, evidence: KGS-1}]")
        #expect(withEvidence.status == .met)
        #expect(withEvidence.alternative?.contains("KGS-1") == true)
        let without = try status(Self.dispenserRule, base + "equivalent_measures: [{requirement: T-ROAD, description: screen}]")
        #expect(without.status == .missingEvidence)
    }

    @Test("waived until the waiver expires, a gap after")
    func waivers() throws {
        let yaml = station + """
        equipment: [{id: D, type: dispenser, distances: {public_road: 4 m}}]
        waivers: [{requirement: T-ROAD, justification: road moved in 2027, approver: Ulsan City 2026-77, expires: 2026-12-31}]
        """
        let valid = try status(Self.dispenserRule, yaml)
        #expect(valid.status == .waived)
        #expect(!valid.isViolation)
        let expired = try status(Self.dispenserRule, yaml, asOf: Day("2027-01-01"))
        #expect(expired.status == .gap)
        #expect(expired.note?.contains("expired on 2026-12-31") == true)
    }

    @Test("upcoming before the effective date, not applicable after until")
    func dated() throws {
        let rule = Self.dispenserRule.replacingOccurrences(of: "basis: law", with: "basis: law\neffective: 2027-05-31\nuntil: 2029-12-31")
        let yaml = station + "equipment: [{id: D, type: dispenser, distances: {public_road: 4 m}}]"
        #expect(try status(rule, yaml).status == .upcoming)
        #expect(try status(rule, yaml, asOf: Day("2027-05-31")).status == .gap)
        #expect(try status(rule, yaml, asOf: Day("2030-01-01")).status == .notApplicable)
    }

    @Test("commitments never become violations; eligibility gaps are not violations")
    func bases() throws {
        let yaml = station + "equipment: [{id: D, type: dispenser, distances: {public_road: 4 m}}]"
        let commitment = try status(Self.dispenserRule.replacingOccurrences(of: "basis: law", with: "basis: commitment"), yaml)
        #expect(commitment.status == .upcoming && !commitment.isViolation)
        let eligibility = try status(Self.dispenserRule.replacingOccurrences(of: "basis: law", with: "basis: eligibility"), yaml)
        #expect(eligibility.status == .gap && !eligibility.isViolation)
    }

    @Test("each site gets exactly one finding per requirement of its country's packs")
    func onePerPair() throws {
        let site = try Site.load(path: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml")
        let report = Checker(packs: shippedPacks, asOf: day).check(site)
        let kr = shippedPacks.first { $0.country == "KR" }!
        #expect(report.findings.count == kr.requirements.count)
        #expect(Set(report.findings.map(\.requirement.id)).count == kr.requirements.count)
        let both = Checker(packs: shippedPacks, asOf: day, allPacksForEverySite: true).check(site)
        #expect(both.findings.count == shippedPacks.reduce(0) { $0 + $1.requirements.count })
    }

    @Test("a waiver naming an unknown requirement is a warning with a suggestion")
    func unknownWaiver() throws {
        let yaml = """
        id: s
        name: S
        country: KR
        stages: [use]
        roles: [refuelling_station]
        waivers: [{requirement: KR-HRS-02, justification: j, approver: a, expires: 2030-01-01}]
        """
        let site = try Site.parse(yaml, file: "w.yaml")
        let report = Checker(packs: shippedPacks, asOf: day).check(site)
        #expect(report.warnings.count == 1)
        #expect(report.warnings[0].message.contains("did you mean"))
    }

    @Test("status counting positions follow Status.allCases")
    func statusIndex() {
        #expect(Status.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }

    @Test("a worker's independent checker and copied schema give the same findings as the originals")
    func independentCopies() throws {
        let checker = Checker(packs: shippedPacks, asOf: day, allPacksForEverySite: true)
        let copy = checker.independentCopy(), schema = SiteSchema.site.deepCopy()
        #expect(schema !== SiteSchema.site)
        #expect(copy.packs[0].requirements[0] !== checker.packs[0].requirements[0])
        #expect(schema.fieldNames == SiteSchema.site.fieldNames)
        let files = try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 9)
        for file in files {
            let path = sitesDirectory + "/" + file
            expectSameFindings(checker.check(try Site.load(path: path)).findings,
                               copy.check(try Site.load(path: path, schema: schema)).findings, file)
        }
    }
    @Test("a gap's evidence is worked out when first read, the same on every thread, and kept when a part changes")
    func evidenceOnDemand() throws {
        let site = """
            roles: [refuelling_station]
            equipment:
              - {id: D-1, type: dispenser, distances: {public_road: 4 m}}
              - {id: D-2, type: dispenser, distances: {public_road: 3 m}}
            """
        let finding = try status(Self.dispenserRule, site)
        #expect(finding.status == .gap)
        #expect(finding.evidenceIsPending, "a status is decided without spelling its evidence")
        // Read from several threads at once: one explanation, the same for all.
        let copies = (0..<8).map { _ in finding }
        let seen = UnsafeSendableBox<[String]>([String](repeating: "", count: copies.count))
        DispatchQueue.concurrentPerform(iterations: copies.count) { i in
            let text = copies[i].witnesses.map(\.sentence).joined(separator: " | ") + " @ \(copies[i].mark)"
            seen.lock.withLock { seen.value[i] = text }
        }
        #expect(Set(seen.value).count == 1)
        #expect(!finding.evidenceIsPending)
        #expect(finding.witnesses.map(\.subject) == ["equipment[D-1].distances.public_road", "equipment[D-2].distances.public_road",
                                                     "equipment[D-1].blast_wall", "equipment[D-2].blast_wall"])
        #expect(finding.mark.line == 3)
        // Changing a part keeps the rest of the evidence.
        var changed = finding
        changed.note = "a note"
        changed.missing = [MissingFact(path: "x", mark: finding.mark)]
        #expect(changed.witnesses.map(\.subject) == finding.witnesses.map(\.subject))
        #expect(changed.mark == finding.mark && changed.note == "a note" && changed.missing.map(\.path) == ["x"])
    }
}

/// A value shared by the threads of a test, behind a lock.
final class UnsafeSendableBox<T>: @unchecked Sendable {
    let lock = NSLock()
    var value: T
    init(_ value: T) { self.value = value }
}
