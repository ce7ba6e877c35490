/// A typed tree turned into nested closures, once per expression: the
/// checker's fast path for the yes / no / unknown answer. Member chains are
/// fused into one walk over slot numbers, and no explanation is gathered.
/// Explanations (the values that failed, the facts that are missing) come
/// from `Interpreter`, which walks the tree; the test suite checks that both
/// give the same truth for every requirement on every example and synthetic site.
struct ClosureProgram: @unchecked Sendable {
    /// What the closures read and write while evaluating one site.
    struct Registers {
        let root: FactObject
        let asOf: Int
        /// The quantifiers' variables, in stack memory for one evaluation.
        let variables: UnsafeMutableBufferPointer<Value>
    }

    typealias Code = (inout Registers) -> Value

    private let code: Code
    private let slots: Int

    init(_ tree: Typed, slots: Int) {
        self.code = Self.compile(tree)
        self.slots = slots
    }

    func truth(on root: FactObject, asOf: Day) -> Truth {
        withUnsafeTemporaryAllocation(of: Value.self, capacity: slots) { variables in
            _ = variables.initialize(from: repeatElement(.unknown, count: slots))
            defer { variables.deinitialize() }
            var registers = Registers(root: root, asOf: asOf.ordinal, variables: variables)
            return code(&registers).truth
        }
    }

    // MARK: - Compiling

    static func compile(_ typed: Typed) -> Code {
        switch typed {
        case .constant(let v): return { _ in v }
        case .asOf: return { .date($0.asOf) }
        case .root: return { .object($0.root, label: 0) }
        case .variable(let slot): return { $0.variables[slot] }
        case .member:
            return member(typed)
        case .containsString(let element, let strings):
            let element = compile(element)
            return { registers in
                guard case .string(let needle) = element(&registers) else { return .unknown }
                return .bool(strings.contains(needle))
            }
        case .truthy(let inner):
            return compile(inner)
        case .not(let inner):
            let inner = compile(inner)
            return { registers in
                if case .bool(let b) = inner(&registers) { return .bool(!b) }
                return .unknown
            }
        case .negate(let inner):
            let inner = compile(inner)
            return { registers in
                if case .number(let n) = inner(&registers) { return .number(-n) }
                return .unknown
            }
        case .and(let a, let b):
            let a = compile(a), b = compile(b)
            return { registers in
                let left = a(&registers).truth
                if left == .no { return .bool(false) }
                let right = b(&registers).truth
                if right == .no { return .bool(false) }
                return left == .yes && right == .yes ? .bool(true) : .unknown
            }
        case .or(let a, let b):
            let a = compile(a), b = compile(b)
            return { registers in
                let left = a(&registers).truth
                if left == .yes { return .bool(true) }
                let right = b(&registers).truth
                if right == .yes { return .bool(true) }
                return left == .no && right == .no ? .bool(false) : .unknown
            }
        case .compare(let op, let a, let b, _, _):
            let a = compile(a), b = compile(b)
            return { registers in
                let left = a(&registers), right = b(&registers)
                return Interpreter.compare(op, left, right).map { .bool($0) } ?? .unknown
            }
        case .arith(let op, let a, let b):
            let a = compile(a), b = compile(b)
            return { registers in
                guard case .number(let x) = a(&registers), case .number(let y) = b(&registers) else { return .unknown }
                switch op {
                case .add: return .number(x + y)
                case .sub: return .number(x - y)
                case .mul: return .number(x * y)
                case .div: return y == 0 ? .unknown : .number(x / y)
                }
            }
        case .dateShift(let a, let b, let months, let sign):
            let a = compile(a), b = compile(b)
            return { registers in
                guard case .date(let d) = a(&registers), case .number(let n) = b(&registers), n.isFinite, abs(n) < 1e6 else { return .unknown }
                let amount = Int(n.rounded()) * sign
                return .date(months ? Day(ordinal: d).adding(months: amount).ordinal : d + amount)
            }
        case .dateDiff(let a, let b):
            let a = compile(a), b = compile(b)
            return { registers in
                guard case .date(let x) = a(&registers), case .date(let y) = b(&registers) else { return .unknown }
                return .number(Double(x - y))
            }
        case .ternary(let c, let a, let b):
            let c = compile(c), a = compile(a), b = compile(b)
            return { registers in
                switch c(&registers).truth {
                case .yes: return a(&registers)
                case .no: return b(&registers)
                case .unknown: return .unknown
                }
            }
        case .contains(let element, let list):
            let element = compile(element), list = compile(list)
            return { registers in
                let needle = element(&registers)
                guard !needle.isUnknown, let items = Interpreter.elements(list(&registers)) else { return .unknown }
                var sawUnknown = false
                for item in items {
                    switch Interpreter.compare(.eq, needle, item) {
                    case true?: return .bool(true)
                    case nil: sawUnknown = true
                    default: break
                    }
                }
                return sawUnknown ? .unknown : .bool(false)
            }
        case .quantifier(let kind, .quantifier(.filter, let list, let filterSlot, let predicate), let slot, let body)
            where kind == .all || kind == .exists:
            return quantifier(kind, list, slot: filterSlot, body: body, filter: (compile(predicate), slot))
        case .quantifier(let kind, let list, let slot, let body):
            return quantifier(kind, list, slot: slot, body: body, filter: nil)
        case .size(let list):
            let list = compile(list)
            return { registers in
                Interpreter.count(of: list(&registers)).map { .number(Double($0)) } ?? .unknown
            }
        case .has(let member):
            guard case .member(let owner, let slot, _) = member else { return { _ in .bool(false) } }
            let base = compile(owner)
            return { registers in
                guard case .object(let object, _) = base(&registers) else { return .bool(false) }
                return .bool(object.values[slot] != nil)
            }
        case .sqrt(let inner):
            let inner = compile(inner)
            return { registers in
                guard case .number(let n) = inner(&registers), n >= 0 else { return .unknown }
                return .number(n.squareRoot())
            }
        case .extremum(let isMin, let a, let b):
            let a = compile(a), b = compile(b)
            return { registers in
                switch (a(&registers), b(&registers)) {
                case (.number(let p), .number(let q)): return .number(isMin ? min(p, q) : max(p, q))
                case (.date(let p), .date(let q)): return .date(isMin ? min(p, q) : max(p, q))
                default: return .unknown
                }
            }
        case .sum(let list):
            let list = compile(list)
            return { registers in
                guard let items = Interpreter.elements(list(&registers)) else { return .unknown }
                var total = 0.0
                for item in items {
                    guard case .number(let n) = item else { return .unknown }
                    total += n
                }
                return .number(total)
            }
        case .tier(let x, let bounds, let values, let inclusive):
            let x = compile(x)
            return { registers in
                guard case .number(let n) = x(&registers) else { return .unknown }
                for (i, bound) in bounds.enumerated() where inclusive ? n <= bound : n < bound { return values[i] }
                return values[bounds.count]
            }
        }
    }

    /// `a.b.c` read as one walk over slot numbers from the object at the base.
    static func member(_ typed: Typed) -> Code {
        var path: [Int] = []
        var base = typed
        while case .member(let inner, let slot, _) = base {
            path.append(slot)
            base = inner
        }
        path.reverse()
        let last = path.removeLast()
        func walk(_ start: FactObject) -> Value {
            var object = start
            for slot in path {
                guard case .object(let next)? = object.values[slot] else { return .unknown }
                object = next
            }
            guard let value = object.values[last] else { return .unknown }
            return Interpreter.project(value, label: 0)
        }
        /// `v.a` and `v.a.b` on a quantifier's variable, the commonest members, without the loop.
        func variable(_ v: Int) -> Code {
            switch path.count {
            case 0:
                return { registers in
                    guard case .object(let object, _) = registers.variables[v], let value = object.values[last] else { return .unknown }
                    return Interpreter.project(value, label: 0)
                }
            case 1:
                let first = path[0]
                return { registers in
                    guard case .object(let object, _) = registers.variables[v], case .object(let inner)? = object.values[first],
                          let value = inner.values[last] else { return .unknown }
                    return Interpreter.project(value, label: 0)
                }
            default:
                return { registers in
                    guard case .object(let object, _) = registers.variables[v] else { return .unknown }
                    return walk(object)
                }
            }
        }
        switch base {
        case .root:
            return { walk($0.root) }
        case .variable(let v):
            return variable(v)
        default:
            let owner = compile(base)
            return { registers in
                guard case .object(let object, _) = owner(&registers) else { return .unknown }
                return walk(object)
            }
        }
    }

    /// A quantifier over a list; with `filter`, `l.filter(v, p).all(w, q)`
    /// without building the filtered list.
    static func quantifier(_ kind: Quantifier, _ list: Typed, slot: Int, body: Typed, filter: (predicate: Code, bodySlot: Int)?) -> Code {
        let list = compile(list), body = compile(body)
        return { registers in
            let values = list(&registers)
            guard let count = Interpreter.count(of: values) else { return .unknown }
            var sawUnknown = false
            var kept: [Value] = []
            for i in 0..<count {
                let item = Interpreter.element(values, at: i)
                registers.variables[slot] = item
                if let filter {
                    switch filter.predicate(&registers).truth {
                    case .no: continue
                    case .unknown: sawUnknown = true; continue
                    case .yes: registers.variables[filter.bodySlot] = item
                    }
                }
                if kind == .map {
                    let mapped = body(&registers)
                    if mapped.isUnknown { return .unknown }
                    kept.append(mapped)
                    continue
                }
                switch (kind, body(&registers).truth) {
                case (.exists, .yes): return .bool(true)
                case (.all, .no): return .bool(false)
                case (.filter, .yes): kept.append(item)
                case (_, .unknown): sawUnknown = true
                default: break
                }
            }
            switch kind {
            case .all: return sawUnknown ? .unknown : .bool(true)
            case .exists: return sawUnknown ? .unknown : .bool(false)
            case .filter: return sawUnknown ? .unknown : .list(kept)
            case .map: return .list(kept)
            }
        }
    }
}
