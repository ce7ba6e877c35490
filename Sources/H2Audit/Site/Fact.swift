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
            if q.value == .infinity { return "none" }
            let canonical = ScopeFacts.describe(q)
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
///
/// Values are stored by slot, with where each was written beside them; a
/// `Fact` for a slot is made only when asked for (explanations, reports), so
/// loading a site allocates one object per mapping and list, not one per value.
public final class FactObject: Sendable {
    public let schema: ObjectSchema
    /// Each slot's value, defaults included: what the checker reads.
    let values: [FactValue?]
    /// Where each slot's value was written, by slot; nil for a default or an absent field.
    private let places: [WrittenPlace?]
    public let mark: SourceMark

    /// Where a value was written in this object's file, and its text (for scalars), e.g. `700 bar`.
    struct WrittenPlace {
        let line: Int
        let column: Int
        let text: String?
    }

    /// An object from every slot's value and where each was written; a
    /// slot with a value but no place holds a default.
    init(schema: ObjectSchema, values: [FactValue?], places: [WrittenPlace?], mark: SourceMark) {
        precondition(values.count == schema.fields.count && places.count == values.count, "one slot per schema field")
        self.schema = schema
        self.values = values
        self.places = places
        self.mark = mark
    }

    /// The fact in `slot`: as written (with its mark and text), or a default
    /// (with this object's mark), or nil when the field is absent.
    public func fact(at slot: Int) -> Fact? {
        guard let value = values[slot] else { return nil }
        guard let place = places[slot] else { return Fact(value, mark: mark, isDefault: true) }
        return Fact(value, mark: self.mark(at: slot), written: place.text)
    }

    /// Where the value in `slot` was written; this object's mark for a default.
    func mark(at slot: Int) -> SourceMark {
        guard let place = places[slot] else { return mark }
        return SourceMark(file: mark.file, line: place.line, column: place.column)
    }

    /// Whether the file wrote at least one value in this object (defaults and derived facts do not count).
    var statesAnything: Bool { places.contains { $0 != nil } }

    /// Whether the file wrote a value for field `name`.
    func states(_ name: String) -> Bool { schema.slot(of: name).map { places[$0] != nil } ?? false }

    /// A copy with `slot` holding `value` as a derived fact (no written place).
    func deriving(_ slot: Int, _ value: FactValue) -> FactObject {
        var copy = values
        copy[slot] = value
        return FactObject(schema: schema, values: copy, places: places, mark: mark)
    }

    public subscript(name: String) -> Fact? {
        schema.slot(of: name).flatMap(fact(at:))
    }

    /// The value of field `name` (defaults included), without making a fact.
    public func value(_ name: String) -> FactValue? {
        schema.slot(of: name).flatMap { values[$0] }
    }

    public func text(_ name: String) -> String? {
        if case .text(let s)? = value(name) { return s }
        return nil
    }
}
