#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JUnit XML for CI dashboards: a test suite per site file, a test case per
/// applicable requirement. Violations are failures, files that could not be
/// checked are errors (`type` is the input error's code), and waived,
/// upcoming and not-eligible results are skipped with the reason.
/// `<testsuites>` carries the run's timestamp (when it started, UTC), its
/// wall time and the totals: the suites are spooled to a temporary file and
/// written after the header once the totals are known.
public struct JUnitReport: ReportRenderer {
    var spool: Spool?
    var started = ContinuousClock.now
    var timestamp = ""
    var asOf = ""
    var tests = 0, failures = 0, errors = 0, skipped = 0

    public init() {}

    /// The current time as `yyyy-MM-ddTHH:mm:ssZ` (UTC).
    static func utcTimestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        spool = Spool()
        started = ContinuousClock.now
        timestamp = Self.utcTimestamp()
        asOf = context.asOf.description
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        switch result {
        case .failed: tests += 1; errors += 1
        case .checked(let report):
            for f in report.findings where f.status != .notApplicable {
                tests += 1
                if f.isViolation { failures += 1 } else if f.status != .met { skipped += 1 }
            }
        }
        spool?.write(rendered)
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
            let code = diagnostics.first?.code.rawValue ?? "input-error"
            out.line("      <error type=\(attr(code)) message=\(attr(diagnostics.first?.message ?? "input error"))>\(XMLText.escape(text))</error>")
            out.line("    </testcase>")
            out.line("  </testsuite>")
        case .checked(let report):
            let cases = report.findings.filter { $0.status != .notApplicable }
            let failures = cases.filter(\.isViolation).count
            let skipped = cases.filter { !$0.isViolation && $0.status != .met }.count
            out.line("  <testsuite name=\(attr(report.file)) tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">")
            out.line("    <properties><property name=\"site\" value=\(attr(report.siteID))/><property name=\"country\" value=\(attr(report.country ?? ""))/><property name=\"as_of\" value=\(attr(asOf))/></properties>")
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
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.line("<testsuites name=\"h2audit\" timestamp=\"\(timestamp)\" time=\"\((seconds * 1000).rounded() / 1000)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\">")
        spool?.copy(to: out)
        out.line("</testsuites>")
    }
}
