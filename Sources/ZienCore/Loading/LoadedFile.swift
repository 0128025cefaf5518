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
    public private(set) var text: DecodedText
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
            fileDiagnostics.append(Diagnostic(.verkeerdBestandstype, soort: soort, line: nil,
                message: "Verkeerd type importbestand: dit is \(kind). Sla het op als CSV (gescheiden door lijstscheidingsteken) of Tekst (tab is scheidingsteken)."))
            text.charset = TextDecoder.detect(raw).0
            return
        }
        text = TextDecoder.decode(raw, setting: setting)
        lineStarts = physicalLineStarts(text.bytes)
        delimiter = Delimiter.detect(in: text.bytes)
        if let problem = text.problem {
            fileDiagnostics.append(Diagnostic(.tekenset, soort: soort, line: 1, message: problem))
        }
        text.bytes.withUnsafeBufferPointer { p in index(p, forcedSoort: forcedSoort) }
        reportDecodeErrors()
        if recordOffsets.isEmpty {
            let what = header == .none ? "" : " (alleen een kopregel)"
            fileDiagnostics.append(Diagnostic(.leegBestand, soort: soort, line: nil,
                message: "Het bestand bevat geen gegevens\(what)"))
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
                    fileDiagnostics.append(Diagnostic(.kopregelGesplitst, soort: hsoort, line: firstLine,
                        value: last,
                        message: "Kopregel loopt over regel \(firstLine) en \(second.recordLine): 'Administratieve eenheid' en 'Klas' zijn in het geheugen samengevoegd; de gegevens beginnen op regel \(second.line)."))
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
                    message: "Aanhalingsteken op regel \(scanner.recordLine) wordt nergens gesloten; de regel is zonder aanhalingstekens gelezen"))
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
        if header != .none { checkHeader(line: firstLine) }
        for i in fileDiagnostics.indices { fileDiagnostics[i].soort = soort }
    }

    private mutating func checkHeader(line: Int) {
        if headerNames.count != soort.fieldCount {
            fileDiagnostics.append(Diagnostic(.verkeerdAantalVelden, soort: soort, line: line,
                value: String(headerNames.count),
                message: "Verkeerd aantal velden op regel \(line) (kopregel): \(headerNames.count) gevonden, \(soort.fieldCount) verwacht"))
        }
        let accepted = soort.acceptedHeaders.map { $0.map(Columns.normalize) }
        for (i, name) in headerNames.enumerated() {
            let n = Columns.normalize(name)
            if accepted.contains(where: { i < $0.count && $0[i] == n }) { continue }
            guard accepted.contains(where: { $0.contains(n) }), i < soort.fieldCount else { continue }
            let expected = soort.columns[i]
            fileDiagnostics.append(Diagnostic(.kolomvolgorde, soort: soort, line: line, column: expected,
                value: name,
                message: "Kolom \(i + 1) heet '\(name)', verwacht '\(expected)'. Zet de kolommen in Magister in de volgorde van de handleiding."))
        }
    }

    private mutating func reportDecodeErrors() {
        var lastLine = 0
        for e in text.errors {
            let line = self.line(atOffset: e.textOffset)
            if line == lastLine { continue }
            lastLine = line
            let hint = text.charset == .utf8 ? " Probeer charset windows-1252." : ""
            let byte = "0x" + String(e.byte, radix: 16, uppercase: true)
            fileDiagnostics.append(Diagnostic(.tekenset, soort: soort, line: line, value: byte,
                message: "Tekenset \(text.charset.name) kan byte \(byte) op regel \(line) (bestandspositie \(e.fileOffset)) niet lezen.\(hint)"))
        }
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
