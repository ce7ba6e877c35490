/// The stable identity of a finding (README, "Fingerprints"): the site id,
/// the requirement id and the paths of the site elements the finding
/// names — the witnessed values of a gap, the missing facts of missing
/// evidence — with list elements named by their `id` (or `name`), never by
/// position, line or column. Reformatting a file, moving a key, reordering
/// equipment or changing a value that still fails keeps it; a gap on
/// another element, another site or another requirement changes it.
///
/// The text `h2audit-finding/1|SITE|REQUIREMENT|PATH|PATH...` (paths sorted,
/// without repeats) hashed with 64-bit FNV-1a, as 16 hex digits.
public enum FindingFingerprint {
    public static let version = 1

    /// The canonical text the fingerprint is the hash of.
    public static func canonicalText(site: String, finding: Finding) -> String {
        ([prefix, site, finding.requirement.id] + finding.evidencePaths).joined(separator: "|")
    }

    /// The fingerprint as 16 hex digits.
    public static func of(site: String, finding: Finding) -> String { hex(value(site: site, finding: finding)) }

    /// FNV-1a of `canonicalText`, hashed as it streams: no joined text is
    /// built (a report computes one per finding, a baseline looks one up).
    public static func value(site: String, finding: Finding) -> UInt64 {
        let paths = finding.evidencePaths
        var hash = FNV1a()
        hash.mix(prefix); hash.mix("|"); hash.mix(site); hash.mix("|"); hash.mix(finding.requirement.id)
        for path in paths { hash.mix("|"); hash.mix(path) }
        return hash.value
    }

    static let prefix = "h2audit-finding/\(version)"

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Whether a finding has a fingerprint in reports and baselines: every
    /// finding but plain met and not-applicable results.
    public static func applies(to finding: Finding) -> Bool {
        !(finding.status == .notApplicable || (finding.status == .met && !finding.metByAlternative))
    }
}
