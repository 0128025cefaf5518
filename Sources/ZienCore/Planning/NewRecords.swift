#if canImport(Glibc)
import Glibc
#endif

/// A pupil's line in the leerling file, read as the store takes it: every value cleaned as the
/// diagnostics promise (an invalid e-mail is not imported, `x` is onbekend, …), without making
/// a String unless asked. The planner compares lines with stored records and makes records
/// from this view, and a store writer encodes the same values straight from the line's bytes.
public struct PupilLine {
    let s: RecordScanner
    let pupil: ImportData.Pupil
    typealias L = Columns.L

    /// The pupil's key as the store writes it.
    public var key: String { pupil.key }
    /// The Vertrekdatum as imported (a passed one included).
    public var vertrekdatum: Day? { Day(packed: pupil.vertrek) }
    public var geboortedatum: Day? { s.withBytes(L.geboortedatum, Day.parse) }
    public var geslacht: Geslacht { PupilLine.geslacht(s, L.geslacht) }

    /// The verzorger slots (1–3) the line fills.
    public var verzorgerSlots: [Int] { (1...3).filter { pupil.verzorgers & (1 << ($0 - 1)) != 0 } }

    /// Calls `body` with the UTF-8 bytes of column `column` (trimmed, quotes undone).
    @inline(__always)
    public func text<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { s.withBytes(column, body) }

    /// Column `column` as a String.
    public func string(_ column: Int) -> String { s.string(column) }

    /// The e-mail address in column `column`, nil when empty or not an address (it is not imported).
    public func email<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        s.withBytes(column) { p in body(p.isEmpty || !FieldRules.isEmail(p) ? nil : p) }
    }

    /// The e-mail address in column `column` as a String, if imported.
    public func emailString(_ column: Int) -> String? { ImportData.email(s, column) }

    /// `ILT/leerjaar`, the extra of the pupil's vestiging coupling.
    public var extra: String { s.string(L.ilt) + "/" + s.string(L.leerjaar) }

    /// The gender in column `column`; onbekend when empty or unreadable.
    public func geslacht(_ column: Int) -> Geslacht { PupilLine.geslacht(s, column) }

    /// Post ouder in column `column`; no when empty or unreadable.
    public func post(_ column: Int) -> Bool { s.withBytes(column, FieldRules.post) ?? false }

    /// True when the line holds exactly what `l` holds: every text the same bytes, every other
    /// value the same (then there is no need to make its record to compare). False says
    /// nothing: the record is made and compared field by field.
    public func matches(_ l: Leerling) -> Bool {
        same(L.stamnr, l.stamnr) && same(L.roepnaam, l.roepnaam) && same(L.tussenvoegsel, l.tussenvoegsel)
            && same(L.achternaam, l.achternaam) && geboortedatum == l.geboortedatum && geslacht == l.geslacht
            && sameEmail(L.email, l.email) && vertrekdatum == l.vertrekdatum
    }

    /// As `matches(_:)`, for verzorger `v` of this pupil.
    public func matches(_ v: Verzorger) -> Bool {
        let c = L.verzorger(v.slot)
        guard 1...3 ~= v.slot, pupil.verzorgers & (1 << (v.slot - 1)) != 0 else { return false }
        return same(c, v.voorletters) && same(c + 1, v.tussenvoegsel) && same(c + 2, v.achternaam)
            && geslacht(c + 3) == v.geslacht && sameEmail(c + 4, v.email) && post(c + 5) == v.post
    }

    func same(_ column: Int, _ s: String) -> Bool {
        text(column) { p in
            s.utf8.withContiguousStorageIfAvailable { q in
                guard p.count == q.count else { return false }
                guard let a = p.baseAddress, let b = q.baseAddress else { return p.isEmpty }
                return memcmp(a, b, p.count) == 0
            } ?? s.utf8.elementsEqual(p)
        }
    }

    func sameEmail(_ column: Int, _ s: String?) -> Bool {
        let imported = email(column) { $0 != nil }
        guard let s else { return !imported }
        return imported && same(column, s)
    }

    /// The pupil record.
    public var leerling: Leerling {
        Leerling(key: key, stamnr: string(L.stamnr), roepnaam: string(L.roepnaam), tussenvoegsel: string(L.tussenvoegsel),
                 achternaam: string(L.achternaam), geboortedatum: geboortedatum, geslacht: geslacht,
                 email: emailString(L.email), vertrekdatum: vertrekdatum)
    }

    /// Verzorger `slot`'s record.
    public func verzorger(_ slot: Int) -> Verzorger {
        let c = L.verzorger(slot)
        return Verzorger(leerling: key, slot: slot, voorletters: string(c), tussenvoegsel: string(c + 1), achternaam: string(c + 2),
                         geslacht: geslacht(c + 3), email: emailString(c + 4), post: post(c + 5))
    }

    static func geslacht(_ s: RecordScanner, _ i: Int) -> Geslacht {
        if case .ok(let g) = s.withBytes(i, FieldRules.geslacht) { return g }
        return .onbekend
    }
}

extension ImportData {
    /// Calls `body` with pupil `i`'s line; nil for a pupil without one (known only from koppel).
    func withLine<R>(_ i: Int, _ body: (PupilLine) -> R) -> R? {
        withLines { lines in lines.line(i).map(body) }
    }

    /// Calls `body` with a reader of pupils' lines that makes no allocation per line.
    func withLines<R>(_ body: (inout PupilLines) -> R) -> R {
        guard let file = files[.leerling] else {
            var none = PupilLines(pupils: [], cursor: RecordCursor(scanner: RecordScanner(text: UnsafeBufferPointer(start: nil, count: 0), delimiter: .semicolon), offsets: [], lines: []))
            return body(&none)
        }
        return file.withRecords { cursor in
            var lines = PupilLines(pupils: pupils, cursor: cursor)
            return body(&lines)
        }
    }
}

/// Reads pupils' lines by pupil index (see `ImportData.withLines`).
public struct PupilLines {
    /// The pupils, empty when no leerling file is loaded.
    let pupils: [ImportData.Pupil]
    var cursor: RecordCursor

    /// Pupil `i`'s line; nil for a pupil without one. Valid until the next call: the lines
    /// share one scanner.
    public mutating func line(_ i: Int) -> PupilLine? {
        guard i < pupils.count, case let p = pupils[i], p.record >= 0 else { return nil }
        return PupilLine(s: cursor.read(Int(p.record)), pupil: p)
    }
}

/// What a change set adds to the store — new pupils, verzorgers and couplings — as references
/// to the file's lines and a table of texts, so that a writer can encode a board's first import
/// without making a record per pupil and a coupling value per row. `StoreSnapshot.apply` makes
/// its records from the same description, so both ways store the same values.
public struct NewRecords: Sendable {
    /// A new coupling: onderwerp, doel and extra are indices into `texts` (extra -1: empty).
    public struct Coupling: Sendable {
        public var soort: KoppelSoort
        public var onderwerp: Int32
        public var doel: Int32
        public var extra: Int32
        public var einde: Day?
    }

    let data: ImportData
    /// New pupils as (key, pupil index), sorted by key, each key once.
    public let pupils: [(key: String, pupil: Int32)]
    /// New verzorgers as (id, pupil index, slot), sorted by id, each id once.
    public let verzorgers: [(id: String, pupil: Int32, slot: Int8)]
    /// Every text a new coupling refers to, each once.
    public let texts: [String]
    /// The new couplings in the order they are appended.
    public let couplings: [Coupling]
    public let schooljaar: Schooljaar
    public let vestiging: String
    /// The day new couplings start.
    public let start: Day

    init(data: ImportData, pupils: [(key: String, pupil: Int32)], verzorgers: [(id: String, pupil: Int32, slot: Int8)],
         texts: [String], couplings: [Coupling], schooljaar: Schooljaar, vestiging: String, start: Day) {
        self.data = data
        self.pupils = pupils
        self.verzorgers = verzorgers
        self.texts = texts
        self.couplings = couplings
        self.schooljaar = schooljaar
        self.vestiging = vestiging
        self.start = start
    }

    /// Nothing new.
    public init() {
        self.init(data: ImportData(), pupils: [], verzorgers: [], texts: [], couplings: [],
                  schooljaar: Schooljaar(startYear: 2000), vestiging: "", start: Day(unchecked: 2000, 8, 1))
    }

    public var isEmpty: Bool { pupils.isEmpty && verzorgers.isEmpty && couplings.isEmpty }

    /// Calls `body` with a reader of the pupils' lines (for reading many).
    public func withLines<R>(_ body: (inout PupilLines) -> R) -> R { data.withLines(body) }

    /// `list` sorted by `key`; of equal keys only the last in `list` is kept (as assigning each
    /// in turn to a dictionary would).
    static func sortedOnce<T>(_ list: [T], by key: (T) -> String) -> [T] {
        let order = list.indices.sorted { a, b in
            let ka = key(list[a]), kb = key(list[b])
            return ka < kb || (ka == kb && a < b)
        }
        var out: [T] = []
        out.reserveCapacity(list.count)
        for (n, i) in order.enumerated() where n + 1 == order.count || key(list[order[n + 1]]) != key(list[i]) {
            out.append(list[i])
        }
        return out
    }

    /// The `i`-th new coupling as the store holds it.
    public func koppeling(_ i: Int) -> Koppeling {
        let c = couplings[i]
        return Koppeling(soort: c.soort, schooljaar: schooljaar, vestiging: vestiging, onderwerp: texts[Int(c.onderwerp)],
                         doel: texts[Int(c.doel)], extra: c.extra < 0 ? "" : texts[Int(c.extra)], start: start, einde: c.einde)
    }
}

extension ChangeSet {
    /// What this change set adds, for writing (see `NewRecords`).
    public func newRecords() -> NewRecords {
        let data = imported
        let pupils = NewRecords.sortedOnce(newPupils.map { (key: data.pupils[Int($0)].key, pupil: $0) }, by: \.key)
        let verzorgers = NewRecords.sortedOnce(newVerzorgers.map { n in
            (id: Verzorger.id(data.pupils[Int(n.pupil)].key, Int(n.slot)), pupil: n.pupil, slot: n.slot)
        }, by: \.id)

        // The couplings' texts: each pupil key, group, slot, mentor target and medewerker once.
        var texts: [String] = []
        func table(_ n: Int) -> [Int32] { [Int32](repeating: -1, count: n) }
        var pupilText = table(data.pupils.count)
        var groupText = table(data.groups.count), staffText = table(data.medewerkerOrder.count)
        var mentorText = table(data.medewerkerOrder.count * 4), slotText = table(4)
        var packedText: [UInt64: Int32] = [:]
        func text(_ slot: inout Int32, _ make: () -> String) -> Int32 {
            if slot < 0 { slot = fresh(make()) }
            return slot
        }
        func fresh(_ s: String) -> Int32 {
            texts.append(s)
            return Int32(texts.count - 1)
        }
        let empty = fresh("")
        var couplings: [NewRecords.Coupling] = []
        couplings.reserveCapacity(newCouplings.count)
        for n in newCouplings {
            let w = data.couplings[Int(n)]
            let t = Int(w.target), p = Int(w.subject)
            var c = NewRecords.Coupling(soort: w.soort, onderwerp: empty, doel: empty, extra: -1, einde: data.einde(w))
            if w.soort == .docent {
                c.onderwerp = text(&groupText[p]) { data.groups[p] }
                c.doel = text(&staffText[t]) { data.medewerkerOrder[t] }
            } else {
                c.onderwerp = text(&pupilText[p]) { data.pupils[p].key }
            }
            switch w.soort {
            case .vestiging:
                // ILT/leerjaar: packed by the check, a handful of texts for a whole school. An
                // unpacked one (not short digits) comes with a Fout, so it is never committed
                // from the shell: read from the line.
                let packed = data.pupils[p].extra
                c.extra = packed != 0 ? text(&packedText[packed, default: -1]) { ImportData.Pupil.unpackExtra(packed) }
                    : fresh(data.extra(w))
            case .verzorger:
                c.doel = t < 4 ? text(&slotText[t]) { String(t) } : fresh(String(t))
            case .mentor: c.doel = text(&mentorText[t]) { ImportData.mentorSlots[t & 3] + data.medewerkerOrder[t >> 2] }
            case .stamgroep, .groep: c.doel = text(&groupText[t]) { data.groups[t] }
            case .docent: break
            }
            couplings.append(c)
        }
        return NewRecords(data: data, pupils: pupils, verzorgers: verzorgers, texts: texts, couplings: couplings,
                          schooljaar: schooljaar, vestiging: vestiging, start: start)
    }
}
