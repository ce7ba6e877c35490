/// Runs the `examples` of requirements, as SwiftLint runs its rules'
/// triggering and non-triggering examples.
public enum ExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var requirement: String
        public var example: RequirementExample
        public var got: Finding

        public var description: String {
            var text = "\(example.mark): \(requirement) example\(example.name.map { " '\($0)'" } ?? "") expected \(example.expect.rawValue), got \(got.status.rawValue)"
            if !got.missing.isEmpty { text += "; missing " + got.missing.map(\.path).joined(separator: ", ") }
            if !got.witnesses.isEmpty { text += "; " + got.witnesses.map(\.sentence).joined(separator: "; ") }
            return text
        }
    }

    /// Every example of every requirement whose status is not the expected one.
    public static func failures(in pack: RequirementPack) -> [Failure] {
        pack.requirements.flatMap { failures(of: $0) }
    }

    public static func failures(of requirement: Requirement) -> [Failure] {
        requirement.examples.compactMap { example in
            let finding = Checker.evaluate(requirement, on: example.site, asOf: example.asOf)
            return finding.status == example.expect ? nil : Failure(requirement: requirement.id, example: example, got: finding)
        }
    }
}
