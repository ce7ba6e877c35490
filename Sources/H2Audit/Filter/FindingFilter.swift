/// Which findings a run keeps and which its reports list (`--only`,
/// `--skip`, `--min-severity`, `--status`), applied to each file's result
/// before anything is rendered.
///
/// - `only` / `skip` select requirements: a finding of an unselected
///   requirement is dropped from the reports, the summary and the exit status.
/// - `minSeverity` / `statuses` narrow what the reports list; the summary
///   and the exit status still count every selected finding, so a listing
///   filter never turns a failing run into a pass.
public struct FindingFilter: Sendable {
    /// Requirement selectors: an id (`KR-HRS-002`), an id glob (`KR-HRS-*`),
    /// a topic (`separation-distance`) or a stage (`storage`).
    public var only: [String] = []
    public var skip: [String] = []
    public var minSeverity: Severity?
    /// Statuses to list; nil lists every status.
    public var statuses: Set<Status>?

    public init(only: [String] = [], skip: [String] = [], minSeverity: Severity? = nil, statuses: Set<Status>? = nil) {
        self.only = only
        self.skip = skip
        self.minSeverity = minSeverity
        self.statuses = statuses
    }

    /// Nothing is filtered.
    public var isEmpty: Bool { only.isEmpty && skip.isEmpty && minSeverity == nil && statuses == nil }
    var listsEverything: Bool { minSeverity == nil && statuses == nil }

    static func matches(_ selector: String, _ r: Requirement) -> Bool {
        if selector.contains("*") || selector.contains("?") { return InputFiles.matches(r.id, glob: selector) }
        return selector == r.id || selector == r.topic || selector == r.stage.rawValue
    }

    /// Whether findings of `requirement` are kept (`--only`, `--skip`).
    public func selects(_ requirement: Requirement) -> Bool {
        if !only.isEmpty && !only.contains(where: { Self.matches($0, requirement) }) { return false }
        return !skip.contains { Self.matches($0, requirement) }
    }

    /// Whether a kept finding is listed (`--min-severity`, `--status`).
    public func lists(_ finding: Finding) -> Bool {
        if let minSeverity, finding.requirement.severity < minSeverity { return false }
        if let statuses, !statuses.contains(finding.status) { return false }
        return true
    }

    /// The findings of `result` that are kept (for the summary and exit
    /// status) and, of those, the ones listed (for the reports).
    public func apply(_ result: FileResult) -> (kept: FileResult, listed: FileResult) {
        let kept = select(result)
        return (kept, list(kept))
    }

    /// `result` without the findings of unselected requirements (`--only`, `--skip`).
    public func select(_ result: FileResult) -> FileResult {
        guard case .checked(var report) = result, !only.isEmpty || !skip.isEmpty else { return result }
        report.findings.removeAll { !selects($0.requirement) }
        return .checked(report)
    }

    /// `result` with only the findings the listing filters let through (`--min-severity`, `--status`).
    public func list(_ result: FileResult) -> FileResult {
        guard case .checked(var report) = result, !listsEverything else { return result }
        report.findings.removeAll { !lists($0) }
        return .checked(report)
    }

    /// Selectors that match no requirement, id, topic or stage of `packs`,
    /// each with a "did you mean" where one is close: a typo must not
    /// silently select nothing.
    public static func unknownSelectors(_ selectors: [String], packs: [RequirementPack]) -> [String] {
        let requirements = packs.flatMap(\.requirements)
        let words = Set(requirements.map(\.id) + requirements.map(\.topic) + Stage.allCases.map(\.rawValue))
        return selectors.filter { selector in !requirements.contains { matches(selector, $0) } }.map { selector in
            var message = "'\(selector)' names no requirement id, topic or stage of the loaded packs"
            if let guess = Suggest.closest(to: selector, in: Array(words)).first { message += "; did you mean '\(guess)'?" }
            return message
        }
    }

    /// The filters in words, for the text summary; nil when none is set.
    public var note: String? {
        var parts: [String] = []
        if !only.isEmpty { parts.append("only " + only.joined(separator: ", ")) }
        if !skip.isEmpty { parts.append("skipping " + skip.joined(separator: ", ")) }
        if let minSeverity { parts.append("listing severity \(minSeverity.rawValue) and above") }
        if let statuses { parts.append("listing status " + Status.allCases.filter(statuses.contains).map(\.rawValue).joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
