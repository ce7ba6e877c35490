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
        guard case .list(let items)? = facts.value("stages") else { return [] }
        return items.compactMap { if case .text(let s) = $0.value { return s } else { return nil } }
    }

    /// Dates of things that happened (inspections, trainings, issues) that
    /// lie after `asOf`: a filing cannot report them, so each is an input
    /// error, not a pass.
    public func eventsAfter(_ asOf: Day) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func walk(_ object: FactObject, _ path: String) {
            for slot in object.schema.eventSlots {
                if case .date(let day)? = object.values[slot], day > asOf {
                    let name = object.schema.fields[slot].name
                    found.append(.error(.futureDate, at: object.mark(at: slot),
                                        "'\(path.isEmpty ? name : path + "." + name)' = \(day) is after the as-of date \(asOf): a date of something done cannot lie in the future (write the date it was done, or `never`)"))
                }
            }
            for slot in object.schema.nestedSlots {
                let name = object.schema.fields[slot].name
                let here = path.isEmpty ? name : path + "." + name
                switch object.values[slot] {
                case .object(let child)?: walk(child, here)
                case .list(let items)?:
                    for (i, item) in items.enumerated() {
                        if case .object(let child) = item.value { walk(child, "\(here)[\(child.text("id") ?? child.text("name") ?? String(i))]") }
                    }
                default: break
                }
            }
        }
        walk(facts, "")
        return found
    }

    /// Loads and validates a site file, streaming it: no node tree is built.
    public static func load(path: String, displayName: String? = nil, limits: LoadLimits = .default,
                            schema: ObjectSchema = SiteSchema.site) throws(InputError) -> Site {
        let name = displayName ?? path
        let loader = YAMLLoader(limits: limits)
        return try load(bytes: try loader.read(path: path, displayName: name), file: name, limits: limits, schema: schema)
    }

    /// Parses and validates a site held in memory as UTF-8 bytes.
    public static func load(bytes: [UInt8], file: String, fragment: Bool = false, limits: LoadLimits = .default,
                            schema: ObjectSchema = SiteSchema.site) throws(InputError) -> Site {
        let validator = SiteValidator(fragment: fragment)
        let facts = try YAMLLoader(limits: limits).events(bytes, file: file) { (source: inout LibYAMLEvents) throws(InputError) in
            try validator.validate(&source, schema: schema)
        }
        return Site(file: file, facts: facts)
    }

    /// Parses a site from text (tests, stdin).
    public static func parse(_ text: String, file: String, fragment: Bool = false, limits: LoadLimits = .default) throws(InputError) -> Site {
        try load(bytes: Array(text.utf8), file: file, fragment: fragment, limits: limits)
    }
}
