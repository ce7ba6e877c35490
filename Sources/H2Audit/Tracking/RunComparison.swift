import Foundation

/// What changed between two JSON reports of `check` (`h2audit runs OLD NEW`):
/// filings new and vanished (by site id), findings new and resolved (gaps
/// and missing evidence, by fingerprint), and (site, requirement) pairs
/// whose status changed.
public struct RunComparison: Sendable {
    /// One finding or result as a JSON report records it.
    public struct Result: Sendable, Equatable {
        public var site: String
        public var file: String
        public var requirement: String
        public var status: String
        public var severity: String
        public var fingerprint: String?
    }

    /// A filing is known by its site id; a second file with the same id by `id (file)`.
    /// One filing of a report: its site id, file and results by requirement.
    public struct Filing: Sendable {
        public var site: String
        public var file: String
        public var results: [String: Result] = [:]
    }

    /// One report: its as-of date and its filings by site id.
    public struct Run: Sendable {
        public var path: String
        public var asOf: String
        public var filings: [String: Filing] = [:]
        /// Files of the report that could not be checked.
        public var inputErrors: [String] = []
    }

    public struct StatusChange: Sendable, Equatable {
        public var site: String
        public var requirement: String
        public var severity: String
        public var old: String
        public var new: String
    }

    public var old: Run
    public var new: Run
    public var newFilings: [String] = []
    public var vanishedFilings: [String] = []
    public var newFindings: [Result] = []
    public var resolvedFindings: [Result] = []
    public var changedStatus: [StatusChange] = []

    /// Findings that are tracked by fingerprint between runs: the ones to fix.
    static func tracked(_ status: String) -> Bool { status == "gap" || status == "missing-evidence" }

    public init(old: Run, new: Run) {
        self.old = old
        self.new = new
        newFilings = new.filings.keys.filter { old.filings[$0] == nil }.sorted()
        vanishedFilings = old.filings.keys.filter { new.filings[$0] == nil }.sorted()
        for site in new.filings.keys.sorted() {
            guard let before = old.filings[site], let after = new.filings[site] else { continue }
            let oldPrints = Set(before.results.values.filter { Self.tracked($0.status) }.compactMap(\.fingerprint))
            let newPrints = Set(after.results.values.filter { Self.tracked($0.status) }.compactMap(\.fingerprint))
            for requirement in Set(before.results.keys).union(after.results.keys).sorted() {
                let a = before.results[requirement], b = after.results[requirement]
                if let b, Self.tracked(b.status), let print = b.fingerprint, !oldPrints.contains(print) { newFindings.append(b) }
                if let a, Self.tracked(a.status), let print = a.fingerprint, !newPrints.contains(print) { resolvedFindings.append(a) }
                let oldStatus = a?.status ?? "absent", newStatus = b?.status ?? "absent"
                if oldStatus != newStatus {
                    changedStatus.append(StatusChange(site: site, requirement: requirement, severity: [b?.severity, a?.severity].compactMap { $0 }.first { !$0.isEmpty } ?? "",
                                                      old: oldStatus, new: newStatus))
                }
            }
        }
    }

    /// Reads a JSON report of `check` (`--format json`); errors name the file
    /// and, for a missing or wrong field, its JSON path.
    public static func load(path: String) throws(InputError) -> Run {
        func fail(_ code: InputErrorCode, _ message: String) -> InputError { InputError(Diagnostic(code: code, file: path, message: message)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail(.unreadable, "cannot read the report") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw fail(.yamlSyntax, "not a JSON report of `h2audit check --format json`: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], root["schema"] as? String == "h2audit-report" else {
            throw fail(.notASite, "not a JSON report of `h2audit check --format json` (no \"schema\": \"h2audit-report\")")
        }
        guard let files = root["files"] as? [[String: Any]] else { throw fail(.wrongType, "$.files: expected a list of file records") }
        var run = Run(path: path, asOf: root["as_of"] as? String ?? "?")
        for (i, record) in files.enumerated() {
            let file = record["file"] as? String ?? "?"
            guard record["checked"] as? Bool == true else { run.inputErrors.append(file); continue }
            guard let site = (record["site"] as? [String: Any])?["id"] as? String else { throw fail(.missingKey, "$.files[\(i)].site.id: missing") }
            var filing = Filing(site: site, file: file)
            for (j, finding) in ((record["findings"] as? [[String: Any]]) ?? []).enumerated() {
                guard let requirement = finding["requirement"] as? String, let status = finding["status"] as? String else {
                    throw fail(.missingKey, "$.files[\(i)].findings[\(j)]: requirement or status missing")
                }
                let fingerprint = finding["fingerprint"] as? String
                if fingerprint == nil && tracked(status) {
                    throw fail(.missingKey, "$.files[\(i)].findings[\(j)]: no fingerprint (a report of h2audit before fingerprints; check the filings again)")
                }
                filing.results[requirement] = Result(site: site, file: file, requirement: requirement, status: status,
                                                     severity: finding["severity"] as? String ?? "", fingerprint: fingerprint)
            }
            for (key, status) in [("met", "met"), ("not_applicable", "not-applicable")] {
                for requirement in (record[key] as? [String]) ?? [] {
                    filing.results[requirement] = Result(site: site, file: file, requirement: requirement, status: status, severity: "", fingerprint: nil)
                }
            }
            // Two files with one site id are told apart by their files.
            run.filings[run.filings[site] == nil ? site : "\(site) (\(file))"] = filing
        }
        return run
    }
}
