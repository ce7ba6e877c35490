/// Two regimes lined up topic by topic: requirement pairs with how they
/// relate (thresholds compared in canonical units), and what each side has
/// alone.
public struct RegimeDiff: Sendable {
    /// Two thresholds on the same site quantity.
    public struct ThresholdComparison: Sendable {
        public var path: String
        public var left: Threshold
        public var right: Threshold
        public var relation: Relation
        /// `by 1 m (6 m vs 5 m)`.
        public var detail: String
        /// The requirements that set the two thresholds (B6: a pair of several
        /// requirements names which one each line compares).
        public var leftRequirement: String = ""
        public var rightRequirement: String = ""
    }

    public enum Origin: String, Sendable { case crosswalk, automatic }

    public struct Pair: Sendable {
        public var left: [Requirement]
        public var right: [Requirement]
        public var relation: Relation
        public var origin: Origin
        public var note: String?
        public var comparisons: [ThresholdComparison]
        /// Differences of effective dates and basis.
        public var differences: [String]
    }

    public struct OneSided: Sendable {
        public var requirement: Requirement
        public var note: String?
        /// Confirmed by the crosswalk; otherwise nobody has mapped it yet.
        public var confirmed: Bool
    }

    public struct TopicSection: Sendable {
        public var topic: String
        public var description: String
        public var pairs: [Pair] = []
        public var onlyLeft: [OneSided] = []
        public var onlyRight: [OneSided] = []
    }

    public let left: RequirementPack
    public let right: RequirementPack
    public let crosswalk: Crosswalk?
    public let topics: [TopicSection]
    /// The day whose rules are compared (`diff --as-of`); nil: every requirement of the packs, whatever its dates.
    public let asOf: Day?

    public func count(_ relation: Relation) -> Int { topics.reduce(0) { $0 + $1.pairs.filter { $0.relation == relation }.count } }
    public var onlyLeftCount: Int { topics.reduce(0) { $0 + $1.onlyLeft.count } }
    public var onlyRightCount: Int { topics.reduce(0) { $0 + $1.onlyRight.count } }
    public var unmappedLeft: [Requirement] { topics.flatMap { $0.onlyLeft.filter { !$0.confirmed }.map(\.requirement) } }
    public var unmappedRight: [Requirement] { topics.flatMap { $0.onlyRight.filter { !$0.confirmed }.map(\.requirement) } }

    /// Compares two thresholds on the same quantity; `nil` if they measure different things.
    public static func compare(_ l: Threshold, _ r: Threshold) -> ThresholdComparison? {
        guard l.path == r.path, l.direction == r.direction, l.kind == r.kind, l.direction != .exact, l.scope == r.scope else { return nil }
        func show(_ v: Double) -> String { l.kind.map { QuantityText.format(Quantity(v, $0)) } ?? QuantityText.number(v) }
        func by(_ low: Double, _ high: Double) -> String {
            let a = abs(low), b = abs(high)
            return a == b ? "by \(show(min(a, b)))" : "by \(show(min(a, b))) to \(show(max(a, b)))"
        }
        let tolerance = 1e-9
        let relation: Relation
        var detail: String
        // For a minimum, the higher value is stricter; for a maximum, the lower. For a scope
        // condition the other way round: the rule that reaches more items is the stricter.
        let sign: Double = (l.direction == .minimum) != l.scope ? 1 : -1
        let lLow = sign > 0 ? l.lowest : -l.highest, lHigh = sign > 0 ? l.highest : -l.lowest
        let rLow = sign > 0 ? r.lowest : -r.highest, rHigh = sign > 0 ? r.highest : -r.lowest
        if abs(lLow - rLow) < tolerance && abs(lHigh - rHigh) < tolerance && l.values.count == r.values.count {
            relation = .equivalent
            detail = "same: \(l.text)"
        } else if lLow >= rHigh - tolerance {
            relation = .leftStricter
            detail = "\(by(lLow - rHigh, lHigh - rLow)) (\(l.text) vs \(r.text))"
        } else if rLow >= lHigh - tolerance {
            relation = .rightStricter
            detail = "\(by(rLow - lHigh, rHigh - lLow)) (\(r.text) vs \(l.text))"
        } else {
            relation = .partial
            detail = "depends on the case (\(l.text) vs \(r.text))"
        }
        if l.scope { detail = "scope, " + detail + (relation == .equivalent ? "" : ": the lower minimum (higher maximum) reaches more") }
        return ThresholdComparison(path: l.path, left: l, right: r, relation: relation, detail: detail)
    }

    static func comparisons(_ left: [Requirement], _ right: [Requirement]) -> [ThresholdComparison] {
        var result: [ThresholdComparison] = []
        for lr in left {
            for l in lr.thresholds {
                for rr in right {
                    for r in rr.thresholds {
                        guard var c = compare(l, r) else { continue }
                        c.leftRequirement = lr.id
                        c.rightRequirement = rr.id
                        result.append(c)
                    }
                }
            }
        }
        return result
    }

    static func differences(_ left: [Requirement], _ right: [Requirement], _ lName: String, _ rName: String) -> [String] {
        var notes: [String] = []
        let lBasis = Set(left.map(\.basis.rawValue)), rBasis = Set(right.map(\.basis.rawValue))
        if lBasis != rBasis {
            notes.append("basis: \(lName) \(lBasis.sorted().joined(separator: "/")), \(rName) \(rBasis.sorted().joined(separator: "/"))")
        }
        func dates(_ rs: [Requirement]) -> String {
            let d = rs.compactMap { r -> String? in
                switch (r.effective, r.until) {
                case (nil, nil): return nil
                case (let e?, nil): return "from \(e)"
                case (nil, let u?): return "until \(u)"
                case (let e?, let u?): return "\(e) to \(u)"
                }
            }
            return d.isEmpty ? "in force (no date)" : d.joined(separator: ", ")
        }
        let ld = dates(left), rd = dates(right)
        if ld != rd { notes.append("dates: \(lName) \(ld); \(rName) \(rd)") }
        return notes
    }

    /// Lines `left` and `right` up, using `crosswalk` where given; with
    /// `asOf`, only the requirements in force on that day (a crosswalk
    /// mapping with one side not in force is dropped, and its other side
    /// stands alone, confirmed: its counterpart is not in force that day).
    public init(left: RequirementPack, right: RequirementPack, crosswalk: Crosswalk?, asOf: Day? = nil) {
        let left = asOf.map { left.inForce(on: $0) } ?? left, right = asOf.map { right.inForce(on: $0) } ?? right
        self.left = left
        self.right = right
        self.crosswalk = crosswalk
        self.asOf = asOf
        let byID = Dictionary((left.requirements + right.requirements).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lName = left.id.uppercased(), rName = right.id.uppercased()
        var sections: [String: TopicSection] = [:]
        func section(_ topic: String) -> TopicSection {
            sections[topic] ?? TopicSection(topic: topic, description: Topic.vocabulary.first { $0.id == topic }?.description ?? "")
        }
        var claimed = Set<String>()
        // A mapping one side of which is not in force on `asOf`: the other side stands alone, as the crosswalk says.
        var counterpartLater: [String: String] = [:]

        for m in crosswalk?.mappings ?? [] {
            let l = m.left.compactMap { byID[$0] }, r = m.right.compactMap { byID[$0] }
            if let asOf, l.isEmpty != r.isEmpty {
                let absent = l.isEmpty ? m.left : m.right
                for req in l + r {
                    counterpartLater[req.id] = "its counterpart \(absent.joined(separator: ", ")) is not in force on \(asOf). \(m.note)"
                }
            }
            guard !l.isEmpty, !r.isEmpty, let topic = l.first?.topic ?? r.first?.topic else { continue }
            claimed.formUnion(m.left + m.right)
            var s = section(topic)
            s.pairs.append(Pair(left: l, right: r, relation: m.relation, origin: .crosswalk, note: m.note,
                                comparisons: Self.comparisons(l, r), differences: Self.differences(l, r, lName, rName)))
            sections[topic] = s
        }
        var confirmedLeft = Dictionary((crosswalk?.onlyLeft ?? []).filter { byID[$0.id] != nil }.map { ($0.id, $0.note) }, uniquingKeysWith: { a, _ in a })
        var confirmedRight = Dictionary((crosswalk?.onlyRight ?? []).filter { byID[$0.id] != nil }.map { ($0.id, $0.note) }, uniquingKeysWith: { a, _ in a })
        for (id, note) in counterpartLater where !claimed.contains(id) {
            if left.requirements.contains(where: { $0.id == id }) { confirmedLeft[id] = confirmedLeft[id] ?? note } else { confirmedRight[id] = confirmedRight[id] ?? note }
        }
        claimed.formUnion(confirmedLeft.keys)
        claimed.formUnion(confirmedRight.keys)
        // Automatic pairs: same topic and a threshold on the same quantity.
        for l in left.requirements where !claimed.contains(l.id) {
            guard let r = right.requirements.first(where: { r in
                r.topic == l.topic && !claimed.contains(r.id) && !Self.comparisons([l], [r]).isEmpty
            }) else { continue }
            let comparisons = Self.comparisons([l], [r])
            let relations = Set(comparisons.map(\.relation))
            claimed.formUnion([l.id, r.id])
            var s = section(l.topic)
            s.pairs.append(Pair(left: [l], right: [r], relation: relations.count == 1 ? relations.first! : .partial,
                                origin: .automatic, note: nil, comparisons: comparisons,
                                differences: Self.differences([l], [r], lName, rName)))
            sections[l.topic] = s
        }
        // Everything else stands alone: confirmed by the crosswalk, or unmapped.
        for (pack, confirmed, isLeft) in [(left, confirmedLeft, true), (right, confirmedRight, false)] {
            for r in pack.requirements where confirmed[r.id] != nil || !claimed.contains(r.id) {
                var s = section(r.topic)
                let entry = OneSided(requirement: r, note: confirmed[r.id], confirmed: confirmed[r.id] != nil)
                if isLeft { s.onlyLeft.append(entry) } else { s.onlyRight.append(entry) }
                sections[r.topic] = s
            }
        }
        topics = Topic.ids.compactMap { sections[$0] }
    }
}

extension RequirementPack {
    /// The pack with only the requirements in force on `day`: taken effect
    /// (at the latest date where the start is unsettled) and not yet superseded.
    public func inForce(on day: Day) -> RequirementPack {
        RequirementPack(id: id, title: title, country: country, version: version, file: file,
                        requirements: requirements.filter { $0.inForce(on: day) }, commitments: commitments)
    }
}

extension Requirement {
    /// In force on `day`, as the checker reads the dates: from `effective`
    /// (its earliest date where unsettled) up to and including `until`
    /// (its latest date where unsettled).
    public func inForce(on day: Day) -> Bool {
        if let until, day > (untilLatest ?? until) { return false }
        if let start = effectiveEarliest ?? effective, day < start { return false }
        return true
    }
}

/// One site under two regimes, topic by topic.
public struct SiteComparison: Sendable {
    public struct Cell: Sendable {
        public var counts: [Status: Int] = [:]
        /// The most serious status in the topic, or nil when the regime has no requirement there.
        public var worst: Status? {
            for s in SiteComparison.severityOrder where (counts[s] ?? 0) > 0 { return s }
            return nil
        }
    }

    public struct Row: Sendable {
        public var topic: String
        public var left: Cell
        public var right: Cell
    }

    static let severityOrder: [Status] = [.gap, .missingEvidence, .waived, .upcoming, .met, .notApplicable]

    public let report: SiteReport
    public let left: String
    public let right: String
    public let rows: [Row]
    /// Violations under either regime: what the site must add to satisfy both.
    public let toDo: [Finding]
    /// Site quantities both regimes limit, with the one value that meets both (`BindingFix`).
    public let fixes: [BindingFix]
    /// The violations no binding fix settles (each regime's own fix): a
    /// violation is settled when every limit it fails on is a fix's quantity.
    public var remaining: [Finding] {
        let subjects = Set(fixes.map(\.subject))
        return toDo.filter { f in
            let measured = f.witnesses.filter { !$0.measures.isEmpty }.compactMap(\.subject)
            return measured.isEmpty || !measured.allSatisfy(subjects.contains)
        }
    }

    public init(report: SiteReport, left: String, right: String) {
        self.report = report
        self.left = left
        self.right = right
        var rows: [Row] = []
        for topic in Topic.ids {
            let findings = report.findings.filter { $0.requirement.topic == topic }
            if findings.isEmpty { continue }
            var row = Row(topic: topic, left: Cell(), right: Cell())
            for f in findings {
                if f.requirement.pack == left { row.left.counts[f.status, default: 0] += 1 }
                if f.requirement.pack == right { row.right.counts[f.status, default: 0] += 1 }
            }
            rows.append(row)
        }
        self.rows = rows
        let order = Dictionary(uniqueKeysWithValues: Topic.ids.enumerated().map { ($1, $0) })
        toDo = report.findings.filter(\.isViolation).sorted {
            (order[$0.requirement.topic] ?? 0, $0.requirement.pack, $0.requirement.id) < (order[$1.requirement.topic] ?? 0, $1.requirement.pack, $1.requirement.id)
        }
        fixes = BindingFix.fixes(for: report, left: left, right: right)
    }

    /// Gaps (violations) by stage and severity, for one regime.
    public func gaps(in pack: String) -> [Stage: [Severity: Int]] {
        var table: [Stage: [Severity: Int]] = [:]
        for f in report.findings where f.isViolation && f.requirement.pack == pack {
            table[f.requirement.stage, default: [:]][f.requirement.severity, default: 0] += 1
        }
        return table
    }
}
