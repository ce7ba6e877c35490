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

    static let entries: [String: Entry] = [
        // Pressure. Both regimes use gauge pressure; a bare unit means gauge.
        "MPa": e(.pressure, mPa), "MPag": e(.pressure, mPa), "MPa(g)": e(.pressure, mPa),
        "MPaa": e(.pressure, mPa, absolute: true), "MPa(a)": e(.pressure, mPa, absolute: true),
        "kPa": e(.pressure, kPa), "kPag": e(.pressure, kPa), "kPa(g)": e(.pressure, kPa),
        "kPaa": e(.pressure, kPa, absolute: true), "kPa(a)": e(.pressure, kPa, absolute: true),
        "Pa": e(.pressure, UnitPressure.newtonsPerMetersSquared),
        "bar": e(.pressure, bar), "barg": e(.pressure, bar), "bar(g)": e(.pressure, bar),
        "bara": e(.pressure, bar, absolute: true), "bar(a)": e(.pressure, bar, absolute: true),
        "psi": e(.pressure, psi), "psig": e(.pressure, psi), "psia": e(.pressure, psi, absolute: true),
        // Length.
        "m": e(.length, UnitLength.meters), "cm": e(.length, UnitLength.centimeters),
        "mm": e(.length, UnitLength.millimeters), "km": e(.length, UnitLength.kilometers),
        // Mass.
        "kg": e(.mass, UnitMass.kilograms), "t": e(.mass, UnitMass.metricTons), "g": e(.mass, UnitMass.grams),
        // Geometric volume (internal volume of a vessel).
        "m3": e(.volume, UnitVolume.cubicMeters), "L": e(.volume, UnitVolume.liters),
        // Gas amount and flow at normal conditions.
        "Nm3": e(.gasVolume, UnitGasVolume.normalCubicMeters),
        "Nm3/h": e(.gasFlow, UnitGasFlow.normalCubicMetersPerHour),
        "Nm3/d": e(.gasFlow, UnitGasFlow.normalCubicMetersPerDay),
        "Nm3/day": e(.gasFlow, UnitGasFlow.normalCubicMetersPerDay),
        // Temperature.
        "°C": e(.temperature, UnitTemperature.celsius), "degC": e(.temperature, UnitTemperature.celsius),
        "C": e(.temperature, UnitTemperature.celsius), "K": e(.temperature, UnitTemperature.kelvin),
        // Durations (exact) and calendar spans (months and years, added by the calendar).
        "s": e(.duration, UnitDuration.seconds), "min": e(.duration, UnitDuration.minutes),
        "h": e(.duration, UnitDuration.hours),
        "d": e(.duration, UnitDuration(symbol: "d", converter: UnitConverterLinear(coefficient: 86_400))),
        "mo": Entry(kind: .calendar, unit: nil, months: 1, absolute: false),
        "months": Entry(kind: .calendar, unit: nil, months: 1, absolute: false),
        "yr": Entry(kind: .calendar, unit: nil, months: 12, absolute: false),
        "years": Entry(kind: .calendar, unit: nil, months: 12, absolute: false),
        // Carbon intensity, fractions, power, area.
        "kgCO2e/kgH2": e(.carbonIntensity, UnitCarbonIntensity.kgCO2ePerKgH2),
        "gCO2e/kgH2": e(.carbonIntensity, UnitCarbonIntensity.gCO2ePerKgH2),
        "%": e(.fraction, UnitVolumeFraction.percent), "vol%": e(.fraction, UnitVolumeFraction.percent),
        "%vol": e(.fraction, UnitVolumeFraction.percent), "ppm": e(.fraction, UnitVolumeFraction.ppm),
        "%LFL": e(.lflFraction, UnitLFLFraction.percentLFL),
        "kW": e(.power, UnitPower.kilowatts), "MW": e(.power, UnitPower.megawatts),
        "m2": e(.area, UnitArea.squareMeters),
    ]

    private static let canonical: [QuantityKind: Dimension] = [
        .pressure: mPa, .length: UnitLength.meters, .mass: UnitMass.kilograms,
        .volume: UnitVolume.cubicMeters, .gasVolume: UnitGasVolume.normalCubicMeters,
        .gasFlow: UnitGasFlow.normalCubicMetersPerHour, .temperature: UnitTemperature.celsius,
        .duration: UnitDuration(symbol: "d", converter: UnitConverterLinear(coefficient: 86_400)),
        .carbonIntensity: UnitCarbonIntensity.kgCO2ePerKgH2, .fraction: UnitVolumeFraction.percent,
        .lflFraction: UnitLFLFraction.percentLFL, .power: UnitPower.kilowatts, .area: UnitArea.squareMeters,
    ]

    /// Units a user may have meant, with the reason h2audit refuses them.
    static let refused: [String: String] = [
        "Nm³": "write Nm3", "m³": "write m3 (geometric volume) or Nm3 (gas at normal conditions)",
        "day": "write d", "days": "write d", "hours": "write h", "hr": "write h",
        "%lfl": "write %LFL", "LEL": "write %LFL", "%LEL": "write %LFL (LEL and LFL mean the same)",
        "kgCO2/kgH2": "write kgCO2e/kgH2 (CO2-equivalent)",
        "kg-CO2e/kg-H2": "write kgCO2e/kgH2", "ton": "write t (metric tonne)",
    ]

    /// Every accepted symbol, for help text and suggestions.
    public static let symbols: [String] = entries.keys.sorted()

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

    /// Converts `value symbol` to a canonical `Quantity`.
    public static func quantity(_ value: Double, symbol: String) -> Result<Quantity, UnitError> {
        guard let conversion = linear[symbol] else {
            if let hint = refused[symbol] { return .failure(.refused(symbol, hint)) }
            return .failure(.unknown(symbol, suggestions: Suggest.closest(to: symbol, in: symbols)))
        }
        return .success(Quantity(conversion.a * value + conversion.b, conversion.kind))
    }

    public static func kind(of symbol: String) -> QuantityKind? { entries[symbol]?.kind }
}

public enum UnitError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String, suggestions: [String])
    case refused(String, String)

    public var description: String {
        switch self {
        case .unknown(let symbol, let suggestions):
            var text = "unknown unit '\(symbol)'"
            if let first = suggestions.first { text += "; did you mean '\(first)'?" }
            return text
        case .refused(let symbol, let hint):
            return "unit '\(symbol)' is ambiguous or non-standard: \(hint)"
        }
    }
}
