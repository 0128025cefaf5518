/// Where the decoded text came from in the file, for `show row`: the file's own bytes of a
/// field are found through offsets, never by encoding the text again (a byte the charset could
/// not read would come back as the bytes of U+FFFD).
extension LoadedFile {
    /// The length of the byte-order mark the decoder skipped.
    var bomLength: Int { text.hadBOM ? text.charset.byteOrderMark.count : 0 }

    /// The offset in the file's bytes where the text at offset `t` came from.
    public func fileOffset(ofText t: Int) -> Int {
        let t = max(0, min(t, text.bytes.count))
        switch text.charset {
        case .utf8:
            // Each unreadable byte became three (U+FFFD); everything else is the file's own.
            var lo = 0, hi = text.errors.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if text.errors[mid].textOffset < t { lo = mid + 1 } else { hi = mid }
            }
            return bomLength + repairShift(before: t) + t - 2 * lo
        case .windows1252, .iso88591:
            // One file byte per character.
            var n = 0
            var i = 0
            text.bytes.withUnsafeBufferPointer { p in
                while i < t {
                    if p[i] & 0xC0 != 0x80 { n += 1 }
                    i += 1
                }
            }
            return bomLength + n
        case .utf16le, .utf16be:
            // Two bytes per unit: one for a character below U+10000 (and for an unreadable
            // unit), two for one above.
            var n = 0
            var i = 0
            text.bytes.withUnsafeBufferPointer { p in
                while i < t {
                    let b = p[i]
                    if b & 0xC0 != 0x80 { n += b >= 0xF0 ? 4 : 2 }
                    i += 1
                }
            }
            return min(raw.count, bomLength + n)
        }
    }

    /// The file's own bytes of text offsets `range`.
    public func fileBytes(ofText range: Range<Int>) -> ArraySlice<UInt8> {
        let a = fileOffset(ofText: range.lowerBound), b = fileOffset(ofText: range.upperBound)
        guard a <= b, b <= raw.count else { return [] }
        return raw[a..<b]
    }

    /// The text range of each field of record `index` as it stands in the file: without the
    /// spaces around it and, for a quoted field, between its quotes (a `""` inside stays two
    /// quotes: these are the file's characters, not the value).
    public func fieldRanges(record index: Int) -> [Range<Int>] {
        guard index >= 0, index < recordOffsets.count else { return [] }
        let start = recordOffsets[index]
        let end = withRecord(index) { $0.position }
        let d = delimiter.rawValue
        var ranges: [Range<Int>] = []
        text.bytes.withUnsafeBufferPointer { p in
            var i = start
            let stop = min(end, p.count)
            while true {
                var a = i
                while a < stop && p[a] == 0x20 { a += 1 }
                var b: Int
                var next: Int
                if a < stop && p[a] == 0x22 {
                    // A quoted field: to the closing quote ("" is a quote inside).
                    var k = a + 1
                    while k < stop {
                        if p[k] == 0x22 {
                            if k + 1 < stop && p[k + 1] == 0x22 { k += 2; continue }
                            break
                        }
                        k += 1
                    }
                    b = min(k, stop)
                    let inner = a + 1
                    next = b + 1
                    while next < stop && p[next] != d && p[next] != 0x0A && p[next] != 0x0D { next += 1 }
                    ranges.append(min(inner, b)..<b)
                } else {
                    b = a
                    while b < stop && p[b] != d && p[b] != 0x0A && p[b] != 0x0D { b += 1 }
                    next = b
                    var e = b
                    while e > a && p[e - 1] == 0x20 { e -= 1 }
                    ranges.append(a..<e)
                }
                if next < stop && p[next] == d { i = next + 1 } else { break }
            }
        }
        return ranges
    }

    /// The physical lines of record `index`: first and last.
    public func lines(ofRecord index: Int) -> ClosedRange<Int> {
        let first = recordLines[index]
        return first...(first + max(0, withRecord(index) { $0.recordLineCount } - 1))
    }

    /// Why physical line `n` and the record count part: the records before it that span several
    /// lines (a quoted line break) and the blank lines before it.
    public func shift(before n: Int) -> (record: Int, multiLine: [ClosedRange<Int>], blank: Int)? {
        guard let r = record(containingLine: n) else { return nil }
        var multi: [ClosedRange<Int>] = []
        var blank = 0
        let headerLines = header == .split ? 2 : header == .line1 ? 1 : 0
        var expected = (recordLines.first ?? 1)
        blank += max(0, expected - 1 - headerLines)
        for i in 0..<r.index {
            let span = lines(ofRecord: i)
            if span.count > 1 { multi.append(span) }
            expected = span.upperBound + 1
            blank += max(0, recordLines[i + 1] - expected)
        }
        return (r.index + 1, multi, blank)
    }

    /// The index of the record whose column `column` holds key `key` (a Stamnr: `001234` is
    /// `1234`), the first one when there are several.
    public func recordIndex(key: PersonKey, column: Int) -> Int? {
        withRecords { c in
            for i in 0..<recordCount {
                let s = c.read(i)
                if column < s.fields.count, s.withBytes(column, { PersonKey($0) }) == key { return i }
            }
            return nil
        }
    }

    /// Every record whose column `column` holds `key`.
    public func recordIndices(key: PersonKey, column: Int) -> [Int] {
        withRecords { c in
            (0..<recordCount).filter { i in
                let s = c.read(i)
                return column < s.fields.count && s.withBytes(column, { PersonKey($0) }) == key
            }
        }
    }
}

/// A field `charset herstel` repaired: where the repaired text stands, and how long it was in
/// the file.
public struct TextRepair: Sendable, Equatable {
    public var textStart: Int
    public var textLength: Int
    public var fileLength: Int
}

extension LoadedFile {
    /// How many more file bytes than text bytes the repairs before text offset `t` account for.
    func repairShift(before t: Int) -> Int {
        var shift = 0
        for r in repairs {
            if r.textStart >= t { break }
            shift += r.textStart + r.textLength <= t ? r.fileLength - r.textLength : 0
        }
        return shift
    }
}

extension LoadedFile {
    /// `charset herstel`: every field whose text is doubly encoded UTF-8 (`BrontÃ«`) is
    /// replaced by its repair in the decoded text (never in the file); the repairs are kept so
    /// that `show row` still finds the file's own bytes. Returns what was repaired, per line and
    /// field, for the Waarschuwingen.
    mutating func repairDoublyEncoded() -> [(line: Int, field: Int, before: String, after: String)] {
        var done: [(line: Int, field: Int, before: String, after: String)] = []
        var out: [UInt8] = []
        var list: [TextRepair] = []
        var last = 0
        let delimiter = self.delimiter
        text.bytes.withUnsafeBufferPointer { p in
            var scanner = RecordScanner(text: p, delimiter: delimiter)
            while scanner.next() {
                guard Mojibake.mightBeGarbled(scanner, latin1: false) else { continue }
                for k in 0..<scanner.fields.count {
                    let span = scanner.fields[k]
                    guard !span.inScratch, span.start >= last, let after = scanner.withBytes(k, Mojibake.repaired) else { continue }
                    out.append(contentsOf: p[last..<span.start])
                    let start = out.count
                    out.append(contentsOf: after.utf8)
                    list.append(TextRepair(textStart: start, textLength: after.utf8.count, fileLength: span.end - span.start))
                    done.append((scanner.recordLine, k, scanner.string(k), after))
                    last = span.end
                }
            }
            if !list.isEmpty { out.append(contentsOf: p[last...]) }
        }
        guard !list.isEmpty else { return [] }
        // Unreadable bytes after a repair stand earlier in the repaired text.
        for i in text.errors.indices {
            let t = text.errors[i].textOffset
            var shift = 0
            for r in list {
                // A repair's place in the old text: its new start plus what earlier repairs saved.
                if r.textStart + shift + r.fileLength <= t { shift += r.fileLength - r.textLength }
            }
            text.errors[i].textOffset = t - shift
        }
        text.bytes = out
        repairs = list
        return done
    }
}
