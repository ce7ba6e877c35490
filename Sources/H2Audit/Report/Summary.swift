/// Totals over a run, for the summary table and the exit status.
public struct RunSummary: Sendable {
    public var filesChecked = 0
    public var filesWithViolations = 0
    public var inputErrors = 0
    /// Sites checked on which nothing, or nothing under one of their roles, was assessed.
    public var notAssessed = 0
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
    public var failingFiles = 0
    public let failOn: Severity

    public init(failOn: Severity) { self.failOn = failOn }

    public mutating func add(_ result: FileResult) {
        switch result {
        case .failed:
            inputErrors += 1
        case .checked(let report):
            filesChecked += 1
            if report.notAssessed { notAssessed += 1 }
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
            if violated { filesWithViolations += 1 }
            if failing { failingFiles += 1 }
        }
    }

    /// DESIGN exit status: 2 input errors or sites not assessed, 1 gaps at or above `--fail-on`, else 0.
    public var exitCode: Int32 {
        if inputErrors > 0 || notAssessed > 0 { return 2 }
        return failingFiles > 0 ? 1 : 0
    }
}
