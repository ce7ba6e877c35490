import ArgumentParser
import H2Audit

struct H2AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h2audit",
        abstract: "Check hydrogen sites against Korea's and Japan's hydrogen safety regimes.",
        discussion: """
        Sites are YAML files (see `h2audit schema`); regimes are requirement packs in roadmaps/.

        Exit status:
          0   no violation at or above --fail-on
          1   violations found
          2   input errors (the run still checks every other file)
          3   a site on which no requirement applied
          64  usage error (also an --output that is an input)
          66  no site file to check
          74  the report could not be written
          78  no requirement pack found
          When several apply, the first in this order: 64/78, 74, 2, 66, 3, 1. With --soft-fail, violations give 0.
          The JSON summary's exit_reasons names every condition that applied (e.g. input-errors, violations).

        Shell completion: h2audit --generate-completion-script bash (or zsh, fish).

        Examples:
          h2audit check sites/
          h2audit calendar sites/kr-ulsan-onsite-electrolysis-hrs.yaml
          h2audit --generate-completion-script bash
        """,
        version: H2AuditVersion.current,
        subcommands: [Init.self, Check.self, BaselineCommand.self, Runs.self, Impact.self, Calendar.self, Diff.self, CoverageCommand.self, Validate.self, Explain.self, List.self, Schema.self],
        defaultSubcommand: nil
    )
}
