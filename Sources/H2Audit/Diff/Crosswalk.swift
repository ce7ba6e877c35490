import Foundation

/// How a pair of requirements from two regimes relate.
public enum Relation: String, Sendable, CaseIterable, Codable {
    /// The same duty, or the same threshold.
    case equivalent
    /// The left regime asks for more.
    case leftStricter = "left-stricter"
    /// The right regime asks for more.
    case rightStricter = "right-stricter"
    /// Overlapping duties, neither simply stricter (stricter in some cases, different scope).
    case partial
    /// Both address the topic by different means.
    case differentApproach = "different-approach"
}

/// An explicit mapping of requirement ids across two regimes, kept in
/// `roadmaps/crosswalk-*.yaml` where topic and quantity alone cannot line
/// requirements up.
public struct Crosswalk: Sendable {
    public struct Mapping: Sendable {
        public var left: [String]
        public var right: [String]
        public var relation: Relation
        public var note: String
        public var mark: SourceMark
    }

    /// A requirement confirmed to have no counterpart on the other side.
    public struct OneSided: Sendable {
        public var id: String
        public var note: String
        public var mark: SourceMark
    }

    public var left: String
    public var right: String
    public var mappings: [Mapping]
    public var onlyLeft: [OneSided]
    public var onlyRight: [OneSided]
    public var file: String

    /// The same crosswalk read from the other side.
    public func swapped() -> Crosswalk {
        func flip(_ r: Relation) -> Relation {
            r == .leftStricter ? .rightStricter : r == .rightStricter ? .leftStricter : r
        }
        return Crosswalk(left: right, right: left,
                         mappings: mappings.map { Mapping(left: $0.right, right: $0.left, relation: flip($0.relation), note: $0.note, mark: $0.mark) },
                         onlyLeft: onlyRight, onlyRight: onlyLeft, file: file)
    }

    /// Finds `crosswalk-LEFT-RIGHT.yaml` (or the reverse) in `directory` and loads it
    /// oriented as asked; nil when there is none.
    public static func find(in directory: String, left: RequirementPack, right: RequirementPack) throws(InputError) -> Crosswalk? {
        let forward = (directory as NSString).appendingPathComponent("crosswalk-\(left.id)-\(right.id).yaml")
        let backward = (directory as NSString).appendingPathComponent("crosswalk-\(right.id)-\(left.id).yaml")
        if FileManager.default.fileExists(atPath: forward) { return try load(path: forward, left: left, right: right) }
        if FileManager.default.fileExists(atPath: backward) { return try load(path: backward, left: right, right: left).swapped() }
        return nil
    }

    /// Loads a crosswalk and checks every id against the two packs.
    public static func load(path: String, left: RequirementPack, right: RequirementPack) throws(InputError) -> Crosswalk {
        try read(try YAMLLoader().load(path: path), file: path, left: left, right: right)
    }

    public static func parse(_ text: String, file: String, left: RequirementPack, right: RequirementPack) throws(InputError) -> Crosswalk {
        try read(try YAMLLoader().parse(text, file: file), file: file, left: left, right: right)
    }

    /// Reads a crosswalk from its already-parsed YAML.
    public static func read(_ root: YAMLNode, file: String, left: RequirementPack, right: RequirementPack) throws(InputError) -> Crosswalk {
        var reader = PackReader(file: file, lines: [])
        let crosswalk = reader.crosswalk(root, file: file, left: left, right: right)
        if !reader.diagnostics.isEmpty { throw InputError(reader.diagnostics) }
        guard let crosswalk else { throw InputError(.error(.notASite, at: root.mark, "not a crosswalk")) }
        return crosswalk
    }
}

extension PackReader {
    mutating func ids(_ node: YAMLNode?, side: String, pack: RequirementPack, known: Set<String>) -> [String] {
        guard let node else { return [] }
        let items: [YAMLNode]
        switch node.content {
        case .sequence(let list): items = list
        case .scalar: items = [node]
        case .mapping: error(.wrongType, node.mark, "'\(side)' is a requirement id or a list of ids"); return []
        }
        var result: [String] = []
        for item in items {
            guard let id = item.scalar else { error(.wrongType, item.mark, "requirement ids are text"); continue }
            if !known.contains(id) {
                var message = "'\(id)' is not a requirement of pack '\(pack.id)'"
                if let guess = Suggest.closest(to: id, in: Array(known)).first { message += "; did you mean '\(guess)'?" }
                error(.invalidValue, item.mark, message)
            }
            result.append(id)
        }
        return result
    }

    mutating func crosswalk(_ root: YAMLNode, file: String, left: RequirementPack, right: RequirementPack) -> Crosswalk? {
        guard let top = mapping(root, what: "the crosswalk file", allowed: ["crosswalk", "mappings", "only"]) else { return nil }
        guard let header = top["crosswalk"], let info = mapping(header, what: "crosswalk header", allowed: ["left", "right", "note"]) else {
            error(.missingKey, root.mark, "missing 'crosswalk' header (left, right)")
            return nil
        }
        let leftID = text(info, "left", in: header) ?? "", rightID = text(info, "right", in: header) ?? ""
        if leftID != left.id { error(.invalidValue, info["left"]?.mark ?? header.mark, "crosswalk is for pack '\(leftID)', not '\(left.id)'") }
        if rightID != right.id { error(.invalidValue, info["right"]?.mark ?? header.mark, "crosswalk is for pack '\(rightID)', not '\(right.id)'") }
        let leftIDs = Set(left.requirements.map(\.id)), rightIDs = Set(right.requirements.map(\.id))
        var used: [String: SourceMark] = [:]
        func claim(_ ids: [String], at mark: SourceMark, _ reader: inout PackReader) {
            for id in ids {
                if let earlier = used[id] {
                    reader.diagnostics.append(.error(.duplicate, at: mark, "'\(id)' is mapped twice; first at line \(earlier.line)", related: earlier))
                }
                used[id] = mark
            }
        }
        var mappings: [Crosswalk.Mapping] = []
        if let list = top["mappings"], case .sequence(let items) = list.content {
            for item in items {
                guard let m = mapping(item, what: "mapping", allowed: ["left", "right", "relation", "note"]) else { continue }
                let l = ids(m["left"], side: "left", pack: left, known: leftIDs)
                let r = ids(m["right"], side: "right", pack: right, known: rightIDs)
                if l.isEmpty || r.isEmpty { error(.missingKey, item.mark, "a mapping needs requirement ids on both sides; use 'only' for one-sided ones") }
                guard let relation = choice(m, "relation", in: item, Relation.self) else { continue }
                claim(l + r, at: item.mark, &self)
                mappings.append(.init(left: l, right: r, relation: relation, note: text(m, "note", in: item) ?? "", mark: item.mark))
            }
        }
        var onlyLeft: [Crosswalk.OneSided] = [], onlyRight: [Crosswalk.OneSided] = []
        if let list = top["only"], case .sequence(let items) = list.content {
            for item in items {
                guard let m = mapping(item, what: "one-sided entry", allowed: ["left", "right", "note"]) else { continue }
                let note = text(m, "note", in: item) ?? ""
                let l = ids(m["left"], side: "left", pack: left, known: leftIDs)
                let r = ids(m["right"], side: "right", pack: right, known: rightIDs)
                if l.isEmpty == r.isEmpty { error(.invalidValue, item.mark, "a one-sided entry names ids on exactly one side") }
                claim(l + r, at: item.mark, &self)
                onlyLeft += l.map { .init(id: $0, note: note, mark: item.mark) }
                onlyRight += r.map { .init(id: $0, note: note, mark: item.mark) }
            }
        }
        return Crosswalk(left: leftID, right: rightID, mappings: mappings, onlyLeft: onlyLeft, onlyRight: onlyRight, file: file)
    }
}
