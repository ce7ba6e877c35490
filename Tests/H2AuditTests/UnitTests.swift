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

    @Test("dates parse strictly and add calendar months")
    func days() throws {
        #expect(Day("2024-02-30") == nil)
        #expect(Day("2024-2-3") == nil)
        for bad in ["+024-01-01", "2024-01-1x", "2024/01/01", "2024-001-1", "２０２４-01-01", ""] { #expect(Day(bad) == nil, "\(bad)") }
        let leap = try #require(Day("2024-02-29"))
        #expect(leap.adding(months: 12).description == "2025-02-28")
        #expect(leap.adding(months: -2).description == "2023-12-29")
        #expect(try #require(Day("1970-01-01")).ordinal == 0)
        #expect(try #require(Day("2026-11-23")).adding(days: 38).description == "2026-12-31")
    }
}
