#if canImport(Glibc)
import Glibc
#endif

/// A pupil's line in the leerling file, read as the store takes it: every value cleaned as the
/// diagnostics promise (an invalid e-mail is not imported, `x` is onbekend, …), without making
/// a String unless asked. The planner compares lines with stored records and makes records
/// from this view.
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
