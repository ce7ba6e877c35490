/// Reads a small YAML (or JSON) mapping of known keys — a waiver, a
/// baseline entry, a configuration — and gathers every problem as an error
/// at its line and column: not a mapping, an unknown key (with a "did you
/// mean"), a missing required key, a value of the wrong kind.
struct MappingReader {
    let node: YAMLNode
    let what: String
    private(set) var errors: [Diagnostic] = []

    /// `what` names the mapping in messages ("waiver", "baseline entry").
    init(_ node: YAMLNode, what: String, keys: [String], required: [String] = []) {
        self.node = node
        self.what = what
        guard case .mapping(let pairs) = node.content else {
            errors.append(.error(.wrongType, at: node.mark, Self.notAMapping(what, found: node.kindName)))
            return
        }
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            if !keys.contains(key) { errors.append(.error(.unknownKey, at: pair.key.mark, Self.unknownKey(key, in: what, keys: keys))) }
        }
        for key in required where node[key] == nil || node[key]!.isNull {
            errors.append(.error(.missingKey, at: node.mark, Self.missingKey(key, in: what)))
        }
    }

    // The messages, shared with readers that stream their file (`Baseline.load`).

    static func notAMapping(_ what: String, found kind: String) -> String { "\(what) must be a mapping, not \(kind)" }

    /// An unknown key, with a "did you mean" and the keys there are.
    static func unknownKey(_ key: String, in what: String, keys: [String]) -> String {
        var message = "unknown key '\(Escape.excerpt(key))' in \(what)"
        if let guess = Suggest.closest(to: key, in: keys).first { message += "; did you mean '\(guess)'?" }
        return message + " (keys: \(keys.joined(separator: ", ")))"
    }

    static func missingKey(_ key: String, in what: String) -> String { "\(what) is missing required key '\(key)'" }

    static func notText(_ key: String, in what: String, found kind: String) -> String { "'\(key)' of \(what) must be text, not \(kind)" }

    static func emptyText(_ key: String, in what: String) -> String { "'\(key)' of \(what) is empty" }

    static func notAList(_ key: String, in what: String, found kind: String) -> String { "'\(key)' of \(what) must be a list, not \(kind)" }

    var isMapping: Bool { if case .mapping = node.content { return true } else { return false } }

    /// The text of a scalar value; an error for a list or mapping. Empty or blank text is an error when `nonBlank`.
    mutating func text(_ key: String, nonBlank: Bool = true) -> String? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalar else {
            errors.append(.error(.wrongType, at: value.mark, Self.notText(key, in: what, found: value.kindName)))
            return nil
        }
        if nonBlank && text.allSatisfy(\.isWhitespace) {
            errors.append(.error(.missingKey, at: value.mark, Self.emptyText(key, in: what)))
            return nil
        }
        return text
    }

    /// A date written `YYYY-MM-DD`.
    mutating func date(_ key: String) -> Day? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalar, let day = Day(text) else {
            errors.append(.error(.wrongType, at: value.mark, "'\(key)' of \(what) must be a date YYYY-MM-DD, not '\(Escape.excerpt(value.scalar ?? value.kindName))'"))
            return nil
        }
        return day
    }

    /// `true` or `false`.
    mutating func flag(_ key: String) -> Bool? {
        guard let value = node[key], !value.isNull else { return nil }
        switch value.scalar {
        case "true"?: return true
        case "false"?: return false
        default:
            errors.append(.error(.wrongType, at: value.mark, "'\(key)' of \(what) must be true or false, not '\(Escape.excerpt(value.scalar ?? value.kindName))'"))
            return nil
        }
    }

    /// The items of a list value; an error for a scalar or mapping.
    mutating func list(_ key: String) -> [YAMLNode]? {
        guard let value = node[key], !value.isNull else { return nil }
        guard case .sequence(let items) = value.content else {
            errors.append(.error(.wrongType, at: value.mark, Self.notAList(key, in: what, found: value.kindName)))
            return nil
        }
        return items
    }

    /// A list of texts, or one text (`exclude: '*.bak'`).
    mutating func texts(_ key: String) -> [String]? {
        guard let value = node[key], !value.isNull else { return nil }
        if value.scalar != nil { return text(key).map { [$0] } }
        guard let items = list(key) else { return nil }
        var out: [String] = []
        for item in items {
            if let text = item.scalar { out.append(text) } else {
                errors.append(.error(.wrongType, at: item.mark, "'\(key)' of \(what) must list text, not \(item.kindName)"))
            }
        }
        return out
    }

    /// Records an error of cause `code` at the value of `key`.
    mutating func fail(_ code: InputErrorCode, _ key: String, _ message: String) {
        errors.append(.error(code, at: mark(key), message))
    }

    /// Where the value of `key` is written (or the mapping, when it is absent).
    func mark(_ key: String) -> SourceMark { node[key]?.mark ?? node.mark }
}
