/// `check --regime A,B --compare`: each site topic by topic under both
/// regimes side by side, then what it must add to satisfy both.
public struct CompareReport: ReportRenderer {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json, html }

    public let format: Format
    public let left: String
    public let right: String
    var first = true
    var asOf = ""

    public init(format: Format, left: String, right: String) {
        self.format = format
        self.left = left
        self.right = right
    }

    static func cellText(_ cell: SiteComparison.Cell) -> String {
        guard cell.worst != nil else { return "-" }
        return SiteComparison.severityOrder.compactMap { s in
            (cell.counts[s] ?? 0) > 0 ? "\(s.rawValue) \(cell.counts[s]!)" : nil
        }.joined(separator: ", ")
    }

    static func action(_ f: Finding) -> String {
        if f.status == .missingEvidence {
            return "provide " + f.missing.map(\.path).joined(separator: ", ") + (f.note.map { " (\($0))" } ?? "")
        }
        return f.requirement.remediationLine
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        asOf = context.asOf.description
        let l = left.uppercased(), r = right.uppercased()
        switch format {
        case .text: out.line("h2audit compare: \(l) and \(r), rules in force on \(asOf); pressures are gauge.")
        case .markdown: out.line("# Sites under \(l) and \(r)\n\nRules in force on \(asOf). Pressures are gauge.")
        case .json: out.write("{\"schema\":\"h2audit-compare\",\"schema_version\":1,\"left\":\"\(left)\",\"right\":\"\(right)\",\"as_of\":\"\(asOf)\",\"sites\":[\n")
        case .html: out.write(HTMLPage.head(title: "Sites under \(l) and \(r)"))
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
            }
        }
        let c = SiteComparison(report: report, left: left, right: right)
        switch format {
        case .text: return text(c)
        case .markdown: return markdown(c)
        case .json: return json(c)
        case .html: return html(c)
        }
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if format == .json && !first { out.write(",\n") }
        first = false
        out.write(rendered)
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        switch format {
        case .json: out.write("\n]}\n")
        case .text: out.line("\n\(summary.filesChecked) site(s) compared, \(summary.inputErrors) input error(s)")
        case .markdown: break
        case .html: out.write(HTMLPage.tail)
        }
    }

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
        } else {
            out += "\n  To satisfy both (\(c.toDo.count)):\n"
            for f in c.toDo {
                out += "    [\(f.requirement.pack.uppercased())] \(f.requirement.id) \(f.requirement.title) (\(f.requirement.severity.rawValue), at \(Escape.text(f.mark.description)))\n"
                out += "        \(Escape.text(Self.action(f)))\n"
            }
        }
        return out
    }

    func markdown(_ c: SiteComparison) -> String {
        let l = left.uppercased(), r = right.uppercased()
        var out = "\n## \(Escape.markdown(c.report.siteName)) (\(Escape.markdown(c.report.file)))\n\n| topic | \(l) | \(r) |\n|---|---|---|\n"
        for row in c.rows { out += "| \(row.topic) | \(Self.cellText(row.left)) | \(Self.cellText(row.right)) |\n" }
        out += "\n### To satisfy both\n\n"
        if c.toDo.isEmpty { out += "Nothing: no gap under either regime.\n" }
        for f in c.toDo {
            out += "- **\(f.requirement.pack.uppercased()) \(f.requirement.id)** \(f.requirement.title) (\(f.requirement.severity.rawValue), \(Escape.markdown(f.mark.description))): \(Escape.markdown(Self.action(f)))\n"
        }
        return out
    }

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
        j.key("to_satisfy_both")
        j.array(c.toDo) { j, f in
            j.open(); j.field("regime", f.requirement.pack); j.field("requirement", f.requirement.id)
            j.field("title", f.requirement.title); j.field("status", f.status.rawValue)
            j.field("severity", f.requirement.severity.rawValue); j.field("topic", f.requirement.topic)
            j.key("location"); ReportRecord.write(f.mark, file: c.report.file, into: &j)
            j.field("action", Self.action(f)); j.close()
        }
        j.close()
        return j.text
    }

    func html(_ c: SiteComparison) -> String {
        let e = HTMLPage.escape
        let l = left.uppercased(), r = right.uppercased()
        var body = "<section><h1>\(e(c.report.siteName))</h1><p class=\"sub\"><code>\(e(c.report.file))</code> — \(e(c.report.siteID)), \(e(c.report.country ?? "")), stages \(e(c.report.stages.joined(separator: ", "))); rules in force on \(e(asOf))</p>"
        let gapsLeft = c.toDo.filter { $0.requirement.pack == left }.count, gapsRight = c.toDo.filter { $0.requirement.pack == right }.count
        body += "<div class=\"cards\"><div class=\"card \(gapsLeft == 0 ? "met" : "gap")\"><b>\(gapsLeft)</b>violations under \(e(l))</div><div class=\"card \(gapsRight == 0 ? "met" : "gap")\"><b>\(gapsRight)</b>violations under \(e(r))</div></div>"
        body += "<h2>Topic by topic</h2><table><tr><th>topic</th><th>\(e(l))</th><th>\(e(r))</th></tr>"
        for row in c.rows {
            body += "<tr><td>\(e(row.topic))</td><td class=\"\(row.left.worst?.rawValue ?? "")\">\(e(Self.cellText(row.left)))</td><td class=\"\(row.right.worst?.rawValue ?? "")\">\(e(Self.cellText(row.right)))</td></tr>"
        }
        body += "</table><h2>Gaps by stage and severity</h2><div class=\"charts\">"
        let tables = [left, right].map { c.gaps(in: $0) }
        let largest = tables.flatMap { $0.values.map { $0.values.reduce(0, +) } }.max() ?? 1
        for (pack, table) in zip([left, right], tables) {
            body += HTMLPage.stackedBars(title: "\(pack.uppercased()): violations", rows: Stage.allCases.map { ($0.rawValue, table[$0] ?? [:]) }, scaleTo: largest)
        }
        body += "</div><h2>To satisfy both</h2>"
        if c.toDo.isEmpty { body += "<p class=\"met\">Nothing: no gap under either regime.</p>" } else {
            body += "<table><tr><th>regime</th><th>requirement</th><th>severity</th><th>where</th><th>what to do</th></tr>"
            for f in c.toDo {
                body += "<tr><td>\(e(f.requirement.pack.uppercased()))</td><td><code>\(e(f.requirement.id))</code> \(e(f.requirement.title))</td><td class=\"\(f.status.rawValue)\">\(e(f.requirement.severity.rawValue))</td><td><code>\(e(f.mark.description))</code></td><td class=\"note\">\(e(Self.action(f)))</td></tr>"
            }
            body += "</table>"
        }
        return body + "</section>"
    }
}
