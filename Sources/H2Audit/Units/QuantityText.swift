import Foundation

/// Reads and writes quantities as text: `82 MPa`, `700 bar`, `25 %LFL`.
public enum QuantityText {
    /// Splits `"82 MPa"` into its number and unit symbol. Underscores may
    /// group digits (`10_000 Nm3`); commas may not, as they are ambiguous.
    public static func split(_ text: String) -> (number: Double, symbol: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var end = trimmed.startIndex
        var seenDigit = false
        for (i, ch) in zip(trimmed.indices, trimmed) {
            if ch.isNumber || ch == "." || ch == "_" || ((ch == "-" || ch == "+") && i == trimmed.startIndex)
                || ((ch == "e" || ch == "E") && seenDigit && nextIsExponent(trimmed, after: i)) {
                if ch.isNumber { seenDigit = true }
                end = trimmed.index(after: i)
            } else { break }
        }
        guard seenDigit, let number = Double(trimmed[..<end].replacingOccurrences(of: "_", with: "")) else { return nil }
        let symbol = trimmed[end...].trimmingCharacters(in: .whitespaces)
        return (number, symbol)
    }

    private static func nextIsExponent(_ s: String, after i: String.Index) -> Bool {
        let next = s.index(after: i)
        guard next < s.endIndex else { return false }
        let c = s[next]
        return c.isNumber || c == "-" || c == "+"
    }

    /// A number in its shortest honest form: no trailing zeros, at most
    /// four decimals.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
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

