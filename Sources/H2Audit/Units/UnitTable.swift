import Foundation

/// The unit symbols h2audit accepts, each mapped to a Foundation `Unit` and
/// converted with `Measurement` to its kind's canonical unit.
public enum UnitTable {
    struct Entry: Sendable {
        let kind: QuantityKind
        let unit: Dimension?
        /// Calendar units are months, not a Foundation dimension.
        let months: Double
        /// Absolute pressures are turned into gauge by subtracting one atmosphere.
        let absolute: Bool
    }

    static let atmosphereMPa = 0.101325

    private static func e(_ kind: QuantityKind, _ unit: Dimension, absolute: Bool = false) -> Entry {
        Entry(kind: kind, unit: unit, months: 0, absolute: absolute)
    }

    private static let kPa = UnitPressure.kilopascals, mPa = UnitPressure.megapascals, bar = UnitPressure.bars
    private static let psi = UnitPressure.poundsForcePerSquareInch

    /// Every spelling h2audit accepts, with its kind and Foundation unit.
    static let entries: [String: Entry] = {
        var table: [String: Entry] = [
            "Pa": e(.pressure, UnitPressure.newtonsPerMetersSquared),
            "PSI": e(.pressure, psi), "PSIG": e(.pressure, psi), "PSIA": e(.pressure, psi, absolute: true),
            // Length.
            "m": e(.length, UnitLength.meters), "cm": e(.length, UnitLength.centimeters),
            "mm": e(.length, UnitLength.millimeters), "km": e(.length, UnitLength.kilometers),
            "ft": e(.length, UnitLength.feet), "in": e(.length, UnitLength.inches),
            // Mass.
            "kg": e(.mass, UnitMass.kilograms), "t": e(.mass, UnitMass.metricTons), "g": e(.mass, UnitMass.grams),
            // Geometric volume (internal volume of a vessel).
            "m3": e(.volume, UnitVolume.cubicMeters), "L": e(.volume, UnitVolume.liters),
            // Gas amount and flow at normal conditions.
            "Nm3": e(.gasVolume, UnitGasVolume.normalCubicMeters),
            "Nm3/h": e(.gasFlow, UnitGasFlow.normalCubicMetersPerHour),
            "Nm3/d": e(.gasFlow, UnitGasFlow.normalCubicMetersPerDay),
            "Nm3/day": e(.gasFlow, UnitGasFlow.normalCubicMetersPerDay),
            // Mass flow (any gas: not convertible to Nm3/h by the unit alone; see `hydrogen(_:as:)`).
            "kg/h": e(.massFlow, UnitMassFlow.kilogramsPerHour),
            "kg/d": e(.massFlow, UnitMassFlow.kilogramsPerDay), "kg/day": e(.massFlow, UnitMassFlow.kilogramsPerDay),
            "t/h": e(.massFlow, UnitMassFlow.tonnesPerHour),
            "t/d": e(.massFlow, UnitMassFlow.tonnesPerDay), "t/day": e(.massFlow, UnitMassFlow.tonnesPerDay),
            // Temperature: Celsius (also U+2103 ℃), kelvin, Fahrenheit (also U+2109 ℉).
            "°C": e(.temperature, UnitTemperature.celsius), "degC": e(.temperature, UnitTemperature.celsius),
            "C": e(.temperature, UnitTemperature.celsius), "\u{2103}": e(.temperature, UnitTemperature.celsius),
            "K": e(.temperature, UnitTemperature.kelvin),
            "°F": e(.temperature, UnitTemperature.fahrenheit), "degF": e(.temperature, UnitTemperature.fahrenheit),
            "\u{2109}": e(.temperature, UnitTemperature.fahrenheit),
            // Durations (exact) and calendar spans (months and years, added by the calendar).
            "s": e(.duration, UnitDuration.seconds), "min": e(.duration, UnitDuration.minutes),
            "h": e(.duration, UnitDuration.hours),
            "d": e(.duration, UnitDuration(symbol: "d", converter: UnitConverterLinear(coefficient: 86_400))),
            "mo": Entry(kind: .calendar, unit: nil, months: 1, absolute: false),
            "months": Entry(kind: .calendar, unit: nil, months: 1, absolute: false),
            "yr": Entry(kind: .calendar, unit: nil, months: 12, absolute: false),
            "years": Entry(kind: .calendar, unit: nil, months: 12, absolute: false),
            // Carbon intensity, volume fractions (1 ppm = 0.0001 %), power, area.
            "kgCO2e/kgH2": e(.carbonIntensity, UnitCarbonIntensity.kgCO2ePerKgH2),
            "gCO2e/kgH2": e(.carbonIntensity, UnitCarbonIntensity.gCO2ePerKgH2),
            "%": e(.fraction, UnitVolumeFraction.percent), "vol%": e(.fraction, UnitVolumeFraction.percent),
            "%vol": e(.fraction, UnitVolumeFraction.percent), "% vol": e(.fraction, UnitVolumeFraction.percent),
            "ppm": e(.fraction, UnitVolumeFraction.ppm), "ppmv": e(.fraction, UnitVolumeFraction.ppm),
            "%LFL": e(.lflFraction, UnitLFLFraction.percentLFL),
            "kW": e(.power, UnitPower.kilowatts), "MW": e(.power, UnitPower.megawatts),
            "m2": e(.area, UnitArea.squareMeters),
        ]
        // Pressure. Both regimes use gauge pressure; a bare unit means gauge
        // (`MPa`, `MPag`, `MPaG`, `MPa(g)`, `MPa g`), and an absolute spelling
        // (`MPaa`, `MPaA`, `MPa(a)`, `MPa a`, `bara`, `psia`) is turned into
        // gauge by subtracting one standard atmosphere, 0.101325 MPa.
        for (symbol, unit) in [("MPa", mPa), ("kPa", kPa), ("bar", bar), ("psi", psi)] {
            table[symbol] = e(.pressure, unit)
            for gauge in ["g", "G", "(g)", " g"] { table[symbol + gauge] = e(.pressure, unit) }
            for absolute in ["a", "A", "(a)", " a"] { table[symbol + absolute] = e(.pressure, unit, absolute: true) }
        }
        return table
    }()

    private static let canonical: [QuantityKind: Dimension] = [
        .pressure: mPa, .length: UnitLength.meters, .mass: UnitMass.kilograms,
        .volume: UnitVolume.cubicMeters, .gasVolume: UnitGasVolume.normalCubicMeters,
        .gasFlow: UnitGasFlow.normalCubicMetersPerHour, .temperature: UnitTemperature.celsius,
        .duration: UnitDuration(symbol: "d", converter: UnitConverterLinear(coefficient: 86_400)),
        .carbonIntensity: UnitCarbonIntensity.kgCO2ePerKgH2, .fraction: UnitVolumeFraction.percent,
        .lflFraction: UnitLFLFraction.percentLFL, .power: UnitPower.kilowatts, .area: UnitArea.squareMeters,
        .massFlow: UnitMassFlow.kilogramsPerDay,
    ]

    /// Units a user may have meant, with the reason h2audit refuses them.
    static let refused: [String: String] = [
        "Nm³": "write Nm3", "m³": "write m3 (geometric volume) or Nm3 (gas at normal conditions)",
        "day": "write d", "days": "write d", "hours": "write h", "hr": "write h",
        "%lfl": "write %LFL", "LEL": "write %LFL", "%LEL": "write %LFL (LEL and LFL mean the same)",
        "kgCO2/kgH2": "write kgCO2e/kgH2 (CO2-equivalent)",
        "kg-CO2e/kg-H2": "write kgCO2e/kgH2", "ton": "write t (metric tonne)",
        "°K": "write K (kelvin takes no degree sign)", "kg/hr": "write kg/h",
    ]

    /// Every accepted spelling, for suggestions and messages.
    public static let spellings: [String] = entries.keys.sorted()

    /// Words of the expression language that are also unit spellings: `in`
    /// (inches) is the membership operator there (`x in [...]`), so a pack
    /// cannot write inches and the expression lexer never sees the spelling.
    static let expressionWords: Set<String> = ["in"]

    /// The accepted symbols that stand as one token after a number in a pack
    /// expression (the lexer reads them), and the list the schema reference
    /// prints: every spelling but `expressionWords`.
    public static let symbols: [String] = spellings.filter { !expressionWords.contains($0) }

    /// Each kind's spellings, for "did you mean" within the kind a field expects.
    static let spellingsByKind: [QuantityKind: [String]] = Dictionary(grouping: spellings) { entries[$0]!.kind }

    /// The units named in a message when an unknown unit is close to none of
    /// its kind's spellings.
    static let usualSymbols: [QuantityKind: String] = [
        .pressure: "MPa, kPa, bar or psi (gauge), bara, MPaA or psia (absolute)",
        .length: "m, cm, mm, km, ft or in", .mass: "kg, t or g", .volume: "m3 or L",
        .gasVolume: "Nm3", .gasFlow: "Nm3/h or Nm3/d", .massFlow: "kg/h, kg/d, t/h or t/d",
        .temperature: "°C, K or °F", .duration: "s, min, h or d", .calendar: "mo or yr",
        .carbonIntensity: "kgCO2e/kgH2 or gCO2e/kgH2", .fraction: "%, vol%, ppm or ppmv",
        .lflFraction: "%LFL", .power: "kW or MW", .area: "m2",
    ]

    /// Each unit's conversion to its canonical unit as `a·x + b`, computed once
    /// with Foundation's `Measurement` (every unit here converts linearly, the
    /// temperature offsets included), so that loading a value is one multiply-add.
    static let linear: [String: (a: Double, b: Double, kind: QuantityKind)] = {
        var table: [String: (a: Double, b: Double, kind: QuantityKind)] = [:]
        for (symbol, entry) in entries {
            if entry.kind == .calendar { table[symbol] = (entry.months, 0, .calendar); continue }
            guard let unit = entry.unit, let target = canonical[entry.kind] else { continue }
            let zero = Measurement(value: 0, unit: unit).converted(to: target).value
            let one = Measurement(value: 1, unit: unit).converted(to: target).value
            table[symbol] = (one - zero, zero - (entry.absolute ? atmosphereMPa : 0), entry.kind)
        }
        return table
    }()

    /// Converts `value symbol` to a canonical `Quantity`. Runs of blanks
    /// inside a symbol count as one space (`82 MPa  g`). With `expecting`,
    /// an unknown symbol is matched against that kind's spellings only, so a
    /// typo in a length field never suggests a pressure unit. A known symbol
    /// of another kind still converts: the caller reports the mismatch.
    public static func quantity(_ value: Double, symbol: String, expecting kind: QuantityKind? = nil) -> Result<Quantity, UnitError> {
        guard let conversion = linear[symbol] ?? linear[collapsingBlanks(symbol)] else {
            if let hint = refused[symbol] { return .failure(.refused(symbol, hint)) }
            guard let kind else { return .failure(.unknown(symbol, suggestions: Suggest.closest(to: symbol, in: spellings))) }
            // Unit symbols are short: allow one edit per three characters, at least one
            // (`Mpa` in a length field is no typo of `m`).
            let suggestions = Suggest.closest(to: symbol, in: spellingsByKind[kind] ?? [], maxDistance: max(1, symbol.count / 3))
            if suggestions.isEmpty { return .failure(.unknownOfKind(symbol, kind)) }
            return .failure(.unknown(symbol, suggestions: suggestions))
        }
        return .success(Quantity(conversion.a * value + conversion.b, conversion.kind))
    }

    /// `"MPa \t g"` -> `"MPa g"`; the symbol itself when it has no blanks.
    static func collapsingBlanks(_ symbol: String) -> String {
        guard symbol.contains(where: { $0 == " " || $0 == "\t" }) else { return symbol }
        return symbol.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    public static func kind(of symbol: String) -> QuantityKind? { entries[symbol]?.kind }

    // MARK: Hydrogen mass and normal volume

    /// Normal density of hydrogen: 0.08988 kg/Nm3 (0.08988 g/L) at 0 °C and
    /// 101.325 kPa, the "normal conditions" of `Nm3` (CRC Handbook of
    /// Chemistry and Physics; the ideal-gas value would be 0.08994).
    /// 1 kg of hydrogen is 11.126 Nm3.
    public static let hydrogenNormalDensity = 0.08988

    /// Converts a quantity known to be hydrogen between mass and normal
    /// volume: a mass flow (kg/d) to a gas flow (Nm3/h) and back, a mass
    /// (kg) to a gas volume (Nm3) and back. The unit alone never says which
    /// gas it measures, so only a caller that knows the gas is hydrogen (a
    /// schema field documented as hydrogen) may call this. `nil` for any
    /// other pair of kinds; the quantity itself if it already has `kind`.
    public static func hydrogen(_ q: Quantity, as kind: QuantityKind) -> Quantity? {
        let density = hydrogenNormalDensity
        switch (q.kind, kind) {
        case _ where q.kind == kind: return q
        case (.massFlow, .gasFlow): return Quantity(q.value / density / 24, .gasFlow)   // kg/d -> Nm3/h
        case (.gasFlow, .massFlow): return Quantity(q.value * density * 24, .massFlow)  // Nm3/h -> kg/d
        case (.mass, .gasVolume): return Quantity(q.value / density, .gasVolume)        // kg -> Nm3
        case (.gasVolume, .mass): return Quantity(q.value * density, .mass)             // Nm3 -> kg
        default: return nil
        }
    }

    /// For a hydrogen mass written where a normal volume is expected (or the
    /// reverse), the value in the expected unit, for the writer to check and
    /// copy: `; if it is hydrogen, write 556.3 Nm3/h (normal density 0.08988 kg/Nm3)`.
    /// Empty for any other pair of kinds. Validation never converts by itself.
    public static func hydrogenHint(for q: Quantity, expected kind: QuantityKind) -> String {
        guard q.kind != kind, let converted = hydrogen(q, as: kind) else { return "" }
        let rounded = (converted.value * 10).rounded() / 10
        let shown = QuantityText.format(Quantity(rounded == 0 ? converted.value : rounded, kind))
        return "; if it is hydrogen, write \(shown) (normal density \(hydrogenNormalDensity) kg/Nm3)"
    }
}

public enum UnitError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String, suggestions: [String])
    /// Unknown, and close to no unit of the kind the field expects.
    case unknownOfKind(String, QuantityKind)
    case refused(String, String)

    public var description: String {
        switch self {
        case .unknown(let symbol, let suggestions):
            var text = "unknown unit '\(symbol)'"
            if let first = suggestions.first { text += "; did you mean '\(first)'?" }
            return text
        case .unknownOfKind(let symbol, let kind):
            return "unknown unit '\(symbol)'; a \(kind.noun) takes \(UnitTable.usualSymbols[kind] ?? kind.canonicalSymbol)"
        case .refused(let symbol, let hint):
            return "unit '\(symbol)' is ambiguous or non-standard: \(hint)"
        }
    }
}
