/// SARIF 2.1.0, so findings show up in code-review tools on the line of the
/// site file. One run; the driver lists every loaded requirement as a rule
/// with its description, help and source. Results: violations (`fail`,
/// `open` for missing evidence), eligibility gaps (`note`), waivers (with an
/// accepted suppression) and upcoming duties (`informational`). Files that
/// could not be checked are results of the rule `input-error` and tool
/// execution notifications.
public struct SARIFReport: ReportRenderer {
    var ruleIndex: [String: Int] = [:]
    var first = true
    var notifications: [String] = []
    var inputErrors = 0
    static let notificationCap = 1000

    public init() {}

    struct Text: Encodable { let text: String }
    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let helpUri: String?
        let defaultConfiguration: [String: String]
        let properties: [String: String]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .major: return "error"
        case .minor: return "warning"
        case .info: return "note"
        }
    }

    static func location(_ mark: SourceMark?, file: String) -> [String: Any] {
        var physical: [String: Any] = ["artifactLocation": ["uri": uri(mark?.file ?? file)]]
        if let mark { physical["region"] = ["startLine": mark.line, "startColumn": mark.column] }
        return ["physicalLocation": physical]
    }

    /// A relative path as a URI reference (percent-encoding what must be).
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        var rules: [Rule] = []
        for pack in context.packs {
            for r in pack.requirements {
                ruleIndex[r.id] = rules.count
                rules.append(Rule(
                    id: r.id, name: r.id.replacingOccurrences(of: "-", with: ""),
                    shortDescription: Text(text: r.title), fullDescription: Text(text: r.rationale),
                    help: Text(text: "\(r.remediation)\nSource: \(r.source.citation) [\(r.source.brief.joined(separator: ", "))]"),
                    helpUri: r.source.url, defaultConfiguration: ["level": Self.level(r.severity)],
                    properties: ["pack": r.pack, "stage": r.stage.rawValue, "topic": r.topic, "basis": r.basis.rawValue,
                                 "severity": r.severity.rawValue, "source": r.source.citation,
                                 "brief": r.source.brief.joined(separator: " "), "effective": r.effective?.description ?? "",
                                 "until": r.until?.description ?? ""]))
            }
        }
        ruleIndex["input-error"] = rules.count
        rules.append(Rule(id: "input-error", name: "InputError", shortDescription: Text(text: "File could not be checked"),
                          fullDescription: Text(text: "The file could not be read, parsed or validated against the site schema."),
                          help: Text(text: "Fix the file at the position given; `h2audit validate FILE` shows every problem."),
                          helpUri: nil, defaultConfiguration: ["level": "error"], properties: [:]))
        out.write("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{")
        out.write("\"tool\":{\"driver\":{\"name\":\"h2audit\",\"version\":\"\(H2AuditVersion.current)\",")
        out.write("\"informationUri\":\"\(H2AuditVersion.informationURI)\",\"rules\":\(ReportRecord.json(rules))}},")
        out.write("\"properties\":{\"as_of\":\"\(context.asOf)\",\"pressure_reference\":\"gauge\"},")
        out.write("\"results\":[\n")
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if case .failed(let file, let diagnostics) = result {
            inputErrors += 1
            for d in diagnostics where notifications.count < Self.notificationCap {
                notifications.append(JSONValue.encode(["level": "error", "message": ["text": d.message],
                                                       "locations": [Self.location(d.mark, file: file)]] as [String: Any]))
            }
        }
        guard !rendered.isEmpty else { return }
        if !first { out.write(",\n") }
        first = false
        out.write(rendered)
    }

    /// This file's SARIF results, comma-separated.
    public func render(_ result: FileResult) -> String {
        var results: [String] = []
        func emitResult(_ object: [String: Any]) { results.append(JSONValue.encode(object)) }
        switch result {
        case .failed(let file, let diagnostics):
            for d in diagnostics {
                let object: [String: Any] = [
                    "ruleId": "input-error", "ruleIndex": ruleIndex["input-error"]!, "level": "error", "kind": "fail",
                    "message": ["text": d.message], "locations": [Self.location(d.mark, file: file)],
                ]
                emitResult(object)
            }
        case .checked(let report):
            for f in report.findings {
                let r = f.requirement
                var object: [String: Any] = ["ruleId": r.id, "ruleIndex": ruleIndex[r.id] ?? -1,
                                             "locations": [Self.location(f.mark, file: report.file)]]
                var text = r.title
                switch (f.status, r.basis) {
                case (.gap, .law), (.gap, .commitment):
                    object["kind"] = "fail"; object["level"] = Self.level(r.severity)
                case (.missingEvidence, _):
                    object["kind"] = "open"; object["level"] = Self.level(r.severity)
                    text += ": missing evidence: add " + f.missing.map(\.path).joined(separator: ", ")
                case (.gap, .eligibility):
                    object["kind"] = "fail"; object["level"] = "note"
                    text = "Not eligible: " + text
                case (.waived, _):
                    object["kind"] = "fail"; object["level"] = Self.level(r.severity)
                    object["suppressions"] = [["kind": "external", "status": "accepted", "justification": f.note ?? "waived"]]
                case (.upcoming, _):
                    object["kind"] = "informational"; object["level"] = "none"
                    text = "Upcoming: " + text + (f.note.map { " (\($0))" } ?? "")
                default:
                    continue
                }
                if !f.witnesses.isEmpty {
                    text += ". " + f.witnesses.prefix(5).map { "\($0.subject.map { "\($0): " } ?? "")found \($0.found); required \($0.required)" }.joined(separator: "; ")
                }
                object["message"] = ["text": text]
                var properties: [String: Any] = ["status": f.status.rawValue, "site": report.siteID, "basis": r.basis.rawValue]
                if let alternative = f.alternative { properties["alternative"] = alternative }
                object["properties"] = properties
                emitResult(object)
            }
        }
        return results.joined(separator: ",\n")
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.write("\n],\"invocations\":[{\"executionSuccessful\":\(inputErrors == 0)")
        out.write(",\"exitCode\":\(summary.exitCode)")
        if !notifications.isEmpty { out.write(",\"toolExecutionNotifications\":[" + notifications.joined(separator: ",") + "]") }
        out.write("}]}]}\n")
    }
}
