/// Text from sites, packs and file names made safe for each output.
public enum Escape {
    /// For text meant for a terminal or a line-based log: control characters
    /// (C0, DEL, C1), line and paragraph separators and bidirectional
    /// overrides are written as `\n`, `\t`, `\e`, `\u{202E}`; raw bytes of a
    /// file name that is not UTF-8 as `\xFF`. A line of text stays one line
    /// and cannot move the cursor, clear the screen or change colours.
    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default:
                if PathBytes.isByte(scalar) {
                    out += "\\x" + hex(scalar.value - 0x10FF00, width: 2)
                } else if scalar.value < 0x100 {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else {
                    out += "\\u{" + hex(scalar.value, width: 4) + "}"
                }
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F
            || PathBytes.isByte(scalar)
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A CSV cell that a spreadsheet would run as a formula (it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
    /// (OWASP, CSV injection); raw file-name bytes are shown as `\xFF`.
    public static func csvCell(_ s: String) -> String {
        let s = s.unicodeScalars.contains(where: PathBytes.isByte) ? text(s) : s
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// Text inside Markdown: HTML-significant characters as entities, Markdown
    /// punctuation that could start a link, image, emphasis or code span
    /// backslash-escaped, control characters as in `text`.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for ch in text(s) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "[", "]", "`", "|":
                out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// A short, escaped excerpt of text read from a file, for error messages:
    /// at most `limit` characters, then `…`.
    public static func excerpt(_ s: String, limit: Int = 40) -> String {
        let cut = s.count > limit ? String(s.prefix(limit)) + "…" : s
        return text(cut)
    }
}

extension OutputSink {
    /// A line of text with control characters escaped (`Escape.text`).
    public func safeLine(_ text: String = "") { line(Escape.text(text)) }
}
