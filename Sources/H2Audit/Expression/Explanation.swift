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
    /// Evaluation stopped at `ClosureProgram.stepBudget`: the truth is unknown, not decided.
    public var budgetExceeded = false
}

/// What an explaining program gathers while it evaluates one condition on
/// one site: the values that failed, the facts that are missing, and how
/// each collection it passed through was reached (for naming values).
struct Explanation {
    /// What to gather: a gap is shown by its witnesses, missing evidence by
    /// its missing facts; the checker asks only for what it will show.
    enum Gathering { case witnesses, missingFacts, both }
    let gathering: Gathering
    var wantsWitnesses: Bool { gathering != .missingFacts }
    var wantsMissingFacts: Bool { gathering != .witnesses }

    /// One step from the site to a collection: `a.b` or `list[i]`.
    enum LabelPart {
        case member(parent: Int, name: String)
        case element(parent: Int, index: Int, fact: Fact)
    }
    /// Label 0 is the site itself; label `i > 0` is `parts[i - 1]`. Kept as
    /// numbered parts and spelled out only when a witness or missing fact
    /// needs the words.
    private var parts: [LabelPart] = []
    private(set) var witnesses: [Witness] = []
    private(set) var missing: [MissingFact] = []
    /// The facts in `missing`, for a constant-time "already noted?" (a linear
    /// search made a site with 100,000 items quadratic: 203 s).
    private var noted: Set<MissingFact> = []
    static let maxWitnesses = 50

    init(gathering: Gathering) { self.gathering = gathering }

    /// A new label number for `part`.
    mutating func label(_ part: LabelPart) -> Int {
        if parts.isEmpty { parts.reserveCapacity(32) }  // one allocation for a typical explanation
        parts.append(part)
        return parts.count
    }

    /// The words for label number `label`, e.g. `equipment[D-1].distances`.
    func text(_ label: Int) -> String {
        var words = ""
        write(label, into: &words)
        return words
    }

    /// `equipment[D-1].distances.name`, or `name` at the site's top level.
    func path(_ label: Int, _ name: String) -> String {
        var words = ""
        write(label, into: &words)
        append(name, to: &words)
        return words
    }

    /// Spells out label `label` into one buffer, parents first.
    private func write(_ label: Int, into words: inout String) {
        guard label > 0 else {
            words.reserveCapacity(64)
            return
        }
        switch parts[label - 1] {
        case .member(let parent, let name):
            write(parent, into: &words)
            append(name, to: &words)
        case .element(let parent, let index, let fact):
            // `equipment[D-1]` for an item with an id, `stages[2]` otherwise.
            write(parent, into: &words)
            words += "["
            if case .object(let o) = fact.value, let id = o.text("id") { words += id } else { words += String(index) }
            words += "]"
        }
    }

    private func append(_ name: String, to words: inout String) {
        if !words.isEmpty { words += "." }
        words += name
    }

    mutating func note(_ fact: MissingFact) {
        if noted.insert(fact).inserted { missing.append(fact) }
    }

    mutating func record(_ witness: Witness) {
        if witnesses.count < Self.maxWitnesses, !witnesses.contains(witness) { witnesses.append(witness) }
    }

    /// Drops the witnesses recorded after the first `count`: a part that
    /// failed does not explain a whole that held.
    mutating func keepWitnesses(_ count: Int) {
        if witnesses.count > count { witnesses.removeSubrange(count...) }
    }

    /// A value as a person reads it, in the unit of its type.
    static func display(_ value: Value, _ type: ExprType) -> String {
        switch (value, type) {
        case (.number(let n), .quantity(let kind)): return n == .infinity ? "none" : QuantityText.format(Quantity(n, kind))
        case (.bounded(let n, let above), .quantity(let kind)): return (above ? "> " : "< ") + QuantityText.format(Quantity(n, kind))
        case (.number(let n), _): return QuantityText.number(n)
        case (.date(let d), _): return Day(ordinal: d).description
        case (.string(let s), _): return "'\(s)'"
        case (.bool(let b), _): return b ? "true" : "false"
        default: return "?"
        }
    }

    /// `text = value` for a computed operand, the bare value for a literal.
    static func describe(_ typed: Typed, _ value: Value, _ type: ExprType, _ quote: String?) -> String {
        if case .constant = typed { return display(value, type) }
        if let quote { return "\(quote) = \(display(value, type))" }
        return display(value, type)
    }
}
