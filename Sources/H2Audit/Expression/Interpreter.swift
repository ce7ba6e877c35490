/// Why a condition came out false: the value found and what was required.
public struct Witness: Sendable, Hashable {
    /// The site path the value came from, e.g. `equipment[D-1].distances.public_road`.
    public var subject: String?
    public var mark: SourceMark?
    public var found: String
    public var required: String

    /// `equipment[D-1].distances.public_road: found 4 m; required >= 5 m`.
    public var sentence: String { (subject.map { "\($0): " } ?? "") + "found \(found); required \(required)" }
}

/// A fact the site file does not give, with the place it should be added.
public struct MissingFact: Sendable, Hashable {
    public var path: String
    /// The mark of the object the fact belongs in.
    public var mark: SourceMark
}

/// The three-valued result of a condition: unknown when facts are missing.
public enum Truth: Sendable, Equatable { case yes, no, unknown }

/// What evaluating a condition found, with explanations in explain mode.
public struct Outcome: Sendable {
    public var truth: Truth
    public var witnesses: [Witness] = []
    public var missing: [MissingFact] = []
}

/// Walks a typed tree over one site: the explaining evaluator, run when a
/// condition fails or cannot be decided (`ClosureProgram` gives the answer
/// otherwise, with the same semantics). Logic is Kleene's: `false && unknown`
/// is false, `true || unknown` is true, and anything else touching a
/// missing fact is unknown.
struct Interpreter {
    let root: FactObject
    let asOf: Int
    let explain: Bool
    var variables: [Value]
    var witnesses: [Witness] = []
    var missing: [MissingFact] = []
    static let maxWitnesses = 50

    /// How a value was reached from the site, for naming it in explanations.
    /// Kept as numbered parts and spelled out only when a witness or a
    /// missing fact needs the words.
    enum LabelPart {
        case site
        case member(parent: Int, name: String)
        case element(parent: Int, index: Int, fact: Fact)
    }
    var labelParts: [LabelPart] = [.site]

    /// A new label number, in explain mode; 0 otherwise (labels are not needed).
    mutating func label(_ part: LabelPart) -> Int {
        guard explain else { return 0 }
        labelParts.append(part)
        return labelParts.count - 1
    }

    /// The words for label number `id`, e.g. `equipment[D-1].distances`.
    func labelText(_ id: Int) -> String {
        switch labelParts[id] {
        case .site: return ""
        case .member(let parent, let name): return Self.label(labelText(parent), name)
        case .element(let parent, let index, let fact): return Self.elementLabel(labelText(parent), index, fact)
        }
    }

    init(root: FactObject, asOf: Day, slots: Int, explain: Bool) {
        self.root = root
        self.asOf = asOf.ordinal
        self.explain = explain
        self.variables = slots == 0 ? [] : Array(repeating: .unknown, count: slots)
    }

    static func label(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : "\(parent).\(name)" }

    /// A fact's value as a runtime value; quantities are already canonical numbers.
    static func project(_ value: FactValue, label: Int) -> Value {
        switch value {
        case .text(let s): return .string(s)
        case .flag(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .quantity(let q): return .number(q.value)
        case .date(let d): return .date(d.ordinal)
        case .list(let items): return .facts(items, label: label)
        case .object(let o): return .object(o, label: label)
        }
    }

    /// Evaluates a member access to the fact behind it, for explanations.
    mutating func fact(_ typed: Typed) -> (Fact, String)? {
        guard case .member(let base, let slot, let name) = typed,
              case .object(let object, let label) = eval(base), let fact = object.fact(at: slot) else { return nil }
        return (fact, Self.label(labelText(label), name))
    }

    mutating func truth(_ typed: Typed) -> Truth { eval(typed).truth }

    mutating func eval(_ typed: Typed) -> Value {
        switch typed {
        case .constant(let v): return v
        case .asOf: return .date(asOf)
        case .root: return .object(root, label: 0)
        case .variable(let slot): return variables[slot]
        case .member(let base, let slot, let name):
            guard case .object(let object, let label) = eval(base) else { return .unknown }
            guard let value = object.values[slot] else {
                if explain { note(MissingFact(path: Self.label(labelText(label), name), mark: object.mark)) }
                return .unknown
            }
            switch value {
            case .list, .object:  // only collections are reached through: label them
                return Self.project(value, label: self.label(.member(parent: label, name: name)))
            default:
                return Self.project(value, label: 0)
            }
        case .containsString(let element, let strings):
            guard case .string(let needle) = eval(element) else { return .unknown }
            return .bool(strings.contains(needle))
        case .truthy(let inner):
            let result = eval(inner)
            if explain, case .bool(false) = result { explainFalse(inner) }
            return result
        case .not(let inner):
            let before = witnesses.count
            let result = eval(inner)
            if explain { witnesses.removeSubrange(before...) }
            if case .bool(let b) = result { return .bool(!b) }
            return .unknown
        case .negate(let inner):
            if case .number(let n) = eval(inner) { return .number(-n) }
            return .unknown
        case .and(let a, let b):
            let before = witnesses.count
            let left = truth(a)
            if left == .no { return .bool(false) }
            if explain { witnesses.removeSubrange(before...) }
            let right = truth(b)
            if right == .no { return .bool(false) }
            return left == .yes && right == .yes ? .bool(true) : .unknown
        case .or(let a, let b):
            let before = witnesses.count
            let left = truth(a)
            if left == .yes {
                if explain { witnesses.removeSubrange(before...) }
                return .bool(true)
            }
            let right = truth(b)
            if right == .yes {
                if explain { witnesses.removeSubrange(before...) }
                return .bool(true)
            }
            return left == .no && right == .no ? .bool(false) : .unknown
        case .compare(let op, let a, let b, let operand, let quotes):
            let left = eval(a), right = eval(b)
            guard let result = Self.compare(op, left, right) else { return .unknown }
            if explain && !result { explainComparison(op, a, b, left, right, operand, quotes) }
            return .bool(result)
        case .arith(let op, let a, let b):
            guard case .number(let x) = eval(a), case .number(let y) = eval(b) else { return .unknown }
            switch op {
            case .add: return .number(x + y)
            case .sub: return .number(x - y)
            case .mul: return .number(x * y)
            case .div: return y == 0 ? .unknown : .number(x / y)
            }
        case .dateShift(let a, let b, let months, let sign):
            guard case .date(let d) = eval(a), case .number(let n) = eval(b), n.isFinite, abs(n) < 1e6 else { return .unknown }
            let amount = Int(n.rounded()) * sign
            return .date(months ? Day(ordinal: d).adding(months: amount).ordinal : d + amount)
        case .dateDiff(let a, let b):
            guard case .date(let x) = eval(a), case .date(let y) = eval(b) else { return .unknown }
            return .number(Double(x - y))
        case .ternary(let c, let a, let b):
            let before = witnesses.count
            let condition = truth(c)
            if explain { witnesses.removeSubrange(before...) }
            switch condition {
            case .yes: return eval(a)
            case .no: return eval(b)
            case .unknown: return .unknown
            }
        case .contains(let element, let list):
            let needle = eval(element)
            guard !needle.isUnknown, let items = Self.elements(eval(list)) else { return .unknown }
            var sawUnknown = false
            for item in items {
                switch Self.compare(.eq, needle, item) {
                case true?: return .bool(true)
                case nil: sawUnknown = true
                default: break
                }
            }
            return sawUnknown ? .unknown : .bool(false)
        case .quantifier(let kind, .quantifier(.filter, let list, let filterSlot, let predicate), let slot, let body)
            where kind == .all || kind == .exists:
            // `l.filter(v, p).all(w, q)` without building the filtered list.
            return quantify(kind, eval(list), slot: filterSlot, body: body, filter: (predicate, slot))
        case .quantifier(let kind, let list, let slot, let body):
            return quantify(kind, eval(list), slot: slot, body: body)
        case .size(let list):
            switch eval(list) {
            case .list(let items): return .number(Double(items.count))
            case .facts(let items, _): return .number(Double(items.count))
            default: return .unknown
            }
        case .has(let member):
            guard case .member(let base, let slot, _) = member,
                  case .object(let object, _) = eval(base) else { return .bool(false) }
            return .bool(object.values[slot] != nil)
        case .sqrt(let inner):
            guard case .number(let n) = eval(inner), n >= 0 else { return .unknown }
            return .number(n.squareRoot())
        case .extremum(let isMin, let a, let b):
            let x = eval(a), y = eval(b)
            switch (x, y) {
            case (.number(let p), .number(let q)): return .number(isMin ? min(p, q) : max(p, q))
            case (.date(let p), .date(let q)): return .date(isMin ? min(p, q) : max(p, q))
            default: return .unknown
            }
        case .sum(let list):
            guard let items = Self.elements(eval(list)) else { return .unknown }
            var total = 0.0
            for item in items {
                guard case .number(let n) = item else { return .unknown }
                total += n
            }
            return .number(total)
        case .tier(let x, let bounds, let values, let inclusive):
            guard case .number(let n) = eval(x) else { return .unknown }
            for (i, bound) in bounds.enumerated() where inclusive ? n <= bound : n < bound { return values[i] }
            return values[bounds.count]
        }
    }

    /// The number of elements of a list value; nil when it is not a list.
    static func count(of list: Value) -> Int? {
        switch list {
        case .list(let items): return items.count
        case .facts(let facts, _): return facts.count
        default: return nil
        }
    }

    /// Element `i` of a list value, unlabelled.
    static func element(_ list: Value, at i: Int) -> Value {
        switch list {
        case .list(let items): return items[i]
        case .facts(let facts, _): return project(facts[i].value, label: 0)
        default: return .unknown
        }
    }

    /// The elements of a list value, facts turned into values, unlabelled.
    static func elements(_ list: Value) -> [Value]? {
        if case .list(let items) = list { return items }
        return count(of: list).map { n in (0..<n).map { element(list, at: $0) } }
    }

    /// Element `i` of a list value, labelled in explain mode.
    mutating func element(_ list: Value, at i: Int) -> Value {
        guard explain, case .facts(let facts, let parent) = list else { return Self.element(list, at: i) }
        return Self.project(facts[i].value, label: label(.element(parent: parent, index: i, fact: facts[i])))
    }

    static func elementLabel(_ list: String, _ index: Int, _ fact: Fact) -> String {
        if case .object(let o) = fact.value, let id = o.text("id") { return "\(list)[\(id)]" }
        return "\(list)[\(index)]"
    }

    /// Evaluates a quantifier over `list`. With `filter`, elements are first
    /// tested with the filter's predicate (bound at `slot`) and then bound at
    /// the filter's second slot for `body`.
    mutating func quantify(_ kind: Quantifier, _ list: Value, slot: Int, body: Typed,
                           filter: (predicate: Typed, bodySlot: Int)? = nil) -> Value {
        guard let count = Self.count(of: list) else { return .unknown }
        let before = witnesses.count
        var sawUnknown = false
        var kept: [Value] = []
        for i in 0..<count {
            let item = element(list, at: i)
            variables[slot] = item
            if let filter {
                let before = witnesses.count
                let keep = truth(filter.predicate)
                if explain { witnesses.removeSubrange(before...) }
                switch keep {
                case .no: continue
                case .unknown: sawUnknown = true; continue
                case .yes: variables[filter.bodySlot] = item
                }
            }
            if kind == .map {
                let mapped = eval(body)
                if mapped.isUnknown { return .unknown }
                kept.append(mapped)
                continue
            }
            let mark = witnesses.count
            let result = truth(body)
            switch (kind, result) {
            case (.exists, .yes):
                if explain { witnesses.removeSubrange(before...) }
                return .bool(true)
            case (.all, .no):
                if !explain { return .bool(false) }
                kept.append(.bool(false))  // remember that one failed; keep explaining the rest
            case (.filter, .yes): kept.append(item)
            case (_, .unknown): sawUnknown = true
            default: break
            }
            if explain && kind == .filter { witnesses.removeSubrange(mark...) }
        }
        switch kind {
        case .all:
            if !kept.isEmpty { return .bool(false) }
            if explain { witnesses.removeSubrange(before...) }
            return sawUnknown ? .unknown : .bool(true)
        case .exists: return sawUnknown ? .unknown : .bool(false)
        case .filter: return sawUnknown ? .unknown : .list(kept)
        case .map: return .list(kept)
        }
    }

    static func compare(_ op: CompareOp, _ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return ordered(op, x, y)
        case (.date(let x), .date(let y)): return ordered(op, x, y)
        case (.string(let x), .string(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        case (.bool(let x), .bool(let y)): return op == .eq ? x == y : op == .ne ? x != y : nil
        default: return nil
        }
    }

    static func ordered<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T) -> Bool {
        switch op {
        case .eq: return x == y
        case .ne: return x != y
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }

    mutating func note(_ missing: MissingFact) {
        if !self.missing.contains(missing) { self.missing.append(missing) }
    }

    mutating func record(_ witness: Witness) {
        if witnesses.count < Self.maxWitnesses, !witnesses.contains(witness) { witnesses.append(witness) }
    }

    func display(_ value: Value, _ type: ExprType) -> String {
        switch (value, type) {
        case (.number(let n), .quantity(let kind)): return QuantityText.format(Quantity(n, kind))
        case (.number(let n), _): return QuantityText.number(n)
        case (.date(let d), _): return Day(ordinal: d).description
        case (.string(let s), _): return "'\(s)'"
        case (.bool(let b), _): return b ? "true" : "false"
        default: return "?"
        }
    }

    mutating func explainFalse(_ inner: Typed) {
        switch inner {
        case .has(let member):
            if case .member(let base, _, let name) = member, case .object(let object, let label) = eval(base) {
                record(Witness(subject: Self.label(labelText(label), name), mark: object.mark, found: "not given", required: "given"))
            }
        default:
            if let (fact, label) = fact(inner) {
                record(Witness(subject: label, mark: fact.mark, found: fact.isDefault ? "false (default)" : "false", required: "true"))
            }
        }
    }

    /// `text = value` for a computed operand, the bare value for a literal.
    func describe(_ typed: Typed, _ value: Value, _ type: ExprType, _ quote: String?) -> String {
        if case .constant = typed { return display(value, type) }
        if let quote { return "\(quote) = \(display(value, type))" }
        return display(value, type)
    }

    mutating func explainComparison(_ op: CompareOp, _ a: Typed, _ b: Typed, _ left: Value, _ right: Value, _ type: ExprType,
                                    _ quotes: (String?, String?)) {
        let leftFact = fact(a), rightFact = fact(b)
        // Put the site's value first: `found: 4 m, required: >= 5 m`.
        if leftFact == nil, let (fact, label) = rightFact {
            let flipped: CompareOp = [.lt: .gt, .le: .ge, .gt: .lt, .ge: .le][op] ?? op
            record(Witness(subject: label, mark: fact.mark, found: fact.display, required: "\(flipped.rawValue) \(describe(a, left, type, quotes.0))"))
            return
        }
        let required = "\(op.rawValue) \(describe(b, right, type, quotes.1))"
        if let (fact, label) = leftFact {
            record(Witness(subject: label, mark: fact.mark, found: fact.display, required: required))
        } else if let (fact, label) = firstFact(in: a) ?? firstFact(in: b) {
            // A computed side (date arithmetic, a formula): name the site fact it rests on.
            record(Witness(subject: "\(label) = \(fact.display)", mark: fact.mark, found: describe(a, left, type, quotes.0), required: required))
        } else {
            record(Witness(subject: nil, mark: nil, found: describe(a, left, type, quotes.0), required: required))
        }
    }

    /// The first site fact a computed expression reads, for explanations.
    mutating func firstFact(in typed: Typed) -> (Fact, String)? {
        switch typed {
        case .member: return fact(typed)
        case .arith(_, let a, let b), .dateShift(let a, let b, _, _), .dateDiff(let a, let b), .extremum(_, let a, let b):
            return firstFact(in: a) ?? firstFact(in: b)
        case .negate(let a), .sqrt(let a), .tier(let a, _, _, _): return firstFact(in: a)
        case .ternary(_, let a, let b): return firstFact(in: a) ?? firstFact(in: b)
        default: return nil
        }
    }
}

/// An expression parsed and type-checked once, evaluated per site.
public struct CompiledExpression: @unchecked Sendable {
    public let text: String
    let tree: Typed
    let slots: Int
    /// The same tree as closures, for the answer alone.
    let program: ClosureProgram
    /// The schema the expression was checked against.
    let schema: ObjectSchema

    /// The values of root field `field` for which this condition can hold, when
    /// the condition requires `field == x` or `field in [...]` (possibly inside
    /// `&&`, or on every side of `||`); `nil` when it does not constrain it.
    public func requiredValues(ofRootField field: String) -> Set<String>? {
        guard let slot = SiteSchema.site.slot(of: field) else { return nil }
        func values(_ t: Typed) -> Set<String>? {
            switch t {
            case .truthy(let inner): return values(inner)
            case .compare(.eq, .member(.root, let s, _), .constant(.string(let x)), _, _) where s == slot: return [x]
            case .containsString(.member(.root, let s, _), let strings) where s == slot: return Set(strings)
            case .and(let a, let b):
                switch (values(a), values(b)) {
                case (let x?, let y?): return x.intersection(y)
                case (let x?, nil): return x
                case (nil, let y?): return y
                default: return nil
                }
            case .or(let a, let b):
                guard let x = values(a), let y = values(b) else { return nil }
                return x.union(y)
            default: return nil
            }
        }
        return values(tree)
    }

    /// The same expression compiled again from its text: new trees, new
    /// closures, new constants. Compiling succeeded once, so it succeeds again;
    /// should it not, the expression is shared instead.
    func recompiled() -> CompiledExpression {
        (try? CompiledExpression(text, schema: schema)) ?? self
    }

    /// Parses and checks `text` as a condition over `schema`.
    public init(_ text: String, schema: ObjectSchema = SiteSchema.site) throws(ExpressionError) {
        let syntax = try Parser.parse(text)
        var checker = TypeChecker(rootSchema: schema)
        checker.source = Array(text)
        self.tree = try checker.condition(syntax)
        self.slots = checker.slotCount
        self.text = text
        self.schema = schema
        self.program = ClosureProgram(tree, slots: slots)
    }

    /// Evaluates over one site. With `explain`, failures carry witnesses and
    /// unknowns carry the missing facts.
    public func evaluate(_ site: FactObject, asOf: Day, explain: Bool = false) -> Outcome {
        if !explain { return Outcome(truth: program.truth(on: site, asOf: asOf)) }
        return interpret(site, asOf: asOf, explain: explain)
    }

    /// Evaluates by walking the typed tree (the explaining evaluator).
    func interpret(_ site: FactObject, asOf: Day, explain: Bool) -> Outcome {
        var interpreter = Interpreter(root: site, asOf: asOf, slots: slots, explain: explain)
        let truth = interpreter.truth(tree)
        return Outcome(truth: truth, witnesses: interpreter.witnesses, missing: interpreter.missing)
    }
}
