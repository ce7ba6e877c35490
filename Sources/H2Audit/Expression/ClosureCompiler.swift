/// A typed tree turned into nested closures, once per expression and mode.
///
/// - `answer` gives yes / no / unknown and nothing else: member chains are
///   fused into one walk over slot numbers and quantifiers stop at the first
///   element that decides them. The checker runs this for every requirement.
/// - `explain` gives the same answer and also records why: the values that
///   failed (witnesses, each named by its path in the site) and the facts
///   that are missing. The checker runs it only for requirements that are not
///   met, so where a term must hold for the whole to hold (the condition
///   itself, both sides of its `&&` and `||`, both branches of `?:`, the
///   body of its `all`), it goes on past the first failure: every failing
///   term gives its witness and every missing fact is gathered in one pass.
///   Elsewhere (an `exists` body, a filter, under `!`, a `?:` condition) it
///   stops where the answer is decided, so that no fact is asked for that
///   cannot change it.
///
/// Logic is Kleene's in both modes: `false && unknown` is false,
/// `true || unknown` is true, `unknown ? x : x` is x (the answer does not
/// depend on the condition), and anything else touching a missing fact is
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

    init(_ tree: Typed, slots: Int, mode: Mode, annotations: Annotations = Annotations()) {
        self.code = ClosureCompiler(mode: mode, notes: annotations).compile(tree, required: true)
        self.slots = slots
    }

    /// The answer on one site.
    func truth(on root: FactObject, asOf: Day) -> Truth {
        run(root, asOf, .both) { value, _ in value.truth }
    }

    /// The answer on one site, and whether evaluation stopped at `stepBudget`
    /// (then the answer is unknown because it could not be decided).
    func truthWithinBudget(on root: FactObject, asOf: Day) -> (truth: Truth, budgetExceeded: Bool) {
        run(root, asOf, .both) { value, registers in (value.truth, registers.steps > Self.stepBudget) }
    }

    /// The answer with what explains it (witnesses and missing facts are
    /// gathered only by a program compiled in explain mode).
    func outcome(on root: FactObject, asOf: Day, gathering: Explanation.Gathering, spellsWitnesses: Bool = true,
                 touching: String? = nil) -> Outcome {
        run(root, asOf, gathering, spellsWitnesses: spellsWitnesses, touching: touching) { value, registers in
            var outcome = registers.explanation.outcome(value.truth)
            outcome.budgetExceeded = registers.steps > Self.stepBudget
            outcome.touched = registers.explanation.touched
            return outcome
        }
    }

    private func run<T>(_ root: FactObject, _ asOf: Day, _ gathering: Explanation.Gathering, spellsWitnesses: Bool = true,
                        touching: String? = nil, _ finish: (Value, inout Registers) -> T) -> T {
        withUnsafeTemporaryAllocation(of: Value.self, capacity: slots) { variables in
            _ = variables.initialize(from: repeatElement(.unknown, count: slots))
            defer { variables.deinitialize() }
            var registers = Registers(root: root, asOf: asOf.ordinal, variables: variables,
                                      explanation: Explanation(gathering: gathering, spellsWitnesses: spellsWitnesses, touching: touching))
            let value = code(&registers)
            return finish(value, &registers)
        }
    }
}

/// Compiles a typed tree into closures for one mode (see `ClosureProgram`).
struct ClosureCompiler {
    typealias Code = ClosureProgram.Code
    typealias Registers = ClosureProgram.Registers
    typealias FactReader = ClosureProgram.FactReader

    let mode: ClosureProgram.Mode
    /// What the type checker kept of the text, to quote it in explanations.
    let notes: Annotations
    var explain: Bool { mode == .explain }

    /// Longest computed operand quoted in a witness; longer ones show their value alone.
    static let maxQuote = 80
    /// Longest quantifier condition quoted when nothing in a list matches it.
    static let maxCondition = 200

    // MARK: - Compiling

    /// `required`: whether `typed` must hold for the whole condition to
    /// hold. In explain mode such a term is evaluated in full, so that the
    /// explanation names every failing part and every missing fact.
    func compile(_ typed: Typed, required: Bool = false) -> Code {
        switch typed {
        case .constant(let v): return { _ in v }
        case .asOf: return { .date($0.asOf) }
        case .root: return { .object(ObjectRef($0.root), label: 0) }
        case .variable(let slot): return { $0.variables[slot] }
        case .member:
            return explain ? explainedMember(typed) : Self.member(typed)
        case .containsString(let element, let strings):
            let needle = compile(element)
            guard explain else {
                return { registers in
                    guard case .string(let needle) = needle(&registers) else { return .unknown }
                    return .bool(strings.contains(needle))
                }
            }
            let subject = valueReader(element)
            let required = "one of " + strings.map { "'\($0)'" }.joined(separator: ", ")
            return { registers in
                guard case .string(let found) = needle(&registers) else { return .unknown }
                if strings.contains(found) { return .bool(true) }
                if registers.explanation.wantsWitnesses {
                    let (path, mark) = subject(&registers)
                    registers.explanation.record(Witness(subject: path, mark: mark, found: path == nil ? "'\(found)'" : found, required: required))
                }
                return .bool(false)
            }
        case .truthy(let inner):
            let value = compile(inner)
            guard explain else { return value }
            let whyFalse = falseExplainer(inner)
            return { registers in
                let result = value(&registers)
                if case .bool(false) = result { whyFalse(&registers) }
                return result
            }
        case .not(let inner):
            let inner = compile(inner)
            guard explain else {
                return { registers in
                    if case .bool(let b) = inner(&registers) { return .bool(!b) }
                    return .unknown
                }
            }
            let quietInner = Self.withoutWitnesses(inner)  // a true operand is the failure: its witnesses say nothing
            return { registers in
                let result = quietInner(&registers)
                if case .bool(let b) = result { return .bool(!b) }
                return .unknown
            }
        case .negate(let inner):
            let inner = compile(inner)
            return { registers in
                if case .number(let n) = inner(&registers) { return .number(-n) }
                return .unknown
            }
        case .and(let a, let b):
            let a = compile(a, required: required), b = compile(b, required: required)
            guard explain else {
                return { registers in
                    let left = a(&registers).truth
                    if left == .no { return .bool(false) }
                    let right = b(&registers).truth
                    if right == .no { return .bool(false) }
                    return left == .yes && right == .yes ? .bool(true) : .unknown
                }
            }
            return { registers in
                if registers.explanation.wantsDeadlines {
                    // Both must hold: under the deadlines of both, unless one fails whatever the date.
                    let start = registers.explanation.deadlines.count
                    let left = a(&registers).truth
                    let right = left == .no ? .no : b(&registers).truth
                    if left == .no || right == .no {
                        registers.explanation.deadlines.removeSubrange(start...)
                        return .bool(false)
                    }
                    return left == .yes && right == .yes ? .bool(true) : .unknown
                }
                let witnesses = registers.explanation.witnesses.count, missing = registers.explanation.missing.count
                let left = a(&registers).truth
                if left == .no && !required {
                    registers.explanation.keepMissing(missing)
                    return .bool(false)
                }
                if left != .no { registers.explanation.keepWitnesses(witnesses) }
                let middle = registers.explanation.witnesses.count
                let right = b(&registers).truth
                if right != .no { registers.explanation.keepWitnesses(middle) }
                if left == .no || right == .no {
                    // Where the whole must hold, a term left unknown must hold too: keep its facts.
                    if !required { registers.explanation.keepMissing(missing) }
                    return .bool(false)
                }
                return left == .yes && right == .yes ? .bool(true) : .unknown
            }
        case .or(let a, let b):
            let a = compile(a, required: required), b = compile(b, required: required)
            guard explain else {
                return { registers in
                    let left = a(&registers).truth
                    if left == .yes { return .bool(true) }
                    let right = b(&registers).truth
                    if right == .yes { return .bool(true) }
                    return left == .no && right == .no ? .bool(false) : .unknown
                }
            }
            return { registers in
                if registers.explanation.wantsDeadlines {
                    // Either may hold: both are evaluated, and the one that holds longer is kept.
                    let start = registers.explanation.deadlines.count
                    let left = a(&registers).truth
                    let middle = registers.explanation.deadlines.count
                    let right = b(&registers).truth
                    registers.explanation.keepDeadlines(or: left, start..<middle, right, middle..<registers.explanation.deadlines.count)
                    if left == .yes || right == .yes { return .bool(true) }
                    return left == .no && right == .no ? .bool(false) : .unknown
                }
                let witnesses = registers.explanation.witnesses.count, missing = registers.explanation.missing.count
                let left = a(&registers).truth
                let right = left == .yes ? .yes : b(&registers).truth
                if left == .yes || right == .yes {
                    registers.explanation.keepWitnesses(witnesses)
                    registers.explanation.keepMissing(missing)
                    return .bool(true)
                }
                // Both failed (each branch named) or one is undecided.
                return left == .no && right == .no ? .bool(false) : .unknown
            }
        case .compare(let op, let aTyped, let bTyped, let operand, let quotes):
            let a = compile(aTyped), b = compile(bTyped)
            guard explain else {
                return { registers in
                    Value.compare(op, a(&registers), b(&registers)).map { .bool($0) } ?? .unknown
                }
            }
            let whyNot = comparisonExplainer(op, aTyped, bTyped, operand, quotes)
            let deadline = deadlineRecorder(op, aTyped, bTyped, quotes)
            let touch = touchRecorder(aTyped, bTyped)
            return { registers in
                if let deadline, registers.explanation.wantsDeadlines { return deadline(&registers) }
                let left = a(&registers), right = b(&registers)
                if let touch, registers.explanation.touching != nil { touch(&registers) }
                guard let result = Value.compare(op, left, right) else { return .unknown }
                if !result { whyNot(&registers, left, right) }
                return .bool(result)
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
            let c = explain ? Self.withoutWitnesses(compile(c)) : compile(c), a = compile(a, required: required), b = compile(b, required: required)
            guard explain else {
                return { registers in
                    switch c(&registers).truth {
                    case .yes: return a(&registers)
                    case .no: return b(&registers)
                    case .unknown:
                        // Both branches alike: the answer does not depend on the condition.
                        let x = a(&registers), y = b(&registers)
                        return Value.same(x, y) ? x : .unknown
                    }
                }
            }
            return { registers in
                let witnesses = registers.explanation.witnesses.count, missing = registers.explanation.missing.count
                let condition = c(&registers).truth  // gathers missing facts only
                switch condition {
                case .yes: return a(&registers)
                case .no: return b(&registers)
                case .unknown:
                    let conditionFacts = missing..<registers.explanation.missing.count
                    let x = a(&registers), y = b(&registers)
                    guard Value.same(x, y) else {
                        registers.explanation.keepWitnesses(witnesses)
                        return .unknown
                    }
                    // Both branches false (each named) or both true: the condition's facts do not matter.
                    registers.explanation.dropMissing(conditionFacts)
                    return x
                }
            }
        case .contains(let element, let list):
            let element = compile(element), list = compile(list)
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
            return quantifier(kind, list, slot: filterSlot, body: body, filter: (predicate, slot), required: required)
        case .quantifier(let kind, let list, let slot, let body):
            return quantifier(kind, list, slot: slot, body: body, filter: nil, required: required)
        case .size(let list):
            let list = compile(list)
            return { registers in
                list(&registers).count.map { .number(Double($0)) } ?? .unknown
            }
        case .has(let member):
            guard case .member(let owner, let slot, _) = member else { return { _ in .bool(false) } }
            let base = compile(owner)
            guard explain else {
                return { registers in
                    guard case .object(let object, _) = base(&registers) else { return .bool(false) }
                    return .bool(object.value(at: slot) != nil)
                }
            }
            return { registers in
                // has() is never unknown: an absent owner asks for nothing.
                let missing = registers.explanation.missing.count
                defer { registers.explanation.keepMissing(missing) }
                guard case .object(let object, _) = base(&registers) else { return .bool(false) }
                return .bool(object.value(at: slot) != nil)
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
                guard let items = list(&registers).elements else { return .unknown }
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
                return values[Self.band(of: n, bounds: bounds, inclusive: inclusive)]
            }
        }
    }

    /// `a.b.c` in explain mode: one step at a time, so that each collection
    /// passed through is labelled, and a missing fact is named by its whole
    /// path from the site (`management.safety_rules_filed`, not `management`)
    /// at the nearest object the file does give.
    func explainedMember(_ typed: Typed) -> Code {
        var steps: [(slot: Int, name: String)] = []
        var base = typed
        while case .member(let inner, let slot, let name) = base {
            steps.append((slot, name))
            base = inner
        }
        steps.reverse()
        let names = steps.map(\.name)
        let owner = compile(base)
        return { registers in
            // Labels are made only for a collection reached at the end: a path
            // through objects is spelled from the base label and the names.
            guard case .object(var object, let base) = owner(&registers) else { return .unknown }
            for (k, step) in steps.enumerated() {
                guard let value = object.value(at: step.slot) else {
                    registers.explanation.note(MissingFact(path: registers.explanation.path(base, names), mark: object.object.mark))
                    return .unknown
                }
                if k == steps.count - 1 {
                    switch value {
                    case .list, .object:  // only collections are reached through: label them
                        var label = base
                        for name in names { label = registers.explanation.label(.member(parent: label, name: name)) }
                        return Value.project(value, label: label)
                    default:
                        return Value.project(value, label: 0)
                    }
                }
                guard case .object(let child) = value else { return .unknown }
                object = ObjectRef(child)
            }
            return .unknown
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
            let owner = ClosureCompiler(mode: .answer, notes: Annotations()).compile(base)
            return { registers in
                guard case .object(let object, _) = owner(&registers) else { return .unknown }
                return walk(object)
            }
        }
    }

    /// A quantifier over a list; with `filter`, `l.filter(v, p).all(w, q)`
    /// without building the filtered list. An element whose filter is
    /// unknown decides nothing when the body alone settles it (`all`: the
    /// body holds; `exists`: it fails). In explain mode elements are
    /// labelled, `all` goes on past a failure to explain every element that
    /// fails, and an `exists` that finds nothing says what it looked for.
    func quantifier(_ kind: Quantifier, _ list: Typed, slot: Int, body: Typed,
                    filter: (predicate: Typed, bodySlot: Int)?, required: Bool) -> Code {
        let listCode = compile(list)
        var bodyCode = compile(body, required: required && kind == .all)
        var predicate = filter.map { compile($0.predicate) }
        if explain {
            // A filter's witnesses are dropped whatever it finds: gather only its missing facts.
            predicate = predicate.map(Self.withoutWitnesses)
            if kind == .filter { bodyCode = Self.withoutWitnesses(bodyCode) }
        }
        let bodySlot = filter?.bodySlot ?? slot
        guard explain else {
            return { registers in
                let values = listCode(&registers)
                guard let count = values.count else { return .unknown }
                var sawUnknown = false
                var kept: [Value] = []
                for i in 0..<count {
                    registers.steps &+= 1
                    if registers.steps > ClosureProgram.stepBudget { return .unknown }
                    let item = values.element(at: i)
                    registers.variables[slot] = item
                    var keep = Truth.yes
                    if let predicate {
                        keep = predicate(&registers).truth
                        if keep == .no { continue }
                        registers.variables[bodySlot] = item
                    }
                    switch kind {
                    case .map:
                        let mapped = bodyCode(&registers)
                        if mapped.isUnknown { return .unknown }
                        kept.append(mapped)
                    case .filter:
                        switch bodyCode(&registers).truth {
                        case .yes: kept.append(item)
                        case .unknown: sawUnknown = true
                        case .no: break
                        }
                    case .all:
                        switch bodyCode(&registers).truth {
                        case .no:
                            if keep == .yes { return .bool(false) }
                            sawUnknown = true
                        case .unknown: sawUnknown = true
                        case .yes: break
                        }
                    case .exists:
                        switch bodyCode(&registers).truth {
                        case .yes:
                            if keep == .yes { return .bool(true) }
                            sawUnknown = true
                        case .unknown: sawUnknown = true
                        case .no: break
                        }
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
        let nothingFound = kind == .exists ? existsExplainer(list, slot: slot, body: bodySlot, filtered: filter != nil) : nil
        return { registers in
            let values = listCode(&registers)
            guard let count = values.count else { return .unknown }
            let witnesses = registers.explanation.witnesses.count, missing = registers.explanation.missing.count
            var sawUnknown = false, failed = false
            var kept: [Value] = []
            for i in 0..<count {
                registers.steps &+= 1
                if registers.steps > ClosureProgram.stepBudget { return .unknown }
                let (item, label) = Self.element(values, at: i, labelledIn: &registers.explanation)
                registers.variables[slot] = item
                registers.explanation.bind(slot, to: label)
                var keep = Truth.yes
                let filterFacts = registers.explanation.missing.count
                if let predicate {
                    keep = predicate(&registers).truth
                    if keep == .no {
                        registers.explanation.keepMissing(filterFacts)
                        continue
                    }
                    registers.variables[bodySlot] = item
                    registers.explanation.bind(bodySlot, to: label)
                }
                let beforeBody = registers.explanation.witnesses.count, bodyFacts = registers.explanation.missing.count
                switch kind {
                case .map:
                    let mapped = bodyCode(&registers)
                    if mapped.isUnknown { return .unknown }
                    kept.append(mapped)
                case .filter:
                    let truth = bodyCode(&registers).truth
                    switch truth {
                    case .yes: kept.append(item)
                    case .unknown: sawUnknown = true
                    case .no: registers.explanation.keepMissing(bodyFacts)
                    }
                case .all:
                    switch bodyCode(&registers).truth {
                    case .yes:
                        registers.explanation.keepWitnesses(beforeBody)
                        registers.explanation.keepMissing(filterFacts)  // holds whatever the filter says
                    case .no:
                        if keep == .yes { failed = true } else { sawUnknown = true }  // keep explaining the rest
                    case .unknown: sawUnknown = true
                    }
                case .exists:
                    switch bodyCode(&registers).truth {
                    case .yes where keep == .yes:
                        registers.explanation.keepWitnesses(witnesses)
                        registers.explanation.keepMissing(missing)
                        return .bool(true)
                    case .yes: sawUnknown = true
                    case .unknown: sawUnknown = true
                    case .no: registers.explanation.keepMissing(filterFacts)  // fails whatever the filter says
                    }
                }
            }
            switch kind {
            case .all:
                if failed {
                    if !required { registers.explanation.keepMissing(missing) }
                    return .bool(false)
                }
                registers.explanation.keepWitnesses(witnesses)
                return sawUnknown ? .unknown : .bool(true)
            case .exists:
                if sawUnknown { return .unknown }
                nothingFound?(&registers, count, witnesses)
                return .bool(false)
            case .filter: return sawUnknown ? .unknown : .list(kept)
            case .map: return .list(kept)
            }
        }
    }

    /// `code` run gathering missing facts but no witnesses: for a term whose
    /// witnesses would be dropped whatever it finds (an operand of `!`, a
    /// `?:` condition, a filter), so that none is spelled out for nothing.
    static func withoutWitnesses(_ code: @escaping Code) -> Code {
        return { registers in
            let gathering = registers.explanation.gathering
            guard gathering != .missingFacts else { return code(&registers) }
            registers.explanation.gathering = .missingFacts
            defer { registers.explanation.gathering = gathering }
            return code(&registers)
        }
    }

    /// Element `i` of a list value and its label, labelled when it is a fact of the site.
    static func element(_ list: Value, at i: Int, labelledIn explanation: inout Explanation) -> (Value, Int) {
        guard case .facts(let facts, let parent) = list else { return (list.element(at: i), 0) }
        let label = explanation.label(.element(parent: parent, index: i, fact: facts[i]))
        return (Value.project(facts[i].value, label: label), label)
    }

    // MARK: - Explaining

    /// Records what an `exists` that found nothing looked for, ahead of
    /// whatever its elements recorded: `permits: found none listed;
    /// required a permits item with kind == 'manufacture'`.
    func existsExplainer(_ list: Typed, slot: Int, body: Int, filtered: Bool)
        -> (inout Registers, Int, Int) -> Void {
        let reader = factReader(list)
        let conditions = (filtered ? [notes.conditions[slot], notes.conditions[body]] : [notes.conditions[slot]])
        let quoted = conditions.allSatisfy { $0 != nil }
        return { registers, count, position in
            guard registers.explanation.wantsWitnesses else { return }
            let place = reader?(&registers)
            guard registers.explanation.spellsWitnesses else {
                registers.explanation.record(Witness(subject: place?.1, mark: place?.0.mark, found: "", required: ""), at: position)
                return
            }
            let items = place.map { (Self.article($0.1) + " " + $0.1) + " item" } ?? "an item"
            var required = "a matching " + (place.map { "\($0.1) item" } ?? "item")
            if quoted {
                let words = conditions.map { self.condition($0!, in: registers) }
                if words.reduce(0, { $0 + $1.count }) <= Self.maxCondition {
                    required = "\(items) with " + words.joined(separator: " and ")
                }
            }
            let found = count == 0 ? "none listed" : count == 1 ? "the one listed does not match" : "none of the \(count) listed matches"
            registers.explanation.record(Witness(subject: place?.1, mark: place?.0.mark, found: found, required: required), at: position)
        }
    }

    /// `a` or `an` before `word`.
    static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    /// A quantifier's condition in the words of its items: `p.kind == 'x'`
    /// reads `kind == 'x'`, and the variable alone reads `the item`.
    func condition(_ quote: Quote, in registers: Registers) -> String {
        var words = ""
        var afterVariable = false
        for piece in quote.pieces {
            switch piece {
            case .text(let text):
                if afterVariable, text.hasPrefix(".") { words += text.dropFirst() } else {
                    if afterVariable { words += "the item" }
                    words += text
                }
                afterVariable = false
            case .variable:
                if afterVariable { words += "the item" }
                afterVariable = true
            }
        }
        if afterVariable { words += "the item" }
        return words
    }

    /// An operand's text with each quantifier variable spelled as the site
    /// path of the value it holds: `equipment[D-1].max_operating_pressure`.
    func render(_ quote: Quote?, in registers: Registers) -> String? {
        guard let quote else { return nil }
        var words = ""
        for piece in quote.pieces {
            switch piece {
            case .text(let text): words += text
            case .variable(let slot):
                let label = registers.explanation.label(ofVariable: slot)
                if label > 0 {
                    words += registers.explanation.text(label)
                } else {
                    let shown = slot < notes.slotTypes.count ? Explanation.display(registers.variables[slot], notes.slotTypes[slot]) : "?"
                    words += shown == "?" ? "the item" : shown
                }
            }
        }
        return words
    }

    /// `text = value` for a computed operand, the bare value for a literal
    /// (or when the text is too long to be read at a glance).
    func describe(_ typed: Typed, _ value: Value, _ type: ExprType, _ quote: Quote?, in registers: Registers) -> String {
        if case .constant = typed { return Explanation.display(value, type) }
        if let text = render(quote, in: registers), text.count <= Self.maxQuote { return "\(text) = \(Explanation.display(value, type))" }
        return Explanation.display(value, type)
    }

    /// The band of a `tier` table `n` falls in: the first whose upper bound
    /// holds it (`<=` for `tier`, `<` for `tier_below`), or the last.
    static func band(of n: Double, bounds: [Double], inclusive: Bool) -> Int {
        bounds.firstIndex { inclusive ? n < $0 || Value.sameNumber(n, $0) : n < $0 && !Value.sameNumber(n, $0) } ?? bounds.count
    }

    /// For a `tier` table resting on a site fact, the band the fact fell
    /// in, in the table's words: `the band for station.max_operating_pressure
    /// 82 MPa: over 40 MPa, up to 89 MPa`. Nil for any other operand.
    func tierBand(_ typed: Typed) -> ((Registers) -> String?)? {
        guard case .tier(let x, let bounds, _, let inclusive) = typed, let reader = firstFactReader(x) else { return nil }
        let input = ClosureCompiler(mode: .answer, notes: notes).compile(x)
        return { registers in
            var registers = registers  // the reader names the fact; the copy keeps the explanation as it was
            guard case .number(let n) = input(&registers), let (fact, path) = reader(&registers) else { return nil }
            // The bounds are in the unit of the table's input: the fact's own when it is the input.
            var kind: QuantityKind?
            if case .member = x, case .quantity(let q) = fact.value { kind = q.kind }
            func bound(_ b: Double) -> String { kind.map { QuantityText.format(Quantity(b, $0)) } ?? QuantityText.number(b) }
            let band = Self.band(of: n, bounds: bounds, inclusive: inclusive)
            let (over, upTo) = inclusive ? ("over", "up to") : ("from", "under")
            var words: [String] = []
            if band > 0 { words.append("\(over) \(bound(bounds[band - 1]))") }
            if band < bounds.count { words.append("\(upTo) \(bound(bounds[band]))") }
            return "the band for \(path) \(fact.display): " + words.joined(separator: ", ")
        }
    }

    /// What a computed operand resting on `fact` (at `path`) came to:
    /// `2024-02-01, + 3 yr = 2027-02-01` when the fact leads the formula.
    func computed(_ fact: Fact, _ path: String, _ value: Value, _ type: ExprType, _ quote: Quote?, in registers: Registers) -> String {
        let result = Explanation.display(value, type)
        if let text = render(quote, in: registers) {
            if text.hasPrefix(path) {
                let rest = text.dropFirst(path.count).drop(while: { $0 == " " })
                if rest.isEmpty { return fact.display }
                if rest.count <= Self.maxQuote { return "\(fact.display), \(rest) = \(result)" }
            } else if text.count <= Self.maxQuote {
                return "\(text) = \(result)"
            }
        }
        return "\(fact.display) (by the formula: \(result))"
    }

    /// The site fact behind a member access, and its path; nil for anything else.
    func factReader(_ typed: Typed) -> FactReader? {
        guard case .member(let base, let slot, let name) = typed else { return nil }
        let owner = compile(base)
        return { registers in
            let missing = registers.explanation.missing.count
            defer { registers.explanation.keepMissing(missing) }  // reading again asks for nothing
            guard case .object(let object, let label) = owner(&registers), let fact = object.object.fact(at: slot) else { return nil }
            return (fact, registers.explanation.path(label, name))
        }
    }

    /// Where a value shown in a witness comes from: a site fact's path and
    /// mark, or the path of the list item a quantifier variable holds.
    func valueReader(_ typed: Typed) -> (inout Registers) -> (String?, SourceMark?) {
        if let reader = factReader(typed) {
            return { registers in
                guard let (fact, path) = reader(&registers) else { return (nil, nil) }
                return (path, fact.mark)
            }
        }
        if case .variable(let slot) = typed {
            return { registers in
                let label = registers.explanation.label(ofVariable: slot)
                return (label > 0 ? registers.explanation.spell(label) : nil, nil)
            }
        }
        return { _ in (nil, nil) }
    }

    /// The first site fact a computed operand reads (a date shifted, a formula).
    func firstFactReader(_ typed: Typed) -> FactReader? {
        switch typed {
        case .member: return factReader(typed)
        case .arith(_, let a, let b), .dateShift(let a, let b, _, _), .dateDiff(let a, let b), .extremum(_, let a, let b),
             .ternary(_, let a, let b):
            return Self.either(firstFactReader(a), firstFactReader(b))
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
    func falseExplainer(_ inner: Typed) -> (inout Registers) -> Void {
        if case .has(let member) = inner {
            guard case .member(let base, _, let name) = member else { return { _ in } }
            let owner = compile(base)
            return { registers in
                guard registers.explanation.wantsWitnesses else { return }
                let missing = registers.explanation.missing.count
                let reached = owner(&registers)
                let absentOwner = registers.explanation.missing.count > missing ? registers.explanation.missing[missing] : nil
                registers.explanation.keepMissing(missing)
                if case .object(let object, let label) = reached {
                    registers.explanation.record(Witness(subject: registers.explanation.path(label, name), mark: object.object.mark,
                                                         found: "not given", required: "given"))
                } else if let absentOwner {
                    // The object that would hold it is not given either: name the whole path.
                    registers.explanation.record(Witness(subject: absentOwner.path + "." + name, mark: absentOwner.mark,
                                                         found: "not given", required: "given"))
                }
            }
        }
        guard let fact = factReader(inner) else { return { _ in } }
        return { registers in
            guard registers.explanation.wantsWitnesses, let (fact, label) = fact(&registers) else { return }
            registers.explanation.record(Witness(subject: label, mark: fact.mark, found: fact.isDefault ? "false (default)" : "false",
                                                 required: "true"))
        }
    }

    /// For `DATE >= as_of`, `DATE > as_of` (or `as_of <= DATE`, `as_of < DATE`)
    /// where DATE rests on a site fact: a closure that records the deadline
    /// and takes the comparison to hold (`.deadlines` gathering). Nil for
    /// any other comparison.
    func deadlineRecorder(_ op: CompareOp, _ a: Typed, _ b: Typed, _ quotes: (Quote?, Quote?)) -> Code? {
        let date: Typed, quote: Quote?, strict: Bool
        switch (a, b, op) {
        case (_, .asOf, .ge), (_, .asOf, .gt): (date, quote, strict) = (a, quotes.0, op == .gt)
        case (.asOf, _, .le), (.asOf, _, .lt): (date, quote, strict) = (b, quotes.1, op == .lt)
        default: return nil
        }
        guard let reader = firstFactReader(date) else { return nil }
        let value = compile(date)
        // `last + 1 yr + 15 d` (or `+ 1 yr + 1 mo`): a grace period after the interval; the window opens when the interval ends, `last + 1 yr`.
        var opening: Code?
        if case .dateShift(let inner, _, _, 1) = date, case .dateShift(_, _, _, 1) = inner { opening = compile(inner) }
        // The interval in the pack's words, `+ 1 yr + 15 d`, when every step is a constant.
        var steps: [String] = []
        var base = date
        while case .dateShift(let inner, .constant(.number(let n)), let months, let sign) = base {
            let amount = Int(n.rounded())
            let words = months ? (amount % 12 == 0 ? "\(amount / 12) yr" : "\(amount) mo") : "\(amount) d"
            steps.insert("\(sign < 0 ? "-" : "+") \(words)", at: 0)
            base = inner
        }
        let interval = steps.isEmpty || firstFactReader(base) == nil ? nil : steps.joined(separator: " ")
        return { registers in
            guard case .date(let d) = value(&registers), let (fact, path) = reader(&registers) else { return .unknown }
            let due = Day(ordinal: strict ? d - 1 : d)
            var start: Day?
            if let opening, case .date(let o) = opening(&registers), o <= due.ordinal { start = Day(ordinal: o) }
            let formula = interval.map { "\(fact.display) \($0) = \(Day(ordinal: d))" }
                ?? self.computed(fact, path, .date(d), .date, quote, in: registers)
            registers.explanation.deadlines.append(Deadline(subject: path, mark: fact.mark, from: fact.display, formula: formula,
                                                            due: due, windowStart: start))
            return .bool(true)
        }
    }

    /// The failed comparison of a site quantity in canonical units, for
    /// finding the one value that meets two regimes (`BindingFix`).
    static func measure(_ op: CompareOp, found: Value, required: Value, _ type: ExprType) -> [Measure] {
        guard case .quantity(let kind) = type, case .number(let f) = found, case .number(let r) = required else { return [] }
        let direction: Threshold.Direction
        switch op {
        case .ge, .gt: direction = .minimum
        case .le, .lt: direction = .maximum
        case .eq: direction = .exact
        case .ne: return []
        }
        return [Measure(direction: direction, strict: op == .gt || op == .lt, found: f, required: r, kind: kind)]
    }

    /// Notes that a comparison reads the site value at `Explanation.touching`
    /// (on either side, directly or through a formula). Nil when neither side
    /// reads a site fact.
    func touchRecorder(_ a: Typed, _ b: Typed) -> ((inout Registers) -> Void)? {
        let readers = [factReader(a), factReader(b), firstFactReader(a), firstFactReader(b)].compactMap { $0 }
        guard !readers.isEmpty else { return nil }
        return { registers in
            guard let target = registers.explanation.touching, !registers.explanation.touched else { return }
            for reader in readers where reader(&registers)?.1 == target {
                registers.explanation.touched = true
                return
            }
        }
    }

    /// Records why a comparison is false, the site's value first: `found 4 m; required >= 5 m`.
    /// A computed side is named by the site fact it rests on, never by a variable of the pack.
    func comparisonExplainer(_ op: CompareOp, _ a: Typed, _ b: Typed, _ type: ExprType,
                             _ quotes: (Quote?, Quote?)) -> (inout Registers, Value, Value) -> Void {
        let leftReader = factReader(a), rightReader = factReader(b)
        let leftComputed = firstFactReader(a), rightComputed = firstFactReader(b)
        let flipped: CompareOp = [.lt: .gt, .le: .ge, .gt: .lt, .ge: .le][op] ?? op
        /// The unit a literal limit is written in (`30 Nm3/d`) where it is not
        /// the canonical one: the limit is shown as the pack wrote it, and the
        /// site's value in the same unit beside its canonical form.
        func writtenUnit(_ typed: Typed, _ quote: Quote?) -> String? {
            guard case .constant(.number) = typed, case .quantity(let kind) = type, let quote, quote.pieces.count == 1,
                  case .text(let text) = quote.pieces[0], let (_, symbol) = QuantityText.split(text),
                  symbol != kind.canonicalSymbol, QuantityText.size(of: symbol, kind) != nil else { return nil }
            return symbol
        }
        let unit = writtenUnit(b, quotes.1) ?? writtenUnit(a, quotes.0)
        // Canonical units per one of `unit`, looked up once here rather than per witness.
        let perUnit: Double? = unit.flatMap { u in
            guard case .quantity(let kind) = type else { return nil }
            return QuantityText.size(of: u, kind)
        }
        /// A site value in the limit's unit: `500 Nm3/d (= 20.8333 Nm3/h)`; as it reads otherwise.
        func found(_ fact: Fact, _ value: Value) -> String {
            guard let unit, let perUnit, fact.written == nil, case .number(let n) = value, n.isFinite else { return fact.display }
            return "\(QuantityText.number(n / perUnit)) \(unit) (= \(fact.display))"
        }
        /// What is required, `>= 5 m`: spelled out once here when the other side is a literal.
        func requirement(_ op: CompareOp, _ typed: Typed, _ quote: Quote?) -> (Value, Registers) -> String {
            if case .constant(let value) = typed {
                var shown = Explanation.display(value, type)
                if let unit, case .number(let n) = value, case .quantity(let kind) = type, let written = QuantityText.format(n, kind, in: unit) {
                    shown = written
                }
                let text = "\(op.rawValue) \(shown)"
                return { _, _ in text }
            }
            if let band = tierBand(typed) {
                return { value, registers in "\(op.rawValue) \(Explanation.display(value, type))" + (band(registers).map { " (\($0))" } ?? "") }
            }
            return { value, registers in "\(op.rawValue) \(self.describe(typed, value, type, quote, in: registers))" }
        }
        let requiredOfRight = requirement(flipped, a, quotes.0), required = requirement(op, b, quotes.1)
        return { registers, left, right in
            guard registers.explanation.wantsWitnesses else { return }
            let leftFact = leftReader?(&registers), rightFact = rightReader?(&registers)
            guard registers.explanation.spellsWitnesses else {
                // The subject alone (a fingerprint): the same fact the spelled witness names.
                let place = leftFact ?? rightFact ?? leftComputed?(&registers) ?? rightComputed?(&registers)
                registers.explanation.record(Witness(subject: place?.1, mark: place?.0.mark, found: "", required: ""))
                return
            }
            let witness: Witness
            if let (fact, path) = leftFact {
                witness = Witness(subject: path, mark: fact.mark, found: found(fact, left), required: required(right, registers),
                                  measures: Self.measure(op, found: left, required: right, type))
            } else if let (fact, path) = rightFact {
                witness = Witness(subject: path, mark: fact.mark, found: found(fact, right), required: requiredOfRight(left, registers),
                                  measures: Self.measure(flipped, found: right, required: left, type))
            } else if let (fact, path) = leftComputed?(&registers) {
                // A computed side (date arithmetic, a formula): name the site fact it rests on.
                witness = Witness(subject: path, mark: fact.mark, found: self.computed(fact, path, left, type, quotes.0, in: registers),
                                  required: required(right, registers))
            } else if let (fact, path) = rightComputed?(&registers) {
                witness = Witness(subject: path, mark: fact.mark, found: self.computed(fact, path, right, type, quotes.1, in: registers),
                                  required: requiredOfRight(left, registers))
            } else {
                witness = Witness(subject: nil, mark: nil, found: self.describe(a, left, type, quotes.0, in: registers),
                                  required: required(right, registers))
            }
            registers.explanation.record(witness)
        }
    }
}
