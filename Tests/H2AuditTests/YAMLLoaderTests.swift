import Testing
@testable import H2Audit

@Suite("YAML loader")
struct YAMLLoaderTests {
    let loader = YAMLLoader()

    @Test("every node keeps its line and column")
    func marks() throws {
        let node = try loader.parse("a: 1\nlist:\n  - x\n  - {k: v}\n", file: "m.yaml")
        #expect(node.mark == SourceMark(file: "m.yaml", line: 1, column: 1))
        let list = try #require(node["list"])
        #expect(list.mark.line == 3 && list.mark.column == 3)
        guard case .sequence(let items) = list.content else { Issue.record("not a list"); return }
        #expect(items[1].mark == SourceMark(file: "m.yaml", line: 4, column: 5))
        #expect(items[1]["k"]?.mark == SourceMark(file: "m.yaml", line: 4, column: 9))
    }

    @Test("duplicate keys are errors naming both positions")
    func duplicateKeys() {
        #expect {
            _ = try loader.parse("id: a\nname: b\nid: c\n", file: "d.yaml")
        } throws: { error in
            let d = (error as! InputError).diagnostics[0]
            return d.mark == SourceMark(file: "d.yaml", line: 3, column: 1)
                && d.related == SourceMark(file: "d.yaml", line: 1, column: 1)
                && d.message.contains("duplicate key 'id'")
        }
    }

    @Test("duplicate keys are found in small mappings (scanned) and large ones (indexed)",
          arguments: [3, LibYAMLEvents.smallMapping - 1, LibYAMLEvents.smallMapping, 3 * LibYAMLEvents.smallMapping])
    func duplicateKeysAtEverySize(keys: Int) {
        let text = (0..<keys).map { "k\($0): \($0)\n" }.joined() + "k1: again\n"
        #expect(throws: InputError.self) { _ = try loader.parse(text, file: "d.yaml") }
        do {
            _ = try loader.parse(text, file: "d.yaml")
        } catch {
            let d = error.diagnostics[0]
            #expect(d.mark == SourceMark(file: "d.yaml", line: keys + 1, column: 1))
            #expect(d.related == SourceMark(file: "d.yaml", line: 2, column: 1))
        }
        let distinct = (0..<keys).map { "k\($0): \($0)\n" }.joined()
        #expect(throws: Never.self) { _ = try loader.parse(distinct, file: "d.yaml") }
    }

    @Test("a billion-laughs file is stopped by the alias-expansion limit")
    func aliasBomb() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<10 { text += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        #expect {
            _ = try loader.parse(text, file: "lol.yaml")
        } throws: { error in
            let d = (error as! InputError).diagnostics[0]
            return d.message.contains("aliases expand") && d.mark != nil
        }
    }

    @Test("nesting deeper than the limit is an error, deep nesting does not crash")
    func depth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect {
            _ = try loader.parse(deep, file: "deep.yaml")
        } throws: { error in
            let d = (error as! InputError).diagnostics[0]
            return d.message.contains("nesting deeper than 128") && d.mark?.line == 1
        }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { _ = try loader.parse(ok, file: "ok.yaml") }
    }

    @Test("syntax errors, tabs, bad UTF-8, NUL bytes and empty files carry positions")
    func badInput() {
        func diagnostic(_ bytes: [UInt8]) -> Diagnostic? {
            do { _ = try loader.parse(bytes, file: "bad.yaml"); return nil } catch { return error.diagnostics.first }
        }
        let unclosed = diagnostic(Array("a: [1, 2\nb: 3\n".utf8))
        #expect(unclosed?.mark != nil)
        let tab = diagnostic(Array("a:\n\tb: 1\n".utf8))
        #expect(tab?.message.contains("tab") == true)
        #expect(tab?.mark?.line == 2)
        let utf8 = diagnostic(Array("a: b\nc: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        #expect(utf8?.message.contains("UTF-8") == true)
        #expect(utf8?.mark?.line == 2)
        let nul = diagnostic(Array("a: b\nc: d".utf8) + [0x00] + Array("\n".utf8))
        #expect(nul?.mark?.line == 2)
        #expect(diagnostic([])?.message.contains("no YAML document") == true)
        #expect(diagnostic(Array("# only a comment\n".utf8))?.message.contains("no YAML document") == true)
        #expect(diagnostic(Array("a: 1\n---\nb: 2\n".utf8))?.message.contains("second") == true)
    }

    @Test("a file over the size limit is refused before it is read")
    func fileSize() throws {
        let dir = scratchDirectory()
        let path = write(String(repeating: "# filler\n", count: 2000), to: dir.appendingPathComponent("big.yaml"))
        let small = YAMLLoader(limits: LoadLimits(maxFileBytes: 1000))
        #expect {
            _ = try small.load(path: path)
        } throws: { error in
            (error as! InputError).diagnostics[0].message.contains("more than the limit of 1000 bytes")
        }
    }

    @Test("a directory is not a file")
    func directory() {
        let dir = scratchDirectory()
        #expect {
            _ = try loader.load(path: dir.path)
        } throws: { error in
            (error as! InputError).diagnostics[0].message.contains("directory")
        }
    }
}
