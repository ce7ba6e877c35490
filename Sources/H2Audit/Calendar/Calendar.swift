import Foundation

/// One dated obligation of a site: an inspection, check, test or refresher
/// that falls due, a permit, certificate or waiver that expires, or a rule
/// that takes effect.
public struct Obligation: Sendable {
    public enum Kind: String, Sendable {
        /// A requirement's site date plus the pack's interval, compared with the as-of date.
        case due
        /// A waiver in the site file ends.
        case waiverExpires = "waiver-expires"
        /// A requirement that applies to the site takes effect.
        case takesEffect = "takes-effect"
    }
    public var kind: Kind
    public var requirement: Requirement
    /// What falls due, in words: `periodic inspection`, `gauge check`.
    public var what: String
    /// The site path the date rests on (`effective` for a rule's start).
    public var subject: String
    public var mark: SourceMark?
    /// How the date was found: the pack's formula on the site's date.
    public var detail: String
    /// The last day the obligation is met (the day the rule takes effect).
    public var due: Day
    /// The day its window opens, when the pack allows a grace period.
    public var windowStart: Day?
    /// Stable across runs: site id, requirement id and fact path.
    public var uid: String

    /// Past its last day at `asOf`.
    public func overdue(at asOf: Day) -> Bool { kind != .takesEffect && due < asOf }
}

/// Every dated obligation of one site, by date.
public struct SiteCalendar: Sendable {
    public var file: String
    public var siteID: String
    public var siteName: String
    public var asOf: Day
    public var obligations: [Obligation]
}

/// Builds a site's calendar from the packs' own conditions: the dates are the
/// deadlines the compiled requirement expressions give (`CompiledExpression.deadlines`),
/// so the calendar and the checker read the same intervals.
public enum CalendarBuilder {
    public static func calendar(for site: Site, checker: Checker) -> SiteCalendar {
        var obligations: [Obligation] = []
        let facts = site.facts
        for pack in checker.packs(for: site) {
            for requirement in pack.requirements {
                let finding = Checker.evaluate(requirement, on: facts, asOf: checker.asOf)
                switch finding.status {
                case .notApplicable:
                    continue
                case .upcoming:
                    guard let effective = requirement.effective, effective > checker.asOf else { continue }
                    obligations.append(Obligation(
                        kind: .takesEffect, requirement: requirement, what: "rule takes effect", subject: "effective",
                        mark: requirement.mark,
                        detail: requirement.effectiveEarliest.map { "takes effect between \($0) and \(effective) (the exact date is unsettled)" }
                            ?? "takes effect \(effective)",
                        due: effective, windowStart: requirement.effectiveEarliest,
                        uid: uid(site.id, requirement.id, "effective")))
                case .met, .gap, .missingEvidence, .waived:
                    for deadline in deadlines(of: requirement, on: facts, asOf: checker.asOf) {
                        obligations.append(Obligation(
                            kind: .due, requirement: requirement, what: describe(deadline.subject), subject: deadline.subject,
                            mark: deadline.mark, detail: "\(deadline.subject): \(deadline.formula)",
                            due: deadline.due, windowStart: deadline.windowStart,
                            uid: uid(site.id, requirement.id, deadline.subject)))
                    }
                }
            }
        }
        obligations += waiverExpiries(site, checker: checker)
        obligations.sort { ($0.due, $0.requirement.id, $0.subject) < ($1.due, $1.requirement.id, $1.subject) }
        return SiteCalendar(file: site.file, siteID: site.id, siteName: site.name, asOf: checker.asOf, obligations: obligations)
    }

    /// The deadlines a requirement holds under on `facts`: its alternatives
    /// joined as `||` joins terms (the one that holds longer; none when one
    /// holds whatever the date), each fact path once.
    public static func deadlines(of requirement: Requirement, on facts: FactObject, asOf: Day) -> [Deadline] {
        var kept: [Deadline]? = nil  // nil: no alternative holds yet
        for alternative in requirement.alternatives {
            let outcome = alternative.condition.deadlines(facts, asOf: asOf)
            // Undecided (a fact missing elsewhere) still falls due on the dates it has.
            guard outcome.truth != .no else { continue }
            if outcome.deadlines.isEmpty { return [] }  // met whatever the date
            if let current = kept, let a = current.map(\.due).min(), let b = outcome.deadlines.map(\.due).min(), a >= b { continue }
            kept = outcome.deadlines
        }
        var seen = Set<String>()
        return (kept ?? []).sorted { $0.due < $1.due }.filter { seen.insert($0.subject).inserted }
    }

    static func waiverExpiries(_ site: Site, checker: Checker) -> [Obligation] {
        guard case .list(let items)? = site.facts.value("waivers") else { return [] }
        let requirements = Dictionary(checker.packs(for: site).flatMap(\.requirements).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [Obligation] = []
        for item in items {
            guard case .object(let waiver) = item.value, let id = waiver.text("requirement"), let requirement = requirements[id],
                  case .date(let expires)? = waiver.value("expires") else { continue }
            let approver = waiver.text("approver") ?? "?"
            result.append(Obligation(kind: .waiverExpires, requirement: requirement, what: "waiver expires",
                                     subject: "waivers[\(id)].expires", mark: waiver["expires"]?.mark ?? waiver.mark,
                                     detail: "waiver by \(approver), valid until \(expires); the gap returns after it",
                                     due: expires, windowStart: nil, uid: uid(site.id, id, "waivers.expires")))
        }
        return result
    }

    /// `site-id.REQ-ID.path@h2audit`: the same obligation keeps its UID when
    /// its dates change, so a calendar re-imported updates its events.
    static func uid(_ site: String, _ requirement: String, _ path: String) -> String {
        let safe = { (s: String) in String(s.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.[]".unicodeScalars.contains($0)) ? Character($0) : "_" }) }
        return "\(safe(site)).\(safe(requirement)).\(safe(path))@h2audit"
    }

    /// What falls due, named from the site path the date is read from.
    static func describe(_ path: String) -> String {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        let words: [(String, String)] = [
            ("last_periodic", "periodic inspection"), ("completion", "periodic inspection"),
            ("self_inspection", "self-inspection"), ("gauge", "gauge check"), ("safety_valve", "safety valve check"),
            ("quality", "hydrogen quality inspection"), ("reinspection", "container re-inspection"),
            ("training", "training refresher"), ("course", "training course"), ("appointed", "training after appointment"),
            ("licence", "licence-based training"), ("manufactured", "end of service life"), ("fill_limit", "fill limit expires"),
            ("expires", "expiry"), ("_until", "expiry"),
        ]
        if path.hasSuffix("completion.date") { return "periodic inspection" }
        if let match = words.first(where: { key.contains($0.0) }) { return match.1 }
        return key.replacingOccurrences(of: "_", with: " ")
    }
}
