/// Writes JSON text directly: the per-file records of a batch are written
/// millions of times, where Foundation's `JSONEncoder` is the bottleneck.
/// UTF-8 bytes are appended to and made a `String` once, at the end.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    var needsComma = false

    public init() { bytes.reserveCapacity(4096) }

    /// The JSON written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func open() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }

    /// Appends already-encoded fields (`"a":1,"b":2`) inside an open object.
    mutating func raw(_ fields: String) {
        separator()
        append(fields)
    }

    mutating func key(_ name: String) {
        separator()
        JSONValue.string(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func value(_ s: String) { separator(); JSONValue.string(s, into: &bytes) }
    mutating func value(_ n: Int) { separator(); append(String(n)) }
    mutating func value(_ b: Bool) { separator(); append(b ? "true" : "false") }

    mutating func field(_ name: String, _ s: String) { key(name); value(s) }
    mutating func field(_ name: String, _ n: Int) { key(name); value(n) }
    mutating func field(_ name: String, _ b: Bool) { key(name); value(b) }
    /// A number with one decimal (`87.5`), or `null`.
    mutating func field(_ name: String, oneDecimal d: Double?) {
        key(name); separator()
        append(d.map { String((($0 * 10).rounded()) / 10) } ?? "null")
    }
    mutating func null(_ name: String) { key(name); separator(); append("null") }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { body(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }
}
