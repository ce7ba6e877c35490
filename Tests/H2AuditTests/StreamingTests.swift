import Foundation
import Testing
@testable import H2Audit

/// Site files are validated straight from libyaml's events; packs and pack
/// examples go through a node tree. Both paths must agree.
@Suite("Streamed site loading")
struct StreamingTests {
    let header = "id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"

    /// The site as the tree path loads it: node tree first, then validation of the tree.
    func loadThroughTree(_ path: String) -> Result<Site, InputError> {
        do throws(InputError) {
            let node = try YAMLLoader().load(path: path)
            return .success(Site(file: path, facts: try SiteValidator().validate(node)))
        } catch {
            return .failure(error)
        }
    }

    func loadStreamed(_ path: String) -> Result<Site, InputError> {
        do throws(InputError) { return .success(try Site.load(path: path)) } catch { return .failure(error) }
    }

    @Test("every hostile file gives the same diagnostics streamed and through a tree")
    func hostileParity() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: hostileDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 30)
        for file in files {
            let path = hostileDirectory + "/" + file
            switch (loadStreamed(path), loadThroughTree(path)) {
            case (.failure(let streamed), .failure(let tree)):
                #expect(streamed.diagnostics.map(\.description) == tree.diagnostics.map(\.description), "\(file)")
            case (.success, .success):
                break
            case (let streamed, let tree):
                Issue.record("\(file): streamed \(streamed), tree \(tree)")
            }
        }
    }

    @Test("every shipped site gives the same findings streamed and through a tree")
    func sitesParity() throws {
        let checker = Checker(packs: shippedPacks, asOf: Day("2026-11-23")!, allPacksForEverySite: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 9)
        for file in files {
            let path = sitesDirectory + "/" + file
            let streamed = try loadStreamed(path).get(), tree = try loadThroughTree(path).get()
            expectSameFindings(checker.check(streamed).findings, checker.check(tree).findings, file)
        }
    }

    @Test("anchors and aliases expand in a streamed site, marks pointing at the anchored node")
    func aliases() throws {
        let site = try Site.parse(header + """
        equipment:
          - {id: D1, type: dispenser, distances: &far {public_road: 12 m, site_boundary: 3 m}}
          - {id: D2, type: dispenser, distances: *far}
        """, file: "s.yaml")
        guard case .list(let items)? = site.facts["equipment"]?.value, items.count == 2,
              case .object(let d2) = items[1].value, case .object(let distances)? = d2["distances"]?.value,
              case .quantity(let road)? = distances["public_road"]?.value else {
            Issue.record("alias did not expand"); return
        }
        #expect(road == Quantity(12, .length))
        #expect(distances.mark == SourceMark(file: "s.yaml", line: 7, column: 42))  // where `&far {` starts
    }

    @Test("an alias used as a duplicate key, or to a mapping as a key, is refused")
    func aliasKeys() {
        #expect(throws: InputError.self) { try Site.parse("a: &k id\n*k : 1\nid: x\n", file: "s.yaml") }
        do {
            _ = try Site.parse("m: &m {a: 1}\n*m : 2\n", file: "s.yaml")
            Issue.record("a mapping key was accepted")
        } catch {
            #expect(error.diagnostics[0].message.contains("mapping keys must be plain text, found a mapping"))
        }
    }

    @Test("a second document after a valid site is an error at its start")
    func secondDocument() {
        do {
            _ = try Site.parse(header + "---\nid: other\n", file: "s.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["s.yaml:6:1: error: a file holds one YAML document; found a second one here"])
        }
    }

    @Test("a syntax error after a complete root node outranks its schema problems (found by FuzzSite)")
    func syntaxAfterRoot() {
        for text in ["g\nc:", "- a\n- b\nc: d\n", "name\n---\nid: x\n"] {
            let bytes = Array(text.utf8)
            var streamed: [String] = [], tree: [String] = []
            do { _ = try Site.load(bytes: bytes, file: "s.yaml") } catch { streamed = error.diagnostics.map(\.description) }
            do { _ = try SiteValidator().validate(try YAMLLoader().parse(bytes, file: "s.yaml")) } catch { tree = error.diagnostics.map(\.description) }
            #expect(streamed.count == 1 && streamed == tree, "\(text.debugDescription): streamed \(streamed), tree \(tree)")
        }
    }

    @Test("a syntax error after schema problems is reported alone, as the tree path does")
    func syntaxAfterProblems() {
        do {
            _ = try Site.parse("id: s\ncountry: XX\nname: [unclosed\n", file: "s.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].mark?.line == 4)
        }
    }
}
