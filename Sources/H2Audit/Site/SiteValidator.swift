/// Turns a YAML tree into typed facts, checking it against the site schema.
/// Reports every problem it finds, not just the first.
public struct SiteValidator: Sendable {
    /// In fragment mode (pack examples) required fields may be absent.
    public var fragment: Bool

    public init(fragment: Bool = false) { self.fragment = fragment }

    public func validate(_ node: YAMLNode, schema: ObjectSchema = SiteSchema.site) throws(InputError) -> FactObject {
        var diagnostics: [Diagnostic] = []
        let fact = convert(node, .object(schema), path: "", into: &diagnostics)
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        guard case .object(let object)? = fact?.value else {
            throw InputError(.error(at: node.mark, "a site file is a mapping of keys such as id, name, country"))
        }
        return object
    }

    func convert(_ node: YAMLNode, _ type: FieldType, path: @autoclosure () -> String, into diagnostics: inout [Diagnostic]) -> Fact? {
        func fail(_ message: String) -> Fact? {
            diagnostics.append(.error(at: node.mark, message))
            return nil
        }
        // Built only when a message needs it: this runs for every node of every file.
        var what: String { let p = path(); return p.isEmpty ? "the file" : "'\(p)'" }
        switch type {
        case .object(let schema):
            guard case .mapping(let pairs) = node.content else {
                return fail("\(what) must be a mapping (\(schema.name)), found \(node.kindName)")
            }
            var slots = [Fact?](repeating: nil, count: schema.fields.count)
            for (key, value) in pairs {
                let name = key.scalar ?? ""
                if name.hasPrefix("x-") || name.hasPrefix("x_") { continue }  // extension keys are ignored
                guard let slot = schema.slot(of: name) else {
                    var message = "unknown key '\(name)' in \(schema.name)"
                    if let guess = Suggest.closest(to: name, in: schema.fieldNames).first {
                        message += "; did you mean '\(guess)'?"
                    }
                    diagnostics.append(.error(at: key.mark, message))
                    continue
                }
                if value.isNull { continue }
                let spec = schema.fields[slot]
                let parent = path
                slots[slot] = convert(value, spec.type, path: Self.join(parent(), name), into: &diagnostics)
            }
            for (slot, spec) in schema.fields.enumerated() where slots[slot] == nil {
                if let value = spec.defaultValue {
                    slots[slot] = Fact(value, mark: node.mark, isDefault: true)
                } else if spec.emptyWhenAbsent, case .object(let nested) = spec.type {
                    slots[slot] = Fact(.object(Self.empty(nested, mark: node.mark)), mark: node.mark, isDefault: true)
                } else if spec.required && !fragment && !pairs.contains(where: { $0.key.scalar == spec.name }) {
                    diagnostics.append(.error(at: node.mark, "\(schema.name) is missing required key '\(spec.name)' (\(spec.doc))"))
                }
            }
            let object = FactObject(schema: schema, slots: slots, mark: node.mark)
            checkUniqueIDs(object, into: &diagnostics)
            return Fact(.object(object), mark: node.mark)

        case .list(let element):
            guard case .sequence(let items) = node.content else {
                return fail("\(what) must be a list of \(element.name), found \(node.kindName)")
            }
            var facts: [Fact] = []
            facts.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let parent = path
                if let fact = convert(item, element, path: "\(parent())[\(i)]", into: &diagnostics) { facts.append(fact) }
            }
            return Fact(.list(facts), mark: node.mark)

        default:
            guard case .scalar(let text, let style) = node.content else {
                return fail("\(what) must be \(type.name), found \(node.kindName)")
            }
            switch type {
            case .text:
                return Fact(.text(text), mark: node.mark, written: text)
            case .flag:
                guard style == .plain, let value = ["true": true, "false": false, "True": true, "False": false][text] else {
                    return fail("\(what) must be true or false, found '\(text)'")
                }
                return Fact(.flag(value), mark: node.mark, written: text)
            case .integer:
                guard let value = Int(text.contains("_") ? text.replacingOccurrences(of: "_", with: "") : text), value >= 0 else {
                    return fail("\(what) must be a whole number of zero or more, found '\(text)'")
                }
                return Fact(.number(Double(value)), mark: node.mark, written: text)
            case .number:
                guard let value = Double(text), value.isFinite else { return fail("\(what) must be a number, found '\(text)'") }
                return Fact(.number(value), mark: node.mark, written: text)
            case .date:
                guard let day = Day(text) else { return fail("\(what) must be a date written YYYY-MM-DD, found '\(text)'") }
                return Fact(.date(day), mark: node.mark, written: text)
            case .choice(let options):
                guard options.contains(text) else {
                    var message = "\(what) must be one of \(options.joined(separator: ", ")); found '\(text)'"
                    if let guess = Suggest.closest(to: text, in: options).first { message += "; did you mean '\(guess)'?" }
                    return fail(message)
                }
                return Fact(.text(text), mark: node.mark, written: text)
            case .quantity(let kind):
                return quantity(text, kind: kind, what: what, mark: node.mark, into: &diagnostics)
            default:
                return fail("\(what) has an unsupported type")
            }
        }
    }

    func quantity(_ text: String, kind: QuantityKind, what: @autoclosure () -> String, mark: SourceMark,
                  into diagnostics: inout [Diagnostic]) -> Fact? {
        let what = what
        var example: String { UnitTable.symbols.first { UnitTable.kind(of: $0) == kind } ?? kind.canonicalSymbol }
        guard let (number, symbol) = QuantityText.split(text), number.isFinite else {
            diagnostics.append(.error(at: mark, "\(what()) must be a \(kind.noun) with a unit, e.g. '10 \(kind.canonicalSymbol)'; found '\(text)'"))
            return nil
        }
        if symbol.isEmpty {
            diagnostics.append(.error(at: mark, "\(what()) = \(text) has no unit; write it with one, e.g. '\(text) \(kind.canonicalSymbol)'"))
            return nil
        }
        switch UnitTable.quantity(number, symbol: symbol) {
        case .failure(let error):
            diagnostics.append(.error(at: mark, "\(what()): \(error)"))
            return nil
        case .success(let q):
            if q.kind != kind {
                diagnostics.append(.error(at: mark, "\(what()) must be a \(kind.noun) (e.g. '\(example)'), but '\(text)' is a \(q.kind.noun)"))
                return nil
            }
            if number < 0 && kind != .temperature {
                diagnostics.append(.error(at: mark, "\(what()) cannot be negative, found '\(text)'"))
                return nil
            }
            if kind == .fraction && q.value > 100 {
                diagnostics.append(.error(at: mark, "\(what()) is more than 100 %, found '\(text)'"))
                return nil
            }
            if kind == .temperature && q.value < -273.15 {
                diagnostics.append(.error(at: mark, "\(what()) is below absolute zero, found '\(text)'"))
                return nil
            }
            return Fact(.quantity(q), mark: mark, written: text)
        }
    }

    static func join(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : "\(parent).\(name)" }

    /// An object with only its defaults, standing for an absent section.
    static func empty(_ schema: ObjectSchema, mark: SourceMark) -> FactObject {
        FactObject(schema: schema, slots: schema.fields.map { spec in
            spec.defaultValue.map { Fact($0, mark: mark, isDefault: true) }
        }, mark: mark)
    }

    /// Items of a list with an `id` key must not share an id.
    func checkUniqueIDs(_ object: FactObject, into diagnostics: inout [Diagnostic]) {
        for slot in object.slots {
            guard case .list(let items)? = slot?.value else { continue }
            var seen: [String: SourceMark] = [:]
            for item in items {
                guard case .object(let o) = item.value, let id = o["id"], case .text(let text) = id.value else { continue }
                if let earlier = seen[text] {
                    diagnostics.append(.error(at: id.mark, "id '\(text)' is used twice; first at line \(earlier.line)", related: earlier))
                } else {
                    seen[text] = id.mark
                }
            }
        }
    }
}
