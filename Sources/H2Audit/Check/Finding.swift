import Foundation

/// The result of one requirement on one site, with its evidence.
public struct Finding: Sendable {
    public let requirement: Requirement
    public var status: Status
    /// True when the requirement was met by other than its first (primary) way:
    /// a named alternative after the first, or an equivalent measure.
    public var metByAlternative = false
    /// Where in the site file the finding points.
    public var mark: SourceMark {
        get { pending?.made.mark ?? storedMark }
        set { settle(); storedMark = newValue }
    }
    private var storedMark: SourceMark
    /// The site roles under which the requirement applied (bits of `SiteSchema.roles`).
    var roleBits: UInt64 = 0
    /// The site roles under which the finding arose.
    public var roles: [String] { Roles.names(roleBits) }
    /// The parts most findings do not have (most are met or not applicable),
    /// kept out of line so that the 144 findings of a site stay small.
    private var evidence: Evidence?

    private struct Parts: Sendable {
        var alternative: String?
        var witnesses: [Witness] = []
        var missing: [MissingFact] = []
        var note: String?
        var isEmpty: Bool { alternative == nil && witnesses.isEmpty && missing.isEmpty && note == nil }
    }

    /// Immutable: a finding that changes one of its parts gets a new box, so
    /// copies of a finding never share a change.
    private final class Evidence: Sendable {
        let parts: Parts
        init(_ parts: Parts) { self.parts = parts }
    }

    private mutating func update(_ change: (inout Parts) -> Void) {
        var parts = evidence?.parts ?? Parts()
        change(&parts)
        evidence = parts.isEmpty ? nil : Evidence(parts)
    }

    /// The evidence of a failed requirement: its witnesses, missing facts and
    /// the place they point to.
    struct Explained: Sendable {
        var witnesses: [Witness]
        var missing: [MissingFact]
        var mark: SourceMark
    }

    /// Works out a failed requirement's evidence: spelled (`true`), or with
    /// the witnesses' subjects only, nil when those might not be the
    /// spelled explanation's (`Checker.explainFailure`).
    typealias Explain = @Sendable (_ spelled: Bool) -> Explained?

    /// Evidence worked out when a report first reads it. A status needs only
    /// the requirement's truth; spelling witnesses costs as much again, and a
    /// run that reports only counts (a summary, a triage, an exit status)
    /// never needs them; a baseline needs only the paths they name. Made
    /// once, under a lock, whichever thread asks first.
    final class PendingEvidence: @unchecked Sendable {
        private let lock = NSLock()
        private var work: Explain?
        private var result: Explained?
        private var paths: [String]?

        init(_ work: @escaping Explain) { self.work = work }

        /// Whether the evidence has been worked out (for tests).
        var isMade: Bool {
            lock.lock()
            defer { lock.unlock() }
            return result != nil
        }

        var made: Explained {
            lock.lock()
            defer { lock.unlock() }
            return makeLocked()
        }

        private func makeLocked() -> Explained {
            if let result { return result }
            let value = work!(true)!
            result = value
            work = nil
            return value
        }

        /// The site paths the evidence names (`Finding.evidencePaths`),
        /// from the evidence when it is made, else without spelling it.
        var evidencePaths: [String] {
            lock.lock()
            defer { lock.unlock() }
            if let result { return Finding.paths(result.witnesses, result.missing) }
            if let paths { return paths }
            if let subjects = work!(false) {
                let value = Finding.paths(subjects.witnesses, subjects.missing)
                paths = value
                return value
            }
            let made = makeLocked()
            return Finding.paths(made.witnesses, made.missing)
        }
    }
    private var pending: PendingEvidence?

    /// Whether the evidence is still to be worked out: nothing has read it yet.
    var evidenceIsPending: Bool { pending.map { !$0.isMade } ?? false }

    /// Leaves the witnesses, missing facts and mark to `explain`, run when first read.
    mutating func explainLater(_ explain: @escaping Explain) {
        pending = PendingEvidence(explain)
    }

    /// The site paths the evidence names: the witnesses' subjects and the
    /// missing facts' paths, sorted, without repeats (what a fingerprint is
    /// made of). Pending evidence is not spelled for them: a baseline reads
    /// these of every gap, a report few.
    public var evidencePaths: [String] {
        if let pending { return pending.evidencePaths }
        return Self.paths(evidence?.parts.witnesses ?? [], evidence?.parts.missing ?? [])
    }

    static func paths(_ witnesses: [Witness], _ missing: [MissingFact]) -> [String] {
        var paths: [String] = []
        paths.reserveCapacity(witnesses.count + missing.count)
        for w in witnesses { if let subject = w.subject { paths.append(subject) } }
        for m in missing { paths.append(m.path) }
        paths.sort()
        var last: String?
        return paths.filter { path in
            defer { last = path }
            return path != last
        }
    }

    /// Turns pending evidence into the finding's own parts, before a part is changed.
    private mutating func settle() {
        guard let made = pending?.made else { return }
        pending = nil
        storedMark = made.mark
        update {
            $0.witnesses = made.witnesses
            $0.missing = made.missing
        }
    }

    init(requirement: Requirement, status: Status, mark: SourceMark) {
        self.requirement = requirement
        self.status = status
        self.storedMark = mark
    }

    /// The named alternative that was met, e.g. "blast wall instead of 10 m".
    public var alternative: String? {
        get { evidence?.parts.alternative }
        set { update { $0.alternative = newValue } }
    }
    /// Values that made the requirement fail.
    public var witnesses: [Witness] {
        get { pending?.made.witnesses ?? evidence?.parts.witnesses ?? [] }
        set { settle(); update { $0.witnesses = newValue } }
    }
    /// Facts the site file should give.
    public var missing: [MissingFact] {
        get { pending?.made.missing ?? evidence?.parts.missing ?? [] }
        set { settle(); update { $0.missing = newValue } }
    }
    /// Extra words: waiver, supersession, effective date.
    public var note: String? {
        get { evidence?.parts.note }
        set { update { $0.note = newValue } }
    }

    /// A gap that is non-compliance with a law in force.
    public var isViolation: Bool { requirement.basis == .law && (status == .gap || status == .missingEvidence) }

    /// Whether this finding should make the run fail at `threshold`.
    public func fails(at threshold: Severity) -> Bool {
        isViolation && requirement.severity >= threshold
    }
}

/// Everything the checker found for one site file.
public struct SiteReport: Sendable {
    public let file: String
    public let siteID: String
    public let siteName: String
    public let country: String?
    public let stages: [String]
    /// The roles the site plays.
    public let roles: [String]
    public var findings: [Finding]
    public var warnings: [Diagnostic]
    /// Nothing was assessed for the site, or for one of its roles (the
    /// reasons are among `warnings`): not a pass.
    public var notAssessed: Bool
    /// The company operating the site (`operator:`), when the file names one.
    public var `operator`: String? = nil
    /// Gaps and missing evidence left out because `--baseline` holds them.
    public var baselined = 0

    public func count(_ status: Status) -> Int { findings.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }
}
