/// One filing in the triage view: who it is, how bad it is, and its score.
public struct TriageRow: Sendable, Equatable {
    public var file: String
    public var siteID: String?
    public var siteName: String?
    public var country: String?
    public var roles: [String] = []
    public var `operator`: String?
    /// False for a file that could not be checked (an input error).
    public var checked: Bool
    /// Checked, but nothing was assessed on the site or one of its roles.
    public var notAssessed = false
    /// Errors of a file that could not be checked.
    public var inputErrors = 0
    /// Results by status (every status, zero included), in `Status.allCases` order.
    public var statusCounts = [Int](repeating: 0, count: Status.allCases.count)
    /// Violations (gaps and missing evidence of laws in force) by severity, in `Severity.allCases` order.
    public var violationsBySeverity = [Int](repeating: 0, count: Severity.allCases.count)
    /// The severity of the worst violation; nil when there is none.
    public var worst: Severity?
    /// `TriageScore.of` the filing's violations.
    public var score = 0

    public func count(_ status: Status) -> Int { statusCounts[status.index] }
    public func violations(_ severity: Severity) -> Int { violationsBySeverity[severity.rank] }
    public var violationCount: Int { violationsBySeverity.reduce(0, +) }

    /// Share of the decided results that are met, in percent (met / (met +
    /// gap + missing evidence + waived)); nil when nothing was decided.
    public var compliancePercent: Double? {
        let decided = count(.met) + count(.gap) + count(.missingEvidence) + count(.waived)
        return decided == 0 ? nil : Double(count(.met)) * 100 / Double(decided)
    }

    public init(_ result: FileResult) {
        file = result.file
        switch result {
        case .failed(_, let diagnostics):
            checked = false
            inputErrors = diagnostics.filter { $0.severity == .error }.count
        case .checked(let report):
            checked = true
            siteID = report.siteID; siteName = report.siteName; country = report.country
            roles = report.roles; `operator` = report.operator; notAssessed = report.notAssessed
            for finding in report.findings {
                statusCounts[finding.status.index] += 1
                guard finding.isViolation else { continue }
                let severity = finding.requirement.severity
                violationsBySeverity[severity.rank] += 1
                score += TriageScore.points(severity: severity, status: finding.status)
                if worst.map({ severity > $0 }) ?? true { worst = severity }
            }
        }
    }

    /// Worst first: files that could not be checked, then sites not
    /// assessed, then by score, worst violation and number of violations,
    /// highest first; ties by file path.
    public static func worstFirst(_ a: TriageRow, _ b: TriageRow) -> Bool {
        func tier(_ r: TriageRow) -> Int { !r.checked ? 0 : r.notAssessed ? 1 : 2 }
        if tier(a) != tier(b) { return tier(a) < tier(b) }
        if a.score != b.score { return a.score > b.score }
        let (wa, wb) = (a.worst?.rank ?? -1, b.worst?.rank ?? -1)
        if wa != wb { return wa > wb }
        if a.violationCount != b.violationCount { return a.violationCount > b.violationCount }
        return a.file < b.file
    }
}

/// The triage score of a filing (README, "Triage"): the sum over its
/// violations of the severity's weight, doubled for a gap. Missing evidence
/// counts half as much as a gap: the fact may turn out compliant once stated.
public enum TriageScore {
    /// critical 10, major 5, minor 2, info 1.
    public static func weight(_ severity: Severity) -> Int {
        switch severity {
        case .critical: return 10
        case .major: return 5
        case .minor: return 2
        case .info: return 1
        }
    }

    /// A gap counts twice its severity's weight, missing evidence once.
    public static func points(severity: Severity, status: Status) -> Int {
        status == .gap ? 2 * weight(severity) : weight(severity)
    }

    /// The definition, as printed by the reports.
    public static let definition = "score = sum over violations of the severity weight (critical 10, major 5, minor 2, info 1), doubled for a gap; missing evidence counts once"
}
