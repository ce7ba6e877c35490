/// The operations both evaluation modes share, on runtime values.
extension Value {
    /// A fact's value as a runtime value; quantities are already canonical numbers.
    static func project(_ value: FactValue, label: Int) -> Value {
        switch value {
        case .text(let s): return .string(s)
        case .flag(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .quantity(let q): return .number(q.value)
        case .date(let d): return .date(d.ordinal)
        case .list(let items): return .facts(items, label: label)
        case .object(let o): return .object(ObjectRef(o), label: label)
        }
    }

    /// The number of elements of a list value; nil when it is not a list.
    var count: Int? {
        switch self {
        case .list(let items): return items.count
        case .facts(let facts, _): return facts.count
        default: return nil
        }
    }

    /// Element `i` of a list value, unlabelled.
    func element(at i: Int) -> Value {
        switch self {
        case .list(let items): return items[i]
        case .facts(let facts, _): return Value.project(facts[i].value, label: 0)
        default: return .unknown
        }
    }

    /// The elements of a list value, facts turned into values, unlabelled.
    var elements: [Value]? {
        if case .list(let items) = self { return items }
        return count.map { n in (0..<n).map { element(at: $0) } }
    }

    /// `a op b`; nil when the operands cannot be compared (one is unknown).
    static func compare(_ op: CompareOp, _ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return ordered(op, x, y)
        case (.date(let x), .date(let y)): return ordered(op, x, y)
        case (.string(let x), .string(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        case (.bool(let x), .bool(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        default: return nil
        }
    }

    /// Whether two known values are the same value (unknowns and lists never are).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        default: return false
        }
    }

    private static func ordered<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T) -> Bool {
        switch op {
        case .eq: return x == y
        case .ne: return x != y
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }
}
