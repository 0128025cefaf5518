/// What a personal field of an import file holds (SPEC.md §8), with the Dutch word
/// `anonimiseer` counts it under.
public enum PersonalKind: Int, CaseIterable, Sendable, Comparable {
    case naam, tussenvoegsel, email, geboortedatum, leerlingnummer, medewerkernummer, overig

    /// `1 naam`, `3 namen`, …
    public func counted(_ n: Int) -> String {
        let (one, many): (String, String) = switch self {
        case .naam: ("naam", "namen")
        case .tussenvoegsel: ("tussenvoegsel", "tussenvoegsels")
        case .email: ("e-mailadres", "e-mailadressen")
        case .geboortedatum: ("geboortedatum", "geboortedata")
        case .leerlingnummer: ("leerlingnummer", "leerlingnummers")
        case .medewerkernummer: ("medewerkernummer", "medewerkernummers")
        case .overig: ("ander veld", "andere velden")
        }
        return "\(n) \(n == 1 ? one : many)"
    }

    /// The identifier `--json` uses.
    public var identifier: String {
        switch self {
        case .naam: "naam"
        case .tussenvoegsel: "tussenvoegsel"
        case .email: "email"
        case .geboortedatum: "geboortedatum"
        case .leerlingnummer: "leerlingnummer"
        case .medewerkernummer: "medewerkernummer"
        case .overig: "overig"
        }
    }

    public static func < (a: PersonalKind, b: PersonalKind) -> Bool { a.rawValue < b.rawValue }
}

/// Invents values of the same shape for personal values (SPEC.md §8), the same invented value
/// for the same original within one run and different ones for different originals. Pure: the
/// shell gives it the loaded files' values, it gives back the values to write.
///
/// Shape, per character: an ASCII letter becomes a letter of the same case, a digit a digit;
/// anything else (spaces, `-`, `.`, `@`, `'`, quotes, U+FFFD of an unreadable byte) stays. A
/// letter outside ASCII becomes a letter of the same kind (upper, lower, other) whose bytes in the
/// file's charset fall in the same class — for UTF-8 the same lead byte and each continuation
/// byte in the same 16; for Windows-1252 and ISO-8859-1 the same block of bytes that UTF-8 and
/// charset detection tell apart (0x80–0x8F, 0x90–0x9F, 0xA0–0xBF, UTF-8 lead bytes by the
/// length they announce) — so a file reads in every charset as the original did, and what
/// detection decides stays decided. Text that is UTF-8 read as a single-byte charset (`ZoÃ«`,
/// whether the charset is wrong or the garbling is in the file itself) is repaired, invented
/// anew and garbled again in the same way, so it still looks garbled.
public final class Pseudonymizer {
    let sip: SipHash

    /// With a secret of the caller's (tests); `random()` is what `anonimiseer` uses.
    public init(secret: (UInt64, UInt64)) {
        sip = SipHash(k0: secret.0, k1: secret.1)
    }

    /// A pseudonymizer with a fresh random secret, never stored or shown.
    public static func random() -> Pseudonymizer {
        var g = SystemRandomNumberGenerator()
        return Pseudonymizer(secret: (g.next(), g.next()))
    }

    // MARK: - What the originals are (nothing invented may contain them)

    /// Hashes of original values (ASCII lower-cased UTF-8, at most `leakCap` bytes) of three
    /// characters or more: names, e-mail addresses, tussenvoegsel + achternaam.
    var leakText: Set<UInt64> = []
    var leakTextLengths: Set<Int> = []
    /// The same for Stamnrs and medewerker numbers as written and as keys.
    var leakKeys: Set<UInt64> = []
    var leakKeyLengths: Set<Int> = []
    /// Original birth dates.
    var originalDays: Set<Day> = []
    static let leakCap = 24

    /// Notes an original value that no invented value may contain, and the charset of a file
    /// it stands in (a value in files of several charsets gets letters all of them class alike).
    public func forbid(_ value: String, _ kind: PersonalKind, charset: Charset? = nil) {
        if let charset { encodings[value, default: 0] |= Enc(charset).bit }
        switch kind {
        case .geboortedatum:
            if let d = Day(parsing: value) { originalDays.insert(d) }
        case .leerlingnummer, .medewerkernummer:
            add(value, to: &leakKeys, &leakKeyLengths)
            add(FieldRules.key(value), to: &leakKeys, &leakKeyLengths)
        default:
            add(value, to: &leakText, &leakTextLengths)
        }
    }

    func add(_ value: String, to set: inout Set<UInt64>, _ lengths: inout Set<Int>) {
        guard value.unicodeScalars.count >= 3 else { return }
        let b = Pseudonymizer.folded(value)
        let n = min(b.count, Pseudonymizer.leakCap)
        set.insert(Pseudonymizer.fnv(b[0..<n]))
        lengths.insert(n)
    }

    static func folded(_ s: String) -> [UInt8] { s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 } }

    static func fnv(_ b: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    /// True when `s` contains an original of the set.
    static func contains(_ s: String, _ set: Set<UInt64>, _ lengths: Set<Int>) -> Bool {
        guard !set.isEmpty else { return false }
        let b = folded(s)
        for n in lengths where n <= b.count {
            for i in 0...(b.count - n) where set.contains(fnv(b[i..<(i + n)])) { return true }
        }
        return false
    }

    // MARK: - Memory of this run

    /// Invented text for each original (names, tussenvoegsels, e-mail addresses, other text):
    /// one table, so a value is the same wherever it stands, and no two values share one.
    var textMemo: [String: String] = [:]
    var textUsed: Set<String> = []
    /// The charsets (as `Enc.bit`) of the files each value stands in.
    var encodings: [String: UInt8] = [:]
    var coreMemo: [String: String] = [:]
    var coreUsed: Set<String> = []
    var dayMemo: [Day: Day] = [:]
    var dayUsed: Set<Day> = []
    // MARK: - Inventing

    /// How characters are classed: by their bytes in UTF-8 (also for UTF-16 files, whose text
    /// can be garbled UTF-8 all the same) or in a single-byte charset.
    enum Enc: Sendable {
        case utf8, cp1252, latin1
        init(_ c: Charset) {
            switch c {
            case .windows1252: self = .cp1252
            case .iso88591: self = .latin1
            case .utf8, .utf16le, .utf16be: self = .utf8
            }
        }
        var bit: UInt8 {
            switch self {
            case .utf8: 1
            case .cp1252: 2
            case .latin1: 4
            }
        }
        static let all: [Enc] = [.utf8, .cp1252, .latin1]
    }

    /// The invented value for `value` of `kind` in a file of `charset`.
    public func invent(_ value: String, _ kind: PersonalKind, charset: Charset) -> String {
        guard !value.isEmpty else { return value }
        switch kind {
        case .geboortedatum: return date(value, Enc(charset))
        case .leerlingnummer, .medewerkernummer: return key(value, kind, Enc(charset))
        case .overig where value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }):
            // Digits where the columns cannot be told apart: as a number, so a Stamnr there
            // reads as it does everywhere else.
            return key(value, kind, Enc(charset))
        default: return text(value, kind, Enc(charset))
        }
    }

    func text(_ value: String, _ kind: PersonalKind, _ enc: Enc, accept: (String) -> Bool = { _ in true }) -> String {
        if let hit = textMemo[value] { return hit }
        let scalars = Array(value.unicodeScalars)
        let shape = Shape(value)
        let keepFrom = kind == .email ? Pseudonymizer.tldStart(scalars) : scalars.count
        let encs = (encodings[value] ?? 0) | enc.bit
        let seedBase = [UInt8(0x54)] + Array(value.utf8)
        var chosen: String?
        var firstUnique: String?
        for attempt in 0..<400 {
            var d = Draws(seed: sip.hash(seedBase + [UInt8(truncatingIfNeeded: attempt), UInt8(truncatingIfNeeded: attempt >> 8)]))
            let out = inventScalars(scalars, enc, encs, keepFrom: keepFrom, &d)
            var s = ""
            s.unicodeScalars.append(contentsOf: out)
            if s == value {
                // Drawn unchanged: again, unless there is nothing in it to replace.
                if attempt >= 8 { chosen = s; break }
                continue
            }
            if textUsed.contains(s) { continue }
            if firstUnique == nil { firstUnique = s }
            if attempt < 200, Pseudonymizer.contains(s, leakText, leakTextLengths) { continue }
            guard Shape(s) == shape, accept(s) else { continue }
            chosen = s
            break
        }
        let result = chosen ?? firstUnique ?? value
        textMemo[value] = result
        textUsed.insert(result)
        return result
    }

    /// Where an e-mail address's top-level domain starts (kept: `nl`, `com`); the end when none.
    static func tldStart(_ s: [Unicode.Scalar]) -> Int {
        guard let at = s.lastIndex(of: "@"), let dot = s.lastIndex(of: "."), dot > at, s.count - dot - 1 <= 6,
              s[(dot + 1)...].allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else { return s.count }
        return dot + 1
    }

    /// The scalars invented for `s`: one for one, garbled text repaired and garbled again.
    func inventScalars(_ s: [Unicode.Scalar], _ enc: Enc, _ encs: UInt8, keepFrom: Int, _ d: inout Draws) -> [Unicode.Scalar] {
        if keepFrom == s.count, let inner = Pseudonymizer.repaired(s, enc) {
            let made = base(inner, Enc.utf8.bit, keepFrom: inner.count, &d)
            var bytes: [UInt8] = []
            for x in made { TextDecoder.appendUTF8(x.value, to: &bytes) }
            if bytes.count == s.count { return bytes.map { Pseudonymizer.garbled($0, enc) } }
        }
        return base(s, encs, keepFrom: keepFrom, &d)
    }

    /// `s` read back as the UTF-8 it was before a single-byte charset garbled it, when it is
    /// that (its bytes in that charset are valid UTF-8 with a character outside ASCII).
    static func repaired(_ s: [Unicode.Scalar], _ enc: Enc) -> [Unicode.Scalar]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.count)
        var high = false
        for x in s {
            let v = x.value
            let b: UInt8?
            if v < 0x80 { b = UInt8(v) } else if enc == .latin1 { b = v <= 0xFF ? UInt8(v) : nil } else {
                b = cp1252Byte(v) ?? (v <= 0xFF ? UInt8(v) : nil)
            }
            guard let b else { return nil }
            if b >= 0x80 { high = true }
            bytes.append(b)
        }
        guard high, UTF8Validation.firstInvalid(bytes, from: 0) == nil else { return nil }
        return Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }

    /// What byte `b` of UTF-8 text becomes when a single-byte charset reads it.
    static func garbled(_ b: UInt8, _ enc: Enc) -> Unicode.Scalar {
        if b >= 0x80 && b < 0xA0 && enc != .latin1 { return Unicode.Scalar(cp1252High[Int(b) - 0x80]) ?? "?" }
        return Unicode.Scalar(b)
    }

    func base(_ s: [Unicode.Scalar], _ encs: UInt8, keepFrom: Int, _ d: inout Draws) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        for (i, x) in s.enumerated() {
            let v = x.value
            if i >= keepFrom {
                out.append(x)
            } else if v >= 0x61 && v <= 0x7A {
                out.append(Unicode.Scalar(UInt8(0x61 + d.below(26))))
            } else if v >= 0x41 && v <= 0x5A {
                out.append(Unicode.Scalar(UInt8(0x41 + d.below(26))))
            } else if v >= 0x30 && v <= 0x39 {
                out.append(Unicode.Scalar(UInt8(0x30 + d.below(10))))
            } else if v < 0x80 {
                out.append(x)
            } else {
                let c = candidates(x, encs)
                out.append(c.isEmpty ? x : c[d.below(c.count)])
            }
        }
        return out
    }

    // MARK: - Letters of the same class

    struct ClassKey: Hashable {
        var enc: UInt8
        var bytes: UInt32
        var category: UInt8
    }
    var candidateCache: [ClassKey: [Unicode.Scalar]] = [:]

    static func letterCategory(_ x: Unicode.Scalar) -> UInt8? {
        switch x.properties.generalCategory {
        case .uppercaseLetter: 1
        case .lowercaseLetter: 2
        case .titlecaseLetter: 3
        case .otherLetter: 4
        default: nil
        }
    }

    /// The block of a byte that UTF-8 validity and charset detection treat alike.
    static func byteClass(_ b: UInt8) -> Int {
        switch b {
        case 0x80...0x8F: 1
        case 0x90...0x9F: 2
        case 0xA0...0xBF: 3
        case 0xC0...0xC1: 4
        case 0xC2...0xDF: 5
        case 0xE0: 6
        case 0xED: 7
        case 0xE1...0xEF: 8
        case 0xF0: 9
        case 0xF4: 10
        case 0xF1...0xF3: 11
        default: 12
        }
    }

    /// Letters of the same kind and byte class as `x` in every charset of `encs` (empty: keep `x`).
    func candidates(_ x: Unicode.Scalar, _ encs: UInt8) -> [Unicode.Scalar] {
        let key = UInt64(x.value) << 8 | UInt64(encs)
        if let hit = sharedCache[key] { return hit }
        var list: [Unicode.Scalar]?
        for enc in Enc.all where encs & enc.bit != 0 {
            let c = candidates(x, enc)
            if let l = list { list = l.filter(c.contains) } else { list = c }
        }
        sharedCache[key] = list ?? []
        return list ?? []
    }
    var sharedCache: [UInt64: [Unicode.Scalar]] = [:]

    /// Letters of the same kind and byte class as `x` (empty: keep `x`).
    func candidates(_ x: Unicode.Scalar, _ enc: Enc) -> [Unicode.Scalar] {
        guard let cat = Pseudonymizer.letterCategory(x) else { return [] }
        switch enc {
        case .cp1252, .latin1:
            let v = x.value
            guard let b = enc == .latin1 ? (v <= 0xFF ? UInt8(v) : nil) : cp1252Byte(v) else { return [] }
            let cls = Pseudonymizer.byteClass(b)
            let key = ClassKey(enc: enc == .latin1 ? 1 : 2, bytes: UInt32(cls), category: cat)
            if let hit = candidateCache[key] { return hit }
            var list: [Unicode.Scalar] = []
            for c in UInt8(0x80)...UInt8(0xFF) where Pseudonymizer.byteClass(c) == cls {
                let s: Unicode.Scalar = enc == .latin1 ? Unicode.Scalar(c) : Pseudonymizer.garbled(c, .cp1252)
                if Pseudonymizer.letterCategory(s) == cat { list.append(s) }
            }
            candidateCache[key] = list
            return list
        case .utf8:
            var bytes: [UInt8] = []
            TextDecoder.appendUTF8(x.value, to: &bytes)
            var packed = UInt32(bytes[0])
            for b in bytes.dropFirst() { packed = packed << 4 | UInt32(b >> 4) }
            let key = ClassKey(enc: UInt8(bytes.count), bytes: packed, category: cat)
            if let hit = candidateCache[key] { return hit }
            var list: [Unicode.Scalar] = []
            let tails = bytes.count - 1
            let combos = 1 << (4 * tails)
            for n in 0..<combos {
                var seq = [bytes[0]]
                for t in 0..<tails {
                    let low = UInt8((n >> (4 * t)) & 0xF)
                    seq.append((bytes[1 + t] & 0xF0) | low)
                }
                guard UTF8Validation.firstInvalid(seq, from: 0) == nil,
                      let s = String(decoding: seq, as: UTF8.self).unicodeScalars.first,
                      Pseudonymizer.letterCategory(s) == cat else { continue }
                list.append(s)
            }
            candidateCache[key] = list
            return list
        }
    }

    // MARK: - Birth dates

    func date(_ value: String, _ enc: Enc) -> String {
        let bytes = Array(value.utf8)
        if let day = bytes.withUnsafeBufferPointer(Day.parse) {
            guard let parts = DateParts(bytes) else { return value }
            return parts.written(mapDay(day))
        }
        if var parts = DateParts(bytes), let (y, m, dd) = parts.values {
            // A date that does not exist (31-02-2012): another year in which it does not either.
            var draws = Draws(seed: sip.hash([0xD7] + bytes))
            for _ in 0..<40 {
                let delta = 1 + draws.below(9)
                let year = draws.below(2) == 0 ? y + delta : y - delta
                guard year >= 1900, year <= 2200, Day(year: year, month: m, day: dd) == nil else { continue }
                parts.setYear(year)
                return parts.text
            }
            return value
        }
        // Not a date at all: letters and digits replaced, still no date.
        return text(value, .geboortedatum, enc) { s in
            var b = Array(s.utf8)
            return b.withUnsafeMutableBufferPointer { Day.parse(UnsafeBufferPointer($0)) } == nil && DateParts(b)?.values == nil
        }
    }

    /// The invented date for an original birth date (the same for the same date, also in the
    /// store): another day of the same year that is no pupil's birthday in the files.
    public func mapDay(_ day: Day) -> Day {
        if let hit = dayMemo[day] { return hit }
        var d = Draws(seed: sip.hash([0xDA, UInt8(day.year & 0xFF), UInt8(day.year >> 8), UInt8(day.month), UInt8(day.day)]))
        var result = day
        for attempt in 0..<400 {
            let shift = attempt < 40 ? 0 : ((attempt - 40) / 8 + 1) * (attempt % 2 == 0 ? 1 : -1)
            let year = min(2200, max(1900, day.year + shift))
            let month = 1 + d.below(12)
            let dd = 1 + d.below(Day.daysIn(month: month, year: year))
            guard let c = Day(year: year, month: month, day: dd), c != day, !dayUsed.contains(c),
                  attempt >= 360 || !originalDays.contains(c) else { continue }
            result = c
            break
        }
        dayMemo[day] = result
        dayUsed.insert(result)
        return result
    }

    // MARK: - Keys

    func key(_ value: String, _ kind: PersonalKind, _ enc: Enc) -> String {
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            // Not a number: its letters and digits, the same way for the same text.
            return text(value, .medewerkernummer, enc)
        }
        var zeros = 0
        while zeros < bytes.count - 1 && bytes[zeros] == 0x30 { zeros += 1 }
        let core = String(decoding: bytes[zeros...], as: UTF8.self)
        return String(repeating: "0", count: zeros) + mapCore(core)
    }

    /// The invented key (as the store keeps it) for a key of the store or the files.
    public func mapKey(_ key: String) -> String {
        key.isEmpty ? key : self.key(key, .leerlingnummer, .utf8)
    }

    /// An invented number of as many digits, not starting with 0, that no other number got.
    func mapCore(_ core: String) -> String {
        if let hit = coreMemo[core] { return hit }
        let n = core.utf8.count
        var result: String?
        if core == "0" { result = "0" }
        let seedBase = [UInt8(0x4B)] + Array(core.utf8)
        var attempt = 0
        while result == nil && attempt < 2_000 {
            var d = Draws(seed: sip.hash(seedBase + [UInt8(truncatingIfNeeded: attempt), UInt8(truncatingIfNeeded: attempt >> 8)]))
            var digits = [UInt8(0x31 + d.below(9))]
            for _ in 1..<max(n, 1) { digits.append(UInt8(0x30 + d.below(10))) }
            let c = String(decoding: digits, as: UTF8.self)
            attempt += 1
            if coreUsed.contains(c) || (c == core && attempt < 50) { continue }
            if attempt < 200, Pseudonymizer.contains(c, leakKeys, leakKeyLengths) { continue }
            result = c
        }
        if result == nil, n <= 6 {
            // A small space nearly full: the first free number from a drawn start.
            var lo = 1
            for _ in 1..<n { lo *= 10 }
            let size = lo * 9
            var d = Draws(seed: sip.hash(seedBase))
            let start = d.below(size)
            for k in 0..<size {
                let c = String(lo + (start + k) % size)
                if !coreUsed.contains(c) { result = c; break }
            }
        }
        let made = result ?? core
        coreMemo[core] = made
        coreUsed.insert(made)
        return made
    }
}

/// What the checker can make of a value, whatever column it stands in: an invented value must
/// read the same (a gender stays no gender, a broken e-mail stays broken, a date no date, a
/// column name no column name, garbled text garbled).
struct Shape: Equatable {
    var bits: UInt32

    init(_ s: String) {
        var a = Array(s.utf8)
        bits = a.withUnsafeMutableBufferPointer { m -> UInt32 in
            let p = UnsafeBufferPointer(m)
            var b: UInt32 = 0
            switch FieldRules.geslacht(p) {
            case .ok(let g): b |= g == .man ? 1 : g == .vrouw ? 2 : 3
            case .alsOnbekend: b |= 4
            case .empty: b |= 5
            case .invalid: b |= 6
            }
            switch FieldRules.post(p) {
            case .none: b |= 1 << 3
            case .some(true): b |= 2 << 3
            case .some(false): b |= 3 << 3
            }
            if FieldRules.isEmail(p) { b |= 1 << 5 }
            if Day.parse(p) != nil { b |= 1 << 6 }
            if FieldRules.isILT(p) { b |= 1 << 7 }
            if FieldRules.leerjaar(p) != nil { b |= 1 << 8 }
            if Mojibake.betterCharset(p, readAs: .windows1252) != nil { b |= 1 << 9 }
            if let c = Mojibake.betterCharset(p, readAs: .iso88591) { b |= c == .utf8 ? 1 << 10 : 1 << 11 }
            if p.count <= 60, HeaderMatcher.known[Columns.normalize(s)] != nil { b |= 1 << 12 }
            return b
        }
    }
}

/// The parts of a date as written: digit groups and one separator.
struct DateParts {
    var groups: [[UInt8]]
    var separator: UInt8

    init?(_ b: [UInt8]) {
        var groups: [[UInt8]] = [[]]
        var sep: UInt8 = 0
        for x in b {
            if x >= 0x30 && x <= 0x39 {
                groups[groups.count - 1].append(x)
            } else if x == 0x2D || x == 0x2F || x == 0x2E {
                if sep == 0 { sep = x } else if sep != x { return nil }
                groups.append([])
            } else {
                return nil
            }
        }
        guard groups.count == 3, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.groups = groups
        separator = sep
    }

    static func number(_ g: [UInt8]) -> Int { g.reduce(0) { $0 * 10 + Int($1 - 0x30) } }

    var isISO: Bool { groups[0].count == 4 && groups[2].count <= 2 && separator == 0x2D }

    /// Year, month and day when the shape is one `Day.parse` reads (the date may not exist).
    var values: (Int, Int, Int)? {
        let w0 = groups[0].count, w1 = groups[1].count, w2 = groups[2].count
        guard w0 <= 4, w1 <= 2, w2 <= 4 else { return nil }
        if isISO { return (DateParts.number(groups[0]), DateParts.number(groups[1]), DateParts.number(groups[2])) }
        if w0 <= 2 && w2 == 4 { return (DateParts.number(groups[2]), DateParts.number(groups[1]), DateParts.number(groups[0])) }
        return nil
    }

    var text: String {
        String(decoding: Array(groups.joined(separator: [separator])), as: UTF8.self)
    }

    mutating func setYear(_ y: Int) {
        let g = Array(String(y).utf8)
        if isISO { groups[0] = g } else { groups[2] = g }
    }

    /// `day` written as this date is: the same separator and order, two digits where it had two.
    func written(_ day: Day) -> String {
        func num(_ v: Int, _ width: Int) -> [UInt8] {
            Array((width >= 2 && v < 10 ? "0\(v)" : String(v)).utf8)
        }
        var g = groups
        if isISO {
            g = [Array(String(day.year).utf8), num(day.month, groups[1].count), num(day.day, groups[2].count)]
        } else {
            g = [num(day.day, groups[0].count), num(day.month, groups[1].count), Array(String(day.year).utf8)]
        }
        return String(decoding: Array(g.joined(separator: [separator])), as: UTF8.self)
    }
}
