import Foundation

/// Reads and writes quantities as text: `82 MPa`, `700 bar`, `25 %LFL`.
public enum QuantityText {
    /// Splits `"82 MPa"` into its number and unit symbol; `nil` if the text
    /// does not start with a number (`problem(in:)` says why, where there is
    /// more to say than that). Digits may be grouped with underscores
    /// (`10_000 Nm3`) or with commas between groups of three (`1,000 Nm3`,
    /// `82,000 kPa`, `1,234,567.5 Nm3`). Any other comma (`1,5 MPa`,
    /// `1,0000 m`, `1.000,5 m`) is refused: it may be a decimal comma.
    public static func split(_ text: String) -> (number: Double, symbol: String)? {
        if case .number(let number, let symbol) = scan(text) { return (number, symbol) }
        return nil
    }

    /// Why `text` is not a number with a unit, when `split` alone cannot say
    /// it well: a comma that does not separate groups of three digits.
    public static func problem(in text: String) -> String? {
        guard case .misplacedComma(let numberText) = scan(text) else { return nil }
        var message = "'\(text)' is ambiguous: a comma may only separate groups of three digits, as in '1,000'"
        if numberText.filter({ $0 == "," }).count == 1, !numberText.contains("."), !numberText.contains("_") {
            let decimal = text.replacingOccurrences(of: numberText, with: numberText.replacingOccurrences(of: ",", with: "."))
            message += "; for a decimal write a point, as in '\(decimal)'"
        } else {
            message += "; write decimals with a point"
        }
        return message
    }

    enum Scan: Equatable {
        case number(Double, String)
        /// The number's text, with a comma that is no thousands separator.
        case misplacedComma(String)
        case notANumber
    }

    static func scan(_ text: String) -> Scan {
        // Works on the UTF-8 bytes in place: this runs for every quantity of every site.
        var text = text
        return text.withUTF8 { bytes -> Scan in
            func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            var start = 0, end = bytes.count
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            var i = start
            var seenDigit = false, grouped = false
            // Thousands separators: the digits since the last comma (or the
            // start), whether a comma was seen, and whether one was misplaced.
            var groupDigits = 0, commas = false, misplaced = false, fraction = false
            while i < end {
                let b = bytes[i]
                if isDigit(b) { seenDigit = true; groupDigits += 1 }
                else if b == 0x2E { if commas && groupDigits != 3 { misplaced = true }; fraction = true }  // .
                else if b == 0x5F { grouped = true }                                     // _ groups digits
                else if b == 0x2C && seenDigit && i + 1 < end && isDigit(bytes[i + 1]) {  // , between digits
                    // The first group has 1-3 digits, every later one exactly 3, all before any point or exponent.
                    if fraction || (commas ? groupDigits != 3 : groupDigits > 3) { misplaced = true }
                    commas = true; groupDigits = 0
                }
                else if (b == 0x2D || b == 0x2B) && i == start { }                       // sign
                else if (b == 0x65 || b == 0x45) && seenDigit && i + 1 < end
                            && (isDigit(bytes[i + 1]) || bytes[i + 1] == 0x2D || bytes[i + 1] == 0x2B) {
                    if commas && !fraction && groupDigits != 3 { misplaced = true }
                    fraction = true
                    i += 1                                                               // exponent and its sign or digit
                } else { break }
                i += 1
            }
            guard seenDigit else { return .notANumber }
            let numberBytes = UnsafeBufferPointer(rebasing: bytes[start..<i])
            if commas && !fraction && groupDigits != 3 { misplaced = true }
            if commas && (misplaced || grouped) { return .misplacedComma(String(decoding: numberBytes, as: UTF8.self)) }
            let numberText = grouped || commas
                ? String(decoding: numberBytes.filter { $0 != 0x5F && $0 != 0x2C }, as: UTF8.self)
                : String(decoding: numberBytes, as: UTF8.self)
            guard let number = Double(numberText) else { return .notANumber }
            var symbolStart = i
            while symbolStart < end, isBlank(bytes[symbolStart]) { symbolStart += 1 }
            return .number(number, String(decoding: UnsafeBufferPointer(rebasing: bytes[symbolStart..<end]), as: UTF8.self))
        }
    }

    /// A number in its shortest honest form: no trailing zeros, at most
    /// four decimals.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Round to four decimals; Swift prints the shortest text that reads back the same.
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return rounded.description
    }

    /// `100 Nm3/d`: a value of `kind` in canonical units, shown in the unit
    /// `symbol` (a linear unit of the same kind). Nil for another kind, an
    /// unknown symbol, or a unit with an offset (°C).
    public static func format(_ value: Double, _ kind: QuantityKind, in symbol: String) -> String? {
        size(of: symbol, kind).map { "\(number(value / $0)) \(symbol)" }
    }

    /// One `symbol` in canonical units of `kind`; nil for another kind, an
    /// unknown symbol, or a unit with an offset (°C).
    public static func size(of symbol: String, _ kind: QuantityKind) -> Double? {
        guard case .success(let one) = UnitTable.quantity(1, symbol: symbol), one.kind == kind,
              case .success(let zero) = UnitTable.quantity(0, symbol: symbol), zero.value == 0, one.value > 0 else { return nil }
        return one.value
    }

    /// `82 MPa`: the value in its kind's canonical unit.
    public static func format(_ q: Quantity) -> String {
        if q.kind == .calendar {
            if q.value.truncatingRemainder(dividingBy: 12) == 0 { return "\(number(q.value / 12)) yr" }
            return "\(number(q.value)) mo"
        }
        if q.kind == .fraction { return "\(number(q.value)) %" }
        return "\(number(q.value)) \(q.kind.canonicalSymbol)"
    }
}

