/// Gender as Zien!vo stores it.
public enum Geslacht: String, Sendable {
    case man, vrouw, onbekend
}

/// The value rules of SPEC.md §1.1, on bytes so that `check` makes no Strings for valid data.
public enum FieldRules {
    /// Result of reading a gender field.
    public enum GeslachtReading: Equatable {
        case ok(Geslacht)
        /// `x` or `anders`: read as onbekend with a Waarschuwing.
        case alsOnbekend
        case empty
        case invalid

        /// The gender as imported: onbekend unless read.
        public var value: Geslacht {
            if case .ok(let g) = self { return g }
            return .onbekend
        }

        /// True for `m`, `v`, `o` and the words.
        public var isValid: Bool {
            if case .ok = self { return true }
            return false
        }
    }

    /// The field lower-cased into a UInt64 (up to 8 ASCII bytes), or nil: lets the word checks
    /// below compare without allocating.
    @inline(__always)
    static func word(_ p: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard p.count <= 8 else { return nil }
        var w: UInt64 = 0
        for b in p {
            guard b < 0x80 else { return nil }
            w = w << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        }
        return w
    }

    static func pack(_ s: StaticString) -> UInt64 {
        var w: UInt64 = 0
        s.withUTF8Buffer { for b in $0 { w = w << 8 | UInt64(b) } }
        return w
    }

    static let m = pack("m"), man = pack("man"), v = pack("v"), vrouw = pack("vrouw"), o = pack("o")
    static let onbekend = pack("onbekend"), x = pack("x"), anders = pack("anders")
    static let yes: Set<UInt64> = [pack("ja"), pack("j"), pack("1"), pack("waar"), pack("true")]
    static let no: Set<UInt64> = [pack("nee"), pack("n"), pack("0"), pack("onwaar"), pack("false")]

    /// Reads `m`, `v`, `o`, `man`, `vrouw`, `onbekend` (any case); `x`/`anders` as onbekend.
    public static func geslacht(_ p: UnsafeBufferPointer<UInt8>) -> GeslachtReading {
        if p.isEmpty { return .empty }
        guard let w = word(p) else { return .invalid }
        switch w {
        case m, man: return .ok(.man)
        case v, vrouw: return .ok(.vrouw)
        case o, onbekend: return .ok(.onbekend)
        case x, anders: return .alsOnbekend
        default: return .invalid
        }
    }

    /// Reads a Post ouder value: nil when it is no yes/no word; empty is no.
    public static func post(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        if p.isEmpty { return false }
        guard let w = word(p) else { return nil }
        if yes.contains(w) { return true }
        if no.contains(w) { return false }
        return nil
    }

    /// True for 1–4 digits (an ILT code).
    public static func isILT(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count >= 1 && p.count <= 4 && p.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The leerjaar 1–6, or nil.
    public static func leerjaar(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !p.isEmpty, p.count <= 2, p.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let v = p.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1...6).contains(v) ? v : nil
    }

    /// True for bytes no e-mail address holds: controls, space, `"` `,` `;` `<` `>`, DEL — as
    /// bit masks, so the check is two shifts and no table.
    @inline(__always)
    static func emailForbidden(_ b: UInt8) -> Bool {
        if b < 64 { return (0x5800_1005_FFFF_FFFF as UInt64) >> b & 1 == 1 }
        return b == 0x7F
    }

    /// A plausible e-mail address: one `@`, a local part, a dotted domain, no spaces.
    public static func isEmail(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        guard n >= 5 else { return false }
        var at = -1, lastDot = -1
        var prev: UInt8 = 0
        var i = 0
        while i < n {
            let b = p[i]
            if b > 0x40 {
                // Letters and most punctuation: the common case.
                if b == 0x7F { return false }
            } else if b == 0x40 {
                if at >= 0 || prev == 0x2E { return false }
                at = i
            } else {
                if emailForbidden(b) { return false }
                if b == 0x2E {
                    if prev == 0x2E || prev == 0x40 { return false }
                    if at >= 0 { lastDot = i }
                }
            }
            prev = b
            i += 1
        }
        return at > 0 && p[0] != 0x2E && lastDot > at + 1 && lastDot < n - 1
    }

    /// The identity of a pupil or medewerker: the number with leading zeros removed when it is
    /// all digits (`001234` = `1234`), else the text as written.
    public static func key(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var allDigits = !p.isEmpty
        for b in p where b < 0x30 || b > 0x39 { allDigits = false; break }
        guard allDigits else { return String(decoding: p, as: UTF8.self) }
        var i = 0
        while i < p.count - 1 && p[i] == 0x30 { i += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: p[i...]), as: UTF8.self)
    }

    /// `key` for a String.
    public static func key(_ s: String) -> String {
        var a = Array(s.utf8)
        return a.withUnsafeMutableBufferPointer { key(UnsafeBufferPointer($0)) }
    }
}

/// The identity of a pupil or medewerker (SPEC.md §4): an all-digit number compares as a
/// number (`001234` = `1234`) and hashes as one, anything else as its text.
public struct PersonKey: Hashable, Sendable, CustomStringConvertible {
    let number: UInt64
    let other: String?

    /// Reads a Stamnr or medewerker number as written.
    public init(_ p: UnsafeBufferPointer<UInt8>) {
        var v: UInt64 = 0
        var digits = 0
        for b in p {
            guard b >= 0x30 && b <= 0x39 else { digits = -1; break }
            if v == 0 && b == 0x30 { continue }
            v = v * 10 + UInt64(b - 0x30)
            digits += 1
            if digits > 18 { break }
        }
        if !p.isEmpty && digits >= 0 && digits <= 18 {
            number = v
            other = nil
        } else {
            number = 0
            other = FieldRules.key(p)
        }
    }

    /// A numeric key.
    init(number: UInt64) {
        self.number = number
        other = nil
    }

    /// Reads a key from text.
    public init(_ s: String) {
        var a = Array(s.utf8)
        self = a.withUnsafeMutableBufferPointer { PersonKey(UnsafeBufferPointer($0)) }
    }

    /// The key as text (`1234`).
    public var text: String { other ?? String(number) }
    public var description: String { text }
}
