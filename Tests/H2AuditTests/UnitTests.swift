import Testing
@testable import H2Audit

@Suite("Units and dates")
struct UnitTests {
    func q(_ text: String) -> Quantity? {
        guard let (n, s) = QuantityText.split(text), case .success(let q) = UnitTable.quantity(n, symbol: s) else { return nil }
        return q
    }

    @Test("pressures normalise to gauge MPa", arguments: [
        ("82 MPa", 82.0), ("820 bar", 82.0), ("700 barg", 70.0), ("87.5 MPa(g)", 87.5),
        ("10 bara", 0.898675), ("1 MPa(a)", 0.898675), ("5000 psig", 34.4738),
    ])
    func pressure(_ text: String, _ mpa: Double) throws {
        let value = try #require(q(text))
        #expect(value.kind == .pressure)
        #expect(abs(value.value - mpa) < 1e-4)
    }

    @Test("other kinds convert through Foundation's Measurement")
    func otherKinds() {
        #expect(q("1200 cm")?.value == 12)
        #expect(q("3 t")?.value == 3000)
        #expect(q("18000 L")?.value == 18)
        #expect(abs((q("2400 Nm3/d")?.value ?? 0) - 100) < 1e-9)
        #expect(q("25 %LFL")?.kind == .lflFraction)
        #expect(q("2 vol%")?.kind == .fraction)
        #expect(q("5000 ppm")?.value == 0.5)
        #expect(q("2100 gCO2e/kgH2")?.value == 2.1)
        #expect(q("1 yr")?.value == 12)
        #expect(q("10_000 Nm3")?.value == 10_000)
        #expect(abs((q("300 K")?.value ?? 0) - 26.85) < 1e-9)
    }

    @Test("unknown and ambiguous units are refused with a hint")
    func refused() {
        guard case .failure(let unknown) = UnitTable.quantity(1, symbol: "Mpa") else { Issue.record("accepted Mpa"); return }
        #expect(unknown.description.contains("did you mean 'MPa'"))
        guard case .failure(let ambiguous) = UnitTable.quantity(1, symbol: "m³") else { Issue.record("accepted m³"); return }
        #expect(ambiguous.description.contains("Nm3"))
    }

    @Test("quantity text splits into number and symbol, digit groups and exponents included")
    func splitting() {
        func split(_ text: String) -> String? { QuantityText.split(text).map { "\($0.number)|\($0.symbol)" } }
        #expect(split("  82 MPa ") == "82.0|MPa")
        #expect(split("10_000 Nm3") == "10000.0|Nm3")
        #expect(split("1.5e3 Nm3/h") == "1500.0|Nm3/h")
        #expect(split("-3 °C") == "-3.0|°C")
        #expect(split("25%LFL") == "25.0|%LFL")
        #expect(split("7") == "7.0|")
        #expect(split("e5 m") == nil)
        #expect(split("MPa") == nil)
        #expect(split("1.2.3 m") == nil)
        #expect(split("") == nil)
    }

    // MARK: Units people write (issue 13.7)

    static let atm = 0.101325

    static let pressureCases: [(String, Double)] = [
        ("82 MPa", 82.0), ("82 MPaG", 82.0), ("82 MPag", 82.0), ("82 MPa(g)", 82.0), ("82 MPa g", 82.0), ("82 MPa  g", 82.0),
        ("700 barg", 70.0), ("700 bar(g)", 70.0), ("700 bar g", 70.0), ("700 barG", 70.0),
        ("500 kPaG", 0.5), ("500 kPag", 0.5), ("500 kPa(g)", 0.5), ("500 kPa g", 0.5),
        ("1000 psig", 6.894757), ("1000 psi(g)", 6.894757), ("1000 psi g", 6.894757), ("1000 PSIG", 6.894757), ("1000 PSI", 6.894757),
        ("1 MPaA", 1 - atm), ("1 MPaa", 1 - atm), ("1 MPa(a)", 1 - atm), ("1 MPa a", 1 - atm),
        ("10 bara", 1 - atm), ("10 barA", 1 - atm), ("10 bar(a)", 1 - atm), ("1000 kPaA", 1 - atm),
        ("1000 psia", 6.894757 - atm), ("1000 psi(a)", 6.894757 - atm), ("1000 PSIA", 6.894757 - atm),
    ]

    @Test("every gauge spelling is gauge MPa; every absolute spelling subtracts one atmosphere", arguments: pressureCases)
    func pressureSpellings(_ text: String, _ mpa: Double) throws {
        let value = try #require(q(text), "\(text) refused")
        #expect(value.kind == .pressure)
        #expect(abs(value.value - mpa) < 1e-5, "\(text) = \(value.value)")   // Foundation's psi is 6,894.76 Pa
    }

    static let spellingCases: [(String, QuantityKind, Double)] = [
        // Mass flow (canonical kg/d): any gas, so not a gas flow.
        ("10 kg/h", .massFlow, 240.0), ("500 kg/d", .massFlow, 500), ("500 kg/day", .massFlow, 500),
        ("2 t/d", .massFlow, 2000), ("1 t/h", .massFlow, 24_000), ("1 t/day", .massFlow, 1000),
        // Volume fractions (canonical %): 1 ppm = 0.0001 %.
        ("2 vol%", .fraction, 2), ("2 %vol", .fraction, 2), ("2 % vol", .fraction, 2),
        ("5 ppm", .fraction, 0.0005), ("5 ppmv", .fraction, 0.0005), ("10000 ppmv", .fraction, 1),
        // Temperatures (canonical °C).
        ("-40 \u{2103}", .temperature, -40), ("0 K", .temperature, -273.15), ("373.15 K", .temperature, 100),
        ("32 °F", .temperature, 0), ("212 degF", .temperature, 100), ("-40 \u{2109}", .temperature, -40),
        // Lengths (canonical m).
        ("10 ft", .length, 3.048), ("12 in", .length, 0.3048), ("1 in", .length, 0.0254),
        // Thousands separators.
        ("1,000 Nm3", .gasVolume, 1000), ("82,000 kPa", .pressure, 82), ("1,234,567.5 Nm3", .gasVolume, 1_234_567.5),
        ("12,000 Nm3/d", .gasFlow, 500), ("-1,000 °C", .temperature, -1000), ("1,000.25 m", .length, 1000.25),
    ]

    @Test("new spellings convert to their kind's canonical unit", arguments: spellingCases)
    func newSpellings(_ text: String, _ kind: QuantityKind, _ canonical: Double) throws {
        let value = try #require(q(text), "\(text) refused")
        #expect(value.kind == kind, "\(text) is \(value.kind)")
        #expect(abs(value.value - canonical) < 1e-9 * max(1, abs(canonical)), "\(text) = \(value.value)")
    }

    @Test("a comma that does not separate groups of three digits is refused as ambiguous", arguments: [
        ("1,5 MPa", "'1.5 MPa'"), ("1,0000 m", "'1.0000 m'"), ("12,34,567 Nm3", "with a point"), ("1234,567 Nm3", "'1234.567 Nm3'"),
        ("1.000,5 m", "with a point"), ("1,000,00 m", "with a point"), ("1_000,000 m", "with a point"), ("1,00.5 m", "with a point"),
    ])
    func ambiguousCommas(_ text: String, _ advice: String) throws {
        #expect(QuantityText.split(text) == nil, "\(text) accepted")
        let problem = try #require(QuantityText.problem(in: text))
        #expect(problem.contains("'\(text)' is ambiguous: a comma may only separate groups of three digits"))
        #expect(problem.contains(advice), "\(problem)")
    }

    @Test("a comma outside a number is left to the unit; good numbers have no problem")
    func commasElsewhere() {
        #expect(QuantityText.problem(in: "1,000 Nm3") == nil)
        #expect(QuantityText.problem(in: "82 MPa") == nil)
        #expect(QuantityText.split("5, m").map { $0.symbol } == ", m")
        #expect(QuantityText.split(",5 m") == nil && QuantityText.problem(in: ",5 m") == nil)
    }

    @Test("site validation refuses an ambiguous comma with the advice, and accepts grouped digits")
    func commasInSites() throws {
        let header = "id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"
        do {
            _ = try Site.parse(header + "equipment:\n  - id: T\n    type: storage_vessel\n    max_fill_pressure: 1,5 MPa\n", file: "s.yaml")
            Issue.record("1,5 MPa accepted")
        } catch {
            let message = try #require(error.diagnostics.first?.message)
            #expect(message == "'equipment[0].max_fill_pressure': '1,5 MPa' is ambiguous: a comma may only separate groups of three digits, as in '1,000'; for a decimal write a point, as in '1.5 MPa'")
        }
        let site = try Site.parse(header + "equipment:\n  - id: T\n    type: storage_vessel\n    storage_capacity: 1,000 Nm3\n    max_fill_pressure: 82,000 kPa g\n", file: "s.yaml")
        guard case .list(let items)? = site.facts["equipment"]?.value, case .object(let t) = items[0].value else { Issue.record("no equipment"); return }
        guard case .quantity(let capacity)? = t["storage_capacity"]?.value, case .quantity(let pressure)? = t["max_fill_pressure"]?.value else {
            Issue.record("no quantities"); return
        }
        #expect(capacity == Quantity(1000, .gasVolume) && pressure == Quantity(82, .pressure))
    }

    @Test("\"did you mean\" suggests only units of the kind the field expects")
    func suggestionsWithinKind() throws {
        // A length field: "mt" is one edit from m and t (mass); only m may come back.
        guard case .failure(let mt) = UnitTable.quantity(1, symbol: "mt", expecting: .length) else { Issue.record("accepted mt"); return }
        #expect(mt == .unknown("mt", suggestions: ["m"]))
        // A length field with a pressure typo: no pressure unit, but the units a length takes.
        guard case .failure(let mpa) = UnitTable.quantity(1, symbol: "Mpa", expecting: .length) else { Issue.record("accepted Mpa"); return }
        #expect(mpa.description == "unknown unit 'Mpa'; a length takes m, cm, mm, km, ft or in")
        guard case .failure(let pressure) = UnitTable.quantity(1, symbol: "Mpa", expecting: .pressure) else { Issue.record("accepted Mpa"); return }
        #expect(pressure.description == "unknown unit 'Mpa'; did you mean 'MPa'?")
        // Every spelling with a typo, in a field of every other kind: no suggestion of another kind.
        for spelling in UnitTable.spellings {
            for kind in QuantityKind.allCases where kind != UnitTable.kind(of: spelling) {
                for typo in [spelling + "x", "x" + spelling, String(spelling.dropLast())] where UnitTable.kind(of: typo) == nil {
                    guard case .failure(let error) = UnitTable.quantity(1, symbol: typo, expecting: kind) else { continue }
                    if case .unknown(_, let suggestions) = error {
                        for suggestion in suggestions {
                            #expect(UnitTable.kind(of: suggestion) == kind, "'\(typo)' in a \(kind) field suggested '\(suggestion)'")
                        }
                    }
                }
            }
        }
    }

    @Test("a typo in a site's length field suggests a length, never a pressure")
    func suggestionsInSites() throws {
        let header = "id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"
        do {
            _ = try Site.parse(header + "equipment: [{id: D1, type: dispenser, distances: {public_road: 8 mt}}]\n", file: "s.yaml")
            Issue.record("8 mt accepted")
        } catch {
            let message = try #require(error.diagnostics.first?.message)
            #expect(message == "'equipment[0].distances.public_road': unknown unit 'mt'; did you mean 'm'?")
        }
    }

    @Test("inches are for site files: in pack expressions `in` stays the membership operator")
    func inchesStayOutOfExpressions() throws {
        #expect(UnitTable.spellings.contains("in") && !UnitTable.symbols.contains("in"))
        let tokens = try Lexer.tokenize("12 in [12, 13]").map(\.token)
        #expect(tokens.first == .number(12))
        #expect(try Lexer.tokenize("12 ft").map(\.token).first == .quantity(12, "ft"))
    }

    @Test("mass flows are their own kind; hydrogen mass converts to normal volume at 0.08988 kg/Nm3 only on request")
    func hydrogenMassFlow() throws {
        #expect(UnitTable.hydrogenNormalDensity == 0.08988)
        let flow = try #require(q("100 kg/h"))
        #expect(flow == Quantity(2400, .massFlow))
        let gas = try #require(UnitTable.hydrogen(flow, as: .gasFlow))
        #expect(gas.kind == .gasFlow && abs(gas.value - 100 / 0.08988) < 1e-9)   // 1,112.6 Nm3/h
        let back = try #require(UnitTable.hydrogen(gas, as: .massFlow))
        #expect(abs(back.value - 2400) < 1e-9)
        let volume = try #require(UnitTable.hydrogen(Quantity(1, .mass), as: .gasVolume))
        #expect(abs(volume.value - 11.126) < 1e-3)
        #expect(UnitTable.hydrogen(Quantity(1, .mass), as: .length) == nil)
        #expect(UnitTable.hydrogen(flow, as: .massFlow) == flow)
        // A gas-flow field refuses kg/h (the unit cannot know the gas) and shows the hydrogen value to write.
        let header = "id: s\nname: S\ncountry: KR\nstages: [production]\nroles: [production]\n"
        do {
            _ = try Site.parse(header + "equipment: [{id: E1, type: electrolyser, rated_output: 50 kg/h}]\n", file: "s.yaml")
            Issue.record("50 kg/h accepted as a gas flow")
        } catch {
            let message = try #require(error.diagnostics.first?.message)
            #expect(message.contains("but '50 kg/h' is a mass flow; if it is hydrogen, write 556.3 Nm3/h (normal density 0.08988 kg/Nm3)"), "\(message)")
        }
        #expect(UnitTable.hydrogenHint(for: Quantity(1, .length), expected: .pressure) == "")
    }

    // MARK: Physical bounds (issue 16.7)

    @Test("every kind has one bound, and the bounds refuse absurd values", arguments: QuantityKind.allCases)
    func boundsCoverEveryKind(_ kind: QuantityKind) {
        let bound = QuantityBounds.bound(for: kind)
        #expect(bound.kind == kind)
        #expect(QuantityBounds.problem(Quantity(bound.upper, kind)) == nil)
        #expect(QuantityBounds.problem(Quantity(bound.upper * 1.001, kind)) != nil)
        #expect(QuantityBounds.problem(Quantity(1e308, kind)) != nil)
        #expect(QuantityBounds.problem(Quantity(.infinity, kind)) != nil)
        #expect(QuantityBounds.problem(Quantity(0, kind)) == nil)
        #expect(QuantityBounds.table.filter { $0.kind == kind }.count == 1)
        #expect(QuantityKind.allCases[kind.position] == kind)  // the bounds are looked up by position
        if let lower = bound.lower {
            #expect(QuantityBounds.problem(Quantity(lower, kind)) == nil)
            #expect(QuantityBounds.problem(Quantity(lower - 1, kind)) != nil)
        }
    }

    @Test("large real values stay within the bounds", arguments: [
        "9,000 km",                 // the longest gas pipelines
        "40,000 km", "300 MPa", "1000 MPa", "100,000 psi",
        "95,000,000 t",             // the world's hydrogen production in a year
        "1,000,000 m3",             // a large salt cavern
        "100,000,000,000 Nm3", "300,000 Nm3/h", "1,000 t/d", "3000 °C", "10000 °C", "30 yr", "3650 d",
        "25 kgCO2e/kgH2", "100 %", "2500 %LFL", "22.5 MW", "1000000 m2", "-273.15 °C", "0 bara",
    ])
    func realValuesAccepted(_ text: String) throws {
        let value = try #require(q(text), "\(text) refused")
        #expect(QuantityBounds.problem(value) == nil, "\(text): \(QuantityBounds.problem(value) ?? "")")
    }

    @Test("site validation refuses values past a physical bound with the bound and its reason")
    func boundsInSites() throws {
        let header = "id: s\nname: S\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"
        func message(_ yaml: String) -> String? {
            do { _ = try Site.parse(header + yaml, file: "s.yaml"); return nil } catch { return error.diagnostics.first?.message }
        }
        #expect(message("equipment: [{id: D1, type: dispenser, distances: {public_road: 1e308 m}}]\n")
            == "'equipment[0].distances.public_road' is more than 40,000 km, past any length (once round the Earth), found '1e308 m'")
        #expect(message("equipment: [{id: D1, type: dispenser, max_operating_pressure: 2000 MPa}]\n")
            == "'equipment[0].max_operating_pressure' is more than 1,000 MPa, past any pressure (ten times the highest hydrogen service pressures), found '2000 MPa'")
        #expect(message("equipment: [{id: D1, type: dispenser, max_operating_pressure: 1e300 bar}]\n")?.contains("more than 1,000 MPa") == true)
        #expect(message("production: {purity: 120 %}\n") == "'production.purity' is more than 100 %, found '120 %'")
        #expect(message("production: {o2_in_h2_max: 2000000 ppm}\n") == "'production.o2_in_h2_max' is more than 100 %, found '2000000 ppm'")
        #expect(message("transport: {vehicles: [{id: V1, kind: tube_trailer, container_temperature_limit: -500 °F}]}\n")?.hasSuffix("is below absolute zero, found '-500 °F'") == true)
        #expect(message("equipment: [{id: D1, type: dispenser, distances: {public_road: 9000 km}}]\n") == nil)
        #expect(message("equipment: [{id: D1, type: dispenser, max_operating_pressure: 87.5 MPa g, distances: {public_road: 15 ft}}]\n") == nil)
    }

    @Test("dates parse strictly and add calendar months")
    func days() throws {
        #expect(Day("2024-02-30") == nil)
        #expect(Day("2024-2-3") == nil)
        for bad in ["+024-01-01", "2024-01-1x", "2024/01/01", "2024-001-1", "２０２４-01-01", ""] { #expect(Day(bad) == nil, "\(bad)") }
        let leap = try #require(Day("2024-02-29"))
        #expect(leap.adding(months: 12).description == "2025-02-28")
        for text in ["0001-01-01", "0999-12-31", "2024-02-29", "9999-12-31"] { #expect(Day(text)?.description == text) }
        #expect(leap.adding(months: -2).description == "2023-12-29")
        #expect(try #require(Day("1970-01-01")).ordinal == 0)
        #expect(try #require(Day("2026-11-23")).adding(days: 38).description == "2026-12-31")
    }
}
