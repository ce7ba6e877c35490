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
    /// Each slot's value, defaults included: what the checker reads.
    let values: [FactValue?]
    /// The facts written in the file, by slot; nil for a default or an absent field.
    private let written: [Fact?]
    public let mark: SourceMark

    /// An object from the facts written in the file and every slot's value;
    /// a slot with a value but no written fact holds a default.
    init(schema: ObjectSchema, written: [Fact?], values: [FactValue?], mark: SourceMark) {
        precondition(written.count == schema.fields.count && values.count == written.count, "one slot per schema field")
        self.schema = schema
        self.written = written
        self.values = values
        self.mark = mark
    }

    /// The fact in `slot`: as written, or a default made on request (with
    /// this object's mark), or nil when the field is absent.
    public func fact(at slot: Int) -> Fact? {
        if let fact = written[slot] { return fact }
        return values[slot].map { Fact($0, mark: mark, isDefault: true) }
    }

    public subscript(name: String) -> Fact? {
        schema.slot(of: name).flatMap(fact(at:))
    }

    public func text(_ name: String) -> String? {
        if let slot = schema.slot(of: name), case .text(let s)? = values[slot] { return s }
        return nil
    }
}
