import Foundation

/// Unicode helpers the import needs beyond the standard library.
public enum Text {
    /// Unicode NFC (canonical composition); ASCII returns at once.
    public static func nfc(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    /// `s` split at the first occurrence of the ASCII byte `byte`, or nil without one. On bytes,
    /// never on Characters: `:` followed by a combining accent is one Character, so a split or a
    /// search by Character misses it.
    public static func splitFirst(_ s: String, atByte byte: UInt8) -> (before: String, after: String)? {
        let u = s.utf8
        guard let at = u.firstIndex(of: byte) else { return nil }
        return (String(decoding: u[u.startIndex..<at], as: UTF8.self), String(decoding: u[u.index(after: at)...], as: UTF8.self))
    }

    /// Whether `a` and `b` hold the same bytes (`==` also takes another Unicode form of the same
    /// text for equal; `utf8.elementsEqual` went byte by byte through the views, a tenth of a
    /// board's first commit).
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        withBytes(a) { p in
            withBytes(b) { q in
                guard p.count == q.count else { return false }
                guard let x = p.baseAddress, let y = q.baseAddress else { return true }
                return sameBytes(x, y, count: p.count)
            }
        }
    }

    /// `body` on `s`'s UTF-8 bytes, borrowed: `var c = s; c.withUTF8` retained and released a
    /// long text's storage for each call, a fifth of comparing a board's records with a file.
    /// A text without contiguous bytes (bridged) is copied once.
    @inlinable @inline(__always)
    public static func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var c = s
        return c.withUTF8(body)
    }

    /// `n` bytes at `a` and at `b` are equal: a word at a time (the texts compared are a few
    /// bytes; memcmp's call and dispatch were most of the comparing).
    @inlinable @inline(__always)
    public static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count n: Int) -> Bool {
        var k = 0
        while k + 8 <= n {
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) { return false }
            k += 8
        }
        while k < n {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// `s` with spaces, tabs and line breaks trimmed at both ends.
    public static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Levenshtein distance on characters, for "bedoelde je …?".
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The candidate closest to `word` when it is close enough to be a typo, else nil.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        // A value far longer than any name is no typo of one (and the distance would cost its
        // length times each candidate's).
        guard word.utf8.count <= 200 else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(word, c)
            if d == 0 { continue }
            if best == nil || d < best?.1 ?? Int.max { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = Swift.max(2, Swift.min(word.count, c.count) / 3)
        if d <= limit { return c }
        if c.lowercased().hasPrefix(word.lowercased()) || word.lowercased().hasPrefix(c.lowercased()) { return c }
        return nil
    }

    /// `s` cut to at most `limit` Unicode scalars (not Characters: a run of combining marks is
    /// one Character of any length), with `…` where it was cut; `s` itself when it is short.
    public static func cut(_ s: String, at limit: Int) -> String {
        if s.utf8.count <= limit { return s }
        var out = String.UnicodeScalarView()
        var n = 0
        for scalar in s.unicodeScalars {
            if n == limit {
                out.append("…")
                return String(out)
            }
            out.append(scalar)
            n += 1
        }
        return s
    }

    /// A value as messages show it: control and invisible characters as `U+0092` (never as a
    /// programming-language escape), long values cut.
    public static func display(_ s: String, limit: Int = 80) -> String {
        // Most values are plain printable ASCII: nothing to do.
        if s.utf8.count <= limit, s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var out = ""
        var n = 0
        for ch in s.unicodeScalars {
            if n >= limit { out += "…"; break }
            if isInvisible(ch.value) { out += codePoint(ch.value) } else { out.unicodeScalars.append(ch) }
            n += 1
        }
        return out
    }

    /// `s` with every control or invisible character shown as `U+0007` (line breaks kept), at any
    /// length: for messages that quote what a user typed.
    public static func visible(_ s: String) -> String {
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return s }
        var out = String.UnicodeScalarView()
        for ch in s.unicodeScalars {
            if ch.value != 0x0A && isInvisible(ch.value) { out.append(contentsOf: codePoint(ch.value).unicodeScalars) } else { out.append(ch) }
        }
        return String(out)
    }

    /// True when `s` holds a control character (C0 other than TAB, DEL, C1).
    public static func hasControl(_ s: String) -> Bool {
        s.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x09) || (0x7F..<0xA0).contains($0.value) }
    }

    /// `U+0092`: at least four hex digits, upper case.
    public static func codePoint(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// Control characters (C0, DEL, C1) and characters that show nothing or look like a space:
    /// no-break and other spaces, zero-width characters, direction marks, soft hyphen, BOM.
    public static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x20, 0x7F..<0xA1, 0xAD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
             0x2000...0x200F, 0x2028...0x202F, 0x205F...0x206F, 0x3000, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }
}
