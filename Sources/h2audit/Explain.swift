import ArgumentParser
import H2Audit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one requirement: what it asks, why, how to fix a gap, its source and examples.",
        discussion: """
        Given a site file instead, shows its roles and how each legal scope fact (high-pressure gas, processing and \
        storage capacity, class) was derived from its facts.

        Examples:
          h2audit explain KR-HRS-002
          h2audit explain jp-hrs-002
          h2audit explain sites/kr-ulsan-onsite-electrolysis-hrs.yaml
        """
    )

    @Argument(help: ArgumentHelp("Requirement id (any case), or a site file.", valueName: "REQUIREMENT-ID|SITE"))
    var id: String

    @OptionGroup var packOptions: PackOptions

    func run() throws {
        if id.hasSuffix(".yaml") || id.hasSuffix(".yml") {
            let site: Site
            do { site = try Site.load(path: id) } catch { throw inputFailure(id, error) }
            let out = OutputSink(fd: 1)
            out.line("\(site.file): \(site.name) [\(site.id)] \(site.country ?? "?")")
            out.line("  roles: \(Roles.names(Roles.of(site.facts) ?? 0).joined(separator: ", "))")
            out.line()
            out.line("  Legal scope facts (derived by h2audit; packs read them by name):")
            for d in ScopeFacts.derivations(of: site.facts) {
                out.line("    \(d.path) = \(d.value)")
                for reason in d.because { out.line("        \(reason)") }
            }
            out.flush()
            return
        }
        let packs = try packOptions.packsOrExit()
        let all = packs.flatMap(\.requirements)
        let out = OutputSink(fd: 1)
        if let c = packs.flatMap(\.commitments).first(where: { $0.id.lowercased() == id.lowercased() }) {
            out.line("\(c.id): \(c.title)")
            out.line()
            out.line("  commitment: a national target or strategy measure, reported as context, never a site's gap")
            out.line("  target:     \(c.target)")
            if let horizon = c.horizon { out.line("  horizon:    \(horizon)") }
            if let status = c.status { out.line("  status:     \(status)") }
            out.line("  source:     \(c.source.citation)")
            if let url = c.source.url { out.line("              \(url)") }
            out.line("              research rows: \(c.source.brief.joined(separator: ", "))")
            try finish(out)
            return
        }
        guard let r = all.first(where: { $0.id.lowercased() == id.lowercased() }) else {
            var message = "no requirement '\(id)'"
            let ids = all.map(\.id) + packs.flatMap(\.commitments).map(\.id)
            if let guess = Suggest.closest(to: id, in: ids).first { message += "; did you mean '\(guess)'?" }
            throw ValidationError(message)
        }
        out.line("\(r.id): \(r.title)")
        out.line()
        out.line("  pack:        \(r.pack) (\(r.country))")
        out.line("  roles:       \(r.roles.joined(separator: ", "))")
        out.line("  stage:       \(r.stage.rawValue)")
        out.line("  topic:       \(r.topic)")
        out.line("  severity:    \(r.severity.rawValue)")
        out.line("  basis:       \(r.basis.rawValue)\(basisNote(r.basis))")
        if let e = r.effective { out.line("  effective:   \(e)") }
        if let u = r.until { out.line("  until:       \(u)") }
        if let applies = r.applies { out.line("  applies:     \(applies.text)") }
        for alternative in r.alternatives {
            out.line("  require\(alternative.name.isEmpty ? "" : " (\(alternative.name))"): \(alternative.condition.text)")
        }
        if r.allowsEquivalent { out.line("  equivalent measures accepted with an evidence reference") }
        out.line("  source:      \(r.source.citation)")
        if let url = r.source.url { out.line("               \(url)") }
        out.line("               research rows: \(r.source.brief.joined(separator: ", "))\(r.source.confidence.map { "; confidence \($0)" } ?? "")")
        out.line()
        out.line("Why:  \(r.rationale)")
        out.line("Fix:  \(r.remediation)")
        if !r.examples.isEmpty {
            out.line()
            out.line("Examples (run by the test suite):")
            for example in r.examples {
                out.line("  \(example.expect.rawValue): \(example.name ?? "")  (as of \(example.asOf), \(example.mark))")
            }
        }
        out.line("  defined at \(r.mark)")
        try finish(out)
    }

    func basisNote(_ basis: Basis) -> String {
        switch basis {
        case .law: return " (obligation in force: a gap is non-compliance)"
        case .eligibility: return " (condition for certification or support: a gap means not eligible)"
        case .commitment: return " (roadmap or strategy commitment: context, never a site violation)"
        }
    }
}
