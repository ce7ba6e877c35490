import ArgumentParser
import Foundation
import H2Audit

@main
struct Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h2audit-bench",
        abstract: "Generate synthetic filings and measure h2audit against a libyaml baseline.",
        subcommands: [Run.self, Generate.self, ProfileCheck.self],
        defaultSubcommand: Run.self
    )
}

/// CPU time (user + system) used so far by all threads of this process, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident memory of this process (Linux VmHWM), in MiB.
/// CPU time of the calling thread: unlike wall time, it leaves out the time
/// other processes on a busy machine hold the core.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func peakMemoryMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return nil
}

func writeSites(count: Int, broken: Int, to directory: String, seed: UInt64) throws -> [String] {
    let fm = FileManager.default
    try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let generator = SyntheticSites(seed: seed)
    var files: [String] = []
    for i in 0..<count {
        let path = (directory as NSString).appendingPathComponent(SyntheticSites.fileName(i))
        try generator.site(index: i).write(toFile: path, atomically: false, encoding: .utf8)
        files.append(path)
    }
    for i in 0..<broken {
        let path = (directory as NSString).appendingPathComponent(SyntheticSites.fileName(i, broken: true))
        fm.createFile(atPath: path, contents: Data(generator.broken(index: i)))
        files.append(path)
    }
    return files.sorted()
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write N deterministic synthetic site files (and K broken ones) to a folder.",
        discussion: "Example: h2audit-bench generate --sites 10000 --broken 10 --out /tmp/filings"
    )
    @Option(help: "Number of valid synthetic sites.") var sites = 10_000
    @Option(help: "Number of broken files, cycling through every kind of bad input.") var broken = 0
    @Option(help: "Output folder.") var out: String
    @Option(help: "Random seed; the same seed gives the same files.") var seed: UInt64 = 20_261_123

    func run() throws {
        let files = try writeSites(count: sites, broken: broken, to: out, seed: seed)
        print("wrote \(files.count) files to \(out)")
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure (a) libyaml parsing alone and (b) a full check of every file against both packs.",
        discussion: """
        Every phase reads the same files with the same parallel runner: (a) parses each into a node tree, (b)
        validates every site and checks it against every requirement of both packs, (c) also renders the JSON
        report (to /dev/null). The phases take turns on chunks of --chunk files, so that load from elsewhere on
        the machine falls on all of them alike; the whole is run --repeat times and the fastest run of each phase
        is reported. (d) is the regulator's run: (b) with a baseline (of the gaps and missing evidence of \
        --baseline-percent of the files: by default every other file, as in a new month's intake where half the \
        filings were seen before) and the triage view. Build with -c release for meaningful numbers.

        Example: swift run -c release h2audit-bench --sites 10000
        """
    )
    @Option(help: "Number of synthetic sites.") var sites = 10_000
    @Option(help: "Folder for the generated files (default: a temporary folder, removed afterwards).") var dir: String?
    @Option(help: "Runs of each phase; the fastest is reported.") var `repeat` = 2
    @Option(help: "Random seed.") var seed: UInt64 = 20_261_123
    @Option(help: "Folder of the requirement packs.") var roadmaps: String?
    @Flag(help: "Also measure libyaml's event parsing alone, without our checks or a node tree.") var eventsBaseline = false
    @Option(help: "Files per turn: the phases take turns on chunks of this many files (0: each phase over all files at once).")
    var chunk = 500
    @Option(help: "Share of the files whose gaps and missing evidence (d)'s baseline holds, in percent (100: a re-run of the same intake).")
    var baselinePercent = 50

    func run() async throws {
        let directory = dir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("h2audit-bench-\(sites)-\(getpid())")
        let generateStart = Date()
        let files = try writeSites(count: sites, broken: 0, to: directory, seed: seed)
        let generateSeconds = Date().timeIntervalSince(generateStart)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: directory) } }

        let packs: [RequirementPack]
        do { packs = try PackLocator.load(directory: roadmaps ?? PackLocator.roadmapsDirectory(), regimes: [], extra: []) } catch {
            throw ValidationError("packs do not load: \(error)")
        }
        let requirements = packs.reduce(0) { $0 + $1.requirements.count }
        let checker = Checker(packs: packs, asOf: Day("2026-06-01")!, allPacksForEverySite: true)
        let runner = AuditRunner(checker: checker)
        let loader = YAMLLoader()

        /// A phase's wall time and CPU time (user + system, all threads) in one run, summed over the chunks.
        struct Totals {
            var wall = 0.0, cpu = 0.0
            mutating func measure(_ body: () async -> Void) async {
                let start = Date(), cpuStart = cpuSeconds()
                await body()
                wall += Date().timeIntervalSince(start)
                cpu += cpuSeconds() - cpuStart
            }
        }
        /// The fastest wall time and the least CPU time of a phase over the runs.
        struct Best {
            var wall = Double.infinity, cpu = Double.infinity
            mutating func keep(_ run: Totals) {
                wall = min(wall, run.wall)
                cpu = min(cpu, run.cpu)
            }
        }
        // Warm-up, not measured: read every file once, so that no phase pays for a cold page cache.
        await parallelOrdered(count: files.count, work: { i -> Int in
            (try? loader.read(path: files[i], displayName: files[i]))?.count ?? 0
        }, emit: { _, _ in })

        // (d)'s baseline: the gaps and missing evidence of every other file, found once, not measured.
        var entries: [Baseline.Entry] = []
        let percent = min(100, max(0, baselinePercent))
        let baselined = files.indices.filter { ($0 + 1) * percent / 100 > $0 * percent / 100 }.map { files[$0] }
        await runner.run(baselined) { result in
            guard case .checked(let report) = result else { return }
            for f in report.findings where Baseline.holds(f) {
                entries.append(Baseline.Entry(fingerprint: FindingFingerprint.of(site: report.siteID, finding: f), site: report.siteID,
                                              requirement: f.requirement.id, status: f.status.rawValue, file: report.file))
            }
        }
        let pipeline = ResultPipeline(baseline: Baseline(entries: entries), asOf: checker.asOf)
        entries = []  // the baseline keeps the fingerprints only

        // The phases take turns on chunks of files, so that a burst of load from elsewhere on the
        // machine falls on every phase alike instead of on whichever phase happened to be running.
        let chunkSize = chunk > 0 ? chunk : files.count
        let chunks = stride(from: 0, to: files.count, by: chunkSize).map { Array(files[$0..<min($0 + chunkSize, files.count)]) }
        var parse = Best(), events = Best(), check = Best(), report = Best(), triage = Best()
        var leftOut = 0
        var parsedFiles = 0
        var summary = RunSummary(failOn: .major)
        for _ in 0..<max(1, `repeat`) {
            var parseRun = Totals(), eventsRun = Totals(), checkRun = Totals(), reportRun = Totals(), triageRun = Totals()
            var triageView = TriageReport(style: .text)
            var triageSummary = RunSummary(failOn: .major)
            let triageSink = OutputSink.file("/dev/null")!
            await triageRun.measure { triageView.begin(ReportContext(asOf: checker.asOf, packs: packs), to: triageSink) }
            var parsed = 0
            let sink = OutputSink.file("/dev/null")!
            var renderer = JSONReport()
            var runSummary = RunSummary(failOn: .major)
            await reportRun.measure { renderer.begin(ReportContext(asOf: checker.asOf, packs: packs), to: sink) }
            for files in chunks {
                // (a) libyaml parsing alone: read each file and parse it into a node tree.
                await parseRun.measure {
                    await parallelOrdered(count: files.count, work: { i -> Int in
                        (try? loader.load(path: files[i])).map { _ in 1 } ?? 0
                    }, emit: { _, ok in parsed += ok })
                }
                if eventsBaseline {
                    // (a') below (a): libyaml's events alone, no checks, no tree.
                    await eventsRun.measure {
                        await parallelOrdered(count: files.count, work: { i -> Int in
                            YAMLLoader.countEvents((try? loader.read(path: files[i], displayName: files[i])) ?? [])
                        }, emit: { _, _ in })
                    }
                }
                // (b) full check: read, stream libyaml's events into schema validation, check against both packs, summarise.
                await checkRun.measure {
                    var checkSummary = RunSummary(failOn: .major)
                    await runner.run(files) { result in checkSummary.add(result) }
                }
                // (d) as (b), through the baseline, into the triage view (the regulator's run).
                await triageRun.measure {
                    let snapshot = triageView
                    await runner.run(files, pipeline: pipeline, render: { [snapshot.render($0)] }) { kept, rendered in
                        triageSummary.add(kept)
                        triageView.add(kept, rendered: rendered[0], to: triageSink)
                    }
                }
                // (c) as (b), plus rendering the JSON report (written to /dev/null).
                await reportRun.measure {
                    let snapshot = renderer
                    await runner.run(files, renderer: snapshot) { result, rendered in
                        runSummary.add(result)
                        renderer.add(result, rendered: rendered, to: sink)
                    }
                }
            }
            await reportRun.measure {
                renderer.finish(runSummary, to: sink)
                sink.close()
            }
            await triageRun.measure {
                triageView.finish(triageSummary, to: triageSink)
                triageSink.close()
            }
            leftOut = triageSummary.baselined
            parse.keep(parseRun); events.keep(eventsRun); check.keep(checkRun); report.keep(reportRun); triage.keep(triageRun)
            parsedFiles = parsed
            summary = runSummary
        }

        func line(_ name: String, _ best: Best, _ what: String) {
            print(String(format: "  %@: %7.3f s %9.0f files/s  CPU %6.3f s   (%@)", name.padding(toLength: 24, withPad: " ", startingAt: 0) as NSString,
                         best.wall, Double(files.count) / best.wall, best.cpu, what as NSString))
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("h2audit benchmark: \(files.count) synthetic sites (seed \(seed)), \(requirements) requirements (\(packs.map { "\($0.id) \($0.requirements.count)" }.joined(separator: ", "))), every site against both packs, \(cores) cores, phases taking turns on \(chunkSize)-file chunks, best of \(max(1, `repeat`))")
        print(String(format: "  generate files          : %7.3f s (not measured below)", generateSeconds))
        line("(a) parse only", parse, "read + libyaml + node tree; \(parsedFiles) files")
        if eventsBaseline { line("(a') libyaml events only", events, "read + libyaml, no checks, no tree") }
        line("(b) full check", check, "read + libyaml events streamed into schema validation + \(requirements) requirements + summary")
        line("(c) check + JSON report", report, "b + rendering the JSON report")
        print(String(format: "  ratio b/a               : %7.2f   (CPU time: %.2f)", check.wall / parse.wall, check.cpu / parse.cpu))
        line("(d) b+baseline+triage", triage, "b through a baseline of \(percent) % of the files (\(leftOut) findings left out) into the triage view")
        print(String(format: "  ratio c/a               : %7.2f   (CPU time: %.2f)", report.wall / parse.wall, report.cpu / parse.cpu))
        print(String(format: "  ratio d/a               : %7.2f   (CPU time: %.2f)", triage.wall / parse.wall, triage.cpu / parse.cpu))
        if eventsBaseline { print(String(format: "  ratio b/a'              : %7.2f   (CPU time: %.2f)", check.wall / events.wall, check.cpu / events.cpu)) }
        print(String(format: "  peak memory (RSS)       : %7.1f MiB", peakMemoryMiB() ?? -1))
        let statuses = Status.allCases.map { "\($0.rawValue) \(summary.statusCounts[$0] ?? 0)" }.joined(separator: ", ")
        print("  results                 : files checked \(summary.filesChecked), input errors \(summary.inputErrors); \(statuses)")
    }
}

struct ProfileCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile-check",
        abstract: "Time each stage per site, serially and in memory (no file I/O, no report): for profilers.",
        discussion: """
        Stages: events (libyaml alone), tree (libyaml + checked events + node tree, as packs load), \
        validate (a node tree replayed as events into the validator, as pack examples are validated), \
        load (text streamed into facts, no tree, as site files load), check (facts against every requirement \
        of both packs), fingerprint (check, then the fingerprint of every gap and missing evidence, as a \
        baseline reads them), pipeline (load then check, site by site, as the batch runner does), \
        requirements (each requirement timed alone, the costliest listed).

        Each stage prints wall time and the thread's CPU time per site; on a busy machine compare CPU times.

        Example: perf record -g .build/release/h2audit-bench profile-check --stage check --passes 20
        """
    )
    enum Stage: String, ExpressibleByArgument, CaseIterable { case all, events, tree, validate, load, check, fingerprint, pipeline, requirements }

    @Option(help: "Number of synthetic sites.") var sites = 2_000
    @Option(help: "Passes over the sites.") var passes = 5
    @Option(help: "With --stage requirements: time only this requirement (for a profiler).") var requirement: String?
    @Option(help: "Stage to time (\(Stage.allCases.map(\.rawValue).joined(separator: ", "))).") var stage: Stage = .all

    func run() throws {
        let packs = try PackLocator.load(directory: PackLocator.roadmapsDirectory(), regimes: [], extra: [])
        let checker = Checker(packs: packs, asOf: Day("2026-06-01")!, allPacksForEverySite: true)
        let generator = SyntheticSites()
        let texts = (0..<sites).map { Array(generator.site(index: $0).utf8) }
        let names = (0..<sites).map { "/tmp/filings/\(SyntheticSites.fileName($0))" }
        let nodes = try texts.indices.map { try YAMLLoader().parse(texts[$0], file: names[$0]) }
        let loaded = try nodes.indices.map { Site(file: names[$0], facts: try SiteValidator().validate(nodes[$0])) }

        func time(_ name: Stage, _ body: (Int) throws -> Int) rethrows {
            guard stage == .all || stage == name else { return }
            let start = Date(), startCPU = threadCPUSeconds()
            var total = 0
            for _ in 0..<passes { for i in 0..<sites { total &+= try body(i) } }
            let perSite = Date().timeIntervalSince(start) / Double(sites * passes) * 1e6
            let cpuPerSite = (threadCPUSeconds() - startCPU) / Double(sites * passes) * 1e6
            print(String(format: "%-9@ %7.1f us per site, %7.1f us CPU   (checksum %d)", name.rawValue as NSString, perSite, cpuPerSite, total))
        }
        time(.events) { YAMLLoader.countEvents(texts[$0]) }
        try time(.tree) { i in _ = try YAMLLoader().parse(texts[i], file: names[i]); return 1 }
        try time(.validate) { i in try SiteValidator().validate(nodes[i]).mark.line }
        try time(.load) { i in _ = try Site.load(bytes: texts[i], file: names[i]); return 1 }
        time(.check) { i in checker.check(loaded[i]).findings.count }
        time(.fingerprint) { i in
            let report = checker.check(loaded[i])
            return report.findings.reduce(0) { Baseline.holds($1) ? $0 &+ Int(truncatingIfNeeded: FindingFingerprint.value(site: report.siteID, finding: $1)) : $0 }
        }
        try time(.pipeline) { i in checker.check(try Site.load(bytes: texts[i], file: names[i])).findings.count }
        if stage == .requirements {
            // The costliest requirements: each evaluated over every site, `passes` times.
            var costs: [(id: String, microseconds: Double)] = []
            for pack in packs {
                for requirement in pack.requirements where self.requirement == nil || requirement.id == self.requirement {
                    let start = Date()
                    for _ in 0..<passes { for site in loaded { _ = Checker.evaluate(requirement, on: site.facts, asOf: checker.asOf) } }
                    costs.append((requirement.id, Date().timeIntervalSince(start) / Double(sites * passes) * 1e6))
                }
            }
            let total = costs.reduce(0) { $0 + $1.microseconds }
            print(String(format: "all requirements: %.1f us per site; the costliest:", total))
            for cost in costs.sorted(by: { $0.microseconds > $1.microseconds }).prefix(15) {
                print(String(format: "  %-12@ %6.2f us per site", cost.id as NSString, cost.microseconds))
            }
            // The evidence of each failed requirement, worked out as a report or a baseline reads it.
            var explained: [(id: String, microseconds: Double, count: Int)] = []
            for pack in packs {
                for requirement in pack.requirements where self.requirement == nil || requirement.id == self.requirement {
                    var seconds = 0.0, count = 0
                    for _ in 0..<passes {
                        for site in loaded {
                            let finding = Checker.evaluate(requirement, on: site.facts, asOf: checker.asOf)
                            guard finding.status == .gap || finding.status == .missingEvidence else { continue }
                            let start = threadCPUSeconds()
                            count &+= finding.witnesses.count + finding.missing.count
                            seconds += threadCPUSeconds() - start
                        }
                    }
                    explained.append((requirement.id, seconds / Double(sites * passes) * 1e6, count))
                }
            }
            print(String(format: "all evidence: %.1f us CPU per site; the costliest:", explained.reduce(0) { $0 + $1.microseconds }))
            for cost in explained.sorted(by: { $0.microseconds > $1.microseconds }).prefix(25) {
                print(String(format: "  %-12@ %6.2f us per site  (%d witnesses and missing facts)", cost.id as NSString, cost.microseconds, cost.count))
            }
        }
    }
}
