import Foundation

/// Reads and writes quantities as text: `82 MPa`, `700 bar`, `25 %LFL`.
public enum QuantityText {
    /// Splits `"82 MPa"` into its number and unit symbol. Underscores may
    /// group digits (`10_000 Nm3`); commas may not, as they are ambiguous.
    public static func split(_ text: String) -> (number: Double, symbol: String)? {
        // Works on the UTF-8 bytes in place: this runs for every quantity of every site.
        var text = text
        return text.withUTF8 { bytes -> (number: Double, symbol: String)? in
            func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            var start = 0, end = bytes.count
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            var i = start
            var seenDigit = false, grouped = false
            while i < end {
                let b = bytes[i]
                if isDigit(b) { seenDigit = true }
                else if b == 0x2E { }                                                    // .
                else if b == 0x5F { grouped = true }                                     // _ groups digits
                else if (b == 0x2D || b == 0x2B) && i == start { }                       // sign
                else if (b == 0x65 || b == 0x45) && seenDigit && i + 1 < end
                            && (isDigit(bytes[i + 1]) || bytes[i + 1] == 0x2D || bytes[i + 1] == 0x2B) {
                    i += 1                                                               // exponent and its sign or digit
                } else { break }
                i += 1
            }
            guard seenDigit else { return nil }
            let numberBytes = UnsafeBufferPointer(rebasing: bytes[start..<i])
            let numberText = grouped ? String(decoding: numberBytes.filter { $0 != 0x5F }, as: UTF8.self)
                                     : String(decoding: numberBytes, as: UTF8.self)
            guard let number = Double(numberText) else { return nil }
            var symbolStart = i
            while symbolStart < end, isBlank(bytes[symbolStart]) { symbolStart += 1 }
            return (number, String(decoding: UnsafeBufferPointer(rebasing: bytes[symbolStart..<end]), as: UTF8.self))
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

