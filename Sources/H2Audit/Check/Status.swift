/// The one result each (site, requirement) pair gets.
public enum Status: String, Sendable, Codable, CaseIterable {
    /// The position in `allCases`, for counting without hashing.
    var index: Int {
        switch self {
        case .met: return 0
        case .gap: return 1
        case .missingEvidence: return 2
        case .notApplicable: return 3
        case .waived: return 4
        case .upcoming: return 5
        }
    }

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
