/// An expression parsed and type-checked once, evaluated per site.
public struct CompiledExpression: @unchecked Sendable {
    public let text: String
    let tree: Typed
    let slots: Int
    /// The tree compiled for the answer alone: what the checker runs first.
    let program: ClosureProgram
    /// The tree compiled to also explain: run when the answer is no or unknown.
    let explainer: ClosureProgram
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
        self.program = ClosureProgram(tree, slots: slots, mode: .answer)
        self.explainer = ClosureProgram(tree, slots: slots, mode: .explain, annotations: checker.annotations)
    }

    /// Evaluates over one site. With `explain`, failures carry witnesses and
    /// unknowns carry the missing facts.
    public func evaluate(_ site: FactObject, asOf: Day, explain: Bool = false) -> Outcome {
        explain ? self.explain(site, asOf: asOf, gathering: .both) : Outcome(truth: program.truth(on: site, asOf: asOf))
    }

    /// Evaluates with the explaining program, gathering only what `gathering` asks for.
    func explain(_ site: FactObject, asOf: Day, gathering: Explanation.Gathering) -> Outcome {
        explainer.outcome(on: site, asOf: asOf, gathering: gathering)
    }
}
