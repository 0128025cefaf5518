import ZienCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads the store document straight into records, without building a `JSONValue` tree for
/// the large sections (a board's store holds millions of values). Unknown sections go through
/// the general parser; the import log's entries are checked by it and kept as text.
struct StoreDecoder {
    let bytes: Bytes
    var i = 0
    /// Set when something was read that the writer never writes that way: a space between
    /// tokens, an escape, a number with a leading zero. A section read without it is exactly
    /// what the writer makes of its records (`StoreLayout`), and a commit may copy its rows.
    var irregular = false
    /// Where the large sections' rows are, for those read as the writer writes them.
    var layout = StoreLayout()
    /// What the couplings read refer to (checked once the pupils and groups are read too).
    var refs = References()

    /// The pupils and groups the couplings name, gathered while they are read: the first row
    /// of each run of rows about one pupil (a board's couplings come pupil by pupil), and the
    /// first row naming each group.
    struct References: Sendable {
        /// Rows of the couplings read, each the first of a run about one pupil. (Keeping the
        /// pupil's String here too saved 8 ms of a board's decode for 3 MB more at its peak.)
        var pupilRows: [Int32] = []
        /// Rows each naming a group no earlier row names.
        var groupRows: [Int32] = []
    }

    init(_ bytes: StoreBytes) { self.bytes = Bytes(bytes) }

    /// A small text's decoder (a row, a header, a log entry): its bytes copied.
    init(_ bytes: [UInt8]) { self.bytes = Bytes(StoreBytes(bytes)) }

    func fail(_ what: String) -> StoreError { StoreError("ongeldige JSON op positie \(i): \(what)") }

    @inline(__always) mutating func space() {
        // The writer puts no space between tokens: the common case is one comparison.
        guard i < bytes.count, bytes[i] <= 0x20 else { return }
        skipSpace()
    }

    @inline(never) mutating func skipSpace() {
        let at = i
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        if i != at { irregular = true }
    }

    @inline(__always) mutating func expect(_ b: UInt8) throws {
        if i < bytes.count, bytes[i] == b {
            i += 1
            return
        }
        try expectSlow(b)
    }

    @inline(never) mutating func expectSlow(_ b: UInt8) throws {
        space()
        guard i < bytes.count, bytes[i] == b else { throw fail("'\(Character(Unicode.Scalar(b)))' verwacht") }
        i += 1
    }

    /// True (and consumed) when the next byte is `b`.
    @inline(__always) mutating func take(_ b: UInt8) -> Bool {
        if i < bytes.count, bytes[i] == b {
            i += 1
            return true
        }
        space()
        if i < bytes.count, bytes[i] == b { i += 1; return true }
        return false
    }

    /// The bytes of the string that starts here when it needs no decoding (no escapes, valid
    /// UTF-8, no control characters): its range, with the position moved past it. Nil, with
    /// the position where it was, for anything else (the general parser then reads it, and
    /// refuses what the writer never writes).
    mutating func plainRange() -> Range<Int>? {
        space()
        guard i < bytes.count, bytes[i] == 0x22 else { return nil }
        let start = i + 1
        let end = StoreDecoder.plainEnd(bytes, from: start)
        guard end >= 0 else { return nil }
        i = end + 1
        return start..<end
    }

    /// Where the plain string whose text starts at `start` ends (its closing quote), or -1 when
    /// it is not plain. DEL (0x7F) is not plain: the writer escapes it.
    static func plainEnd(_ p: Bytes, from start: Int) -> Int {
        p.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return -1 }
            var j = start
            let n = buffer.count
            while j < n {
                // Eight bytes at a time while none is special: no quote, backslash, control
                // character, DEL or byte from 0x80 (the lowest flagged byte is exact).
                if j + 8 <= n {
                    let x = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
                    func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
                    let special = zero(x ^ (0x22 &* ones)) | zero(x ^ (0x5C &* ones)) | zero(x ^ (0x7F &* ones))
                        | ((x &- (0x20 &* ones)) & ~x & high) | (x & high)
                    if special == 0 {
                        j += 8
                        continue
                    }
                    j += special.trailingZeroBitCount / 8
                }
                let b = base[j]
                // Printable ASCII: the common case first.
                if b >= 0x20 && b < 0x7F {
                    if b == 0x22 { return j }
                    if b == 0x5C { return -1 }
                    j += 1
                    continue
                }
                if b < 0x80 { return -1 }
                let k = JSONParserCursor.utf8Length(buffer, at: j)
                if k == 0 { return -1 }
                j += k
            }
            return -1
        }
    }

    /// The coupling soort whose name is at `r`, matched on the bytes: the one candidate its
    /// length and third byte leave (`vestiging`, `stamgroep`, `verzorger` are all nine long),
    /// compared whole.
    func koppelSoort(_ r: Range<Int>) -> KoppelSoort? {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, r.count >= 5, r.upperBound <= b.count else { return nil }
            let candidate: KoppelSoort
            switch (r.count, base[r.lowerBound + 2]) {
            case (9, 0x73): candidate = .vestiging
            case (9, 0x61): candidate = .stamgroep
            case (9, 0x72): candidate = .verzorger
            case (6, 0x6E): candidate = .mentor
            case (6, 0x63): candidate = .docent
            case (5, 0x6F): candidate = .groep
            default: return nil
            }
            let name = StoreDecoder.soortNames[candidate.index].1
            return name.count == r.count && memcmp(base + r.lowerBound, name, r.count) == 0 ? candidate : nil
        }
    }

    static let soortNames = KoppelSoort.allCases.map { ($0, Array($0.rawValue.utf8)) }
    static let geslachtNames = [Geslacht.man, .vrouw, .onbekend].map { ($0, Array($0.rawValue.utf8)) }

    mutating func string() throws -> String {
        if let r = plainRange() {
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
        }
        space()
        guard i < bytes.count, bytes[i] == 0x22 else { throw fail("tekst verwacht") }
        // With escapes: the general parser, given only the string's own bytes (up to its closing
        // quote; a whole board's document would be copied for one name with a quote in it).
        let start = i
        var end = i + 1
        while end < bytes.count {
            let b = bytes[end]
            end += b == 0x5C ? 2 : 1
            if b == 0x22 { break }
        }
        var p = JSONParserCursor(bytes: bytes[start..<min(end, bytes.count)], at: 0)
        let v: JSONValue
        do {
            v = try p.value()
        } catch var e as JSONParseError {
            e.offset += start
            throw StoreError(e.description)
        }
        i = start + p.offset
        guard let s = v.stringValue else { throw fail("tekst verwacht") }
        // Escaped as the writer escapes (a quote in a name, a tab): still the writer's bytes.
        var written: [UInt8] = []
        JSONValue.writeString(s, to: &written)
        if !written.elementsEqual(bytes[start..<i]) { irregular = true }
        return s
    }

    /// The last text read in one column of a section, kept to be used again: a text repeats
    /// row after row (a coupling's vestiging, its pupil, its group), and making a String from
    /// bytes costs far more than comparing the bytes.
    struct Recent {
        var range = 0..<0
        var value: String?
    }

    /// As `string()`, giving `recent`'s String when the bytes are the same. The bytes are first
    /// compared where they stand, quotes included: the same bytes as a plain string read before
    /// are plain, so the common case (a coupling's vestiging, its pupil for the next row) is not
    /// scanned again.
    mutating func string(_ recent: inout Recent) throws -> String {
        if let v = recent.value {
            let n = recent.range.count, from = recent.range.lowerBound, at = i
            let same = bytes.withUnsafeBufferPointer { p -> Bool in
                guard let base = p.baseAddress, at + n + 2 <= p.count, base[at] == 0x22, base[at + n + 1] == 0x22 else { return false }
                return Text.sameBytes(base + at + 1, base + from, count: n)
            }
            if same {
                i = at + n + 2
                return v
            }
        }
        guard let r = plainRange() else { return try string() }
        let v = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
        recent = Recent(range: r, value: v)
        return v
    }

    /// How many bytes are left on this line (for reserving room for a section's rows).
    func lineLeft() -> Int {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, i < b.count else { return 0 }
            return memchr(base + i, 0x0A, b.count - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) - i } ?? b.count - i
        }
    }

    mutating func optionalString() throws -> String? {
        space()
        if i + 4 <= bytes.count, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C {
            i += 4
            return nil
        }
        return try string()
    }

    mutating func int() throws -> Int {
        space()
        var v = 0, neg = false, digits = 0
        if i < bytes.count, bytes[i] == 0x2D { neg = true; i += 1 }
        // The writer writes no sign and no leading zero.
        if neg || (i + 1 < bytes.count && bytes[i] == 0x30 && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) { irregular = true }
        while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
            v = v &* 10 &+ Int(bytes[i] - 0x30)
            i += 1
            digits += 1
        }
        guard digits > 0, digits < 19 else { throw fail("getal verwacht") }
        return neg ? -v : v
    }

    mutating func bool() throws -> Bool {
        space()
        if i + 4 <= bytes.count, bytes[i] == 0x74, bytes[i + 1] == 0x72, bytes[i + 2] == 0x75, bytes[i + 3] == 0x65 {
            i += 4
            return true
        }
        if i + 5 <= bytes.count, bytes[i] == 0x66, bytes[i + 1] == 0x61, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x73,
           bytes[i + 4] == 0x65 {
            i += 5
            return false
        }
        throw fail("true of false verwacht")
    }

    /// A date as the writer writes it, `"jjjj-mm-dd"` (or null); an impossible one (`2012-02-31`)
    /// or another form is refused.
    mutating func day() throws -> Day? {
        space()
        if i + 4 <= bytes.count, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C {
            i += 4
            return nil
        }
        // Parsed from the bytes: no String made, no array.
        let at = i
        guard i + 12 <= bytes.count, bytes[i] == 0x22, bytes[i + 5] == 0x2D, bytes[i + 8] == 0x2D, bytes[i + 11] == 0x22 else {
            throw fail("datum (jjjj-mm-dd) verwacht")
        }
        // The eight digits, each checked (a byte below '0' wraps to a large value).
        let (year, month, day, digits) = bytes.withUnsafeBufferPointer { b -> (Int, Int, Int, Bool) in
            guard let p = b.baseAddress.map({ $0 + at }) else { return (0, 0, 0, false) }
            let d = (p[1] &- 0x30, p[2] &- 0x30, p[3] &- 0x30, p[4] &- 0x30, p[6] &- 0x30, p[7] &- 0x30, p[9] &- 0x30, p[10] &- 0x30)
            let ok = d.0 < 10 && d.1 < 10 && d.2 < 10 && d.3 < 10 && d.4 < 10 && d.5 < 10 && d.6 < 10 && d.7 < 10
            return (Int(d.0) * 1000 + Int(d.1) * 100 + Int(d.2) * 10 + Int(d.3), Int(d.4) * 10 + Int(d.5), Int(d.6) * 10 + Int(d.7), ok)
        }
        guard digits else { throw fail("datum (jjjj-mm-dd) verwacht") }
        guard let d = Day(year: year, month: month, day: day) else { throw fail("datum die niet bestaat") }
        i += 12
        return d
    }

    /// The last date `day(_:)` read, by its twelve bytes (quotes included): a board's couplings
    /// mostly start on one of a few days.
    struct RecentDay {
        var word: UInt64 = 0, tail: UInt32 = 0
        var value: Day?
    }

    /// As `day()`, giving `recent`'s date when the same twelve bytes stand here.
    mutating func day(_ recent: inout RecentDay) throws -> Day? {
        let at = i
        let words = bytes.withUnsafeBufferPointer { p -> (UInt64, UInt32)? in
            guard let base = p.baseAddress, at + 12 <= p.count else { return nil }
            return (UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self), UnsafeRawPointer(base + at + 8).loadUnaligned(as: UInt32.self))
        }
        if let (word, tail) = words, let v = recent.value, word == recent.word, tail == recent.tail {
            i = at + 12
            return v
        }
        let d = try day()
        if let d, let (word, tail) = words, i == at + 12 { recent = RecentDay(word: word, tail: tail, value: d) }
        return d
    }

    /// A count or number the writer never writes negative.
    mutating func natural(_ what: String) throws -> Int {
        let at = i
        let v = try int()
        guard v >= 0 else {
            i = at
            throw fail("\(what) mag niet negatief zijn")
        }
        return v
    }

    /// A schooljaar by its start year, within the years a date can have (so that its first
    /// and last day, and `2026-2027`, are computed without overflow).
    mutating func schooljaar() throws -> Schooljaar {
        let y = try int()
        guard y >= 1900, y <= 2199 else { throw fail("schooljaar verwacht") }
        return Schooljaar(startYear: y)
    }

    /// A verzorger slot, 1–3.
    mutating func slot() throws -> Int {
        let v = try int()
        guard (1...3).contains(v) else { throw fail("verzorgerslot 1, 2 of 3 verwacht") }
        return v
    }

    mutating func geslacht() throws -> Geslacht {
        // One of three words: matched on the bytes.
        if let r = plainRange() {
            let found: Geslacht? = bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return nil }
                for (g, name) in StoreDecoder.geslachtNames where name.count == r.count && memcmp(base + r.lowerBound, name, r.count) == 0 {
                    return g
                }
                return nil
            }
            if let found { return found }
        }
        throw fail("geslacht verwacht")
    }

    /// Any value, through the general parser (an unknown section: the document is copied for it
    /// once, `StoreBytes.array`).
    mutating func value() throws -> JSONValue {
        space()
        var p = JSONParserCursor(bytes: bytes.storage.array, at: i)
        let v = try StoreDecoder.general { try p.value() }
        i = p.offset
        return v
    }

    /// Reads past any value, checking it, without making it (a format-2 log's entries: the
    /// document is copied for them once, `StoreBytes.array`).
    mutating func skipValue() throws {
        space()
        var p = JSONParserCursor(bytes: bytes.storage.array, at: i)
        try StoreDecoder.general { try p.skipValue() }
        i = p.offset
    }

    /// The entries of a format-2 document's import log, kept as text: each checked, not built.
    mutating func logEntries() throws -> [[UInt8]] {
        try expect(0x5B)
        var texts: [[UInt8]] = []
        if !take(0x5D) {
            repeat {
                space()
                let start = i
                try skipValue()
                texts.append(Array(bytes[start..<i]))
            } while take(0x2C)
            try expect(0x5D)
        }
        return texts
    }

    /// The general parser's refusal as the store's (one message, one type).
    static func general<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let e as JSONParseError {
            throw StoreError(e.description)
        }
    }

    /// Calls `row` for each element of an array of arrays, each opened and closed here.
    mutating func rows(_ row: (inout StoreDecoder) throws -> Void) throws {
        try expect(0x5B)
        if take(0x5D) { return }
        repeat {
            try expect(0x5B)
            try row(&self)
            try expect(0x5D)
        } while take(0x2C)
        try expect(0x5D)
    }

    /// As `rows`, noting where each row's `[` is in `starts`.
    /// As `rows`, noting where every `every`-th row's `[` is in `starts`; the number of rows.
    @discardableResult
    mutating func rows(starts: inout [UInt32], every: Int = 1, _ row: (inout StoreDecoder) throws -> Void) throws -> Int {
        try expect(0x5B)
        if take(0x5D) { return 0 }
        var n = 0
        repeat {
            space()
            if n % every == 0 { starts.append(UInt32(truncatingIfNeeded: i)) }
            n += 1
            try expect(0x5B)
            try row(&self)
            try expect(0x5D)
        } while take(0x2C)
        try expect(0x5D)
        return n
    }

    /// The rows of the section read since `irregular` was cleared, when they are as the writer
    /// writes them (offsets fit in 32 bits).
    func regularRows(_ starts: [UInt32], every: Int = 1, count: Int) -> StoreLayout.Rows? {
        guard !irregular, bytes.count <= Int(UInt32.max) else { return nil }
        return StoreLayout.Rows(starts: starts, every: every, count: count, end: i - 1)
    }

    /// The key of a pupil row (its first value), for `StoreLayout.KeyedRows`.
    static func leerlingKey(_ row: StoreDecoder) -> String? {
        var p = row
        return try? p.rowStart { try $0.string() }
    }

    /// The key of a verzorger row (`Verzorger.id` of its first two values).
    static func verzorgerKey(_ row: StoreDecoder) -> String? {
        var p = row
        return try? p.rowStart { Verzorger.id(try $0.string(), try $0.sep { try $0.slot() }) }
    }

    mutating func rowStart<T>(_ read: (inout StoreDecoder) throws -> T) throws -> T {
        try expect(0x5B)
        return try read(&self)
    }

    /// The element separator inside a row.
    mutating func comma() throws { try expect(0x2C) }

    /// `, value` inside a row.
    mutating func sep<T>(_ read: (inout StoreDecoder) throws -> T) throws -> T {
        try comma()
        return try read(&self)
    }
}
