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
            errors.append(.error(at: node.mark, "\(what) must be a mapping, not \(node.kindName)"))
            return
        }
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            if !keys.contains(key) {
                var message = "unknown key '\(Escape.excerpt(key))' in \(what)"
                if let guess = Suggest.closest(to: key, in: keys).first { message += "; did you mean '\(guess)'?" }
                message += " (keys: \(keys.joined(separator: ", ")))"
                errors.append(.error(at: pair.key.mark, message))
            }
        }
        for key in required where node[key] == nil || node[key]!.isNull {
            errors.append(.error(at: node.mark, "\(what) is missing required key '\(key)'"))
        }
    }

    var isMapping: Bool { if case .mapping = node.content { return true } else { return false } }

    /// The text of a scalar value; an error for a list or mapping. Empty or blank text is an error when `nonBlank`.
    mutating func text(_ key: String, nonBlank: Bool = true) -> String? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalar else {
            errors.append(.error(at: value.mark, "'\(key)' of \(what) must be text, not \(value.kindName)"))
            return nil
        }
        if nonBlank && text.allSatisfy(\.isWhitespace) {
            errors.append(.error(at: value.mark, "'\(key)' of \(what) is empty"))
            return nil
        }
        return text
    }

    /// A date written `YYYY-MM-DD`.
    mutating func date(_ key: String) -> Day? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalar, let day = Day(text) else {
            errors.append(.error(at: value.mark, "'\(key)' of \(what) must be a date YYYY-MM-DD, not '\(Escape.excerpt(value.scalar ?? value.kindName))'"))
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
            errors.append(.error(at: value.mark, "'\(key)' of \(what) must be true or false, not '\(Escape.excerpt(value.scalar ?? value.kindName))'"))
            return nil
        }
    }

    /// The items of a list value; an error for a scalar or mapping.
    mutating func list(_ key: String) -> [YAMLNode]? {
        guard let value = node[key], !value.isNull else { return nil }
        guard case .sequence(let items) = value.content else {
            errors.append(.error(at: value.mark, "'\(key)' of \(what) must be a list, not \(value.kindName)"))
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
                errors.append(.error(at: item.mark, "'\(key)' of \(what) must list text, not \(item.kindName)"))
            }
        }
        return out
    }

    /// Records an error at the value of `key`.
    mutating func fail(_ key: String, _ message: String) {
        errors.append(.error(at: mark(key), message))
    }

    /// Where the value of `key` is written (or the mapping, when it is absent).
    func mark(_ key: String) -> SourceMark { node[key]?.mark ?? node.mark }
}
