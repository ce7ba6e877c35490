import ArgumentParser
import H2Audit
#if canImport(Glibc)
import Glibc
#endif

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check site files against the requirement packs and report every gap.",
        discussion: """
        Folders are searched recursively for *.yaml and *.yml. A path of '-' reads more paths from standard input, \
        one per line. A file that cannot be read or validated is reported as an input error and the run goes on.

        The text report ranks: violations (gaps and missing evidence of laws in force) are grouped by severity, \
        CRITICAL first, each line with its severity; missing evidence names the full key path and the mapping to \
        add it to. It is coloured on a terminal unless NO_COLOR is set (--color).

        Examples:
          h2audit check sites/
          h2audit check sites/kr-ulsan-onsite-electrolysis-hrs.yaml --as-of 2026-11-23
          h2audit check sites/ --todo
          h2audit check sites/ --format json --output report.json --fail-on critical
          find sites -name '*.yaml' | h2audit check -
          h2audit check sites/ --regime kr,jp --compare --format html --output c.html
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders; '-' reads paths from standard input.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var regimeOption: RegimeOption
    @OptionGroup var packOptions: PackOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: ArgumentHelp("Report format: text, json, jsonl, sarif, junit, csv; with --compare: text, json, markdown, html.", valueName: "FORMAT"))
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: "Lowest severity of a violation that makes the exit status 1: critical, major, minor, info.")
    var failOn: Severity = .major

    @Option(name: .long, help: ArgumentHelp("Check the rules in force on this date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var asOf: Day?

    @Option(name: .long, help: ArgumentHelp("Skip paths or file names matching this glob (repeatable).", valueName: "GLOB"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Also list met and not-applicable results (text).")
    var verbose = false

    @OptionGroup var colorOption: ColorOption

    @Flag(name: .long, help: "With --regime A,B: each site topic by topic under both regimes, and what it must add to satisfy both (formats text, json, markdown, html).")
    var compare = false

    @Flag(name: .long, help: "Instead of the report, list every fact still unknown by key, with the requirements that need it, in file order (formats text, json). The exit status is that of the report.")
    var todo = false

    func validate() throws {
        if todo {
            guard !compare else { throw ValidationError("--todo and --compare are different views; give one") }
            guard format == .text || format == .json else { throw ValidationError("--todo writes text or json") }
        }
        if compare {
            guard regimeOption.regimes.count == 2 else { throw ValidationError("--compare needs exactly two regimes, e.g. --regime kr,jp") }
            guard ReportFormat.compareFormats.contains(format) else {
                throw ValidationError("--compare writes text, json, markdown or html")
            }
        } else if !ReportFormat.checkFormats.contains(format) {
            throw ValidationError("check writes text, json, jsonl, sarif, junit or csv; markdown and html are formats of --compare (and of `h2audit diff`)")
        }
    }

    @Flag(name: .long, help: "Follow symbolic links in folders that lead outside the folders given (by default they are reported, not followed).")
    var followLinks = false

    /// Streams the report: input errors of the path expansion first, then every file in order.
    /// Stops checking as soon as the report can no longer be written.
    func report<R: ReportRenderer>(_ renderer: R, context: ReportContext, expansion: InputFiles.Expansion,
                                   runner: AuditRunner, summary: inout RunSummary, to out: OutputSink) async {
        var renderer = renderer
        renderer.begin(context, to: out)
        /// Paths that could not be expanded, at their place in the sorted walk (B12).
        func errors(before index: Int) {
            for error in expansion.errors(before: index) {
                let result = FileResult.failed(file: error.file, diagnostics: [error])
                summary.add(result)
                renderer.add(result, to: out)
            }
        }
        var progress = ProgressBar(total: expansion.files.count)
        var done = 0
        let snapshot = renderer
        await runner.run(expansion.files, renderer: snapshot, emit: { result, rendered in
            errors(before: done)
            summary.add(result)
            renderer.add(result, rendered: rendered, to: out)
            done += 1
            progress.update(done)
        }, stop: { out.failed })
        if !out.failed { errors(before: expansion.files.count) }
        progress.finish()
        renderer.finish(summary, to: out)
    }

    func run() async throws {
        let packs = try packOptions.packsOrExit(regimes: regimeOption.regimes)
        var inputs: [String] = []
        for path in paths {
            if path == "-" {
                while let line = readLine(strippingNewline: true) {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { inputs.append(trimmed) }
                }
            } else {
                inputs.append(path)
            }
        }
        // Standard output redirected into a folder being checked is not read back as a site.
        var stdoutFile: (device: UInt64, inode: UInt64)?
        var info = stat()
        if output == nil, fstat(1, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            stdoutFile = (UInt64(info.st_dev), UInt64(info.st_ino))
        }
        let expansion = InputFiles.expand(inputs, exclude: exclude, followLinks: followLinks, notThis: stdoutFile)
        let err = OutputSink(fd: 2)
        for note in expansion.skipped { err.safeLine("h2audit: \(note)") }
        err.flush()
        let guarded = packOptions.packInputs
        let (out, file) = try openReport(output, inputs: inputs + expansion.files + guarded.files + packs.map(\.file),
                                         folders: expansion.folders + guarded.folders)
        let day = asOf ?? Day.today()
        let checker = Checker(packs: packs, asOf: day, allPacksForEverySite: !regimeOption.regimes.isEmpty, gathersEveryMissingFact: todo)
        let runner = AuditRunner(checker: checker, limits: limitOptions.limits)

        var summary = RunSummary(failOn: failOn)
        let context = ReportContext(asOf: day, packs: packs, failOn: failOn, verbose: verbose)
        if todo {
            await report(TodoReport(json: format == .json), context: context, expansion: expansion, runner: runner, summary: &summary, to: out)
        } else if compare {
            let regimes = regimeOption.regimes.map { regime in
                packs.first { $0.matches(regime) }?.id ?? regime
            }
            let renderer = CompareReport(format: CompareReport.Format(rawValue: format.rawValue) ?? .text, left: regimes[0], right: regimes[1])
            await report(renderer, context: context, expansion: expansion, runner: runner, summary: &summary, to: out)
        } else {
            await report(format.renderer(color: output == nil && colorOption.enabled(fd: 1)), context: context, expansion: expansion, runner: runner, summary: &summary, to: out)
        }
        try closeReport(out, file)
        if expansion.files.isEmpty && expansion.errors.isEmpty {
            let given = inputs.isEmpty ? "(an empty list of paths)" : inputs.joined(separator: " ")
            err.safeLine("h2audit: no site files found in \(given); nothing was checked (exit \(ExitStatus.noInput))")
        } else if summary.notAssessed > 0 {
            err.safeLine("h2audit: \(summary.notAssessed) site(s) had no requirement that applied; nothing was assessed on them (exit \(ExitStatus.notAssessed))")
        }
        err.flush()
        throw ExitCode(summary.exitCode)
    }
}
