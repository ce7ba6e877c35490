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
          h2audit check sites/ --format triage
          h2audit check sites/ --quiet
          h2audit check sites/ --compact --fail-on critical
          h2audit check sites/ --soft-fail --quiet
          h2audit check sites/ --format sarif --min-severity major --status gap,missing-evidence
          h2audit check sites/ --only separation-distance,storage --skip KR-HRS-017
          h2audit baseline sites/ --output baseline.json && h2audit check sites/ --baseline baseline.json
          h2audit check sites/ --waivers docs/examples/waivers.yaml --as-of 2026-11-23
          h2audit check --show-config
          h2audit check sites/ --format oscal --output assessment-results.json
          h2audit check sites/ --format json --output report.json --fail-on critical
          h2audit check sites/ --output json=run.json --output sarif=run.sarif --output text=-
          find sites -name '*.yaml' | h2audit check -
          h2audit check sites/ --regime kr,jp --compare --format html --output c.html
          h2audit check sites/ --format html --output audit.html
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders; '-' reads paths from standard input.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Read this configuration instead of the .h2audit.yaml found from the working folder upward.", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Read no .h2audit.yaml.")
    var noConfig = false

    @Flag(name: .long, help: "Print the effective configuration and where each value came from (a flag, the .h2audit.yaml line, or the default), then exit.")
    var showConfig = false

    /// Set by `h2audit baseline`: a configured baseline is not applied to the run that writes the next one.
    @Flag(name: .long, help: .hidden)
    var writingBaseline = false

    @OptionGroup var regimeOption: RegimeOption
    @OptionGroup var packOptions: PackOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: ArgumentHelp("Report format: text, json, jsonl, sarif, junit, csv, html (the site audit page), or the triage view (one row per filing, worst first) as triage, triage-csv, triage-json; baseline (the run's gaps and missing evidence by fingerprint, for --baseline); oscal (OSCAL assessment results); with --compare: text, json, markdown, html, csv.", valueName: "FORMAT"))
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write a report to FILE instead of standard output, in --format; FORMAT=FILE writes that format there ('-' is standard output). Repeat it for several reports in one run, each written in full or not at all.", valueName: "[FORMAT=]FILE"))
    var output: [String] = []

    /// The reports of the run: `--output` values, or one report in `--format` to standard output.
    func outputSpecs() throws -> [OutputSpec] {
        let formats = compare ? ReportFormat.compareFormats : ReportFormat.checkFormats
        let specs: [OutputSpec]
        do {
            specs = try output.isEmpty ? [OutputSpec(format: format, path: nil)]
                : output.map { text throws(OutputSpecError) in try OutputSpec.parse(text, defaultFormat: format, formats: formats) }
        } catch { throw ValidationError(error.message) }
        if let conflict = OutputSpec.conflicts(specs) { throw ValidationError(conflict) }
        if (todo || compare) && specs.count > 1 { throw ValidationError("--todo and --compare write one report; give one --output") }
        if todo && specs.contains(where: { $0.format != .text && $0.format != .json }) { throw ValidationError("--todo writes text or json") }
        return specs
    }

    @Option(name: .long, help: "Lowest severity of a violation that makes the exit status 1: critical, major, minor, info.")
    var failOn: Severity?

    /// `--fail-on`, or major.
    var failLevel: Severity { failOn ?? .major }

    @Option(name: .long, help: ArgumentHelp("Check the rules in force on this date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var asOf: Day?

    @Option(name: .long, help: ArgumentHelp("Skip paths or file names matching this glob (repeatable).", valueName: "GLOB"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Also list met and not-applicable results (text).")
    var verbose = false

    @Flag(name: .long, help: "Text: the summary only, no file's findings.")
    var quiet = false

    @Flag(name: .long, help: "Text: violations and input errors only, one line each (file:line:column, severity, requirement, status, title), then the summary.")
    var compact = false

    @Option(name: .long, help: ArgumentHelp("Check only these requirements: ids, id globs (KR-HRS-*), topics or stages, comma-separated (repeatable). Findings of the others are left out of the reports, the summary and the exit status.", valueName: "LIST"))
    var only: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave out these requirements: ids, id globs, topics or stages, comma-separated (repeatable).", valueName: "LIST"))
    var skip: [String] = []

    @Option(name: .long, help: ArgumentHelp("List only findings of this severity and above: critical, major, minor, info. The summary and the exit status still count every finding.", valueName: "SEVERITY"))
    var minSeverity: Severity?

    @Option(name: .long, help: ArgumentHelp("List only findings of these statuses, comma-separated: met, gap, missing-evidence, not-applicable, waived, upcoming. The summary and the exit status still count every finding.", valueName: "LIST"))
    var status: [String] = []

    /// The selection and listing filters of the options.
    var filter: FindingFilter {
        func split(_ values: [String]) -> [String] { values.flatMap { RegimeOption.split($0) }.filter { !$0.isEmpty } }
        let statuses = split(status).compactMap(Status.init(rawValue:))
        return FindingFilter(only: split(only), skip: split(skip), minSeverity: minSeverity,
                             statuses: statuses.isEmpty ? nil : Set(statuses))
    }

    @Option(name: .long, help: ArgumentHelp("Leave out the gaps and missing evidence this baseline holds (written by `h2audit baseline` or --output baseline=FILE): the report, the summary and the exit status cover only findings new since.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Waivers the regulator granted, in a file of their own (site, requirement, justification, approver, expires): applied as waivers in a site file are, so a filing is never edited to carry them.", valueName: "FILE"))
    var waivers: String?

    @Flag(name: .long, help: "Report violations but exit 0 for them; input errors (2), sites not assessed (3) and nothing to check (66) still fail the run.")
    var softFail = false

    @Option(name: .long, help: ArgumentHelp("Triage: list only the N worst filings (the totals still count every filing).", valueName: "N"))
    var top: Int?

    @OptionGroup var colorOption: ColorOption

    @Flag(name: .long, help: "With --regime A,B: each site topic by topic under both regimes, and what it must do to satisfy both: one binding measure per site quantity both regimes limit, then the other violations (formats text, json, markdown, html, csv).")
    var compare = false

    @Flag(name: .long, help: "Instead of the report, list every fact still unknown by key, with the requirements that need it, in file order (formats text, json). The exit status is that of the report.")
    var todo = false

    /// How much the text report shows.
    var textDetail: TextReport.Detail { quiet ? .quiet : compact ? .compact : .full }

    func validate() throws {
        for name in status.flatMap({ RegimeOption.split($0) }) where Status(rawValue: name) == nil {
            var message = "--status: unknown status '\(name)'"
            if let guess = Suggest.closest(to: name, in: Status.allCases.map(\.rawValue)).first { message += "; did you mean '\(guess)'?" }
            throw ValidationError(message)
        }
        if paths.isEmpty && !showConfig {
            throw ValidationError("give the site files or folders to check ('-' reads their paths from standard input)")
        }
        if quiet && compact { throw ValidationError("--quiet and --compact are different views; give one") }
        _ = try outputSpecs()
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if todo {
            guard !compare else { throw ValidationError("--todo and --compare are different views; give one") }
            guard format == .text || format == .json else { throw ValidationError("--todo writes text or json") }
        }
        if compare {
            guard regimeOption.regimes.count == 2 else { throw ValidationError("--compare needs exactly two regimes, e.g. --regime kr,jp") }
            guard ReportFormat.compareFormats.contains(format) else {
                throw ValidationError("--compare writes text, json, markdown, html or csv")
            }
        } else if !ReportFormat.checkFormats.contains(format) {
            throw ValidationError("check writes text, json, jsonl, sarif, junit, csv, html, triage, triage-csv, triage-json, baseline or oscal; markdown is a format of --compare (and of `h2audit diff`)")
        }
    }

    @Flag(name: .long, help: "Follow symbolic links in folders that lead outside the folders given (by default they are reported, not followed).")
    var followLinks = false

    /// Streams the reports: input errors of the path expansion first, then
    /// every file in order, each through `pipeline` and into every output.
    /// Stops checking as soon as a report can no longer be written.
    func report(_ outputs: [(renderer: any ReportRenderer, sink: OutputSink)], context: ReportContext,
                expansion: InputFiles.Expansion, runner: AuditRunner, pipeline: ResultPipeline,
                summary: inout RunSummary) async -> Set<String> {
        var sites = Set<String>()
        var renderers = outputs.map(\.renderer)
        let sinks = outputs.map(\.sink)
        for i in renderers.indices { renderers[i].begin(context, to: sinks[i]) }
        /// Paths that could not be expanded, at their place in the sorted walk (B12).
        func errors(before index: Int) {
            for error in expansion.errors(before: index) {
                let result = FileResult.failed(file: error.file, diagnostics: [error])
                summary.add(result)
                for i in renderers.indices { renderers[i].add(result, to: sinks[i]) }
            }
        }
        var progress = ProgressBar(total: expansion.files.count)
        var done = 0
        let snapshot = renderers
        await runner.run(expansion.files, pipeline: pipeline, render: { listed in snapshot.map { $0.render(listed) } },
                         emit: { result, rendered in
            errors(before: done)
            summary.add(result)
            if pipeline.waivers != nil, case .checked(let report) = result { sites.insert(report.siteID) }
            for i in renderers.indices { renderers[i].add(result, rendered: rendered[i], to: sinks[i]) }
            done += 1
            progress.update(done)
        }, stop: { sinks.contains { $0.failed } })
        if !sinks.contains(where: \.failed) { errors(before: expansion.files.count) }
        progress.finish()
        for i in renderers.indices { renderers[i].finish(summary, to: sinks[i]) }
        return sites
    }

    func run() async throws {
        let (effective, settings) = try configured()
        if showConfig {
            let out = OutputSink(fd: 1)
            for line in settings.lines { out.safeLine(line) }
            try finish(out)
            return
        }
        try effective.validate()
        try await effective.check()
    }

    /// This command with the values of the configuration file applied where no flag gave one.
    func configured() throws -> (Check, ConfigReport) {
        var report = ConfigReport()
        var path: String?
        if !noConfig { path = config ?? ProjectConfig.discover() }
        guard let path else {
            report.file = noConfig ? "none (--no-config)" : "none (no \(ProjectConfig.fileName) in the working folder or above)"
            return (self, report.described(self, config: nil))
        }
        let loaded: ProjectConfig
        do { loaded = try ProjectConfig.load(path: path) } catch { throw inputFailure("the configuration \(path)", error) }
        report.file = path
        var c = self
        if c.regimeOption.regime == nil { c.regimeOption.regime = loaded.regime?.value }
        if c.asOf == nil { c.asOf = loaded.asOf?.value }
        if c.failOn == nil { c.failOn = loaded.failOn?.value }
        if c.exclude.isEmpty { c.exclude = loaded.exclude?.value ?? [] }
        if c.output.isEmpty { c.output = loaded.outputs?.value ?? [] }
        if c.baseline == nil && !writingBaseline { c.baseline = loaded.baseline?.value }
        if c.waivers == nil { c.waivers = loaded.waivers?.value }
        if c.minSeverity == nil { c.minSeverity = loaded.minSeverity?.value }
        if c.status.isEmpty { c.status = loaded.status?.value ?? [] }
        if c.only.isEmpty { c.only = loaded.only?.value ?? [] }
        if c.skip.isEmpty { c.skip = loaded.skip?.value ?? [] }
        if !c.softFail { c.softFail = loaded.softFail?.value ?? false }
        return (c, report.described(self, config: loaded))
    }

    /// The check itself, with the configuration applied.
    func check() async throws {
        let packs = try packOptions.packsOrExit(regimes: regimeOption.regimes)
        let unknown = FindingFilter.unknownSelectors(filter.only + filter.skip, packs: packs)
        if !unknown.isEmpty { throw ValidationError(unknown.joined(separator: "\n")) }
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
        let specs = try outputSpecs()
        let toStandardOutput = specs.contains { $0.path == nil }
        if toStandardOutput, fstat(1, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            stdoutFile = (UInt64(info.st_dev), UInt64(info.st_ino))
        }
        let expansion = InputFiles.expand(inputs, exclude: exclude, followLinks: followLinks, notThis: stdoutFile)
        let err = OutputSink(fd: 2)
        for note in expansion.skipped { err.safeLine("h2audit: \(note)") }
        err.flush()
        let guarded = packOptions.packInputs
        let day = asOf ?? Day.today()
        var opened: [(spec: OutputSpec, sink: OutputSink, file: ReportFile?)] = []
        do {
            for spec in specs {
                let (sink, file) = try openReport(spec.path, inputs: inputs + expansion.files + guarded.files + packs.map(\.file) + [waivers, baseline].compactMap { $0 },
                                                  folders: expansion.folders + guarded.folders)
                opened.append((spec, sink, file))
            }
        } catch {
            for report in opened { report.file?.abandon() }
            throw error
        }
        let checker = Checker(packs: packs, asOf: day, allPacksForEverySite: !regimeOption.regimes.isEmpty, gathersEveryMissingFact: todo)
        let runner = AuditRunner(checker: checker, limits: limitOptions.limits)

        // A baseline records the violations: writing one exits 0 for them, as --soft-fail does.
        var summary = RunSummary(failOn: failLevel, softFail: softFail || writingBaseline)
        var context = ReportContext(asOf: day, packs: packs, failOn: failLevel, verbose: verbose)
        context.filterNote = filter.note
        var pipeline = ResultPipeline(filter: filter, asOf: day)
        if let waivers {
            let known = Set(packs.flatMap { $0.requirements.map(\.id) })
            do { pipeline.waivers = try WaiverFile.load(path: waivers, requirements: known) } catch { throw inputFailure("the waivers file", error) }
        }
        if let baseline {
            do { pipeline.baseline = try Baseline.load(path: baseline) } catch { throw inputFailure("the baseline", error) }
        }
        var checkedSites = Set<String>()
        if todo {
            checkedSites = await report([(TodoReport(json: specs[0].format == .json), opened[0].sink)], context: context, expansion: expansion,
                         runner: runner, pipeline: pipeline, summary: &summary)
        } else if compare {
            let regimes = regimeOption.regimes.map { regime in
                packs.first { $0.matches(regime) }?.id ?? regime
            }
            let renderer = CompareReport(format: CompareReport.Format(rawValue: specs[0].format.rawValue) ?? .text, left: regimes[0], right: regimes[1])
            checkedSites = await report([(renderer, opened[0].sink)], context: context, expansion: expansion, runner: runner, pipeline: pipeline, summary: &summary)
        } else {
            let outputs = opened.map { report in
                (report.spec.format.renderer(color: report.spec.path == nil && colorOption.enabled(fd: 1), text: textDetail, top: top), report.sink)
            }
            checkedSites = await report(outputs, context: context, expansion: expansion, runner: runner, pipeline: pipeline, summary: &summary)
        }
        // Every report is completed, even after one fails; any failure ends the run with 74.
        var failure: Error?
        for report in opened {
            do { try closeReport(report.sink, report.file) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        for warning in pipeline.waivers?.unused(sites: checkedSites) ?? [] { err.safeLine("h2audit: \(warning)") }
        if let note = summary.exitNote { err.safeLine("h2audit: \(note)") }
        if !toStandardOutput {
            let written = opened.map { "\($0.spec.format.rawValue) to \($0.spec.path ?? "-")" }.joined(separator: ", ")
            err.safeLine("h2audit: \(summary.filesChecked) files checked, \(summary.filesWithViolations) with violations, \(summary.inputErrors) input errors; wrote \(written) (exit \(summary.exitCode))")
        }
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
