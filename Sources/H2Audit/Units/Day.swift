import Foundation

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so
/// that comparisons and day arithmetic are integer operations.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        ordinal = Day.daysFromCivil(year, month, day)
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        // Exactly `YYYY-MM-DD`, read from the bytes: dates are on every site.
        let bytes = text.utf8
        guard bytes.count == 10 else { return nil }
        var y = 0, m = 0, d = 0
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let digit = Int(b - 0x30)
            switch i {
            case 0..<4: y = y * 10 + digit
            case 5..<7: m = m * 10 + digit
            default: d = d * 10 + digit
            }
        }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(ordinal) }

    /// An event that never happened (`never` in a site file): earlier than
    /// any real date, so "done within the last year" is false for it.
    public static let never = Day(ordinal: -1_000_000_000)
    /// Whether this day is `never`, or a span counted from it.
    public var isNever: Bool { ordinal < -100_000_000 }

    public var description: String {
        if isNever { return "never" }
        let (y, m, d) = components
        guard (0...9999).contains(y) else {
            func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        }
        // YYYY-MM-DD from digits: ten ASCII bytes, a small string with no allocation.
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func put(_ n: Int, _ width: Int, at start: Int) {
                var n = n
                for i in (start..<start + width).reversed() {
                    bytes[i] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            put(y, 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(m, 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(d, 2, at: 8)
            return 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Adds calendar months; a day past the end of the target month is clamped
    /// (2024-02-29 + 12 months = 2025-02-28).
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = Int((Double(total) / 12).rounded(.down)), nm = total - ny * 12 + 1
        return Day(ordinal: Day.daysFromCivil(ny, nm, min(d, Day.daysIn(year: ny, month: nm))))
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Today in UTC.
    public static func today() -> Day {
        Day(ordinal: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-date algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
