import Foundation
import Testing
@testable import H2Audit

// Each failed probe of the reliability review (shared/research/reviews/
// reliability-review.md) as a test, named by its probe id. Issue #16.


let namie = sitesDirectory + "/jp-namie-alkaline-electrolysis-plant.yaml"
let ulsan = sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml"

/// A site of `count` equipment items (the review's I32 generator).
func bigSite(_ count: Int) -> String {
    let types = ["dispenser", "storage_vessel", "compressor", "tube_trailer", "electrolyser", "precooler"]
    var text = "id: m\nname: m\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\nequipment:\n"
    for i in 0..<count { text += "  - {id: D\(i), type: \(types[i % 6]), distances: {public_road: 10 m}}\n" }
    return text
}

/// Files left in `dir` whose name marks an unfinished report.
func temporaryReports(in dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains(".h2audit-") }
}

@Suite("Reliability: write errors, atomic reports, inputs kept", .serialized)
struct ReliabilityOutputTests {
    @Test("O3: --output /dev/full and >/dev/full exit 74 with the reason; the device stays a device")
    func devFull() throws {
        let r = try shell("$B check '\(namie)' --as-of 2026-11-23 --format sarif --output /dev/full")
        #expect(r.status == 74)
        #expect(r.stderr.contains("cannot write the report to /dev/full: No space left on device"))
        let redirected = try shell("$B check '\(namie)' --as-of 2026-11-23 >/dev/full")
        #expect(redirected.status == 74)
        #expect(redirected.stderr.contains("standard output: No space left on device"))
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(try shell("$B check '\(namie)' --as-of 2026-11-23 --output /dev/null").status <= 1)  // checked: 0 or 1 by the verdict
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("O4: a full disk exits 74 and keeps the previous report")
    func diskFull() throws {
        let dir = scratchDirectory()
        let mountPoint = dir.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let report = mountPoint.appendingPathComponent("r.json")
        // A real one-page tmpfs where the test may mount one (root); a file size limit otherwise.
        let mounted = try shell("mount -t tmpfs -o size=4k tmpfs '\(mountPoint.path)' 2>/dev/null").status == 0
        defer { if mounted { _ = try? shell("umount '\(mountPoint.path)'") } }
        write("previous", to: report)
        let limit = mounted ? "" : "trap '' XFSZ; ulimit -f 4; "
        let r = try shell("\(limit)$B check '\(sitesDirectory)' --as-of 2026-11-23 --verbose --format json --output '\(report.path)'")
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write the report to"))
        #expect(try String(contentsOf: report, encoding: .utf8) == "previous")
        #expect(temporaryReports(in: mountPoint).isEmpty)
    }

    @Test("O6: EPIPE with SIGPIPE ignored exits 74 and stops checking")
    func brokenPipe() throws {
        let dir = scratchDirectory()
        for i in 0..<40 {
            for name in try FileManager.default.contentsOfDirectory(atPath: sitesDirectory) {
                try FileManager.default.copyItem(atPath: sitesDirectory + "/" + name, toPath: dir.appendingPathComponent("\(i)-\(name)").path)
            }
        }
        let r = try shell("trap '' PIPE; $B check '\(dir.path)' --as-of 2026-11-23 --verbose | head -c 100 >/dev/null; echo \"status ${PIPESTATUS[0]}\"")
        #expect(r.stdout.contains("status 74"), "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("Broken pipe"))
    }

    @Test("O7: a closed standard output exits 74")
    func closedStdout() throws {
        let r = try shell("$B check '\(namie)' --as-of 2026-11-23 >&-")
        #expect(r.status == 74)
        #expect(r.stderr.contains("cannot write the report to standard output"))
        #expect(try shell("$B schema >&-").status == 74)
        #expect(try shell("$B list >&-").status == 74)
    }

    @Test("O8: --output naming the input site is refused (64) and the site is kept")
    func outputIsInput() throws {
        let dir = scratchDirectory()
        let site = dir.appendingPathComponent("u.yaml")
        try FileManager.default.copyItem(atPath: ulsan, toPath: site.path)
        let before = try Data(contentsOf: site)
        let r = try run(["check", site.path, "--format", "json", "--output", site.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: site) == before)
        // The same file by another name, and through a symbolic link.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: site.path)
        #expect(try run(["check", site.path, "--output", dir.appendingPathComponent("link.json").path]).status == 64)
        #expect(try run(["check", site.path, "--output", dir.path + "/./u.yaml"]).status == 64)
        #expect(try Data(contentsOf: site) == before)
    }

    @Test("O9: a site-named report inside an input folder is refused; stdout redirected there is not read back")
    func outputInInputFolder() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: namie, toPath: dir.appendingPathComponent("n.yaml").path)
        let r = try run(["check", dir.path, "--as-of", "2026-11-23", "--output", dir.appendingPathComponent("report.yaml").path])
        #expect(r.status == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.yaml").path))
        // A report with a report's extension is fine.
        #expect(try run(["check", dir.path, "--as-of", "2026-11-23", "--output", dir.appendingPathComponent("report.json").path]).status <= 1)
        let redirected = try shell("$B check . --as-of 2026-11-23 > out.yaml; echo \"status $?\"; $B check . --as-of 2026-11-23 > out.yaml; echo \"status $?\"", in: dir)
        let statuses = redirected.stdout.split(separator: "\n")
        #expect(statuses.count == 2 && statuses[0] == statuses[1] && (statuses[0] == "status 0" || statuses[0] == "status 1"), "\(redirected.stderr)")
        #expect(redirected.stderr.contains("this run's standard output"))
    }

    @Test("O10: --output naming a pack (--pack or a national one) is refused")
    func outputIsPack() throws {
        let dir = scratchDirectory()
        let roadmaps = dir.appendingPathComponent("roadmaps")
        try FileManager.default.copyItem(atPath: roadmapsDirectory, toPath: roadmaps.path)
        let kr = roadmaps.appendingPathComponent("kr-hydrogen-safety-roadmap-2.0.yaml")
        let before = try Data(contentsOf: kr)
        #expect(try run(["check", ulsan, "--roadmaps", roadmaps.path, "--output", kr.path]).status == 64)
        let mine = dir.appendingPathComponent("mine.yaml")
        write("pack: {id: mine, title: Mine, country: KR}\nrequirements: []\n", to: mine)
        #expect(try run(["check", ulsan, "--roadmaps", roadmaps.path, "--pack", mine.path, "--output", mine.path]).status == 64)
        #expect(try run(["check", ulsan, "--roadmaps", roadmaps.path, "--output", roadmaps.appendingPathComponent("new.yaml").path]).status == 64)
        #expect(try run(["diff", "kr", "jp", "--roadmaps", roadmaps.path, "--output", kr.path]).status == 64)
        #expect(try Data(contentsOf: kr) == before)
    }

    /// Sends `signal` to a run writing `format` over a slow site, and expects
    /// the previous report kept and no temporary file left. The run takes
    /// seconds; the signal waits 2 s so that the binary has installed its
    /// handlers even on a loaded machine (a background job of a
    /// non-interactive shell starts with SIGINT ignored, so an early SIGINT
    /// is lost and the run completes).
    func interrupted(_ signal: String, status: Int32, format: String) throws {
        let dir = scratchDirectory()
        write(bigSite(30_000), to: dir.appendingPathComponent("big.yaml"))
        let report = dir.appendingPathComponent("p.out")
        write("previous", to: report)
        // A background job of a non-interactive shell starts with SIGINT ignored, so the signal
        // must come after the run installed its handler, which it does on opening its temporary
        // report: poll for that file (a fixed sleep can be outlasted on a loaded machine), then
        // give the handler a moment.
        let r = try shell("""
            $B check big.yaml --as-of 2026-11-23 --format \(format) --output p.out & pid=$!
            for i in $(seq 1 3000); do ls -a | grep -q '[.]h2audit-' && break; sleep 0.01; done; sleep 0.2
            kill -\(signal) $pid; wait $pid; echo "status $?"
            """, in: dir)
        #expect(r.stdout == "status \(status)\n", "\(r.stdout) \(r.stderr)")
        #expect(try String(contentsOf: report, encoding: .utf8) == "previous")
        #expect(temporaryReports(in: dir).isEmpty)
    }

    @Test("O11: SIGINT leaves the previous report, never a partial one", arguments: ["csv", "json"])
    func sigint(_ format: String) throws { try interrupted("INT", status: 130, format: format) }

    @Test("O12: SIGTERM leaves the previous report, never a partial one", arguments: ["jsonl", "sarif"])
    func sigterm(_ format: String) throws { try interrupted("TERM", status: 143, format: format) }

    @Test("O13: two runs writing one report give one complete report")
    func concurrentWriters() throws {
        let dir = scratchDirectory()
        try shell("$B check \"$S\" --as-of 2026-11-23 --format json --output r.json & $B check \"$S\" \"$S\" --as-of 2026-11-23 --format json --output r.json; wait", in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as? [String: Any]
        #expect((object?["files"] as? [Any])?.count == 9)
        #expect(temporaryReports(in: dir).isEmpty)
    }

    @Test("an --output symbolic link is followed: its target is replaced, the link kept")
    func outputSymlink() throws {
        let dir = scratchDirectory()
        write("old", to: dir.appendingPathComponent("t.json"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("l.json").path, withDestinationPath: "t.json")
        #expect(try run(["check", namie, "--as-of", "2026-11-23", "--format", "json", "--output", dir.appendingPathComponent("l.json").path]).status <= 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("l.json").path) == "t.json")
        #expect(try String(contentsOf: dir.appendingPathComponent("t.json"), encoding: .utf8).hasPrefix("{"))
    }

    @Test("an unwritable --output folder exits 74 with the reason")
    func unwritable() throws {
        let r = try run(["check", namie, "--output", "/nonexistent/dir/r.json"])
        #expect(r.status == 74)
        #expect(r.stderr.contains("No such file or directory"))
        #expect(try run(["check", namie, "--output", FileManager.default.temporaryDirectory.path]).status == 74)
    }
}

@Suite("Reliability: nothing checked is never a pass", .serialized)
struct ReliabilityNothingCheckedTests {
    @Test("P13: a missing or empty roadmaps folder exits 78")
    func noPacks() throws {
        let empty = scratchDirectory()
        #expect(try run(["check", ulsan, "--roadmaps", "/nonexistent"]).status == 78)
        let r = try run(["check", ulsan, "--roadmaps", empty.path])
        #expect(r.status == 78)
        #expect(r.stderr.contains("holds no pack file"))
        #expect(try shell("H2AUDIT_ROADMAPS='\(empty.path)' $B check '\(ulsan)'").status == 78)
        #expect(try run(["list", "--roadmaps", empty.path]).status == 78)
    }

    @Test("S5: an empty folder, --exclude '*' and an empty stdin list exit 66")
    func nothingToCheck() throws {
        let empty = scratchDirectory()
        let r = try run(["check", empty.path, "--format", "json"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no site files found"))
        #expect(r.stdout.contains("\"exit_code\":66"))
        #expect(try run(["check", sitesDirectory, "--exclude", "*"]).status == 66)
        #expect(try run(["check", "-"], stdin: "\n  \n").status == 66)
        #expect(try run(["check", "-"], stdin: "").status == 66)
    }

    @Test("unknown --regime is a usage error (64)")
    func unknownRegime() throws {
        let r = try run(["check", ulsan, "--regime", "us"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("known: jp, kr"))
    }

    @Test("a site whose country matches no pack exits 3")
    func noPackForCountry() throws {
        let r = try run(["check", namie, "--regime", "kr", "--as-of", "2026-11-23"])
        #expect(r.status != 0)
        let dir = scratchDirectory()
        let roadmaps = dir.appendingPathComponent("roadmaps")
        try FileManager.default.createDirectory(at: roadmaps, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: roadmapsDirectory + "/kr-hydrogen-safety-roadmap-2.0.yaml", toPath: roadmaps.appendingPathComponent("kr.yaml").path)
        let only = try run(["check", namie, "--roadmaps", roadmaps.path, "--as-of", "2026-11-23"])
        #expect(only.status == 3)
        #expect(only.stdout.contains("no loaded pack is for country 'JP'"))
    }

    @Test("S3: a site on which no requirement applies exits 3")
    func nothingApplies() throws {
        let dir = scratchDirectory()
        // The Korean pack has no pipeline rules.
        let site = write("id: z\nname: z\ncountry: KR\nroles: [pipeline]\npipelines: []\n", to: dir.appendingPathComponent("z.yaml"))
        let r = try run(["check", site, "--as-of", "2026-11-23"])
        #expect(r.status == 3, "\(r.stdout)")
        #expect(r.stdout.contains("not assessed: no requirement of kr applies"))
    }

    @Test("S6: .YAML files are checked; hidden files are listed as skipped")
    func extensionsAndHidden() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: namie, toPath: dir.appendingPathComponent("n.yaml").path)
        try FileManager.default.copyItem(atPath: ulsan, toPath: dir.appendingPathComponent("ULSAN.YAML").path)
        try FileManager.default.copyItem(atPath: ulsan, toPath: dir.appendingPathComponent(".u.yaml").path)
        let r = try run(["check", dir.path, "--as-of", "2026-11-23"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("files checked:           2"))
        #expect(r.stdout.contains("ULSAN.YAML"))
        #expect(r.stderr.contains(".u.yaml: warning: skipped: hidden name"))
    }

    @Test("I31: the same file named several ways is checked once")
    func sameFileOnce() throws {
        let r = try run(["check", ulsan, ulsan, sitesDirectory + "/./" + (ulsan as NSString).lastPathComponent, sitesDirectory, "--format", "json", "--as-of", "2026-11-23"])
        #expect(r.stdout.contains("\"files_checked\":9"))
    }
}

@Suite("Reliability: packs cannot shadow or vanish; waivers", .serialized)
struct ReliabilityPackTests {
    @Test("P1: a pack redefining a national requirement id is refused, by check and validate")
    func shadowRequirement() throws {
        let dir = scratchDirectory()
        let p = write("""
        pack: {id: mine, title: Mine, country: KR}
        requirements:
          - id: KR-HRS-002
            title: shadow
            stage: any
            topic: separation-distance
            severity: major
            basis: law
            roles: [refuelling_station]
            require: 'true'
            rationale: r
            remediation: f
            source: {document: d, brief: [X]}
        """, to: dir.appendingPathComponent("shadow.yaml"))
        let r = try run(["check", ulsan, "--pack", p, "--format", "sarif"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("requirement id 'KR-HRS-002' is already defined in pack kr"))
        let v = try run(["validate", p])
        #expect(v.status == 2)
        #expect(v.stdout.contains("already defined in pack kr"))
    }

    @Test("P2: a pack reusing a national pack id is refused")
    func shadowPack() throws {
        let dir = scratchDirectory()
        let p = write("pack: {id: kr, title: Mine, country: KR}\nrequirements: []\n", to: dir.appendingPathComponent("kr2.yaml"))
        let r = try run(["check", ulsan, "--pack", p])
        #expect(r.status == 2)
        #expect(r.stderr.contains("pack id 'kr' is already the id of the pack"))
    }

    @Test("P10: a pack country that no site can have is an error", arguments: ["kr", "US"])
    func packCountry(_ country: String) throws {
        let dir = scratchDirectory()
        let p = write("pack: {id: mine, title: Mine, country: \(country)}\nrequirements: []\n", to: dir.appendingPathComponent("p.yaml"))
        let v = try run(["validate", p])
        #expect(v.status == 2)
        #expect(v.stdout.contains("pack country '\(country)' is not a country a site can have"))
        if country == "kr" { #expect(v.stdout.contains("did you mean 'KR'?")) }
        #expect(try run(["check", ulsan, "--pack", p]).status == 2)
    }

    @Test("S2: a waiver with an empty approver or justification waives nothing; validate says so", arguments: ["\"\"", "\" \""])
    func blankWaiver(_ blank: String) throws {
        let dir = scratchDirectory()
        var text = try String(contentsOfFile: namie, encoding: .utf8).replacingOccurrences(of: "last_periodic: 2026-02-20", with: "last_periodic: 2020-01-01")
        text += "waivers:\n  - {requirement: JP-INS-001, justification: \(blank), approver: \(blank), expires: 2027-01-01}\n"
        let site = write(text, to: dir.appendingPathComponent("w.yaml"))
        // A blank approver or justification is an empty required key: the filing is an input error, and nothing is waived.
        let r = try run(["check", site, "--as-of", "2026-11-23"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("required key 'approver' is empty") && r.stdout.contains("required key 'justification' is empty"))
        let v = try run(["validate", site])
        #expect(v.status == 2)
        #expect(v.stdout.contains("required key 'justification' is empty"))
    }

    @Test("validate reports a waiver of an unknown requirement as check does")
    func unknownWaiverID() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: namie, encoding: .utf8) + "waivers:\n  - {requirement: JP-NOPE-001, justification: j, approver: a, expires: 2027-01-01}\n"
        let site = write(text, to: dir.appendingPathComponent("w.yaml"))
        #expect(try run(["validate", site]).stdout.contains("which no loaded pack has"))
        #expect(try run(["check", site, "--as-of", "2026-11-23"]).stdout.contains("which no loaded pack has"))
    }

    @Test("an equivalent measure claimed for a requirement that takes none is reported, not silently ignored")
    func equivalentForARequirementWithoutOne() throws {
        let checker = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!)
        func warnings(_ id: String) throws -> [String] {
            let text = try String(contentsOfFile: namie, encoding: .utf8)
                + "equivalent_measures:\n  - {requirement: \(id), description: d, evidence: e}\n"
            return checker.warnings(for: try Site.parse(text, file: "w.yaml")).map(\.message)
        }
        let ignored = try warnings("KR-STO-001")
        #expect(ignored.contains { $0.contains("'KR-STO-001', which takes no equivalent measure: the claim is not read") }, "\(ignored)")
        #expect(try warnings("KR-STO-007").allSatisfy { !$0.contains("takes no equivalent") })
    }

    @Test("I14: `!!str true` where a boolean is expected is refused like \"true\"")
    func taggedString() throws {
        let text = try String(contentsOfFile: ulsan, encoding: .utf8)
            .replacingOccurrences(of: "overpressure_protection: true", with: "overpressure_protection: !!str true")
        #expect(text.contains("!!str true"))
        #expect(throws: InputError.self) { try Site.parse(text, file: "s.yaml") }
        do { _ = try Site.parse(text, file: "s.yaml") } catch {
            #expect(error.diagnostics.first?.message.contains("must be true or false") == true)
        }
    }
}

@Suite("Reliability: bounded cost", .serialized)
struct ReliabilityCostTests {
    @Test("P5: a 20,000-term chain is a parse error, not a crash", arguments: ["&&", "||", "+"])
    func longChain(_ op: String) throws {
        let term = op == "+" ? "1" : "true"
        let text = Array(repeating: term, count: 20_000).joined(separator: " \(op) ") + (op == "+" ? " > 0" : "")
        #expect(throws: ExpressionError.self) { try CompiledExpression(text) }
        let dir = scratchDirectory()
        let p = write("""
        pack: {id: chain, title: Chain, country: KR}
        requirements:
          - id: CH-001
            title: chain
            stage: any
            topic: separation-distance
            severity: major
            basis: law
            require: '\(text)'
            rationale: r
            remediation: f
            source: {document: d, brief: [X]}
        """, to: dir.appendingPathComponent("chain.yaml"))
        let v = try run(["validate", p])
        #expect(v.status == 2)
        #expect(v.stdout.contains("more than the limit of 4096"))
        #expect(try run(["check", ulsan, "--pack", p]).status == 2)
    }

    @Test("I9: --max-depth has an upper bound; a 50,000-deep file is an error at that bound")
    func depthBound() throws {
        let dir = scratchDirectory()
        let deep = write("pack: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n", to: dir.appendingPathComponent("dp.yaml"))
        #expect(try run(["validate", deep, "--max-depth", "100000"]).status == 64)
        let r = try run(["validate", deep, "--max-depth", "1000"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("nesting deeper than 1000 levels"))
        #expect(try run(["check", deep, "--max-depth", "1000"]).status == 2)
    }

    @Test("I32: checking a site grows linearly with its equipment")
    func linear() throws {
        let dir = scratchDirectory()
        let small = write(bigSite(5_000), to: dir.appendingPathComponent("s.yaml"))
        let large = write(bigSite(40_000), to: dir.appendingPathComponent("l.yaml"))
        let runner = AuditRunner(checker: Checker(packs: shippedPacks, asOf: Day("2026-11-23")!))
        func time(_ path: String) -> Double {
            let start = Date()
            if case .failed(_, let d) = runner.check(path: path) { Issue.record("not checked: \(d)") }
            return Date().timeIntervalSince(start)
        }
        _ = time(small)
        let t1 = time(small), t8 = time(large)
        // Linear: 8 times the items, about 8 times the time. Quadratic was 64 times.
        #expect(t8 / t1 < 24, "5k: \(t1) s, 40k: \(t8) s")
    }

    @Test("P6: five nested quantifiers stop at the evaluation budget with an error for that requirement")
    func budget() throws {
        let requirement = try pack("""
        id: EXP-001
        title: nested
        stage: any
        topic: separation-distance
        severity: major
        basis: law
        roles: [refuelling_station]
        require: equipment.all(a, equipment.all(b, equipment.all(c, equipment.all(d, equipment.all(e, e.distances.public_road >= 1 m)))))
        rationale: r
        remediation: f
        source: {document: d, brief: [X]}
        """)
        var text = "id: m\nname: m\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\nequipment:\n"
        for i in 0..<100 { text += "  - {id: D\(i), type: dispenser, distances: {public_road: 10 m}}\n" }
        let dir = scratchDirectory()
        let site = write(text, to: dir.appendingPathComponent("many.yaml"))
        let start = Date()
        let result = AuditRunner(checker: Checker(packs: [requirement], asOf: Day("2026-11-23")!)).check(path: site)
        #expect(Date().timeIntervalSince(start) < 60)
        guard case .checked(let report) = result else { Issue.record("not checked"); return }
        #expect(report.findings.first?.status == .missingEvidence)
        #expect(report.findings.first?.note == Checker.budgetNote)
        #expect(report.warnings.contains { $0.severity == .error && $0.message.contains("evaluation budget") })
        var summary = RunSummary(failOn: .major)
        summary.add(result)
        #expect(summary.exitCode == 3)
    }
}

@Suite("Reliability: output cannot forge or inject; links", .serialized)
struct ReliabilityInjectionTests {
    @Test("X1, X2: newlines and ANSI escapes in a site name are escaped in the text report")
    func forgedName() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: ulsan, encoding: .utf8).replacingOccurrences(
            of: "name: Ulsan", with: "name: \"X\\n\\nSummary\\n  exit status:             0\\e[2J\\e[31mCLEAN\\e[0m\\u202E\" #")
        let site = write(text, to: dir.appendingPathComponent("n.yaml"))
        let r = try run(["check", site, "--as-of", "2026-11-23"])
        #expect(r.status == 1)
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\u{202E}"))
        #expect(r.stdout.contains("X\\n\\nSummary\\n  exit status:             0\\e[2J"))
        #expect(r.stdout.components(separatedBy: "exit status:").count == 3)  // the forged one, escaped, and the real one
        #expect(!r.stdout.contains("\nSummary\n  exit status:             0"))
    }

    @Test("I3: a file name holding a newline is escaped in the text report")
    func newlineFileName() throws {
        let dir = scratchDirectory()
        try FileManager.default.copyItem(atPath: ulsan, toPath: dir.appendingPathComponent("a\nb.yaml").path)
        let r = try run(["check", dir.path, "--as-of", "2026-11-23"])
        #expect(r.stdout.contains("a\\nb.yaml:"))
        #expect(!r.stdout.contains("a\nb.yaml"))
    }

    @Test("X3: CSV cells that would start a formula are neutralised")
    func csvFormula() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: ulsan, encoding: .utf8).replacingOccurrences(
            of: "name: Ulsan", with: "name: '=HYPERLINK(\"http://x\")' #")
        let site = write(text, to: dir.appendingPathComponent("h.yaml"))
        let r = try run(["check", site, "--as-of", "2026-11-23", "--format", "csv"])
        #expect(r.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","))
        #expect(!r.stdout.contains(",=HYPERLINK") && !r.stdout.contains(",\"=HYPERLINK"))
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] { #expect(CSVReport.field(cell).hasPrefix("'") || CSVReport.field(cell).hasPrefix("\"'")) }
        #expect(CSVReport.field("plain") == "plain")
    }

    @Test("X5: Markdown compare output escapes site text")
    func markdownEscape() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: ulsan, encoding: .utf8).replacingOccurrences(
            of: "name: Ulsan", with: "name: '<img src=x onerror=alert(1)> [x](javascript:y)' #")
        let site = write(text, to: dir.appendingPathComponent("<b>.yaml"))
        let r = try run(["check", site, "--regime", "kr,jp", "--compare", "--format", "markdown", "--as-of", "2026-11-23"])
        #expect(!r.stdout.contains("<img") && !r.stdout.contains("<b>"))
        #expect(r.stdout.contains("&lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:y)"))
    }

    @Test("I2: a file name that is not UTF-8 is checked and reported by its bytes")
    func nonUTF8Name() throws {
        let dir = scratchDirectory()
        let name = Array(dir.path.utf8) + Array("/bad\u{FF}".utf8).prefix(4) + [0xFF, 0xFE] + Array("name.yaml".utf8)
        let contents = try Data(contentsOf: URL(fileURLWithPath: namie))
        let fd = open(name.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        contents.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress!, contents.count) }
        close(fd)
        let r = try run(["check", dir.path, "--as-of", "2026-11-23"])
        #expect(r.status <= 1, "\(r.stdout)")
        #expect(r.stdout.contains("bad\\xFF\\xFEname.yaml: Namie"))
        #expect(r.stdout.contains("files checked:           1"))
        let expansion = InputFiles.expand([dir.path])
        #expect(expansion.files.count == 1)
        #expect(PathBytes.bytes(expansion.files[0]) == name)
    }

    @Test("I30: a link in an input folder that leads outside is reported, not followed; --follow-links follows it")
    func linkOutside() throws {
        let outside = scratchDirectory()
        let secret = write("root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", to: outside.appendingPathComponent("shadow"))
        let dir = scratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("x.yaml").path, withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("inside.yaml").path, withDestinationPath: dir.appendingPathComponent("real.yml").path)
        try FileManager.default.copyItem(atPath: namie, toPath: dir.appendingPathComponent("real.yml").path)
        let r = try run(["check", dir.path, "--as-of", "2026-11-23"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("outside the folders given; not followed"))
        #expect(!r.stdout.contains("daemon"))
        #expect(r.stdout.contains("files checked:           1"))  // the inside link and its target are one file
        let followed = try run(["check", dir.path, "--as-of", "2026-11-23", "--follow-links"])
        #expect(followed.status == 2)
        #expect(!followed.stdout.contains("outside the folders given"))
        // Followed, the file is not echoed: one error with a short excerpt.
        #expect(followed.stdout.contains("not a site file: none of its 2 top-level keys is a site key (the first is 'root:*:19000…')"))
        #expect(!followed.stdout.contains("daemon"))
    }
}

@Suite("Reliability: a site's content agrees with its roles; null, future and absurd facts", .serialized)
struct ReliabilitySiteFactsTests {
    let dangjin = sitesDirectory + "/kr-dangjin-pem-electrolysis-plant.yaml"

    /// The review's S4 mutation of the Dangjin plant (oxygen distance and gauge calibration made compliant), with `stages` replaced.
    func dangjinS4(stages: String, roles: String? = nil) throws -> String {
        var text = try String(contentsOfFile: dangjin, encoding: .utf8)
            .replacingOccurrences(of: "oxygen_plant: 9 m", with: "oxygen_plant: 12 m")
            .replacingOccurrences(of: "last_gauge_calibration: 2025-12-01", with: "last_gauge_calibration: 2026-11-01")
        text = text.replacingOccurrences(of: "stages: [production, storage]", with: "stages: \(stages)")
        if let roles { text = text.replacingOccurrences(of: "roles: [production, storage]", with: "roles: \(roles)") }
        return text
    }

    func line(of needle: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(needle) } ?? -1) + 1
    }

    @Test("S4: a production plant whose stages or roles leave out production is an input error at the contradicting key, not a pass")
    func productionPlantWithoutProduction() throws {
        let dir = scratchDirectory()
        // As the review wrote it: `stages: [storage]` on a plant that declares the production role.
        let asWritten = try dangjinS4(stages: "[storage]")
        #expect(asWritten.contains("stages: [storage]") && asWritten.contains("oxygen_plant: 12 m"))
        let d = write(asWritten, to: dir.appendingPathComponent("d.yaml"))
        let r = try run(["check", d, "--as-of", "2026-11-23", "--fail-on", "minor"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("d.yaml:\(line(of: "roles:", in: asWritten)):9: error: role 'production' takes part in stage 'production', which stages [storage] does not list: add it to stages, or remove 'production' from roles"), "\(r.stdout)")
        let v = try run(["validate", d])
        #expect(v.status == 2 && v.stdout.contains("role 'production' takes part in stage 'production'"), "\(v.stdout)")
        // The same plant with the real stages is checked: the review's `--fail-on minor` exit 1.
        let real = write(try dangjinS4(stages: "[production, storage]"), to: dir.appendingPathComponent("real.yaml"))
        #expect(try run(["check", real, "--as-of", "2026-11-23", "--fail-on", "minor"]).status == 1)
        // In the role model the same contradiction is a production plant that declares only storage:
        // its production section, its electrolysers and its production stage each name the role to add.
        let storageOnly = try dangjinS4(stages: "[production, storage]", roles: "[storage]")
        let s = write(storageOnly, to: dir.appendingPathComponent("s.yaml"))
        let rs = try run(["check", s, "--as-of", "2026-11-23", "--fail-on", "minor"])
        #expect(rs.status == 2, "\(rs.stdout)")
        #expect(rs.stdout.contains("s.yaml:\(line(of: "production:", in: storageOnly)):1: error: the site has `production:` facts of making hydrogen (method, "), "\(rs.stdout)")
        #expect(rs.stdout.contains("but its roles [storage] include none of 'production', 'refuelling_station', 'fuel_cell_use'"))
        #expect(rs.stdout.contains("equipment 'EL-A' is of type electrolyser, but the site's roles [storage]"))
        #expect(rs.stdout.contains("s.yaml:\(line(of: "stages:", in: storageOnly)):10: error: stage 'production' is listed in stages, but none of the site's roles [storage] takes part in it: add the role that does (production) to roles"), "\(rs.stdout)")
        #expect(rs.stdout.contains("s.yaml: INPUT ERROR, not checked") && rs.stdout.contains("not-applicable 0"), "\(rs.stdout)")
    }

    @Test("S1: country written as ~, empty, null, Null or NULL is a missing required key: exit 2 from check and validate",
          arguments: ["~", "", "null", "Null", "NULL"])
    func nullCountry(_ null: String) throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: ulsan, encoding: .utf8)
            .replacingOccurrences(of: "\ncountry: KR\n", with: "\ncountry: \(null)\n")
        #expect(!text.contains("country: KR"))
        let c = write(text, to: dir.appendingPathComponent("c.yaml"))
        for format in ["text", "sarif"] {
            let r = try run(["check", c, "--as-of", "2026-11-23", "--format", format])
            #expect(r.status == 2, "\(format): \(r.stdout)")
            #expect(r.stdout.contains("required key 'country' has no value"), "\(format): \(r.stdout)")
        }
        let v = try run(["validate", c])
        #expect(v.status == 2 && v.stdout.contains("required key 'country' has no value"), "\(v.stdout)")
    }

    @Test("I27: id: ~ and name: ~ are missing required keys, exit 2, each at its key")
    func nullIDAndName() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: namie, encoding: .utf8)
            .replacingOccurrences(of: "\nid: ", with: "\nid: ~\nx-old-id: ")
            .replacingOccurrences(of: "\nname: ", with: "\nname: ~\nx-old-name: ")
        let i = write(text, to: dir.appendingPathComponent("i.yaml"))
        let r = try run(["check", i, "--as-of", "2026-11-23"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("i.yaml:\(line(of: "id: ~", in: text)):1: error: required key 'id' has no value"), "\(r.stdout)")
        #expect(r.stdout.contains("i.yaml:\(line(of: "name: ~", in: text)):1: error: required key 'name' has no value"), "\(r.stdout)")
        #expect(try run(["validate", i]).status == 2)
    }

    @Test("I24: an inspection dated after --as-of is an input error, not a met inspection")
    func futureInspection() throws {
        let dir = scratchDirectory()
        let text = try String(contentsOfFile: namie, encoding: .utf8)
            .replacingOccurrences(of: "last_periodic: 2026-02-20", with: "last_periodic: 2099-01-01")
        #expect(text.contains("last_periodic: 2099-01-01"))
        let f = write(text, to: dir.appendingPathComponent("f.yaml"))
        let r = try run(["check", f, "--as-of", "2026-11-23"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("'inspections.last_periodic' = 2099-01-01 is after the as-of date 2026-11-23"), "\(r.stdout)")
        #expect(r.stdout.contains("f.yaml: INPUT ERROR, not checked"), "\(r.stdout)")
    }

    @Test("I22: a distance of 1e308 m is refused as past any length, exit 2")
    func absurdDistance() throws {
        let dir = scratchDirectory()
        let original = try String(contentsOfFile: namie, encoding: .utf8)
        let range = try #require(original.range(of: "site_boundary: 40 m"))
        let text = original.replacingCharacters(in: range, with: "site_boundary: 1e308 m")
        let d = write(text, to: dir.appendingPathComponent("d.yaml"))
        let r = try run(["check", d, "--as-of", "2026-11-23"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("'equipment[0].distances.site_boundary' is more than 40,000 km, past any length (once round the Earth), found '1e308 m'"), "\(r.stdout)")
        #expect(try run(["validate", d]).status == 2)
    }
}
