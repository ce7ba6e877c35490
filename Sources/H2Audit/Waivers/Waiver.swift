/// How a waiver changes a finding, whether it is written in the site file
/// (`waivers:`) or granted in a waivers file (`--waivers`): valid until its
/// expiry (inclusive), the finding is `waived`; after it, the raw verdict
/// stands (a gap, or missing evidence), with a note that the waiver expired.
public enum Waiver {
    /// `source` says where a waiver from outside the site file is written.
    public static func apply(to finding: inout Finding, approver: String, justification: String, expires: Day,
                             asOf: Day, source: String? = nil) {
        let from = source.map { " (\($0))" } ?? ""
        if asOf <= expires {
            finding.status = .waived
            finding.note = "waived by \(approver) until \(expires)\(from): \(justification)"
        } else {
            finding.note = "waiver by \(approver) expired on \(expires)\(from)"
        }
    }
}
