/// Recognises text that decoded but was read in the wrong charset (SPEC.md §2).
public enum Mojibake {
    /// The charset that would read `p` (UTF-8 text of a field decoded as `charset`) right, or
    /// nil when it looks fine. `ZoÃ«` read as Windows-1252 → `utf-8`; C1 control characters from
    /// ISO-8859-1 → `windows-1252`. Works on bytes without allocating.
    public static func betterCharset(_ p: UnsafeBufferPointer<UInt8>, readAs charset: Charset) -> Charset? {
        guard charset == .windows1252 || charset == .iso88591 else { return nil }
        // Map each scalar back to the byte the file had, and feed those bytes to a UTF-8
        // validator: a file that was UTF-8 gives complete multi-byte sequences.
        var pending = 0          // continuation bytes still expected
        var sequences = 0        // complete multi-byte sequences seen
        var validUTF8 = true
        var c1 = false
        var i = 0
        let n = p.count
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                if pending > 0 { validUTF8 = false }
                i += 1
                continue
            }
            // Decode one scalar of our own (valid) UTF-8.
            var scalar: UInt32
            if b0 < 0xE0, i + 1 < n {
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); i += 2
            } else if b0 < 0xF0, i + 2 < n {
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); i += 3
            } else if i + 3 < n {
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F); i += 4
            } else {
                return nil
            }
            if scalar >= 0x80 && scalar < 0xA0 { c1 = true }
            guard validUTF8, let byte = cp1252Byte(scalar) ?? (scalar <= 0xFF ? UInt8(scalar) : nil) else {
                validUTF8 = false
                continue
            }
            if pending > 0 {
                if byte & 0xC0 == 0x80 {
                    pending -= 1
                    if pending == 0 { sequences += 1 }
                } else {
                    validUTF8 = false
                }
            } else if byte >= 0xC2 && byte < 0xE0 {
                pending = 1
            } else if byte >= 0xE0 && byte < 0xF0 {
                pending = 2
            } else if byte >= 0xF0 && byte < 0xF5 {
                pending = 3
            } else {
                validUTF8 = false
            }
        }
        if validUTF8 && pending == 0 && sequences > 0 { return .utf8 }
        if c1 && charset == .iso88591 { return .windows1252 }
        return nil
    }
}
