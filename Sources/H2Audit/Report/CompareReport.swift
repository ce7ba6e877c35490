import Foundation

/// `check --regime A,B --compare`: each site topic by topic under both
/// regimes side by side, then what it must do to satisfy both, topic by
/// topic: one binding measure per site quantity both regimes limit
/// (`BindingFix`), then each regime's other violations with what was found
/// and what is required.
public struct CompareReport: ReportRenderer {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json, html, csv }

    public let format: Format
    public let left: String
    public let right: String
    var first = true
    var asOf = ""
    /// Requirements the page cites, for its sources list (Markdown, HTML).
    var cited: [Requirement] = []
    /// A page (Markdown, HTML) is written whole at the end, its cover
    /// listing every file: the parts wait here.
    var cover: Cover?
    var parts: [String] = []

    public init(format: Format, left: String, right: String) {
        self.format = format
        self.left = left
        self.right = right
    }

    public static let csvColumns = ["file", "site_id", "topic", "item", "subject", "found", "one_measure", "binds", "regime",
                                    "requirement", "title", "status", "severity", "required", "action", "line", "column",
                                    "source", "url"]

    static func cellText(_ cell: SiteComparison.Cell) -> String {
        guard cell.worst != nil else { return "-" }
        return SiteComparison.severityOrder.compactMap { s in
            (cell.counts[s] ?? 0) > 0 ? "\(s.rawValue) \(cell.counts[s]!)" : nil
        }.joined(separator: ", ")
    }

    /// What was found and what is required, one sentence per failing value (at most four).
    static func found(_ f: Finding) -> [String] {
        var lines = f.witnesses.prefix(4).map { TextReport.readable($0) }
        if f.witnesses.count > 4 { lines.append("... and \(f.witnesses.count - 4) more") }
        return lines
    }

    /// What to do: the facts to provide (missing evidence) or the requirement's remediation.
    static func action(_ f: Finding) -> String {
        if f.status == .missingEvidence {
            return "provide " + f.missing.map(\.path).joined(separator: ", ") + (f.note.map { " (\($0))" } ?? "")
        }
        return f.requirement.remediationLine
    }

    /// The facts a requirement in a fix still lacks (its other failing
    /// values are mostly the alternatives it was not met by, left out here).
    static func also(_ c: BindingFix.Constraint, in report: SiteReport, fix: BindingFix) -> [String] {
        guard c.siteSpecific, let f = report.findings.first(where: { $0.requirement.id == c.requirement.id }) else { return [] }
        return f.witnesses.filter { $0.subject != fix.subject && $0.found == "not given" }.prefix(4).compactMap { $0.subject.map { "state \($0)" } }
    }

    /// The to-do list by topic: the binding fixes, then the other violations.
    static func byTopic(_ c: SiteComparison) -> [(topic: String, fixes: [BindingFix], findings: [Finding])] {
        let remaining = c.remaining
        return Topic.ids.compactMap { t in
            let fixes = c.fixes.filter { $0.topic == t }, findings = remaining.filter { $0.requirement.topic == t }
            return fixes.isEmpty && findings.isEmpty ? nil : (t, fixes, findings)
        }
    }

    /// Every requirement a site's part cites: its violations and the limits of its fixes.
    static func cites(_ c: SiteComparison) -> [Requirement] {
        c.fixes.flatMap { $0.constraints.map(\.requirement) } + c.toDo.map(\.requirement)
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        asOf = context.asOf.description
        let l = left.uppercased(), r = right.uppercased()
        let cover = Cover(title: "Sites under \(l) and \(r)", packs: context.packs.filter { $0.id == left || $0.id == right },
                          asOf: context.asOf, generated: context.generated, inputs: [])
        self.cover = cover
        switch format {
        case .text: out.line("h2audit compare: \(l) and \(r), rules in force on \(asOf); pressures are gauge.")
        case .markdown, .html: break
        case .json: out.write("{\"schema\":\"h2audit-compare\",\"schema_version\":1,\"left\":\"\(left)\",\"right\":\"\(right)\",\"as_of\":\"\(asOf)\",\"sites\":[\n")
        case .csv: out.write(Self.csvColumns.map(CSVReport.field).joined(separator: ",") + "\r\n")
        }
    }

    public func render(_ result: FileResult) -> String {
        guard case .checked(let report) = result else {
            guard case .failed(let file, let diagnostics) = result else { return "" }
            let messages = diagnostics.map(\.description)
            switch format {
            case .text: return "\n\(Escape.text(file)): INPUT ERROR, not checked\n" + messages.map { "  \(Escape.text($0))\n" }.joined()
            case .markdown: return "\n## \(Escape.markdown(file))\n\nInput error, not checked:\n\n" + messages.map { "- \(Escape.markdown($0))\n" }.joined()
            case .json:
                var j = JSONWriter()
                j.open(); j.field("file", file); j.field("checked", false)
                j.key("errors"); j.array(messages) { j, m in j.value(m) }
                j.close()
                return j.text
            case .html: return "<h2>\(HTMLPage.escape(file))</h2><p class=\"gap\">Input error, not checked:</p><ul>" + messages.map { "<li><code>\(HTMLPage.escape($0))</code></li>" }.joined() + "</ul>"
            case .csv:
                return messages.map { m in
                    ([file, "", "", "input-error"] + Array(repeating: "", count: 10) + [m] + Array(repeating: "", count: 4))
                        .map(CSVReport.field).joined(separator: ",") + "\r\n"
                }.joined()
            }
        }
        let c = SiteComparison(report: report, left: left, right: right)
        switch format {
        case .text: return text(c)
        case .markdown: return markdown(c)
        case .json: return json(c)
        case .html: return html(c)
        case .csv: return csv(c)
        }
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if format == .json && !first { out.write(",\n") }
        first = false
        guard format == .html || format == .markdown else { out.write(rendered); return }
        if format == .markdown, case .checked(let report) = result { cited += Self.cites(SiteComparison(report: report, left: left, right: right)) }
        cover?.inputs.append(result.file)
        parts.append(rendered)
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        switch format {
        case .json: out.write("\n]}\n")
        case .text: out.line("\n\(summary.filesChecked) site(s) compared, \(summary.inputErrors) input error(s)")
        case .markdown:
            out.write(cover?.markdown ?? "")
            for part in parts { out.write(part) }
            out.write(Citation.markdownList(cited))
        case .html:
            let body = parts.joined()
            out.write(HTMLPage.head(title: cover?.title ?? "") + (cover?.html ?? "") + body)
            out.write(Citation.htmlList(citedIn: body, packs: cover?.packs ?? []) + HTMLPage.tail)
        case .csv: break
        }
    }

    // MARK: text

    func text(_ c: SiteComparison) -> String {
        let l = left.uppercased(), r = right.uppercased()
        var out = "\n\(Escape.text(c.report.file)): \(Escape.text(c.report.siteName)) [\(Escape.text(c.report.siteID))] \(c.report.country ?? "?")\n"
        let width = max(22, (c.rows.map(\.topic.count).max() ?? 0) + 2)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
        out += "  " + pad("topic", width) + pad(l, 48) + r + "\n"
        for row in c.rows {
            out += "  " + pad(row.topic, width) + pad(Self.cellText(row.left), 48) + Self.cellText(row.right) + "\n"
        }
        if c.toDo.isEmpty {
            out += "\n  Nothing to add: no gap under either regime.\n"
            return out
        }
        let remaining = c.remaining
        out += "\n  To satisfy both: \(c.fixes.count) binding fix\(c.fixes.count == 1 ? "" : "es") (one value for both regimes), \(remaining.count) other violation\(remaining.count == 1 ? "" : "s")\n"
        for group in Self.byTopic(c) {
            out += "\n  \(group.topic)\n"
            for fix in group.fixes {
                out += "    \(Escape.text(fix.subject)): found \(Escape.text(fix.found)); "
                out += fix.isSingle ? "one measure: \(fix.measureText) (\(fix.bindingText))" : "\(fix.measureText): two fixes"
                out += fix.mark.map { "  (at \(Escape.text($0.description)))" } ?? ""
                out += "\n"
                for constraint in fix.constraints {
                    out += "        \(constraint.regime.uppercased())  \(constraint.requirement.id)  \(constraint.status.rawValue)  requires \(Escape.text(constraint.text))\n"
                    for line in Self.also(constraint, in: c.report, fix: fix) { out += "            also: \(Escape.text(line))\n" }
                    if !fix.isSingle && constraint.status == .gap { out += "            fix: \(Escape.text(constraint.requirement.remediationLine))\n" }
                }
            }
            for f in group.findings {
                out += "    [\(f.requirement.pack.uppercased())] \(f.requirement.id) \(f.requirement.title) (\(f.requirement.severity.rawValue), \(f.status.rawValue), at \(Escape.text(f.mark.description)))\n"
                for line in Self.found(f) { out += "        \(Escape.text(line))\n" }
                out += "        \(f.status == .missingEvidence ? "" : "fix: ")\(Escape.text(Self.action(f)))\n"
            }
        }
        return out
    }

    // MARK: Markdown

    func markdown(_ c: SiteComparison) -> String {
        let l = left.uppercased(), r = right.uppercased()
        let m = Escape.markdown
        var out = "\n## \(m(c.report.siteName)) (\(m(c.report.file)))\n\n| topic | \(l) | \(r) |\n|---|---|---|\n"
        for row in c.rows { out += "| \(row.topic) | \(Self.cellText(row.left)) | \(Self.cellText(row.right)) |\n" }
        out += "\n### To satisfy both\n\n"
        if c.toDo.isEmpty { out += "Nothing: no gap under either regime.\n"; return out }
        for group in Self.byTopic(c) {
            out += "\n#### \(group.topic)\n\n"
            for fix in group.fixes {
                out += "- **\(m(fix.subject))**: found \(m(fix.found)); "
                out += fix.isSingle ? "**one measure: \(m(fix.measureText))** (\(fix.bindingText))" : "\(m(fix.measureText)): two fixes"
                out += "\n"
                for constraint in fix.constraints {
                    out += "  - \(constraint.regime.uppercased()) \(Citation.markdownID(constraint.requirement)) (\(constraint.status.rawValue)): requires \(m(constraint.text))"
                    for line in Self.also(constraint, in: c.report, fix: fix) { out += "; also \(m(line))" }
                    if !fix.isSingle && constraint.status == .gap { out += "; fix: \(m(constraint.requirement.remediationLine))" }
                    out += "\n"
                }
            }
            for f in group.findings {
                out += "- \(f.requirement.pack.uppercased()) \(Citation.markdownID(f.requirement)) \(m(f.requirement.title)) (\(f.requirement.severity.rawValue), \(f.status.rawValue), \(m(f.mark.description))): "
                let found = Self.found(f)
                if !found.isEmpty { out += found.map(m).joined(separator: "; ") + ". " }
                out += m(Self.action(f)) + "\n"
            }
        }
        return out
    }

    // MARK: JSON

    func json(_ c: SiteComparison) -> String {
        var j = JSONWriter()
        j.open()
        j.field("file", c.report.file); j.field("checked", true)
        j.field("site", c.report.siteID); j.field("name", c.report.siteName)
        j.key("topics")
        j.array(c.rows) { j, row in
            j.open(); j.field("topic", row.topic)
            for (key, cell) in [(left, row.left), (right, row.right)] {
                j.key(key); j.open()
                if let worst = cell.worst { j.field("worst", worst.rawValue) }
                for s in Status.allCases where (cell.counts[s] ?? 0) > 0 { j.field(s.rawValue, cell.counts[s]!) }
                j.close()
            }
            j.close()
        }
        j.key("binding_fixes")
        j.array(c.fixes) { j, fix in
            j.open(); j.field("topic", fix.topic); j.field("subject", fix.subject)
            j.key("location"); ReportRecord.write(fix.mark, file: c.report.file, into: &j)
            j.field("found", fix.found); j.field("single", fix.isSingle); j.field("measure", fix.measureText)
            j.key("binding"); j.array(fix.binding) { j, b in j.value(b.lowercased()) }
            j.key("requirements")
            j.array(fix.constraints) { j, k in
                j.open(); j.field("regime", k.regime); j.field("requirement", k.requirement.id); j.field("status", k.status.rawValue)
                j.field("required", k.text); j.field("site_specific", k.siteSpecific); j.close()
            }
            j.close()
        }
        let subjects = Set(c.fixes.map(\.subject))
        j.key("to_satisfy_both")
        j.array(c.toDo) { j, f in
            j.open(); j.field("regime", f.requirement.pack); j.field("requirement", f.requirement.id)
            j.field("title", f.requirement.title); j.field("status", f.status.rawValue)
            j.field("severity", f.requirement.severity.rawValue); j.field("topic", f.requirement.topic)
            j.key("location"); ReportRecord.write(f.mark, file: c.report.file, into: &j)
            j.key("found"); j.array(Self.found(f)) { j, s in j.value(s) }
            let settled = f.witnesses.compactMap(\.subject).filter(subjects.contains)
            if !settled.isEmpty { j.key("binding_fix"); j.array(settled) { j, s in j.value(s) } }
            j.field("action", Self.action(f)); j.close()
        }
        j.close()
        return j.text
    }

    // MARK: CSV

    func csv(_ c: SiteComparison) -> String {
        var rows: [[String]] = []
        let file = c.report.file, site = c.report.siteID
        func source(_ r: Requirement) -> [String] { [r.source.citation, Citation.href(r.source.url) ?? ""] }
        for group in Self.byTopic(c) {
            for fix in group.fixes {
                for k in fix.constraints {
                    let r = k.requirement
                    rows.append([file, site, group.topic, fix.isSingle ? "binding-fix" : "two-fixes", fix.subject, fix.found,
                                 fix.measureText, fix.binding.joined(separator: " "), k.regime, r.id, r.title, k.status.rawValue,
                                 r.severity.rawValue, k.text, k.status == .gap && !fix.isSingle ? r.remediationLine : "",
                                 fix.mark.map { String($0.line) } ?? "", fix.mark.map { String($0.column) } ?? ""] + source(r))
                }
            }
            for f in group.findings {
                let r = f.requirement
                rows.append([file, site, group.topic, "violation", f.witnesses.compactMap(\.subject).joined(separator: "; "),
                             f.witnesses.map(\.found).joined(separator: "; "), "", "", r.pack, r.id, r.title, f.status.rawValue,
                             r.severity.rawValue, f.witnesses.map(\.required).joined(separator: "; "), Self.action(f),
                             String(f.mark.line), String(f.mark.column)] + source(r))
            }
        }
        return rows.map { $0.map(CSVReport.field).joined(separator: ",") + "\r\n" }.joined()
    }

    // MARK: HTML

    func html(_ c: SiteComparison) -> String {
        let e = HTMLPage.escape
        let l = left.uppercased(), r = right.uppercased()
        var body = "<section><h2 class=\"site\">\(e(c.report.siteName))</h2><p class=\"sub\"><code>\(e(c.report.file))</code> — \(e(c.report.siteID)), \(e(c.report.country ?? "")), stages \(e(c.report.stages.joined(separator: ", "))); rules in force on \(e(asOf))</p>"
        let gapsLeft = c.toDo.filter { $0.requirement.pack == left }.count, gapsRight = c.toDo.filter { $0.requirement.pack == right }.count
        body += "<div class=\"cards\"><div class=\"card \(gapsLeft == 0 ? "met" : "gap")\"><b>\(gapsLeft)</b>violations under \(e(l))</div><div class=\"card \(gapsRight == 0 ? "met" : "gap")\"><b>\(gapsRight)</b>violations under \(e(r))</div>"
        body += "<div class=\"card\"><b>\(c.fixes.filter(\.isSingle).count)</b>single measures for both</div></div>"
        body += "<h3>Topic by topic</h3><table><thead><tr><th>topic</th><th>\(e(l))</th><th>\(e(r))</th></tr></thead><tbody>"
        for row in c.rows {
            body += "<tr><td>\(e(row.topic))</td><td class=\"\(row.left.worst?.rawValue ?? "")\">\(e(Self.cellText(row.left)))</td><td class=\"\(row.right.worst?.rawValue ?? "")\">\(e(Self.cellText(row.right)))</td></tr>"
        }
        body += "</tbody></table><h3>Gaps by stage and severity</h3><div class=\"charts\">"
        let tables = [left, right].map { c.gaps(in: $0) }
        let largest = tables.flatMap { $0.values.map { $0.values.reduce(0, +) } }.max() ?? 1
        for (pack, table) in zip([left, right], tables) {
            body += HTMLPage.stackedBars(title: "\(pack.uppercased()): violations", rows: Stage.allCases.map { ($0.rawValue, table[$0] ?? [:]) }, scaleTo: largest)
        }
        body += "</div><h3>To satisfy both</h3>"
        if c.toDo.isEmpty { return body + "<p class=\"met\">Nothing: no gap under either regime.</p></section>" }
        if !c.fixes.isEmpty {
            body += "<p class=\"note\">One measure per site quantity that both regimes limit, from the requirements' own thresholds in canonical units.</p>"
            body += "<table class=\"fix\"><thead><tr><th>topic</th><th>quantity</th><th>found</th><th>one measure</th><th>\(e(l))</th><th>\(e(r))</th></tr></thead><tbody>"
            for fix in c.fixes {
                func side(_ regime: String) -> String {
                    fix.constraints.filter { $0.regime == regime }.map { k in
                        var cell = "\(Citation.htmlID(k.requirement)) <span class=\"tag \(k.status.rawValue)\">\(e(k.status.rawValue))</span><br>\(e(k.text))"
                        for line in Self.also(k, in: c.report, fix: fix) { cell += "<br><span class=\"note\">also \(e(line))</span>" }
                        if !fix.isSingle && k.status == .gap { cell += "<br><span class=\"note\">fix: \(e(k.requirement.remediationLine))</span>" }
                        return cell
                    }.joined(separator: "<br>")
                }
                let measure = fix.isSingle ? "<span class=\"binds\">\(e(fix.measureText))</span><br>\(e(fix.bindingText))" : "\(e(fix.measureText)): two fixes"
                body += "<tr><td>\(e(fix.topic))</td><td><code>\(e(fix.subject))</code>\(fix.mark.map { "<br><span class=\"note\">\(e($0.description))</span>" } ?? "")</td><td>\(e(fix.found))</td><td class=\"\(fix.isSingle ? "met" : "gap")\">\(measure)</td><td>\(side(left))</td><td>\(side(right))</td></tr>"
            }
            body += "</tbody></table>"
        }
        let remaining = c.remaining
        if !remaining.isEmpty {
            body += "<table><thead><tr><th>regime</th><th>requirement</th><th>severity</th><th>where</th><th>found and required</th><th>what to do</th></tr></thead><tbody>"
            for f in remaining {
                body += "<tr><td>\(e(f.requirement.pack.uppercased()))</td><td>\(Citation.htmlID(f.requirement)) \(e(f.requirement.title))</td><td class=\"\(f.status.rawValue)\">\(e(f.requirement.severity.rawValue))<br><span class=\"note\">\(e(f.status.rawValue))</span></td><td><code>\(e(f.mark.description))</code></td><td class=\"note\">\(Self.found(f).map(e).joined(separator: "<br>"))</td><td class=\"note\">\(e(Self.action(f)))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return body + "</section>"
    }
}
