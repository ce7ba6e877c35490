/// Waivers a regulator grants, kept in a file of their own (`--waivers
/// FILE`) so that a filing is never edited to carry the regulator's
/// decision. Each names a site and a requirement, with a justification, an
/// approver and an expiry; it is applied as a waiver in the site file is
/// (`Waiver.apply`): a gap or missing evidence is waived until the expiry
/// and a gap again after it.
///
/// ```yaml
/// waivers:
///   - site: kr-ulsan-onsite-hrs
///     requirement: KR-HRS-002
///     justification: road widening moves the boundary
///     approver: Ulju-gun 2026-113
///     expires: 2026-12-31
/// ```
public struct WaiverFile: Sendable {
    public struct Entry: Sendable {
        public var site: String
        public var requirement: String
        public var justification: String
        public var approver: String
        public var expires: Day
        /// Where the waiver is written.
        public var mark: SourceMark
    }

    public let path: String
    public var entries: [Entry]
    /// By site id, then requirement id.
    let index: [String: [String: Entry]]

    public init(path: String, entries: [Entry]) {
        self.path = path
        self.entries = entries
        var index: [String: [String: Entry]] = [:]
        for e in entries { index[e.site, default: [:]][e.requirement] = e }
        self.index = index
    }

    /// Loads the file; every problem is an error at its line and column:
    /// unknown or missing keys, a date that is not one, a requirement no
    /// loaded pack has (with a "did you mean"), two waivers of one site and
    /// requirement.
    public static func load(path: String, requirements: Set<String>) throws(InputError) -> WaiverFile {
        let root = try YAMLLoader().load(path: path)
        var reader = MappingReader(root, what: "waivers file", keys: ["waivers"], required: ["waivers"])
        var errors: [Diagnostic] = []
        var entries: [Entry] = []
        var seen: [String: SourceMark] = [:]
        for item in reader.list("waivers") ?? [] {
            var w = MappingReader(item, what: "waiver", keys: ["site", "requirement", "justification", "approver", "expires"],
                                  required: ["site", "requirement", "justification", "approver", "expires"])
            let site = w.text("site"), requirement = w.text("requirement"), justification = w.text("justification")
            let approver = w.text("approver"), expires = w.date("expires")
            if let requirement, !requirements.contains(requirement) {
                var message = "waiver names requirement '\(Escape.excerpt(requirement))', which no loaded pack has"
                if let guess = Suggest.closest(to: requirement, in: Array(requirements)).first { message += "; did you mean '\(guess)'?" }
                w.fail(.invalidValue, "requirement", message)
            }
            if let site, let requirement {
                let key = site + "\u{0}" + requirement
                if let first = seen[key] {
                    errors.append(.error(.duplicate, at: item.mark, "a second waiver of '\(Escape.excerpt(site))' and \(Escape.excerpt(requirement))", related: first))
                } else {
                    seen[key] = item.mark
                }
            }
            errors += w.errors
            if let site, let requirement, let justification, let approver, let expires, w.errors.isEmpty {
                entries.append(Entry(site: site, requirement: requirement, justification: justification, approver: approver,
                                     expires: expires, mark: item.mark))
            }
        }
        errors = reader.errors + errors
        if !errors.isEmpty { throw InputError(Array(errors.prefix(AuditRunner.maxDiagnostics))) }
        return WaiverFile(path: path, entries: entries)
    }

    /// `result` with this file's waivers applied to its gaps and missing
    /// evidence (a finding the site file already waives keeps that waiver).
    public func apply(_ result: FileResult, asOf: Day) -> FileResult {
        guard case .checked(var report) = result, let waivers = index[report.siteID] else { return result }
        for i in report.findings.indices {
            let status = report.findings[i].status
            guard status == .gap || status == .missingEvidence, let w = waivers[report.findings[i].requirement.id] else { continue }
            Waiver.apply(to: &report.findings[i], approver: w.approver, justification: w.justification, expires: w.expires,
                         asOf: asOf, source: "waivers file \(w.mark)")
        }
        return .checked(report)
    }

    /// Waivers whose site is not among `sites` (the site ids checked).
    public func unused(sites: Set<String>) -> [Diagnostic] {
        entries.filter { !sites.contains($0.site) }.map {
            Diagnostic(.warning, code: .invalidValue, file: $0.mark.file, mark: $0.mark,
                       message: "waiver of \($0.requirement) names site '\(Escape.excerpt($0.site))', which no checked file has")
        }
    }
}
