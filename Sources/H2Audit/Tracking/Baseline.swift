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

    /// An entry as numbers: its site and requirement hashed together, and
    /// its fingerprint. A baseline of 100,000 findings is 200,000 words, not
    /// 100,000 records.
    struct Key: Hashable {
        var scope: UInt64
        var fingerprint: UInt64
    }
    let keys: Set<Key>
    /// The (site, requirement) pairs the baseline holds a finding of: a
    /// finding outside them is reported without working out its
    /// fingerprint, which needs the finding's evidence (as much work again
    /// as checking the requirement).
    let scopes: Set<UInt64>
    public var count: Int { keys.count }

    public init(entries: [Entry]) {
        keys = Set(entries.compactMap { entry in
            UInt64(entry.fingerprint, radix: 16).map { Key(scope: Self.scope(site: entry.site, requirement: entry.requirement), fingerprint: $0) }
        })
        scopes = Set(keys.lazy.map(\.scope))
    }

    /// FNV-1a of `SITE|REQUIREMENT`.
    static func scope(site: String, requirement: String) -> UInt64 {
        var hash = FNV1a()
        hash.mix(site); hash.mix("|"); hash.mix(requirement)
        return hash.value
    }

    /// Whether the findings a baseline holds (and suppresses): gaps and missing evidence.
    public static func holds(_ finding: Finding) -> Bool {
        finding.status == .gap || finding.status == .missingEvidence
    }

    /// Whether the baseline holds a finding of `site` and `requirement` with `fingerprint`.
    public func contains(site: String, requirement: String, fingerprint: String) -> Bool {
        guard let value = UInt64(fingerprint, radix: 16) else { return false }
        return keys.contains(Key(scope: Self.scope(site: site, requirement: requirement), fingerprint: value))
    }

    /// Whether the baseline holds `finding` of site `site`: an entry with
    /// its site, requirement and fingerprint.
    public func holds(_ finding: Finding, site: String) -> Bool {
        guard Self.holds(finding) else { return false }
        let scope = Self.scope(site: site, requirement: finding.requirement.id)
        guard scopes.contains(scope) else { return false }
        return keys.contains(Key(scope: scope, fingerprint: FindingFingerprint.value(site: site, finding: finding)))
    }

    /// `result` without the findings this baseline holds; their number is
    /// kept in `SiteReport.baselined`.
    public func suppress(_ result: FileResult) -> FileResult {
        guard case .checked(var report) = result else { return result }
        let site = report.siteID
        let held = report.findings.indices.filter { holds(report.findings[$0], site: site) }
        guard !held.isEmpty else { return result }  // no copy of the findings when none is held
        var kept: [Finding] = []
        kept.reserveCapacity(report.findings.count - held.count)
        var next = held.makeIterator(), skip = next.next()
        for i in report.findings.indices {
            if i == skip { skip = next.next() } else { kept.append(report.findings[i]) }
        }
        report.findings = kept
        report.baselined += held.count
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
