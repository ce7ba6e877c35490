/// Which filings change status on which requirements when the rules change
/// (`h2audit impact`): the same files checked under two rule sets — the
/// rules in force on two dates, or two versions of a pack — and every
/// (filing, requirement) pair whose status differs, with counts per
/// requirement and per severity.
public struct ImpactAnalysis: Sendable {
    /// One (filing, requirement) pair whose status changes.
    public struct Change: Sendable {
        public var file: String
        public var site: String
        public var requirement: Requirement
        /// nil: the requirement is not in that side's packs (added or removed by a pack change).
        public var before: Status?
        public var after: Status?
        public var wasViolation: Bool
        public var isViolation: Bool

        /// `upcoming -> gap`, `absent -> met`.
        public var transition: String { "\(before?.rawValue ?? "absent") -> \(after?.rawValue ?? "absent")" }
    }

    /// Changes of one requirement.
    public struct RequirementImpact: Sendable {
        public var requirement: Requirement
        public var filings: Int
        /// Filings per transition, e.g. `upcoming -> gap: 2`.
        public var transitions: [(String, Int)]
        /// Filings that become violations, and that stop being ones.
        public var newViolations: Int
        public var resolvedViolations: Int
    }

    public var filings = 0
    public var changes: [Change] = []
    /// Files that could not be checked (on either side).
    public var inputErrors: [FileResult] = []

    /// Checks `files` under both checkers (each file loaded once per side, in parallel).
    public static func run(files: [String], before: AuditRunner, after: AuditRunner) async -> ImpactAnalysis {
        var analysis = ImpactAnalysis()
        await parallelOrdered(count: files.count, work: { i -> (FileResult, FileResult) in
            (before.check(path: files[i]), after.check(path: files[i]))
        }, emit: { _, pair in
            analysis.add(before: pair.0, after: pair.1)
        })
        return analysis
    }

    /// Compares one file's results under the two rule sets.
    public mutating func add(before: FileResult, after: FileResult) {
        guard case .checked(let a) = before, case .checked(let b) = after else {
            inputErrors.append(before.isChecked ? after : before)
            return
        }
        filings += 1
        var old: [String: Finding] = [:]
        for f in a.findings { old[f.requirement.id] = f }
        var seen = Set<String>()
        for f in b.findings {
            seen.insert(f.requirement.id)
            let o = old[f.requirement.id]
            if o?.status != f.status {
                changes.append(Change(file: b.file, site: b.siteID, requirement: f.requirement, before: o?.status, after: f.status,
                                      wasViolation: o?.isViolation ?? false, isViolation: f.isViolation))
            }
        }
        for f in a.findings where !seen.contains(f.requirement.id) {
            changes.append(Change(file: a.file, site: a.siteID, requirement: f.requirement, before: f.status, after: nil,
                                  wasViolation: f.isViolation, isViolation: false))
        }
    }

    /// Per requirement, the most filings first, then by severity and id.
    public var byRequirement: [RequirementImpact] {
        var groups: [String: [Change]] = [:]
        for c in changes { groups[c.requirement.id, default: []].append(c) }
        return groups.values.map { group in
            var transitions: [String: Int] = [:]
            for c in group { transitions[c.transition, default: 0] += 1 }
            return RequirementImpact(requirement: group[0].requirement, filings: group.count,
                                     transitions: transitions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key },
                                     newViolations: group.filter { $0.isViolation && !$0.wasViolation }.count,
                                     resolvedViolations: group.filter { $0.wasViolation && !$0.isViolation }.count)
        }.sorted {
            if $0.filings != $1.filings { return $0.filings > $1.filings }
            if $0.requirement.severity != $1.requirement.severity { return $0.requirement.severity > $1.requirement.severity }
            return $0.requirement.id < $1.requirement.id
        }
    }

    /// Per severity: (filing, requirement) pairs that become violations, and that stop being ones.
    public var bySeverity: [(severity: Severity, newViolations: Int, resolvedViolations: Int, changes: Int)] {
        Severity.allCases.reversed().map { s in
            let group = changes.filter { $0.requirement.severity == s }
            return (s, group.filter { $0.isViolation && !$0.wasViolation }.count, group.filter { $0.wasViolation && !$0.isViolation }.count, group.count)
        }
    }
}

extension FileResult {
    /// Whether the file was checked (not an input error).
    public var isChecked: Bool { if case .checked = self { return true } else { return false } }
}
