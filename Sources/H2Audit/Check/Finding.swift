/// The result of one requirement on one site, with its evidence.
public struct Finding: Sendable {
    public let requirement: Requirement
    public var status: Status
    /// The named alternative that was met, e.g. "blast wall instead of 10 m".
    public var alternative: String?
    /// True when the requirement was met by other than its first (primary) way:
    /// a named alternative after the first, or an equivalent measure.
    public var metByAlternative = false
    /// Values that made the requirement fail.
    public var witnesses: [Witness] = []
    /// Facts the site file should give.
    public var missing: [MissingFact] = []
    /// Where in the site file the finding points.
    public var mark: SourceMark
    /// Extra words: waiver, supersession, effective date.
    public var note: String?

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
    public var findings: [Finding]
    public var warnings: [Diagnostic]

    public func count(_ status: Status) -> Int { findings.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }
}
