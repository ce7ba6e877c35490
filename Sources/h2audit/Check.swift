import ArgumentParser
import H2Audit
#if canImport(Glibc)
import Glibc
#endif

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check site files against the requirement packs and report every gap.",
        discussion: """
        Folders are searched recursively for *.yaml and *.yml. A path of '-' reads more paths from
        standard input, one per line. A file that cannot be read or validated is reported as an input
        error and the run goes on.

        Examples:
          h2audit check sites/
          h2audit check sites/kr-ulsan-onsite-hrs.yaml --as-of 2024-01-01
          h2audit check filings/ --format json --output report.json --fail-on critical
          find filings -name '*.yaml' | h2audit check -
          h2audit check site.yaml --regime kr,jp --compare --format html --output compare.html
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders; '-' reads paths from standard input.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: "Lowest severity of a violation that makes the exit status 1: critical, major, minor, info.")
    var failOn: Severity = .major

    @Option(name: .long, help: ArgumentHelp("Check the rules in force on this date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var asOf: Day?

    @Option(name: .long, help: ArgumentHelp("Skip paths or file names matching this glob (repeatable).", valueName: "GLOB"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Also list met and not-applicable results.")
    var verbose = false

    @Flag(name: .long, help: "With --regime A,B: each site topic by topic under both regimes, and what it must add to satisfy both (formats text, markdown, json, html).")
    var compare = false

    func validate() throws {
        if compare {
            guard packOptions.regimes.count == 2 else { throw ValidationError("--compare needs exactly two regimes, e.g. --regime kr,jp") }
            guard [.text, .json, .markdown, .html].contains(format) else {
                throw ValidationError("--compare writes text, json, markdown or html")
            }
        } else if format == .markdown || format == .html {
            throw ValidationError("markdown and html are formats of --compare (and of `h2audit diff`)")
        }
    }

    /// Streams the report: input errors of the path expansion first, then every file in order.
    func report<R: ReportRenderer>(_ renderer: R, context: ReportContext, expansion: InputFiles.Expansion,
                                   runner: AuditRunner, summary: inout RunSummary, to out: OutputSink) async {
        var renderer = renderer
        renderer.begin(context, to: out)
        for error in expansion.errors {
            let result = FileResult.failed(file: error.file, diagnostics: [error])
            summary.add(result)
            renderer.add(result, to: out)
        }
        var progress = ProgressBar(total: expansion.files.count)
        var done = 0
        let snapshot = renderer
        await runner.run(expansion.files, renderer: snapshot) { result, rendered in
            summary.add(result)
            renderer.add(result, rendered: rendered, to: out)
            done += 1
            progress.update(done)
        }
        progress.finish()
        renderer.finish(summary, to: out)
    }

    func run() async throws {
        let packs: [RequirementPack]
        do { packs = try packOptions.loadPacks() } catch { throw failOnPackErrors(error) }
        var inputs: [String] = []
        for path in paths {
            if path == "-" {
                while let line = readLine() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { inputs.append(trimmed) }
                }
            } else {
                inputs.append(path)
            }
        }
        let expansion = InputFiles.expand(inputs, exclude: exclude)
        let day = asOf ?? Day.today()
        let checker = Checker(packs: packs, asOf: day, allPacksForEverySite: !packOptions.regimes.isEmpty)
        let runner = AuditRunner(checker: checker, limits: limitOptions.limits)

        guard let out = output.map(OutputSink.file) ?? OutputSink(fd: 1) else {
            throw ValidationError("cannot write to \(output ?? "")")
        }
        var summary = RunSummary(failOn: failOn)
        let context = ReportContext(asOf: day, packs: packs, failOn: failOn, verbose: verbose)
        if compare {
            let regimes = packOptions.regimes.map { regime in
                packs.first { $0.matches(regime) }?.id ?? regime
            }
            let renderer = CompareReport(format: CompareReport.Format(rawValue: format.rawValue) ?? .text, left: regimes[0], right: regimes[1])
            await report(renderer, context: context, expansion: expansion, runner: runner, summary: &summary, to: out)
        } else {
            await report(format.renderer(), context: context, expansion: expansion, runner: runner, summary: &summary, to: out)
        }
        if expansion.files.isEmpty && expansion.errors.isEmpty {
            let err = OutputSink(fd: 2)
            err.line("h2audit: no site files found in \(inputs.joined(separator: " "))")
            err.flush()
        }
        out.close()
        throw ExitCode(summary.exitCode)
    }
}
