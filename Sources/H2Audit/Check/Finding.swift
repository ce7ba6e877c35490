/// The result of one requirement on one site, with its evidence.
public struct Finding: Sendable {
    public let requirement: Requirement
    public var status: Status
    /// True when the requirement was met by other than its first (primary) way:
    /// a named alternative after the first, or an equivalent measure.
    public var metByAlternative = false
    /// Where in the site file the finding points.
    public var mark: SourceMark
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

    init(requirement: Requirement, status: Status, mark: SourceMark) {
        self.requirement = requirement
        self.status = status
        self.mark = mark
    }

    /// The named alternative that was met, e.g. "blast wall instead of 10 m".
    public var alternative: String? {
        get { evidence?.parts.alternative }
        set { update { $0.alternative = newValue } }
    }
    /// Values that made the requirement fail.
    public var witnesses: [Witness] {
        get { evidence?.parts.witnesses ?? [] }
        set { update { $0.witnesses = newValue } }
    }
    /// Facts the site file should give.
    public var missing: [MissingFact] {
        get { evidence?.parts.missing ?? [] }
        set { update { $0.missing = newValue } }
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
