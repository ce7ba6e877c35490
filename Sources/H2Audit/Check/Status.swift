/// The one result each (site, requirement) pair gets.
public enum Status: String, Sendable, Codable, CaseIterable {
    /// Applies and holds.
    case met
    /// Applies and does not hold: the finding to fix.
    case gap
    /// Applies, but the site file lacks the facts needed to decide.
    case missingEvidence = "missing-evidence"
    /// The requirement's `applies` condition is false, or it is no longer in force.
    case notApplicable = "not-applicable"
    /// A gap covered by a valid waiver in the site file.
    case waived
    /// Not yet in force at the `--as-of` date, or a commitment not yet made law.
    case upcoming
}
