/// Writes pseudonymised copies of loaded files (SPEC.md §8): the file's own bytes, with only the
/// bytes of each personal value replaced, in place, within the file's own tokenisation — so the
/// charset, BOM, delimiter, line ends, quotes, blank lines, a split header, quoted line breaks,
/// the physical lines and the fields of each line all stay. Bytes the charset cannot read stay
/// as they are (one byte is no personal data, and `tekenset` must find it again). Pure: the
/// shell writes the result.
public struct Anonymizer {
    public let pseudonymizer: Pseudonymizer
    /// Fields replaced, per kind.
    public private(set) var replaced: [PersonalKind: Int] = [:]

    public init(_ pseudonymizer: Pseudonymizer = .random()) {
        self.pseudonymizer = pseudonymizer
    }

    /// Why a file cannot be anonymised.
    public struct Refusal: Error, Sendable {
        public var path: String
        public var message: String
    }

    /// Notes every personal value of `files`, so that no invented value contains one; call it
    /// with all loaded files before `rewrite`.
    public func learn(_ files: [LoadedFile]) {
        for file in files where file.nonTextKind == nil {
            var layouts: [Int: [PersonalKind?]] = [:]
            file.withRecords { cursor in
                for r in 0..<file.recordCount {
                    let s = cursor.read(r)
                    let kinds = layouts[s.fields.count] ?? Anonymizer.kinds(file, fieldCount: s.fields.count)
                    layouts[s.fields.count] = kinds
                    var tussenvoegsel = ""
                    for i in 0..<min(kinds.count, s.fields.count) {
                        guard let kind = kinds[i], !s.fields[i].isEmpty else { continue }
                        let v = s.string(i)
                        pseudonymizer.forbid(v, kind, charset: file.text.charset)
                        if kind == .tussenvoegsel { tussenvoegsel = v } else if kind == .naam, !tussenvoegsel.isEmpty {
                            pseudonymizer.forbid(tussenvoegsel + " " + v, .naam)
                            tussenvoegsel = ""
                        }
                        // Parts of an e-mail address are often names (jan.jansen@…).
                        if kind == .email {
                            for part in v.split(whereSeparator: { $0 == "." || $0 == "@" || $0 == "-" || $0 == "_" }) where part.count >= 3 {
                                pseudonymizer.forbid(String(part), .naam)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The copy of `file`: its bytes with every personal value replaced.
    public mutating func rewrite(_ file: LoadedFile) throws(Refusal) -> [UInt8] {
        if let kind = file.nonTextKind {
            throw Refusal(path: file.path, message: "\(file.path) is \(kind), geen tekstbestand: daarin kan anonimiseer geen namen vervangen. Sla het op als CSV en laad het opnieuw, of 'unload \(file.soort.rawValue)'")
        }
        let raw = file.raw
        let charset = file.text.charset
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + raw.count / 16)
        var copied = 0
        var units = UnitReader(raw: raw, charset: charset, start: file.text.hadBOM ? charset.byteOrderMark.count : 0,
                               identity: charset == .utf8 && file.text.errors.isEmpty)
        var layouts: [Int: [PersonalKind?]] = [:]
        let text = file.text.bytes
        file.withRecords { cursor in
            for r in 0..<file.recordCount {
                let s = cursor.read(r)
                let kinds = layouts[s.fields.count] ?? Anonymizer.kinds(file, fieldCount: s.fields.count)
                layouts[s.fields.count] = kinds
                guard kinds.contains(where: { $0 != nil }) else { continue }
                let sources = s.fieldSources()
                for i in 0..<min(kinds.count, s.fields.count, sources.count) {
                    guard let kind = kinds[i], !s.fields[i].isEmpty else { continue }
                    let value = s.string(i)
                    let made = pseudonymizer.invent(value, kind, charset: charset)
                    guard made != value else { continue }
                    let src = sources[i]
                    let start = units.raw(atText: src.start)
                    out.append(contentsOf: raw[copied..<start])
                    Anonymizer.write(Array(made.unicodeScalars), value.unicodeScalars.count, over: src, text, &units, charset, into: &out)
                    copied = units.rawOffset
                    replaced[kind, default: 0] += 1
                }
            }
        }
        out.append(contentsOf: raw[copied...])
        return out
    }

    /// Writes `made` (as many scalars as the value it replaces) over the field's bytes: each
    /// readable character encoded in the charset, each unreadable byte as it was, `""` as it was.
    static func write(_ made: [Unicode.Scalar], _ original: Int, over src: FieldSource, _ text: [UInt8], _ units: inout UnitReader,
                      _ charset: Charset, into out: inout [UInt8]) {
        if made.count != original {
            // Another length (a date written with two digits where it had one): written whole.
            for x in made {
                encode(x, charset, into: &out)
                if src.quoted && x == "\"" { encode(x, charset, into: &out) }
            }
            _ = units.raw(atText: src.end)
            return
        }
        var k = 0
        var pendingQuote = false
        while units.textOffset < src.end {
            let quote = text[units.textOffset] == 0x22
            let u = units.next()
            if u.invalid || k >= made.count || (src.quoted && quote) {
                out.append(contentsOf: units.raw[u.range])
                if src.quoted && quote {
                    // `""` in the file is one `"` in the value.
                    if !pendingQuote { k += 1 }
                    pendingQuote.toggle()
                } else {
                    k += 1
                }
                continue
            }
            encode(made[k], charset, into: &out)
            k += 1
        }
    }

    static func encode(_ x: Unicode.Scalar, _ charset: Charset, into out: inout [UInt8]) {
        let v = x.value
        switch charset {
        case .utf8: TextDecoder.appendUTF8(v, to: &out)
        case .windows1252: out.append(cp1252Byte(v) ?? 0x3F)
        case .iso88591: out.append(v <= 0xFF ? UInt8(v) : 0x3F)
        case .utf16le, .utf16be:
            for u in String(x).utf16 {
                let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
                if charset == .utf16le { out.append(lo); out.append(hi) } else { out.append(hi); out.append(lo) }
            }
        }
    }

    // MARK: - Which fields are personal

    /// What each field of a record with `fieldCount` fields holds (nil: kept): by the header's
    /// column names when the file has a header with as many names, else by the layout when the
    /// count is the layout's. A record that fits neither has its letters and digits replaced
    /// everywhere: its columns cannot be told apart, and only its field count is a finding.
    static func kinds(_ file: LoadedFile, fieldCount: Int) -> [PersonalKind?] {
        let soort = file.soort
        if file.header != .none, file.headerNames.count == fieldCount {
            var byName: [String: Int] = [:]
            for h in soort.acceptedHeaders {
                for (i, name) in h.enumerated() { byName[Columns.normalize(name)] = i }
            }
            return file.headerNames.map { name in
                guard let i = byName[Columns.normalize(name)] else { return .overig }
                return kind(soort, i)
            }
        }
        if fieldCount == soort.fieldCount { return (0..<fieldCount).map { kind(soort, $0) } }
        return Array(repeating: .overig, count: fieldCount)
    }

    /// What column `i` of the layout holds.
    public static func kind(_ soort: Soort, _ i: Int) -> PersonalKind? {
        typealias L = Columns.L
        switch soort {
        case .leerling:
            switch i {
            case L.stamnr: return .leerlingnummer
            case L.roepnaam, L.achternaam: return .naam
            case L.tussenvoegsel: return .tussenvoegsel
            case L.geboortedatum: return .geboortedatum
            case L.email: return .email
            case L.verzorger(1)..<L.mentor(0):
                switch (i - L.verzorger(1)) % 6 {
                case 0, 2: return .naam
                case 1: return .tussenvoegsel
                case 4: return .email
                default: return nil
                }
            case L.mentor(0)..<(L.mentor(2) + 5):
                switch (i - L.mentor(0)) % 5 {
                case 0: return .medewerkernummer
                case 1, 3: return .naam
                case 2: return .tussenvoegsel
                default: return .email
                }
            default: return nil
            }
        case .groepen:
            switch i {
            case 1: return .medewerkernummer
            case 2, 4: return .naam
            case 3: return .tussenvoegsel
            case 5: return .email
            default: return nil
            }
        case .koppel:
            return i == 2 ? .leerlingnummer : nil
        }
    }
}

/// Reads a file's bytes one character at a time, as `TextDecoder` decoded them, keeping the
/// offset in the decoded text beside the offset in the file.
struct UnitReader {
    let raw: [UInt8]
    let charset: Charset
    /// UTF-8 without errors: file offset = text offset + BOM.
    let identity: Bool
    let start: Int
    private(set) var rawOffset: Int
    private(set) var textOffset = 0

    init(raw: [UInt8], charset: Charset, start: Int, identity: Bool) {
        self.raw = raw
        self.charset = charset
        self.start = start
        self.identity = identity
        rawOffset = start
    }

    /// The file offset of text offset `t` (at or after the current one).
    mutating func raw(atText t: Int) -> Int {
        if identity {
            textOffset = t
            rawOffset = t + start
            return rawOffset
        }
        while textOffset < t && rawOffset < raw.count { _ = next() }
        return rawOffset
    }

    /// The next character: its bytes in the file, and whether the charset could not read them.
    mutating func next() -> (range: Range<Int>, invalid: Bool) {
        let i = rawOffset
        let n = raw.count
        var len = 1, textLen = 1, invalid = false
        switch charset {
        case .utf8:
            let l = UTF8Validation.sequenceLength(raw, at: i)
            if l > 0 { len = l; textLen = l } else { textLen = 3; invalid = true }
        case .windows1252, .iso88591:
            let b = raw[i]
            if b >= 0x80 {
                let table = charset == .windows1252 ? TextDecoder.cp1252Table : TextDecoder.latin1Table
                textLen = Int(table[Int(b) - 0x80] >> 24)
            }
        case .utf16le, .utf16be:
            if i + 1 < n {
                func unit(_ k: Int) -> UInt32 {
                    charset == .utf16be ? UInt32(raw[k]) << 8 | UInt32(raw[k + 1]) : UInt32(raw[k + 1]) << 8 | UInt32(raw[k])
                }
                let u = unit(i)
                len = 2
                if u >= 0xD800 && u < 0xDC00 {
                    if i + 3 < n, case let v = unit(i + 2), v >= 0xDC00 && v < 0xE000 {
                        len = 4; textLen = 4
                    } else {
                        textLen = 3; invalid = true
                    }
                } else if u >= 0xDC00 && u < 0xE000 {
                    textLen = 3; invalid = true
                } else {
                    textLen = u < 0x80 ? 1 : u < 0x800 ? 2 : 3
                }
            } else {
                textLen = 3; invalid = true
            }
        }
        rawOffset = i + len
        textOffset += textLen
        return (i..<(i + len), invalid)
    }
}
