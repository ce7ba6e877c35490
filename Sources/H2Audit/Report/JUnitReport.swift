/// JUnit XML for CI dashboards: a test suite per site file, a test case per
/// applicable requirement. Violations are failures, files that could not be
/// checked are errors, and waived, upcoming and not-eligible results are skipped
/// with the reason. Suites are streamed, so `<testsuites>` carries no totals.
public struct JUnitReport: ReportRenderer {
    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.line("<testsuites name=\"h2audit\" timestamp=\"\(context.asOf)\">")
    }

    func attr(_ text: String) -> String { "\"" + XMLText.escape(text) + "\"" }

    public func render(_ result: FileResult) -> String {
        let out = OutputSink()
        suite(result, to: out)
        return out.text
    }

    func suite(_ result: FileResult, to out: OutputSink) {
        switch result {
        case .failed(let file, let diagnostics):
            out.line("  <testsuite name=\(attr(file)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">")
            out.line("    <testcase classname=\(attr(file)) name=\"load and validate\">")
            let text = diagnostics.map(\.description).joined(separator: "\n")
            out.line("      <error type=\"input-error\" message=\(attr(diagnostics.first?.message ?? "input error"))>\(XMLText.escape(text))</error>")
            out.line("    </testcase>")
            out.line("  </testsuite>")
        case .checked(let report):
            let cases = report.findings.filter { $0.status != .notApplicable }
            let failures = cases.filter(\.isViolation).count
            let skipped = cases.filter { !$0.isViolation && $0.status != .met }.count
            out.line("  <testsuite name=\(attr(report.file)) tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">")
            out.line("    <properties><property name=\"site\" value=\(attr(report.siteID))/><property name=\"country\" value=\(attr(report.country ?? ""))/></properties>")
            for f in cases {
                let r = f.requirement
                out.write("    <testcase classname=\(attr(report.siteID)) name=\(attr("\(r.id) \(r.title)")) file=\(attr(report.file)) line=\"\(f.mark.line)\"")
                if f.status == .met { out.line("/>"); continue }
                out.line(">")
                if f.isViolation {
                    var details = "\(f.mark): \(f.status.rawValue)\n"
                    details += f.witnesses.map(\.sentence).joined(separator: "\n")
                    details += f.missing.map { "add \($0.path) at \($0.mark)" }.joined(separator: "\n")
                    details += "\nfix: \(r.remediation)\nsource: \(r.source.citation) [\(r.source.brief.joined(separator: ", "))]"
                    out.line("      <failure type=\(attr(f.status.rawValue)) message=\(attr("\(r.severity.rawValue): \(r.title)"))>\(XMLText.escape(details))</failure>")
                } else {
                    let reason = f.requirement.basis == .eligibility && f.status == .gap ? "not eligible" : f.status.rawValue
                    out.line("      <skipped message=\(attr(reason + (f.note.map { ": \($0)" } ?? "")))/>")
                }
                out.line("    </testcase>")
            }
            out.line("  </testsuite>")
        }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.line("</testsuites>")
    }
}
