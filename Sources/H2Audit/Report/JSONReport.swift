import Foundation

/// Machine-readable records shared by the JSON, JSON Lines and other
/// structured formats. Field names are the documented schema (README,
/// "JSON report"); `schema_version` changes when they change.
public enum ReportRecord {
    public static let schemaVersion = 1

    public struct Location: Codable, Sendable {
        public var file: String
        public var line: Int?
        public var column: Int?
        init(_ mark: SourceMark?, file: String) {
            self.file = mark?.file ?? file
            self.line = mark?.line
            self.column = mark?.column
        }
    }

    public struct WitnessRecord: Codable, Sendable {
        public var subject: String?
        public var found: String
        public var required: String
        public var location: Location?
    }

    public struct MissingRecord: Codable, Sendable {
        public var path: String
        public var location: Location
    }

    public struct FindingRecord: Codable, Sendable {
        public var requirement: String
        public var title: String
        public var status: String
        public var severity: String
        public var basis: String
        public var stage: String
        public var topic: String
        public var violation: Bool
        public var location: Location
        public var alternative: String?
        public var note: String?
        public var witnesses: [WitnessRecord]
        public var missing: [MissingRecord]
        public var source: String
        public var brief: [String]

        public init(_ f: Finding, file: String) {
            let r = f.requirement
            requirement = r.id; title = r.title; status = f.status.rawValue; severity = r.severity.rawValue
            basis = r.basis.rawValue; stage = r.stage.rawValue; topic = r.topic; violation = f.isViolation
            location = Location(f.mark, file: file); alternative = f.alternative; note = f.note
            witnesses = f.witnesses.map { WitnessRecord(subject: $0.subject, found: $0.found, required: $0.required, location: $0.mark.map { Location($0, file: file) }) }
            missing = f.missing.map { MissingRecord(path: $0.path, location: Location($0.mark, file: file)) }
            source = r.source.citation; brief = r.source.brief
        }
    }

    public struct DiagnosticRecord: Codable, Sendable {
        public var severity: String
        public var message: String
        public var location: Location
        init(_ d: Diagnostic) {
            severity = d.severity.rawValue
            message = d.message
            location = Location(d.mark, file: d.file)
        }
    }

    public struct FileRecord: Codable, Sendable {
        public var file: String
        public var checked: Bool
        public var site: SiteInfo?
        public var counts: [String: Int]?
        public var findings: [FindingRecord]?
        public var warnings: [DiagnosticRecord]?
        public var errors: [DiagnosticRecord]?

        public init(_ result: FileResult) {
            file = result.file
            switch result {
            case .checked(let report):
                checked = true
                site = SiteInfo(id: report.siteID, name: report.siteName, country: report.country, stages: report.stages)
                var counts: [String: Int] = [:]
                for s in Status.allCases { counts[s.rawValue] = report.count(s) }
                self.counts = counts
                findings = report.findings.map { FindingRecord($0, file: report.file) }
                warnings = report.warnings.map(DiagnosticRecord.init)
            case .failed(_, let diagnostics):
                checked = false
                errors = diagnostics.map(DiagnosticRecord.init)
            }
        }
    }

    public struct SiteInfo: Codable, Sendable {
        public var id: String
        public var name: String
        public var country: String?
        public var stages: [String]
    }

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
        public var fail_on: String
        public var exit_code: Int32

        public init(_ s: RunSummary) {
            files_checked = s.filesChecked; files_with_violations = s.filesWithViolations; input_errors = s.inputErrors
            results = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0.rawValue, s.statusCounts[$0] ?? 0) })
            violations_by_severity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, s.violationsBySeverity[$0] ?? 0) })
            violations_by_requirement = s.violationsByRequirement.mapValues(\.count)
            not_eligible = s.notEligible; fail_on = s.failOn.rawValue; exit_code = s.exitCode
        }
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
    public init() {}

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        out.write("{\"schema\":\"h2audit-report\",\"schema_version\":\(ReportRecord.schemaVersion)")
        out.write(",\"as_of\":\"\(context.asOf)\",\"pressure_reference\":\"gauge\"")
        out.write(",\"packs\":\(ReportRecord.json(context.packs.map(ReportRecord.PackInfo.init)))")
        out.write(",\"files\":[\n")
    }

    public mutating func add(_ result: FileResult, to out: OutputSink) {
        if !first { out.write(",\n") }
        first = false
        out.write(ReportRecord.json(ReportRecord.FileRecord(result)))
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        out.write("\n],\"summary\":\(ReportRecord.json(ReportRecord.SummaryRecord(summary)))}\n")
    }
}
