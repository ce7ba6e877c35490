/// Why a condition came out false: the value found and what was required.
public struct Witness: Sendable, Hashable {
    /// The site path the value came from, e.g. `equipment[D-1].distances.public_road`.
    public var subject: String?
    public var mark: SourceMark?
    public var found: String
    public var required: String
    /// The comparisons behind it in canonical units, one per alternative
    /// that failed on this value (empty where the site value is not a
    /// quantity read straight from the file).
    public var measures: [Measure] = []

    /// `equipment[D-1].distances.public_road: found 4 m; required >= 5 m`.
    public var sentence: String { (subject.map { "\($0): " } ?? "") + "found \(found); required \(required)" }
}

/// A failed comparison of a site quantity with a limit, in canonical units:
/// found 4.5 (m), required minimum 5 (m).
public struct Measure: Sendable, Hashable {
    public var direction: Threshold.Direction
    /// `>` or `<` rather than `>=` or `<=`.
    public var strict: Bool
    public var found: Double
    public var required: Double
    public var kind: QuantityKind
}

/// A dated obligation found in a condition: a site date, shifted by the
/// pack's interval, compared with the as-of date (`inspections.last_periodic
/// + 1 yr + 15 d >= as_of`). The condition holds up to and including `due`.
public struct Deadline: Sendable, Hashable {
    /// The site path of the date the obligation counts from.
    public var subject: String
    public var mark: SourceMark?
    /// The site's date as written.
    public var from: String
    /// The pack's formula, in the site's words: `2024-02-01, + 3 yr = 2027-02-01`.
    public var formula: String
    /// The last day on which the condition holds.
    public var due: Day
    /// Where the formula adds a grace period in days to an interval in
    /// months or years (`+ 1 yr + 15 d`): the day the interval ends, when
    /// the window opens. Nil for a deadline without a grace period.
    public var windowStart: Day?
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
    /// Gathered without spelling witnesses (`Explanation.spellsWitnesses`
    /// false), two witnesses named the same site path: which of them a
    /// spelled explanation keeps depends on their words, so the witnesses'
    /// subjects may differ from a spelled explanation's. Ask again spelled.
    var subjectsAmbiguous = false
    /// With `Explanation.Gathering.deadlines`: the dated obligations under
    /// which the condition holds (see `CompiledExpression.deadlines`).
    public var deadlines: [Deadline] = []
}

/// What an explaining program gathers while it evaluates one condition on
/// one site: the values that failed, the facts that are missing, and how
/// each collection it passed through was reached (for naming values).
struct Explanation {
    /// What to gather: a gap is shown by its witnesses, missing evidence by
    /// its missing facts; the checker asks only for what it will show.
    /// `deadlines`: neither, but every comparison of a site date with the
    /// as-of date is taken to hold and recorded as a `Deadline` (the
    /// calendar); `&&` and `||` keep the deadlines the whole holds under.
    enum Gathering { case witnesses, missingFacts, both, deadlines }
    /// Changed only for the length of a term whose witnesses would be dropped (`ClosureCompiler.withoutWitnesses`).
    var gathering: Gathering
    var wantsWitnesses: Bool { gathering == .witnesses || gathering == .both }
    var wantsMissingFacts: Bool { gathering == .missingFacts || gathering == .both }
    var wantsDeadlines: Bool { gathering == .deadlines }
    /// The deadlines recorded so far (with `.deadlines`).
    var deadlines: [Deadline] = []
    /// False when only the witnesses' subjects are wanted (a fingerprint):
    /// `found` and `required` are left empty instead of spelled, which is
    /// most of an explanation's cost. The subjects are those a spelled
    /// explanation gives unless `subjectsAmbiguous` says otherwise.
    var spellsWitnesses = true
    /// See `Outcome.subjectsAmbiguous`.
    private(set) var subjectsAmbiguous = false

    /// Keeps the deadlines `a || b` holds under: a side that does not hold
    /// (or is undecided) gives none; a side that holds with no deadline
    /// makes the whole hold for ever; otherwise the side that holds longer
    /// (the later of the two earliest deadlines) is kept.
    mutating func keepDeadlines(or left: Truth, _ leftRange: Range<Int>, _ right: Truth, _ rightRange: Range<Int>) {
        let l = left == .yes, r = right == .yes
        let keep: Range<Int>?
        switch (l, r) {
        case (false, false): keep = nil
        case (true, false): keep = leftRange
        case (false, true): keep = rightRange
        case (true, true):
            if leftRange.isEmpty || rightRange.isEmpty { keep = nil } else {
                let leftDue = deadlines[leftRange].map(\.due).min()!, rightDue = deadlines[rightRange].map(\.due).min()!
                keep = leftDue >= rightDue ? leftRange : rightRange
            }
        }
        let kept = keep.map { Array(deadlines[$0]) } ?? []
        deadlines.removeSubrange(leftRange.lowerBound..<rightRange.upperBound)
        deadlines += kept
    }

    /// One step from the site to a collection: `a.b` or `list[i]`.
    enum LabelPart {
        case member(parent: Int, name: String)
        case element(parent: Int, index: Int, fact: Fact)
    }
    /// Label 0 is the site itself; label `i > 0` is `parts[i - 1]`. Kept as
    /// numbered parts and spelled out only when a witness or missing fact
    /// needs the words.
    private var parts: [LabelPart] = []
    /// The words of labels spelled so far, by label - 1 (see `spell`).
    private var spelled: [String?] = []
    private(set) var witnesses: [Witness] = []
    /// Missing facts in the order they were met, repeats included (removed once, at the end).
    private(set) var missing: [MissingFact] = []
    /// The label of the value each quantifier variable holds, by slot (0: none).
    private var variableLabels: [Int] = []
    static let maxWitnesses = 50

    init(gathering: Gathering, spellsWitnesses: Bool = true) {
        self.gathering = gathering
        self.spellsWitnesses = spellsWitnesses
    }

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

    /// As `text(_:)`, kept for the next time: the same list item is
    /// usually named by several witnesses and missing facts.
    mutating func spell(_ label: Int) -> String {
        guard label > 0 else { return "" }
        if spelled.count < label { spelled += repeatElement(nil, count: parts.count - spelled.count) }
        if let words = spelled[label - 1] { return words }
        let words = text(label)
        spelled[label - 1] = words
        return words
    }

    /// `equipment[D-1].distances.name`, or `name` at the site's top level.
    mutating func path(_ label: Int, _ name: String) -> String {
        var words = spell(label)
        append(name, to: &words)
        return words
    }

    /// `management.safety_rules_filed`: the path from label `label` down through `names`.
    mutating func path<Names: Sequence<String>>(_ label: Int, _ names: Names) -> String {
        var words = spell(label)
        for name in names { append(name, to: &words) }
        return words
    }

    /// Records that quantifier variable `slot` now holds the value labelled `label`.
    mutating func bind(_ slot: Int, to label: Int) {
        if variableLabels.count <= slot { variableLabels += repeatElement(0, count: slot + 1 - variableLabels.count) }
        variableLabels[slot] = label
    }

    /// The label of the value variable `slot` holds; 0 when it has none.
    func label(ofVariable slot: Int) -> Int {
        slot < variableLabels.count ? variableLabels[slot] : 0
    }

    /// Spells out label `label` into one buffer, parents first.
    private func write(_ label: Int, into words: inout String) {
        guard label > 0 else {
            words.reserveCapacity(64)
            return
        }
        if label <= spelled.count, let known = spelled[label - 1] {
            words.reserveCapacity(known.utf8.count + 32)
            words += known
            return
        }
        switch parts[label - 1] {
        case .member(let parent, let name):
            write(parent, into: &words)
            append(name, to: &words)
        case .element(let parent, let index, let fact):
            // `equipment[D-1]` for an item with an id, `personnel.safety_managers[Choi Min-jun]`
            // for one with a name, `stages[2]` otherwise.
            write(parent, into: &words)
            words += "["
            if case .object(let o) = fact.value, let name = o.text("id") ?? o.text("name") { words += name } else { words += String(index) }
            words += "]"
        }
    }

    private func append(_ name: String, to words: inout String) {
        if !words.isEmpty { words += "." }
        words += name
    }

    mutating func note(_ fact: MissingFact) {
        missing.append(fact)
    }

    mutating func record(_ witness: Witness) {
        guard spellsWitnesses else { return recordUnspelled(witness, at: witnesses.count) }
        if witnesses.count < Self.maxWitnesses, !witnesses.contains(witness) { witnesses.append(witness) }
    }

    /// Without spelling, every witness is kept, repeats included: a spelled
    /// explanation leaves out a witness equal to one it holds, and that one
    /// names the same subject, is recorded earlier and is dropped whenever
    /// the later one would be, so the subjects are the same. Only the cap
    /// can tell them apart (the spelled list is shorter): a list that
    /// reaches it is marked ambiguous.
    private mutating func recordUnspelled(_ witness: Witness, at position: Int) {
        guard witnesses.count < Self.maxWitnesses - 1 else {
            subjectsAmbiguous = true
            return
        }
        witnesses.insert(witness, at: min(position, witnesses.count))
    }

    /// Records `witness` before those recorded after the first `count`: a
    /// whole's summary ahead of its parts' details.
    mutating func record(_ witness: Witness, at count: Int) {
        guard spellsWitnesses else { return recordUnspelled(witness, at: count) }
        guard !witnesses.contains(witness) else { return }
        witnesses.insert(witness, at: min(count, witnesses.count))
        if witnesses.count > Self.maxWitnesses { witnesses.removeLast() }
    }

    /// Drops the witnesses recorded after the first `count`: a part that
    /// failed does not explain a whole that held.
    mutating func keepWitnesses(_ count: Int) {
        if witnesses.count > count { witnesses.removeSubrange(count...) }
    }

    /// Drops the missing facts noted after the first `count`: facts that
    /// cannot change a part's answer are not asked for.
    mutating func keepMissing(_ count: Int) {
        if missing.count > count { missing.removeSubrange(count...) }
    }

    /// Drops the missing facts noted in `range` (a condition whose answer turned out not to matter).
    mutating func dropMissing(_ range: Range<Int>) {
        let range = range.clamped(to: 0..<missing.count)
        if !range.isEmpty { missing.removeSubrange(range) }
    }

    /// What was gathered, as the outcome of a condition whose answer is `truth`.
    /// In a gap, each fact still missing is a witness too ("not given"): a
    /// term it leaves undecided must hold as well, so the user sees every
    /// fact to supply at once, not one more after each fix.
    func outcome(_ truth: Truth) -> Outcome {
        let missing = Self.unique(self.missing)
        var witnesses = self.witnesses
        var ambiguous = subjectsAmbiguous
        if truth == .no, wantsWitnesses {
            for fact in missing {
                guard spellsWitnesses else {
                    // Its path is among the subjects either way (see `recordUnspelled`).
                    if witnesses.count >= Self.maxWitnesses - 1 { ambiguous = true } else {
                        witnesses.append(Witness(subject: fact.path, mark: fact.mark, found: "", required: ""))
                    }
                    continue
                }
                if witnesses.count < Self.maxWitnesses, !witnesses.contains(where: { $0.subject == fact.path && $0.found == "not given" }) {
                    witnesses.append(Witness(subject: fact.path, mark: fact.mark, found: "not given", required: "given"))
                }
            }
        }
        var outcome = Outcome(truth: truth, witnesses: witnesses, missing: wantsMissingFacts ? missing : [], deadlines: deadlines)
        outcome.subjectsAmbiguous = ambiguous
        return outcome
    }

    /// `facts` without repeats, in their first order: a scan for the few an
    /// explanation usually holds, a set for many (linear, not quadratic).
    static func unique(_ facts: [MissingFact]) -> [MissingFact] {
        if facts.count <= 16 {
            var result: [MissingFact] = []
            result.reserveCapacity(facts.count)
            for fact in facts where !result.contains(fact) { result.append(fact) }
            return result
        }
        var seen = Set<MissingFact>()
        return facts.filter { seen.insert($0).inserted }
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

}

/// An operand's source text kept for explanations, whitespace collapsed,
/// with each quantifier variable it names kept apart so that it is spelled
/// as the site path of the value it holds (`equipment[D-1]`), never as its
/// name in the pack (`e`).
struct Quote {
    enum Piece {
        case text(String)
        case variable(slot: Int)
    }
    var pieces: [Piece]
}

/// What the type checker learned about an expression's text, for explanations.
struct Annotations {
    /// Each quantifier variable's type, by slot.
    var slotTypes: [ExprType] = []
    /// Each quantifier's condition as written (`p.kind == 'manufacture'`), by the slot of its variable.
    var conditions: [Int: Quote] = [:]
}
