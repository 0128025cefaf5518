/// A calendar date without time or zone.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `jjjjmmdd` as one number: four bytes a date (a board's store holds close to a million
    /// of them, two to a coupling), and dates compare as numbers.
    private let value: UInt32

    public var year: Int { Int(value / 10_000) }
    public var month: Int { Int(value / 100 % 100) }
    public var day: Int { Int(value % 100) }

    /// A valid date, or nil (31-02-2012 is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1900, year <= 2200, month >= 1, month <= 12, day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        value = UInt32(year * 10_000 + month * 100 + day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.value < b.value }

    /// ISO form, `jjjj-mm-dd`, as the store and `--json` write it.
    public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// Dutch form, `dd-mm-jjjj`, as Magister writes it and `export` writes it back.
    public var dutch: String { "\(pad(day, 2))-\(pad(month, 2))-\(pad(year, 4))" }
    public var description: String { dutch }

    private func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, w - s.count)) + s
    }

    /// Parses `dd-mm-jjjj`, `d-m-jjjj` (also with `/` or `.`) and `jjjj-mm-dd`.
    public init?(parsing s: String) {
        var bytes = Array(s.utf8)
        while let f = bytes.first, f == 0x20 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 { bytes.removeLast() }
        guard let d = bytes.withUnsafeBufferPointer({ Day.parse($0) }) else { return nil }
        self = d
    }

    /// True when the bytes have the shape of a date (`dd-mm-jjjj`, `d-m-jjjj`, `jjjj-mm-dd`),
    /// whether or not that date exists: `31-02-2012` is well-formed and does not exist.
    public static func isWellFormed(_ p: UnsafeBufferPointer<UInt8>) -> Bool { parts(p) != nil }

    /// Parses a date from bytes (the tokenizer's fields) without making a String or an array.
    public static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let (y, m, d) = parts(p) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The one scanner of both: year, month and day of a date-shaped field, whether or not that
    /// date exists; nil for any other shape.
    private static func parts(_ p: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        var v0 = 0, v1 = 0, v2 = 0, w0 = 0, w1 = 0, w2 = 0
        var part = 0
        var sep: UInt8 = 0
        for b in p {
            if b >= 0x30 && b <= 0x39 {
                // No part is longer than four digits: more is no date, and is refused before
                // the value could overflow (a field of 19 digits trapped here).
                let d = Int(b - 0x30)
                switch part {
                case 0: v0 = v0 * 10 + d; w0 += 1; if w0 > 4 { return nil }
                case 1: v1 = v1 * 10 + d; w1 += 1; if w1 > 2 { return nil }
                default: v2 = v2 * 10 + d; w2 += 1; if w2 > 4 { return nil }
                }
            } else if b == 0x2D || b == 0x2F || b == 0x2E {
                if sep == 0 { sep = b } else if sep != b { return nil }
                part += 1
                if part > 2 { return nil }
            } else {
                return nil
            }
        }
        guard part == 2, w0 > 0, w1 > 0, w2 > 0 else { return nil }
        if w0 == 4 && w2 <= 2 && sep == 0x2D { return (v0, v1, v2) }
        if w0 <= 2 && w2 == 4 { return (v2, v1, v0) }
        return nil
    }

    /// The day after this one.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(unchecked: year, month, day + 1) }
        if month < 12 { return Day(unchecked: year, month + 1, 1) }
        return Day(unchecked: year + 1, 1, 1)
    }

    /// The date as the number yyyymmdd (for compact storage), and back.
    var packed: Int32 { Int32(value) }
    init?(packed: Int32) {
        guard packed > 0 else { return nil }
        self.init(year: Int(packed / 10_000), month: Int(packed / 100 % 100), day: Int(packed % 100))
    }

    /// A date from parts the caller knows are valid (constants, arithmetic on valid dates);
    /// parts out of range give some date, never a trap.
    public init(unchecked y: Int, _ m: Int, _ d: Int) {
        let y = min(max(y, 0), 400_000), m = min(max(m, 0), 99), d = min(max(d, 0), 99)
        value = UInt32(truncatingIfNeeded: y * 10_000 + m * 100 + d)
    }
}

/// A school year, 1 August – 31 July, written `2026-2027`.
public struct Schooljaar: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year the schooljaar starts in.
    public var startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The schooljaar that contains `day`.
    public init(containing day: Day) {
        startYear = day.month >= 8 ? day.year : day.year - 1
    }

    /// Parses `2026-2027` (also `2026/2027`, or `2026` for the year starting then).
    public init?(parsing s: String) {
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard let a = parts.first.flatMap({ Int($0) }), a >= 1900, a <= 2200 else { return nil }
        if parts.count == 2 {
            guard let b = Int(parts[1]), b == a + 1 else { return nil }
        } else if parts.count != 1 {
            return nil
        }
        startYear = a
    }

    public var first: Day { Day(unchecked: startYear, 8, 1) }
    public var last: Day { Day(unchecked: startYear + 1, 7, 31) }
    public var description: String { "\(startYear)-\(startYear + 1)" }

    /// The day of this schooljaar nearest to `today`: today in the current schooljaar, 1 August
    /// in a coming one, 31 July in a past one. What is "active" in the schooljaar is judged on
    /// this day, so a coming year's inrichting (couplings that start on 1 August) counts as
    /// active before it starts, and importing it twice changes nothing.
    public func referenceDay(today: Day) -> Day { min(max(today, first), last) }
    public static func < (a: Schooljaar, b: Schooljaar) -> Bool { a.startYear < b.startYear }
}
