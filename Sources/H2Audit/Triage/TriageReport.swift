/// The triage view of a batch (`--format triage`, `triage-csv`,
/// `triage-json`): one row per filing, worst first (`TriageRow.worstFirst`),
/// with its roles, operator, worst severity, counts by status and severity,
/// and its score (`TriageScore`). Rows are small and kept until the end,
/// where they are sorted; `top` limits the rows listed, never the totals.
public struct TriageReport: ReportRenderer {
    public enum Style: String, Sendable, CaseIterable { case text, csv, json }

    public let style: Style
    public let top: Int?
    var rows: [TriageRow] = []
    var asOf = ""
    public init(style: Style, top: Int? = nil) {
        self.style = style
        self.top = top
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) { asOf = context.asOf.description }
    /// Nothing per file: the rows are sorted and written at the end.
    public func render(_ result: FileResult) -> String { "" }
    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) { rows.append(TriageRow(result)) }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        let sorted = rows.sorted(by: TriageRow.worstFirst)
        let listed = top.map { Array(sorted.prefix($0)) } ?? sorted
        switch style {
        case .text: text(listed, total: sorted, summary: summary, to: out)
        case .csv: csv(listed, to: out)
        case .json: json(listed, total: sorted, summary: summary, to: out)
        }
    }

    static func percent(_ row: TriageRow) -> String {
        row.compliancePercent.map { String((($0 * 10).rounded()) / 10) } ?? ""
    }

    static func worstName(_ row: TriageRow) -> String {
        !row.checked ? "input-error" : row.notAssessed ? "not-assessed" : row.worst?.rawValue ?? "none"
    }

    // MARK: text

    func text(_ rows: [TriageRow], total: [TriageRow], summary: RunSummary, to out: OutputSink) {
        out.safeLine("h2audit triage: \(total.count) filings, worst first; rules in force on \(asOf)")
        out.safeLine("  \(TriageScore.definition)")
        out.safeLine()
        out.safeLine("rank  score  worst         crit  maj  min  info   gap  miss  waiv  upc  met%   file  site  operator  roles")
        for (i, row) in rows.enumerated() {
            var line = String(i + 1).leftPad(4) + "  " + (row.checked ? String(row.score) : "-").leftPad(5) + "  "
            line += Self.worstName(row).padding(toLength: 12, withPad: " ", startingAt: 0)
            for severity in Severity.allCases.reversed() {
                line += (row.checked ? String(row.violations(severity)) : "-").leftPad(5)
            }
            line += " "
            for status in [Status.gap, .missingEvidence, .waived, .upcoming] {
                line += (row.checked ? String(row.count(status)) : "-").leftPad(5)
            }
            line += "  " + (Self.percent(row).isEmpty ? "-" : Self.percent(row)).leftPad(5)
            line += "   " + row.file
            if row.checked {
                line += "  [\(row.siteID ?? "")]  \(row.operator ?? "-")  \(row.roles.joined(separator: ","))"
            } else {
                line += "  \(row.inputErrors) input error\(row.inputErrors == 1 ? "" : "s"): not checked"
            }
            out.safeLine(line)
        }
        if rows.count < total.count { out.safeLine("  ... \(total.count - rows.count) more filings (--top)") }
        out.safeLine()
        var byWorst: [String: Int] = [:]
        for row in total { byWorst[Self.worstName(row), default: 0] += 1 }
        let order = ["input-error", "not-assessed"] + Severity.allCases.reversed().map(\.rawValue) + ["none"]
        out.safeLine("filings by worst result: " + order.map { "\($0) \(byWorst[$0] ?? 0)" }.joined(separator: ", "))
        out.safeLine("exit status: \(summary.exitCode) (fail on \(summary.failOn.rawValue) and above)")
    }

    // MARK: CSV

    public static let columns = ["rank", "file", "site_id", "site_name", "country", "operator", "roles", "checked", "not_assessed",
                                 "input_errors", "worst", "score", "critical", "major", "minor", "info",
                                 "met", "gap", "missing-evidence", "not-applicable", "waived", "upcoming", "compliance_percent"]

    func csv(_ rows: [TriageRow], to out: OutputSink) {
        func row(_ fields: [String]) { out.write(fields.map(CSVReport.field).joined(separator: ",")); out.write("\r\n") }
        row(Self.columns)
        for (i, r) in rows.enumerated() {
            row([String(i + 1), r.file, r.siteID ?? "", r.siteName ?? "", r.country ?? "", r.operator ?? "",
                 r.roles.joined(separator: " "), String(r.checked), String(r.notAssessed), String(r.inputErrors),
                 Self.worstName(r), String(r.score)]
                + Severity.allCases.reversed().map { String(r.violations($0)) }
                + Status.allCases.map { String(r.count($0)) } + [Self.percent(r)])
        }
    }

    // MARK: JSON

    func json(_ rows: [TriageRow], total: [TriageRow], summary: RunSummary, to out: OutputSink) {
        var json = JSONWriter()
        json.open()
        json.field("schema", "h2audit-triage"); json.field("schema_version", 1); json.field("as_of", asOf)
        json.key("score"); json.open()
        json.field("definition", TriageScore.definition)
        json.key("weights"); json.open()
        for severity in Severity.allCases.reversed() { json.field(severity.rawValue, TriageScore.weight(severity)) }
        json.close()
        json.field("gap_factor", 2); json.field("missing_evidence_factor", 1)
        json.close()
        json.field("filings_total", total.count)
        json.key("filings")
        json.array(Array(rows.enumerated())) { json, item in
            let (i, r) = item
            json.open()
            json.field("rank", i + 1); json.field("file", r.file); json.field("checked", r.checked)
            if r.checked {
                json.field("site", r.siteID ?? ""); json.field("name", r.siteName ?? "")
                if let country = r.country { json.field("country", country) }
                if let op = r.operator { json.field("operator", op) } else { json.null("operator") }
                json.key("roles"); json.array(r.roles) { json, s in json.value(s) }
                json.field("not_assessed", r.notAssessed)
                if let worst = r.worst { json.field("worst", worst.rawValue) } else { json.null("worst") }
                json.field("score", r.score)
                json.key("violations"); json.open()
                for severity in Severity.allCases.reversed() { json.field(severity.rawValue, r.violations(severity)) }
                json.close()
                json.key("counts"); json.open()
                for status in Status.allCases { json.field(status.rawValue, r.count(status)) }
                json.close()
                json.field("compliance_percent", oneDecimal: r.compliancePercent)
            } else {
                json.field("input_errors", r.inputErrors)
            }
            json.close()
        }
        json.key("summary"); json.raw(ReportRecord.json(ReportRecord.SummaryRecord(summary)))
        json.close()
        out.write(json.text)
        out.write("\n")
    }
}
