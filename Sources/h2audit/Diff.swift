import ArgumentParser
import H2Audit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two regimes requirement by requirement and topic by topic.",
        discussion: """
        Requirements are lined up by the crosswalk in roadmaps/ (crosswalk-LEFT-RIGHT.yaml) and, beyond it, \
        automatically: same topic and a threshold on the same site quantity, compared in canonical units. The summary \
        counts aligned pairs, pairs stricter on either side, partly different ones, and requirements found on one side \
        only (confirmed by the crosswalk, or unmapped).

        Examples:
          h2audit diff kr jp
          h2audit diff kr jp --format html --output diff.html
          h2audit diff jp kr --format markdown
        """
    )

    @Argument(help: "Left regime (pack id or country code).") var left: String
    @Argument(help: "Right regime.") var right: String
    @OptionGroup var packOptions: PackOptions
    @Option(name: .long, help: ArgumentHelp("Crosswalk file (default: roadmaps/crosswalk-LEFT-RIGHT.yaml or the reverse).", valueName: "FILE"))
    var crosswalk: String?
    @Option(name: .long, help: "Format: text, markdown, json, html.") var format: DiffReport.Format = .text
    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE")) var output: String?

    func run() throws {
        let packs = try packOptions.packsOrExit()
        func pack(_ name: String) throws -> RequirementPack {
            guard let p = packs.first(where: { $0.matches(name) }) else {
                throw ValidationError("no pack '\(name)'; known: \(packs.map(\.id).joined(separator: ", "))")
            }
            return p
        }
        let l = try pack(left), r = try pack(right)
        let walk: Crosswalk?
        do {
            if let crosswalk {
                walk = try Crosswalk.load(path: crosswalk, left: l, right: r)
            } else if let directory = packOptions.roadmaps ?? PackLocator.roadmapsDirectory() {
                walk = try Crosswalk.find(in: directory, left: l, right: r)
            } else {
                walk = nil
            }
        } catch {
            throw inputFailure("the crosswalk", error)
        }
        let diff = RegimeDiff(left: l, right: r, crosswalk: walk)
        let guarded = packOptions.packInputs
        let (out, file) = try openReport(output, inputs: guarded.files + packs.map(\.file) + [crosswalk].compactMap { $0 }, folders: guarded.folders)
        out.write(DiffReport.render(diff, as: format))
        try closeReport(out, file)
    }
}

extension DiffReport.Format: ExpressibleByArgument {}
