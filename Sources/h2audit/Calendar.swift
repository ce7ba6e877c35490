import ArgumentParser
import H2Audit

struct Calendar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every dated obligation of a site: inspections, checks, refreshers, expiries and rules taking effect.",
        discussion: """
        The dates come from the packs' own conditions: each comparison of a site date plus the pack's interval with \
        the as-of date (inspections.last_periodic + 1 yr + 15 d >= as_of) gives the last day the requirement holds, \
        and a grace period in days after an interval in months or years gives the window. Where a requirement has \
        alternatives, the one that holds longer counts. Waiver expiry dates and the dates on which rules that apply \
        to the site take effect are listed too. The iCalendar output has one all-day event per obligation spanning \
        its window, with a UID made of the site id, requirement id and fact path, so that importing it again \
        updates the events instead of adding copies.

        Examples:
          h2audit calendar sites/kr-ulsan-onsite-electrolysis-hrs.yaml
          h2audit calendar sites/ --format json --as-of 2026-11-23
          h2audit calendar sites/ --format ics --output h2audit.ics
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders.", valueName: "SITE"))
    var paths: [String]

    @OptionGroup var regimeOption: RegimeOption
    @OptionGroup var packOptions: PackOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: ArgumentHelp("Format: text, json, ics (iCalendar, RFC 5545).", valueName: "FORMAT"))
    var format: CalendarReport.Format = .text

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Compute from the site's state on this date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var asOf: Day?

    @OptionGroup var colorOption: ColorOption

    func run() throws {
        let packs = try packOptions.packsOrExit(regimes: regimeOption.regimes)
        let expansion = InputFiles.expand(paths)
        let err = OutputSink(fd: 2)
        for note in expansion.skipped { err.safeLine("h2audit: \(note)") }
        var bad = 0
        for d in expansion.errors { err.safeLine("\(d)"); bad += 1 }
        let day = asOf ?? Day.today()
        let checker = Checker(packs: packs, asOf: day, allPacksForEverySite: !regimeOption.regimes.isEmpty)
        var calendars: [SiteCalendar] = []
        for file in expansion.files {
            do {
                let site = try Site.load(path: file, limits: limitOptions.limits)
                calendars.append(CalendarBuilder.calendar(for: site, checker: checker))
            } catch {
                bad += 1
                for d in AuditRunner.condense(error.diagnostics, file: file) { err.safeLine("\(d)") }
            }
        }
        err.flush()
        let guarded = packOptions.packInputs
        let (out, file) = try openReport(output, inputs: paths + expansion.files + guarded.files + packs.map(\.file),
                                         folders: expansion.folders + guarded.folders)
        let paint = Paint(enabled: format == .text && output == nil && colorOption.enabled(fd: 1))
        out.write(CalendarReport.render(calendars, as: format, paint: paint))
        try closeReport(out, file)
        if expansion.files.isEmpty && expansion.errors.isEmpty {
            err.safeLine("h2audit: no site files found in \(paths.joined(separator: " "))")
            err.flush()
            throw ExitCode(ExitStatus.noInput)
        }
        throw ExitCode(bad > 0 ? ExitStatus.inputErrors : ExitStatus.ok)
    }
}

extension CalendarReport.Format: ExpressibleByArgument {}
