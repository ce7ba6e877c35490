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
    /// The `partialFingerprints` key of h2audit's finding fingerprint (`FindingFingerprint`).
    public static let fingerprintKey = "h2auditFinding/v1"

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

    /// A SARIF location: the file as a URI reference and, where known, the region.
    static func location(_ mark: SourceMark?, file: String, into json: inout JSONWriter) {
        json.open()
        json.key("physicalLocation"); json.open()
        json.key("artifactLocation"); json.open(); json.field("uri", uri(mark?.file ?? file)); json.close()
        if let mark { json.key("region"); json.open(); json.field("startLine", mark.line); json.field("startColumn", mark.column); json.close() }
        json.close()
        json.close()
    }

    /// `{"level": ..., "message": {"text": ...}, "locations": [...]}`, shared by results and notifications.
    static func message(_ text: String, level: String, mark: SourceMark?, file: String, into json: inout JSONWriter) {
        json.field("level", level)
        json.key("message"); json.open(); json.field("text", text); json.close()
        json.key("locations"); json.array([mark]) { json, m in location(m, file: file, into: &json) }
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
                var json = JSONWriter()
                json.open(); Self.message(d.message, level: "error", mark: d.mark, file: file, into: &json); json.close()
                notifications.append(json.text)
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
        switch result {
        case .failed(let file, let diagnostics):
            for d in diagnostics {
                var json = JSONWriter()
                json.open()
                json.field("ruleId", "input-error"); json.field("ruleIndex", ruleIndex["input-error"]!); json.field("kind", "fail")
                Self.message(d.message, level: "error", mark: d.mark, file: file, into: &json)
                json.close()
                results.append(json.text)
            }
        case .checked(let report):
            for f in report.findings {
                let r = f.requirement
                var text = r.title
                let kind: String, level: String
                var suppressed = false
                switch (f.status, r.basis) {
                case (.gap, .law), (.gap, .commitment):
                    kind = "fail"; level = Self.level(r.severity)
                case (.missingEvidence, _):
                    kind = "open"; level = Self.level(r.severity)
                    text += ": missing evidence: add " + f.missing.map(\.path).joined(separator: ", ")
                case (.gap, .eligibility):
                    kind = "fail"; level = "note"
                    text = "Not eligible: " + text
                case (.waived, _):
                    kind = "fail"; level = Self.level(r.severity); suppressed = true
                case (.upcoming, _):
                    kind = "informational"; level = "none"
                    text = "Upcoming: " + text + (f.note.map { " (\($0))" } ?? "")
                default:
                    continue
                }
                if !f.witnesses.isEmpty {
                    text += ". " + f.witnesses.prefix(5).map(\.sentence).joined(separator: "; ")
                }
                var json = JSONWriter()
                json.open()
                json.field("ruleId", r.id); json.field("ruleIndex", ruleIndex[r.id] ?? -1); json.field("kind", kind)
                Self.message(text, level: level, mark: f.mark, file: report.file, into: &json)
                json.key("partialFingerprints"); json.open()
                json.field(Self.fingerprintKey, FindingFingerprint.of(site: report.siteID, finding: f))
                json.close()
                if suppressed {
                    json.key("suppressions")
                    json.array([f.note ?? "waived"]) { json, note in
                        json.open(); json.field("kind", "external"); json.field("status", "accepted"); json.field("justification", note); json.close()
                    }
                }
                json.key("properties"); json.open()
                json.field("status", f.status.rawValue); json.field("site", report.siteID); json.field("basis", r.basis.rawValue)
                if let alternative = f.alternative { json.field("alternative", alternative) }
                json.close()
                json.close()
                results.append(json.text)
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
