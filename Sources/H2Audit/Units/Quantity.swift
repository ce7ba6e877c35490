import Foundation

/// The physical kinds of quantity a site file or a pack may state.
/// Comparing two different kinds is a type error.
public enum QuantityKind: String, Sendable, CaseIterable, Codable {
    case pressure, length, mass, volume, gasVolume, gasFlow, temperature, duration
    case calendar, carbonIntensity, fraction, lflFraction, power, area
    /// Mass per time (kg/d), e.g. a station's capacity in kg/day. Which gas
    /// flows is not part of the unit, so a mass flow is not a `gasFlow`.
    case massFlow

    /// The kind's index in `allCases`, for tables indexed by kind.
    var position: Int {
        switch self {
        case .pressure: return 0
        case .length: return 1
        case .mass: return 2
        case .volume: return 3
        case .gasVolume: return 4
        case .gasFlow: return 5
        case .temperature: return 6
        case .duration: return 7
        case .calendar: return 8
        case .carbonIntensity: return 9
        case .fraction: return 10
        case .lflFraction: return 11
        case .power: return 12
        case .area: return 13
        case .massFlow: return 14
        }
    }

    /// The unit every value of this kind is stored in after normalising.
    public var canonicalSymbol: String {
        switch self {
        case .pressure: return "MPa"
        case .length: return "m"
        case .mass: return "kg"
        case .volume: return "m3"
        case .gasVolume: return "Nm3"
        case .gasFlow: return "Nm3/h"
        case .temperature: return "°C"
        case .duration: return "d"
        case .calendar: return "mo"
        case .carbonIntensity: return "kgCO2e/kgH2"
        case .fraction: return "%"
        case .lflFraction: return "%LFL"
        case .power: return "kW"
        case .area: return "m2"
        case .massFlow: return "kg/d"
        }
    }

    /// Words for messages.
    public var noun: String {
        switch self {
        case .gasVolume: return "gas volume (normal conditions)"
        case .gasFlow: return "gas flow (normal conditions)"
        case .calendar: return "calendar span"
        case .carbonIntensity: return "carbon intensity"
        case .lflFraction: return "fraction of LFL"
        case .fraction: return "volume fraction"
        case .massFlow: return "mass flow"
        default: return rawValue
        }
    }
}

/// A measured value normalised to its kind's canonical unit (gauge MPa,
/// metres, Nm3, ...). Normalising once at load makes every later comparison
/// a plain `Double` comparison.
public struct Quantity: Hashable, Sendable {
    public var value: Double
    public var kind: QuantityKind
    /// Whether `value` is the value itself or a bound a site file stated
    /// instead (`> 100 m`: more than 100 m, exactly how much unknown).
    public var bound: Bound = .exact

    public enum Bound: Sendable, Hashable {
        /// The value itself.
        case exact
        /// More than `value` (written `> 100 m`).
        case above
        /// Less than `value` (written `< 0.1 %`).
        case below
    }

    public init(_ value: Double, _ kind: QuantityKind, bound: Bound = .exact) {
        self.value = value
        self.kind = kind
        self.bound = bound
    }

    /// Whether the quantity is at least `threshold` (in canonical units):
    /// nil when a bound leaves it open.
    public func isAtLeast(_ threshold: Double) -> Bool? {
        switch bound {
        case .exact: return value >= threshold
        case .above: return value >= threshold ? true : nil
        case .below: return value <= threshold ? false : nil
        }
    }
}
