import ArgumentParser
import Foundation
import H2Audit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate site files (or requirement packs) without checking them.",
        discussion: """
        A file with a top-level 'pack:' key is validated as a requirement pack, including its expressions and \
        examples; 'crosswalk:' and 'trace:' files against the packs beside them; anything else as a site file. \
        Waivers and equivalent measures that name no requirement of the national packs are reported as in `check`.

        Examples:
          h2audit validate sites/
          h2audit validate roadmaps/ sites/
          h2audit validate roadmaps/kr-hydrogen-safety-roadmap-2.0.yaml
        """
    )

    @Argument(help: ArgumentHelp("Files or folders.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var limitOptions: LimitOptions

    /// The national packs, when they can be found (waiver ids and pack collisions are checked against them).
    func loadNationalPacks() -> [RequirementPack]? {
        try? PackLocator.load(directory: PackLocator.roadmapsDirectory(), regimes: [], extra: [])
    }

    func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).resolvingSymlinksInPath().path == URL(fileURLWithPath: b).resolvingSymlinksInPath().path
    }

    func run() throws {
        let nationalPacks = loadNationalPacks()
        let expansion = InputFiles.expand(paths)
        let out = OutputSink(fd: 1)
        let err = OutputSink(fd: 2)
        for note in expansion.skipped { err.safeLine("h2audit: \(note)") }
        err.flush()
        var bad = expansion.errors.count
        for (index, file) in expansion.files.enumerated() {
            for d in expansion.errors(before: index) { out.safeLine("\(d)") }
            do throws(InputError) {
                let node = try YAMLLoader(limits: limitOptions.limits).load(path: file)
                if node["trace"] != nil {
                    let trace = try Trace.read(node, file: file)
                    let packFile = file.replacingOccurrences(of: ".trace.yaml", with: ".yaml")
                    let coverage = Coverage(pack: try PackLoader(limits: limitOptions.limits).load(path: packFile), trace: trace)
                    if !coverage.problems.isEmpty { throw InputError(coverage.problems) }
                    out.line("\(file): ok (trace of \(trace.pack): \(trace.rows.count) rows, \(coverage.encodedLawAndEligibilityRows.count) of \(coverage.lawAndEligibilityRows.count) LAW/ELIG rows encoded)")
                } else if let header = node["crosswalk"] {
                    // A crosswalk is checked against the packs of its own folder.
                    let folder = (file as NSString).deletingLastPathComponent
                    let packs = try PackLocator.load(directory: folder, regimes: [], extra: [])
                    guard let l = packs.first(where: { $0.id == header["left"]?.scalar }),
                          let r = packs.first(where: { $0.id == header["right"]?.scalar }) else {
                        throw InputError(.error(.invalidValue, at: header.mark, "the crosswalk's left and right packs are not in \(folder)"))
                    }
                    let walk = try Crosswalk.read(node, file: file, left: l, right: r)
                    out.line("\(file): ok (crosswalk \(l.id)-\(r.id), \(walk.mappings.count) mappings)")
                } else if node["pack"] != nil {
                    let pack = try PackLoader(limits: limitOptions.limits).load(path: file)
                    for warning in PackLint.warnings(pack) { out.line("\(warning)") }
                    // A pack of one's own may not reuse a national pack's id or requirement ids.
                    if let national = nationalPacks, !national.contains(where: { $0.file == pack.file || samePath($0.file, pack.file) }) {
                        let collisions = PackLocator.collisions(national + [pack])
                        if !collisions.isEmpty { throw InputError(collisions) }
                    }
                    let failures = ExampleRunner.failures(in: pack)
                    if failures.isEmpty {
                        let examples = pack.requirements.reduce(0) { $0 + $1.examples.count }
                        out.line("\(file): ok (pack \(pack.id), \(pack.requirements.count) requirements, \(examples) examples pass)")
                    } else {
                        bad += 1
                        for failure in failures { out.safeLine("\(failure)") }
                    }
                } else {
                    let site = Site(file: file, facts: try SiteValidator().validate(node))
                    // Waiver problems, as `check` reports them.
                    let checker = Checker(packs: nationalPacks ?? [], asOf: Day.today())
                    let problems = checker.warnings(for: site).filter { nationalPacks != nil || !$0.message.contains("no loaded pack") }
                    for d in problems { out.safeLine("\(d)") }
                    if problems.contains(where: { $0.severity == .error }) {
                        bad += 1
                    } else {
                        out.safeLine("\(file): ok")
                    }
                }
            } catch {
                bad += 1
                for d in AuditRunner.condense(error.diagnostics, file: file) { out.safeLine("\(d)") }
            }
        }
        for d in expansion.errors(before: expansion.files.count) { out.safeLine("\(d)") }
        out.line("\(expansion.files.count + expansion.errors.count - bad) valid, \(bad) with errors")
        try finish(out)
        throw ExitCode(bad > 0 ? ExitStatus.inputErrors : expansion.files.isEmpty ? ExitStatus.noInput : ExitStatus.ok)
    }
}
