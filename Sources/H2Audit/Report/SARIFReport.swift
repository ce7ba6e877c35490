import Foundation

/// SARIF 2.1.0, so findings show up in code-review tools on the line of the
/// site file. One run; the driver lists every loaded requirement as a rule
/// with its description, help, source, `security-severity` and tags.
/// Results: violations, gaps and missing evidence of laws in force (`kind:
/// fail`, level by severity), eligibility gaps (`fail`, `note`), waivers
/// (`fail` with an accepted suppression), missing evidence of an
/// eligibility condition (`open`) and upcoming duties (`informational`);
/// every result whose kind is not `fail` has level `none` (SARIF 3.27.10).
/// File locations are relative to the working folder (`uriBaseId`
/// `SRCROOT`), absolute `file:` URIs outside it. Files that could not be
/// checked are results of the rule `input-error`, with their code, and tool
/// execution notifications.
public struct SARIFReport: ReportRenderer {
    var ruleIndex: [String: Int] = [:]
    var first = true
    var notifications: [String] = []
    var inputErrors = 0
    static let notificationCap = 1000
    /// The `partialFingerprints` key of h2audit's finding fingerprint (`FindingFingerprint`).
    public static let fingerprintKey = "h2auditFinding/v1"

    /// The folder relative URIs are resolved against (`SRCROOT`), with a trailing slash.
    let root: String

    public init(root: String = FileManager.default.currentDirectoryPath) {
        self.root = root.hasSuffix("/") ? root : root + "/"
    }

    /// The base id of relative file URIs.
    public static let rootBase = "SRCROOT"

    struct Text: Encodable { let text: String }
    /// A rule's properties: its pack metadata, GitHub's `security-severity` and `problem.severity`, and tags.
    struct RuleProperties: Encodable {
        var pack = "", stage = "", topic = "", basis = "", severity = "", source = "", brief = "", effective = "", until = ""
        var securitySeverity: String
        var problemSeverity: String
        var tags: [String]
        enum CodingKeys: String, CodingKey {
            case pack, stage, topic, basis, severity, source, brief, effective, until, tags
            case securitySeverity = "security-severity", problemSeverity = "problem.severity"
        }
    }
    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let helpUri: String?
        let defaultConfiguration: [String: String]
        let properties: RuleProperties
    }

    /// GitHub's `security-severity` (a CVSS-like score): critical 9.5, major 7.5, minor 4.0, info 1.0.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .major: return "7.5"
        case .minor: return "4.0"
        case .info: return "1.0"
        }
    }

    /// GitHub's `problem.severity`: error, warning or recommendation.
    static func problemSeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical, .major: return "error"
        case .minor: return "warning"
        case .info: return "recommendation"
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .major: return "error"
        case .minor: return "warning"
        case .info: return "note"
        }
    }

    /// A SARIF location: the file as a URI reference and, where known, the region.
    func location(_ mark: SourceMark?, file: String, into json: inout JSONWriter) {
        json.open()
        json.key("physicalLocation"); json.open()
        json.key("artifactLocation"); json.open()
        let path = mark?.file ?? file
        if path.hasPrefix("/") && !path.hasPrefix(root) {
            json.field("uri", "file://" + Self.uri(path))
        } else {
            json.field("uri", Self.uri(path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path))
            json.field("uriBaseId", Self.rootBase)
        }
        json.close()
        if let mark { json.key("region"); json.open(); json.field("startLine", mark.line); json.field("startColumn", mark.column); json.close() }
        json.close()
        json.close()
    }

    /// `{"level": ..., "message": {"text": ...}, "locations": [...]}`, shared by results and notifications.
    func message(_ text: String, level: String, mark: SourceMark?, file: String, into json: inout JSONWriter) {
        json.field("level", level)
        json.key("message"); json.open(); json.field("text", text); json.close()
        json.key("locations"); json.array([mark]) { json, m in location(m, file: file, into: &json) }
    }

    /// A path as a URI reference (percent-encoding what must be).
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    /// A source URL with every character a URI may not hold percent-encoded (Korean and Japanese law titles).
    static func absoluteURI(_ url: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.insert(charactersIn: "#%")
        return url.addingPercentEncoding(withAllowedCharacters: allowed) ?? url
    }

    /// The file URI of a folder, with a trailing slash.
    static func folderURI(_ folder: String) -> String { "file://" + uri(folder) }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        var rules: [Rule] = []
        for pack in context.packs {
            for r in pack.requirements {
                ruleIndex[r.id] = rules.count
                rules.append(Rule(
                    id: r.id, name: r.id.replacingOccurrences(of: "-", with: ""),
                    shortDescription: Text(text: r.title), fullDescription: Text(text: r.rationale),
                    help: Text(text: "\(r.remediation)\nSource: \(r.source.citation) [\(r.source.brief.joined(separator: ", "))]"),
                    helpUri: r.source.url.map(Self.absoluteURI), defaultConfiguration: ["level": Self.level(r.severity)],
                    properties: RuleProperties(pack: r.pack, stage: r.stage.rawValue, topic: r.topic, basis: r.basis.rawValue,
                                               severity: r.severity.rawValue, source: r.source.citation,
                                               brief: r.source.brief.joined(separator: " "), effective: r.effective?.description ?? "",
                                               until: r.until?.description ?? "",
                                               securitySeverity: Self.securitySeverity(r.severity), problemSeverity: Self.problemSeverity(r.severity),
                                               tags: ["security", "hydrogen-safety", r.pack, r.topic, r.stage.rawValue, r.basis.rawValue])))
            }
        }
        ruleIndex["input-error"] = rules.count
        rules.append(Rule(id: "input-error", name: "InputError", shortDescription: Text(text: "File could not be checked"),
                          fullDescription: Text(text: "The file could not be read, parsed or validated against the site schema."),
                          help: Text(text: "Fix the file at the position given; `h2audit validate FILE` shows every problem."),
                          helpUri: nil, defaultConfiguration: ["level": "error"],
                          properties: RuleProperties(securitySeverity: "5.0", problemSeverity: "error", tags: ["input-error"])))
        out.write("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{")
        out.write("\"tool\":{\"driver\":{\"name\":\"h2audit\",\"version\":\"\(H2AuditVersion.current)\",")
        out.write("\"rules\":\(ReportRecord.json(rules))}},")
        out.write("\"originalUriBaseIds\":{\"\(Self.rootBase)\":{\"uri\":\(ReportRecord.json(Self.folderURI(root)))}},")
        out.write("\"properties\":{\"as_of\":\"\(context.asOf)\",\"pressure_reference\":\"gauge\"},")
        out.write("\"results\":[\n")
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if case .failed(let file, let diagnostics) = result {
            inputErrors += 1
            for d in diagnostics where notifications.count < Self.notificationCap {
                var json = JSONWriter()
                json.open()
                json.key("descriptor"); json.open(); json.field("id", d.code.rawValue); json.close()
                message(d.message, level: "error", mark: d.mark, file: file, into: &json)
                json.close()
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
                message(d.message, level: "error", mark: d.mark, file: file, into: &json)
                json.key("properties"); json.open(); json.field("code", d.code.rawValue); json.close()
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
                case (.missingEvidence, .law):
                    // A violation (DESIGN: missing evidence is never silently passed): fail, at the severity's level.
                    kind = "fail"; level = Self.level(r.severity)
                    text += ": missing evidence: add " + f.missing.map(\.path).joined(separator: ", ")
                case (.missingEvidence, _):
                    kind = "open"; level = "none"
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
                message(text, level: level, mark: f.mark, file: report.file, into: &json)
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
        out.write(",\"properties\":{\"exitReasons\":\(ReportRecord.json(summary.exitReasons)),\"softFail\":\(summary.softFail)}")
        if !notifications.isEmpty { out.write(",\"toolExecutionNotifications\":[" + notifications.joined(separator: ",") + "]") }
        out.write("}]}]}\n")
    }
}
