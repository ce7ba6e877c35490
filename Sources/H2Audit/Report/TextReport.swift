/// The human report: per file, gaps grouped by severity then stage, each
/// with where, what was found, what is required, how to fix and the source.
public struct TextReport: ReportRenderer {
    var verbose = false
    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        verbose = context.verbose
        let packs = context.packs.map { "\($0.id) (\($0.requirements.count) requirements)" }.joined(separator: ", ")
        out.safeLine("h2audit: packs \(packs); rules in force on \(context.asOf); pressures are gauge.")
    }

    public func render(_ result: FileResult) -> String {
        let out = OutputSink()
        out.safeLine()
        switch result {
        case .failed(let file, let diagnostics):
            out.safeLine("\(file): INPUT ERROR, not checked")
            for d in diagnostics { out.safeLine("  \(d)") }
        case .checked(let report):
            render(report, to: out)
        }
        return out.text
    }

    func render(_ report: SiteReport, to out: OutputSink) {
        out.safeLine("\(report.file): \(report.siteName) [\(report.siteID)] \(report.country ?? "?") roles: \(report.roles.joined(separator: ", "))")
        let counts = Status.allCases.compactMap { status -> String? in
            let n = report.count(status)
            return n == 0 ? nil : "\(n) \(status.rawValue)"
        }
        out.safeLine("  " + counts.joined(separator: ", "))
        for warning in report.warnings { out.safeLine("  \(warning)") }

        let violations = report.findings.filter { $0.isViolation && $0.status == .gap }
        for severity in Severity.allCases.reversed() {
            let group = violations.filter { $0.requirement.severity == severity }
            if group.isEmpty { continue }
            out.safeLine()
            out.safeLine("  \(severity.rawValue.uppercased()) gaps")
            for stage in Stage.allCases {
                let inStage = group.filter { $0.requirement.stage == stage }
                if inStage.isEmpty { continue }
                out.safeLine("   [\(stage.rawValue)]")
                for finding in inStage { gap(finding, to: out) }
            }
        }
        section("Missing evidence: add these facts so the requirement can be decided", report.findings.filter { $0.status == .missingEvidence }, to: out) { f in
            for m in f.missing.prefix(6) { out.safeLine("        add \(m.path)  (at \(m.mark))") }
            if f.missing.count > 6 { out.safeLine("        ... and \(f.missing.count - 6) more") }
            if let note = f.note { out.safeLine("        \(note)") }
        }
        section("Not eligible (certification or support conditions, not violations)", report.findings.filter { $0.requirement.basis == .eligibility && $0.status == .gap }, to: out) { f in
            witnesses(f, to: out)
        }
        section("Waived", report.findings.filter { $0.status == .waived }, to: out) { f in
            if let note = f.note { out.safeLine("        \(note)") }
        }
        section("Upcoming (not yet in force at the as-of date)", report.findings.filter { $0.status == .upcoming }, to: out) { f in
            if let note = f.note { out.safeLine("        \(note)") }
        }
        if verbose {
            section("Met", report.findings.filter { $0.status == .met }, to: out) { f in
                if let alternative = f.alternative { out.safeLine("        met by: \(alternative)") }
            }
            section("Not applicable", report.findings.filter { $0.status == .notApplicable }, to: out) { _ in }
        } else {
            let byAlternative = report.findings.filter { $0.status == .met && $0.metByAlternative }
            section("Met by an alternative", byAlternative, to: out) { f in out.safeLine("        met by: \(f.alternative!)") }
        }
    }

    func section(_ title: String, _ findings: [Finding], to out: OutputSink, body: (Finding) -> Void) {
        guard !findings.isEmpty else { return }
        out.safeLine()
        out.safeLine("  \(title)")
        for f in findings {
            out.safeLine("    \(f.requirement.id)  \(f.requirement.title)\(Self.roleTag(f))")
            body(f)
        }
    }

    /// `  (as refuelling_station)`: the site roles under which a finding arose.
    static func roleTag(_ finding: Finding) -> String {
        let roles = finding.roles
        return roles.isEmpty ? "" : "  (as \(roles.joined(separator: ", ")))"
    }

    func witnesses(_ finding: Finding, to out: OutputSink) {
        for w in finding.witnesses.prefix(8) {
            var line = "        " + w.sentence
            if let mark = w.mark { line += "  (at \(mark))" }
            out.safeLine(line)
        }
        if finding.witnesses.count > 8 { out.safeLine("        ... and \(finding.witnesses.count - 8) more") }
    }

    func gap(_ finding: Finding, to out: OutputSink) {
        let r = finding.requirement
        out.safeLine("    \(r.id)  \(r.title)\(Self.roleTag(finding))")
        out.safeLine("        at \(finding.mark)")
        witnesses(finding, to: out)
        if let note = finding.note { out.safeLine("        \(note)") }
        out.safeLine("        fix: \(r.remediationLine)")
        out.safeLine("        source: \(r.source.citation) [\(r.source.brief.joined(separator: ", "))]")
    }


    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.safeLine()
        out.safeLine("Summary")
        out.safeLine("  files checked:           \(summary.filesChecked)")
        out.safeLine("  files with violations:   \(summary.filesWithViolations)")
        out.safeLine("  input errors:            \(summary.inputErrors)")
        let statuses = Status.allCases.map { "\($0.rawValue) \(summary.statusCounts[$0] ?? 0)" }.joined(separator: ", ")
        out.safeLine("  results:                 \(statuses)")
        let severities = Severity.allCases.reversed().map { "\($0.rawValue) \(summary.violationsBySeverity[$0] ?? 0)" }.joined(separator: ", ")
        out.safeLine("  violations by severity:  \(severities)  (gaps and missing evidence of laws in force)")
        if summary.notEligible > 0 { out.safeLine("  not eligible:            \(summary.notEligible)") }
        let top = summary.violationsByRequirement.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        if !top.isEmpty {
            out.safeLine("  violations by requirement:")
            for (id, entry) in top {
                out.safeLine("    \(String(entry.count).leftPad(6))  \(id)  \(entry.requirement.title)")
            }
        }
        out.safeLine("  exit status:             \(summary.exitCode) (fail on \(summary.failOn.rawValue) and above)")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
