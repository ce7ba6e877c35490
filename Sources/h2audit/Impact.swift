import ArgumentParser
import Foundation
import H2Audit

/// `h2audit impact`: which filings change status when the rules change.
struct Impact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which filings change status on which requirements when rules take effect between two dates or a pack changes.",
        discussion: """
        Checks every filing twice: under the rules in force on --from and on --to (rules with an effective date in \
        between take effect), and/or under the old and the new version of a pack (--pack OLD --pack NEW; the new one \
        replaces every loaded pack with its id). Lists every (filing, requirement) pair whose status changes, with \
        counts per requirement and per severity: how many results change, how many become violations and how many \
        stop being ones. Exit status: 0, or 2 when a file could not be checked.

        Examples:
          h2audit impact sites/ --from 2026-11-23 --to 2027-06-01
          h2audit impact sites/ --from 2026-11-23 --to 2027-06-01 --only KR-HRS-017 --format csv
        """
    )

    @Argument(help: ArgumentHelp("Site files or folders.", valueName: "FILINGS"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("The earlier date (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var from: Day?

    @Option(name: .long, help: ArgumentHelp("The later date. Default: --from.", valueName: "DATE"))
    var to: Day?

    @Option(name: .long, help: ArgumentHelp("Twice: the old and the new version of a pack.", valueName: "FILE"))
    var pack: [String] = []

    @OptionGroup var regimeOption: RegimeOption

    @Option(name: .long, help: ArgumentHelp("Folder of the national packs.", valueName: "DIR"))
    var roadmaps: String?

    @Option(name: .long, help: ArgumentHelp("Only these requirements: ids, id globs, topics or stages, comma-separated.", valueName: "LIST"))
    var only: [String] = []

    @Option(name: .long, help: ArgumentHelp("Format: text, json, csv.", valueName: "FORMAT"))
    var format: ImpactReport.Format = .text

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard pack.isEmpty || pack.count == 2 else { throw ValidationError("--pack is given twice: the old version, then the new one") }
        guard !pack.isEmpty || (from != nil && to != nil) else {
            throw ValidationError("give --from DATE --to DATE, or --pack OLD --pack NEW (or both)")
        }
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    /// The packs of one side: the national packs (by --regime), with `replacement` instead of every pack of its id.
    func packs(replacing replacement: String?) throws -> [RequirementPack] {
        let options = try PackOptions.parse(roadmaps.map { ["--roadmaps", $0] } ?? [])
        var packs = try options.packsOrExit(regimes: regimeOption.regimes)
        guard let replacement else { return packs }
        let loaded: RequirementPack
        do { loaded = try PackLoader().load(path: replacement) } catch { throw failOnPackErrors(error) }
        packs.removeAll { $0.id == loaded.id }
        return packs + [loaded]
    }

    func run() async throws {
        let before = try packs(replacing: pack.first), after = try packs(replacing: pack.last)
        let all = before + after
        let unknown = FindingFilter.unknownSelectors(only.flatMap { RegimeOption.split($0) }, packs: all)
        if !unknown.isEmpty { throw ValidationError(unknown.joined(separator: "\n")) }
        let fromDay = from ?? to ?? Day.today(), toDay = to ?? fromDay
        let everyPack = !regimeOption.regimes.isEmpty
        let expansion = InputFiles.expand(paths)
        let err = OutputSink(fd: 2)
        for d in expansion.errors { err.safeLine("\(d)") }
        err.flush()
        guard !expansion.files.isEmpty else {
            err.safeLine("h2audit: no site files found in \(paths.joined(separator: " ")); nothing was checked (exit \(ExitStatus.noInput))")
            err.flush()
            throw ExitCode(ExitStatus.noInput)
        }
        let (out, file) = try openReport(output, inputs: paths + expansion.files + pack, folders: expansion.folders)
        var analysis = await ImpactAnalysis.run(
            files: expansion.files,
            before: AuditRunner(checker: Checker(packs: before, asOf: fromDay, allPacksForEverySite: everyPack), limits: limitOptions.limits),
            after: AuditRunner(checker: Checker(packs: after, asOf: toDay, allPacksForEverySite: everyPack), limits: limitOptions.limits))
        let filter = FindingFilter(only: only.flatMap { RegimeOption.split($0) })
        analysis.changes.removeAll { !filter.selects($0.requirement) }
        func side(_ day: Day, _ pack: String?) -> String {
            "the rules in force on \(day)" + (pack.map { " with \(($0 as NSString).lastPathComponent)" } ?? "")
        }
        let sides = ImpactReport.Sides(before: side(fromDay, pack.first), after: side(toDay, pack.last))
        ImpactReport.write(analysis, sides: sides, format: format, to: out)
        try closeReport(out, file)
        throw ExitCode(analysis.inputErrors.isEmpty && expansion.errors.isEmpty ? ExitStatus.ok : ExitStatus.inputErrors)
    }
}

extension ImpactReport.Format: ExpressibleByArgument {}
