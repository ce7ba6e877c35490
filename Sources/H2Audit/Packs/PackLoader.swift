/// Loads a requirement pack, compiling every expression once and checking
/// every field, with errors at the pack's file:line:column.
public struct PackLoader: Sendable {
    public var limits: LoadLimits
    public init(limits: LoadLimits = .default) { self.limits = limits }

    public func load(path: String, displayName: String? = nil) throws(InputError) -> RequirementPack {
        let name = displayName ?? path
        let bytes = try FileReader.read(path: path, displayName: name, maxBytes: limits.maxFileBytes)
        return try parse(bytes, file: name)
    }

    public func parse(_ text: String, file: String) throws(InputError) -> RequirementPack {
        try parse(Array(text.utf8), file: file)
    }

    public func parse(_ bytes: [UInt8], file: String) throws(InputError) -> RequirementPack {
        let root = try YAMLLoader(limits: limits).parse(bytes, file: file)
        var reader = PackReader(file: file, lines: PackReader.splitLines(bytes))
        let pack = reader.pack(root)
        if !reader.diagnostics.isEmpty { throw InputError(reader.diagnostics) }
        guard let pack else { throw InputError(.error(.notASite, at: root.mark, "not a requirement pack")) }
        return pack
    }
}

struct PackReader {
    let file: String
    let lines: [[UInt8]]
    var diagnostics: [Diagnostic] = []

    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    mutating func error(_ code: InputErrorCode, _ mark: SourceMark, _ message: String) { diagnostics.append(.error(code, at: mark, message)) }

    /// Reads the keys of a mapping, reporting unknown ones.
    mutating func mapping(_ node: YAMLNode, what: String, allowed: [String]) -> [String: YAMLNode]? {
        guard case .mapping(let pairs) = node.content else {
            error(.wrongType, node.mark, "\(what) must be a mapping, found \(node.kindName)")
            return nil
        }
        var result: [String: YAMLNode] = [:]
        for (key, value) in pairs {
            let name = key.scalar ?? ""
            if !allowed.contains(name) {
                var message = "unknown key '\(name)' in \(what)"
                if let guess = Suggest.closest(to: name, in: allowed).first { message += "; did you mean '\(guess)'?" }
                error(.unknownKey, key.mark, message)
                continue
            }
            result[name] = value
        }
        return result
    }

    mutating func text(_ map: [String: YAMLNode], _ key: String, in parent: YAMLNode, required: Bool = true) -> String? {
        guard let node = map[key], !node.isNull else {
            if required { error(.missingKey, parent.mark, "missing required key '\(key)'") }
            return nil
        }
        guard let text = node.scalar, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            error(node.scalar == nil ? .wrongType : .missingKey, node.mark, "'\(key)' must be non-empty text")
            return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ map: [String: YAMLNode], _ key: String, in parent: YAMLNode, _: T.Type) -> T? where T.RawValue == String {
        guard let raw = text(map, key, in: parent) else { return nil }
        if let value = T(rawValue: raw) { return value }
        let options = T.allCases.map(\.rawValue)
        var message = "'\(key)' must be one of \(options.joined(separator: ", ")); found '\(raw)'"
        if let guess = Suggest.closest(to: raw, in: options).first { message += "; did you mean '\(guess)'?" }
        error(.wrongType, map[key]!.mark, message)
        return nil
    }

    mutating func date(_ map: [String: YAMLNode], _ key: String) -> Day? {
        guard let node = map[key], !node.isNull else { return nil }
        guard let text = node.scalar, let day = Day(text) else {
            error(.wrongType, node.mark, "'\(key)' must be a date YYYY-MM-DD")
            return nil
        }
        return day
    }

    /// Compiles an expression, mapping errors to the file position.
    mutating func expression(_ node: YAMLNode, what: String) -> CompiledExpression? {
        guard let text = node.scalar else {
            error(.wrongType, node.mark, "\(what) must be an expression string, found \(node.kindName)")
            return nil
        }
        do {
            return try CompiledExpression(text)
        } catch {
            diagnostics.append(.error(.invalidValue, at: mark(for: error.offset, in: node, text: text), "\(what): \(error.message)"))
            return nil
        }
    }

    /// The file position of character `offset` of a scalar's text.
    func mark(for offset: Int, in node: YAMLNode, text: String) -> SourceMark {
        guard case .scalar(_, let style) = node.content else { return node.mark }
        let chars = Array(text)
        let prefix = chars[..<min(offset, chars.count)]
        let lineIndex = prefix.filter { $0 == "\n" }.count
        let column = prefix.count - ((prefix.lastIndex(of: "\n")).map { $0 + 1 } ?? 0)
        switch style {
        case .plain where lineIndex == 0:
            return SourceMark(file: file, line: node.mark.line, column: node.mark.column + column)
        case .singleQuoted where lineIndex == 0, .doubleQuoted where lineIndex == 0:
            return SourceMark(file: file, line: node.mark.line, column: node.mark.column + 1 + column)
        case .literal, .folded:
            // Block scalars start on the line after the indicator.
            // The block's indentation is that of its first content line.
            let line = node.mark.line + 1 + lineIndex
            guard node.mark.line < lines.count, line - 1 < lines.count else { return node.mark }
            let indent = lines[node.mark.line].prefix { $0 == 0x20 }.count
            return SourceMark(file: file, line: line, column: indent + 1 + column)
        default:
            return node.mark
        }
    }

    mutating func pack(_ root: YAMLNode) -> RequirementPack? {
        guard let top = mapping(root, what: "the pack file", allowed: ["pack", "requirements", "commitments"]) else { return nil }
        guard let header = top["pack"] else { error(.missingKey, root.mark, "missing 'pack' header (id, title, country)"); return nil }
        guard let info = mapping(header, what: "pack header", allowed: ["id", "title", "country", "version", "examples_as_of", "description"]) else { return nil }
        let id = text(info, "id", in: header) ?? "?"
        let title = text(info, "title", in: header) ?? "?"
        let country = text(info, "country", in: header) ?? "?"
        // A pack applies to the sites of its country: one a site cannot have never applies.
        if case .choice(let codes)? = SiteSchema.site.field("country")?.type, country != "?", !codes.contains(country), let node = info["country"] {
            var message = "pack country '\(Escape.excerpt(country))' is not a country a site can have (\(codes.joined(separator: ", "))): the pack would never apply"
            if let same = codes.first(where: { $0.lowercased() == country.lowercased() }) { message += "; did you mean '\(same)'?" }
            error(.wrongType, node.mark, message)
        }
        let version = text(info, "version", in: header, required: false) ?? ""
        let examplesAsOf = date(info, "examples_as_of") ?? Day(year: 2026, month: 1, day: 1)!
        guard let list = top["requirements"], case .sequence(let items) = list.content else {
            error(.missingKey, root.mark, "missing 'requirements' list")
            return nil
        }
        var seen: [String: SourceMark] = [:]
        var requirements: [Requirement] = []
        for item in items {
            guard let requirement = self.requirement(item, pack: id, country: country, examplesAsOf: examplesAsOf) else { continue }
            if let earlier = seen[requirement.id] {
                diagnostics.append(.error(.duplicate, at: requirement.mark, "requirement id '\(requirement.id)' is used twice", related: earlier))
            }
            seen[requirement.id] = requirement.mark
            requirements.append(requirement)
        }
        var commitments: [Commitment] = []
        if let list = top["commitments"], case .sequence(let items) = list.content {
            for item in items {
                guard let map = mapping(item, what: "commitment", allowed: ["id", "title", "target", "horizon", "status", "source"]) else { continue }
                let before = diagnostics.count
                let cid = text(map, "id", in: item), ctitle = text(map, "title", in: item), target = text(map, "target", in: item)
                let source = map["source"].flatMap { self.source($0) }
                if map["source"] == nil { error(.missingKey, item.mark, "missing required key 'source'") }
                if let cid, seen[cid] != nil { error(.duplicate, item.mark, "id '\(cid)' is used twice") }
                guard diagnostics.count == before, let cid, let ctitle, let target, let source else { continue }
                seen[cid] = item.mark
                commitments.append(Commitment(id: cid, title: ctitle, target: target, horizon: text(map, "horizon", in: item, required: false),
                                              status: text(map, "status", in: item, required: false), source: source, mark: item.mark))
            }
        }
        return RequirementPack(id: id, title: title, country: country, version: version, file: file,
                               requirements: requirements, commitments: commitments)
    }

    static let requirementKeys = ["id", "title", "stage", "topic", "severity", "basis", "effective", "effective_earliest", "until", "until_latest", "roles", "applies",
                                  "require", "allows_equivalent", "source", "rationale", "remediation", "examples"]

    mutating func requirement(_ node: YAMLNode, pack: String, country: String, examplesAsOf: Day) -> Requirement? {
        let before = diagnostics.count
        guard let map = mapping(node, what: "requirement", allowed: Self.requirementKeys) else { return nil }
        let id = text(map, "id", in: node) ?? "?"
        let title = text(map, "title", in: node)
        let stage = choice(map, "stage", in: node, Stage.self)
        let severity = choice(map, "severity", in: node, Severity.self)
        let basis = choice(map, "basis", in: node, Basis.self)
        let topic = text(map, "topic", in: node)
        if let topic, !Topic.ids.contains(topic) {
            var message = "topic '\(topic)' is not in the shared vocabulary (\(Topic.ids.joined(separator: ", ")))"
            if let guess = Suggest.closest(to: topic, in: Topic.ids).first { message += "; did you mean '\(guess)'?" }
            error(.wrongType, map["topic"]!.mark, message)
        }
        let effective = date(map, "effective")
        let until = date(map, "until")
        if let effective, let until, until < effective { error(.invalidValue, map["until"]!.mark, "'until' is before 'effective'") }
        let effectiveEarliest = date(map, "effective_earliest"), untilLatest = date(map, "until_latest")
        if let effectiveEarliest, effective == nil || effectiveEarliest >= effective! {
            error(.invalidValue, map["effective_earliest"]!.mark, "'effective_earliest' needs a later 'effective' (the latest possible start)")
        }
        if let untilLatest, until == nil || untilLatest <= until! {
            error(.invalidValue, map["until_latest"]!.mark, "'until_latest' needs an earlier 'until' (the earliest possible end)")
        }
        var roles: [String] = []
        if let list = map["roles"], case .sequence(let items) = list.content, !items.isEmpty {
            for item in items {
                guard let role = item.scalar, SiteSchema.roles.contains(role) else {
                    var message = "'\(item.scalar ?? "?")' is not a site role (\(SiteSchema.roles.joined(separator: ", ")))"
                    if let guess = Suggest.closest(to: item.scalar ?? "", in: SiteSchema.roles).first { message += "; did you mean '\(guess)'?" }
                    error(.wrongType, item.mark, message)
                    continue
                }
                roles.append(role)
            }
        } else {
            error(.missingKey, map["roles"]?.mark ?? node.mark, "a requirement needs 'roles': the site roles it applies under, e.g. [refuelling_station] (\(SiteSchema.roles.joined(separator: ", ")))")
        }
        let applies = map["applies"].flatMap { expression($0, what: "applies") }
        var alternatives: [Alternative] = []
        if let require = map["require"] {
            switch require.content {
            case .scalar:
                if let condition = expression(require, what: "require") { alternatives.append(Alternative(name: "", condition: condition)) }
            case .mapping(let pairs):
                for (key, value) in pairs {
                    if let condition = expression(value, what: "require.\(key.scalar ?? "")") {
                        alternatives.append(Alternative(name: key.scalar ?? "", condition: condition))
                    }
                }
            case .sequence:
                error(.wrongType, require.mark, "require is an expression, or a mapping of named alternatives")
            }
        } else {
            error(.missingKey, node.mark, "missing required key 'require'")
        }
        var allowsEquivalent = false
        if let flag = map["allows_equivalent"] {
            switch flag.scalar {
            case "true": allowsEquivalent = true
            case "false": allowsEquivalent = false
            default: error(.wrongType, flag.mark, "allows_equivalent must be true or false")
            }
        }
        let source = map["source"].flatMap { self.source($0) }
        if map["source"] == nil { error(.missingKey, node.mark, "missing required key 'source'") }
        let rationale = text(map, "rationale", in: node) ?? ""
        let remediation = text(map, "remediation", in: node) ?? ""
        var examples: [RequirementExample] = []
        if let list = map["examples"], case .sequence(let items) = list.content {
            for item in items { if let example = self.example(item, defaultAsOf: examplesAsOf) { examples.append(example) } }
        }
        guard diagnostics.count == before, let title, let stage, let severity, let basis, let topic, let source else { return nil }
        return Requirement(id: id, title: title, pack: pack, country: country, stage: stage, topic: topic,
                           severity: severity, basis: basis, effective: effective, until: until,
                           effectiveEarliest: effectiveEarliest, untilLatest: untilLatest, roles: roles, applies: applies,
                           alternatives: alternatives, allowsEquivalent: allowsEquivalent, source: source,
                           rationale: rationale, remediation: remediation, examples: examples, mark: node.mark)
    }

    mutating func source(_ node: YAMLNode) -> SourceReference? {
        guard let map = mapping(node, what: "source", allowed: ["document", "section", "url", "brief", "confidence"]) else { return nil }
        guard let document = text(map, "document", in: node) else { return nil }
        var brief: [String] = []
        if let list = map["brief"] {
            switch list.content {
            case .sequence(let items): brief = items.compactMap(\.scalar)
            case .scalar(let s, _): brief = [s]
            default: break
            }
        }
        if brief.isEmpty { error(.missingKey, node.mark, "source needs 'brief'': the research row ids (e.g. [KR-64])") }
        return SourceReference(document: document, section: text(map, "section", in: node, required: false),
                               url: text(map, "url", in: node, required: false), brief: brief,
                               confidence: text(map, "confidence", in: node, required: false))
    }

    mutating func example(_ node: YAMLNode, defaultAsOf: Day) -> RequirementExample? {
        guard let map = mapping(node, what: "example", allowed: ["name", "expect", "as_of", "site"]) else { return nil }
        guard let expect = choice(map, "expect", in: node, Status.self) else { return nil }
        guard let siteNode = map["site"] else { error(.missingKey, node.mark, "example needs a 'site' fragment"); return nil }
        do {
            let facts = try SiteValidator(fragment: true).validate(siteNode)
            return RequirementExample(name: text(map, "name", in: node, required: false), expect: expect,
                                      asOf: date(map, "as_of") ?? defaultAsOf, site: facts, mark: node.mark)
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
    }
}
