import ZienCore

/// A deterministic generator of Magister exports for a realistic Dutch school: names with
/// tussenvoegsels and diacritics, classes per leerjaar, mentors, verzorgers, lesgroepen and
/// several vestigingen — in any charset and delimiter, with defects placed where a test wants.
public struct SchoolGenerator: Sendable {
    /// How the files are written.
    public struct Format: Sendable {
        public var charset: Charset = .utf8
        public var delimiter: Delimiter = .semicolon
        public var crlf = false
        public var bom = false
        public var header: HeaderKind = .line1
        public var finalNewline = true
        public init() {}
    }

    /// A change to one field: `line` is the physical line (records are one line each, so the
    /// first record is line 2 with a header, 1 without), `column` is 0-based.
    public struct Defect: Sendable {
        public var line: Int
        public var column: Int
        public var value: String
        public init(line: Int, column: Int, value: String) {
            self.line = line
            self.column = column
            self.value = value
        }
    }

    public var pupils: Int
    public var seed: UInt64
    /// The vestigingen; pupils go to the first unless `otherVestigingShare` sends some elsewhere.
    public var vestigingen: [String]
    /// Fraction (0–1) of pupils placed in the other vestigingen.
    public var otherVestigingShare: Double
    public var format: Format

    public init(pupils: Int = 40, seed: UInt64 = 1, vestigingen: [String] = ["Leeuwenbrug", "Het Baken"],
                otherVestigingShare: Double = 0, format: Format = Format()) {
        self.pupils = pupils
        self.seed = seed
        self.vestigingen = vestigingen
        self.otherVestigingShare = otherVestigingShare
        self.format = format
    }

    // MARK: - The school as rows

    /// The leerling rows (45 fields each), without header.
    public func leerlingRows() -> [[String]] {
        var rng = SplitMix64(seed: seed)
        let names = NamePool(charset: format.charset)
        let staff = staffPool()
        var rows: [[String]] = []
        rows.reserveCapacity(pupils)
        for i in 0..<pupils {
            let leerjaar = 1 + (i * 6) / max(pupils, 1)
            let klasIndex = rng.next(4)
            let klas = "\(leerjaar)\(["A", "B", "C", "D"][klasIndex])"
            let vestiging = vestigingFor(&rng)
            let roepnaam = names.firstNames[rng.next(names.firstNames.count)]
            let (tv, achternaam) = names.surnames[rng.next(names.surnames.count)]
            let birthYear = 2026 - 11 - leerjaar - rng.next(2)
            let geboortedatum = "\(pad(1 + rng.next(28)))-\(pad(1 + rng.next(12)))-\(birthYear)"
            let geslacht = ["m", "v", "v", "m", "man", "vrouw", "o"][rng.next(7)]
            let stamnr = String(10000 + i * 3 + rng.next(3))
            var row = [stamnr, roepnaam, tv, achternaam, geboortedatum, geslacht,
                       "\(ascii(roepnaam)).\(ascii(achternaam))@leerling.example.nl".lowercased(),
                       rng.next(50) == 0 ? "31-07-2027" : "", vestiging,
                       ["2531", "371", "372", "2534"][rng.next(4)], String(leerjaar), klas]
            let verzorgers = [1, 2, 2, 2, 1, 0][rng.next(6)]
            for slot in 0..<3 {
                if slot < verzorgers {
                    let vn = names.firstNames[rng.next(names.firstNames.count)]
                    let mv = slot == 0 ? "v" : "m"
                    row += ["\(vn.prefix(1)).", tv, achternaam, mv,
                            "\(ascii(vn)).\(ascii(achternaam))@example.nl".lowercased(), slot == 0 ? "ja" : "nee"]
                } else {
                    row += ["", "", "", "", "", ""]
                }
            }
            let m1 = staff[(leerjaar * 4 + klasIndex) % staff.count]
            let m2 = staff[(leerjaar * 4 + klasIndex + 7) % staff.count]
            row += m1
            row += klasIndex == 0 ? m2 : ["", "", "", "", ""]
            row += rng.next(3) == 0 ? staff[(i * 13) % staff.count] : ["", "", "", "", ""]
            rows.append(row)
        }
        return rows
    }

    /// The groepen rows (7 fields): each klas with its mentor, and lesgroepen per leerjaar.
    public func groepenRows() -> [[String]] {
        let staff = staffPool()
        var rows: [[String]] = []
        let v = vestigingen[0]
        for leerjaar in 1...6 {
            for (k, letter) in ["A", "B", "C", "D"].enumerated() {
                let m = staff[(leerjaar * 4 + k) % staff.count]
                rows.append(["\(leerjaar)\(letter)", m[0], m[1], m[2], m[3], m[4], v])
            }
            for (j, vak) in ["ne", "en", "wi"].enumerated() {
                let d = staff[(leerjaar * 3 + j + 5) % staff.count]
                rows.append(["\(leerjaar)-\(vak)", d[0], d[1], d[2], d[3], d[4], v])
            }
        }
        return rows
    }

    /// The koppel rows (3 fields): every pupil of the first vestiging in two lesgroepen.
    public func koppelRows() -> [[String]] { koppelRows(leerlingRows()) }

    /// The koppel rows of the pupils in `leerling` (rows as `leerlingRows` gives them).
    public func koppelRows(_ leerling: [[String]]) -> [[String]] {
        var rows: [[String]] = []
        for r in leerling where r[8] == vestigingen[0] {
            let leerjaar = r[10]
            rows.append(["\(leerjaar)-ne", r[8], r[0]])
            rows.append(["\(leerjaar)-wi", r[8], r[0]])
        }
        return rows
    }

    // MARK: - A week later

    /// The same school a week later, as an admin's weekly import sees it: every pupil of 1A in
    /// the first vestiging moved to 1B (with 1B's mentor), class 2C a new mentor (in the
    /// leerling and the groepen file), two new pupils, one pupil gone, one e-mail changed.
    public struct WeekLater: Sendable {
        public var leerling: [[String]]
        public var groepen: [[String]]
        public var koppel: [[String]]
        /// The Stamnrs moved from 1A to 1B, of class 2C, new, and gone.
        public var moved: [String], mentorSwapped: [String], added: [String], gone: String
    }

    public func weekLater() -> WeekLater {
        typealias L = Columns.L
        let staff = staffPool()
        let v = vestigingen[0]
        var rows = leerlingRows()
        let mentor1B = staff[(1 * 4 + 1) % staff.count]
        let newMentor = staff[staff.count - 1]
        var moved: [String] = [], swapped: [String] = []
        for i in rows.indices where rows[i][L.vestiging] == v {
            if rows[i][L.klas] == "1A" {
                rows[i][L.klas] = "1B"
                rows[i].replaceSubrange(L.mentor(0)..<(L.mentor(0) + 10), with: mentor1B + ["", "", "", "", ""])
                moved.append(rows[i][L.stamnr])
            } else if rows[i][L.klas] == "2C" {
                rows[i].replaceSubrange(L.mentor(0)..<(L.mentor(0) + 5), with: newMentor)
                swapped.append(rows[i][L.stamnr])
            }
        }
        // One e-mail changed: the first pupil of the vestiging outside the classes above.
        if let i = rows.indices.first(where: { rows[$0][L.vestiging] == v && !["1A", "1B", "2C"].contains(rows[$0][L.klas]) }) {
            rows[i][L.email] = "nieuw." + rows[i][L.email]
        }
        // Gone: the last pupil of the vestiging.
        var gone = ""
        if let i = rows.indices.last(where: { rows[$0][L.vestiging] == v }) {
            gone = rows[i][L.stamnr]
            rows.remove(at: i)
        }
        // Two new pupils, from another seed of the same school, in leerjaar 1.
        var other = self
        other.seed = seed &+ 1
        other.otherVestigingShare = 0
        var added: [String] = []
        for (n, var r) in other.leerlingRows().prefix(2).enumerated() {
            r[L.stamnr] = String(20001 + n)
            added.append(r[L.stamnr])
            rows.append(r)
        }
        var groepen = groepenRows()
        for i in groepen.indices where groepen[i][0] == "2C" {
            groepen[i].replaceSubrange(1..<6, with: newMentor)
        }
        return WeekLater(leerling: rows, groepen: groepen, koppel: koppelRows(rows), moved: moved, mentorSwapped: swapped,
                         added: added, gone: gone)
    }

    func vestigingFor(_ rng: inout SplitMix64) -> String {
        guard vestigingen.count > 1, otherVestigingShare > 0 else { return vestigingen[0] }
        if Double(rng.next(10_000)) / 10_000 < otherVestigingShare {
            return vestigingen[1 + rng.next(vestigingen.count - 1)]
        }
        return vestigingen[0]
    }

    /// Staff as mentor blocks: number, roepnaam, tussenvoegsel, achternaam, e-mail. The same
    /// in every charset (names ISO-8859-1 can write), so files of one school always agree.
    func staffPool() -> [[String]] {
        let names = NamePool(charset: .iso88591)
        var rng = SplitMix64(seed: 0x5EED)
        return (0..<40).map { i in
            let vn = names.firstNames[rng.next(names.firstNames.count)]
            let (tv, an) = names.surnames[rng.next(names.surnames.count)]
            return [String(4100 + i), vn, tv, an, "\(ascii(vn.prefix(1))).\(ascii(an))@school.example.nl".lowercased()]
        }
    }

    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Letters without diacritics and spaces, for e-mail addresses.
    func ascii<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        for ch in String(s).decomposedASCII where ch.isLetter || ch == "-" { out.append(ch) }
        return out
    }

    // MARK: - Files

    /// The whole file of `soort` as bytes, with `defects` applied.
    public func file(_ soort: Soort, defects: [Defect] = []) -> [UInt8] {
        let rows: [[String]]
        switch soort {
        case .leerling: rows = leerlingRows()
        case .groepen: rows = groepenRows()
        case .koppel: rows = koppelRows()
        }
        return render(soort, rows, defects: defects)
    }

    /// Renders rows as the format says, quoting only where needed.
    public func render(_ soort: Soort, _ rows: [[String]], defects: [Defect] = [], header: [String]? = nil) -> [UInt8] {
        var lines: [String] = []
        let d = format.delimiter.character
        let headerNames = header ?? soort.columns
        switch format.header {
        case .none: break
        case .line1: lines.append(headerNames.map { quote($0) }.joined(separator: d))
        case .split:
            let joined = headerNames.map { quote($0) }.joined(separator: d)
            lines.append(contentsOf: joined.replacingFirst("Administratieve eenheid Klas", with: "Administratieve eenheid\nKlas").split(separator: "\n").map(String.init))
        }
        let offset = lines.count
        var rows = rows
        for defect in defects {
            let i = defect.line - offset - 1
            guard i >= 0, i < rows.count else { continue }
            while rows[i].count <= defect.column { rows[i].append("") }
            rows[i][defect.column] = defect.value
        }
        for r in rows { lines.append(r.map { quote($0) }.joined(separator: d)) }
        let eol = format.crlf ? "\r\n" : "\n"
        var text = lines.joined(separator: eol)
        if format.finalNewline { text += eol }
        var out: [UInt8] = format.bom ? format.charset.byteOrderMark : []
        out += TextDecoder.encode(text, as: format.charset) ?? Array(text.utf8)
        return out
    }

    /// As `export` quotes, and leading or trailing spaces too (the reader trims them outside quotes).
    func quote(_ s: String) -> String {
        Exporter.quoted(s, format.delimiter, always: s.hasPrefix(" ") || s.hasSuffix(" "))
    }
}

/// A small, fast, seedable random source (SplitMix64), so fixtures are the same everywhere.
public struct SplitMix64: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in 0..<n.
    public mutating func next(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

extension String {
    func replacingAll(_ a: String, with b: String) -> String {
        guard !a.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func replacingFirst(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { return self }
        return String(self[..<r.lowerBound]) + b + String(self[r.upperBound...])
    }

    var decomposedASCII: String {
        var out = ""
        let base = replacingAll("ø", with: "o").replacingAll("ı", with: "i")
        for s in base.decomposedStringWithCanonicalMapping.unicodeScalars where s.isASCII { out.unicodeScalars.append(s) }
        return out
    }
}

import Foundation
