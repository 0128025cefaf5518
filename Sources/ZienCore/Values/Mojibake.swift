/// Recognises text that decoded but was read in the wrong charset (SPEC.md §2).
public enum Mojibake {
    /// The charset that would read `p` (UTF-8 text of a field decoded as `charset`) right, or
    /// nil when it looks fine. `ZoÃ«` read as Windows-1252 → `utf-8`; C1 control characters from
    /// ISO-8859-1 → `windows-1252`.
    public static func betterCharset(_ p: UnsafeBufferPointer<UInt8>, readAs charset: Charset) -> Charset? {
        guard charset == .windows1252 || charset == .iso88591 else { return nil }
        var nonASCII = false
        for b in p where b >= 0x80 { nonASCII = true; break }
        guard nonASCII else { return nil }
        // Back to the file's bytes: when those are valid UTF-8 with multi-byte sequences, the
        // file was UTF-8.
        var original = [UInt8]()
        original.reserveCapacity(p.count)
        var c1 = false
        var scalars = String(decoding: p, as: UTF8.self).unicodeScalars.makeIterator()
        var encodable = true
        while let s = scalars.next() {
            if s.value >= 0x80 && s.value < 0xA0 { c1 = true }
            if let b = cp1252Byte(s.value) ?? (s.value <= 0xFF ? UInt8(s.value) : nil) {
                original.append(b)
            } else {
                encodable = false
                break
            }
        }
        if encodable && original.contains(where: { $0 >= 0x80 })
            && UTF8Validation.firstInvalid(original, from: 0) == nil {
            return .utf8
        }
        if c1 && charset == .iso88591 { return .windows1252 }
        return nil
    }
}
