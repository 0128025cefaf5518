#if canImport(Glibc)
import Glibc
#endif

/// The field separator of a file: `;` or TAB, never mixed.
public enum Delimiter: UInt8, Sendable {
    case semicolon = 0x3B
    case tab = 0x09

    /// The character itself, as `--json` shows it.
    public var character: String { self == .tab ? "\t" : ";" }
    /// How messages name it.
    public var label: String { self == .tab ? "TAB" : ";" }

    /// The delimiter that occurs more often in the first 20 lines; `;` when neither does.
    public static func detect(in text: [UInt8], lines: Int = 20) -> Delimiter {
        var semis = 0, tabs = 0, seen = 0
        for b in text {
            if b == 0x3B { semis += 1 } else if b == 0x09 { tabs += 1 } else if b == 0x0A {
                seen += 1
                if seen >= lines { break }
            }
        }
        return tabs > semis ? .tab : .semicolon
    }
}

/// Where one field's value lies: in the text, or (for a quoted field with `""`) in the scratch
/// buffer of the record.
public struct FieldSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var inScratch: Bool
    public var isEmpty: Bool { start == end }
}

/// Where one field's value stands in the text (see `RecordScanner.fieldSources`).
public struct FieldSource: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Written between quotes: a `"` in the value stands as `""`.
    public var quoted: Bool
}

/// The fields of one record, in a growable buffer that is reused from record to record without
/// the uniqueness checks of an Array append (the scanner's hot path).
public struct FieldList {
    final class Storage {
        @exclusivity(unchecked) var base: UnsafeMutablePointer<FieldSpan>
        @exclusivity(unchecked) var capacity: Int
        /// 1 for the bytes that end an unquoted field (delimiter, LF, CR), else 0.
        let stops: UnsafeMutablePointer<UInt8>
        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity)
            stops = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            stops.initialize(repeating: 0, count: 256)
        }
        deinit {
            base.deallocate()
            stops.deallocate()
        }
        func grow() {
            let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: capacity)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
    }

    let storage = Storage(capacity: 64)
    public private(set) var count = 0

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    public subscript(i: Int) -> FieldSpan {
        precondition(i >= 0 && i < count, "veldindex buiten het record")
        return storage.base[i]
    }

    @inline(__always)
    mutating func append(_ f: FieldSpan) {
        if count == storage.capacity { storage.grow() }
        (storage.base + count).initialize(to: f)
        count += 1
    }

    mutating func removeAll() { count = 0 }

    /// Puts the fields in the order `map` gives (`map[k]` is the index of the field that becomes
    /// field `k`; -1 or an index past the end gives an empty field), using `spare` as room.
    mutating func remap(_ map: [Int], spare: inout [FieldSpan]) {
        spare.removeAll(keepingCapacity: true)
        for i in 0..<count { spare.append(storage.base[i]) }
        count = 0
        for m in map {
            append(m >= 0 && m < spare.count ? spare[m] : FieldSpan(start: 0, end: 0, inScratch: false))
        }
    }

}

/// Reads records from UTF-8 text: RFC 4180 quotes (a quoted field may hold the delimiter, `""`
/// and line breaks), LF / CRLF / CR line ends, spaces around fields trimmed, physical line
/// numbers kept. An unterminated quote does not swallow the rest of the file: that record is
/// read again as its first physical line alone, with the quote taken literally, and flagged.
public struct RecordScanner {
    public let text: UnsafeBufferPointer<UInt8>
    public let delimiter: UInt8
    /// Offset where the next record starts.
    public var position: Int
    /// Physical line number (1-based) at `position`.
    public var line: Int
    /// The fields of the last record read.
    public var fields = FieldList()
    /// Unescaped values of quoted fields that held `""`.
    public var scratch: [UInt8] = []
    /// Physical line the last record starts on.
    public var recordLine = 0
    /// Offset the last record starts at.
    public var recordStart = 0
    /// Physical lines the last record spans (1 unless a quoted field holds a line break).
    public var recordLineCount = 1
    /// The last record had a quote that is never closed.
    public var unterminatedQuote = false

    public init(text: UnsafeBufferPointer<UInt8>, delimiter: Delimiter, position: Int = 0, line: Int = 1) {
        self.text = text
        self.delimiter = delimiter.rawValue
        self.position = position
        self.line = line
        let stops = fields.storage.stops
        stops[Int(delimiter.rawValue)] = 1
        stops[0x0A] = 1
        stops[0x0D] = 1
    }

    /// True when every field of the last record is empty (a blank line, or only delimiters).
    public var recordIsBlank: Bool {
        for i in 0..<fields.count where !fields[i].isEmpty { return false }
        return true
    }

    /// Calls `body` with the bytes of field `i` of the last record.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let f = fields[i]
        if f.inScratch {
            return scratch.withUnsafeBufferPointer { p in body(UnsafeBufferPointer(rebasing: p[f.start..<f.end])) }
        }
        return body(UnsafeBufferPointer(rebasing: text[f.start..<f.end]))
    }

    /// Field `i` of the last record as a String.
    public func string(_ i: Int) -> String {
        let f = fields[i]
        if f.inScratch { return String(decoding: scratch[f.start..<f.end], as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: text[f.start..<f.end]), as: UTF8.self)
    }

    /// Every field of the last record as Strings.
    public func strings() -> [String] { (0..<fields.count).map(string) }

    /// Reads the next record; false at the end of the text.
    public mutating func next() -> Bool {
        guard position < text.count else { return false }
        recordStart = position
        recordLine = line
        unterminatedQuote = false
        if !scan(quotes: true) {
            unterminatedQuote = true
            position = recordStart
            line = recordLine
            _ = scan(quotes: false)
        }
        recordLineCount = line - recordLine + (position >= text.count && !endsWithBreak ? 1 : 0)
        if recordLineCount < 1 { recordLineCount = 1 }
        return true
    }

    private var endsWithBreak: Bool {
        guard let last = text.last else { return false }
        return last == 0x0A || last == 0x0D
    }

    @inline(__always)
    private func isTrimmable(_ b: UInt8) -> Bool {
        b == 0x20 || (b == 0x09 && delimiter != 0x09)
    }

    /// Where each field of the last record stands in the text, as `scan` reads it: the value's
    /// bytes between the quotes (with any `""` as written) or, unquoted, trimmed. `anonimiseer`
    /// rewrites exactly these bytes and leaves quotes, delimiters, spaces and line ends as they
    /// are. Not on the check's path: it scans the record once more.
    public func fieldSources() -> [FieldSource] {
        var out: [FieldSource] = []
        let n = text.count
        let d = delimiter
        let quotes = !unterminatedQuote
        var i = recordStart
        while true {
            while i < n && isTrimmable(text[i]) { i += 1 }
            if quotes && i < n && text[i] == 0x22 {
                var j = i + 1
                while j < n {
                    if text[j] == 0x22 {
                        if j + 1 < n && text[j + 1] == 0x22 { j += 2; continue }
                        break
                    }
                    j += 1
                }
                guard j < n else { return out }
                out.append(FieldSource(start: i + 1, end: j, quoted: true))
                j += 1
                while j < n, text[j] != d, text[j] != 0x0A, text[j] != 0x0D { j += 1 }
                i = j
            } else {
                let start = i
                while i < n && text[i] != d && text[i] != 0x0A && text[i] != 0x0D { i += 1 }
                var end = i
                while end > start && isTrimmable(text[end - 1]) { end -= 1 }
                out.append(FieldSource(start: start, end: end, quoted: false))
            }
            if i < n && text[i] == d {
                i += 1
                continue
            }
            return out
        }
    }

    /// Scans one record from `position`; false when a quote runs to the end of the text.
    private mutating func scan(quotes: Bool) -> Bool {
        fields.removeAll()
        scratch.removeAll(keepingCapacity: true)
        let n = text.count
        let d = delimiter
        var i = position
        while true {
            while i < n && isTrimmable(text[i]) { i += 1 }
            if quotes && i < n && text[i] == 0x22 {
                var j = i + 1
                var escaped = false
                var breaks = 0
                while j < n {
                    let c = text[j]
                    if c == 0x22 {
                        if j + 1 < n && text[j + 1] == 0x22 { escaped = true; j += 2; continue }
                        break
                    }
                    if c == 0x0A { breaks += 1 } else if c == 0x0D && !(j + 1 < n && text[j + 1] == 0x0A) { breaks += 1 }
                    j += 1
                }
                if j >= n { return false }
                if escaped {
                    let s = scratch.count
                    var k = i + 1
                    while k < j {
                        scratch.append(text[k])
                        k += text[k] == 0x22 ? 2 : 1
                    }
                    fields.append(FieldSpan(start: s, end: scratch.count, inScratch: true))
                } else {
                    fields.append(FieldSpan(start: i + 1, end: j, inScratch: false))
                }
                line += breaks
                j += 1
                while j < n, text[j] != d, text[j] != 0x0A, text[j] != 0x0D { j += 1 }
                i = j
            } else {
                let start = i
                let stops = fields.storage.stops
                while i < n && stops[Int(text[i])] == 0 { i += 1 }
                var end = i
                while end > start && isTrimmable(text[end - 1]) { end -= 1 }
                fields.append(FieldSpan(start: start, end: end, inScratch: false))
            }
            if i < n && text[i] == d {
                i += 1
                continue
            }
            if i < n {
                if text[i] == 0x0D && i + 1 < n && text[i + 1] == 0x0A { i += 2 } else { i += 1 }
                line += 1
            }
            position = i
            return true
        }
    }
}

/// Offsets where each physical line starts (LF, CRLF or a lone CR ends a line).
public func physicalLineStarts(_ text: [UInt8]) -> [Int] {
    var starts = [0]
    starts.reserveCapacity(text.count / 64 + 1)
    text.withUnsafeBufferPointer { p in
        guard let base = p.baseAddress else { return }
        let n = p.count
        // memchr (vectorised) finds the breaks: LF alone, or CR followed by LF, or a lone CR.
        var i = 0
        var nextCR = memchr(base, 0x0D, n).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
        while i < n {
            let lf = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
            if nextCR < lf {
                // CR first: CRLF is one break, a lone CR is a break of its own.
                i = nextCR + 1 < n && p[nextCR + 1] == 0x0A ? nextCR + 2 : nextCR + 1
                starts.append(i)
                nextCR = i < n ? memchr(base + i, 0x0D, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n : n
            } else if lf < n {
                i = lf + 1
                starts.append(i)
            } else {
                break
            }
        }
    }
    if let last = starts.last, last == text.count, starts.count > 1 { starts.removeLast() }
    return starts
}
