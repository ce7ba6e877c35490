import Foundation

/// Renders a `RegimeDiff` as text, Markdown, JSON or HTML.
public enum DiffReport {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json, html, csv }

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

    /// `generated`: the time on the cover of a page (Markdown, HTML).
    public static func render(_ d: RegimeDiff, as format: Format, generated: Date = Cover.generationTime()) -> String {
        switch format {
        case .text: return text(d)
        case .markdown: return markdown(d, generated: generated)
        case .json: return json(d)
        case .html: return html(d, generated: generated)
        case .csv: return csv(d)
        }
    }

    /// The cover of a diff page: both packs, the day compared, the files read.
    static func cover(_ d: RegimeDiff, generated: Date) -> Cover {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        var notes: [(label: String, text: String)] = []
        if d.asOf == nil { notes.append(("Rules compared", "every requirement of the packs, whatever its dates (diff --as-of DATE compares the rules in force on a day)")) }
        return Cover(title: "\(l) vs \(r): hydrogen safety requirements side by side", packs: [d.left, d.right], asOf: d.asOf,
                     generated: generated, inputs: [d.left.file, d.right.file] + (d.crosswalk.map { [$0.file] } ?? []), notes: notes)
    }

    /// One comparison line: the quantity, both requirements and their thresholds (B6).
    static func comparison(_ c: RegimeDiff.ThresholdComparison, _ d: RegimeDiff) -> String {
        "\(c.path) (\(c.leftRequirement) \(c.left.text) vs \(c.rightRequirement) \(c.right.text)): \(label(c.relation, d)), \(c.detail)"
    }

    static func text(_ d: RegimeDiff) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        var out = "\(l): \(d.left.title) (\(d.left.requirements.count) requirements)\n"
        out += "\(r): \(d.right.title) (\(d.right.requirements.count) requirements)\n"
        if let c = d.crosswalk { out += "crosswalk: \(c.file) (\(c.mappings.count) mappings)\n" }
        if let day = d.asOf { out += "rules in force on \(day)\n" }
        out += "\nSummary: \(summaryLine(d))\n"
        for t in d.topics {
            out += "\n== \(t.topic): \(t.description)\n"
            for p in t.pairs {
                out += "  [\(label(p.relation, d))] \(ids(p.left)) <-> \(ids(p.right))  (\(p.origin.rawValue))\n"
                out += "      \(l): \(p.left.map(\.title).joined(separator: "; "))\n"
                out += "      \(r): \(p.right.map(\.title).joined(separator: "; "))\n"
                for c in p.comparisons { out += "      \(comparison(c, d))\n" }
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

    static func markdown(_ d: RegimeDiff, generated: Date) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        var out = cover(d, generated: generated).markdown + "\n"
        out += "| aligned | stricter in \(l) | stricter in \(r) | partly different | different approach | only in \(l) | only in \(r) |\n|---|---|---|---|---|---|---|\n"
        out += "| \(d.count(.equivalent)) | \(d.count(.leftStricter)) | \(d.count(.rightStricter)) | \(d.count(.partial)) | \(d.count(.differentApproach)) | \(d.onlyLeftCount) (\(d.unmappedLeft.count) unmapped) | \(d.onlyRightCount) (\(d.unmappedRight.count) unmapped) |\n"
        for t in d.topics {
            out += "\n## \(t.topic)\n\n\(t.description)\n\n| relation | \(l) | \(r) | thresholds, notes |\n|---|---|---|---|\n"
            for p in t.pairs {
                var notes = p.comparisons.map { cell(comparison($0, d)) }
                if let note = p.note, !note.isEmpty { notes.append(cell(note)) }
                notes += p.differences.map(cell)
                out += "| \(label(p.relation, d)) | \(reqs(p.left)) | \(reqs(p.right)) | \(notes.joined(separator: "<br>")) |\n"
            }
            for o in t.onlyLeft {
                out += "| only in \(l)\(o.confirmed ? "" : " (unmapped)") | \(reqs([o.requirement])) | | \(cell(o.note ?? "")) |\n"
            }
            for o in t.onlyRight {
                out += "| only in \(r)\(o.confirmed ? "" : " (unmapped)") | | \(reqs([o.requirement])) | \(cell(o.note ?? "")) |\n"
            }
        }
        return out + Citation.markdownList(d.topics.flatMap { t in t.pairs.flatMap { $0.left + $0.right } + t.onlyLeft.map(\.requirement) + t.onlyRight.map(\.requirement) })
    }

    /// Requirement ids linked to their legal text, with titles, for a Markdown cell.
    static func reqs(_ rs: [Requirement]) -> String {
        rs.map { "\(Citation.markdownID($0)) \(Escape.markdown($0.title))" }.joined(separator: "<br>")
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
        if let day = d.asOf { j.field("as_of", day.description) }
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
                    j.field("left_requirement", c.leftRequirement); j.field("right_requirement", c.rightRequirement)
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

    static func html(_ d: RegimeDiff, generated: Date) -> String {
        let l = d.left.id.uppercased(), r = d.right.id.uppercased()
        let e = HTMLPage.escape
        var body = cover(d, generated: generated).html
        body += "<div class=\"cards\">"
        let cards: [(String, Int, String)] = [
            ("aligned", d.count(.equivalent), "equivalent"), ("stricter in \(l)", d.count(.leftStricter), "left-stricter"),
            ("stricter in \(r)", d.count(.rightStricter), "right-stricter"), ("partly different", d.count(.partial), "partial"),
            ("different approach", d.count(.differentApproach), "different-approach"),
            ("only in \(l)", d.onlyLeftCount, "only"), ("only in \(r)", d.onlyRightCount, "only"),
        ]
        for (name, n, css) in cards { body += "<div class=\"card \(css)\"><b>\(n)</b>\(e(name))</div>" }
        body += "</div>"
        body += "<h2>Topic matrix</h2><table><thead><tr><th>topic</th><th>aligned</th><th>stricter in \(e(l))</th><th>stricter in \(e(r))</th><th>different</th><th>only in \(e(l))</th><th>only in \(e(r))</th></tr></thead><tbody>"
        for t in d.topics {
            func n(_ rel: Relation) -> Int { t.pairs.filter { $0.relation == rel }.count }
            let row = [n(.equivalent), n(.leftStricter), n(.rightStricter), n(.partial) + n(.differentApproach), t.onlyLeft.count, t.onlyRight.count]
            let classes = ["equivalent", "left-stricter", "right-stricter", "partial", "only", "only"]
            body += "<tr><td><a href=\"#\(e(t.topic))\">\(e(t.topic))</a></td>" + zip(row, classes).map { n, c in "<td class=\"\(n > 0 ? c : "")\">\(n == 0 ? "" : String(n))</td>" }.joined() + "</tr>"
        }
        body += "</tbody></table><h2>Requirements by stage and severity</h2><div class=\"charts\">"
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
            body += "<h2 id=\"\(e(t.topic))\">\(e(t.topic))</h2><p class=\"note\">\(e(t.description))</p><table><thead><tr><th>relation</th><th>\(e(l))</th><th>\(e(r))</th><th>thresholds and notes</th></tr></thead><tbody>"
            func reqs(_ rs: [Requirement]) -> String { rs.map { "\(Citation.htmlID($0)) \(e($0.title)) <span class=\"note\">(\($0.stage.rawValue), \($0.basis.rawValue))</span>" }.joined(separator: "<br>") }
            for p in t.pairs {
                var notes = p.comparisons.map { "<code>\(e($0.path))</code> (\(e($0.leftRequirement)) \(e($0.left.text)) vs \(e($0.rightRequirement)) \(e($0.right.text))): \(e(label($0.relation, d))), \(e($0.detail))" }
                if let note = p.note, !note.isEmpty { notes.append(e(note)) }
                notes += p.differences.map(e)
                body += "<tr><td class=\"\(p.relation.rawValue)\"><span class=\"tag\">\(e(label(p.relation, d)))</span></td><td>\(reqs(p.left))</td><td>\(reqs(p.right))</td><td class=\"note\">\(notes.joined(separator: "<br>"))</td></tr>"
            }
            for o in t.onlyLeft { body += "<tr><td class=\"only\">only in \(e(l))\(o.confirmed ? "" : " (unmapped)")</td><td>\(reqs([o.requirement]))</td><td></td><td class=\"note\">\(e(o.note ?? ""))</td></tr>" }
            for o in t.onlyRight { body += "<tr><td class=\"only\">only in \(e(r))\(o.confirmed ? "" : " (unmapped)")</td><td></td><td>\(reqs([o.requirement]))</td><td class=\"note\">\(e(o.note ?? ""))</td></tr>" }
            body += "</tbody></table>"
        }
        body += Citation.htmlList(citedIn: body, packs: [d.left, d.right])
        return HTMLPage.page(title: "\(l) vs \(r) hydrogen safety requirements", body: body)
    }

    public static let csvColumns = ["topic", "relation", "origin", "left_regime", "left_requirements", "left_titles",
                                    "right_regime", "right_requirements", "right_titles", "thresholds", "note", "differences",
                                    "left_sources", "right_sources"]

    /// CSV (RFC 4180): one row per pair and per requirement found on one side only.
    static func csv(_ d: RegimeDiff) -> String {
        var rows = [csvColumns]
        let l = d.left.id, r = d.right.id
        func sources(_ rs: [Requirement]) -> String { rs.map { "\($0.id): \($0.source.citation)" + (Citation.href($0.source.url).map { " <\($0)>" } ?? "") }.joined(separator: "; ") }
        for t in d.topics {
            for p in t.pairs {
                rows.append([t.topic, p.relation.rawValue, p.origin.rawValue, l, ids(p.left), p.left.map(\.title).joined(separator: "; "),
                             r, ids(p.right), p.right.map(\.title).joined(separator: "; "),
                             p.comparisons.map { comparison($0, d) }.joined(separator: "; "), p.note ?? "",
                             p.differences.joined(separator: "; "), sources(p.left), sources(p.right)])
            }
            for o in t.onlyLeft {
                rows.append([t.topic, o.confirmed ? "only-left" : "only-left-unmapped", o.confirmed ? "crosswalk" : "", l, o.requirement.id,
                             o.requirement.title, r, "", "", "", o.note ?? "", "", sources([o.requirement]), ""])
            }
            for o in t.onlyRight {
                rows.append([t.topic, o.confirmed ? "only-right" : "only-right-unmapped", o.confirmed ? "crosswalk" : "", l, "", "",
                             r, o.requirement.id, o.requirement.title, "", o.note ?? "", "", "", sources([o.requirement])])
            }
        }
        return rows.map { $0.map(CSVReport.field).joined(separator: ",") + "\r\n" }.joined()
    }
}
