import Foundation

/// One site quantity that both regimes constrain, and the single value that
/// satisfies both where one exists: `equipment[D-1].distances.public_road`
/// found 4.5 m, KR asks >= 5 m, JP >= 8 m: at least 8 m, JP binds.
///
/// The limits are the requirements' own: the value a failing comparison
/// required on this site (`Measure`, canonical units), or, for a requirement
/// that holds or fails elsewhere, its compiled threshold on the same quantity
/// (`Threshold`, every value of its table by case).
public struct BindingFix: Sendable {
    /// One requirement's limit on the quantity.
    public struct Constraint: Sendable {
        public var regime: String
        public var requirement: Requirement
        /// The requirement's result on the site.
        public var status: Status
        public var direction: Threshold.Direction
        public var strict: Bool
        /// The limit's possible values on this site, canonical units: one
        /// when the site's failing comparison gave it, a table's values by
        /// case otherwise.
        public var values: [Double]
        public var kind: QuantityKind
        /// The limit as the requirement states it for this site (`>= 8 m`, or `>= 6 m .. 8.5 m (by case)`).
        public var text: String
        /// True when `values` is the one value this site's comparison required.
        public var siteSpecific: Bool

        public init(regime: String, requirement: Requirement, status: Status, direction: Threshold.Direction, strict: Bool = false,
                    values: [Double], kind: QuantityKind, text: String, siteSpecific: Bool) {
            self.regime = regime; self.requirement = requirement; self.status = status; self.direction = direction
            self.strict = strict; self.values = values.sorted(); self.kind = kind; self.text = text; self.siteSpecific = siteSpecific
        }

        /// The requirement's compiled threshold on the quantity; a limit it
        /// holds on this site (`found`) narrows a table to the values it can be.
        public init(regime: String, requirement: Requirement, status: Status, threshold: Threshold, kind: QuantityKind, found: Double?) {
            var values = threshold.values
            if let found, status == .met {
                let possible = values.filter { v in
                    switch threshold.direction {
                    case .minimum: return v <= found + BindingFix.tolerance
                    case .maximum: return v >= found - BindingFix.tolerance
                    case .exact: return abs(v - found) <= BindingFix.tolerance
                    }
                }
                if !possible.isEmpty { values = possible }
            }
            let narrowed = Threshold(path: threshold.path, direction: threshold.direction, values: values, kind: kind, strict: threshold.strict)
            self.init(regime: regime, requirement: requirement, status: status, direction: threshold.direction, strict: threshold.strict,
                      values: values, kind: kind, text: narrowed.text, siteSpecific: false)
        }

        /// The value that surely meets this limit, and the least demanding it can be.
        var surest: Double { direction == .maximum ? values.first ?? 0 : values.last ?? 0 }
        var mildest: Double { direction == .maximum ? values.last ?? 0 : values.first ?? 0 }
    }

    /// What one value can do for both regimes.
    public enum Outcome: Sendable, Equatable {
        /// One value meets every limit: at least (minimum), at most
        /// (maximum) or exactly `value`; `binding` are the regimes whose limit sets it.
        case single(direction: Threshold.Direction, value: Double, strict: Bool, binding: [String])
        /// Any value from `low` to `high` meets every limit.
        case between(low: Double, high: Double, binding: [String])
        /// No value meets both: a minimum above a maximum (two fixes).
        case conflict
        /// Whether one value serves both depends on which row of a table applies (two fixes).
        case dependsOnCase
    }

    public static let tolerance = 1e-9

    /// The site quantity, e.g. `equipment[D-1].distances.public_road`.
    public var subject: String
    public var mark: SourceMark?
    /// The value in the site file, as written.
    public var found: String
    public var kind: QuantityKind
    public var constraints: [Constraint]
    public var outcome: Outcome
    /// The topic the fix is listed under (of the first violation it settles).
    public var topic: String

    /// The one value that meets every limit, or why there is none. Limits of
    /// different kinds never meet here: the caller groups one kind.
    public static func resolve(_ constraints: [Constraint]) -> Outcome {
        let minimums = constraints.filter { $0.direction != .maximum }
        let maximums = constraints.filter { $0.direction != .minimum }
        func regimes(_ list: [Constraint]) -> [String] {
            var seen = Set<String>()
            return list.map(\.regime).filter { seen.insert($0).inserted }
        }
        // The value that surely meets every minimum, and every maximum.
        let low = minimums.map(\.surest).max(), high = maximums.map(\.surest).min()
        let lowStrict = minimums.contains { $0.strict && abs($0.surest - (low ?? 0)) <= tolerance }
        let highStrict = maximums.contains { $0.strict && abs($0.surest - (high ?? 0)) <= tolerance }
        switch (low, high) {
        case (nil, nil):
            return .dependsOnCase
        case (let low?, nil):
            return .single(direction: .minimum, value: low, strict: lowStrict,
                           binding: regimes(minimums.filter { abs($0.surest - low) <= tolerance }))
        case (nil, let high?):
            return .single(direction: .maximum, value: high, strict: highStrict,
                           binding: regimes(maximums.filter { abs($0.surest - high) <= tolerance }))
        case (let low?, let high?):
            let open = lowStrict || highStrict
            if low < high - tolerance || (!open && abs(low - high) <= tolerance) {
                let binding = regimes(constraints.filter { abs($0.surest - ($0.direction == .maximum ? high : low)) <= tolerance })
                if abs(low - high) <= tolerance { return .single(direction: .exact, value: low, strict: false, binding: binding) }
                return .between(low: low, high: high, binding: binding)
            }
            // Even the mildest rows conflict: no value serves both.
            let mildLow = minimums.map(\.mildest).max() ?? low, mildHigh = maximums.map(\.mildest).min() ?? high
            return mildLow > mildHigh + tolerance || (open && abs(mildLow - mildHigh) <= tolerance) ? .conflict : .dependsOnCase
        }
    }

    /// Whether one value serves both regimes.
    public var isSingle: Bool {
        switch outcome {
        case .single, .between: return true
        case .conflict, .dependsOnCase: return false
        }
    }

    func show(_ v: Double) -> String { QuantityText.format(Quantity(v, kind)) }

    /// `at least 8 m`, `between 5 m and 10 m`, or why there is no one value.
    public var measureText: String {
        switch outcome {
        case .single(let direction, let value, let strict, _):
            switch direction {
            case .minimum: return (strict ? "more than " : "at least ") + show(value)
            case .maximum: return (strict ? "less than " : "at most ") + show(value)
            case .exact: return "exactly " + show(value)
            }
        case .between(let low, let high, _): return "between \(show(low)) and \(show(high))"
        case .conflict: return "no single value: a minimum of one regime is above a maximum of the other"
        case .dependsOnCase: return "no single value for every case: it depends on which row of a table applies"
        }
    }

    /// The regimes whose limit sets the value (upper case), or none.
    public var binding: [String] {
        switch outcome {
        case .single(_, _, _, let b), .between(_, _, let b): return b.map { $0.uppercased() }
        case .conflict, .dependsOnCase: return []
        }
    }

    /// `JP binds`, `KR and JP bind alike`, or `two fixes`.
    public var bindingText: String {
        let b = binding
        if b.isEmpty { return "two fixes" }
        return b.count == 1 ? "\(b[0]) binds" : "\(b.joined(separator: " and ")) bind alike"
    }

    /// `KR-HRS-002 >= 5 m (gap)`.
    public static func describe(_ c: Constraint) -> String {
        "\(c.requirement.id) \(c.text) (\(c.status.rawValue))"
    }
}

extension BindingFix {
    /// `equipment[D-1].distances.public_road` -> `equipment[].distances.public_road`.
    static func generic(_ path: String) -> String {
        var out = "", depth = 0
        for ch in path {
            if ch == "[" { if depth == 0 { out += "[" }; depth += 1; continue }
            if ch == "]" { depth -= 1; if depth == 0 { out += "]" }; continue }
            if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// The binding fixes of one site checked under two regimes: one per site
    /// quantity that a violation of either regime fails on (a comparison with
    /// a limit) and that requirements of both regimes constrain.
    public static func fixes(for report: SiteReport, left: String, right: String) -> [BindingFix] {
        let regimes = [left, right]
        let topicOrder = Dictionary(uniqueKeysWithValues: Topic.ids.enumerated().map { ($1, $0) })
        let violations = report.findings.filter { $0.isViolation && regimes.contains($0.requirement.pack) }
            .sorted { (topicOrder[$0.requirement.topic] ?? 0) < (topicOrder[$1.requirement.topic] ?? 0) }
        var seen = Set<String>(), fixes: [BindingFix] = []
        func reaches(_ requirement: Requirement, _ subject: String) -> Bool {
            guard let facts = report.facts, let asOf = report.asOf else { return true }
            return Checker.reaches(requirement, subject: subject, on: facts, asOf: asOf)
        }
        for violation in violations {
            for witness in violation.witnesses {
                guard let subject = witness.subject, let measure = witness.measures.first, !seen.contains(subject) else { continue }
                seen.insert(subject)
                let path = generic(subject), kind = measure.kind
                var constraints: [Constraint] = []
                for finding in report.findings where regimes.contains(finding.requirement.pack) {
                    guard [.gap, .met, .missingEvidence, .waived].contains(finding.status) else { continue }
                    if let w = finding.witnesses.first(where: { $0.subject == subject }), !w.measures.isEmpty {
                        // This site's failing comparison: the least demanding alternative is the limit to reach.
                        let ms = w.measures.filter { $0.kind == kind }
                        guard let direction = ms.first?.direction else { continue }
                        let same = ms.filter { $0.direction == direction }
                        let value = direction == .maximum ? same.map(\.required).max()! : same.map(\.required).min()!
                        constraints.append(Constraint(regime: finding.requirement.pack, requirement: finding.requirement, status: finding.status,
                                                      direction: direction, strict: same.contains { $0.strict && $0.required == value },
                                                      values: [value], kind: kind, text: w.required, siteSpecific: true))
                    } else if let threshold = finding.requirement.thresholds.first(where: { $0.path == path && $0.kind == kind && $0.direction != .exact && !$0.scope }),
                              reaches(finding.requirement, subject) {
                        // A limit on the same kind of quantity counts only where the requirement reaches this item
                        // (its filters admit it): a 5 m around oxygen vessels is no limit on a compressor.
                        constraints.append(Constraint(regime: finding.requirement.pack, requirement: finding.requirement, status: finding.status,
                                                      threshold: threshold, kind: kind, found: measure.found))
                    }
                }
                guard Set(constraints.map(\.regime)).count == 2 else { continue }
                constraints.sort { (regimes.firstIndex(of: $0.regime)!, $0.requirement.id) < (regimes.firstIndex(of: $1.regime)!, $1.requirement.id) }
                fixes.append(BindingFix(subject: subject, mark: witness.mark, found: witness.found, kind: kind,
                                        constraints: constraints, outcome: resolve(constraints), topic: violation.requirement.topic))
            }
        }
        return fixes
    }
}
