/// The charset, delimiter and byte-order mark an exported file is written with.
public struct ExportFormat: Sendable, Equatable {
    public var charset: Charset
    public var delimiter: Delimiter
    /// Written for UTF-16 always (a UTF-16 file without BOM cannot be recognised), for UTF-8
    /// when the loaded file had one.
    public var bom: Bool

    public init(charset: Charset, delimiter: Delimiter, bom: Bool) {
        self.charset = charset
        self.delimiter = delimiter
        self.bom = bom || charset == .utf16le || charset == .utf16be
    }

    /// `.csv` for `;`, `.txt` for TAB (what Excel calls "Tekst (tab is scheidingsteken)").
    public var fileExtension: String { delimiter == .tab ? "txt" : "csv" }
}

/// A character the chosen charset cannot write, with whom it belongs to.
public struct ExportError: Error, Sendable, Equatable {
    /// `leerling 10234 (Zoë Şahin)`.
    public var who: String
    public var column: String
    public var character: Character
    public var charset: Charset

    public var message: String {
        let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(4) }.joined(separator: " ")
        return "\(who), kolom \(column): het teken '\(character)' (\(code)) kan niet in \(charset.name) worden geschreven"
    }
}

/// One row of an exported file, and whom it is about (for an `ExportError`).
public struct ExportRow: Sendable {
    public var fields: [String]
    public var who: String
}

/// What `export` writes (SPEC.md §6): the store's inrichting of schooljaar S and vestiging V as
/// the three Magister files, so that loading them back and checking gives an empty change set.
///
/// A file holds what is active in (S, V) on the schooljaar's reference day: the pupils with an
/// active vestiging coupling (with their stamgroep, verzorgers and mentors), the active
/// group–docent couplings, and the active pupil–group couplings of the koppel file.
public enum Exporter {
    /// The rows of each of `soorten`, in a stable order (pupils by Stamnr, groups by code).
    public static func rows(_ soorten: [Soort], store: StoreRecords, schooljaar s: Schooljaar, vestiging v: String,
                            today: Day) -> [(soort: Soort, rows: [ExportRow])] {
        let reference = s.referenceDay(today: today)
        let nv = Text.nfc(v)
        // Names are compared after NFC; each distinct name is normalised once.
        var same: [String: Bool] = [:]
        // Indices, not copies: a board's store holds close to a million couplings.
        var active: [Int] = []
        for (i, k) in store.koppelingen.enumerated() where k.schooljaar == s && k.isActive(on: reference) {
            let match: Bool
            if let known = same[k.vestiging] {
                match = known
            } else {
                match = Text.nfc(k.vestiging) == nv
                same[k.vestiging] = match
            }
            if match { active.append(i) }
        }
        return soorten.map { soort in
            switch soort {
            case .leerling: (soort, leerlingRows(active, store))
            case .groepen: (soort, groepenRows(active, store))
            case .koppel: (soort, koppelRows(active, store))
            }
        }
    }

    /// The rows of one soort.
    public static func rows(_ soort: Soort, store: StoreRecords, schooljaar s: Schooljaar, vestiging v: String, today: Day) -> [ExportRow] {
        rows([soort], store: store, schooljaar: s, vestiging: v, today: today).first?.rows ?? []
    }

    /// The file's bytes: header (none for koppel), then one line a row, CRLF as Magister writes;
    /// fields quoted only where needed. Throws for the first character the charset cannot hold.
    public static func render(_ soort: Soort, _ rows: [ExportRow], format: ExportFormat) throws(ExportError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * (soort == .leerling ? 260 : 40))
        if format.bom { out += format.charset.byteOrderMark }
        let columns = soort.columns
        if soort != .koppel {
            try line(ExportRow(fields: columns, who: "de kopregel"), columns, format, &out)
        }
        for r in rows { try line(r, columns, format, &out) }
        return out
    }

    static func line(_ row: ExportRow, _ columns: [String], _ format: ExportFormat, _ out: inout [UInt8]) throws(ExportError) {
        for (i, field) in row.fields.enumerated() {
            if i > 0 { append(format.delimiter.character, format.charset, &out) }
            let text = quoted(field, format.delimiter)
            if format.charset == .utf8 {
                out.append(contentsOf: text.utf8)
            } else if let bytes = TextDecoder.encode(text, as: format.charset) {
                out.append(contentsOf: bytes)
            } else {
                let bad = text.first { TextDecoder.encode(String($0), as: format.charset) == nil } ?? "?"
                throw ExportError(who: row.who, column: i < columns.count ? columns[i] : "\(i + 1)", character: bad, charset: format.charset)
            }
        }
        append("\r\n", format.charset, &out)
    }

    static func append(_ ascii: String, _ charset: Charset, _ out: inout [UInt8]) {
        for b in ascii.utf8 {
            switch charset {
            case .utf16le: out += [b, 0]
            case .utf16be: out += [0, b]
            case .utf8, .windows1252, .iso88591: out.append(b)
            }
        }
    }

    /// RFC 4180: a field with the delimiter, a quote or a line break (or any, with `always`)
    /// goes between quotes, with its quotes doubled; any other field as it is.
    public static func quoted(_ field: String, _ d: Delimiter, always: Bool = false) -> String {
        let special = always || field.utf8.contains { $0 == d.rawValue || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard special else { return field }
        var s = "\""
        for ch in field { s += ch == "\"" ? "\"\"" : String(ch) }
        return s + "\""
    }

    // MARK: - Rows

    static func leerlingRows(_ active: [Int], _ store: StoreRecords) -> [ExportRow] {
        struct Pupil {
            var extra = ""
            /// The vestiging coupling's name as stored; nil when the pupil has none active.
            var vestiging: String?
            var klas = ""
            /// Medewerker keys of class mentor 1, 2 and the personal mentor.
            var mentors: [String?] = [nil, nil, nil]
            /// Bit n-1: verzorger slot n is coupled.
            var verzorgers: UInt8 = 0
        }
        var pupils: [String: Pupil] = [:]
        for i in active {
            let k = store.koppelingen[i]
            if k.soort == .docent || k.soort == .groep { continue }
            var p = pupils[k.onderwerp] ?? Pupil()
            switch k.soort {
            case .vestiging:
                p.vestiging = k.vestiging
                p.extra = k.extra
            case .stamgroep: p.klas = k.doel
            case .mentor:
                if let parts = Koppeling.mentorParts(k.doel), let slot = ["1", "2", "P"].firstIndex(of: parts.slot) {
                    p.mentors[slot] = parts.medewerker
                }
            case .verzorger:
                if let slot = Int(k.doel), (1...3).contains(slot) { p.verzorgers |= 1 << (slot - 1) }
            case .docent, .groep: break
            }
            pupils[k.onderwerp] = p
        }
        var rows: [ExportRow] = []
        rows.reserveCapacity(pupils.count)
        for key in inStamnrOrder(pupils.keys) {
            guard let p = pupils[key], let vestiging = p.vestiging, let l = store.leerlingen[key] else { continue }
            let ilt = Text.splitFirst(p.extra, atByte: 0x2F).map { [$0.before, $0.after] } ?? [p.extra]
            var f = [l.stamnr, l.roepnaam, l.tussenvoegsel, l.achternaam, l.geboortedatum?.dutch ?? "", letter(l.geslacht),
                     l.email ?? "", l.vertrekdatum?.dutch ?? "", vestiging,
                     ilt.first ?? "", ilt.count > 1 ? ilt[1] : "", p.klas]
            for slot in 1...3 {
                if p.verzorgers & (1 << (slot - 1)) != 0, let z = store.verzorgers["\(key)/\(slot)"] {
                    f += [z.voorletters, z.tussenvoegsel, z.achternaam, letter(z.geslacht), z.email ?? "", z.post ? "ja" : "nee"]
                } else {
                    f += ["", "", "", "", "", ""]
                }
            }
            for slot in 0..<3 {
                if let m = p.mentors[slot].flatMap({ store.medewerkers[$0] }) {
                    f += [m.nummer, m.roepnaam, m.tussenvoegsel, m.achternaam, m.email ?? ""]
                } else {
                    f += ["", "", "", "", ""]
                }
            }
            rows.append(ExportRow(fields: f, who: "leerling \(l.stamnr) (\(l.naam))"))
        }
        return rows
    }

    static func groepenRows(_ active: [Int], _ store: StoreRecords) -> [ExportRow] {
        active.lazy.map { store.koppelingen[$0] }.filter { $0.soort == .docent }
            .sorted { ($0.onderwerp, $0.doel) < ($1.onderwerp, $1.doel) }
            .compactMap { k in
                guard let m = store.medewerkers[k.doel] else { return nil }
                return ExportRow(fields: [k.onderwerp, m.nummer, m.roepnaam, m.tussenvoegsel, m.achternaam, m.email ?? "", k.vestiging],
                                 who: "docent \(m.nummer) (\(m.naam)) van groep \(k.onderwerp)")
            }
    }

    static func koppelRows(_ active: [Int], _ store: StoreRecords) -> [ExportRow] {
        let couplings: [(k: Koppeling, order: StamnrOrder)] = active.lazy.map { store.koppelingen[$0] }
            .filter { $0.soort == .groep }.map { ($0, StamnrOrder($0.onderwerp)) }
        let sorted = couplings.sorted { a, b in a.k.doel != b.k.doel ? a.k.doel < b.k.doel : a.order < b.order }
        return sorted.map { c in
            let stamnr = store.leerlingen[c.k.onderwerp]?.stamnr ?? c.k.onderwerp
            return ExportRow(fields: [c.k.doel, c.k.vestiging, stamnr], who: "leerling \(stamnr) in groep \(c.k.doel)")
        }
    }

    /// `keys` with numbers in numeric order (`9` before `10`), then other keys as text.
    static func inStamnrOrder<C: Collection<String>>(_ keys: C) -> [String] {
        keys.map { StamnrOrder($0) }.sorted(by: <).map(\.key)
    }

    /// `m`, `v`, `o`: the short form every reader accepts.
    static func letter(_ g: Geslacht) -> String {
        switch g {
        case .man: "m"
        case .vrouw: "v"
        case .onbekend: "o"
        }
    }
}

/// The sort key of a pupil key: numbers first, by length then digits; then other keys as text.
struct StamnrOrder: Comparable {
    var numeric: Bool
    var length: Int
    var key: String

    init(_ key: String) {
        self.key = key
        numeric = key.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        length = numeric ? key.utf8.count : 0
    }

    static func < (a: StamnrOrder, b: StamnrOrder) -> Bool {
        if a.numeric != b.numeric { return a.numeric }
        if a.length != b.length { return a.length < b.length }
        return a.key < b.key
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
