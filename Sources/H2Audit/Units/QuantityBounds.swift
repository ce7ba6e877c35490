/// Physical bounds of every kind of quantity (issue 16, point 7). A value
/// past its kind's bound is not a measurement of a hydrogen facility but a
/// typo, a unit mix-up or hostile input (`1e308 m` is not a distance), and
/// site validation refuses it instead of letting a comparison pass on it.
///
/// Each bound is inclusive, in the kind's canonical unit, and chosen far
/// enough past the largest real value that no real filing meets it:
///
/// | kind | lower | upper | why the upper bound |
/// |---|---|---|---|
/// | pressure (gauge) | -0.101325 MPa (full vacuum) | 1,000 MPa | ten times the highest hydrogen service pressures (about 100 MPa) |
/// | length | 0 | 40,000 km | once round the Earth; the longest pipelines are under 10,000 km |
/// | mass | 0 | 1 Gt (10^12 kg) | about ten times the world's yearly hydrogen production (about 0.1 Gt) |
/// | volume | 0 | 1 km3 (10^9 m3) | a thousand times the largest salt caverns (about 10^6 m3) |
/// | gas volume | 0 | 10^13 Nm3 | about ten times the world's yearly hydrogen production (about 1.1·10^12 Nm3) |
/// | gas flow | 0 | 10^9 Nm3/h | about eight times the world's hydrogen production as one flow (1.2·10^8 Nm3/h) |
/// | mass flow | 0 | 10^10 kg/d | about forty times the world's hydrogen production as one flow (2.6·10^8 kg/d) |
/// | temperature | -273.15 °C (absolute zero) | 10,000 °C | hotter than the surface of the Sun (about 5,500 °C) |
/// | duration | 0 | 1,000 years (365,250 d) | no interval, run or driving time at a plant comes near it |
/// | calendar span | 0 | 1,000 years (12,000 mo) | as duration |
/// | carbon intensity | 0 | 1,000 kgCO2e/kgH2 | about forty times the most carbon-intensive production (coal gasification, about 25) |
/// | volume fraction | 0 | 100 % | a part cannot exceed the whole |
/// | fraction of LFL | 0 | 10,000 %LFL | pure hydrogen is 2,500 %LFL (LFL 4 %); no flammable gas has an LFL under 1 % |
/// | power | 0 | 100 GW (10^8 kW) | about four times the largest power station (22.5 GW) |
/// | area | 0 | 10,000 km2 (10^10 m2) | larger than any industrial site |
///
/// Negative values are refused before these bounds are looked at (the
/// site validator: "cannot be negative"), except temperatures; an absolute
/// pressure may still give a negative gauge value, down to full vacuum.
public enum QuantityBounds {
    public struct Bound: Sendable {
        public let kind: QuantityKind
        /// Inclusive, in the kind's canonical unit; `nil`: zero, enforced as "cannot be negative".
        public let lower: Double?
        public let lowerText: String
        /// Inclusive, in the kind's canonical unit.
        public let upper: Double
        public let upperText: String
        /// Why no real value comes near `upper`; empty where it is plain.
        public let reason: String
    }

    /// The one table of bounds, one row per kind.
    public static let table: [Bound] = [
        Bound(kind: .pressure, lower: -UnitTable.atmosphereMPa, lowerText: "full vacuum (-0.101325 MPa gauge)",
              upper: 1_000, upperText: "1,000 MPa", reason: "ten times the highest hydrogen service pressures"),
        Bound(kind: .length, lower: nil, lowerText: "0 m", upper: 4e7, upperText: "40,000 km",
              reason: "once round the Earth"),
        Bound(kind: .mass, lower: nil, lowerText: "0 kg", upper: 1e12, upperText: "1 Gt (1,000,000,000 t)",
              reason: "about ten times the world's yearly hydrogen production"),
        Bound(kind: .volume, lower: nil, lowerText: "0 m3", upper: 1e9, upperText: "1 km3 (1,000,000,000 m3)",
              reason: "a thousand times the largest salt caverns"),
        Bound(kind: .gasVolume, lower: nil, lowerText: "0 Nm3", upper: 1e13, upperText: "10,000,000,000,000 Nm3",
              reason: "about ten times the world's yearly hydrogen production"),
        Bound(kind: .gasFlow, lower: nil, lowerText: "0 Nm3/h", upper: 1e9, upperText: "1,000,000,000 Nm3/h",
              reason: "about eight times the world's hydrogen production as one flow"),
        Bound(kind: .massFlow, lower: nil, lowerText: "0 kg/d", upper: 1e10, upperText: "10,000,000 t/d",
              reason: "about forty times the world's hydrogen production as one flow"),
        Bound(kind: .temperature, lower: -273.15, lowerText: "absolute zero", upper: 10_000, upperText: "10,000 °C",
              reason: "hotter than the surface of the Sun"),
        Bound(kind: .duration, lower: nil, lowerText: "0 d", upper: 365_250, upperText: "1,000 years",
              reason: "no interval or run time comes near it"),
        Bound(kind: .calendar, lower: nil, lowerText: "0 mo", upper: 12_000, upperText: "1,000 years",
              reason: "no interval comes near it"),
        Bound(kind: .carbonIntensity, lower: nil, lowerText: "0 kgCO2e/kgH2", upper: 1_000, upperText: "1,000 kgCO2e/kgH2",
              reason: "about forty times the most carbon-intensive production"),
        Bound(kind: .fraction, lower: nil, lowerText: "0 %", upper: 100, upperText: "100 %", reason: ""),
        Bound(kind: .lflFraction, lower: nil, lowerText: "0 %LFL", upper: 10_000, upperText: "10,000 %LFL",
              reason: "pure hydrogen is 2,500 %LFL"),
        Bound(kind: .power, lower: nil, lowerText: "0 kW", upper: 1e8, upperText: "100 GW",
              reason: "about four times the largest power station"),
        Bound(kind: .area, lower: nil, lowerText: "0 m2", upper: 1e10, upperText: "10,000 km2",
              reason: "larger than any industrial site"),
    ]

    private static let byKind: [QuantityKind: Bound] = Dictionary(uniqueKeysWithValues: table.map { ($0.kind, $0) })

    public static func bound(for kind: QuantityKind) -> Bound { byKind[kind]! }

    /// Each kind's numeric bounds, by the kind's position in `allCases`:
    /// every quantity of every site is checked against them, and this
    /// reads two numbers where `bound(for:)` hashes the kind and copies the texts.
    private static let limits: [(lower: Double, upper: Double)] = QuantityKind.allCases.map {
        let bound = Self.bound(for: $0)
        return (bound.lower ?? -.infinity, bound.upper)
    }

    /// What is wrong with `q`, to follow the field's path in a message
    /// (`"is more than 40,000 km, past any length (once round the Earth)"`),
    /// or `nil` when `q` lies within its kind's bounds.
    public static func problem(_ q: Quantity) -> String? {
        let limit = limits[q.kind.position]
        if q.value <= limit.upper && q.value >= limit.lower { return nil }
        let bound = bound(for: q.kind)
        if q.value > bound.upper {
            if bound.reason.isEmpty { return "is more than \(bound.upperText)" }
            return "is more than \(bound.upperText), past any \(q.kind.noun) (\(bound.reason))"
        }
        if let lower = bound.lower, q.value < lower { return "is below \(bound.lowerText)" }
        return nil
    }
}
