/// Resolves names against the site schema and checks types and physical
/// dimensions, turning syntax into a `Typed` tree. Every error carries the
/// offset of the offending token.
struct TypeChecker {
    let rootSchema: ObjectSchema
    /// The expression's characters, to quote operands in explanations.
    var source: [Character] = []
    var scopes: [(name: String, slot: Int, type: ExprType)] = []
    var slotCount = 0
    /// Where quantifier variables are named in the text.
    var variableUses: [(offset: Int, length: Int, slot: Int)] = []
    /// Where each quantifier names its variable (the offset of the name), by slot.
    var binders: [Int] = []
    /// Variable types and quantifier conditions, for explanations.
    var annotations = Annotations()

    init(rootSchema: ObjectSchema) { self.rootSchema = rootSchema }

    /// Checks a node used as a condition: it must be a bool.
    mutating func condition(_ node: Node) throws(ExpressionError) -> Typed {
        let (typed, type) = try check(node)
        guard case .bool = type else {
            throw ExpressionError("a condition must be true or false, but this is a \(type)", at: node.offset)
        }
        return Self.explainable(typed)
    }

    /// Wraps boolean leaves so that a false one explains itself.
    static func explainable(_ typed: Typed) -> Typed {
        switch typed {
        case .member, .has, .variable: return .truthy(typed)
        case .and(let a, let b): return .and(explainable(a), explainable(b))
        case .or(let a, let b): return .or(explainable(a), explainable(b))
        case .ternary(let c, let a, let b): return .ternary(c, explainable(a), explainable(b))
        default: return typed
        }
    }

    mutating func check(_ node: Node) throws(ExpressionError) -> (Typed, ExprType) {
        let at = node.offset
        switch node.syntax {
        case .bool(let b): return (.constant(.bool(b)), .bool)
        case .number(let n): return (.constant(.number(n)), .number)
        case .string(let s): return (.constant(.string(s)), .string(choices: nil))
        case .quantity(let n, let symbol):
            switch UnitTable.quantity(n, symbol: symbol) {
            case .success(let q): return (.constant(.number(q.value)), .quantity(q.kind))
            case .failure(let error): throw ExpressionError(error.description, at: at)
            }
        case .list(let items):
            guard let first = items.first else { return (.constant(.list([])), .emptyList) }
            var values: [Value] = []
            let (_, elementType) = try check(first)
            for item in items {
                let (typed, type) = try check(item)
                guard type.matches(elementType) else {
                    throw ExpressionError("list items must all be \(elementType), this one is \(type)", at: item.offset)
                }
                guard case .constant(let value) = typed else {
                    throw ExpressionError("list literals may hold constants only", at: item.offset)
                }
                values.append(value)
            }
            return (.constant(.list(values)), .list(elementType))
        case .identifier(let name):
            if let variable = scopes.last(where: { $0.name == name }) {
                variableUses.append((at, name.count, variable.slot))
                return (.variable(variable.slot), variable.type)
            }
            if name == "as_of" { return (.asOf, .date) }
            if name == "site" { return (.root, .object(rootSchema)) }
            return try member(of: .root, schema: rootSchema, name: name, at: at)
        case .member(let base, let name):
            let (typed, type) = try check(base)
            guard case .object(let schema) = type else {
                throw ExpressionError("'\(name)' is asked of a \(type), which has no fields", at: at)
            }
            return try member(of: typed, schema: schema, name: name, at: at)
        case .unary("!", let operand):
            return (.not(try condition(operand)), .bool)
        case .unary(_, let operand):
            let (typed, type) = try check(operand)
            switch type {
            case .number, .quantity: return (.negate(typed), type)
            default: throw ExpressionError("cannot negate a \(type)", at: at)
            }
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, at: at)
        case .ternary(let c, let a, let b):
            let condition = try condition(c)
            let (ta, typeA) = try check(a)
            let (tb, typeB) = try check(b)
            guard typeA.matches(typeB) else {
                throw ExpressionError("both branches of '?' must have one type: \(typeA) vs \(typeB)", at: b.offset)
            }
            return (.ternary(condition, ta, tb), typeA)
        case .call(let name, let args):
            return try call(name, args, at: at)
        case .method(let base, let name, let args):
            return try method(base, name, args, at: at)
        }
    }

    /// An operand's text with whitespace collapsed and the quantifier
    /// variables it names kept apart (spelled as site paths when shown).
    /// Nil when there is no text, or when a quantifier inside binds a
    /// variable of its own: its name could only be shown as written.
    func quote(_ span: Range<Int>) -> Quote? {
        guard span.upperBound <= source.count, !span.isEmpty else { return nil }
        if binders.contains(where: span.contains) { return nil }
        let uses = variableUses.filter { span.contains($0.offset) }.sorted { $0.offset < $1.offset }
        // Each variable becomes one private-use character while whitespace is collapsed.
        let marker: UInt32 = 0xE000
        var chars: [Character] = []
        var slots: [Int] = []
        var i = span.lowerBound
        for use in uses where use.offset >= i {
            chars += source[i..<use.offset]
            chars.append(Character(Unicode.Scalar(marker + UInt32(slots.count))!))
            slots.append(use.slot)
            i = use.offset + use.length
        }
        chars += source[i..<span.upperBound]
        let text = String(chars).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var pieces: [Quote.Piece] = []
        var run = ""
        for c in text {
            if c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value, v >= marker, v < marker + UInt32(slots.count) {
                if !run.isEmpty { pieces.append(.text(run)); run = "" }
                pieces.append(.variable(slot: slots[Int(v - marker)]))
            } else {
                run.append(c)
            }
        }
        if !run.isEmpty { pieces.append(.text(run)) }
        return Quote(pieces: pieces)
    }

    func member(of base: Typed, schema: ObjectSchema, name: String, at: Int) throws(ExpressionError) -> (Typed, ExprType) {
        guard let slot = schema.slot(of: name) else {
            var message = "unknown field '\(name)' in \(schema.name)"
            if let guess = Suggest.closest(to: name, in: schema.fieldNames).first { message += "; did you mean '\(guess)'?" }
            throw ExpressionError(message, at: at)
        }
        return (.member(base, slot: slot, name: name), ExprType(schema.fields[slot].type))
    }

    mutating func binary(_ op: String, _ lhs: Node, _ rhs: Node, at: Int) throws(ExpressionError) -> (Typed, ExprType) {
        switch op {
        case "&&": return (.and(try condition(lhs), try condition(rhs)), .bool)
        case "||": return (.or(try condition(lhs), try condition(rhs)), .bool)
        case "in":
            let (element, elementType) = try check(lhs)
            let (list, listType) = try check(rhs)
            switch listType {
            case .emptyList: break
            case .list(let inner):
                guard inner.matches(elementType) else {
                    throw ExpressionError("'in' looks for a \(elementType) in a list of \(inner)", at: at)
                }
                try checkChoices(elementType, literalIn: list, at: rhs.offset)
            default: throw ExpressionError("the right side of 'in' must be a list, found \(listType)", at: rhs.offset)
            }
            if case .constant(.list(let items)) = list {
                let strings = items.compactMap { item -> String? in if case .string(let s) = item { return s } else { return nil } }
                if strings.count == items.count, !items.isEmpty { return (.containsString(element, strings), .bool) }
            }
            return (.contains(element, list), .bool)
        default: break
        }
        let (a, typeA) = try check(lhs)
        let (b, typeB) = try check(rhs)
        if let compare = CompareOp(rawValue: op) {
            guard typeA.matches(typeB) else {
                throw ExpressionError(mismatch("compare", typeA, typeB), at: at)
            }
            switch typeA {
            case .number, .quantity, .date: break
            case .bool, .string:
                guard compare == .eq || compare == .ne else {
                    throw ExpressionError("'\(op)' does not order \(typeA) values; use == or !=", at: at)
                }
                try checkChoices(typeA, literalIn: b, at: rhs.offset)
                try checkChoices(typeB, literalIn: a, at: lhs.offset)
            default:
                throw ExpressionError("cannot compare \(typeA) values", at: at)
            }
            return (.compare(compare, a, b, operand: typeA, quotes: (quote(lhs.span), quote(rhs.span))), .bool)
        }
        guard let arith = ArithOp(rawValue: op) else { throw ExpressionError("unknown operator '\(op)'", at: at) }
        switch (arith, typeA, typeB) {
        case (_, .number, .number): return (.arith(arith, a, b), .number)
        case (.add, .quantity(let k1), .quantity(let k2)) where k1 == k2 && k1 != .calendar,
             (.sub, .quantity(let k1), .quantity(let k2)) where k1 == k2 && k1 != .calendar:
            return (.arith(arith, a, b), .quantity(k1))
        case (.mul, .quantity(let k), .number), (.div, .quantity(let k), .number):
            return (.arith(arith, a, b), .quantity(k))
        case (.mul, .number, .quantity(let k)):
            return (.arith(arith, a, b), .quantity(k))
        case (.div, .quantity(let k1), .quantity(let k2)) where k1 == k2:
            return (.arith(arith, a, b), .number)
        case (.add, .date, .quantity(.duration)), (.sub, .date, .quantity(.duration)):
            return (.dateShift(a, b, months: false, sign: arith == .add ? 1 : -1), .date)
        case (.add, .date, .quantity(.calendar)), (.sub, .date, .quantity(.calendar)):
            return (.dateShift(a, b, months: true, sign: arith == .add ? 1 : -1), .date)
        case (.sub, .date, .date):
            return (.dateDiff(a, b), .quantity(.duration))
        default:
            throw ExpressionError(mismatch("apply '\(op)' to", typeA, typeB), at: at)
        }
    }

    func mismatch(_ verb: String, _ a: ExprType, _ b: ExprType) -> String {
        if case .quantity = a, case .number = b { return "cannot \(verb) a \(a) and a plain number: give the number a unit" }
        if case .number = a, case .quantity = b { return "cannot \(verb) a plain number and a \(b): give the number a unit" }
        return "cannot \(verb) a \(a) and a \(b): the dimensions differ"
    }

    /// A string literal compared with an enumerated field must be one of its values.
    func checkChoices(_ type: ExprType, literalIn typed: Typed, at: Int) throws(ExpressionError) {
        guard case .string(let choices?) = type, case .constant(let value) = typed else { return }
        let literals: [String]
        switch value {
        case .string(let s): literals = [s]
        case .list(let items): literals = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        default: return
        }
        for literal in literals where !choices.contains(literal) {
            var message = "'\(literal)' is not a value of this field (\(choices.joined(separator: ", ")))"
            if let guess = Suggest.closest(to: literal, in: choices).first { message += "; did you mean '\(guess)'?" }
            throw ExpressionError(message, at: at)
        }
    }

    mutating func call(_ name: String, _ args: [Node], at: Int) throws(ExpressionError) -> (Typed, ExprType) {
        func arity(_ n: Int) throws(ExpressionError) {
            guard args.count == n else { throw ExpressionError("\(name)() takes \(n) argument\(n == 1 ? "" : "s"), found \(args.count)", at: at) }
        }
        switch name {
        case "size":
            try arity(1)
            return try size(args[0], at: at)
        case "has":
            try arity(1)
            let (typed, _) = try check(args[0])
            guard case .member = typed else { throw ExpressionError("has() takes a field path such as has(station.canopy)", at: args[0].offset) }
            return (.has(typed), .bool)
        case "date":
            try arity(1)
            guard case .string(let text) = args[0].syntax, let day = Day(text) else {
                throw ExpressionError("date() takes a literal 'YYYY-MM-DD'", at: args[0].offset)
            }
            return (.constant(.date(day.ordinal)), .date)
        case "sqrt":
            try arity(1)
            let (typed, type) = try check(args[0])
            guard case .number = type else { throw ExpressionError("sqrt() takes a plain number, found \(type)", at: args[0].offset) }
            return (.sqrt(typed), .number)
        case "min", "max":
            try arity(2)
            let (a, typeA) = try check(args[0])
            let (b, typeB) = try check(args[1])
            guard typeA.matches(typeB) else { throw ExpressionError(mismatch("take \(name) of", typeA, typeB), at: at) }
            switch typeA {
            case .number, .quantity, .date: return (.extremum(min: name == "min", a, b), typeA)
            default: throw ExpressionError("\(name)() takes numbers, quantities or dates", at: at)
            }
        case "sum":
            try arity(1)
            let (typed, type) = try check(args[0])
            switch type {
            case .list(.number): return (.sum(typed), .number)
            case .list(.quantity(let k)) where k != .calendar: return (.sum(typed), .quantity(k))
            default: throw ExpressionError("sum() takes a list of numbers or quantities, found \(type)", at: args[0].offset)
            }
        case "tier", "tier_below":
            // tier(x, [b1, b2, ...], [v0, v1, ..., vn]): v0 when x <= b1 (x < b1 for tier_below),
            // v1 when x <= b2, ..., vn above the last bound: a distance table as the law prints it.
            try arity(3)
            let (x, xType) = try check(args[0])
            let (boundsTyped, boundsType) = try check(args[1])
            let (valuesTyped, valuesType) = try check(args[2])
            guard case .constant(.list(let bounds)) = boundsTyped, case .list(let boundType) = boundsType,
                  boundType.matches(xType) else {
                throw ExpressionError("\(name)() needs a literal list of bounds of the same type as \(xType)", at: args[1].offset)
            }
            guard case .constant(.list(let values)) = valuesTyped, case .list(let valueType) = valuesType,
                  values.count == bounds.count + 1 else {
                throw ExpressionError("\(name)() needs a literal list of values, one more than the bounds", at: args[2].offset)
            }
            let numbers = bounds.compactMap { if case .number(let n) = $0 { return n } else { return nil } }
            guard numbers.count == bounds.count, numbers == numbers.sorted() else {
                throw ExpressionError("\(name)() bounds must be numbers or quantities in increasing order", at: args[1].offset)
            }
            return (.tier(x, bounds: numbers, values: values, inclusive: name == "tier"), valueType)
        default:
            let known = ["size", "has", "date", "sqrt", "min", "max", "sum", "tier", "tier_below"]
            var message = "unknown function '\(name)'"
            if let guess = Suggest.closest(to: name, in: known).first { message += "; did you mean '\(guess)'?" }
            throw ExpressionError(message, at: at)
        }
    }

    mutating func size(_ node: Node, at: Int) throws(ExpressionError) -> (Typed, ExprType) {
        let (typed, type) = try check(node)
        switch type {
        case .list, .emptyList: return (.size(typed), .number)
        default: throw ExpressionError("size() takes a list, found \(type)", at: node.offset)
        }
    }

    mutating func method(_ base: Node, _ name: String, _ args: [Node], at: Int) throws(ExpressionError) -> (Typed, ExprType) {
        if name == "size" {
            guard args.isEmpty else { throw ExpressionError("size() takes no arguments here", at: at) }
            return try size(base, at: at)
        }
        guard let quantifier = Quantifier(rawValue: name) else {
            var message = "unknown method '\(name)'"
            if let guess = Suggest.closest(to: name, in: ["all", "exists", "filter", "map", "size"]).first { message += "; did you mean '\(guess)'?" }
            throw ExpressionError(message, at: at)
        }
        let (list, listType) = try check(base)
        let elementType: ExprType
        switch listType {
        case .list(let element): elementType = element
        case .emptyList: elementType = .bool
        default: throw ExpressionError("\(name)() works on lists, this is a \(listType)", at: at)
        }
        guard args.count == 2, case .identifier(let variable) = args[0].syntax else {
            throw ExpressionError("\(name)() takes a variable and an expression, e.g. \(name)(e, e.buried)", at: at)
        }
        let slot = slotCount
        slotCount += 1
        binders.append(args[0].offset)
        annotations.slotTypes.append(elementType)
        scopes.append((variable, slot, elementType))
        defer { scopes.removeLast() }
        switch quantifier {
        case .map:
            let (body, bodyType) = try check(args[1])
            return (.quantifier(.map, list, slot: slot, body), .list(bodyType))
        case .filter, .all, .exists:
            let body = try condition(args[1])
            annotations.conditions[slot] = quote(args[1].span)
            return (.quantifier(quantifier, list, slot: slot, body), quantifier == .filter ? listType : .bool)
        }
    }
}
