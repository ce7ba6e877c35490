import Foundation
import Testing
@testable import H2Audit

/// A scratch folder that looks like the repository: sites/ copied, roadmaps/ linked, docs/ holding only docs/examples.
func repositoryLikeScratch(_ name: String = #function) -> URL {
    let dir = scratchDirectory(name)
    try? FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("sites"), to: dir.appendingPathComponent("sites"))
    try? FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("roadmaps"), withDestinationURL: repositoryRoot.appendingPathComponent("roadmaps"))
    try? FileManager.default.createDirectory(at: dir.appendingPathComponent("docs"), withIntermediateDirectories: true)
    // The example files that help examples name (a waivers file).
    try? FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("docs/examples"), to: dir.appendingPathComponent("docs/examples"))
    return dir
}

let subcommands = ["", "init", "check", "baseline", "runs", "impact", "calendar", "diff", "coverage", "validate", "explain", "list", "schema"]
let ulsanSite = "sites/kr-ulsan-onsite-electrolysis-hrs.yaml"
let tokyoSite = "sites/jp-tokyo-offsite-urban-hrs.yaml"

/// The Tokyo example with `replace` applied, written to a scratch file.
func tokyoVariant(_ name: String, _ edit: (String) -> String, in dir: URL) throws -> String {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(tokyoSite), encoding: .utf8)
    let edited = edit(text)
    #expect(edited != text, "the edit changed nothing")
    return write(edited, to: dir.appendingPathComponent(name))
}

@Suite("CLI polish (issue 17, item 5)")
struct CLIPolishTests {
    @Test("every example in --help runs as printed (B3)")
    func helpExamplesRun() throws {
        let dir = repositoryLikeScratch()
        var ran = 0
        for command in subcommands {
            let help = try shell("h2audit \(command) --help", in: dir, environment: ["COLUMNS": "1000"])
            #expect(help.status == 0)
            let examples = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("h2audit ") || $0.contains("| h2audit ") }
            #expect(!examples.isEmpty || command == "", "h2audit \(command) --help has no examples")
            for example in examples {
                let result = try shell(example, in: dir)
                #expect(result.status == 0 || result.status == 1, "`\(example)` exited \(result.status): \(result.stderr.prefix(400))")
                ran += 1
            }
        }
        #expect(ran >= 20)
    }

    @Test("B3: the check --help examples name files that exist")
    func b3ExampleFilesExist() throws {
        let help = try run(["check", "--help"], in: repositoryRoot)
        #expect(!help.stdout.contains("kr-ulsan-onsite-hrs.yaml"))
        for word in help.stdout.split(whereSeparator: \.isWhitespace) where word.hasPrefix("sites/") && word.hasSuffix(".yaml") {
            #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(String(word)).path), "\(word)")
        }
    }

    @Test("help prose has no hard line breaks inside sentences")
    func helpHasNoHardBreaks() throws {
        let dir = repositoryLikeScratch()
        for command in subcommands {
            let help = try shell("h2audit \(command) --help", in: dir, environment: ["COLUMNS": "1000"]).stdout
            let prose = help.components(separatedBy: "\nUSAGE:")[0].split(separator: "\n").map(String.init)
                .filter { !$0.isEmpty && !$0.hasPrefix(" ") }
            for line in prose {
                #expect(line.hasSuffix(".") || line.hasSuffix(":") || line.hasSuffix(")"), "h2audit \(command) --help: '\(line)' ends mid-sentence")
            }
        }
    }

    @Test("--version prints the release")
    func version() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == H2AuditVersion.current)
    }

    @Test("the README's exit-status list has every code the tool uses")
    func readmeExitCodes() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try run(["--help"]).stdout
        for code in [0, 1, 2, 3, 64, 66, 74, 78] {
            #expect(readme.contains("`\(code)`"), "README lacks exit status \(code)")
            #expect(help.contains("\n  \(code) "), "h2audit --help lacks exit status \(code)")
        }
    }

    @Test("the README's output excerpts are what the commands they name print (scripts/readme-excerpts.py)")
    func readmeExcerpts() throws {
        let result = try shell("python3 scripts/readme-excerpts.py --binary \"$B\"", in: repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)\nrefresh with: scripts/readme-excerpts.py --update")
        // The script found the excerpts (a README without them would pass vacuously).
        let found = result.stdout.split(separator: "\n").last.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        #expect(found >= 7, "\(result.stdout)")
    }

    @Test("B11: check --help lists only the formats check writes; markdown only with --compare")
    func b11Formats() throws {
        let help = try shell("h2audit check --help", in: repositoryRoot, environment: ["COLUMNS": "1000"]).stdout
        let formatLine = help.split(separator: "\n").first { $0.contains("--format <FORMAT>") }.map(String.init) ?? ""
        #expect(formatLine.contains("(values: text, json, jsonl, sarif, junit, csv, html, triage, triage-csv, triage-json, baseline, oscal;"))
        #expect(formatLine.contains("with --compare: text, json, markdown, html, csv"))
        let refused = try run(["check", "sites/", "--format", "markdown"], in: repositoryRoot)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("markdown is a format of --compare"))
        let dir = scratchDirectory()
        let compared = try run(["check", tokyoSite, "--regime", "kr,jp", "--compare", "--format", "html", "--output", dir.appendingPathComponent("c.html").path], in: repositoryRoot)
        #expect(compared.status == 0 || compared.status == 1)
        for command in ["diff", "list", "coverage", "explain"] {
            let other = try shell("h2audit \(command) --help", in: repositoryRoot, environment: ["COLUMNS": "1000"]).stdout
            #expect(!other.contains("each site against its own country's pack"), "\(command) --help shows check's --regime text")
        }
        let calendarHelp = try run(["calendar", "--help"]).stdout
        #expect(calendarHelp.contains("text, json, ics") && !calendarHelp.contains("sarif"))
    }

    @Test("shell completion is documented and generated")
    func completion() throws {
        let script = try run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        #expect(script.stdout.contains("calendar"))
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("--generate-completion-script bash"))
    }

    @Test("the subcommands these tests walk are those h2audit --help lists")
    func subcommandList() throws {
        let help = try run(["--help"]).stdout
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").last?.components(separatedBy: "\n\n").first ?? ""
        let listed = section.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed == Array(subcommands.dropFirst()), "--help lists \(listed)")
    }

    @Test("the shipped man page documents every subcommand")
    func manPage() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/man/h2audit.1"), encoding: .utf8)
        // An entry of its own per subcommand (a bare name would be found inside other words).
        for command in subcommands.dropFirst() {
            #expect(page.contains("\n.It Em \(command)\n"), "\(command): regenerate with scripts/generate-man.sh")
        }
        #expect(page.contains("Fl -version"))
    }
}

@Suite("Ranked text report (issue 17, item 4)")
struct RankedReportTests {
    @Test("B8: the critical item heads the report, with its severity on the missing-evidence line")
    func b8CriticalFirst() throws {
        let result = try run(["check", ulsanSite, "--as-of", "2026-11-23"], in: repositoryRoot)
        #expect(result.status == 1)
        let text = result.stdout
        let critical = try #require(text.range(of: "\n  CRITICAL ("))
        let major = try #require(text.range(of: "\n  MAJOR ("))
        #expect(critical.lowerBound < major.lowerBound)
        #expect(text.contains("    CRITICAL  KR-PROD-002  missing evidence  "))
        // Every finding line carries its severity.
        for line in text.split(separator: "\n") where line.hasPrefix("    ") && !line.hasPrefix("     ") {
            #expect(["CRITICAL", "MAJOR", "MINOR", "INFO"].contains { line.dropFirst(4).hasPrefix($0) }, "\(line)")
        }
    }

    @Test("B4: missing evidence names the full key path and the mapping to add it to")
    func b4FullKeyPath() throws {
        let dir = scratchDirectory()
        let file = try tokyoVariant("nomgmt.yaml", { text in
            var lines: [Substring] = []
            var skipping = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("management:") { skipping = true; continue }
                if skipping, let first = line.first, !first.isWhitespace { skipping = false }
                if !skipping { lines.append(line) }
            }
            return lines.joined(separator: "\n")
        }, in: dir)
        let text = try run(["check", file, "--as-of", "2026-11-23"]).stdout
        #expect(text.contains("add management.safety_rules_filed  (in the mapping at \(file):"))
        #expect(!text.contains("add management  "))
    }

    @Test("B5: no variable of the pack appears in found or required text")
    func b5NoLambdaVariables() throws {
        let pattern = try NSRegularExpression(pattern: #"(found|required)[^;]*(?<![\w\].'])[a-z]\.[a-z_]+"#)
        for asOf in ["2026-11-23", "2030-01-01"] {
            for format in ["text", "json"] {
                let out = try run(["check", "sites/", "--as-of", asOf, "--format", format], in: repositoryRoot).stdout
                for line in out.split(separator: "\n") where line.contains("found") {
                    let text = String(line)
                    #expect(pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(line)")
                }
            }
        }
        let calendar = try run(["calendar", ulsanSite, "--as-of", "2026-11-23"], in: repositoryRoot).stdout
        #expect(calendar.contains("personnel.safety_managers[Jung Ha-eun].last_training: 2024-06-10 + 3 yr = 2027-06-10"))
        #expect(!calendar.contains("m.last_training") && !calendar.contains("m.appointed"))
    }

    @Test("found and required read as the site's paths and values; the as-of date is named, not as_of")
    func readableWitnesses() throws {
        let text = try run(["check", ulsanSite, "--as-of", "2026-11-23"], in: repositoryRoot).stdout
        #expect(text.contains("inspections.last_gauge_calibration: found 2026-02-10, + 3 mo = 2026-05-10; required on or after the as-of date 2026-11-23"))
        #expect(!text.contains("as_of"))
        #expect(!text.contains("by the formula"))
        // Other formats keep the witness as the checker wrote it.
        let json = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--format", "json"], in: repositoryRoot).stdout
        #expect(json.contains(#""required":">= as_of = 2026-11-23""#))
    }

    @Test("colour: never on a pipe or with never, always with always; NO_COLOR turns auto off")
    func colour() throws {
        let plain = try run(["check", ulsanSite, "--as-of", "2026-11-23"], in: repositoryRoot).stdout
        #expect(!plain.contains("\u{1B}["))
        let never = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--color", "never"], in: repositoryRoot).stdout
        #expect(never == plain)
        let always = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--color", "always"], in: repositoryRoot).stdout
        #expect(always.contains("\u{1B}[1;31mCRITICAL"))
        #expect(always.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
        let json = try run(["check", ulsanSite, "--as-of", "2026-11-23", "--color", "always", "--format", "json"], in: repositoryRoot).stdout
        #expect(!json.contains("\u{1B}["))
        #expect(!Paint.decide("auto", fd: 1, environment: ["NO_COLOR": "1"]))
        #expect(Paint.decide("always", fd: 1, environment: ["NO_COLOR": "1"]))
        #expect(!Paint.decide("never", fd: 1, environment: [:]))
        let bad = try run(["check", ulsanSite, "--color", "sometimes"])
        #expect(bad.status == 64)
    }
}

@Suite("Operator bugs of the review (issue 17, item 7)")
struct OperatorBugTests {
    @Test("B2: unit suggestions follow the expected dimension")
    func b2UnitSuggestions() throws {
        let dir = scratchDirectory()
        let feet = try tokyoVariant("ft.yaml", { $0.replacingOccurrences(of: "site_boundary: 6.5 m", with: "site_boundary: 26 ft") }, in: dir)
        let inches = try tokyoVariant("in.yaml", { $0.replacingOccurrences(of: "site_boundary: 6.5 m", with: "site_boundary: 300 in") }, in: dir)
        for file in [feet, inches] { #expect(try run(["validate", file]).status == 0, "\(file)") }
        let m3N = try tokyoVariant("m3n.yaml", { $0.replacingOccurrences(of: "storage_capacity: 2800 Nm3", with: "storage_capacity: 300 m3N") }, in: dir)
        let refused = try run(["validate", m3N]).stdout
        #expect(refused.contains("unknown unit 'm3N'; a gas volume (normal conditions) takes Nm3"))
        #expect(!refused.contains("did you mean 'm3'"))
        let metres = try tokyoVariant("mtr.yaml", { $0.replacingOccurrences(of: "site_boundary: 6.5 m", with: "site_boundary: 6.5 mtr") }, in: dir)
        let length = try run(["validate", metres]).stdout
        #expect(length.contains("a length takes m, cm, mm, km, ft or in"))
        #expect(!length.contains("did you mean 'min'") && !length.contains("did you mean 't'"))
        let celsius = try tokyoVariant("c.yaml", { $0.replacingOccurrences(of: "site_boundary: 6.5 m", with: "site_boundary: 70 ℃") }, in: dir)
        let temperature = try run(["validate", celsius]).stdout
        #expect(temperature.contains("must be a length") && temperature.contains("is a temperature"))
        #expect(!temperature.contains("did you mean '%'"))
    }

    @Test("B9: validate reports a waiver that names no requirement, with the likely one")
    func b9WaiverTypo() throws {
        let dir = scratchDirectory()
        let file = try tokyoVariant("w.yaml", { $0.replacingOccurrences(of: "waivers: []", with: """
            waivers:
              - {requirement: JP-HRS-04, justification: pending relocation, approver: Tokyo Metropolitan Government, expires: 2027-01-31}
            """) }, in: dir)
        let result = try run(["validate", file])
        #expect(result.stdout.contains("waivers names requirement 'JP-HRS-04', which no loaded pack has; did you mean 'JP-HRS-004'?"))
    }

    @Test("B12: an error of the folder walk appears at its sorted place")
    func b12SortedErrors() throws {
        let dir = scratchDirectory()
        for (name, source) in [("a.yaml", tokyoSite), ("c.yaml", ulsanSite)] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(source), to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b.yaml").path, withDestinationPath: "nowhere.yaml")
        let report = try run(["check", dir.path, "--as-of", "2026-11-23"]).stdout
        let a = try #require(report.range(of: "a.yaml: Koto")), b = try #require(report.range(of: "b.yaml: INPUT ERROR")),
            c = try #require(report.range(of: "c.yaml: Ulsan"))
        #expect(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
        let validated = try run(["validate", dir.path]).stdout.split(separator: "\n").map(String.init)
        let order = ["a.yaml: ok", "b.yaml: error", "c.yaml: ok"].map { key in validated.firstIndex { $0.contains(key) } ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1), "\(validated)")
        // Within one file, errors are in line order.
        let twice = try tokyoVariant("e1.yaml", {
            $0.replacingOccurrences(of: "id: D-1", with: "id: C-1").replacingOccurrences(of: "zone: commercial", with: "zone: commercal")
        }, in: scratchDirectory())
        let lines = try run(["validate", twice]).stdout.split(separator: "\n").filter { $0.contains(": error:") }
        let numbers = lines.compactMap { line in line.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        #expect(numbers.count >= 2 && numbers == numbers.sorted(), "\(lines)")
    }
}
