/// `h2audit runs OLD NEW` as text or JSON.
public enum RunComparisonReport {
    public static func text(_ c: RunComparison, to out: OutputSink, limit: Int = 50) {
        out.safeLine("h2audit runs: \(c.old.path) (as of \(c.old.asOf), \(c.old.filings.count) filings) -> \(c.new.path) (as of \(c.new.asOf), \(c.new.filings.count) filings)")
        func list<T>(_ title: String, _ items: [T], _ line: (T) -> String) {
            out.safeLine()
            out.safeLine("\(title): \(items.count)")
            for item in items.prefix(limit) { out.safeLine("  " + line(item)) }
            if items.count > limit { out.safeLine("  ... and \(items.count - limit) more (--format json lists all)") }
        }
        func finding(_ r: RunComparison.Result) -> String {
            "\(r.site)  \(r.requirement)  \(r.status)  \(r.severity.uppercased())  \(r.file)  [\(r.fingerprint ?? "")]"
        }
        list("new filings", c.newFilings) { site in "\(site)  \(c.new.filings[site]!.file)" }
        list("vanished filings", c.vanishedFilings) { site in "\(site)  \(c.old.filings[site]!.file)" }
        list("new findings (gaps and missing evidence not in the old run)", c.newFindings, finding)
        list("resolved findings (in the old run, not in the new)", c.resolvedFindings, finding)
        list("changed status", c.changedStatus) { s in "\(s.site)  \(s.requirement)  \(s.old) -> \(s.new)\(s.severity.isEmpty ? "" : "  " + s.severity.uppercased())" }
        if !c.new.inputErrors.isEmpty || !c.old.inputErrors.isEmpty {
            out.safeLine()
            out.safeLine("files that could not be checked: old \(c.old.inputErrors.count), new \(c.new.inputErrors.count)")
        }
    }

    public static func json(_ c: RunComparison, to out: OutputSink) {
        var json = JSONWriter()
        func result(_ json: inout JSONWriter, _ r: RunComparison.Result) {
            json.open()
            json.field("site", r.site); json.field("requirement", r.requirement); json.field("status", r.status)
            json.field("severity", r.severity); json.field("file", r.file); json.field("fingerprint", r.fingerprint ?? "")
            json.close()
        }
        json.open()
        json.field("schema", "h2audit-runs"); json.field("schema_version", 1)
        for (key, run) in [("old", c.old), ("new", c.new)] {
            json.key(key); json.open()
            json.field("report", run.path); json.field("as_of", run.asOf); json.field("filings", run.filings.count)
            json.field("input_errors", run.inputErrors.count)
            json.close()
        }
        json.key("new_filings"); json.array(c.newFilings) { json, s in json.value(s) }
        json.key("vanished_filings"); json.array(c.vanishedFilings) { json, s in json.value(s) }
        json.key("new_findings"); json.array(c.newFindings, result)
        json.key("resolved_findings"); json.array(c.resolvedFindings, result)
        json.key("changed_status")
        json.array(c.changedStatus) { json, s in
            json.open()
            json.field("site", s.site); json.field("requirement", s.requirement); json.field("severity", s.severity)
            json.field("old", s.old); json.field("new", s.new)
            json.close()
        }
        json.close()
        out.write(json.text + "\n")
    }
}
