/// Turns YAML into typed facts, checking it against the site schema as the
/// events stream by: no node tree is built for a site file. Reports every
/// problem it finds, not just the first.
public struct SiteValidator: Sendable {
    /// In fragment mode (pack examples) required fields may be absent.
    public var fragment: Bool

    public init(fragment: Bool = false) { self.fragment = fragment }

    /// Validates a node tree (pack examples hold their sites as trees).
    public func validate(_ node: YAMLNode, schema: ObjectSchema = SiteSchema.site) throws(InputError) -> FactObject {
        var events = NodeEvents(node)
        return try validate(&events, schema: schema)
    }

    /// Validates the events of one document's root node.
    public func validate<Source: YAMLEventSource>(_ source: inout Source, schema: ObjectSchema = SiteSchema.site) throws(InputError) -> FactObject {
        guard let first = try source.next(), let mark = first.mark else {
            preconditionFailure("an event source yields a root node")
        }
        var diagnostics: [Diagnostic] = []
        let converted = try convert(first, .object(schema), from: &source, path: "", into: &diagnostics)
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        guard case .object(let object)? = converted?.value else {
            throw InputError(.error(.notASite, at: mark, "a site file is a mapping of keys such as id, name, country"))
        }
        return object
    }

    /// A node converted to its value; `text` is a scalar's text as written.
    /// Its mark is the mark of the node's first event.
    typealias Converted = (value: FactValue, text: String?)

    /// Converts the node that `first` starts, reading the rest of it from `source`.
    func convert<Source: YAMLEventSource>(_ first: YAMLEvent, _ type: FieldType, from source: inout Source,
                                          path: @autoclosure () -> String, into diagnostics: inout [Diagnostic]) throws(InputError) -> Converted? {
        // Made only when needed (objects, lists, messages): this runs for every node of every file.
        var firstMark: SourceMark { first.mark ?? SourceMark(file: "", line: 0, column: 0) }
        func fail(_ code: InputErrorCode, _ message: String) throws(InputError) -> Converted? {
            diagnostics.append(.error(code, at: firstMark, message))
            try source.skipNode(startingWith: first)
            return nil
        }
        // Built only when a message needs it: this runs for every node of every file.
        var what: String { let p = path(); return p.isEmpty ? "the file" : "'\(p)'" }
        switch type {
        case .object(let schema):
            guard case .mappingStart = first else {
                // At the root, a file that is not a mapping is not a site at all.
                return try fail(path().isEmpty ? .notASite : .wrongType, "\(what) must be a mapping (\(schema.name)), found \(first.kindName)")
            }
            let mark = firstMark
            var places = [FactObject.WrittenPlace?](repeating: nil, count: schema.fields.count)
            var values = [FactValue?](repeating: nil, count: schema.fields.count)
            var givenUnfilled: [Int] = []  // keys written with no value or a bad one: not missing, but empty
            // Where each key was written: kept only for a schema that checks its parts against each other (the site root).
            var keyMarks: [SourceMark?]? = schema.consistency == nil ? nil : [SourceMark?](repeating: nil, count: schema.fields.count)
            while let key = try source.next(), case .scalar(let name, _, let keyMark) = key {
                let keyPrint = source.keyFingerprint ?? fingerprint(name)  // read before the value's event replaces it
                guard let value = try source.next() else { break }
                if Self.isExtensionKey(name) {  // extension keys are ignored
                    try source.skipNode(startingWith: value)
                    continue
                }
                guard let slot = schema.slot(of: name, fingerprint: keyPrint) else {
                    if name == "facility" && schema.slot(of: "roles") != nil && schema.slot(of: "country") != nil {
                        diagnostics.append(.error(.unknownKey, at: keyMark, "'facility' was replaced by 'roles', a list of every role the site plays "
                            + "(\(SiteSchema.roles.joined(separator: ", "))): write e.g. 'roles: [production, storage, fuel_cell_use]' "
                            + "(refuelling_station -> refuelling_station, production_plant -> production, storage_terminal -> storage, "
                            + "fuel_cell_plant -> fuel_cell_use, industrial_user -> industrial_use, transport_fleet -> transport, pipeline -> pipeline)"))
                        try source.skipNode(startingWith: value)
                        continue
                    }
                    var message = "unknown key '\(name)' in \(schema.name)"
                    if let guess = Suggest.closest(to: name, in: schema.fieldNames).first {
                        message += "; did you mean '\(guess)'?"
                    }
                    diagnostics.append(.error(.unknownKey, at: keyMark, message))
                    try source.skipNode(startingWith: value)
                    continue
                }
                let parent = path
                let flags = schema.flags[slot]
                if keyMarks != nil { keyMarks![slot] = keyMark }
                if flags.contains(.derived) {
                    let inputs = schema.fields[slot].derivedFrom ?? "other facts"
                    diagnostics.append(.error(.invalidValue, at: keyMark, "'\(name)' is derived by h2audit from \(inputs); remove it (`h2audit explain` shows how it was derived)"))
                    try source.skipNode(startingWith: value)
                    continue
                }
                if value.isNull {
                    if flags.contains(.required) && !fragment {
                        diagnostics.append(.error(.missingKey, at: keyMark, "required key '\(name)' has no value (\(schema.fields[slot].doc))"))
                    }
                    givenUnfilled.append(slot)
                } else if !flags.isDisjoint(with: [.allowsNone, .event]), case .scalar(let word, .plain, _) = value,
                          let special = Self.statedAbsence(word, flags, schema.types[slot]) {
                    let at = value.position!
                    places[slot] = FactObject.WrittenPlace(line: at.line, column: at.column, text: word)
                    values[slot] = special
                } else if let converted = try convert(value, schema.types[slot], from: &source, path: Self.join(parent(), name), into: &diagnostics) {
                    let at = value.position!
                    places[slot] = FactObject.WrittenPlace(line: at.line, column: at.column, text: converted.text)
                    values[slot] = converted.value
                    if flags.contains(.required) && !fragment, Self.isEmpty(converted.value) {
                        diagnostics.append(.error(.missingKey, at: value.mark ?? keyMark, "required key '\(name)' is empty (\(schema.fields[slot].doc))"))
                    }
                } else {
                    givenUnfilled.append(slot)
                }
            }
            for (slot, rule) in schema.absentRules where values[slot] == nil {
                switch rule {
                case .fill(let value):
                    values[slot] = value  // a default: its fact is made only if asked for
                case .empty(let nested):
                    values[slot] = .object(Self.empty(nested, mark: mark))
                case .required where !fragment && !givenUnfilled.contains(slot):
                    let spec = schema.fields[slot]
                    diagnostics.append(.error(.missingKey, at: mark, "\(schema.name) is missing required key '\(spec.name)' (\(spec.doc))"))
                case .required:
                    break
                }
            }
            schema.derive?(schema, &values, mark)
            let object = FactObject(schema: schema, values: values, places: places, mark: mark)
            checkUniqueIDs(object, into: &diagnostics)
            if let keyMarks { schema.consistency?(object, keyMarks, &diagnostics) }
            return (.object(object), nil)

        case .list(let element):
            guard case .sequenceStart = first else {
                return try fail(.wrongType, "\(what) must be a list of \(element.name), found \(first.kindName)")
            }
            var facts: [Fact] = []
            var i = 0
            while let item = try source.next(), item.position != nil {
                let parent = path
                if let converted = try convert(item, element, from: &source, path: "\(parent())[\(i)]", into: &diagnostics) {
                    facts.append(Fact(converted.value, mark: item.mark!, written: converted.text))
                }
                i += 1
            }
            return (.list(facts), nil)

        default:
            guard case .scalar(let text, let style, _) = first else {
                return try fail(.wrongType, "\(what) must be \(type.name), found \(first.kindName)")
            }
            switch type {
            case .text:
                return (.text(text), text)
            case .flag:
                let value: Bool
                switch text {
                case "true" where style == .plain, "True" where style == .plain: value = true
                case "false" where style == .plain, "False" where style == .plain: value = false
                default: return try fail(.wrongType, "\(what) must be true or false, found '\(text)'")
                }
                return (.flag(value), text)
            case .integer:
                guard let value = Int(text.contains("_") ? text.replacingOccurrences(of: "_", with: "") : text), value >= 0 else {
                    return try fail(.wrongType, "\(what) must be a whole number of zero or more, found '\(text)'")
                }
                return (.number(Double(value)), text)
            case .number:
                guard let value = Double(text), value.isFinite else { return try fail(.wrongType, "\(what) must be a number, found '\(text)'") }
                return (.number(value), text)
            case .date:
                guard let day = Day(text) else { return try fail(.wrongType, "\(what) must be a date written YYYY-MM-DD, found '\(text)'") }
                return (.date(day), text)
            case .choice(let options):
                guard options.contains(text) else {
                    var message = "\(what) must be one of \(options.joined(separator: ", ")); found '\(text)'"
                    if let guess = Suggest.closest(to: text, in: options).first { message += "; did you mean '\(guess)'?" }
                    return try fail(.wrongType, message)
                }
                return (.text(text), text)
            case .quantity(let kind):
                return quantity(text, kind: kind, what: what, mark: firstMark, into: &diagnostics)
            default:
                return try fail(.invalidValue, "\(what) has an unsupported type")
            }
        }
    }

    /// A word that states an absence: `none` for a distance to something
    /// that is not there, `never` for an event that never happened.
    static func statedAbsence(_ word: String, _ flags: ObjectSchema.SlotFlags, _ type: FieldType) -> FactValue? {
        switch (word, type) {
        case ("none", .quantity(let kind)) where flags.contains(.allowsNone): return .quantity(Quantity(.infinity, kind))
        case ("never", .date) where flags.contains(.event): return .date(.never)
        default: return nil
        }
    }

    /// An empty text or list, where a required key needs a value.
    static func isEmpty(_ value: FactValue) -> Bool {
        switch value {
        case .text(let t): return t.allSatisfy(\.isWhitespace)
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    func quantity(_ text: String, kind: QuantityKind, what: @autoclosure () -> String, mark: @autoclosure () -> SourceMark,
                  into diagnostics: inout [Diagnostic]) -> Converted? {
        func reject(_ code: InputErrorCode, _ message: String) -> Converted? {
            diagnostics.append(.error(code, at: mark(), message))
            return nil
        }
        var example: String { UnitTable.symbols.first { UnitTable.kind(of: $0) == kind } ?? kind.canonicalSymbol }
        // `> 100 m` / `< 0.1 %`: a bound, where the exact value is not known.
        var bound = Quantity.Bound.exact
        var text = text
        if let first = text.utf8.first, first == UInt8(ascii: ">") || first == UInt8(ascii: "<") {
            bound = first == UInt8(ascii: ">") ? .above : .below
            text = String(text.dropFirst())
            if text.hasPrefix("=") { return reject(.invalidValue, "\(what()): write a bound as '> 100 m' or '< 0.1 %' (more or less than), not '\(bound == .above ? ">" : "<")='") }
        }
        guard let (number, symbol) = QuantityText.split(text), number.isFinite else {
            // A comma that may be a decimal comma: not a number that can be read.
            if let problem = QuantityText.problem(in: text) { return reject(.wrongType, "\(what()): \(problem)") }
            return reject(.wrongType, "\(what()) must be a \(kind.noun) with a unit, e.g. '10 \(kind.canonicalSymbol)'; found '\(text)'")
        }
        if symbol.isEmpty {
            return reject(.unit, "\(what()) = \(text) has no unit; write it with one, e.g. '\(text) \(kind.canonicalSymbol)'")
        }
        switch UnitTable.quantity(number, symbol: symbol, expecting: kind) {
        case .failure(let error):
            return reject(.unit, "\(what()): \(error)")
        case .success(let q):
            if q.kind != kind {
                return reject(.unit, "\(what()) must be a \(kind.noun) (e.g. '\(example)'), but '\(text)' is a \(q.kind.noun)\(UnitTable.hydrogenHint(for: q, expected: kind))")
            }
            if number < 0 && kind != .temperature { return reject(.outOfRange, "\(what()) cannot be negative, found '\(text)'") }
            if let problem = QuantityBounds.problem(q) { return reject(.outOfRange, "\(what()) \(problem), found '\(text)'") }
            var stated = q
            stated.bound = bound
            return (.quantity(stated), bound == .exact ? text : (bound == .above ? ">" : "<") + text)
        }
    }

    /// `x-...` and `x_...` keys are extensions, ignored by validation.
    static func isExtensionKey(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "x"), let second = bytes.next() else { return false }
        return second == UInt8(ascii: "-") || second == UInt8(ascii: "_")
    }

    static func join(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : "\(parent).\(name)" }

    /// An object with only its defaults, standing for an absent section.
    static func empty(_ schema: ObjectSchema, mark: SourceMark) -> FactObject {
        var values = [FactValue?](repeating: nil, count: schema.fields.count)
        for (slot, rule) in schema.absentRules {
            if case .fill(let value) = rule { values[slot] = value }
        }
        return FactObject(schema: schema, values: values, places: [FactObject.WrittenPlace?](repeating: nil, count: values.count), mark: mark)
    }

    /// Items of a list with an `id` key must not share an id.
    func checkUniqueIDs(_ object: FactObject, into diagnostics: inout [Diagnostic]) {
        for value in object.values {
            // The items of a list share one schema: find its id slot once.
            guard case .list(let items)? = value, items.count > 1, case .object(let first) = items[0].value,
                  let slot = first.schema.slot(of: "id") else { continue }
            var seen: [(id: String, item: FactObject)] = []
            var index: [String: FactObject] = [:]  // for long lists; short ones are scanned
            for item in items {
                guard case .object(let o) = item.value, case .text(let id)? = o.values[slot] else { continue }
                let earlier: FactObject?
                if items.count <= SiteValidator.shortList {
                    earlier = seen.first { $0.id == id }?.item
                    seen.append((id, o))
                } else {
                    earlier = index[id]
                    if earlier == nil { index[id] = o }
                }
                if let earlier {
                    let first = earlier.mark(at: slot)
                    diagnostics.append(.error(.duplicate, at: o.mark(at: slot), "id '\(id)' is used twice; first at line \(first.line)", related: first))
                }
            }
        }
    }

    /// Up to this many items, duplicate ids are found by comparing each with the earlier ones.
    static let shortList = 16
}
