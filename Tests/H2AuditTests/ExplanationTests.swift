import Testing
@testable import H2Audit

/// What an explanation says: every failing term and branch, every missing
/// fact in one pass, what an empty quantifier looked for, and site paths
/// (never a pack's variable names) in every witness and missing fact.
@Suite("Explanations")
struct ExplanationTests {
    let day = Day("2026-06-01")!

    func explain(_ expression: String, _ yaml: String, gathering: Explanation.Gathering = .both) throws -> Outcome {
        let condition = try CompiledExpression(expression)
        let site = try fragment(yaml)
        let outcome = condition.explain(site, asOf: day, gathering: gathering)
        // Both modes agree on every answer these tests look at.
        #expect(condition.program.truth(on: site, asOf: day) == outcome.truth, "\(expression)")
        return outcome
    }

    // MARK: 1. Every failing term, every failed branch, every missing fact

    @Test("a gap names every false conjunct, not only the first")
    func everyFalseConjunct() throws {
        let outcome = try explain(
            "safety.vent_stack && safety.flame_detection && safety.fire_extinguishing && safety.warning_signs",
            "safety: {vent_stack: false, flame_detection: true, fire_extinguishing: false, warning_signs: false}")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "safety.vent_stack: found false; required true",
            "safety.fire_extinguishing: found false; required true",
            "safety.warning_signs: found false; required true",
        ])
        // Each witness points at the line of its own value.
        #expect(Set(outcome.witnesses.compactMap { $0.mark?.column }).count == 3)
    }

    @Test("a limit read from a legal table names the band the site's value fell in, in the table's units")
    func tierBand() throws {
        let rule = "equipment.all(e, e.distances.public_road >= tier(station.max_operating_pressure, [40 MPa, 89 MPa], [6 m, 8 m, 8.5 m]))"
        func required(_ pressure: String) throws -> String? {
            try explain(rule, "station: {max_operating_pressure: \(pressure)}\nequipment: [{id: D-1, distances: {public_road: 4 m}}]")
                .witnesses.first?.required
        }
        #expect(try required("40 MPa") == ">= 6 m (the band for station.max_operating_pressure 40 MPa: up to 40 MPa)")
        #expect(try required("82 MPa") == ">= 8 m (the band for station.max_operating_pressure 82 MPa: over 40 MPa, up to 89 MPa)")
        #expect(try required("900 bar") == ">= 8.5 m (the band for station.max_operating_pressure 900 bar (= 90 MPa): over 89 MPa)")
        // tier_below: Japanese 未満 bands, from the bound, under the next.
        let below = try explain(rule.replacingOccurrences(of: "tier(", with: "tier_below("),
                                "station: {max_operating_pressure: 40 MPa}\nequipment: [{id: D-1, distances: {public_road: 4 m}}]")
        #expect(below.witnesses.first?.required == ">= 8 m (the band for station.max_operating_pressure 40 MPa: from 40 MPa, under 89 MPa)")
        // A table over a computed input shows the fact it rests on, and the bounds as the pack wrote them.
        let computed = try explain("equipment.all(e, e.distances.public_road >= tier(e.storage_capacity / 1 Nm3, [10000], [17 m, 21 m]))",
                                   "equipment: [{id: A, storage_capacity: 15000 Nm3, distances: {public_road: 20 m}}]")
        #expect(computed.witnesses.first?.required == ">= 21 m (the band for equipment[A].storage_capacity 15000 Nm3: over 10000)")
    }

    @Test("a gap also names the facts its other terms need, so that one run shows all of them")
    func gapWithMissingFacts() throws {
        // The date fails and the records flag is not given: the user learns both at once,
        // not the flag only after the date is brought up to date.
        let outcome = try explain(
            "inspections.last_self_inspection + 1 yr >= as_of && inspections.self_inspection_records",
            "inspections: {last_self_inspection: 2024-03-01}")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "inspections.last_self_inspection: found 2024-03-01, + 1 yr = 2025-03-01; required >= as_of = 2026-06-01",
            "inspections.self_inspection_records: found not given; required given",
        ])
        #expect(outcome.missing.map(\.path) == ["inspections.self_inspection_records"])
    }

    @Test("missing evidence gathers every unknown fact in one pass, past a term that fails")
    func everyMissingFact() throws {
        // The first branch fails on its first term; its second term's fact is still asked for,
        // as are the second branch's: the requirement needs one branch complete.
        let outcome = try explain(
            "(safety.vent_stack && safety.flame_detection) || (safety.emergency_shutdown && safety.emergency_power)",
            "safety: {vent_stack: false}", gathering: .missingFacts)
        #expect(outcome.truth == .unknown)
        #expect(outcome.missing.map(\.path) == ["safety.flame_detection", "safety.emergency_shutdown", "safety.emergency_power"])
    }

    @Test("a missing fact is named by its whole path, not by the object that holds it")
    func wholePath() throws {
        let outcome = try explain("management.safety_rules_filed && management.education_plan", "id: x")
        #expect(outcome.truth == .unknown)
        #expect(outcome.missing.map(\.path) == ["management.safety_rules_filed", "management.education_plan"])
    }

    @Test("a false || names every failed branch")
    func everyFailedBranch() throws {
        let outcome = try explain(
            "equipment.all(e, e.distances.public_road >= 8 m || (has(e.blast_wall) && e.distances.public_road >= 5 m))",
            "equipment: [{id: D-1, type: dispenser, distances: {public_road: 4 m}}]")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "equipment[D-1].distances.public_road: found 4 m; required >= 8 m",
            "equipment[D-1].blast_wall: found not given; required given",
            "equipment[D-1].distances.public_road: found 4 m; required >= 5 m",
        ])
    }

    @Test("a term that holds, or a decided guard, adds nothing")
    func nothingIrrelevant() throws {
        // The met branch drops the other branch's missing fact.
        let met = try explain("safety.vent_stack || safety.flame_detection", "safety: {flame_detection: true}")
        #expect(met.truth == .yes && met.witnesses.isEmpty && met.missing.isEmpty)
        // Inside exists, an element that fails its guard is not asked for the rest.
        let guarded = try explain(
            "equipment.exists(e, e.type == 'compressor' && e.max_operating_pressure >= 10 MPa)",
            "equipment: [{id: D-1, type: dispenser}, {id: C-1, type: compressor}]")
        #expect(guarded.truth == .unknown)
        #expect(guarded.missing.map(\.path) == ["equipment[C-1].max_operating_pressure"])
    }

    // MARK: 2. Three-valued logic where the answer does not depend on the unknown

    @Test("a conditional with both branches false is false even when its condition is unknown")
    func conditionalBothFalse() throws {
        let yaml = "safety: {vent_stack: false, flame_detection: false}"
        let outcome = try explain("station.self_service ? safety.vent_stack : safety.flame_detection", yaml)
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "safety.vent_stack: found false; required true",
            "safety.flame_detection: found false; required true",
        ])
        // The condition cannot change the answer: it is not asked for.
        #expect(outcome.missing.isEmpty)
    }

    @Test("a conditional with both branches true, or equal values, does not depend on its condition")
    func conditionalBothTrue() throws {
        let yaml = "safety: {vent_stack: true, flame_detection: true}"
        #expect(try explain("station.self_service ? safety.vent_stack : safety.flame_detection", yaml).truth == .yes)
        #expect(try explain("(station.self_service ? 5 m : 5 m) == 5 m", yaml).truth == .yes)
        // Branches that differ leave the answer unknown, and the condition is asked for.
        let differ = try explain("station.self_service ? safety.vent_stack : false", yaml)
        #expect(differ.truth == .unknown)
        #expect(differ.missing.map(\.path) == ["station.self_service"])
        let mixed = try explain("(station.self_service ? 8 m : 5 m) <= 6 m", yaml)
        #expect(mixed.truth == .unknown)
    }

    @Test("a filter that cannot be decided does not matter where the body decides alone")
    func undecidedFilter() throws {
        let yaml = """
        equipment:
          - {id: A, type: storage_vessel, distances: {public_road: 9 m}}
          - {id: B, type: dispenser, distances: {public_road: 9 m}}
        """
        // Neither pressure is given, so the filter is unknown, but each item passes the body either way.
        let all = try explain("equipment.filter(e, e.max_operating_pressure >= 1 MPa).all(e, e.distances.public_road >= 8 m)", yaml)
        #expect(all.truth == .yes)
        #expect(all.missing.isEmpty)
        let none = try explain("equipment.filter(e, e.max_operating_pressure >= 1 MPa).exists(e, e.distances.public_road >= 20 m)", yaml)
        #expect(none.truth == .no)
        // Where the body fails, the filter decides: unknown, and the pressures are asked for.
        let undecided = try explain("equipment.filter(e, e.max_operating_pressure >= 1 MPa).all(e, e.distances.public_road >= 20 m)", yaml)
        #expect(undecided.truth == .unknown)
        #expect(undecided.missing.map(\.path) == ["equipment[A].max_operating_pressure", "equipment[B].max_operating_pressure"])
    }

    // MARK: 3. An empty quantifier says what it looked for

    @Test("exists over an empty list says what was looked for")
    func emptyExists() throws {
        let outcome = try explain("permits.exists(p, p.kind == 'manufacture')", "permits: []")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.count == 1)
        let witness = try #require(outcome.witnesses.first)
        #expect(witness.subject == "permits")
        #expect(witness.found == "none listed")
        #expect(witness.required == "a permits item with kind == 'manufacture'")
        #expect(witness.mark != nil)
        // A list the file does not give at all is unknown, not empty: missing evidence naming it.
        let absent = try explain("permits.exists(p, p.kind in ['manufacture', 'manufacture_specific'])", "id: x")
        #expect(absent.truth == .unknown)
        #expect(absent.missing.map(\.path) == ["permits"])
    }

    @Test("exists that finds no match says what it looked for first, then why each item failed")
    func noMatch() throws {
        let outcome = try explain(
            "permits.exists(p, p.kind in ['manufacture', 'manufacture_specific'])",
            "permits: [{kind: storage, number: S-1}, {kind: supply_plan}]")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "permits: found none of the 2 listed matches; required a permits item with kind in ['manufacture', 'manufacture_specific']",
            "permits[0].kind: found storage; required one of 'manufacture', 'manufacture_specific'",
            "permits[1].kind: found supply_plan; required one of 'manufacture', 'manufacture_specific'",
        ])
        let filtered = try explain(
            "equipment.filter(e, e.type == 'compressor').exists(e, e.indoor)", "equipment: []")
        #expect(filtered.witnesses.map(\.sentence) == [
            "equipment: found none listed; required an equipment item with type == 'compressor' and indoor",
        ])
    }

    // MARK: 4. Site paths, never variable names

    @Test("a computed value is named by the site fact it rests on, with that fact's value")
    func noVariableNames() throws {
        let outcome = try explain(
            "personnel.safety_managers.all(m, m.appointed + 3 yr >= as_of)",
            "personnel: {safety_managers: [{name: Choi Min-jun, role: general_manager, appointed: 2022-02-01}]}")
        #expect(outcome.truth == .no)
        let witness = try #require(outcome.witnesses.first)
        #expect(witness.subject == "personnel.safety_managers[Choi Min-jun].appointed")
        #expect(witness.found == "2022-02-01, + 3 yr = 2025-02-01")
        #expect(witness.required == ">= as_of = 2026-06-01")
        #expect(witness.sentence == "personnel.safety_managers[Choi Min-jun].appointed: found 2022-02-01, + 3 yr = 2025-02-01; required >= as_of = 2026-06-01")
    }

    @Test("a required value computed from an item is spelled with the item's site path")
    func requiredSidePaths() throws {
        let outcome = try explain(
            "equipment.all(e, e.automatic_shutoff_valves >= (e.type == 'lh2_tank' ? 1 : 2))",
            "equipment: [{id: SV-1, type: storage_vessel, automatic_shutoff_valves: 1}]")
        #expect(outcome.truth == .no)
        #expect(outcome.witnesses.map(\.sentence) == [
            "equipment[SV-1].automatic_shutoff_valves: found 1; required >= (equipment[SV-1].type == 'lh2_tank' ? 1 : 2) = 2",
        ])
    }

    @Test("no witness or missing fact of a shipped pack on the example sites names a pack variable")
    func shippedReports() throws {
        // Every quantifier variable the packs bind, as `name.` in text.
        var variables = Set<String>()
        for pack in shippedPacks {
            for requirement in pack.requirements {
                let texts = (requirement.applies.map { [$0.text] } ?? []) + requirement.alternatives.map(\.condition.text)
                for text in texts {
                    for match in text.matches(of: try Regex(#"\.(?:all|exists|filter|map)\(\s*([a-z_]+)\s*,"#)) { if let name = match.output[1].substring { variables.insert(String(name)) } }
                }
            }
        }
        #expect(!variables.isEmpty)
        let generator = SyntheticSites()
        var checked = 0
        for index in 0..<120 {
            let site = try Site.parse(generator.site(index: index), file: "s\(index).yaml")
            let checker = Checker(packs: shippedPacks, asOf: day, allPacksForEverySite: true)
            for finding in checker.check(site).findings {
                let texts = finding.witnesses.flatMap { [$0.subject ?? "", $0.found, $0.required] } + finding.missing.map(\.path)
                for text in texts {
                    checked += 1
                    for variable in variables {
                        #expect(!text.contains(" \(variable).") && !text.hasPrefix("\(variable).") && !text.contains("(\(variable)."),
                                "\(finding.requirement.id): \(text)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}
