import Testing
@testable import H2Audit

@Suite("Site validation")
struct SiteValidatorTests {
    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do { _ = try Site.parse(yaml, file: "s.yaml"); return [] } catch { return error.diagnostics }
    }

    let header = "id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"

    @Test("a valid site loads with units normalised and defaults filled")
    func valid() throws {
        let site = try Site.parse(header + "equipment: [{id: D1, type: dispenser, max_operating_pressure: 875 bar}]\n", file: "s.yaml")
        #expect(site.id == "s" && site.country == "KR" && site.stages == ["use"])
        guard case .list(let items)? = site.facts["equipment"]?.value, case .object(let d1) = items[0].value else {
            Issue.record("no equipment"); return
        }
        guard case .quantity(let p)? = d1["max_operating_pressure"]?.value else { Issue.record("no pressure"); return }
        #expect(p == Quantity(87.5, .pressure))
        guard case .text("CH2")? = d1["fluid"]?.value else { Issue.record("no default fluid"); return }
        #expect(d1["fluid"]?.isDefault == true)
        #expect(d1["buried"] == nil)  // unknown is never none: no default for a decisive fact
    }

    @Test("a fact made on request keeps where and how its value was written; a default points at its object")
    func factsOnRequest() throws {
        let site = try Site.parse(header + "equipment:\n  - id: D1\n    type: dispenser\n    max_operating_pressure: 875 bar\n", file: "s.yaml")
        guard case .list(let items)? = site.facts.value("equipment"), case .object(let d1) = items[0].value else {
            Issue.record("no equipment"); return
        }
        let pressure = try #require(d1["max_operating_pressure"])
        #expect(pressure.mark == SourceMark(file: "s.yaml", line: 9, column: 29))
        #expect(pressure.written == "875 bar" && !pressure.isDefault)
        #expect(pressure.display == "875 bar (= 87.5 MPa)")
        #expect(try #require(d1["id"]).mark == SourceMark(file: "s.yaml", line: 7, column: 9))
        let fluid = try #require(d1["fluid"])
        #expect(fluid.isDefault && fluid.written == nil && fluid.mark == d1.mark)
        #expect(d1.mark == SourceMark(file: "s.yaml", line: 7, column: 5))
        #expect(d1["blast_wall"] == nil && d1.value("blast_wall") == nil)
        #expect(items[0].mark == d1.mark)
    }

    @Test("unknown keys get a suggestion and a position")
    func unknownKey() {
        let d = diagnostics(header + "equipment:\n  - id: D1\n    type: dispenser\n    distnces: {public_road: 5 m}\n")
        #expect(d.count == 1)
        #expect(d[0].message.contains("did you mean 'distances'"))
        #expect(d[0].mark == SourceMark(file: "s.yaml", line: 9, column: 5))
    }

    @Test("every problem in a file is reported, each at its place")
    func allProblems() {
        let d = diagnostics("""
        id: s
        name: S
        country: KP
        stages: [use, refuelling]
        roles: [refuelling_station]
        station: {supply: on_site_production, max_operating_pressure: 8 m, self_service: yes}
        equipment: [{id: A, type: dispenser}, {id: A, type: dispenser, max_operating_pressure: 82}]
        """)
        let messages = d.map(\.message).joined(separator: "\n")
        #expect(messages.contains("'country' must be one of KR, JP"))
        #expect(messages.contains("'stages[1]' must be one of"))
        #expect(messages.contains("is a length"))
        #expect(messages.contains("must be true or false, found 'yes'"))
        #expect(messages.contains("id 'A' is used twice"))
        #expect(messages.contains("has no unit"))
        #expect(d.allSatisfy { $0.mark != nil })
        #expect(d.count == 6)
    }

    @Test("duplicate ids are found in short and long lists, each pointing at the first use", arguments: [3, 40])
    func duplicateIDs(count: Int) {
        // Items E0, E1, ..., with E1 given again as the last two items (lines 7 + i for item i).
        let items = (0..<count).map { "  - {id: E\($0), type: dispenser}" } + ["  - {id: E1, type: compressor}", "  - {id: E1, type: dispenser}"]
        let d = diagnostics(header + "equipment:\n" + items.joined(separator: "\n") + "\n")
        #expect(d.count == 2)
        for (diagnostic, line) in zip(d, [7 + count, 8 + count]) {
            #expect(diagnostic.message == "id 'E1' is used twice; first at line 8")
            #expect(diagnostic.mark == SourceMark(file: "s.yaml", line: line, column: 10))
            #expect(diagnostic.related == SourceMark(file: "s.yaml", line: 8, column: 10))
        }
    }

    @Test("missing required keys, wrong shapes, absurd quantities")
    func shapes() {
        #expect(diagnostics("id: s\n").contains { $0.message.contains("missing required key 'name'") })
        #expect(diagnostics("- a\n- b\n").first?.message.contains("must be a mapping") == true)
        #expect(diagnostics(header + "equipment: {id: x}\n").first?.message.contains("must be a list") == true)
        #expect(diagnostics(header + "equipment: [{id: T, type: storage_vessel, internal_volume: -3 m3}]\n").first?.message.contains("negative") == true)
        #expect(diagnostics(header + "production: {purity: 120 %}\n").first?.message.contains("more than 100 %") == true)
        #expect(diagnostics(header + "equipment: [{id: T, type: storage_vessel, storage_capacity: 300 m3}]\n").first?.message.contains("gas volume") == true)
        #expect(diagnostics(header + "commissioned: 2024-13-01\n").first?.message.contains("YYYY-MM-DD") == true)
        #expect(diagnostics(header + "equipment: [{id: T, type: storage_vessel, max_fill_pressure: nan MPa}]\n").isEmpty == false)
    }

    @Test("x- extension keys are ignored")
    func extensions() {
        #expect(diagnostics(header + "x-internal-ref: ABC-123\n").isEmpty)
    }
}
