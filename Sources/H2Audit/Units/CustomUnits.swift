import Foundation

// Dimensions Foundation lacks. Each has one base unit; the others convert
// linearly to it, exactly as Foundation's own dimensions do.

/// Gas amount at normal conditions (0 °C, 0 Pa gauge): both regimes count
/// storage and processing capacity this way. Kept apart from geometric
/// volume (`m3`, `L`) because mixing the two is a classic filing error.
public final class UnitGasVolume: Dimension, @unchecked Sendable {
    public static let normalCubicMeters = UnitGasVolume(symbol: "Nm3", converter: UnitConverterLinear(coefficient: 1))
    override public class func baseUnit() -> Self { normalCubicMeters as! Self }
}

/// Gas flow at normal conditions, e.g. processing capacity per day.
public final class UnitGasFlow: Dimension, @unchecked Sendable {
    public static let normalCubicMetersPerHour = UnitGasFlow(symbol: "Nm3/h", converter: UnitConverterLinear(coefficient: 1))
    public static let normalCubicMetersPerDay = UnitGasFlow(symbol: "Nm3/d", converter: UnitConverterLinear(coefficient: 1.0 / 24))
    override public class func baseUnit() -> Self { normalCubicMetersPerHour as! Self }
}

/// Mass flow, e.g. a station's dispensing capacity in kg/day. A mass flow
/// does not say which gas flows, so it is a dimension of its own and is
/// never turned into a gas flow (`Nm3/h`) behind the writer's back: only
/// `UnitTable.hydrogen(_:as:)` converts, for a quantity known to be hydrogen.
public final class UnitMassFlow: Dimension, @unchecked Sendable {
    public static let kilogramsPerDay = UnitMassFlow(symbol: "kg/d", converter: UnitConverterLinear(coefficient: 1))
    public static let kilogramsPerHour = UnitMassFlow(symbol: "kg/h", converter: UnitConverterLinear(coefficient: 24))
    public static let tonnesPerDay = UnitMassFlow(symbol: "t/d", converter: UnitConverterLinear(coefficient: 1000))
    public static let tonnesPerHour = UnitMassFlow(symbol: "t/h", converter: UnitConverterLinear(coefficient: 24_000))
    override public class func baseUnit() -> Self { kilogramsPerDay as! Self }
}

/// Greenhouse-gas intensity of hydrogen, kg CO2-equivalent per kg of H2.
public final class UnitCarbonIntensity: Dimension, @unchecked Sendable {
    public static let kgCO2ePerKgH2 = UnitCarbonIntensity(symbol: "kgCO2e/kgH2", converter: UnitConverterLinear(coefficient: 1))
    public static let gCO2ePerKgH2 = UnitCarbonIntensity(symbol: "gCO2e/kgH2", converter: UnitConverterLinear(coefficient: 0.001))
    override public class func baseUnit() -> Self { kgCO2ePerKgH2 as! Self }
}

/// Volume fraction of a gas mixture: purity, oxygen in hydrogen.
public final class UnitVolumeFraction: Dimension, @unchecked Sendable {
    public static let percent = UnitVolumeFraction(symbol: "%", converter: UnitConverterLinear(coefficient: 1))
    /// Parts per million by volume: 1 ppm = 0.0001 %.
    public static let ppm = UnitVolumeFraction(symbol: "ppm", converter: UnitConverterLinear(coefficient: 0.0001))
    override public class func baseUnit() -> Self { percent as! Self }
}

/// Fraction of the lower flammability limit, as gas detectors are set.
/// Not convertible to a volume fraction without knowing the gas.
public final class UnitLFLFraction: Dimension, @unchecked Sendable {
    public static let percentLFL = UnitLFLFraction(symbol: "%LFL", converter: UnitConverterLinear(coefficient: 1))
    override public class func baseUnit() -> Self { percentLFL as! Self }
}
