/// The operations both evaluation modes share, on runtime values.
extension Value {
    /// A fact's value as a runtime value; quantities are already canonical numbers.
    static func project(_ value: FactValue, label: Int) -> Value {
        switch value {
        case .text(let s): return .string(s)
        case .flag(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .quantity(let q):
            switch q.bound {
            case .exact: return .number(q.value)
            case .above: return .bounded(q.value, above: true)
            case .below: return .bounded(q.value, above: false)
            }
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
        case (.number(let x), .number(let y)): return ordered(op, x, y, equal: sameNumber(x, y))
        case (.date(let x), .date(let y)): return ordered(op, x, y, equal: x == y)
        case (.string(let x), .string(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        case (.bool(let x), .bool(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        case (.bounded(let x, let above), .number(let y)): return bounded(op, x, above: above, y)
        case (.number(let y), .bounded(let x, let above)): return bounded(op.mirrored, x, above: above, y)
        default: return nil
        }
    }

    /// `v op y` where v is only known to be above (or below) `x`: an answer
    /// when every v beyond the bound gives the same one, else nil.
    private static func bounded(_ op: CompareOp, _ x: Double, above: Bool, _ y: Double) -> Bool? {
        if above {
            guard x >= y || sameNumber(x, y) else { return nil }  // v > x >= y
            switch op {
            case .gt, .ge, .ne: return true
            case .lt, .le, .eq: return false
            }
        } else {
            guard x <= y || sameNumber(x, y) else { return nil }  // v < x <= y
            switch op {
            case .lt, .le, .ne: return true
            case .gt, .ge, .eq: return false
            }
        }
    }

    /// Whether two known values are the same value (unknowns and lists never are).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return sameNumber(x, y)
        case (.date(let x), .date(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        default: return false
        }
    }

    /// `x op y`, where `equal` says whether the two are the same value.
    private static func ordered<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T, equal: Bool) -> Bool {
        switch op {
        case .eq: return equal
        case .ne: return !equal
        case .lt: return x < y && !equal
        case .le: return x < y || equal
        case .gt: return x > y && !equal
        case .ge: return x > y || equal
        }
    }

    /// Whether two quantities are the same value: equal to within a
    /// billionth of the larger. A site value exactly at a limit meets it
    /// whatever the units or sums it was written in: `120 mm >= 12 cm` and
    /// `0.1 + 0.05 Nm3 <= 0.15 Nm3` hold, although binary floating point
    /// converts and adds them to a value an ulp away from the limit's.
    static func sameNumber(_ x: Double, _ y: Double) -> Bool {
        x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    }
}
