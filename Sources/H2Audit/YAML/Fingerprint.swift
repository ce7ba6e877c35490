/// 64-bit FNV-1a, fed text by text: the one hash behind key fingerprints,
/// finding fingerprints and baseline scopes.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes in `text`'s UTF-8 bytes.
    mutating func mix(_ text: String) {
        var text = text
        text.withUTF8 { for byte in $0 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 } }
    }
}

/// FNV-1a of a string's UTF-8 bytes. Comparing fingerprints before strings
/// makes key lookups and duplicate scans cheap: hashing a short key this way
/// costs less than `Hasher`, and comparing unequal strings is Swift's slow path.
func fingerprint(_ text: String) -> UInt64 {
    var hash = FNV1a()
    hash.mix(text)
    return hash.value
}
