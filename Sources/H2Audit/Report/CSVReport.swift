/// CSV (RFC 4180) for spreadsheets: one row per finding, not-applicable
/// results left out unless `--verbose`; a file that could not be checked is a
/// row per error with status `input-error`, the message in `note` and its
/// input-error code in `code` (empty on finding rows).
public struct CSVReport: ReportRenderer {
    var verbose = false
    public init() {}

    /// The header. Consumers read columns by name, so a new column goes at
    /// the end (`code` came after `fingerprint`).
    public static let columns = ["file", "site_id", "site_name", "country", "requirement", "title", "status", "severity",
                                 "basis", "stage", "topic", "violation", "line", "column", "found", "required",
                                 "missing", "alternative", "note", "source", "brief", "fingerprint", "code"]

    /// Quotes a field when it holds a comma, quote or line break.
    /// A cell that would start a formula is neutralised first (`Escape.csvCell`).
    public static func field(_ text: String) -> String {
        let text = Escape.csvCell(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func row(_ fields: [String], to out: OutputSink) {
        out.write(fields.map(Self.field).joined(separator: ","))
        out.write("\r\n")
    }

    public func render(_ result: FileResult) -> String {
        let out = OutputSink()
        rows(result, to: out)
        return out.text
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        verbose = context.verbose
        row(Self.columns, to: out)
    }

    func rows(_ result: FileResult, to out: OutputSink) {
        switch result {
        case .failed(let file, let diagnostics):
            for d in diagnostics {
                row([file, "", "", "", "", "", "input-error", "", "", "", "", "", d.mark.map { String($0.line) } ?? "",
                     d.mark.map { String($0.column) } ?? "", "", "", "", "", d.message, "", "", "", d.code.rawValue], to: out)
            }
        case .checked(let report):
            for f in report.findings where verbose || f.status != .notApplicable {
                let r = f.requirement
                row([report.file, report.siteID, report.siteName, report.country ?? "", r.id, r.title, f.status.rawValue,
                     r.severity.rawValue, r.basis.rawValue, r.stage.rawValue, r.topic, f.isViolation ? "true" : "false",
                     String(f.mark.line), String(f.mark.column),
                     f.witnesses.map { ($0.subject.map { "\($0): " } ?? "") + $0.found }.joined(separator: "; "),
                     f.witnesses.map(\.required).joined(separator: "; "),
                     f.missing.map(\.path).joined(separator: "; "),
                     f.alternative ?? "", f.note ?? "", r.source.citation, r.source.brief.joined(separator: " "),
                     FindingFingerprint.applies(to: f) ? FindingFingerprint.of(site: report.siteID, finding: f) : "", ""], to: out)
            }
        }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {}
}
