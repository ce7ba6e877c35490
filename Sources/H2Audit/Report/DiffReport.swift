import Foundation

/// Renders a `RegimeDiff` as text, Markdown, JSON or HTML.
public enum DiffReport {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json, html }

    static func label(_ r: Relation, _ diff: RegimeDiff) -> String {
        switch r {
        case .equivalent: return "aligned"
        case .leftStricter: return "stricter in \(diff.left.id.uppercased())"
        case .rightStricter: return "stricter in \(diff.right.id.uppercased())"
        case .partial: return "partly different"
        case .differentApproach: return "different approach"
        }
    }

    static func ids(_ rs: [Requirement]) -> String { rs.map(\.id).joined(separator: ", ") }

    static func summaryLine(_ d: RegimeDiff) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        return "aligned \(d.count(.equivalent)), stricter in \(l) \(d.count(.leftStricter)), stricter in \(r) \(d.count(.rightStricter)), " +
            "partly different \(d.count(.partial)), different approach \(d.count(.differentApproach)), " +
            "only in \(l) \(d.onlyLeftCount) (\(d.unmappedLeft.count) unmapped), only in \(r) \(d.onlyRightCount) (\(d.unmappedRight.count) unmapped)"
    }

    public static func render(_ d: RegimeDiff, as format: Format) -> String {
        switch format {
        case .text: return text(d)
        case .markdown: return markdown(d)
        case .json: return json(d)
        case .html: return html(d)
        }
    }

    static func text(_ d: RegimeDiff) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        var out = "\(l): \(d.left.title) (\(d.left.requirements.count) requirements)\n"
        out += "\(r): \(d.right.title) (\(d.right.requirements.count) requirements)\n"
        if let c = d.crosswalk { out += "crosswalk: \(c.file) (\(c.mappings.count) mappings)\n" }
        out += "\nSummary: \(summaryLine(d))\n"
        for t in d.topics {
            out += "\n== \(t.topic): \(t.description)\n"
            for p in t.pairs {
                out += "  [\(label(p.relation, d))] \(ids(p.left)) <-> \(ids(p.right))  (\(p.origin.rawValue))\n"
                out += "      \(l): \(p.left.map(\.title).joined(separator: "; "))\n"
                out += "      \(r): \(p.right.map(\.title).joined(separator: "; "))\n"
                for c in p.comparisons { out += "      \(c.path): \(label(c.relation, d)) \(c.detail)\n" }
                if let note = p.note, !note.isEmpty { out += "      note: \(note)\n" }
                for diff in p.differences { out += "      \(diff)\n" }
            }
            for (side, list) in [(l, t.onlyLeft), (r, t.onlyRight)] {
                for o in list {
                    let req = o.requirement
                    out += "  [only in \(side)] \(req.id) \(req.title) (\(req.stage.rawValue), \(req.basis.rawValue))\(o.confirmed ? "" : " UNMAPPED")\n"
                    if let note = o.note { out += "      note: \(note)\n" }
                }
            }
        }
        out += "\nUnmapped (no crosswalk entry, no automatic match): \(l): \(d.unmappedLeft.isEmpty ? "none" : ids(d.unmappedLeft)); \(r): \(d.unmappedRight.isEmpty ? "none" : ids(d.unmappedRight))\n"
        return out
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    static func markdown(_ d: RegimeDiff) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        var out = "# \(l) vs \(r): requirement by requirement\n\n"
        out += "- **\(l)**: \(d.left.title) (\(d.left.requirements.count) requirements)\n- **\(r)**: \(d.right.title) (\(d.right.requirements.count) requirements)\n\n"
        out += "| aligned | stricter in \(l) | stricter in \(r) | partly different | different approach | only in \(l) | only in \(r) |\n|---|---|---|---|---|---|---|\n"
        out += "| \(d.count(.equivalent)) | \(d.count(.leftStricter)) | \(d.count(.rightStricter)) | \(d.count(.partial)) | \(d.count(.differentApproach)) | \(d.onlyLeftCount) (\(d.unmappedLeft.count) unmapped) | \(d.onlyRightCount) (\(d.unmappedRight.count) unmapped) |\n"
        for t in d.topics {
            out += "\n## \(t.topic)\n\n\(t.description)\n\n| relation | \(l) | \(r) | thresholds, notes |\n|---|---|---|---|\n"
            for p in t.pairs {
                var notes = p.comparisons.map { "`\($0.path)`: \(label($0.relation, d)) \($0.detail)" }
                if let note = p.note, !note.isEmpty { notes.append(note) }
                notes += p.differences
                out += "| \(label(p.relation, d)) | \(cell(p.left.map { "\($0.id) \($0.title)" }.joined(separator: "; "))) | \(cell(p.right.map { "\($0.id) \($0.title)" }.joined(separator: "; "))) | \(cell(notes.joined(separator: "<br>"))) |\n"
            }
            for o in t.onlyLeft {
                out += "| only in \(l)\(o.confirmed ? "" : " (unmapped)") | \(cell("\(o.requirement.id) \(o.requirement.title)")) | | \(cell(o.note ?? "")) |\n"
            }
            for o in t.onlyRight {
                out += "| only in \(r)\(o.confirmed ? "" : " (unmapped)") | | \(cell("\(o.requirement.id) \(o.requirement.title)")) | \(cell(o.note ?? "")) |\n"
            }
        }
        return out
    }

    static func json(_ d: RegimeDiff) -> String {
        var j = JSONWriter()
        func req(_ r: Requirement, _ j: inout JSONWriter) {
            j.open(); j.field("id", r.id); j.field("title", r.title); j.field("stage", r.stage.rawValue)
            j.field("basis", r.basis.rawValue); j.field("severity", r.severity.rawValue)
            if let e = r.effective { j.field("effective", e.description) }
            if let u = r.until { j.field("until", u.description) }
            j.close()
        }
        j.open()
        j.field("schema", "h2audit-diff"); j.field("schema_version", 1)
        j.field("left", d.left.id); j.field("right", d.right.id)
        j.key("summary"); j.open()
        for relation in Relation.allCases { j.field(relation.rawValue, d.count(relation)) }
        j.field("only-left", d.onlyLeftCount); j.field("only-right", d.onlyRightCount)
        j.field("unmapped-left", d.unmappedLeft.count); j.field("unmapped-right", d.unmappedRight.count)
        j.close()
        j.key("topics")
        j.array(d.topics) { j, t in
            j.open(); j.field("topic", t.topic)
            j.key("pairs")
            j.array(t.pairs) { j, p in
                j.open(); j.field("relation", p.relation.rawValue); j.field("origin", p.origin.rawValue)
                j.key("left"); j.array(p.left) { j, r in req(r, &j) }
                j.key("right"); j.array(p.right) { j, r in req(r, &j) }
                j.key("thresholds")
                j.array(p.comparisons) { j, c in
                    j.open(); j.field("path", c.path); j.field("relation", c.relation.rawValue)
                    j.field("left", c.left.text); j.field("right", c.right.text); j.field("detail", c.detail); j.close()
                }
                if let note = p.note { j.field("note", note) }
                j.key("differences"); j.array(p.differences) { j, s in j.value(s) }
                j.close()
            }
            for (key, list) in [("only_left", t.onlyLeft), ("only_right", t.onlyRight)] {
                j.key(key)
                j.array(list) { j, o in
                    j.open(); j.key("requirement"); req(o.requirement, &j); j.field("confirmed", o.confirmed)
                    if let note = o.note { j.field("note", note) }
                    j.close()
                }
            }
            j.close()
        }
        j.close()
        return j.text + "\n"
    }

    static func html(_ d: RegimeDiff) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        let e = HTMLPage.escape
        var body = "<h1>\(e(l)) vs \(e(r)): hydrogen safety requirements side by side</h1>"
        body += "<p class=\"sub\">\(e(d.left.title)) — \(e(d.right.title))</p><div class=\"cards\">"
        let cards: [(String, Int, String)] = [
            ("aligned", d.count(.equivalent), "equivalent"), ("stricter in \(l)", d.count(.leftStricter), "left-stricter"),
            ("stricter in \(r)", d.count(.rightStricter), "right-stricter"), ("partly different", d.count(.partial), "partial"),
            ("different approach", d.count(.differentApproach), "different-approach"),
            ("only in \(l)", d.onlyLeftCount, "only"), ("only in \(r)", d.onlyRightCount, "only"),
        ]
        for (name, n, css) in cards { body += "<div class=\"card \(css)\"><b>\(n)</b>\(e(name))</div>" }
        body += "</div>"
        body += "<h2>Topic matrix</h2><table><tr><th>topic</th><th>aligned</th><th>stricter in \(e(l))</th><th>stricter in \(e(r))</th><th>different</th><th>only in \(e(l))</th><th>only in \(e(r))</th></tr>"
        for t in d.topics {
            func n(_ rel: Relation) -> Int { t.pairs.filter { $0.relation == rel }.count }
            let row = [n(.equivalent), n(.leftStricter), n(.rightStricter), n(.partial) + n(.differentApproach), t.onlyLeft.count, t.onlyRight.count]
            let classes = ["equivalent", "left-stricter", "right-stricter", "partial", "only", "only"]
            body += "<tr><td><a href=\"#\(e(t.topic))\">\(e(t.topic))</a></td>" + zip(row, classes).map { n, c in "<td class=\"\(n > 0 ? c : "")\">\(n == 0 ? "" : String(n))</td>" }.joined() + "</tr>"
        }
        body += "</table><h2>Requirements by stage and severity</h2><div class=\"charts\">"
        let largest = [d.left, d.right].flatMap { pack in Stage.allCases.map { s in pack.requirements.filter { $0.stage == s }.count } }.max() ?? 1
        for pack in [d.left, d.right] {
            let rows = Stage.allCases.map { stage -> (label: String, values: [Severity: Int]) in
                var v: [Severity: Int] = [:]
                for req in pack.requirements where req.stage == stage { v[req.severity, default: 0] += 1 }
                return (stage.rawValue, v)
            }
            body += HTMLPage.stackedBars(title: "\(pack.id.uppercased()): \(pack.requirements.count) requirements", rows: rows, scaleTo: largest)
        }
        body += "</div>"
        for t in d.topics {
            body += "<h2 id=\"\(e(t.topic))\">\(e(t.topic))</h2><p class=\"note\">\(e(t.description))</p><table><tr><th>relation</th><th>\(e(l))</th><th>\(e(r))</th><th>thresholds and notes</th></tr>"
            func reqs(_ rs: [Requirement]) -> String { rs.map { "<code>\(e($0.id))</code> \(e($0.title)) <span class=\"note\">(\($0.stage.rawValue), \($0.basis.rawValue))</span>" }.joined(separator: "<br>") }
            for p in t.pairs {
                var notes = p.comparisons.map { "<code>\(e($0.path))</code>: \(e(label($0.relation, d))) \(e($0.detail))" }
                if let note = p.note, !note.isEmpty { notes.append(e(note)) }
                notes += p.differences.map(e)
                body += "<tr><td class=\"\(p.relation.rawValue)\"><span class=\"tag\">\(e(label(p.relation, d)))</span></td><td>\(reqs(p.left))</td><td>\(reqs(p.right))</td><td class=\"note\">\(notes.joined(separator: "<br>"))</td></tr>"
            }
            for o in t.onlyLeft { body += "<tr><td class=\"only\">only in \(e(l))\(o.confirmed ? "" : " (unmapped)")</td><td>\(reqs([o.requirement]))</td><td></td><td class=\"note\">\(e(o.note ?? ""))</td></tr>" }
            for o in t.onlyRight { body += "<tr><td class=\"only\">only in \(e(r))\(o.confirmed ? "" : " (unmapped)")</td><td></td><td>\(reqs([o.requirement]))</td><td class=\"note\">\(e(o.note ?? ""))</td></tr>" }
            body += "</table>"
        }
        return HTMLPage.page(title: "\(l) vs \(r) hydrogen safety requirements", body: body)
    }
}
