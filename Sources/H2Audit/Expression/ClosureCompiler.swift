/// A typed tree turned into nested closures, once per expression and mode.
///
/// - `answer` gives yes / no / unknown and nothing else: member chains are
///   fused into one walk over slot numbers and quantifiers stop at the first
///   element that decides them. The checker runs this for every requirement.
/// - `explain` gives the same answer and also records why: the values that
///   failed (witnesses, each named by its path in the site) and the facts
///   that are missing. The checker runs it only for requirements that are not
///   met, so `all` goes on past the first failure to name every one.
///
/// Logic is Kleene's in both modes: `false && unknown` is false,
/// `true || unknown` is true, and anything else touching a missing fact is
/// unknown. The test suite and the pack fuzzer check that both modes give the
/// same answer for every condition on every example and synthetic site.
struct ClosureProgram: @unchecked Sendable {
    enum Mode { case answer, explain }

    /// What the closures read and write while evaluating one site.
    struct Registers {
        let root: FactObject
        let asOf: Int
        /// The quantifiers' variables, in stack memory for one evaluation.
        let variables: UnsafeMutableBufferPointer<Value>
        /// What the explaining closures gathered (untouched in answer mode).
        var explanation: Explanation
        /// Quantifier elements visited so far (see `stepBudget`).
        var steps = 0
    }

    /// Most quantifier elements one evaluation of one condition may visit.
    /// Quantifiers nest, so cost is the product of list sizes (5 nested
    /// `all` over 100 items: 10^10); past the budget every quantifier
    /// returns unknown at once and the outcome says `budgetExceeded`.
    public static let stepBudget = 5_000_000

    typealias Code = (inout Registers) -> Value
    /// Finds the site fact an operand reads, and its path, for a witness.
    typealias FactReader = (inout Registers) -> (Fact, String)?

    private let code: Code
    private let slots: Int

    init(_ tree: Typed, slots: Int, mode: Mode) {
        self.code = Self.compile(tree, mode)
        self.slots = slots
    }

    /// The answer on one site.
    func truth(on root: FactObject, asOf: Day) -> Truth {
        run(root, asOf, .both) { value, _ in value.truth }
    }

    /// The answer with what explains it (witnesses and missing facts are
    /// gathered only by a program compiled in explain mode).
    func outcome(on root: FactObject, asOf: Day, gathering: Explanation.Gathering) -> Outcome {
        run(root, asOf, gathering) { value, registers in
            Outcome(truth: value.truth, witnesses: registers.explanation.witnesses, missing: registers.explanation.missing,
                    budgetExceeded: registers.steps > Self.stepBudget)
        }
    }

    private func run<T>(_ root: FactObject, _ asOf: Day, _ gathering: Explanation.Gathering,
                        _ finish: (Value, inout Registers) -> T) -> T {
        withUnsafeTemporaryAllocation(of: Value.self, capacity: slots) { variables in
            _ = variables.initialize(from: repeatElement(.unknown, count: slots))
            defer { variables.deinitialize() }
            var registers = Registers(root: root, asOf: asOf.ordinal, variables: variables,
                                      explanation: Explanation(gathering: gathering))
            let value = code(&registers)
            return finish(value, &registers)
        }
    }

    // MARK: - Compiling

    static func compile(_ typed: Typed, _ mode: Mode) -> Code {
        let explain = mode == .explain
        switch typed {
        case .constant(let v): return { _ in v }
        case .asOf: return { .date($0.asOf) }
        case .root: return { .object(ObjectRef($0.root), label: 0) }
        case .variable(let slot): return { $0.variables[slot] }
        case .member(let base, let slot, let name):
            guard explain else { return member(typed) }
            // One step at a time, so that each collection is labelled and a missing fact named.
            let owner = compile(base, mode)
            return { registers in
                guard case .object(let object, let label) = owner(&registers) else { return .unknown }
                guard let value = object.value(at: slot) else {
                    guard registers.explanation.wantsMissingFacts else { return .unknown }
                    registers.explanation.note(MissingFact(path: registers.explanation.path(label, name), mark: object.object.mark))
                    return .unknown
                }
                switch value {
                case .list, .object:  // only collections are reached through: label them
                    return Value.project(value, label: registers.explanation.label(.member(parent: label, name: name)))
                default:
                    return Value.project(value, label: 0)
                }
            }
        case .containsString(let element, let strings):
            let element = compile(element, mode)
            return { registers in
                guard case .string(let needle) = element(&registers) else { return .unknown }
                return .bool(strings.contains(needle))
            }
        case .truthy(let inner):
            let value = compile(inner, mode)
            guard explain else { return value }
            let whyFalse = falseExplainer(inner)
            return { registers in
                let result = value(&registers)
                if case .bool(false) = result { whyFalse(&registers) }
                return result
            }
        case .not(let inner):
            let inner = compile(inner, mode)
            return { registers in
                let before = registers.explanation.witnesses.count
                let result = inner(&registers)
                if explain { registers.explanation.keepWitnesses(before) }
                if case .bool(let b) = result { return .bool(!b) }
                return .unknown
            }
        case .negate(let inner):
            let inner = compile(inner, mode)
            return { registers in
                if case .number(let n) = inner(&registers) { return .number(-n) }
                return .unknown
            }
        case .and(let a, let b):
            let a = compile(a, mode), b = compile(b, mode)
            return { registers in
                let before = registers.explanation.witnesses.count
                let left = a(&registers).truth
                if left == .no { return .bool(false) }
                if explain { registers.explanation.keepWitnesses(before) }
                let right = b(&registers).truth
                if right == .no { return .bool(false) }
                return left == .yes && right == .yes ? .bool(true) : .unknown
            }
        case .or(let a, let b):
            let a = compile(a, mode), b = compile(b, mode)
            return { registers in
                let before = registers.explanation.witnesses.count
                let left = a(&registers).truth
                if left == .yes {
                    if explain { registers.explanation.keepWitnesses(before) }
                    return .bool(true)
                }
                let right = b(&registers).truth
                if right == .yes {
                    if explain { registers.explanation.keepWitnesses(before) }
                    return .bool(true)
                }
                return left == .no && right == .no ? .bool(false) : .unknown
            }
        case .compare(let op, let aTyped, let bTyped, let operand, let quotes):
            let a = compile(aTyped, mode), b = compile(bTyped, mode)
            guard explain else {
                return { registers in
                    Value.compare(op, a(&registers), b(&registers)).map { .bool($0) } ?? .unknown
                }
            }
            let whyNot = comparisonExplainer(op, aTyped, bTyped, operand, quotes)
            return { registers in
                let left = a(&registers), right = b(&registers)
                guard let result = Value.compare(op, left, right) else { return .unknown }
                if !result { whyNot(&registers, left, right) }
                return .bool(result)
            }
        case .arith(let op, let a, let b):
            let a = compile(a, mode), b = compile(b, mode)
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
            let a = compile(a, mode), b = compile(b, mode)
            return { registers in
                guard case .date(let d) = a(&registers), case .number(let n) = b(&registers), n.isFinite, abs(n) < 1e6 else { return .unknown }
                let amount = Int(n.rounded()) * sign
                return .date(months ? Day(ordinal: d).adding(months: amount).ordinal : d + amount)
            }
        case .dateDiff(let a, let b):
            let a = compile(a, mode), b = compile(b, mode)
            return { registers in
                guard case .date(let x) = a(&registers), case .date(let y) = b(&registers) else { return .unknown }
                return .number(Double(x - y))
            }
        case .ternary(let c, let a, let b):
            let c = compile(c, mode), a = compile(a, mode), b = compile(b, mode)
            return { registers in
                let before = registers.explanation.witnesses.count
                let condition = c(&registers).truth
                if explain { registers.explanation.keepWitnesses(before) }
                switch condition {
                case .yes: return a(&registers)
                case .no: return b(&registers)
                case .unknown: return .unknown
                }
            }
        case .contains(let element, let list):
            let element = compile(element, mode), list = compile(list, mode)
            return { registers in
                let needle = element(&registers)
                guard !needle.isUnknown, let items = list(&registers).elements else { return .unknown }
                var sawUnknown = false
                for item in items {
                    switch Value.compare(.eq, needle, item) {
                    case true?: return .bool(true)
                    case nil: sawUnknown = true
                    default: break
                    }
                }
                return sawUnknown ? .unknown : .bool(false)
            }
        case .quantifier(let kind, .quantifier(.filter, let list, let filterSlot, let predicate), let slot, let body)
            where kind == .all || kind == .exists:
            // `l.filter(v, p).all(w, q)` without building the filtered list.
            return quantifier(kind, list, slot: filterSlot, body: body, filter: (compile(predicate, mode), slot), mode)
        case .quantifier(let kind, let list, let slot, let body):
            return quantifier(kind, list, slot: slot, body: body, filter: nil, mode)
        case .size(let list):
            let list = compile(list, mode)
            return { registers in
                list(&registers).count.map { .number(Double($0)) } ?? .unknown
            }
        case .has(let member):
            guard case .member(let owner, let slot, _) = member else { return { _ in .bool(false) } }
            let base = compile(owner, mode)
            return { registers in
                guard case .object(let object, _) = base(&registers) else { return .bool(false) }
                return .bool(object.value(at: slot) != nil)
            }
        case .sqrt(let inner):
            let inner = compile(inner, mode)
            return { registers in
                guard case .number(let n) = inner(&registers), n >= 0 else { return .unknown }
                return .number(n.squareRoot())
            }
        case .extremum(let isMin, let a, let b):
            let a = compile(a, mode), b = compile(b, mode)
            return { registers in
                switch (a(&registers), b(&registers)) {
                case (.number(let p), .number(let q)): return .number(isMin ? min(p, q) : max(p, q))
                case (.date(let p), .date(let q)): return .date(isMin ? min(p, q) : max(p, q))
                default: return .unknown
                }
            }
        case .sum(let list):
            let list = compile(list, mode)
            return { registers in
                guard let items = list(&registers).elements else { return .unknown }
                var total = 0.0
                for item in items {
                    guard case .number(let n) = item else { return .unknown }
                    total += n
                }
                return .number(total)
            }
        case .tier(let x, let bounds, let values, let inclusive):
            let x = compile(x, mode)
            return { registers in
                guard case .number(let n) = x(&registers) else { return .unknown }
                for (i, bound) in bounds.enumerated() where inclusive ? n <= bound : n < bound { return values[i] }
                return values[bounds.count]
            }
        }
    }

    /// `a.b.c` read as one walk over slot numbers from the object at the base (answer mode).
    static func member(_ typed: Typed) -> Code {
        var slots: [Int] = []
        var base = typed
        while case .member(let inner, let slot, _) = base {
            slots.append(slot)
            base = inner
        }
        // Immutable from here: the closures capture constants, not a boxed variable checked on every access.
        let last = slots[0], path = Array(slots.dropFirst().reversed())
        func walk(_ start: ObjectRef) -> Value {
            var object = start
            for slot in path {
                guard let next = object.child(at: slot) else { return .unknown }
                object = next
            }
            guard let value = object.value(at: last) else { return .unknown }
            return Value.project(value, label: 0)
        }
        /// `v.a` and `v.a.b` on a quantifier's variable, the commonest members, without the loop.
        func variable(_ v: Int) -> Code {
            switch path.count {
            case 0:
                return { registers in
                    guard case .object(let object, _) = registers.variables[v], let value = object.value(at: last) else { return .unknown }
                    return Value.project(value, label: 0)
                }
            case 1:
                let first = path[0]
                return { registers in
                    guard case .object(let object, _) = registers.variables[v], let inner = object.child(at: first),
                          let value = inner.value(at: last) else { return .unknown }
                    return Value.project(value, label: 0)
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
            return { walk(ObjectRef($0.root)) }
        case .variable(let v):
            return variable(v)
        default:
            let owner = compile(base, .answer)
            return { registers in
                guard case .object(let object, _) = owner(&registers) else { return .unknown }
                return walk(object)
            }
        }
    }

    /// A quantifier over a list; with `filter`, `l.filter(v, p).all(w, q)`
    /// without building the filtered list. In explain mode elements are
    /// labelled, and `all` goes on past a failure to explain every element that fails.
    static func quantifier(_ kind: Quantifier, _ list: Typed, slot: Int, body: Typed,
                           filter: (predicate: Code, bodySlot: Int)?, _ mode: Mode) -> Code {
        let list = compile(list, mode), body = compile(body, mode)
        let explain = mode == .explain
        return { registers in
            let values = list(&registers)
            guard let count = values.count else { return .unknown }
            let before = registers.explanation.witnesses.count
            var sawUnknown = false, failed = false
            var kept: [Value] = []
            for i in 0..<count {
                registers.steps &+= 1
                if registers.steps > stepBudget { return .unknown }
                let item = explain ? element(values, at: i, labelledIn: &registers.explanation) : values.element(at: i)
                registers.variables[slot] = item
                if let filter {
                    let beforeFilter = registers.explanation.witnesses.count
                    let keep = filter.predicate(&registers).truth
                    if explain { registers.explanation.keepWitnesses(beforeFilter) }
                    switch keep {
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
                let beforeBody = registers.explanation.witnesses.count
                switch (kind, body(&registers).truth) {
                case (.exists, .yes):
                    if explain { registers.explanation.keepWitnesses(before) }
                    return .bool(true)
                case (.all, .no):
                    if !explain { return .bool(false) }
                    failed = true  // keep explaining the rest
                case (.filter, .yes): kept.append(item)
                case (_, .unknown): sawUnknown = true
                default: break
                }
                if explain && kind == .filter { registers.explanation.keepWitnesses(beforeBody) }
            }
            switch kind {
            case .all:
                if failed { return .bool(false) }
                if explain { registers.explanation.keepWitnesses(before) }
                return sawUnknown ? .unknown : .bool(true)
            case .exists: return sawUnknown ? .unknown : .bool(false)
            case .filter: return sawUnknown ? .unknown : .list(kept)
            case .map: return .list(kept)
            }
        }
    }

    /// Element `i` of a list value, labelled when it is a fact of the site.
    static func element(_ list: Value, at i: Int, labelledIn explanation: inout Explanation) -> Value {
        guard case .facts(let facts, let parent) = list else { return list.element(at: i) }
        return Value.project(facts[i].value, label: explanation.label(.element(parent: parent, index: i, fact: facts[i])))
    }

    // MARK: - Explaining

    /// The site fact behind a member access, and its path; nil for anything else.
    static func factReader(_ typed: Typed) -> FactReader? {
        guard case .member(let base, let slot, let name) = typed else { return nil }
        let owner = compile(base, .explain)
        return { registers in
            guard case .object(let object, let label) = owner(&registers), let fact = object.object.fact(at: slot) else { return nil }
            return (fact, registers.explanation.path(label, name))
        }
    }

    /// The first site fact a computed operand reads (a date shifted, a formula).
    static func firstFactReader(_ typed: Typed) -> FactReader? {
        switch typed {
        case .member: return factReader(typed)
        case .arith(_, let a, let b), .dateShift(let a, let b, _, _), .dateDiff(let a, let b), .extremum(_, let a, let b),
             .ternary(_, let a, let b):
            return either(firstFactReader(a), firstFactReader(b))
        case .negate(let a), .sqrt(let a), .tier(let a, _, _, _): return firstFactReader(a)
        default: return nil
        }
    }

    /// The first reader's fact, or else the second's.
    static func either(_ first: FactReader?, _ second: FactReader?) -> FactReader? {
        guard let first, let second else { return first ?? second }
        return { registers in first(&registers) ?? second(&registers) }
    }

    /// Records why a boolean operand is false: the flag that is false, or the field not given.
    static func falseExplainer(_ inner: Typed) -> (inout Registers) -> Void {
        if case .has(let member) = inner {
            guard case .member(let base, _, let name) = member else { return { _ in } }
            let owner = compile(base, .explain)
            return { registers in
                guard registers.explanation.wantsWitnesses,
                      case .object(let object, let label) = owner(&registers) else { return }
                registers.explanation.record(Witness(subject: registers.explanation.path(label, name), mark: object.object.mark,
                                                     found: "not given", required: "given"))
            }
        }
        guard let fact = factReader(inner) else { return { _ in } }
        return { registers in
            guard registers.explanation.wantsWitnesses, let (fact, label) = fact(&registers) else { return }
            registers.explanation.record(Witness(subject: label, mark: fact.mark, found: fact.isDefault ? "false (default)" : "false",
                                                 required: "true"))
        }
    }

    /// Records why a comparison is false, the site's value first: `found 4 m; required >= 5 m`.
    static func comparisonExplainer(_ op: CompareOp, _ a: Typed, _ b: Typed, _ type: ExprType,
                                    _ quotes: (String?, String?)) -> (inout Registers, Value, Value) -> Void {
        let leftReader = factReader(a), rightReader = factReader(b)
        let computedReader = either(firstFactReader(a), firstFactReader(b))
        let flipped: CompareOp = [.lt: .gt, .le: .ge, .gt: .lt, .ge: .le][op] ?? op
        /// What is required, `>= 5 m`: spelled out once here when the other side is a literal.
        func requirement(_ op: CompareOp, _ typed: Typed, _ quote: String?) -> (Value) -> String {
            if case .constant(let value) = typed {
                let text = "\(op.rawValue) \(Explanation.display(value, type))"
                return { _ in text }
            }
            return { value in "\(op.rawValue) \(Explanation.describe(typed, value, type, quote))" }
        }
        let requiredOfRight = requirement(flipped, a, quotes.0), required = requirement(op, b, quotes.1)
        return { registers, left, right in
            guard registers.explanation.wantsWitnesses else { return }
            let leftFact = leftReader?(&registers), rightFact = rightReader?(&registers)
            let witness: Witness
            if leftFact == nil, let (fact, label) = rightFact {
                witness = Witness(subject: label, mark: fact.mark, found: fact.display, required: requiredOfRight(left))
            } else {
                let required = required(right)
                if let (fact, label) = leftFact {
                    witness = Witness(subject: label, mark: fact.mark, found: fact.display, required: required)
                } else if let (fact, label) = computedReader?(&registers) {
                    // A computed side (date arithmetic, a formula): name the site fact it rests on.
                    witness = Witness(subject: "\(label) = \(fact.display)", mark: fact.mark,
                                      found: Explanation.describe(a, left, type, quotes.0), required: required)
                } else {
                    witness = Witness(subject: nil, mark: nil, found: Explanation.describe(a, left, type, quotes.0), required: required)
                }
            }
            registers.explanation.record(witness)
        }
    }
}
