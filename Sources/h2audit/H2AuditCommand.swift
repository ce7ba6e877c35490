import ArgumentParser
import H2Audit

@main
struct H2AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h2audit",
        abstract: "Check hydrogen sites against Korea's and Japan's hydrogen safety regimes.",
        discussion: """
        Sites are YAML files (see `h2audit schema`); regimes are requirement packs in roadmaps/.
        Exit status: 0 no gap at or above --fail-on; 1 gaps found; 2 input errors; 64 usage error.
        """,
        subcommands: [Check.self, Diff.self, CoverageCommand.self, Validate.self, Explain.self, List.self, Schema.self],
        defaultSubcommand: nil
    )
}
