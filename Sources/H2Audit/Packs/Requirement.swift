import Foundation

/// How serious a gap is.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, minor, major, critical

    var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// What a failing result means (DESIGN: basis).
public enum Basis: String, Sendable, Codable, CaseIterable {
    /// An obligation in force: a gap is non-compliance.
    case law
    /// A condition for certification or support: a gap means "not eligible".
    case eligibility
    /// A roadmap or strategy commitment: context, never a site's violation.
    case commitment
}

/// Value-chain stage a requirement concerns.
public enum Stage: String, Sendable, Codable, CaseIterable {
    case production, storage, transport, use, any
}

/// Where a requirement comes from.
public struct SourceReference: Sendable, Codable, Hashable {
    public var document: String
    public var section: String?
    public var url: String?
    /// Row ids of the research briefs (KR-64, JP-24, ...).
    public var brief: [String]
    public var confidence: String?

    /// `Document, section`.
    public var citation: String {
        var text = document
        if let section { text += ", \(section)" }
        return text
    }
}

/// One named way of meeting a requirement ("8 m distance", "blast wall").
public struct Alternative: Sendable {
    public var name: String
    public var condition: CompiledExpression
}

/// A site fragment with the status it must get: runnable documentation.
public struct RequirementExample: Sendable {
    public var name: String?
    public var expect: Status
    public var asOf: Day
    public var site: FactObject
    public var mark: SourceMark
}

/// One requirement of a pack, self-describing like a lint rule.
public final class Requirement: Sendable {
    public let id: String
    public let title: String
    public let pack: String
    public let country: String
    public let stage: Stage
    public let topic: String
    public let severity: Severity
    public let basis: Basis
    public let effective: Day?
    public let until: Day?
    /// Where the start date is unsettled: the earliest day the rule may have
    /// taken effect (`effective` is then the latest). Between the two a
    /// failing result says the date is unsettled instead of reporting a gap.
    public let effectiveEarliest: Day?
    /// Where the end date is unsettled: the latest day the rule may have
    /// been in force (`until` is then the earliest).
    public let untilLatest: Day?
    /// The site roles under which the requirement applies (a site that
    /// plays none of them: not applicable).
    public let roles: [String]
    public let applies: CompiledExpression?
    public let alternatives: [Alternative]
    public let allowsEquivalent: Bool
    public let source: SourceReference
    public let rationale: String
    public let remediation: String
    public let examples: [RequirementExample]
    public let mark: SourceMark
    /// `remediation` on one line, for tables and one-line reports.
    public var remediationLine: String {
        remediation.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
    /// `roles` as bits of `SiteSchema.roles` (see `Roles.bits`).
    let roleMask: UInt64

    init(id: String, title: String, pack: String, country: String, stage: Stage, topic: String,
         severity: Severity, basis: Basis, effective: Day?, until: Day?, effectiveEarliest: Day? = nil, untilLatest: Day? = nil,
         roles: [String], applies: CompiledExpression?,
         alternatives: [Alternative], allowsEquivalent: Bool, source: SourceReference, rationale: String,
         remediation: String, examples: [RequirementExample], mark: SourceMark) {
        self.id = id; self.title = title; self.pack = pack; self.country = country; self.stage = stage
        self.topic = topic; self.severity = severity; self.basis = basis; self.effective = effective
        self.until = until; self.effectiveEarliest = effectiveEarliest; self.untilLatest = untilLatest; self.roles = roles; self.applies = applies; self.alternatives = alternatives
        self.allowsEquivalent = allowsEquivalent; self.source = source; self.rationale = rationale
        self.remediation = remediation; self.examples = examples; self.mark = mark
        self.roleMask = Roles.bits(roles)
    }

    /// The same requirement with its conditions compiled again from their text.
    func recompiled() -> Requirement {
        Requirement(id: id, title: title, pack: pack, country: country, stage: stage, topic: topic,
                    severity: severity, basis: basis, effective: effective, until: until,
                    effectiveEarliest: effectiveEarliest, untilLatest: untilLatest, roles: roles,
                    applies: applies.map { $0.recompiled() },
                    alternatives: alternatives.map { Alternative(name: $0.name, condition: $0.condition.recompiled()) },
                    allowsEquivalent: allowsEquivalent, source: source, rationale: rationale,
                    remediation: remediation, examples: examples, mark: mark)
    }
}

/// A national target or strategy commitment (a POLICY row of the research):
/// context for readers, never evaluated against a site.
public struct Commitment: Sendable {
    public var id: String
    public var title: String
    public var target: String
    public var horizon: String?
    public var status: String?
    public var source: SourceReference
    public var mark: SourceMark
}

/// A regime's requirements, loaded from one YAML file in `roadmaps/`.
public final class RequirementPack: Sendable {
    public let id: String
    public let title: String
    public let country: String
    public let version: String
    public let file: String
    public let requirements: [Requirement]
    public let commitments: [Commitment]

    /// Whether `regime` names this pack: its id or its country code, any case.
    public func matches(_ regime: String) -> Bool {
        id.lowercased() == regime.lowercased() || country.lowercased() == regime.lowercased()
    }

    init(id: String, title: String, country: String, version: String, file: String, requirements: [Requirement],
         commitments: [Commitment] = []) {
        self.id = id; self.title = title; self.country = country; self.version = version
        self.file = file; self.requirements = requirements; self.commitments = commitments
    }

    /// The same pack with every condition compiled afresh, sharing no
    /// reference-counted object the checker touches per site with the
    /// original (see `Checker.independentCopy`).
    func recompiled() -> RequirementPack {
        RequirementPack(id: id, title: title, country: country, version: version, file: file,
                        requirements: requirements.map { $0.recompiled() }, commitments: commitments)
    }
}
