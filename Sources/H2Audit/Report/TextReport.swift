#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The human report: per file, violations ranked by severity (CRITICAL
/// first), gaps before missing evidence, each line carrying its severity;
/// each gap with where, what was found, what is required, how to fix and the
/// source; each missing fact with its full key path and the mapping to add
/// it to. Colour (ANSI SGR) only when `color` is set.
public struct TextReport: ReportRenderer {
    /// How much the report shows of each file.
    public enum Detail: String, Sendable {
        /// Every finding with its evidence, fix and source.
        case full
        /// Violations and input errors only, one line each (`--compact`).
        case compact
        /// Nothing per file: the summary only (`--quiet`).
        case quiet
    }

    var verbose = false
    var filterNote: String?
    public var paint: Paint
    public let detail: Detail

    public init(color: Bool = false, detail: Detail = .full) {
        paint = Paint(enabled: color)
        self.detail = detail
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        verbose = context.verbose
        filterNote = context.filterNote
        let packs = context.packs.map { "\($0.id) (\($0.requirements.count) requirements)" }.joined(separator: ", ")
        out.safeLine("h2audit: packs \(packs); rules in force on \(context.asOf); pressures are gauge.")
    }

    public func render(_ result: FileResult) -> String {
        switch detail {
        case .quiet: return ""
        case .compact: return compact(result)
        case .full: break
        }
        let out = OutputSink()
        out.safeLine()
        switch result {
        case .failed(let file, let diagnostics):
            out.line(paint.bold("\(Escape.text(file)): ") + paint.severity(.critical, "INPUT ERROR") + ", not checked")
            for d in diagnostics { out.safeLine("  \(d)") }
        case .checked(let report):
            render(report, to: out)
        }
        return out.text
    }

    /// `file:line:column  MAJOR     KR-HRS-002  gap  title`: one line per
    /// violation, one per error of a file that could not be checked.
    func compact(_ result: FileResult) -> String {
        let out = OutputSink()
        switch result {
        case .failed(let file, let diagnostics):
            for d in diagnostics {
                out.line(Escape.text(d.mark?.description ?? file) + "  " + paint.severity(.critical, "INPUT-ERROR") + "  " + Escape.text(d.message))
            }
        case .checked(let report):
            // Worst first within the file, in pack order within a severity.
            let violations = report.findings.enumerated().filter { $0.element.isViolation }.sorted {
                $0.element.requirement.severity != $1.element.requirement.severity
                    ? $0.element.requirement.severity > $1.element.requirement.severity : $0.offset < $1.offset
            }.map(\.element)
            for f in violations {
                let status = f.status == .gap ? "gap" : "missing-evidence"
                out.line(Escape.text(f.mark.description) + "  " + label(f.requirement.severity) + "  "
                         + paint.bold(Escape.text(f.requirement.id)) + "  " + status + "  " + Escape.text(f.requirement.title))
            }
            for w in report.warnings where w.severity == .error { out.safeLine("\(w)") }
        }
        return out.text
    }

    /// The label every finding line starts with: `CRITICAL`, `MAJOR`, ... padded to one width.
    func label(_ severity: Severity) -> String {
        paint.severity(severity, severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0))
    }

    func render(_ report: SiteReport, to out: OutputSink) {
        out.line(paint.bold(Escape.text("\(report.file): \(report.siteName) [\(report.siteID)]")) + Escape.text(" \(report.country ?? "?") roles: \(report.roles.joined(separator: ", "))"))
        let counts = Status.allCases.compactMap { status -> String? in
            let n = report.count(status)
            return n == 0 ? nil : "\(n) \(status.rawValue)"
        }
        out.safeLine("  " + counts.joined(separator: ", "))
        for warning in report.warnings { out.safeLine("  \(warning)") }

        // Violations: gaps and missing evidence of laws in force, worst first.
        let violations = report.findings.filter(\.isViolation)
        for severity in Severity.allCases.reversed() {
            let group = violations.filter { $0.requirement.severity == severity }
            if group.isEmpty { continue }
            let gaps = group.filter { $0.status == .gap }
            let missing = group.filter { $0.status == .missingEvidence }
            let counts = [gaps.isEmpty ? nil : "\(gaps.count) gap\(gaps.count == 1 ? "" : "s")",
                          missing.isEmpty ? nil : "\(missing.count) missing evidence"].compactMap { $0 }
            out.safeLine()
            out.line("  " + paint.severity(severity, severity.rawValue.uppercased()) + paint.bold(" (\(counts.joined(separator: ", ")))"))
            for finding in Self.byStage(gaps) { gap(finding, to: out) }
            for finding in Self.byStage(missing) { missingEvidence(finding, to: out) }
        }
        let undecided = report.findings.filter { !$0.isViolation && $0.status == .missingEvidence }
        section("Undecided conditions (missing evidence of eligibility conditions, not violations)", undecided, status: "missing evidence", to: out) { f in
            missingFacts(f, to: out)
        }
        section("Not eligible (certification or support conditions, not violations)", report.findings.filter { $0.requirement.basis == .eligibility && $0.status == .gap }, status: "not eligible", to: out) { f in
            witnesses(f, to: out)
        }
        section("Waived", report.findings.filter { $0.status == .waived }, status: "waived", to: out) { f in
            if let note = f.note { out.safeLine("        \(note)") }
        }
        section("Upcoming (not yet in force at the as-of date)", report.findings.filter { $0.status == .upcoming }, status: "upcoming", to: out) { f in
            if let note = f.note { out.safeLine("        \(note)") }
        }
        if verbose {
            section("Met", report.findings.filter { $0.status == .met }, status: "met", to: out) { f in
                if let alternative = f.alternative { out.safeLine("        met by: \(alternative)") }
            }
            section("Not applicable", report.findings.filter { $0.status == .notApplicable }, status: "not applicable", to: out) { _ in }
        } else {
            let byAlternative = report.findings.filter { $0.status == .met && $0.metByAlternative }
            section("Met by an alternative", byAlternative, status: "met", to: out) { f in out.safeLine("        met by: \(f.alternative!)") }
        }
    }

    /// `findings` in stage order (production, storage, transport, use, any), stable within a stage.
    static func byStage(_ findings: [Finding]) -> [Finding] {
        Stage.allCases.flatMap { stage in findings.filter { $0.requirement.stage == stage } }
    }

    func section(_ title: String, _ findings: [Finding], status: String, to out: OutputSink, body: (Finding) -> Void) {
        guard !findings.isEmpty else { return }
        out.safeLine()
        out.line("  " + paint.bold(title))
        for f in findings {
            headline(f, status: status, to: out)
            body(f)
        }
    }

    /// `    MAJOR     KR-HRS-002  gap  Dispensers 5 m from ...  (as refuelling_station) [use]`
    func headline(_ finding: Finding, status: String, to out: OutputSink) {
        let r = finding.requirement
        out.line("    \(label(r.severity))  \(paint.bold(Escape.text(r.id)))  \(status)  " + Escape.text("\(r.title)\(Self.roleTag(finding)) [\(r.stage.rawValue)]"))
    }

    /// `  (as refuelling_station)`: the site roles under which a finding arose.
    static func roleTag(_ finding: Finding) -> String {
        let roles = finding.roles
        return roles.isEmpty ? "" : "  (as \(roles.joined(separator: ", ")))"
    }

    func witnesses(_ finding: Finding, to out: OutputSink) {
        for w in finding.witnesses.prefix(8) {
            var line = "        " + Self.readable(w)
            if let mark = w.mark { line += "  (at \(mark))" }
            out.safeLine(line)
        }
        if finding.witnesses.count > 8 { out.safeLine("        ... and \(finding.witnesses.count - 8) more") }
    }

    /// A witness in the words of the site file: the site's path and values,
    /// dates compared with the as-of date named as such, never as the pack's
    /// `as_of`. Other formats keep the witness as the checker wrote it.
    static func readable(_ w: Witness) -> String {
        var found = w.found, required = w.required
        if let range = found.range(of: " (by the formula: "), found.hasSuffix(")") {
            let value = found[range.upperBound..<found.index(before: found.endIndex)]
            found = found[..<range.lowerBound] + ", which the requirement's formula makes \(value)"
        }
        for (op, words) in [(">= ", "on or after "), ("> ", "after "), ("<= ", "on or before "), ("< ", "before ")] {
            required = required.replacingOccurrences(of: op + "as_of = ", with: words + "the as-of date ")
        }
        return (w.subject.map { "\($0): " } ?? "") + "found \(found); required \(required)"
    }

    func gap(_ finding: Finding, to out: OutputSink) {
        let r = finding.requirement
        headline(finding, status: paint.bold("gap"), to: out)
        out.safeLine("        at \(finding.mark)")
        witnesses(finding, to: out)
        if let note = finding.note { out.safeLine("        \(note)") }
        out.safeLine("        fix: \(r.remediationLine)")
        out.safeLine("        source: \(r.source.citation) [\(r.source.brief.joined(separator: ", "))]")
    }

    func missingEvidence(_ finding: Finding, to out: OutputSink) {
        headline(finding, status: paint.bold("missing evidence"), to: out)
        missingFacts(finding, to: out)
    }

    /// `add management.safety_rules_filed  (in the mapping at site.yaml:4:1)`: the full
    /// key path and the place of the mapping, present in the file, to add it to.
    func missingFacts(_ f: Finding, to out: OutputSink) {
        for m in f.missing.prefix(6) { out.safeLine("        add \(m.path)  (in the mapping at \(m.mark))") }
        if f.missing.count > 6 { out.safeLine("        ... and \(f.missing.count - 6) more") }
        if let note = f.note { out.safeLine("        \(note)") }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.safeLine()
        out.line(paint.bold("Summary"))
        out.safeLine("  files checked:           \(summary.filesChecked)")
        out.safeLine("  files with violations:   \(summary.filesWithViolations)")
        out.safeLine("  input errors:            \(summary.inputErrors)")
        let statuses = Status.allCases.map { "\($0.rawValue) \(summary.statusCounts[$0] ?? 0)" }.joined(separator: ", ")
        out.safeLine("  results:                 \(statuses)")
        let severities = Severity.allCases.reversed().map { severity -> String in
            let n = summary.violationsBySeverity[severity] ?? 0
            let text = "\(severity.rawValue) \(n)"
            return n > 0 ? paint.severity(severity, text) : text
        }.joined(separator: ", ")
        out.line("  violations by severity:  \(severities)  (gaps and missing evidence of laws in force)")
        if summary.notEligible > 0 { out.safeLine("  not eligible:            \(summary.notEligible)") }
        let top = summary.violationsByRequirement.sorted {
            let (a, b) = ($0.value, $1.value)
            if a.requirement.severity != b.requirement.severity { return a.requirement.severity > b.requirement.severity }
            return a.count != b.count ? a.count > b.count : $0.key < $1.key
        }
        if !top.isEmpty {
            out.safeLine("  violations by requirement:")
            for (id, entry) in top {
                out.line("    \(String(entry.count).leftPad(6))  \(label(entry.requirement.severity))  " + Escape.text("\(id)  \(entry.requirement.title)"))
            }
        }
        if summary.baselined > 0 {
            out.safeLine("  in the baseline:         \(summary.baselined) gaps and missing evidence not reported (--baseline)")
        }
        if let filterNote {
            out.safeLine("  filters:                 \(filterNote) (counts and exit status cover every selected requirement; listing filters narrow only the findings shown)")
        }
        out.safeLine("  exit status:             \(summary.exitCode) (fail on \(summary.failOn.rawValue) and above\(summary.softFail ? "; --soft-fail" : ""))"
                     + (summary.exitReasons.count > 1 ? "; also: \(summary.exitReasons.dropFirst().joined(separator: ", "))" : ""))
    }
}

/// ANSI colour for the text formats, off unless asked for (`--color`).
/// Lines with colour are written with `line`, never `safeLine` (which would
/// escape the colour codes): their text from files is escaped with `Escape.text` first.
public struct Paint: Sendable {
    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    func sgr(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { sgr("1", text) }
    /// Critical bold red, major red, minor yellow, info cyan.
    public func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: return sgr("1;31", text)
        case .major: return sgr("31", text)
        case .minor: return sgr("33", text)
        case .info: return sgr("36", text)
        }
    }

    /// Whether to colour output written to `fd`: `always`, `never`, or
    /// `auto` (a terminal, `NO_COLOR` unset or empty, `TERM` not `dumb`).
    public static func decide(_ choice: String, fd: Int32, environment: [String: String]) -> Bool {
        switch choice {
        case "always": return true
        case "never": return false
        default:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isatty(fd) == 1
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
