import Foundation

/// JSON string escaping, shared by the writers.
enum JSONValue {
    /// Appends `s` as a JSON string to UTF-8 bytes: one scan, and the bytes
    /// copied whole when nothing needs escaping (the usual case).
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default: out.append(contentsOf: Array(String(format: "\\u%04x", UInt32(byte)).utf8))
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `s` as a JSON string to text: the byte form's escaping.
    static func string(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        string(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
