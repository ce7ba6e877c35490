import Foundation

/// Machine-readable records shared by the JSON, JSON Lines and other
/// structured formats. Field names are the documented schema (README,
/// "JSON report"); `schema_version` changes when they change.
public enum ReportRecord {
    public static let schemaVersion = 1

    public struct PackInfo: Codable, Sendable {
        public var id: String
        public var title: String
        public var country: String
        public var version: String
        public var requirements: Int
        init(_ p: RequirementPack) {
            id = p.id; title = p.title; country = p.country; version = p.version; requirements = p.requirements.count
        }
    }

    public struct SummaryRecord: Codable, Sendable {
        public var files_checked: Int
        public var files_with_violations: Int
        public var input_errors: Int
        public var results: [String: Int]
        public var violations_by_severity: [String: Int]
        public var violations_by_requirement: [String: Int]
        public var not_eligible: Int
        /// Gaps and missing evidence left out because the baseline holds them.
        public var baselined: Int
        public var fail_on: String
        public var soft_fail: Bool
        public var exit_code: Int32
        /// Every condition that bears on the exit status, in the order of precedence (`RunSummary.exitReasons`).
        public var exit_reasons: [String]

        public init(_ s: RunSummary) {
            files_checked = s.filesChecked; files_with_violations = s.filesWithViolations; input_errors = s.inputErrors
            results = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0.rawValue, s.statusCounts[$0] ?? 0) })
            violations_by_severity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, s.violationsBySeverity[$0] ?? 0) })
            violations_by_requirement = s.violationsByRequirement.mapValues(\.count)
            not_eligible = s.notEligible; baselined = s.baselined; fail_on = s.failOn.rawValue; soft_fail = s.softFail; exit_code = s.exitCode; exit_reasons = s.exitReasons
        }
    }

    /// The fields of a finding that depend only on its requirement, written
    /// once per run instead of once per finding.
    public struct StaticParts: Sendable {
        var parts: [ObjectIdentifier: String] = [:]

        public init(_ packs: [RequirementPack]) {
            for r in packs.flatMap(\.requirements) {
                var json = JSONWriter()
                json.field("title", r.title); json.field("severity", r.severity.rawValue); json.field("basis", r.basis.rawValue)
                json.field("stage", r.stage.rawValue); json.field("topic", r.topic); json.field("source", r.source.citation)
                json.key("brief"); json.array(r.source.brief) { json, b in json.value(b) }
                parts[ObjectIdentifier(r)] = json.text
            }
        }

        func part(_ r: Requirement) -> String? { parts[ObjectIdentifier(r)] }
    }

    /// Writes one file's record (see the README's "JSON report"):
    /// findings of every status but not-applicable, whose ids are listed apart.
    public static func write(_ result: FileResult, into json: inout JSONWriter, record: String? = nil,
                             parts: StaticParts? = nil) {
        json.open()
        if let record { json.field("record", record); json.field("schema_version", schemaVersion) }
        json.field("file", result.file)
        switch result {
        case .failed(_, let diagnostics):
            json.field("checked", false)
            json.key("errors")
            json.array(diagnostics) { json, d in write(d, into: &json, code: d.code.rawValue) }
        case .checked(let report):
            json.field("checked", true)
            json.key("site")
            json.open()
            json.field("id", report.siteID); json.field("name", report.siteName)
            if let country = report.country { json.field("country", country) }
            json.key("roles"); json.array(report.roles) { json, s in json.value(s) }
            json.key("stages"); json.array(report.stages) { json, s in json.value(s) }
            json.field("not_assessed", report.notAssessed)
            json.close()
            if report.baselined > 0 { json.field("baselined", report.baselined) }
            json.key("counts")
            json.open()
            for status in Status.allCases { json.field(status.rawValue, report.count(status)) }
            json.close()
            // Plain met and not-applicable results are listed by id; every other
            // result (including met by an alternative) is a full finding.
            json.key("findings")
            json.array(report.findings.filter { !isPlain($0) }) { json, f in
                write(f, file: report.file, site: report.siteID, into: &json, staticPart: parts?.part(f.requirement))
            }
            json.key("met")
            json.array(report.findings.filter { $0.status == .met && !$0.metByAlternative }) { json, f in json.value(f.requirement.id) }
            json.key("not_applicable")
            json.array(report.findings.filter { $0.status == .notApplicable }) { json, f in json.value(f.requirement.id) }
            json.key("warnings")
            json.array(report.warnings) { json, d in write(d, into: &json) }
        }
        json.close()
    }

    static func isPlain(_ f: Finding) -> Bool {
        f.status == .notApplicable || (f.status == .met && !f.metByAlternative)
    }

    static func write(_ mark: SourceMark?, file: String, into json: inout JSONWriter) {
        json.open()
        json.field("file", mark?.file ?? file)
        if let mark { json.field("line", mark.line); json.field("column", mark.column) }
        json.close()
    }

    /// `code`: the input error's machine-readable code (`InputErrorCode`), for a file that could not be checked.
    static func write(_ d: Diagnostic, into json: inout JSONWriter, code: String? = nil) {
        json.open()
        json.field("severity", d.severity.rawValue)
        if let code { json.field("code", code) }
        json.field("message", d.message)
        json.key("location"); write(d.mark, file: d.file, into: &json)
        json.close()
    }

    static func write(_ f: Finding, file: String, site: String, into json: inout JSONWriter, staticPart: String? = nil) {
        let r = f.requirement
        let witnesses = f.witnesses  // spelled first: the fingerprint then reads their paths, not a pass of its own
        json.open()
        json.field("requirement", r.id); json.field("status", f.status.rawValue); json.field("violation", f.isViolation)
        json.field("fingerprint", FindingFingerprint.of(site: site, finding: f))
        json.key("roles"); json.array(f.roles) { json, s in json.value(s) }
        if let staticPart { json.raw(staticPart) } else {
            json.field("title", r.title); json.field("severity", r.severity.rawValue); json.field("basis", r.basis.rawValue)
            json.field("stage", r.stage.rawValue); json.field("topic", r.topic); json.field("source", r.source.citation)
            json.key("brief"); json.array(r.source.brief) { json, b in json.value(b) }
        }
        json.key("location"); write(f.mark, file: file, into: &json)
        if let alternative = f.alternative { json.field("alternative", alternative) }
        if let note = f.note { json.field("note", note) }
        json.key("witnesses")
        json.array(witnesses) { json, w in
            json.open()
            if let subject = w.subject { json.field("subject", subject) }
            json.field("found", w.found); json.field("required", w.required)
            if let mark = w.mark { json.key("location"); write(mark, file: file, into: &json) }
            json.close()
        }
        json.key("missing")
        json.array(f.missing) { json, m in
            json.open()
            json.field("path", m.path)
            json.key("location"); write(m.mark, file: file, into: &json)
            json.close()
        }
        json.close()
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// One value as compact JSON text.
    public static func json<T: Encodable>(_ value: T) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// One JSON document: header, files (streamed), summary.
public struct JSONReport: ReportRenderer {
    var first = true
    var parts: ReportRecord.StaticParts?
    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        parts = ReportRecord.StaticParts(context.packs)
        out.write("{\"schema\":\"h2audit-report\",\"schema_version\":\(ReportRecord.schemaVersion)")
        out.write(",\"as_of\":\"\(context.asOf)\",\"pressure_reference\":\"gauge\"")
        out.write(",\"packs\":\(ReportRecord.json(context.packs.map(ReportRecord.PackInfo.init)))")
        out.write(",\"files\":[\n")
    }

    public func render(_ result: FileResult) -> String {
        var json = JSONWriter()
        ReportRecord.write(result, into: &json, parts: parts)
        return json.text
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        if !first { out.write(",\n") }
        first = false
        out.write(rendered)
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.write("\n],\"summary\":\(ReportRecord.json(ReportRecord.SummaryRecord(summary)))}\n")
    }
}
