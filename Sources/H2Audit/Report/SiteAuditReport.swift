import Foundation

/// `check --format html`: one self-contained page per run for management
/// (inline CSS and SVG, nothing fetched): the cover, a summary, charts of
/// violations by stage and severity, every violation ranked with its fix and
/// source, the facts still missing, and each site's obligations calendar
/// (`CalendarBuilder`, the same dates `h2audit calendar` lists).
///
/// The page is written whole at the end (its summary comes first): the
/// parts of a run wait in memory, a few kilobytes per site.
public struct SiteAuditReport: ReportRenderer {
    var context: ReportContext?
    var sites: [(report: SiteReport, calendar: String)] = []
    var failures: [(file: String, messages: [String])] = []

    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) { self.context = context }

    /// The site's calendar section, built on the worker that checked it: the
    /// site file is read again and its dated obligations computed under the
    /// packs its findings came from.
    public func render(_ result: FileResult) -> String {
        guard case .checked(let report) = result, let context else { return "" }
        let used = Set(report.findings.map(\.requirement.pack))
        let checker = Checker(packs: context.packs.filter { used.contains($0.id) }, asOf: context.asOf, allPacksForEverySite: true)
        guard let site = try? Site.load(path: report.file) else {
            return "<p class=\"note\">The calendar could not be built: the file could not be read again.</p>"
        }
        return Self.calendarHTML(CalendarBuilder.calendar(for: site, checker: checker))
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        switch result {
        case .checked(let report): sites.append((report, rendered))
        case .failed(let file, let diagnostics): failures.append((file, diagnostics.map(\.description)))
        }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        guard let context else { return }
        out.write(Self.page(sites: sites, failures: failures, summary: summary, context: context))
    }

    /// Violations worst first: severity, then gaps before missing evidence, then stage, site and id.
    static func ranked(_ reports: [SiteReport]) -> [(site: SiteReport, finding: Finding)] {
        let stageOrder = Dictionary(uniqueKeysWithValues: Stage.allCases.enumerated().map { ($1, $0) })
        var all: [(site: SiteReport, finding: Finding, index: Int)] = []
        for (i, report) in reports.enumerated() {
            for f in report.findings where f.isViolation { all.append((report, f, i)) }
        }
        all.sort { a, b in
            let x = a.finding, y = b.finding
            if x.requirement.severity != y.requirement.severity { return x.requirement.severity > y.requirement.severity }
            if x.status != y.status { return x.status == .gap }
            if x.requirement.stage != y.requirement.stage { return stageOrder[x.requirement.stage]! < stageOrder[y.requirement.stage]! }
            return (a.index, x.requirement.id) < (b.index, y.requirement.id)
        }
        return all.map { ($0.site, $0.finding) }
    }

    static func page(sites: [(report: SiteReport, calendar: String)], failures: [(file: String, messages: [String])],
                     summary: RunSummary, context: ReportContext) -> String {
        let e = HTMLPage.escape
        let reports = sites.map(\.report)
        let title = reports.count == 1 && failures.isEmpty ? "Site audit: \(reports[0].siteName)" : "Site audit: \(reports.count) site\(reports.count == 1 ? "" : "s")"
        let inputs = (reports.map(\.file) + failures.map(\.file))
        // The packs the sites were checked against (all loaded ones when no site was checked).
        let used = Set(reports.flatMap { $0.findings.map(\.requirement.pack) })
        let packs = used.isEmpty ? context.packs : context.packs.filter { used.contains($0.id) }
        var body = Cover(title: title, packs: packs, asOf: context.asOf, generated: context.generated, inputs: inputs).html

        // Summary
        let violations = ranked(reports)
        let gaps = violations.filter { $0.finding.status == .gap }.count
        let critical = violations.filter { $0.finding.requirement.severity == .critical }.count
        let failing = violations.filter { $0.finding.fails(at: context.failOn) }.count
        body += "<h2>Summary</h2>"
        let verdict = summary.inputErrors > 0 ? "\(summary.inputErrors) file(s) could not be checked"
            : failing > 0 ? "\(failing) violation(s) at or above \(context.failOn.rawValue) severity must be fixed"
            : violations.isEmpty ? "no violation of a law in force was found" : "no violation at or above \(context.failOn.rawValue) severity"
        body += "<p class=\"verdict \(failing > 0 || summary.inputErrors > 0 ? "gap" : "met")\">\(e(verdict)).</p><div class=\"cards\">"
        let cards: [(Int, String, String)] = [
            (reports.count, "site\(reports.count == 1 ? "" : "s") checked", ""),
            (violations.count, "violations of laws in force", violations.isEmpty ? "met" : "gap"),
            (critical, "critical", critical > 0 ? "gap" : ""),
            (gaps, "gaps", gaps > 0 ? "gap" : ""),
            (violations.count - gaps, "missing evidence", violations.count > gaps ? "missing-evidence" : ""),
            (summary.statusCounts[.met] ?? 0, "requirements met", "met"),
            (summary.notEligible, "not eligible (certification, support)", ""),
            (summary.statusCounts[.upcoming] ?? 0, "upcoming", summary.statusCounts[.upcoming] ?? 0 > 0 ? "upcoming" : ""),
        ]
        for (n, label, css) in cards { body += "<div class=\"card \(css)\"><b>\(n)</b>\(e(label))</div>" }
        body += "</div>"
        if !failures.isEmpty {
            body += "<h3>Files not checked</h3><ul>" + failures.map { f in
                "<li><code>\(e(f.file))</code>: " + f.messages.prefix(3).map(e).joined(separator: "; ") + "</li>"
            }.joined() + "</ul>"
        }

        // Charts
        var byStage: [Stage: [Severity: Int]] = [:], byStatus: [String: [Severity: Int]] = [:]
        for (_, f) in violations {
            byStage[f.requirement.stage, default: [:]][f.requirement.severity, default: 0] += 1
            byStatus[f.status == .gap ? "gaps" : "missing evidence", default: [:]][f.requirement.severity, default: 0] += 1
        }
        for report in reports {
            for f in report.findings where f.status == .upcoming { byStatus["upcoming", default: [:]][f.requirement.severity, default: 0] += 1 }
        }
        body += "<h2>Violations by stage and severity</h2><div class=\"charts\">"
        body += HTMLPage.stackedBars(title: "Violations by stage", rows: Stage.allCases.map { ($0.rawValue, byStage[$0] ?? [:]) })
        body += HTMLPage.stackedBars(title: "By kind of result", rows: ["gaps", "missing evidence", "upcoming"].map { ($0, byStatus[$0] ?? [:]) })
        body += "</div>"

        // Ranked findings
        body += "<h2>Findings, worst first</h2>"
        if violations.isEmpty { body += "<p class=\"met\">No gap and no missing evidence under a law in force.</p>" } else {
            body += "<table><thead><tr><th>#</th><th>severity</th><th>requirement</th>\(reports.count > 1 ? "<th>site</th>" : "")<th>where</th><th>found and required</th><th>fix</th><th>source</th></tr></thead><tbody>"
            for (i, (site, f)) in violations.enumerated() {
                let r = f.requirement
                let found = f.status == .missingEvidence
                    ? "missing evidence: " + f.missing.prefix(4).map(\.path).joined(separator: ", ") + (f.missing.count > 4 ? ", …" : "")
                    : f.witnesses.prefix(4).map { TextReport.readable($0) }.joined(separator: "\n")
                let fix = f.status == .missingEvidence ? "State the facts in the site file (see below)." : r.remediationLine
                // The document and article, cut short here; the sources list at the end has them whole.
                let citation = r.source.citation.count > 120 ? String(r.source.citation.prefix(119)) + "…" : r.source.citation
                let source = Citation.href(r.source.url).map { "<a href=\"\(e($0))\">\(e(citation))</a>" } ?? e(citation)
                body += "<tr><td>\(i + 1)</td><td class=\"\(f.status.rawValue)\"><span class=\"sev \(r.severity.rawValue)\">\(r.severity.rawValue.uppercased())</span><br><span class=\"note\">\(f.status.rawValue)</span></td>"
                body += "<td>\(Citation.htmlID(r)) \(e(r.title)) <span class=\"note\">(\(r.pack.uppercased()), \(r.stage.rawValue))</span></td>"
                if reports.count > 1 { body += "<td>\(e(site.siteName))</td>" }
                body += "<td><code>\(e(f.mark.description))</code></td><td class=\"note\">\(e(found).replacingOccurrences(of: "\n", with: "<br>"))</td>"
                body += "<td class=\"note\">\(e(fix))</td><td class=\"note\">\(source)</td></tr>"
            }
            body += "</tbody></table>"
        }

        // Missing evidence
        body += "<h2>Missing evidence: facts to state</h2>"
        let lists = reports.map { ($0, TodoList.items($0)) }.filter { !$0.1.isEmpty }
        if lists.isEmpty { body += "<p class=\"met\">Every fact the requirements read is stated.</p>" }
        for (report, items) in lists {
            let severity = Dictionary(report.findings.map { ($0.requirement.id, $0.requirement.severity) }, uniquingKeysWith: { a, _ in a })
            if reports.count > 1 { body += "<h3>\(e(report.siteName))</h3>" }
            body += "<table><thead><tr><th>fact to add</th><th>in the mapping at</th><th>needed by</th></tr></thead><tbody>"
            for item in items {
                let worst = item.requirements.compactMap { severity[$0] }.max() ?? .info
                let needed = item.requirements.map { id in report.findings.first { $0.requirement.id == id }.map { Citation.htmlID($0.requirement) } ?? e(id) }
                body += "<tr><td><code>\(e(item.path))</code> <span class=\"sev \(worst.rawValue)\">\(worst.rawValue)</span></td><td><code>\(e(item.mark.description))</code></td><td>\(needed.joined(separator: " "))</td></tr>"
            }
            body += "</tbody></table>"
        }

        // Calendar
        body += "<h2>Obligations calendar</h2><p class=\"note\">Inspections, checks and refreshers falling due, waivers expiring and rules taking effect, from the packs' own intervals (as <code>h2audit calendar</code> lists them).</p>"
        for (report, calendar) in sites {
            if reports.count > 1 { body += "<h3>\(e(report.siteName))</h3>" }
            body += calendar
        }

        body += Citation.htmlList(citedIn: body, packs: context.packs)
        return HTMLPage.page(title: title, body: body)
    }

    /// One site's obligations as a table, overdue first marked.
    static func calendarHTML(_ calendar: SiteCalendar) -> String {
        let e = HTMLPage.escape
        guard !calendar.obligations.isEmpty else { return "<p class=\"note\">No dated obligation.</p>" }
        var out = "<table><thead><tr><th>due</th><th>state</th><th>severity</th><th>requirement</th><th>what</th><th>how the date was found</th></tr></thead><tbody>"
        for o in calendar.obligations {
            let state: (String, String)
            if o.undecidedUntilStated != nil { state = ("undecided", "missing-evidence") }
            else if o.kind == .takesEffect { state = ("takes effect", "upcoming") }
            else if o.overdue(at: calendar.asOf) { state = ("OVERDUE", "gap") }
            else { state = ("due", "") }
            let window = o.windowStart.map { "\($0) – \(o.due)" } ?? o.due.description
            var detail = e(o.detail)
            if let undecided = o.undecidedUntilStated { detail += "<br>" + e(CalendarReport.undecidedText(undecided)) }
            out += "<tr><td class=\"nowrap\">\(e(window))</td><td class=\"\(state.1)\">\(e(state.0))</td><td>\(o.requirement.severity.rawValue)</td><td>\(Citation.htmlID(o.requirement))</td><td>\(e(o.what))</td><td class=\"note\">\(detail)</td></tr>"
        }
        return out + "</tbody></table>"
    }
}
