/// The type of one field in the site schema.
public indirect enum FieldType: Sendable {
    case text
    case flag
    case integer
    case number
    case date
    case quantity(QuantityKind)
    case choice([String])
    case object(ObjectSchema)
    case list(FieldType)

    /// How the README and error messages name the type.
    public var name: String {
        switch self {
        case .text: return "text"
        case .flag: return "true/false"
        case .integer: return "integer"
        case .number: return "number"
        case .date: return "date (YYYY-MM-DD)"
        case .quantity(let kind): return "\(kind.noun) (\(kind.canonicalSymbol))"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        case .object(let schema): return schema.name
        case .list(let element): return "list of \(element.name)"
        }
    }
}

/// One field of an object in the site schema.
public struct FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    public let doc: String
    public let required: Bool
    /// Value used when the site file omits the field. Only fields whose
    /// absence has an obvious meaning have one (e.g. `buried: false`).
    public let defaultValue: FactValue?
    /// An absent object of this field means an empty one, filled with its
    /// own defaults. Only for sections that decide nothing (none today).
    public let emptyWhenAbsent: Bool
    /// A quantity that may be written `none`: nothing of the kind anywhere
    /// near (a railway, another plant). Stored as an infinite distance.
    public let allowsNone: Bool
    /// A date of something that happened (an inspection, a training, a
    /// permit's issue): it may be written `never`, and a date after the
    /// as-of date of a check is an input error.
    public let isEvent: Bool
    /// Set by h2audit from other facts (legal scope facts), never written in
    /// a site file. `derivedFrom` says from which.
    public let derivedFrom: String?
}

/// A named set of fields: the shape of a mapping in a site file.
public final class ObjectSchema: Sendable {
    public let name: String
    public let doc: String
    public let fields: [FieldSpec]
    /// Slot lookup: open addressing on the names' fingerprints (see `slot(of:)`).
    private let names: [String]
    private let fingerprints: [UInt64]
    private let table: [Int]
    /// Each field's type, by slot (read for every value validated).
    let types: [FieldType]

    /// What an absent field becomes: its default, an empty object, or an
    /// error when it is required. Only fields with such a rule are listed.
    enum AbsentRule {
        case fill(FactValue)
        case empty(ObjectSchema)
        case required
    }
    let absentRules: [(slot: Int, rule: AbsentRule)]
    /// Sets the derived (scope) fields of a validated object from its other values.
    let derive: (@Sendable (ObjectSchema, inout [FactValue?], SourceMark) -> Void)?
    /// Checks that a validated object's parts agree with each other (the
    /// site's content with its roles: `RoleConsistency`); given where each
    /// key was written, by slot.
    typealias Consistency = @Sendable (FactObject, [SourceMark?], inout [Diagnostic]) -> Void
    let consistency: Consistency?
    /// What validation must know of each slot, read for every key of every
    /// file without copying the field's spec (and retaining its parts).
    struct SlotFlags: OptionSet {
        let rawValue: UInt8
        static let required = SlotFlags(rawValue: 1)
        static let derived = SlotFlags(rawValue: 2)
        static let allowsNone = SlotFlags(rawValue: 4)
        static let event = SlotFlags(rawValue: 8)
    }
    let flags: [SlotFlags]
    /// Slots that hold event dates, and slots that hold objects or lists that may contain some.
    let eventSlots: [Int]
    let nestedSlots: [Int]

    public init(_ name: String, doc: String, _ fields: [FieldSpec],
                derive: (@Sendable (ObjectSchema, inout [FactValue?], SourceMark) -> Void)? = nil,
                consistency: (@Sendable (FactObject, [SourceMark?], inout [Diagnostic]) -> Void)? = nil) {
        self.derive = derive
        self.consistency = consistency
        self.flags = fields.map { f in
            var flags: SlotFlags = []
            if f.required { flags.insert(.required) }
            if f.derivedFrom != nil { flags.insert(.derived) }
            if f.allowsNone { flags.insert(.allowsNone) }
            if f.isEvent { flags.insert(.event) }
            return flags
        }
        self.eventSlots = fields.indices.filter { fields[$0].isEvent }
        self.nestedSlots = fields.indices.filter {
            switch fields[$0].type {
            case .object, .list(.object): return true
            default: return false
            }
        }
        self.name = name
        self.doc = doc
        self.fields = fields
        let names = fields.map(\.name), fingerprints = names.map(fingerprint)
        self.names = names
        self.fingerprints = fingerprints
        var size = 8
        while size < fields.count * 2 { size *= 2 }
        var table = [Int](repeating: -1, count: size)
        for (slot, print) in fingerprints.enumerated() where Self.find(names[slot], print, names, fingerprints, table) == nil {
            var i = Int(truncatingIfNeeded: print) & (size - 1)
            while table[i] != -1 { i = (i + 1) & (size - 1) }
            table[i] = slot
        }
        self.table = table
        self.types = fields.map(\.type)
        self.absentRules = fields.indices.compactMap { slot in
            let spec = fields[slot]
            if let value = spec.defaultValue { return (slot, .fill(value)) }
            if spec.emptyWhenAbsent, case .object(let nested) = spec.type { return (slot, .empty(nested)) }
            return spec.required ? (slot, .required) : nil
        }
    }

    /// The slot of field `name`, if the schema has one. Runs for every key of every site file.
    public func slot(of name: String) -> Int? { Self.find(name, fingerprint(name), names, fingerprints, table) }
    /// As `slot(of:)`, with the name's `fingerprint` already known.
    func slot(of name: String, fingerprint print: UInt64) -> Int? { Self.find(name, print, names, fingerprints, table) }
    public func field(_ name: String) -> FieldSpec? { slot(of: name).map { fields[$0] } }

    private static func find(_ name: String, _ print: UInt64, _ names: [String], _ fingerprints: [UInt64], _ table: [Int]) -> Int? {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: print) & mask
        while table[i] != -1 {
            let slot = table[i]
            if fingerprints[slot] == print && names[slot] == name { return slot }
            i = (i + 1) & mask
        }
        return nil
    }
    public var fieldNames: [String] { names }
}

func field(_ name: String, _ type: FieldType, _ doc: String, required: Bool = false,
           default value: FactValue? = nil, emptyWhenAbsent: Bool = false, allowsNone: Bool = false,
           event: Bool = false) -> FieldSpec {
    FieldSpec(name: name, type: type, doc: doc, required: required, defaultValue: value, emptyWhenAbsent: emptyWhenAbsent,
              allowsNone: allowsNone, isEvent: event, derivedFrom: nil)
}

/// A legal scope fact: computed by `ScopeFacts` from `inputs`, never written in a site file.
func derived(_ name: String, _ type: FieldType, _ doc: String, from inputs: String) -> FieldSpec {
    FieldSpec(name: name, type: type, doc: doc, required: false, defaultValue: nil, emptyWhenAbsent: false,
              allowsNone: false, isEvent: false, derivedFrom: inputs)
}

extension ObjectSchema {
    /// This schema and every schema below it copied into new objects: the
    /// same shape, sharing no object a validator retains and releases per
    /// value (see `CheckerPool`). Names and choices stay the same strings:
    /// literals are immortal, so counting references to them costs nothing.
    func deepCopy() -> ObjectSchema {
        var copies: [ObjectIdentifier: ObjectSchema] = [:]
        return copy(into: &copies)
    }

    private func copy(into copies: inout [ObjectIdentifier: ObjectSchema]) -> ObjectSchema {
        if let done = copies[ObjectIdentifier(self)] { return done }
        func copy(_ type: FieldType) -> FieldType {
            switch type {
            case .object(let nested): return .object(nested.copy(into: &copies))
            case .list(let element): return .list(copy(element))
            default: return type
            }
        }
        let copied = ObjectSchema(name, doc: doc, fields.map { spec in
            FieldSpec(name: spec.name, type: copy(spec.type), doc: spec.doc, required: spec.required,
                      defaultValue: spec.defaultValue, emptyWhenAbsent: spec.emptyWhenAbsent,
                      allowsNone: spec.allowsNone, isEvent: spec.isEvent, derivedFrom: spec.derivedFrom)
        }, derive: derive, consistency: consistency)
        copies[ObjectIdentifier(self)] = copied
        return copied
    }
}
