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

        /// True for `m`, `v`, `o` and the words.
        public var isValid: Bool {
            if case .ok = self { return true }
            return false
        }
    }

    static func lowerASCII(_ p: UnsafeBufferPointer<UInt8>, max: Int) -> [UInt8]? {
        guard p.count <= max else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(p.count)
        for b in p {
            guard b < 0x80 else { return nil }
            out.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        }
        return out
    }

    /// Reads `m`, `v`, `o`, `man`, `vrouw`, `onbekend` (any case); `x`/`anders` as onbekend.
    public static func geslacht(_ p: UnsafeBufferPointer<UInt8>) -> GeslachtReading {
        if p.isEmpty { return .empty }
        guard let w = lowerASCII(p, max: 8) else { return .invalid }
        switch w {
        case Array("m".utf8), Array("man".utf8): return .ok(.man)
        case Array("v".utf8), Array("vrouw".utf8): return .ok(.vrouw)
        case Array("o".utf8), Array("onbekend".utf8): return .ok(.onbekend)
        case Array("x".utf8), Array("anders".utf8): return .alsOnbekend
        default: return .invalid
        }
    }

    /// Reads a Post ouder value: nil when it is no yes/no word; empty is no.
    public static func post(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        if p.isEmpty { return false }
        guard let w = lowerASCII(p, max: 6) else { return nil }
        switch String(decoding: w, as: UTF8.self) {
        case "ja", "j", "1", "waar", "true": return true
        case "nee", "n", "0", "onwaar", "false": return false
        default: return nil
        }
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

    /// A plausible e-mail address: one `@`, a local part, a dotted domain, no spaces.
    public static func isEmail(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var at = -1
        for (i, b) in p.enumerated() {
            if b <= 0x20 || b == 0x2C || b == 0x3B || b == 0x3C || b == 0x3E || b == 0x22 { return false }
            if b == 0x40 {
                if at >= 0 { return false }
                at = i
            }
        }
        guard at > 0, at < p.count - 1 else { return false }
        let domain = UnsafeBufferPointer(rebasing: p[(at + 1)...])
        guard let dot = domain.lastIndex(of: 0x2E), dot > 0, dot < domain.count - 1 else { return false }
        var prev: UInt8 = 0x2E
        for b in domain {
            if b == 0x2E && prev == 0x2E { return false }
            prev = b
        }
        return p[at - 1] != 0x2E && p[0] != 0x2E
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
