/// One fact a site file does not state, with every requirement that needs it.
public struct TodoItem: Sendable, Equatable {
    /// Where the fact goes, e.g. `inspections.self_inspection_records`.
    public var path: String
    /// The object the fact belongs in.
    public var mark: SourceMark
    /// The requirements that need it, in pack order.
    public var requirements: [String]
}

/// Everything still unknown in one site, gathered in one pass (`check --todo`):
/// the missing facts of every missing-evidence finding and of every gap (a
/// gap's own unknown terms; the checker must gather them,
/// `Checker.gathersEveryMissingFact`), one item per key, in file order: by
/// the place the fact belongs, then by the order of the schema.
public enum TodoList {
    public static func items(_ report: SiteReport) -> [TodoItem] {
        var items: [TodoItem] = []
        var index: [String: Int] = [:]
        for finding in report.findings where finding.status == .missingEvidence || finding.status == .gap {
            for fact in finding.missing {
                if let i = index[fact.path] {
                    if !items[i].requirements.contains(finding.requirement.id) { items[i].requirements.append(finding.requirement.id) }
                } else {
                    index[fact.path] = items.count
                    items.append(TodoItem(path: fact.path, mark: fact.mark, requirements: [finding.requirement.id]))
                }
            }
        }
        let keys = items.map { schemaOrder($0.path) }
        return items.indices.sorted { a, b in
            let (x, y) = (items[a].mark, items[b].mark)
            if (x.line, x.column) != (y.line, y.column) { return (x.line, x.column) < (y.line, y.column) }
            if keys[a] != keys[b] { return keys[a].lexicographicallyPrecedes(keys[b]) }
            return a < b
        }.map { items[$0] }
    }

    /// The position of each key of `path` among its object's fields, from the
    /// site root (list items in brackets are skipped; ids may hold dots).
    static func schemaOrder(_ path: String) -> [Int] {
        var names: [String] = [], current = "", depth = 0
        for c in path {
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            else if depth == 0 && c == "." { names.append(current); current = "" }
            else if depth == 0 && c == " " { break }
            else if depth == 0 { current.append(c) }
        }
        names.append(current)
        var order: [Int] = []
        var schema: ObjectSchema? = SiteSchema.site
        for name in names {
            guard let s = schema, let slot = s.slot(of: name) else { order.append(Int.max); break }
            order.append(slot)
            schema = SchemaReference.objectSchema(s.fields[slot].type)
        }
        return order
    }
}

/// `check --todo`: one list per site of every fact still unknown, by key,
/// with the requirements that need it (text or JSON).
public struct TodoReport: ReportRenderer {
    public var json: Bool
    var files = 0

    public init(json: Bool = false) { self.json = json }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        if json {
            out.write("{\"as_of\":\"\(context.asOf)\",\"files\":[")
        } else {
            out.line("h2audit: facts still unknown, by key, for the requirements in force on \(context.asOf)")
            out.line()
        }
    }

    public func render(_ result: FileResult) -> String {
        json ? renderJSON(result) : renderText(result)
    }

    func renderText(_ result: FileResult) -> String {
        var lines: [String] = []
        switch result {
        case .failed(let file, let diagnostics):
            lines.append("\(file): INPUT ERROR, not checked")
            for d in diagnostics { lines.append("  \(d)") }
        case .checked(let report):
            let items = TodoList.items(report)
            let requirements = Set(items.flatMap(\.requirements)).count
            lines.append("\(report.file): \(report.siteName) [\(report.siteID)]")
            if items.isEmpty {
                lines.append("  nothing unknown: every applicable requirement was decided")
            } else {
                lines.append("  \(items.count) fact\(items.count == 1 ? "" : "s") to state for \(requirements) requirement\(requirements == 1 ? "" : "s"):")
                for item in items {
                    lines.append("  \(item.path)  (at \(item.mark))")
                    lines.append("      for " + item.requirements.joined(separator: ", "))
                }
            }
            for warning in report.warnings { lines.append("  \(warning)") }
        }
        return lines.map(Escape.text).joined(separator: "\n") + "\n\n"
    }

    func renderJSON(_ result: FileResult) -> String {
        var json = JSONWriter()
        json.open()
        json.field("file", result.file)
        switch result {
        case .failed(_, let diagnostics):
            json.key("errors")
            json.array(diagnostics) { json, d in json.value(d.description) }
        case .checked(let report):
            json.field("site", report.siteID)
            json.key("todo")
            json.array(TodoList.items(report)) { json, item in
                json.open()
                json.field("path", item.path)
                json.field("line", item.mark.line)
                json.field("column", item.mark.column)
                json.key("requirements")
                json.array(item.requirements) { json, id in json.value(id) }
                json.close()
            }
        }
        json.close()
        return json.text
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if json && files > 0 { out.write(",") }
        files += 1
        out.write(rendered)
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        if json { out.line("]}") }
    }
}
