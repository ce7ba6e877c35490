/// Writes JSON text directly: the per-file records of a batch are written
/// millions of times, where Foundation's `JSONEncoder` is the bottleneck.
public struct JSONWriter {
    public private(set) var text = ""
    var needsComma = false

    public init() {}

    mutating func separator() {
        if needsComma { text += "," }
        needsComma = true
    }

    mutating func open() { separator(); text += "{"; needsComma = false }
    mutating func close() { text += "}"; needsComma = true }

    /// Appends already-encoded fields (`"a":1,"b":2`) inside an open object.
    mutating func raw(_ fields: String) {
        separator()
        text += fields
    }

    mutating func key(_ name: String) {
        separator()
        JSONValue.string(name, into: &text)
        text += ":"
        needsComma = false
    }

    mutating func value(_ s: String) { separator(); JSONValue.string(s, into: &text) }
    mutating func value(_ n: Int) { separator(); text += String(n) }
    mutating func value(_ b: Bool) { separator(); text += b ? "true" : "false" }

    mutating func field(_ name: String, _ s: String) { key(name); value(s) }
    mutating func field(_ name: String, _ n: Int) { key(name); value(n) }
    mutating func field(_ name: String, _ b: Bool) { key(name); value(b) }
    /// A number with one decimal (`87.5`), or `null`.
    mutating func field(_ name: String, oneDecimal d: Double?) {
        key(name); separator()
        text += d.map { String((($0 * 10).rounded()) / 10) } ?? "null"
    }
    mutating func null(_ name: String) { key(name); separator(); text += "null" }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        separator()
        text += "["
        needsComma = false
        for item in items { body(&self, item) }
        text += "]"
        needsComma = true
    }
}
