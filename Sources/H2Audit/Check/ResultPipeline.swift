/// What happens to a file's result between the checker and the reports,
/// on the worker that checked it, in this order: the regulator's waivers
/// (`--waivers`), requirement selection (`--only`, `--skip`), the baseline
/// (`--baseline`), listing filters (`--min-severity`, `--status`).
public struct ResultPipeline: Sendable {
    public var filter: FindingFilter
    public var baseline: Baseline?
    public var waivers: WaiverFile?
    /// The as-of date waivers expire against.
    public var asOf: Day

    public init(filter: FindingFilter = FindingFilter(), baseline: Baseline? = nil, waivers: WaiverFile? = nil, asOf: Day = Day.today()) {
        self.filter = filter
        self.baseline = baseline
        self.waivers = waivers
        self.asOf = asOf
    }

    /// The result the summary and exit status count (`kept`) and the one
    /// the reports show (`listed`).
    public func process(_ result: FileResult) -> (kept: FileResult, listed: FileResult) {
        var kept = filter.select(waivers?.apply(result, asOf: asOf) ?? result)
        if let baseline { kept = baseline.suppress(kept) }
        return (kept, filter.list(kept))
    }
}
