import ArgumentParser
import H2Audit

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the requirement packs and their requirements, with counts per stage and basis.",
        discussion: """
        Examples:
          h2audit list
          h2audit list --regime jp
        """
    )

    @OptionGroup var packOptions: PackOptions
    @Option(name: .long, help: ArgumentHelp("Packs to list, comma-separated pack ids or country codes (kr, jp). Default: every pack.", valueName: "LIST"))
    var regime: String?

    @Flag(name: .long, help: "Only the counts, not every requirement.")
    var summary = false

    func run() throws {
        let packs = try packOptions.packsOrExit(regimes: RegimeOption.split(regime))
        let out = OutputSink(fd: 1)
        for pack in packs {
            out.line("\(pack.id)  \(pack.title)  (\(pack.country), version \(pack.version), \(pack.file))")
            out.line("  \(pack.requirements.count) requirements")
            let stages = Stage.allCases.map { s in "\(s.rawValue) \(pack.requirements.filter { $0.stage == s }.count)" }
            out.line("  by stage: " + stages.joined(separator: ", "))
            let bases = Basis.allCases.map { b in "\(b.rawValue) \(pack.requirements.filter { $0.basis == b }.count)" }
            out.line("  by basis: " + bases.joined(separator: ", "))
            out.line("  commitments (context): \(pack.commitments.count)")
            if !summary {
                for r in pack.requirements {
                    let dates = [r.effective.map { "from \($0)" }, r.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
                    out.line("    \(r.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(r.stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(r.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.basis.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(r.title)\(dates.isEmpty ? "" : "  [\(dates)]")")
                }
            }
            if !summary {
                for c in pack.commitments {
                    out.line("    \(c.id.padding(toLength: 20, withPad: " ", startingAt: 0)) commitment \(c.title)\(c.horizon.map { "  [\($0)]" } ?? "")")
                }
            }
            out.line()
        }
        try finish(out)
    }
}
