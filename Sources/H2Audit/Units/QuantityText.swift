import Foundation

/// Reads and writes quantities as text: `82 MPa`, `700 bar`, `25 %LFL`.
public enum QuantityText {
    /// Splits `"82 MPa"` into its number and unit symbol. Underscores may
    /// group digits (`10_000 Nm3`); commas may not, as they are ambiguous.
    public static func split(_ text: String) -> (number: Double, symbol: String)? {
        // Works on UTF-8 bytes: this runs for every quantity of every site.
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var i = start
        var digits: [UInt8] = []
        var seenDigit = false
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < end {
            let b = bytes[i]
            if isDigit(b) { seenDigit = true; digits.append(b) }
            else if b == 0x2E { digits.append(b) }                                  // .
            else if b == 0x5F { }                                                   // _ groups digits
            else if (b == 0x2D || b == 0x2B) && i == start { digits.append(b) }     // sign
            else if (b == 0x65 || b == 0x45) && seenDigit && i + 1 < end
                        && (isDigit(bytes[i + 1]) || bytes[i + 1] == 0x2D || bytes[i + 1] == 0x2B) {
                digits.append(b)                                                    // exponent
                i += 1
                digits.append(bytes[i])
            } else { break }
            i += 1
        }
        guard seenDigit, let number = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
        var symbolStart = i
        while symbolStart < end, bytes[symbolStart] == 0x20 || bytes[symbolStart] == 0x09 { symbolStart += 1 }
        return (number, String(decoding: bytes[symbolStart..<end], as: UTF8.self))
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

