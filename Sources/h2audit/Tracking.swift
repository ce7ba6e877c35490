import ArgumentParser
import H2Audit

/// `h2audit baseline`: a check whose one report is the baseline.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write a baseline: every gap and missing evidence of a run, by fingerprint, for check --baseline.",
        discussion: """
        The same check as `h2audit check PATH... --output baseline=FILE`, with the settings of .h2audit.yaml (but its \
        baseline, which a new baseline does not subtract). A later `h2audit check --baseline FILE` reports \
        only findings that are not in it. Fingerprints survive reformatting a file and reordering its equipment (README, \
        "Fingerprints"). Exit status: 0 when the baseline is written (violations are what it records), 2 when a file \
        could not be checked (the baseline is written without it), 74 when it cannot be written.

        Examples:
          h2audit baseline sites/ --output baseline.json
          h2audit baseline sites/ --as-of 2026-11-23 --output baseline-2026-11.json
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders; '-' reads paths from standard input.", valueName: "PATH"))
    var paths: [String]
    @Option(name: .long, help: ArgumentHelp("Where to write the baseline ('-': standard output).", valueName: "FILE"))
    var output: String
    @Option(name: .long, help: ArgumentHelp("Regimes to check against, comma-separated pack ids or country codes (kr, jp). Default: each site against its own country's pack.", valueName: "LIST"))
    var regime: String?
    @Option(name: .long, help: ArgumentHelp("Check the rules in force on this date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var asOf: String?
    @Option(name: .long, help: ArgumentHelp("Add a requirement pack of your own (repeatable).", valueName: "FILE"))
    var pack: [String] = []
    @Option(name: .long, help: ArgumentHelp("Folder of the national packs.", valueName: "DIR"))
    var roadmaps: String?
    @Option(name: .long, help: ArgumentHelp("Skip paths or file names matching this glob (repeatable).", valueName: "GLOB"))
    var exclude: [String] = []
    @Option(name: .long, help: ArgumentHelp("Waivers the regulator granted (a waived finding is not a gap to record).", valueName: "FILE"))
    var waivers: String?
    @Option(name: .long, help: ArgumentHelp("Only these requirements (ids, id globs, topics, stages).", valueName: "LIST"))
    var only: [String] = []
    @Option(name: .long, help: ArgumentHelp("Leave out these requirements (ids, id globs, topics, stages).", valueName: "LIST"))
    var skip: [String] = []

    /// The arguments of the equivalent `check`.
    var checkArguments: [String] {
        var args = paths + ["--output", "baseline=" + output, "--writing-baseline"]
        if let waivers { args += ["--waivers", waivers] }
        if let regime { args += ["--regime", regime] }
        if let asOf { args += ["--as-of", asOf] }
        if let roadmaps { args += ["--roadmaps", roadmaps] }
        for p in pack { args += ["--pack", p] }
        for e in exclude { args += ["--exclude", e] }
        for o in only { args += ["--only", o] }
        for s in skip { args += ["--skip", s] }
        return args
    }

    func run() async throws {
        try await Check.parse(checkArguments).run()  // exits 0 for violations: the baseline records them
    }
}

/// `h2audit runs OLD NEW`: what changed between two JSON reports.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two JSON reports of check: new and vanished filings, new and resolved findings, changed statuses.",
        discussion: """
        Filings are matched by site id, findings (gaps and missing evidence) by fingerprint, which survives reformatting \
        a file and reordering its equipment; a status change is a (site, requirement) pair whose status differs. Exit \
        status: 0 no new finding, 1 new findings, 2 a report could not be read.

        Examples:
          h2audit check sites/ --as-of 2026-06-01 --format json --output old.json; h2audit check sites/ --as-of 2026-11-23 --format json --output new.json; h2audit runs old.json new.json
        """
    )

    @Argument(help: ArgumentHelp("The earlier JSON report (check --format json).", valueName: "OLD"))
    var old: String
    @Argument(help: ArgumentHelp("The later JSON report.", valueName: "NEW"))
    var new: String
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text
    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    func run() throws {
        let before: RunComparison.Run, after: RunComparison.Run
        do { before = try RunComparison.load(path: old) } catch { throw inputFailure("the old report", error) }
        do { after = try RunComparison.load(path: new) } catch { throw inputFailure("the new report", error) }
        let comparison = RunComparison(old: before, new: after)
        let (out, file) = try openReport(output, inputs: [old, new], folders: [])
        switch format {
        case .text: RunComparisonReport.text(comparison, to: out)
        case .json: RunComparisonReport.json(comparison, to: out)
        }
        try closeReport(out, file)
        throw ExitCode(comparison.newFindings.isEmpty ? ExitStatus.ok : ExitStatus.violations)
    }
}
