#if canImport(Glibc)
import Glibc
#endif

/// How the first line(s) of a file were read.
public enum HeaderKind: Sendable, Equatable {
    /// No header: records start on line 1.
    case none
    /// Line 1 is the header.
    case line1
    /// The header was broken over lines 1 and 2 and repaired in memory; records start on line 3.
    case split
}

/// A file read into the session: its bytes, how they were decoded and split, and what is wrong
/// with it as a whole. Records are indexed, not materialised; `check` and `show row` scan them.
public struct LoadedFile: Sendable {
    /// The largest file that is loaded: line and record numbers are kept as 32-bit numbers,
    /// and no export of a school comes near (a board's is some 50 MB).
    public static let maxBytes = Int(Int32.max)

    /// The path as the user typed it.
    public let path: String
    /// The bytes as read from disk.
    public let raw: [UInt8]
    /// The text as decoded (UTF-8).
    public internal(set) var text: DecodedText
    public private(set) var delimiter: Delimiter
    public private(set) var soort: Soort
    /// How the soort was decided: `as`, the header, or the field count.
    public private(set) var soortSource: String
    public private(set) var header: HeaderKind
    /// The header's names as read (joined for a split header).
    public private(set) var headerNames: [String]
    /// Start offset (in `text.bytes`) of each physical line.
    public private(set) var lineStarts: [Int]
    /// Start offset and physical line of each record (blank lines and the header excluded).
    public private(set) var recordOffsets: [Int]
    public private(set) var recordLines: [Int]
    /// What is wrong with the file as a whole, or with its header or decoding.
    public private(set) var fileDiagnostics: [Diagnostic]
    /// When the file is not text at all: what it is (`een Excel-bestand (xlsx)`).
    public private(set) var nonTextKind: String?
    /// The records a verdict on the whole file explains (a header that lacks, adds or moves
    /// columns; a file of another soort), and how to read them; nil for a file in its layout.
    public private(set) var layout: RecordLayout?
    /// Doubly encoded fields `charset herstel` repaired in the text (in text order).
    public internal(set) var repairs: [TextRepair] = []

    /// Reads `raw` as `setting` decides; `forcedSoort` overrides detection. Never fails.
    public init(path: String, raw: [UInt8], charset setting: CharsetSetting, soort forcedSoort: Soort?) {
        self.path = path
        self.raw = raw
        text = DecodedText(bytes: [], charset: .utf8, hadBOM: false, errors: [], problem: nil)
        delimiter = .semicolon
        soort = forcedSoort ?? .leerling
        soortSource = forcedSoort == nil ? "geraden" : "opgegeven"
        header = .none
        headerNames = []
        lineStarts = [0]
        recordOffsets = []
        recordLines = []
        fileDiagnostics = []
        analyse(setting: setting, forcedSoort: forcedSoort)
    }

    /// Decodes again with another charset (`charset NAME`), keeping the soort if it was given.
    public mutating func redecode(_ setting: CharsetSetting) {
        let forced: Soort? = soortSource == "opgegeven" ? soort : nil
        self = LoadedFile(path: path, raw: raw, charset: setting, soort: forced)
    }

    /// The number of physical lines.
    public var lineCount: Int { text.bytes.isEmpty ? 0 : lineStarts.count }
    /// The number of records (data lines, a multi-line record counted once).
    public var recordCount: Int { recordOffsets.count }

    private mutating func analyse(setting: CharsetSetting, forcedSoort: Soort?) {
        let utf16: Bool
        switch setting {
        case .utf16WithBOM, .forced(.utf16le), .forced(.utf16be): utf16 = true
        default: utf16 = false
        }
        if let kind = FileTypeSniffer.nonTextKind(raw, utf16: utf16) {
            nonTextKind = kind
            fileDiagnostics.append(Diagnostic(.verkeerdBestandstype, soort: soort, line: nil, kind))
            text.charset = TextDecoder.detect(raw).0
            return
        }
        text = TextDecoder.decode(raw, setting: setting)
        delimiter = Delimiter.detect(in: text.bytes)
        let repaired = setting == .herstel ? repairDoublyEncoded() : []
        lineStarts = physicalLineStarts(text.bytes)
        text.bytes.withUnsafeBufferPointer { p in index(p, forcedSoort: forcedSoort) }
        reportDecodeErrors()
        for r in repaired {
            fileDiagnostics.append(Diagnostic(.tekstHersteld, soort: soort, line: r.line,
                                              column: r.field < soort.columns.count ? soort.columns[r.field] : nil,
                                              value: r.after, r.before, r.after))
        }
        if recordOffsets.isEmpty {
            fileDiagnostics.append(Diagnostic(.leegBestand, soort: soort, line: nil,
                                              header == .none ? "" : MessagePart.alleenKopregel))
        }
        fileDiagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    private mutating func index(_ p: UnsafeBufferPointer<UInt8>, forcedSoort: Soort?) {
        var scanner = RecordScanner(text: p, delimiter: delimiter)
        // Skip leading blank lines to find the first record.
        var first: [String] = []
        var firstLine = 1
        while scanner.next() {
            if scanner.recordIsBlank { continue }
            first = scanner.strings()
            firstLine = scanner.recordLine
            break
        }
        var resumeAt = 0, resumeLine = 1
        // Header recognition on the first record (and the split header over two lines).
        if !first.isEmpty, let (hsoort, _) = HeaderMatcher.bestMatch(first) {
            header = .line1
            headerNames = first
            resumeAt = scanner.position
            resumeLine = scanner.line
            if let last = first.last, Columns.normalize(last) == "administratieve eenheid" {
                var second = scanner
                if second.next(), let head = second.strings().first,
                   Columns.normalize(head).hasPrefix("klas") {
                    let rest = second.strings()
                    headerNames = Array(first.dropLast()) + [last + " " + head] + Array(rest.dropFirst())
                    header = .split
                    resumeAt = second.position
                    resumeLine = second.line
                    fileDiagnostics.append(Diagnostic(.kopregelGesplitst, soort: hsoort, line: firstLine, value: last,
                                                      String(firstLine), String(second.recordLine), String(second.line)))
                }
            }
            if forcedSoort == nil {
                soort = HeaderMatcher.bestMatch(headerNames)?.0 ?? hsoort
                soortSource = "kopregel"
            }
        }
        scanner.position = resumeAt
        scanner.line = resumeLine
        var firstFieldCount: Int?
        let quoted = p.baseAddress.map { memchr($0 + resumeAt, 0x22, p.count - resumeAt) != nil } ?? false
        if resumeAt >= p.count || !quoted {
            // No quote after the header: every physical line is one record (most exports).
            indexLinesWithoutQuotes(p, from: resumeLine)
            if let first = recordOffsets.first {
                scanner.position = first
                _ = scanner.next()
                firstFieldCount = scanner.fields.count
            }
        } else {
            firstFieldCount = indexRecords(&scanner)
        }
        finishIndex(forcedSoort: forcedSoort, firstFieldCount: firstFieldCount, firstLine: firstLine)
    }

    /// Records are the physical lines from `firstLine` on that hold more than spaces and
    /// delimiters.
    private mutating func indexLinesWithoutQuotes(_ p: UnsafeBufferPointer<UInt8>, from firstLine: Int) {
        let d = delimiter.rawValue
        recordOffsets.reserveCapacity(lineStarts.count)
        recordLines.reserveCapacity(lineStarts.count)
        var line = firstLine
        while line <= lineStarts.count {
            let start = lineStarts[line - 1]
            var i = start
            while i < p.count {
                let c = p[i]
                if c == 0x0A || c == 0x0D { break }
                if c != 0x20 && c != 0x09 && c != d {
                    recordOffsets.append(start)
                    recordLines.append(line)
                    break
                }
                i += 1
            }
            line += 1
        }
    }

    /// The general case: scan record by record (quoted fields may span lines).
    private mutating func indexRecords(_ scanner: inout RecordScanner) -> Int? {
        var firstFieldCount: Int?
        while scanner.next() {
            if scanner.unterminatedQuote {
                fileDiagnostics.append(Diagnostic(.aanhalingstekenOpen, soort: soort, line: scanner.recordLine,
                                                  String(scanner.recordLine)))
            }
            if scanner.recordIsBlank && !scanner.unterminatedQuote { continue }
            if firstFieldCount == nil { firstFieldCount = scanner.fields.count }
            recordOffsets.append(scanner.recordStart)
            recordLines.append(scanner.recordLine)
        }
        return firstFieldCount
    }

    private mutating func finishIndex(forcedSoort: Soort?, firstFieldCount: Int?, firstLine: Int) {
        if forcedSoort == nil && header == .none, let count = firstFieldCount {
            soort = Soort.allCases.min { abs($0.fieldCount - count) < abs($1.fieldCount - count) } ?? .leerling
            soortSource = count == soort.fieldCount ? "aantal velden" : "geraden uit aantal velden"
        }
        if let forced = forcedSoort, let other = otherSoort(forced) {
            let count = header == .none ? other.fieldCount : headerNames.count
            fileDiagnostics.append(Diagnostic(.verkeerdeSoort, soort: forced, line: header == .none ? nil : firstLine,
                                              other.rawValue, String(count),
                                              header == .none ? MessagePart.naarVelden : MessagePart.naarKopregel,
                                              forced.rawValue, String(forced.fieldCount), path, other.rawValue))
            layout = RecordLayout(explainedCount: count, map: nil, explainedColumns: [])
        } else if header != .none {
            let r = HeaderLayout.analyse(headerNames, soort: soort, line: firstLine)
            fileDiagnostics.append(contentsOf: r.diagnostics)
            layout = r.layout
        }
        for i in fileDiagnostics.indices { fileDiagnostics[i].soort = soort }
    }

    /// The soort the file is, when it was loaded as `forced` and is plainly another: its header
    /// names another soort's columns, or (without header) every record has another soort's
    /// field count.
    private func otherSoort(_ forced: Soort) -> Soort? {
        if header != .none {
            guard let (best, matched) = HeaderMatcher.bestMatch(headerNames), best != forced,
                  matched * 2 >= best.fieldCount else { return nil }
            return best
        }
        guard !recordOffsets.isEmpty else { return nil }
        let count = withRecords { c in c.read(0).fields.count }
        guard count != forced.fieldCount, let other = Soort.allCases.first(where: { $0.fieldCount == count }) else { return nil }
        let all = withRecords { c in (0..<recordCount).allSatisfy { c.read($0).fields.count == count } }
        return all ? other : nil
    }

    /// One `tekenset` per file: how many lines the charset cannot read, the first five (line,
    /// byte, file position), and the charset that reads the file.
    private mutating func reportDecodeErrors() {
        let readable = TextDecoder.detect(raw).0
        let advice = readable != text.charset ? MessagePart.leesbaarAls(readable.name) : ""
        if text.problem != nil {
            fileDiagnostics.append(Diagnostic(.tekenset, soort: soort, line: 1, text.charset == .utf16le ? "utf-16" : text.charset.name,
                                              MessagePart.ditBestand, MessagePart.geenBOM, MessagePart.kiesLeOfBe))
            return
        }
        guard let firstError = text.errors.first else { return }
        var places: [String] = []
        var lines = 0
        var lastLine = 0
        for e in text.errors {
            let line = self.line(atOffset: e.textOffset)
            if line == lastLine { continue }
            lastLine = line
            lines += 1
            if places.count < 5 { places.append(MessagePart.plaats(line: line, byte: e.byte, offset: e.fileOffset)) }
        }
        let h = String(firstError.byte, radix: 16, uppercase: true)
        fileDiagnostics.append(Diagnostic(.tekenset, soort: soort, line: self.line(atOffset: firstError.textOffset),
                                          value: "0x" + (h.count == 1 ? "0" + h : h),
                                          text.charset.name, MessagePart.regels(lines), MessagePart.eerste(places, total: lines), advice))
    }

    /// The physical line (1-based) that holds text offset `offset`.
    public func line(atOffset offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Physical line `n` as decoded, without its line break; nil outside the file.
    public func physicalLine(_ n: Int) -> String? {
        guard n >= 1, n <= lineCount else { return nil }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] : text.bytes.count
        while end > start, text.bytes[end - 1] == 0x0A || text.bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: text.bytes[start..<end], as: UTF8.self)
    }

    /// The index of the record that starts on or spans physical line `n`, with its line count.
    public func record(containingLine n: Int) -> (index: Int, firstLine: Int, lineCount: Int)? {
        var lo = 0, hi = recordLines.count - 1
        guard hi >= 0, recordLines[0] <= n else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if recordLines[mid] <= n { lo = mid } else { hi = mid - 1 }
        }
        let fields = withRecord(lo) { $0.recordLineCount }
        guard n < recordLines[lo] + fields else { return nil }
        return (lo, recordLines[lo], fields)
    }

    /// Calls `body` with a scanner positioned on record `index`.
    public func withRecord<R>(_ index: Int, _ body: (RecordScanner) -> R) -> R {
        withRecords { body($0.read(index)) }
    }

    /// Calls `body` with a cursor that reads records by index with one scanner (reading many
    /// records this way makes no allocation per record).
    public func withRecords<R>(_ body: (inout RecordCursor) -> R) -> R {
        text.bytes.withUnsafeBufferPointer { p in
            var c = RecordCursor(scanner: RecordScanner(text: p, delimiter: delimiter), offsets: recordOffsets, lines: recordLines)
            return body(&c)
        }
    }
}

/// Reads the records of a loaded file by index (see `LoadedFile.withRecords`).
public struct RecordCursor {
    var scanner: RecordScanner
    let offsets: [Int]
    let lines: [Int]

    /// Record `index`, scanned.
    public mutating func read(_ index: Int) -> RecordScanner {
        scanner.position = offsets[index]
        scanner.line = lines[index]
        _ = scanner.next()
        return scanner
    }
}

/// Recognises a header line by its column names.
public enum HeaderMatcher {
    /// Every known column name, normalised, with the soorten that use it.
    static let known: [String: [Soort]] = {
        var d: [String: [Soort]] = [:]
        for s in Soort.allCases {
            for h in s.acceptedHeaders {
                for name in h {
                    let n = Columns.normalize(name)
                    if !(d[n]?.contains(s) ?? false) { d[n, default: []].append(s) }
                }
            }
        }
        return d
    }()

    /// The soort whose column names the fields match best, when at least two fields (or all of
    /// a short line) are known column names; nil for a data line.
    public static func bestMatch(_ fields: [String]) -> (Soort, Int)? {
        var score: [Soort: Int] = [:]
        var matched = 0
        for f in fields {
            let n = Columns.normalize(f)
            guard let soorten = known[n] else { continue }
            matched += 1
            for s in soorten { score[s, default: 0] += 1 }
        }
        guard matched >= 2 || (matched >= 1 && fields.count <= 1) else { return nil }
        guard let best = score.max(by: { a, b in
            let fa = Double(a.value) / Double(a.key.fieldCount), fb = Double(b.value) / Double(b.key.fieldCount)
            return fa != fb ? fa < fb : a.key > b.key
        }) else { return nil }
        return (best.key, best.value)
    }
}
