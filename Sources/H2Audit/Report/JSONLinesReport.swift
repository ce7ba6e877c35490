/// JSON Lines: one line per file (`"record": "file"`), then one summary line
/// (`"record": "summary"`). Each line is a complete JSON value, so consumers
/// can stream it.
public struct JSONLinesReport: ReportRenderer {
    public init() {}

    var parts: ReportRecord.StaticParts?

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        parts = ReportRecord.StaticParts(context.packs)
    }

    public func render(_ result: FileResult) -> String {
        var json = JSONWriter()
        ReportRecord.write(result, into: &json, record: "file", parts: parts)
        return json.text + "\n"
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        var line = ReportRecord.json(ReportRecord.SummaryRecord(summary))
        line.removeFirst()
        out.line("{\"record\":\"summary\",\"schema_version\":\(ReportRecord.schemaVersion)," + line)
    }
}
