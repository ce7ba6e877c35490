import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import H2Audit

/// A folder of synthetic filings with every kind of broken file, made once.
let batchFolder: URL = {
    let dir = scratchDirectory("batch")
    let generator = SyntheticSites()
    for i in 0..<120 {
        write(generator.site(index: i), to: dir.appendingPathComponent(SyntheticSites.fileName(i)))
    }
    for i in 0..<SyntheticSites.brokenKinds.count {
        FileManager.default.createFile(atPath: dir.appendingPathComponent(SyntheticSites.fileName(i, broken: true)).path,
                                       contents: Data(generator.broken(index: i)))
    }
    return dir
}()

let batchFileCount = 120 + SyntheticSites.brokenKinds.count

func checkBatch(_ format: String, extra: [String] = []) throws -> RunResult {
    try run(["check", batchFolder.path, "--format", format, "--as-of", "2026-06-01", "--regime", "kr,jp"] + extra)
}

/// Checks `value` against a JSON schema's `required`, `type`, `enum`,
/// `properties`, `items`, `additionalProperties` and `$ref`s (enough to catch
/// a malformed SARIF log; `anyOf`/`oneOf` are not followed).
struct SchemaChecker {
    let root: [String: Any]
    var errors: [String] = []

    mutating func check(_ value: Any, against schema: [String: Any], at path: String, depth: Int = 0) {
        guard depth < 64 else { return }
        if let ref = schema["$ref"] as? String, ref.hasPrefix("#/definitions/"),
           let target = (root["definitions"] as? [String: Any])?[String(ref.dropFirst(14))] as? [String: Any] {
            check(value, against: target, at: path, depth: depth + 1)
            return
        }
        if let type = schema["type"] as? String {
            let ok: Bool
            switch type {
            case "object": ok = value is [String: Any]
            case "array": ok = value is [Any]
            case "string": ok = value is String
            case "integer": ok = (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
            case "number": ok = value is NSNumber
            case "boolean": ok = value is Bool
            default: ok = true
            }
            if !ok { errors.append("\(path): expected \(type)") }
        }
        if let options = schema["enum"] as? [String], let text = value as? String, !options.contains(text) {
            errors.append("\(path): '\(text)' not in \(options)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required '\(key)'")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(child, against: sub, at: "\(path).\(key)", depth: depth + 1)
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    check(child, against: extra, at: "\(path).\(key)", depth: depth + 1)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", depth: depth + 1) }
        }
    }
}

/// RFC 4180 reader: quoted fields, doubled quotes, CRLF.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Batch mode and formats", .serialized)
struct BatchTests {
    @Test("a batch with broken files reports them all, checks the rest, and exits 2")
    func mixedBatch() throws {
        let result = try checkBatch("json")
        #expect(result.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == batchFileCount)
        let failed = files.filter { $0["checked"] as? Bool == false }
        #expect(failed.count == SyntheticSites.brokenKinds.count)
        for file in failed {
            let errors = try #require(file["errors"] as? [[String: Any]])
            let location = try #require(errors.first?["location"] as? [String: Any])
            #expect((location["file"] as? String)?.contains("broken-") == true)
        }
        // Every broken kind that has a position reports its line.
        let withLines = failed.filter { (($0["errors"] as? [[String: Any]])?.first?["location"] as? [String: Any])?["line"] != nil }
        #expect(withLines.count >= SyntheticSites.brokenKinds.count - 1)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["files_checked"] as? Int == 120)
        #expect(summary["input_errors"] as? Int == SyntheticSites.brokenKinds.count)
        #expect(summary["exit_code"] as? Int == 2)
    }

    @Test("output order is the sorted input order and identical between runs")
    func deterministic() throws {
        let first = try checkBatch("jsonl").stdout, second = try checkBatch("jsonl").stdout
        #expect(first == second)
        let files = first.split(separator: "\n").dropLast().compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files.count == batchFileCount)
        #expect(files == files.sorted())
    }

    @Test("JSON Lines: one record per file, then a summary")
    func jsonLines() throws {
        let lines = try checkBatch("jsonl").stdout.split(separator: "\n")
        #expect(lines.count == batchFileCount + 1)
        let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(records.dropLast().allSatisfy { $0["record"] as? String == "file" && $0["schema_version"] as? Int == 1 })
        #expect(records.last?["record"] as? String == "summary")
        #expect(records.last?["files_checked"] as? Int == 120)
    }

    @Test("SARIF 2.1.0 satisfies its schema's required fields, with rule metadata and line numbers")
    func sarif() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sarif-schema-2.1.0.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(try checkBatch("sarif").stdout.utf8)) as? [String: Any])
        var checker = SchemaChecker(root: schema)
        checker.check(log, against: schema, at: "$")
        #expect(checker.errors.isEmpty, "\(checker.errors.prefix(10))")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == shippedPacks.reduce(0) { $0 + $1.requirements.count } + 1)
        #expect(rules.allSatisfy { ($0["shortDescription"] as? [String: Any])?["text"] != nil })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let located = results.filter {
            let region = ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
            return region?["startLine"] as? Int != nil
        }
        #expect(located.count == results.count, "every result points at a line")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
    }

    #if canImport(FoundationXML)
    @Test("JUnit XML parses back with consistent counts")
    func junit() throws {
        let document = try XMLDocument(data: Data(try checkBatch("junit").stdout.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite").compactMap { $0 as? XMLElement }
        #expect(suites.count == batchFileCount)
        for suite in suites {
            let failures = try suite.nodes(forXPath: "testcase/failure").count
            let errors = try suite.nodes(forXPath: "testcase/error").count
            let cases = try suite.nodes(forXPath: "testcase").count
            #expect(suite.attribute(forName: "failures")?.stringValue == String(failures))
            #expect(suite.attribute(forName: "errors")?.stringValue == String(errors))
            #expect(suite.attribute(forName: "tests")?.stringValue == String(cases))
        }
        #expect(try document.nodes(forXPath: "//error").count == SyntheticSites.brokenKinds.count)
    }
    #endif

    @Test("CSV parses back: one row per finding, input errors as rows")
    func csv() throws {
        let rows = parseCSV(try checkBatch("csv").stdout)
        #expect(rows.first == CSVReport.columns)
        #expect(rows.allSatisfy { $0.count == CSVReport.columns.count })
        let status = CSVReport.columns.firstIndex(of: "status")!
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try checkBatch("json").stdout.utf8)) as? [String: Any])
        let files = json["files"] as? [[String: Any]] ?? []
        let expected = files.reduce(0) { total, file in
            let counts = file["counts"] as? [String: Int] ?? [:]
            return total + counts.filter { $0.key != "not-applicable" }.values.reduce(0, +)
        }
        #expect(rows.dropFirst().filter { $0[status] != "input-error" }.count == expected)
        #expect(Set(rows.dropFirst().filter { $0[status] == "input-error" }.map { $0[0] }).count == SyntheticSites.brokenKinds.count)
        // The input-error code is the last column: the JSON report's codes, file by file and error by error; empty on findings.
        #expect(CSVReport.columns.last == "code")
        let code = CSVReport.columns.count - 1
        let csvCodes = rows.dropFirst().filter { $0[status] == "input-error" }.map { [$0[0], $0[code]] }
        let jsonCodes = files.filter { $0["checked"] as? Bool == false }.flatMap { file in
            ((file["errors"] as? [[String: Any]]) ?? []).map { [file["file"] as? String ?? "", $0["code"] as? String ?? ""] }
        }
        #expect(!csvCodes.isEmpty && csvCodes == jsonCodes, "\(csvCodes) vs \(jsonCodes)")
        #expect(Set(csvCodes.map { $0[1] }).count > 5, "the broken kinds have several causes: \(csvCodes)")
        #expect(rows.dropFirst().filter { $0[status] != "input-error" }.allSatisfy { $0[code].isEmpty })
    }

    @Test("paths from standard input, and --exclude")
    func stdinAndExclude() throws {
        let paths = [sitesDirectory + "/kr-incheon-fuel-cell-power-plant.yaml", sitesDirectory + "/jp-namie-alkaline-electrolysis-plant.yaml"]
        let result = try run(["check", "-", "--as-of", "2026-06-01", "--format", "jsonl"], stdin: paths.joined(separator: "\n") + "\n")
        #expect(result.status == 0 || result.status == 1)  // both checked; the verdict is the packs' business
        #expect(result.stdout.split(separator: "\n").count == 3)
        let excluded = try run(["check", sitesDirectory, "--exclude", "kr-*", "--as-of", "2026-06-01", "--format", "jsonl"])
        let files = excluded.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["file"] as? String }
        #expect(files.count == 4 && files.allSatisfy { $0.contains("/jp-") })
    }

    @Test("--output writes the report to a file")
    func outputFile() throws {
        let path = scratchDirectory().appendingPathComponent("report.sarif").path
        let result = try run(["check", sitesDirectory, "--format", "sarif", "--output", path, "--as-of", "2026-06-01"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("no progress bar when standard error is not a terminal")
    func noProgressBar() throws {
        let result = try checkBatch("json")
        #expect(!result.stderr.contains("files/s"))
        #expect(ProgressBar(total: 1000, force: nil).enabled == false)
    }

    @Test("synthetic sites are deterministic and valid")
    func synthetic() throws {
        let generator = SyntheticSites()
        #expect(generator.site(index: 7) == SyntheticSites().site(index: 7))
        for i in 0..<50 { _ = try Site.parse(generator.site(index: i), file: "s\(i).yaml") }
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings are escaped as JSONSerialization reads them back, the control characters and non-ASCII included")
    func escaping() throws {
        let samples = ["", "plain", "q\"x", "back\\slash", "tab\there", "line\nbreak\r", "\u{01}\u{1F}", "한글 水素 ℃", "end\\", "\"", "mixed \"\\\n\u{7F} é"]
        var writer = JSONWriter()
        writer.array(samples) { w, s in w.value(s) }
        let text = writer.text
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(decoded == samples, "\(text)")
        // Byte for byte as reports have always been escaped: only quote, backslash and control
        // characters (newline, return and tab by name, the rest as \u00XX); DEL and non-ASCII as they are.
        #expect(text == #"["","plain","q\"x","back\\slash","tab\there","line\nbreak\r","\u0001\u001f","한글 水素 ℃","end\\","\"","mixed \"\\\n\#u{7F} é"]"#)
        let viaText = samples.map { s -> String in var t = ""; JSONValue.string(s, into: &t); return t }
        #expect("[" + viaText.joined(separator: ",") + "]" == text, "the text form escapes as the byte form")
    }
}
