import ArgumentParser
import H2Audit

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Show what each pack covers of its research brief: sources, requirements, rows not checked and why.",
        discussion: """
        Each pack has a trace file beside it (NAME.trace.yaml) listing every row of its research brief with its tag. \
        A LAW or ELIG row is encoded when a requirement cites it; rows that a site file cannot show are listed with \
        the reason. Each row's duties (the trace's `duties:`) carry a status: checked (a requirement's condition \
        tests the duty's number or condition), partly, cited (a requirement only cites the row) or not-checked \
        (with a reason). The report gives the duties twice: all entries, and the site's own duties only \
        (`party: site`, `kind: duty`, the defaults). Entries of another party (`maker`, `authority`, `body`: \
        an inspection, certification or testing body) or of another kind (`penalty`, `definition`) are left out \
        of the site's share and counted by party and kind, never hidden. \
        POLICY rows are commitment entries: context, never a site's gap.

        Examples:
          h2audit coverage
          h2audit coverage --regime jp --format markdown
        """
    )

    @OptionGroup var packOptions: PackOptions
    @Option(name: .long, help: ArgumentHelp("Packs to report on, comma-separated pack ids or country codes (kr, jp). Default: every pack.", valueName: "LIST"))
    var regime: String?
    @Option(name: .long, help: "Format: text, json, markdown.") var format: CoverageReport.Format = .text

    func run() throws {
        let packs = try packOptions.packsOrExit(regimes: RegimeOption.split(regime))
        var coverages: [Coverage] = []
        for pack in packs {
            let path = Trace.path(for: pack.file)
            do {
                coverages.append(Coverage(pack: pack, trace: try Trace.load(path: path)))
            } catch {
                throw inputFailure("the trace file of pack \(pack.id)", error)
            }
        }
        let out = OutputSink(fd: 1)
        out.write(CoverageReport.render(coverages, as: format))
        try finish(out)
    }
}

extension CoverageReport.Format: ExpressibleByArgument {}
