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

    /// The dated obligations under which the condition holds on `site`: each
    /// comparison of a site date (shifted by the pack's interval) with the
    /// as-of date is taken to hold and gives a deadline; `&&` keeps both
    /// sides' deadlines, `||` the side that holds longer, and a side that
    /// holds whatever the date (a blast wall instead of a distance) none.
    /// Every other term is evaluated as the checker evaluates it at `asOf`.
    /// The truth is the condition's on that assumption: `.no` means it fails
    /// whatever the dates.
    public func deadlines(_ site: FactObject, asOf: Day) -> Outcome {
        explain(site, asOf: asOf, gathering: .deadlines)
    }

    /// Evaluates with the explaining program, gathering only what `gathering`
    /// asks for; without `spellsWitnesses`, witnesses name their subject only.
    func explain(_ site: FactObject, asOf: Day, gathering: Explanation.Gathering, spellsWitnesses: Bool = true) -> Outcome {
        explainer.outcome(on: site, asOf: asOf, gathering: gathering, spellsWitnesses: spellsWitnesses)
    }
}
