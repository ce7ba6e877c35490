/// FNV-1a of a string's UTF-8 bytes. Comparing fingerprints before strings
/// makes key lookups and duplicate scans cheap: hashing a short key this way
/// costs less than `Hasher`, and comparing unequal strings is Swift's slow path.
func fingerprint(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { bytes in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
