/// A validated value from a site file.
public enum FactValue: Sendable {
    case text(String)
    case flag(Bool)
    case number(Double)
    case quantity(Quantity)
    case date(Day)
    case list([Fact])
    case object(FactObject)
}

/// A value with the place it was written. Defaults carry the mark of the
/// object they were filled into. Immutable; a class, so that the checker
/// passes a fact around for one reference count instead of copying its parts.
public final class Fact: Sendable {
    public let value: FactValue
    public let mark: SourceMark
    /// The text as written in the file (for scalars), e.g. `700 bar`.
    public let written: String?
    public let isDefault: Bool

    public init(_ value: FactValue, mark: SourceMark, written: String? = nil, isDefault: Bool = false) {
        self.value = value
        self.mark = mark
        self.written = written
        self.isDefault = isDefault
    }

    /// The value as a person would write it back.
    public var display: String {
        switch value {
        case .text(let s): return s
        case .flag(let b): return b ? "true" : "false"
        case .number(let n): return QuantityText.number(n)
        case .quantity(let q):
            let canonical = QuantityText.format(q)
            if let written, written != canonical { return "\(written) (= \(canonical))" }
            return canonical
        case .date(let d): return d.description
        case .list(let items): return "[\(items.count) item\(items.count == 1 ? "" : "s")]"
        case .object: return "{…}"
        }
    }
}

/// A mapping validated against an `ObjectSchema`: one slot per schema field.
/// Immutable once built; a class, so that passing it around during
/// evaluation costs one reference count instead of copying its parts.
public final class FactObject: Sendable {
    public let schema: ObjectSchema
    public let slots: [Fact?]
    /// The slots' values alone, for the checker's hot path (one reference
    /// count per read instead of the fact and then its value).
    let values: [FactValue?]
    public let mark: SourceMark

    public init(schema: ObjectSchema, slots: [Fact?], mark: SourceMark) {
        precondition(slots.count == schema.fields.count, "one slot per schema field")
        self.schema = schema
        self.slots = slots
        self.values = slots.map { $0?.value }
        self.mark = mark
    }

    public subscript(name: String) -> Fact? {
        schema.slot(of: name).flatMap { slots[$0] }
    }

    public func text(_ name: String) -> String? {
        if case .text(let s)? = self[name]?.value { return s }
        return nil
    }
}
