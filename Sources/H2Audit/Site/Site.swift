/// A validated site file.
public struct Site: Sendable {
    public let file: String
    public let facts: FactObject

    public init(file: String, facts: FactObject) {
        self.file = file
        self.facts = facts
    }

    public var id: String { facts.text("id") ?? "(no id)" }
    public var name: String { facts.text("name") ?? id }
    public var country: String? { facts.text("country") }

    public var stages: [String] {
        guard case .list(let items)? = facts["stages"]?.value else { return [] }
        return items.compactMap { if case .text(let s) = $0.value { return s } else { return nil } }
    }

    /// Loads and validates a site file.
    public static func load(path: String, displayName: String? = nil, limits: LoadLimits = .default) throws(InputError) -> Site {
        let name = displayName ?? path
        let node = try YAMLLoader(limits: limits).load(path: path, displayName: name)
        return Site(file: name, facts: try SiteValidator().validate(node))
    }

    /// Parses a site from text (tests, stdin).
    public static func parse(_ text: String, file: String, fragment: Bool = false, limits: LoadLimits = .default) throws(InputError) -> Site {
        let node = try YAMLLoader(limits: limits).parse(text, file: file)
        return Site(file: file, facts: try SiteValidator(fragment: fragment).validate(node))
    }
}
