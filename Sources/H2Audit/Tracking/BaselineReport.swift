/// Writes a baseline (`--output baseline=FILE`, `h2audit baseline`): every
/// gap and missing evidence the run keeps, by fingerprint, sorted by site,
/// requirement and fingerprint so that a baseline of the same findings is
/// the same file whatever the order of the inputs.
public struct BaselineReport: ReportRenderer {
    var entries: [Baseline.Entry] = []
    var asOf = ""
    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) { asOf = context.asOf.description }
    public func render(_ result: FileResult) -> String { "" }

    /// Reads the kept result (`add` gets what the summary counts, not the listing).
    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        guard case .checked(let report) = result else { return }
        for f in report.findings where Baseline.holds(f) {
            entries.append(Baseline.Entry(fingerprint: FindingFingerprint.of(site: report.siteID, finding: f), site: report.siteID,
                                          requirement: f.requirement.id, status: f.status.rawValue, file: report.file))
        }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        let sorted = entries.sorted { ($0.site, $0.requirement, $0.fingerprint, $0.file) < ($1.site, $1.requirement, $1.fingerprint, $1.file) }
        out.write("{\"schema\":\"\(Baseline.schema)\",\"schema_version\":\(Baseline.schemaVersion),\"as_of\":\"\(asOf)\",\"findings\":[")
        for (i, e) in sorted.enumerated() {
            var json = JSONWriter()
            json.open()
            json.field("fingerprint", e.fingerprint); json.field("site", e.site); json.field("requirement", e.requirement)
            json.field("status", e.status); json.field("file", e.file)
            json.close()
            out.write(i == 0 ? "\n" : ",\n")
            out.write(json.text)
        }
        out.write("\n]}\n")
    }
}
