#if canImport(Glibc)
import Glibc
#endif

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

    /// Cheap pre-check on a whole record. UTF-8 read as a single-byte charset shows a lead
    /// byte as U+00C2–U+00F4 (`C3 82`–`C3 B4`) directly followed by what a continuation byte
    /// becomes: U+0080–U+00BF (`C2 xx`) or one of Windows-1252's 0x80–0x9F characters
    /// (`E2 80/82/84 xx`, `C5 xx`, `C6 92`, `CB xx`). ISO-8859-1 misreads show C1 controls
    /// (`C2 80`–`C2 9F`). Records without either skip the per-field check.
    static func mightBeGarbled(_ s: RecordScanner, latin1: Bool) -> Bool {
        let p = s.text
        guard let base = p.baseAddress else { return false }
        let end = min(s.position, p.count)
        var i = s.recordStart
        // memchr (vectorised) finds the rare 0xC3/0xC2 bytes; the record's ASCII is skipped fast.
        while i < end - 2, let hit = memchr(base + i, 0xC3, end - 2 - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let n = p[k + 1], c = p[k + 2]
            if n >= 0x82 && n <= 0xB4 && (c == 0xC2 || c == 0xE2 || c == 0xC5 || c == 0xC6 || c == 0xCB) { return true }
            i = k + 1
        }
        guard latin1 else { return false }
        i = s.recordStart
        while i < end - 1, let hit = memchr(base + i, 0xC2, end - 1 - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[k + 1] >= 0x80 && p[k + 1] <= 0x9F { return true }
            i = k + 1
        }
        return false
    }
}

extension Mojibake {
    /// `text` (decoded as a single-byte charset) read again as `charset`: each scalar back to
    /// its Windows-1252 (or Latin-1) byte, those bytes decoded as `charset`. Nil when a scalar
    /// has no such byte or the bytes are no valid text in `charset`.
    public static func reread(_ text: String, as charset: Charset) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            guard let b = cp1252Byte(u.value) ?? (u.value <= 0xFF ? UInt8(u.value) : nil) else { return nil }
            bytes.append(b)
        }
        switch charset {
        case .utf8:
            guard UTF8Validation.firstInvalid(bytes, from: 0) == nil else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            return String(decoding: TextDecoder.decode(bytes, as: .windows1252, skip: 0).bytes, as: UTF8.self)
        default:
            return nil
        }
    }
}

/// Text garbled by reading UTF-8 as Windows-1252 (SPEC.md §2), in the file or by our reading,
/// and its repair: each character back to the byte it was, those bytes read as UTF-8.
extension Mojibake {
    /// The repaired text of a field whose UTF-8 is `p`, when it looks doubly encoded and the
    /// repair gives plausible text (letters and marks of a script, common punctuation, emoji);
    /// nil when it looks fine. Text that only looks odd (`JOÃO`, `Ærø`, `5×€10`) gives nil:
    /// its bytes are no UTF-8, or they would make characters no name holds.
    public static func repaired(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        var bytes = Array(p)
        var repaired = false
        // Garbled twice (saved through Excel twice) is repaired twice; three rounds at most.
        for _ in 0..<3 {
            guard let next = undo(bytes) else { break }
            bytes = next
            repaired = true
        }
        return repaired ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// One round: the Windows-1252 bytes of the text's characters, when they are UTF-8 with at
    /// least one sequence of two or more bytes and every character they make is plausible.
    static func undo(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var sequences = 0
        var i = 0
        let n = text.count
        // Back to bytes: ASCII stays, every other character must be one byte of Windows-1252
        // (or a C1 control, which the five undefined bytes read as).
        while i < n {
            let b0 = text[i]
            if b0 < 0x80 { out.append(b0); i += 1; continue }
            let len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
            guard i + len <= n else { return nil }
            var scalar = UInt32(b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07))
            for k in 1..<len { scalar = scalar << 6 | UInt32(text[i + k] & 0x3F) }
            guard let byte = cp1252Byte(scalar) ?? (scalar >= 0x80 && scalar < 0xA0 ? UInt8(scalar) : nil) else { return nil }
            out.append(byte)
            i += len
        }
        // Those bytes as UTF-8: every sequence complete and plausible.
        i = 0
        while i < out.count {
            if out[i] < 0x80 { i += 1; continue }
            let len = out.withUnsafeBufferPointer { UTF8Validation.sequenceLength($0, at: i) }
            guard len >= 2 else { return nil }
            var scalar = UInt32(out[i] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07))
            for k in 1..<len { scalar = scalar << 6 | UInt32(out[i + k] & 0x3F) }
            guard plausible(scalar) else { return nil }
            sequences += 1
            i += len
        }
        return sequences > 0 ? out : nil
    }

    /// Characters a name or short text plausibly holds: letters and marks of the scripts
    /// schools meet, common punctuation and symbols, emoji. Not: IPA, archaic or rare letters,
    /// C1 controls, punctuation of other scripts (U+05C0 from `×€`).
    static func plausible(_ v: UInt32) -> Bool {
        switch v {
        case 0x00A0...0x017F: return true                    // Latin-1 symbols and letters, Latin Extended-A
        case 0x018F, 0x0259, 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x01CD...0x01DC, 0x0218...0x021B: return true
        case 0x0300...0x036F: return true                    // combining marks
        case 0x0386...0x03CE: return true                    // Greek
        case 0x0401...0x045F, 0x0490, 0x0491: return true    // Cyrillic
        case 0x05B0...0x05BC, 0x05C1, 0x05C2, 0x05D0...0x05EA: return true    // Hebrew letters and points
        case 0x060C, 0x061B, 0x061F, 0x0621...0x0652, 0x0660...0x0669, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC: return true
        case 0x0900...0x097F, 0x0E01...0x0E5B: return true   // Devanagari, Thai
        case 0x1E00...0x1EFF: return true                    // Latin Extended Additional (Vietnamese)
        case 0x2010...0x2027, 0x2030...0x203A, 0x20AC, 0x2116, 0x2122: return true
        case 0x200D, 0xFE0F, 0x2600...0x27BF: return true    // emoji joiners, symbols, dingbats
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E: return true
        case 0x1F000...0x1FAFF, 0x20000...0x2A6DF: return true
        default: return false
        }
    }
}
