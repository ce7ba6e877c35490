/// Totals over a run, for the summary table and the exit status.
public struct RunSummary: Sendable {
    public var filesChecked = 0
    public var filesWithViolations = 0
    public var inputErrors = 0
    /// Findings by status (every status present, zero included).
    public var statusCounts: [Status: Int] {
        Dictionary(uniqueKeysWithValues: Status.allCases.indices.map { (Status.allCases[$0], countsByStatus[$0]) })
    }
    /// Counted by `Status.allCases` index: this runs for every finding of every file.
    private var countsByStatus = [Int](repeating: 0, count: Status.allCases.count)
    /// Violations (law gaps and missing evidence) by severity.
    public var violationsBySeverity: [Severity: Int] = [:]
    /// Violations by requirement id, with the requirement.
    public var violationsByRequirement: [String: (requirement: Requirement, count: Int)] = [:]
    public var notEligible = 0
    /// Sites checked on which no requirement applied (no pack for the
    /// country, or every requirement not applicable or not yet in force),
    /// nothing applied under one of their roles, or a requirement could not
    /// be decided (evaluation budget).
    public var notAssessed = 0
    public var failingFiles = 0
    /// Findings left out because the baseline holds them (`--baseline`).
    public var baselined = 0
    public let failOn: Severity
    /// `--soft-fail`: violations are reported but do not make the exit status 1.
    public var softFail = false

    public init(failOn: Severity, softFail: Bool = false) {
        self.failOn = failOn
        self.softFail = softFail
    }

    public mutating func add(_ result: FileResult) {
        switch result {
        case .failed:
            inputErrors += 1
        case .checked(let report):
            filesChecked += 1
            var violated = false, failing = false
            // Through a buffer pointer, reading fields in place: copying each
            // finding would retain and release its requirement, its strings
            // and its arrays, for every finding of every file.
            report.findings.withUnsafeBufferPointer { findings in
                for i in findings.indices {
                    countsByStatus[findings[i].status.index] += 1
                    if findings[i].isViolation {
                        violated = true
                        let requirement = findings[i].requirement
                        violationsBySeverity[requirement.severity, default: 0] += 1
                        violationsByRequirement[requirement.id, default: (requirement, 0)].count += 1
                        if findings[i].fails(at: failOn) { failing = true }
                    } else if findings[i].status == .gap && findings[i].requirement.basis == .eligibility {
                        notEligible += 1
                    }
                }
            }
            baselined += report.baselined
            if report.notAssessed {
                notAssessed += 1
            }
            if violated { filesWithViolations += 1 }
            if failing { failingFiles += 1 }
        }
    }

    /// Exit status (README, "Exit status"), the first that applies: 2 input
    /// errors; 66 nothing to check (no site file found); 3 a site on which
    /// nothing was assessed; 1 violations at or above `--fail-on` (0 with
    /// `--soft-fail`); else 0. Nothing checked is never a pass.
    public var exitCode: Int32 {
        if inputErrors > 0 { return ExitStatus.inputErrors }
        if filesChecked == 0 { return ExitStatus.noInput }
        if notAssessed > 0 { return ExitStatus.notAssessed }
        return failingFiles > 0 && !softFail ? ExitStatus.violations : ExitStatus.ok
    }

    /// Every condition of the run that bears on the exit status, in the
    /// order of precedence (`input-errors`, `no-input`, `not-assessed`,
    /// `violations`): the exit status reports the first, these name all, so
    /// a script sees violations even when input errors decide the status.
    public var exitReasons: [String] {
        var reasons: [String] = []
        if inputErrors > 0 { reasons.append("input-errors") }
        if filesChecked == 0 && inputErrors == 0 { reasons.append("no-input") }
        if notAssessed > 0 { reasons.append("not-assessed") }
        if failingFiles > 0 { reasons.append("violations") }
        return reasons
    }

    /// One line for standard error when the exit status does not tell
    /// everything: several conditions at once, or violations under
    /// `--soft-fail`; nil otherwise.
    public var exitNote: String? {
        let reasons = exitReasons
        let violations = "violations at or above \(failOn.rawValue) in \(failingFiles) file\(failingFiles == 1 ? "" : "s")"
        if reasons.count > 1 {
            var parts: [String] = []
            if inputErrors > 0 { parts.append("\(inputErrors) file\(inputErrors == 1 ? "" : "s") could not be checked") }
            if notAssessed > 0 { parts.append("\(notAssessed) site\(notAssessed == 1 ? " was" : "s were") not assessed") }
            if failingFiles > 0 { parts.append(violations + (softFail ? " (--soft-fail)" : "")) }
            return "exit \(exitCode) (\(reasons.joined(separator: ", "))): " + parts.joined(separator: "; ")
        }
        if softFail && failingFiles > 0 { return "exit 0 (--soft-fail): \(violations), reported, not failed" }
        return nil
    }
}

/// The exit statuses of h2audit (README, "Exit status").
public enum ExitStatus {
    public static let ok: Int32 = 0
    /// Violations at or above `--fail-on`.
    public static let violations: Int32 = 1
    /// A file could not be checked (the others were).
    public static let inputErrors: Int32 = 2
    /// A site was checked but no requirement applied to it: no pack for its
    /// country, or every requirement not applicable or not in force.
    public static let notAssessed: Int32 = 3
    /// Usage error, including an `--output` that would overwrite an input (EX_USAGE).
    public static let usage: Int32 = 64
    /// No site file to check: an empty folder, `--exclude` matching all, an empty list on stdin (EX_NOINPUT).
    public static let noInput: Int32 = 66
    /// The report could not be written (EX_IOERR).
    public static let ioError: Int32 = 74
    /// No requirement pack found: `--roadmaps` or `$H2AUDIT_ROADMAPS` missing or empty (EX_CONFIG).
    public static let noPacks: Int32 = 78
}
