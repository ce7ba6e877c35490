/// `h2audit impact` as text, JSON or CSV.
public enum ImpactReport {
    public enum Format: String, Sendable, CaseIterable { case text, json, csv }

    /// What the two sides are, e.g. "rules in force on 2026-11-23" and "on 2027-06-01".
    public struct Sides: Sendable {
        public var before: String
        public var after: String
        public init(before: String, after: String) { self.before = before; self.after = after }
    }

    public static func write(_ a: ImpactAnalysis, sides: Sides, format: Format, to out: OutputSink, limit: Int = 20) {
        switch format {
        case .text: text(a, sides: sides, to: out, limit: limit)
        case .json: json(a, sides: sides, to: out)
        case .csv: csv(a, to: out)
        }
    }

    static func text(_ a: ImpactAnalysis, sides: Sides, to out: OutputSink, limit: Int) {
        let filings = Set(a.changes.map(\.file)).count
        out.safeLine("h2audit impact: \(a.filings) filings checked under \(sides.before) and under \(sides.after)")
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        out.safeLine("  \(count(a.changes.count, "result")) change\(a.changes.count == 1 ? "s" : "") on \(count(filings, "filing")); \(count(a.inputErrors.count, "file")) could not be checked")
        out.safeLine()
        out.safeLine("by severity:   changes  new violations  violations ending")
        for row in a.bySeverity {
            out.safeLine("  " + row.severity.rawValue.uppercased().padding(toLength: 10, withPad: " ", startingAt: 0)
                         + String(row.changes).leftPad(9) + String(row.newViolations).leftPad(16) + String(row.resolvedViolations).leftPad(19))
        }
        for impact in a.byRequirement {
            let r = impact.requirement
            out.safeLine()
            out.safeLine("\(r.severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0))  \(r.id)  \(r.title)  [\(r.basis.rawValue)\(r.effective.map { ", effective \($0)" } ?? "")]")
            out.safeLine("    \(impact.filings) filing\(impact.filings == 1 ? "" : "s"): " + impact.transitions.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
                         + "; new violations \(impact.newViolations), violations ending \(impact.resolvedViolations)")
            let changes = a.changes.filter { $0.requirement.id == r.id }
            for c in changes.prefix(limit) { out.safeLine("      \(c.file)  [\(c.site)]  \(c.transition)") }
            if changes.count > limit { out.safeLine("      ... and \(changes.count - limit) more (--format json or csv lists all)") }
        }
        for failed in a.inputErrors {
            if case .failed(let file, let diagnostics) = failed {
                out.safeLine()
                out.safeLine("\(file): not checked: \(diagnostics.first?.description ?? "input error")")
            }
        }
    }

    static func json(_ a: ImpactAnalysis, sides: Sides, to out: OutputSink) {
        var json = JSONWriter()
        json.open()
        json.field("schema", "h2audit-impact"); json.field("schema_version", 1)
        json.field("before", sides.before); json.field("after", sides.after)
        json.field("filings_checked", a.filings); json.field("input_errors", a.inputErrors.count)
        json.key("by_severity")
        json.array(a.bySeverity) { json, row in
            json.open()
            json.field("severity", row.severity.rawValue); json.field("changes", row.changes)
            json.field("new_violations", row.newViolations); json.field("violations_ending", row.resolvedViolations)
            json.close()
        }
        json.key("by_requirement")
        json.array(a.byRequirement) { json, impact in
            json.open()
            json.field("requirement", impact.requirement.id); json.field("title", impact.requirement.title)
            json.field("severity", impact.requirement.severity.rawValue); json.field("basis", impact.requirement.basis.rawValue)
            json.field("filings", impact.filings); json.field("new_violations", impact.newViolations)
            json.field("violations_ending", impact.resolvedViolations)
            json.key("transitions"); json.open()
            for (transition, n) in impact.transitions { json.field(transition, n) }
            json.close()
            json.close()
        }
        json.key("changes")
        json.array(a.changes) { json, c in
            json.open()
            json.field("file", c.file); json.field("site", c.site); json.field("requirement", c.requirement.id)
            json.field("severity", c.requirement.severity.rawValue)
            json.field("before", c.before?.rawValue ?? "absent"); json.field("after", c.after?.rawValue ?? "absent")
            json.field("was_violation", c.wasViolation); json.field("is_violation", c.isViolation)
            json.close()
        }
        json.close()
        out.write(json.text + "\n")
    }

    public static let csvColumns = ["file", "site", "requirement", "severity", "before", "after", "was_violation", "is_violation"]

    static func csv(_ a: ImpactAnalysis, to out: OutputSink) {
        func row(_ fields: [String]) { out.write(fields.map(CSVReport.field).joined(separator: ",") + "\r\n") }
        row(csvColumns)
        for c in a.changes {
            row([c.file, c.site, c.requirement.id, c.requirement.severity.rawValue, c.before?.rawValue ?? "absent",
                 c.after?.rawValue ?? "absent", String(c.wasViolation), String(c.isViolation)])
        }
    }
}
