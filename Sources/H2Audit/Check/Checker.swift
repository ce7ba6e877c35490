/// Evaluates requirements against sites. Holds the packs; stateless per site,
/// so one checker serves any number of sites concurrently.
public struct Checker: Sendable {
    public let packs: [RequirementPack]
    public let asOf: Day
    /// When set, every site is checked against all packs; otherwise each site
    /// against the packs of its own country.
    public let allPacksForEverySite: Bool
    /// Every missing fact of every applicable requirement, for `check --todo`:
    /// a gap also lists the facts its required terms lack (a date that fails
    /// and a record flag never stated), and a requirement whose applicability
    /// is unknown also lists the facts its conditions need should it apply.
    /// Off for reports, which show a gap by its witnesses.
    public let gathersEveryMissingFact: Bool
    private let known: Set<String>
    /// The requirements that take an equivalent measure instead (`allows_equivalent`).
    private let takingEquivalents: Set<String>

    public init(packs: [RequirementPack], asOf: Day, allPacksForEverySite: Bool = false, gathersEveryMissingFact: Bool = false) {
        self.packs = packs
        self.asOf = asOf
        self.allPacksForEverySite = allPacksForEverySite
        self.gathersEveryMissingFact = gathersEveryMissingFact
        self.known = Set(packs.flatMap { $0.requirements.map(\.id) })
        self.takingEquivalents = Set(packs.flatMap { $0.requirements.filter(\.allowsEquivalent).map(\.id) })
    }

    /// A checker for another worker thread: the same packs with every
    /// condition compiled afresh, sharing no object it touches per site with
    /// this one (see `CheckerPool`).
    public func independentCopy() -> Checker {
        Checker(packs: packs.map { $0.recompiled() }, asOf: asOf, allPacksForEverySite: allPacksForEverySite,
                gathersEveryMissingFact: gathersEveryMissingFact)
    }

    public func packs(for site: Site) -> [RequirementPack] {
        allPacksForEverySite ? packs : packs.filter { $0.country == site.country }
    }

    /// Checks one site against its packs.
    public func check(_ site: Site) -> SiteReport {
        var findings: [Finding] = []
        let roles = Roles.of(site.facts)
        let packs = packs(for: site)
        findings.reserveCapacity(packs.reduce(0) { $0 + $1.requirements.count })
        var assessed: UInt64 = 0  // the roles under which some requirement was decided
        var overBudget: [String] = []
        for pack in packs {
            for requirement in pack.requirements {
                let finding = Self.evaluate(requirement, on: site.facts, asOf: asOf, roles: roles, gatherAll: gathersEveryMissingFact)
                // Decided: met, gap, missing evidence or waived (not upcoming, not superseded).
                if finding.status != .notApplicable && finding.status != .upcoming { assessed |= requirement.roleMask }
                if finding.note == Self.budgetNote { overBudget.append("\(requirement.id) \(Self.budgetNote)") }
                findings.append(finding)
            }
        }
        var warnings = warnings(for: site)
        let unassessed = Self.notAssessed(assessed: assessed, roles: roles ?? 0, packs: packs, country: site.country)
            + Self.emptyRoles(site.facts, roles: roles ?? 0) + overBudget
        for reason in unassessed {
            warnings.append(Diagnostic(.error, code: .invalidValue, file: site.file, mark: site.facts.mark, message: "not assessed: \(reason)"))
        }
        return SiteReport(file: site.file, siteID: site.id, siteName: site.name, country: site.country,
                          stages: site.stages, roles: Roles.names(roles ?? 0), findings: findings, warnings: warnings,
                          notAssessed: !unassessed.isEmpty, operator: site.facts.text("operator"), facts: site.facts, asOf: asOf)
    }

    /// Why a site, or one of its roles, was not assessed: no pack for its
    /// country, no requirement that applies, or a role under which nothing
    /// applies. A site not assessed is not a pass (DESIGN: trust in a verdict).
    /// `assessed`: the role bits of every requirement that was decided on the site.
    static func notAssessed(assessed: UInt64, roles: UInt64, packs: [RequirementPack], country: String?) -> [String] {
        if packs.isEmpty { return ["no loaded pack is for country '\(country ?? "?")'"] }
        if assessed & roles == 0 { return ["no requirement of \(packs.map(\.id).joined(separator: ", ")) applies to this site"] }
        return Roles.names(roles & ~assessed).map { "role '\($0)': no requirement applies under it (is the role right, and are its facts stated?)" }
    }

    /// Text with something in it other than white space.
    static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    /// Waivers and equivalent measures that name no known requirement, an
    /// equivalent measure claimed for a requirement that takes none (it
    /// would be ignored silently), and waivers without an approver or a
    /// justification (they waive nothing).
    public func warnings(for site: Site) -> [Diagnostic] {
        var result: [Diagnostic] = []
        if case .list(let items)? = site.facts.value("waivers") {
            for item in items {
                guard case .object(let o) = item.value else { continue }
                for key in ["approver", "justification"] where Self.nonBlank(o.text(key)) == nil {
                    result.append(Diagnostic(.error, code: .missingKey, file: site.file, mark: o[key]?.mark ?? o.mark,
                                             message: "waiver of '\(Escape.excerpt(o.text("requirement") ?? "?"))' has no \(key); it waives nothing"))
                }
            }
        }
        for key in ["waivers", "equivalent_measures"] {
            guard case .list(let items)? = site.facts.value(key) else { continue }
            for item in items {
                guard case .object(let o) = item.value, let id = o.text("requirement") else { continue }
                if !known.contains(id) {
                    var message = "\(key) names requirement '\(id)', which no loaded pack has"
                    if let guess = Suggest.closest(to: id, in: Array(known)).first { message += "; did you mean '\(guess)'?" }
                    result.append(Diagnostic(.warning, code: .invalidValue, file: site.file, mark: o["requirement"]?.mark, message: message))
                } else if key == "equivalent_measures" && !takingEquivalents.contains(id) {
                    let message = "equivalent_measures names requirement '\(id)', which takes no equivalent measure: the claim is not read"
                        + " (`h2audit explain \(id)` says what it requires; `allows_equivalent` in the packs marks those that take one)"
                    result.append(Diagnostic(.warning, code: .invalidValue, file: site.file, mark: o["requirement"]?.mark, message: message))
                }
            }
        }
        return result
    }

    /// The note of a requirement whose evaluation passed `ClosureProgram.stepBudget`.
    public static let budgetNote = "could not be decided: evaluating it visited more than \(ClosureProgram.stepBudget) list elements (the evaluation budget); the pack's nested quantifiers are too costly for this site"

    /// The status of one requirement on one site's facts.
    public static func evaluate(_ requirement: Requirement, on facts: FactObject, asOf: Day) -> Finding {
        evaluate(requirement, on: facts, asOf: asOf, roles: Roles.of(facts))
    }

    /// As `evaluate(_:on:asOf:)`; `roles` are the site's roles as bits
    /// (`Roles.of`), found once per site; nil when the site states none.
    /// `gatherAll`: see `gathersEveryMissingFact`.
    static func evaluate(_ requirement: Requirement, on facts: FactObject, asOf: Day, roles: UInt64?, gatherAll: Bool = false) -> Finding {
        var finding = Finding(requirement: requirement, status: .met, mark: facts.mark)
        if let until = requirement.until, asOf > (requirement.untilLatest ?? until) {
            finding.status = .notApplicable
            finding.note = "in force until \(requirement.untilLatest ?? until); superseded at \(asOf)"
            return finding
        }
        guard let roles else {
            finding.status = .missingEvidence
            finding.missing = [MissingFact(path: "roles", mark: facts.mark)]
            finding.note = "the site states no roles; this requirement applies under \(requirement.roles.joined(separator: ", "))"
            return finding
        }
        finding.roleBits = requirement.roleMask & roles
        if finding.roleBits == 0 {
            finding.status = .notApplicable  // the site plays none of the requirement's roles
            return finding
        }
        /// Makes the finding `upcoming` when the requirement takes effect after the as-of date.
        func notYetInForce() -> Bool {
            guard let effective = requirement.effectiveEarliest ?? requirement.effective, asOf < effective else { return false }
            finding.status = .upcoming
            finding.note = requirement.effectiveEarliest == nil ? "takes effect \(effective)"
                : "takes effect between \(effective) and \(requirement.effective!) (the exact date is unsettled)"
            return true
        }
        switch requirement.applies?.program.truth(on: facts, asOf: asOf) {
        case .no?:
            finding.status = .notApplicable
            return finding
        case .unknown?:
            if notYetInForce() { return finding }
            let explained = requirement.applies!.explain(facts, asOf: asOf, gathering: .missingFacts)
            finding.status = .missingEvidence
            var missing = explained.missing
            if gatherAll {  // what the requirement asks should it apply
                for i in requirement.alternatives.indices {
                    missing += requirement.alternatives[i].condition.explain(facts, asOf: asOf, gathering: .missingFacts).missing
                }
                missing = Explanation.unique(missing)
            }
            finding.missing = missing.map(ScopeFacts.inputs)
            finding.note = explained.budgetExceeded ? Self.budgetNote : "cannot tell whether it applies"
            finding.mark = explained.missing.first?.mark ?? facts.mark
            if Self.holdUnsettled(&finding, requirement, asOf: asOf) { return finding }
            waive(&finding, facts: facts, asOf: asOf)
            return finding
        case .yes?, nil:  // applies, or applies to every site
            break
        }
        if notYetInForce() { return finding }

        var sawUnknown = false, overBudget = false
        let alternatives = requirement.alternatives
        for index in alternatives.indices {
            let (truth, exceeded) = alternatives[index].condition.program.truthWithinBudget(on: facts, asOf: asOf)
            overBudget = overBudget || exceeded
            switch truth {
            case .yes:
                let name = alternatives[index].name
                finding.alternative = name.isEmpty ? nil : name
                finding.metByAlternative = index > 0
                return finding
            case .unknown: sawUnknown = true
            case .no: break
            }
        }
        if requirement.allowsEquivalent, let measure = equivalentMeasure(for: requirement.id, in: facts) {
            let description = measure.text("description") ?? "equivalent measure"
            if let evidence = measure.text("evidence") {
                finding.alternative = "equivalent measure: \(description) (evidence: \(evidence))"
                finding.metByAlternative = true
                return finding
            }
            finding.status = .missingEvidence
            finding.mark = measure.mark
            finding.missing = [MissingFact(path: "equivalent_measures[\(requirement.id)].evidence", mark: measure.mark)]
            finding.note = "an equivalent measure is claimed without an evidence reference"
            waive(&finding, facts: facts, asOf: asOf)
            return finding
        }

        // Not met. The status is decided; the evidence is spelled when a report reads it.
        finding.status = sawUnknown ? .missingEvidence : .gap
        finding.explainLater { [sawUnknown, gatherAll] spelled in
            Self.explainFailure(requirement, on: facts, asOf: asOf, sawUnknown: sawUnknown, gatherAll: gatherAll, spelled: spelled)
        }
        if overBudget { finding.note = Self.budgetNote }
        if requirement.basis == .commitment {
            finding.status = .upcoming
            finding.note = "roadmap or strategy commitment: not yet a legal duty"
            return finding
        }
        if Self.holdUnsettled(&finding, requirement, asOf: asOf) { return finding }
        waive(&finding, facts: facts, asOf: asOf)
        return finding
    }

    /// Between the earliest and latest day a rule may have taken effect (or
    /// ended), a failing result is not a violation: a gap, or missing
    /// evidence, is reported as upcoming with the reason, its witnesses or
    /// missing facts kept. True when `finding` was so held.
    static func holdUnsettled(_ finding: inout Finding, _ requirement: Requirement, asOf: Day) -> Bool {
        guard finding.status == .gap || finding.status == .missingEvidence,
              let unsettled = unsettledDate(requirement, asOf: asOf) else { return false }
        finding.note = unsettled + (finding.status == .gap ? ": not reported as a gap"
                                    : ": facts are missing, not reported as missing evidence")
        finding.status = .upcoming
        return true
    }

    /// The evidence of a requirement none of whose alternatives holds: a gap
    /// shows its witnesses, missing evidence its missing facts (both with
    /// `gatherAll`); the finding points at the first of them.
    ///
    /// Not `spelled`, for a fingerprint: the witnesses name their subjects
    /// only (no `found`, no `required`), and nil is returned when the
    /// subjects might not be a spelled explanation's (see
    /// `Outcome.subjectsAmbiguous`).
    static func explainFailure(_ requirement: Requirement, on facts: FactObject, asOf: Day,
                               sawUnknown: Bool, gatherAll: Bool, spelled: Bool = true) -> Finding.Explained? {
        var witnesses: [Witness] = []
        var missing: [MissingFact] = []
        let alternatives = requirement.alternatives
        let gathering: Explanation.Gathering = sawUnknown ? .missingFacts : gatherAll ? .both : .witnesses
        guard spelled else {
            for i in alternatives.indices {
                let explained = alternatives[i].condition.explain(facts, asOf: asOf, gathering: gathering, spellsWitnesses: false)
                if sawUnknown && explained.truth == .no { continue }  // as below
                if explained.subjectsAmbiguous { return nil }
                witnesses += explained.witnesses
                missing += explained.missing
            }
            return Finding.Explained(witnesses: sawUnknown ? [] : witnesses,
                                     missing: sawUnknown || gatherAll ? missing.map(ScopeFacts.inputs) : [], mark: facts.mark)
        }
        for i in alternatives.indices {  // by index: copying an alternative retains each of its parts
            let explained = alternatives[i].condition.explain(facts, asOf: asOf, gathering: gathering)
            // Missing evidence asks only for facts that can decide: an alternative that fails
            // whatever the missing facts say (a station rule on a storage site) asks for none.
            if sawUnknown && explained.truth == .no { continue }
            let prefix = alternatives.count > 1 ? "\(alternatives[i].name): " : ""
            for var witness in explained.witnesses {
                witness.required = prefix + witness.required
                // The same value failing several alternatives is shown once, with each requirement.
                if let i = witnesses.firstIndex(where: { $0.subject == witness.subject && $0.found == witness.found }) {
                    witnesses[i].required += "; or " + witness.required
                    witnesses[i].measures += witness.measures
                } else {
                    witnesses.append(witness)
                }
            }
            missing += explained.missing  // each alternative's without repeats; across them, below
        }
        if alternatives.count > 1 { missing = Explanation.unique(missing) }
        let mark = (sawUnknown ? missing.first?.mark : witnesses.first(where: { $0.mark != nil })?.mark) ?? facts.mark
        return Finding.Explained(witnesses: sawUnknown ? [] : witnesses,
                                 missing: sawUnknown || gatherAll ? missing.map(ScopeFacts.inputs) : [], mark: mark)
    }

    /// Whether some alternative of `requirement` compares the site value at
    /// `subject` (`equipment[C-1].distances.fire_source`) with a limit on
    /// `facts`: its filters admit the item and its evaluation reaches it.
    static func reaches(_ requirement: Requirement, subject: String, on facts: FactObject, asOf: Day) -> Bool {
        requirement.alternatives.contains { $0.condition.reaches(subject, on: facts, asOf: asOf) }
    }

    /// Why the rule may not be in force at `asOf`: a start or end date the
    /// sources leave open, with `asOf` between its earliest and latest day.
    static func unsettledDate(_ requirement: Requirement, asOf: Day) -> String? {
        if let earliest = requirement.effectiveEarliest, let latest = requirement.effective, asOf >= earliest, asOf < latest {
            return "the rule took effect between \(earliest) and \(latest), and the exact date is unsettled"
        }
        if let earliest = requirement.until, let latest = requirement.untilLatest, asOf > earliest, asOf <= latest {
            return "the rule ended between \(earliest) and \(latest), and the exact date is unsettled"
        }
        return nil
    }

    /// Roles the file declares but lists nothing under: a fleet with
    /// `vehicles: []`, a pipeline operator with `pipelines: []`, a plant
    /// with `equipment: []`. Every rule over such a list holds vacuously,
    /// so the role was not assessed.
    static func emptyRoles(_ facts: FactObject, roles: UInt64) -> [String] {
        func isEmptyList(_ value: FactValue?) -> Bool {
            if case .list(let items)? = value { return items.isEmpty }
            return false
        }
        var empty: [String] = []
        for role in Roles.names(roles) {
            switch role {
            case "transport":
                if case .object(let transport)? = facts.value("transport"), isEmptyList(transport.value("vehicles")) {
                    empty.append("role 'transport': the file lists no vehicles (transport.vehicles: [])")
                }
            case "pipeline":
                if isEmptyList(facts.value("pipelines")) { empty.append("role 'pipeline': the file lists no pipelines (pipelines: [])") }
            default:
                if isEmptyList(facts.value("equipment")) { empty.append("role '\(role)': the file lists no equipment (equipment: [])") }
            }
        }
        return empty
    }

    static func equivalentMeasure(for id: String, in facts: FactObject) -> FactObject? {
        guard case .list(let items)? = facts.value("equivalent_measures") else { return nil }
        for item in items {
            if case .object(let o) = item.value, o.text("requirement") == id { return o }
        }
        return nil
    }

    /// Applies a site waiver to a gap or missing evidence (`Waiver.apply`): waived until its expiry, the raw verdict after.
    static func waive(_ finding: inout Finding, facts: FactObject, asOf: Day) {
        guard case .list(let items)? = facts.value("waivers") else { return }
        for item in items {
            guard case .object(let waiver) = item.value, waiver.text("requirement") == finding.requirement.id else { continue }
            guard case .date(let expires)? = waiver.value("expires") else { continue }
            // A waiver without a named approver or a stated justification waives nothing.
            guard let approver = Self.nonBlank(waiver.text("approver")), Self.nonBlank(waiver.text("justification")) != nil else {
                finding.note = "waiver not applied: it needs a non-empty approver and justification"
                return
            }
            Waiver.apply(to: &finding, approver: approver, justification: waiver.text("justification") ?? "", expires: expires, asOf: asOf)
            return
        }
    }
}
