import Foundation

/// The traceability file beside a pack (`NAME.trace.yaml`): every row of the
/// research brief with its tag, the rows not checked against a site file with
/// the reason, and the legal sources the pack draws on.
public struct Trace: Sendable {
    public struct NotChecked: Sendable {
        public var rows: [String]
        public var reason: String
        public var mark: SourceMark
    }

    /// One duty of a brief row (a row often holds several duties and numbers)
    /// and how far the pack checks it.
    public struct Duty: Sendable {
        public enum Status: String, Sendable, CaseIterable {
            /// A requirement's condition tests the duty's number or condition.
            case checked
            /// Tested in part (some numbers, some scopes).
            case partly
            /// A requirement cites the row, but does not test this duty.
            case cited
            /// Not checked against a site file; `reason` says why.
            case notChecked = "not-checked"
        }
        /// Whose duty the entry is. Only the site's duties count towards the
        /// site's share; the others are listed, never hidden.
        public enum Party: String, Sendable, CaseIterable {
            /// The operator of the site the pack checks (the default).
            case site
            /// A maker or importer of hydrogen products or containers.
            case maker
            /// The authority (ministry, local head, fire chief, KGS acting as regulator).
            case authority
            /// An inspection, certification or testing body.
            case body
        }
        /// What the entry is: a duty, or what follows a breach, or a definition.
        public enum Kind: String, Sendable, CaseIterable {
            /// Something a party must do or keep (the default).
            case duty
            /// What follows a breach (fine, imprisonment, surcharge).
            case penalty
            /// A definition or scope rule the requirements use.
            case definition
        }
        public var row: String
        public var text: String
        public var status: Status
        public var party: Party = .site
        public var kind: Kind = .duty
        public var requirements: [String]
        public var reason: String?
        public var mark: SourceMark

        /// A duty of the site operator: party `site`, kind `duty`.
        public var isSiteDuty: Bool { party == .site && kind == .duty }
    }

    /// How one defect of a legal review was resolved.
    public struct Resolution: Sendable {
        public var review: Int
        public var brief: [String]
        public var change: String
        public var primaryText: String
        public var mark: SourceMark
    }

    public struct SourceFamily: Sendable {
        public var name: String
        public var match: [String]
    }

    public var pack: String
    public var brief: String
    /// Row id -> tag (LAW, ELIG, POLICY, HIST, NOT-FOUND), in brief order.
    public var rows: [(id: String, tag: String)]
    public var notChecked: [NotChecked]
    /// The duties of each row, in file order.
    public var duties: [Duty] = []
    /// Resolutions of the legal review's defects.
    public var resolutions: [Resolution] = []
    public var sources: [SourceFamily]
    public var file: String

    public static let tags = ["LAW", "ELIG", "POLICY", "HIST", "NOT-FOUND"]

    /// The trace file of a pack file: `x.yaml` -> `x.trace.yaml`.
    public static func path(for packFile: String) -> String {
        (packFile as NSString).deletingPathExtension + ".trace.yaml"
    }

    public static func load(path: String) throws(InputError) -> Trace {
        try read(try YAMLLoader().load(path: path), file: path)
    }

    /// Reads a trace from its already-parsed YAML.
    public static func read(_ root: YAMLNode, file path: String) throws(InputError) -> Trace {
        var reader = PackReader(file: path, lines: [])
        let trace = reader.trace(root, file: path)
        if !reader.diagnostics.isEmpty { throw InputError(reader.diagnostics) }
        guard let trace else { throw InputError(.error(.notASite, at: root.mark, "not a trace file")) }
        return trace
    }
}

extension PackReader {
    mutating func trace(_ root: YAMLNode, file: String) -> Trace? {
        guard let top = mapping(root, what: "the trace file", allowed: ["trace", "rows", "not_checked", "duties", "resolutions", "sources"]) else { return nil }
        guard let header = top["trace"], let info = mapping(header, what: "trace header", allowed: ["pack", "brief"]) else {
            error(.missingKey, root.mark, "missing 'trace' header (pack, brief)")
            return nil
        }
        let pack = text(info, "pack", in: header) ?? "", brief = text(info, "brief", in: header) ?? ""
        var rows: [(id: String, tag: String)] = []
        if let node = top["rows"], case .mapping(let pairs) = node.content {
            for (key, value) in pairs {
                guard let id = key.scalar, let tag = value.scalar else { continue }
                if !Trace.tags.contains(tag) { error(.wrongType, value.mark, "tag '\(tag)' must be one of \(Trace.tags.joined(separator: ", "))") }
                rows.append((id, tag))
            }
        } else {
            error(.missingKey, root.mark, "missing 'rows': every row of the brief with its tag")
        }
        let known = Set(rows.map(\.id))
        var notChecked: [Trace.NotChecked] = []
        if let list = top["not_checked"], case .sequence(let items) = list.content {
            for item in items {
                guard let map = mapping(item, what: "not-checked entry", allowed: ["rows", "reason"]) else { continue }
                var ids: [String] = []
                switch map["rows"]?.content {
                case .sequence(let nodes)?: ids = nodes.compactMap(\.scalar)
                case .scalar(let s, _)?: ids = [s]
                default: error(.wrongType, item.mark, "'rows' lists brief row ids")
                }
                for (i, id) in ids.enumerated() where !known.contains(id) {
                    let mark: SourceMark
                    if case .sequence(let nodes)? = map["rows"]?.content, i < nodes.count { mark = nodes[i].mark } else { mark = item.mark }
                    error(.invalidValue, mark, "row '\(id)' is not in 'rows'")
                }
                guard let reason = text(map, "reason", in: item) else { continue }
                notChecked.append(.init(rows: ids, reason: reason, mark: item.mark))
            }
        }
        var sources: [Trace.SourceFamily] = []
        if let list = top["sources"], case .sequence(let items) = list.content {
            for item in items {
                guard let map = mapping(item, what: "source family", allowed: ["name", "match"]) else { continue }
                let name = text(map, "name", in: item) ?? ""
                var match: [String] = []
                if case .sequence(let nodes)? = map["match"]?.content { match = nodes.compactMap(\.scalar) }
                if match.isEmpty { error(.missingKey, item.mark, "'match' lists words that identify the source in requirements' documents") }
                sources.append(.init(name: name, match: match))
            }
        }
        var duties: [Trace.Duty] = []
        if let node = top["duties"] {
            guard case .mapping(let pairs) = node.content else { error(.wrongType, node.mark, "'duties' maps brief row ids to lists of duties"); return nil }
            for (key, value) in pairs {
                let row = key.scalar ?? "?"
                if !known.contains(row) { error(.invalidValue, key.mark, "row '\(row)' is not in 'rows'") }
                guard case .sequence(let items) = value.content else { error(.wrongType, value.mark, "the duties of \(row) are a list"); continue }
                for item in items {
                    guard let map = mapping(item, what: "duty", allowed: ["duty", "status", "by", "reason", "party", "kind"]) else { continue }
                    let party = map["party"] == nil ? Trace.Duty.Party.site : choice(map, "party", in: item, Trace.Duty.Party.self)
                    let kind = map["kind"] == nil ? Trace.Duty.Kind.duty : choice(map, "kind", in: item, Trace.Duty.Kind.self)
                    guard let text = text(map, "duty", in: item), let status = choice(map, "status", in: item, Trace.Duty.Status.self),
                          let party, let kind else { continue }
                    var by: [String] = []
                    if case .sequence(let nodes)? = map["by"]?.content { by = nodes.compactMap(\.scalar) }
                    let reason = self.text(map, "reason", in: item, required: false)
                    if status == .notChecked && reason == nil { error(.missingKey, item.mark, "a duty not checked needs a 'reason'") }
                    if status != .notChecked && by.isEmpty { error(.missingKey, item.mark, "a duty \(status.rawValue) needs 'by': the requirement ids") }
                    duties.append(.init(row: row, text: text, status: status, party: party, kind: kind, requirements: by, reason: reason, mark: item.mark))
                }
            }
        }
        var resolutions: [Trace.Resolution] = []
        if let list = top["resolutions"], case .sequence(let items) = list.content {
            for item in items {
                guard let map = mapping(item, what: "resolution", allowed: ["review", "brief", "change", "primary_text", "second_reader"]) else { continue }
                guard let number = map["review"]?.scalar.flatMap({ Int($0) }) else { error(.wrongType, item.mark, "'review' is the defect number"); continue }
                var brief: [String] = []
                switch map["brief"]?.content {
                case .sequence(let nodes)?: brief = nodes.compactMap(\.scalar)
                case .scalar(let s, _)?: brief = [s]
                default: break
                }
                guard let change = text(map, "change", in: item), let primary = text(map, "primary_text", in: item) else { continue }
                resolutions.append(.init(review: number, brief: brief, change: change, primaryText: primary, mark: item.mark))
            }
        }
        return Trace(pack: pack, brief: brief, rows: rows, notChecked: notChecked, duties: duties, resolutions: resolutions,
                     sources: sources, file: file)
    }
}

/// What a pack covers of its research brief.
public struct Coverage: Sendable {
    public let pack: RequirementPack
    public let trace: Trace
    /// Row id -> requirement ids citing it.
    public let requirementsByRow: [String: [String]]
    /// Row id -> commitment ids citing it.
    public let commitmentsByRow: [String: [String]]
    /// Rows accounted for nowhere: neither cited nor listed as not checked.
    public let unaccounted: [String]
    /// Rows cited by the pack that the trace does not list.
    public let unknownCitations: [String]

    public init(pack: RequirementPack, trace: Trace) {
        self.pack = pack
        self.trace = trace
        var byRow: [String: [String]] = [:], byCommitment: [String: [String]] = [:]
        for r in pack.requirements { for row in r.source.brief { byRow[row, default: []].append(r.id) } }
        for c in pack.commitments { for row in c.source.brief { byCommitment[row, default: []].append(c.id) } }
        requirementsByRow = byRow
        commitmentsByRow = byCommitment
        let listed = Set(trace.notChecked.flatMap(\.rows))
        unaccounted = trace.rows.map(\.id).filter { byRow[$0] == nil && byCommitment[$0] == nil && !listed.contains($0) }
        let known = Set(trace.rows.map(\.id))
        unknownCitations = Array(Set(byRow.keys).union(byCommitment.keys).subtracting(known)).sorted()
    }

    public var lawAndEligibilityRows: [String] { trace.rows.filter { $0.tag == "LAW" || $0.tag == "ELIG" }.map(\.id) }
    public var encodedLawAndEligibilityRows: [String] { lawAndEligibilityRows.filter { requirementsByRow[$0] != nil } }
    public var share: Double {
        lawAndEligibilityRows.isEmpty ? 0 : Double(encodedLawAndEligibilityRows.count) / Double(lawAndEligibilityRows.count)
    }

    /// Requirements per source family (a requirement counts for every family it cites).
    public var sourceCounts: [(name: String, requirements: Int)] {
        trace.sources.map { family in
            (family.name, pack.requirements.filter { r in family.match.contains { r.source.document.contains($0) } }.count)
        }
    }

    public func tagCount(_ tag: String) -> Int { trace.rows.filter { $0.tag == tag }.count }

    /// The duties of the LAW and ELIG rows, by status (every status present).
    public var dutyCounts: [(status: Trace.Duty.Status, count: Int)] {
        let rows = Set(lawAndEligibilityRows)
        let duties = trace.duties.filter { rows.contains($0.row) }
        return Trace.Duty.Status.allCases.map { s in (s, duties.filter { $0.status == s }.count) }
    }

    /// LAW and ELIG duties, and the share of them checked.
    public var lawAndEligibilityDuties: Int { dutyCounts.reduce(0) { $0 + $1.count } }
    public var dutyShare: Double {
        let total = lawAndEligibilityDuties
        return total == 0 ? 0 : Double(dutyCounts.first { $0.status == .checked }!.count) / Double(total)
    }
    /// The duties of the LAW and ELIG rows.
    public var lawAndEligibilityDutyList: [Trace.Duty] {
        let rows = Set(lawAndEligibilityRows)
        return trace.duties.filter { rows.contains($0.row) }
    }

    /// The site's own duties (party site, kind duty) of the LAW and ELIG rows, by status.
    public var siteDutyCounts: [(status: Trace.Duty.Status, count: Int)] {
        let duties = lawAndEligibilityDutyList.filter(\.isSiteDuty)
        return Trace.Duty.Status.allCases.map { s in (s, duties.filter { $0.status == s }.count) }
    }
    public var siteDuties: Int { siteDutyCounts.reduce(0) { $0 + $1.count } }
    public var siteDutyShare: Double {
        let total = siteDuties
        return total == 0 ? 0 : Double(siteDutyCounts.first { $0.status == .checked }!.count) / Double(total)
    }
    /// The LAW and ELIG entries left out of the site's duties, counted by
    /// party and kind (only the pairs present, in declaration order).
    public var excludedCounts: [(party: Trace.Duty.Party, kind: Trace.Duty.Kind, count: Int)] {
        let excluded = lawAndEligibilityDutyList.filter { !$0.isSiteDuty }
        var result: [(party: Trace.Duty.Party, kind: Trace.Duty.Kind, count: Int)] = []
        for p in Trace.Duty.Party.allCases {
            for k in Trace.Duty.Kind.allCases {
                let n = excluded.filter { $0.party == p && $0.kind == k }.count
                if n > 0 { result.append((p, k, n)) }
            }
        }
        return result
    }
    public var excludedEntries: Int { excludedCounts.reduce(0) { $0 + $1.count } }

    /// LAW and ELIG rows that list no duty.
    public var rowsWithoutDuties: [String] {
        let listed = Set(trace.duties.map(\.row))
        return lawAndEligibilityRows.filter { !listed.contains($0) }
    }

    /// Problems that make the trace incomplete: rows accounted for nowhere,
    /// citations of rows the trace does not list.
    public var problems: [Diagnostic] {
        var result: [Diagnostic] = []
        if !unaccounted.isEmpty {
            result.append(Diagnostic(code: .missingKey, file: trace.file, message: "rows neither encoded nor listed under not_checked: \(unaccounted.joined(separator: ", "))"))
        }
        if !unknownCitations.isEmpty {
            result.append(Diagnostic(code: .missingKey, file: trace.file, message: "rows cited by the pack but missing from 'rows': \(unknownCitations.joined(separator: ", "))"))
        }
        let ids = Set(pack.requirements.map(\.id))
        for duty in trace.duties {
            for id in duty.requirements where !ids.contains(id) {
                result.append(Diagnostic(code: .invalidValue, file: trace.file, mark: duty.mark, message: "duty of \(duty.row) names requirement '\(id)', which the pack does not have"))
            }
        }
        return result
    }
}
