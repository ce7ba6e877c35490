/// Static types of the expression language.
public indirect enum ExprType: CustomStringConvertible {
    case bool
    case number
    case quantity(QuantityKind)
    /// Text; `choices` lists the allowed values when the field is an enumeration.
    case string(choices: [String]?)
    case date
    case list(ExprType)
    case object(ObjectSchema)
    /// The type of `[]` before it meets another list.
    case emptyList

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .quantity(let kind): return "\(kind.noun) (\(kind.canonicalSymbol))"
        case .string: return "string"
        case .date: return "date"
        case .list(let element): return "list of \(element)"
        case .object(let schema): return schema.name
        case .emptyList: return "empty list"
        }
    }

    /// Same type, ignoring choice sets.
    func matches(_ other: ExprType) -> Bool {
        switch (self, other) {
        case (.bool, .bool), (.number, .number), (.string, .string), (.date, .date): return true
        case (.quantity(let a), .quantity(let b)): return a == b
        case (.list(let a), .list(let b)): return a.matches(b)
        case (.emptyList, .list), (.list, .emptyList), (.emptyList, .emptyList): return true
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    init(_ field: FieldType) {
        switch field {
        case .text: self = .string(choices: nil)
        case .choice(let options): self = .string(choices: options)
        case .flag: self = .bool
        case .integer, .number: self = .number
        case .date: self = .date
        case .quantity(let kind): self = .quantity(kind)
        case .object(let schema): self = .object(schema)
        case .list(let element): self = .list(ExprType(element))
        }
    }
}

/// Runtime values. Quantities are plain numbers in canonical units: their
/// kind was checked before evaluation began.
enum Value {
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(Int)
    case list([Value])
    /// A list read from the site file, kept as facts so that elements keep
    /// their marks; `label` names it in explanations (an `Explanation`
    /// label number; 0, the site itself, outside explanations).
    case facts([Fact], label: Int)
    case object(ObjectRef, label: Int)
    /// A quantity known only as more (`above`) or less than a number:
    /// comparisons it settles have an answer, the rest are unknown.
    case bounded(Double, above: Bool)
    case unknown

    var isUnknown: Bool { if case .unknown = self { return true } else { return false } }

    /// The value as the answer of a condition: anything but a boolean is unknown.
    var truth: Truth {
        switch self {
        case .bool(true): return .yes
        case .bool(false): return .no
        default: return .unknown
        }
    }
}

/// A site object inside a runtime value, not retained: the site's root holds
/// every object below it for as long as an evaluation runs (`ClosureProgram`
/// keeps the root for that long), so copying values into quantifier
/// variables and walking members costs no reference counting.
struct ObjectRef {
    private let reference: Unmanaged<FactObject>

    init(_ object: FactObject) { reference = .passUnretained(object) }

    /// The object itself, for explanations.
    var object: FactObject { reference.takeUnretainedValue() }

    /// The value in `slot`, read without retaining the object.
    func value(at slot: Int) -> FactValue? { reference._withUnsafeGuaranteedRef { $0.values[slot] } }

    /// The object in `slot`, if that slot holds one.
    func child(at slot: Int) -> ObjectRef? {
        reference._withUnsafeGuaranteedRef { object in
            if case .object(let child)? = object.values[slot] { return ObjectRef(child) }
            return nil
        }
    }
}

enum CompareOp: String {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="

    /// The operator with its operands swapped: `a < b` is `b > a`.
    var mirrored: CompareOp {
        switch self {
        case .eq, .ne: return self
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        }
    }
}
enum ArithOp: String { case add = "+", sub = "-", mul = "*", div = "/" }
enum Quantifier: String { case all, exists, filter, map }

/// The typed tree the type checker builds once per expression, compiled
/// into closures (`ClosureProgram`) for evaluation.
indirect enum Typed {
    case constant(Value)
    case asOf
    case root
    case variable(Int)
    case member(Typed, slot: Int, name: String)
    /// A boolean in a condition position: when it is false, explain why.
    case truthy(Typed)
    case not(Typed)
    case negate(Typed)
    case and(Typed, Typed)
    case or(Typed, Typed)
    /// `quotes`: the operands' source text, normalised once, for explanations.
    case compare(CompareOp, Typed, Typed, operand: ExprType, quotes: (Quote?, Quote?))
    case arith(ArithOp, Typed, Typed)
    case dateShift(Typed, Typed, months: Bool, sign: Int)
    case dateDiff(Typed, Typed)
    case ternary(Typed, Typed, Typed)
    case contains(Typed, Typed)
    /// `x in ['a', 'b']` with a constant list of strings (the common case).
    case containsString(Typed, [String])
    case quantifier(Quantifier, Typed, slot: Int, Typed)
    case size(Typed)
    case has(Typed)
    case sqrt(Typed)
    case extremum(min: Bool, Typed, Typed)
    case sum(Typed)
    /// A legal table: the value of the first band whose upper bound holds x.
    case tier(Typed, bounds: [Double], values: [Value], inclusive: Bool)
}
