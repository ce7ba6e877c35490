/// The findings of an earlier run that a later run does not report again
/// (`--baseline FILE`, written by `h2audit baseline` or `--output
/// baseline=FILE`): gaps and missing evidence, by fingerprint.
///
/// The file is JSON: `{"schema": "h2audit-baseline", "schema_version": 1,
/// "as_of", "findings": [{"fingerprint", "site", "requirement", "status",
/// "file"}]}`. It is read with the YAML loader (JSON is YAML), so every
/// error has its line and column.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Equatable {
        public var fingerprint: String
        public var site: String
        public var requirement: String
        public var status: String
        public var file: String

        public init(fingerprint: String, site: String, requirement: String, status: String, file: String) {
            self.fingerprint = fingerprint
            self.site = site
            self.requirement = requirement
            self.status = status
            self.file = file
        }
    }

    public static let schema = "h2audit-baseline"
    public static let schemaVersion = 1

    /// The fingerprints as numbers: a baseline of 100,000 findings is 100,000 words, not 100,000 records.
    let fingerprints: Set<UInt64>
    public var count: Int { fingerprints.count }

    public init(entries: [Entry]) {
        fingerprints = Set(entries.compactMap { UInt64($0.fingerprint, radix: 16) })
    }

    /// Whether the findings a baseline holds (and suppresses): gaps and missing evidence.
    public static func holds(_ finding: Finding) -> Bool {
        finding.status == .gap || finding.status == .missingEvidence
    }

    public func contains(_ fingerprint: String) -> Bool { UInt64(fingerprint, radix: 16).map(fingerprints.contains) ?? false }

    /// `result` without the findings this baseline holds; their number is
    /// kept in `SiteReport.baselined`.
    public func suppress(_ result: FileResult) -> FileResult {
        guard case .checked(var report) = result else { return result }
        let before = report.findings.count
        report.findings.removeAll { Self.holds($0) && fingerprints.contains(FindingFingerprint.value(site: report.siteID, finding: $0)) }
        report.baselined += before - report.findings.count
        return .checked(report)
    }

    /// The loader's bounds for a baseline: a regulator's intake of 10,000
    /// filings has about 200,000 findings (22 MB, 1.2 million nodes), past a
    /// site file's 16 MiB and 1,000,000 nodes; nesting stays shallow.
    public static let limits = LoadLimits(maxFileBytes: 1 << 30, maxDepth: 8, maxAliasExpansion: 0, maxNodes: 100_000_000)

    /// Loads and checks a baseline file. It is read as a stream of YAML
    /// events (`BaselineReader`) that libyaml parses from the file in chunks,
    /// entry by entry, holding neither a node tree nor the file's bytes;
    /// every error is reported at its line and column.
    public static func load(path: String) throws(InputError) -> Baseline {
        Baseline(entries: try BaselineReader.entries(path: path))
    }
}
