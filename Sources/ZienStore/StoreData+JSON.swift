import ZienCore

import Dispatch

extension StoreData {
    /// The document as written to disk, one section per line so a diff of two stores reads.
    public func encoded() -> [UInt8] { encodedParts().flatMap { $0 } }

    /// The document in consecutive parts (written one after the other, never joined in memory).
    /// The large sections are written on all cores at once, each into its own buffer. `new`
    /// (what a change set adds, left out of these records by `apply(_:addingNew: false)`) is
    /// encoded straight from the file's lines, into the same bytes its records would give.
    public func encodedParts(adding new: NewRecords = NewRecords()) -> [[UInt8]] {
        let half = koppelingen.count / 2
        let added = new.couplings.count
        let texts = StoreData.textJSON(new)
        // First the new pupils' and verzorgers' rows beside the couplings, then the pupil and
        // verzorger sections in key order, stored and new rows together.
        var rows = NewRows()
        let out = withUnsafeMutablePointer(to: &rows) { slot in
            let target = UncheckedSendable(slot)
            return StoreData.runAll([
                { target.value.pointee = NewRows(new); return [] },
                { [self] in StoreData.rowsOfKoppelingen(koppelingen[..<half], brackets: false) },
                { [self] in StoreData.rowsOfKoppelingen(koppelingen[half...], brackets: false) },
                { StoreData.rowsOfNewKoppelingen(new, texts, 0..<added / 2) },
                { StoreData.rowsOfNewKoppelingen(new, texts, added / 2..<added) },
            ])
        }
        let sections = StoreData.runAll([
            { [self, rows] in rowsOfLeerlingen(adding: new, rows) },
            { [self, rows] in rowsOfVerzorgers(adding: new, rows) },
        ])
        var result: [[UInt8]] = []
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("format"); w.string("zien-shell-store")
        w.key("formatVersion"); w.int(formatVersion)
        w.key("revision"); w.int(revision)
        w.newline()
        w.key("vestigingen"); w.beginArray(); for v in vestigingen { w.string(v) }; w.endArray()
        w.newline()
        w.key("leerlingen"); emitBig(&w, &result, sections[0])
        w.newline()
        w.key("medewerkers"); w.beginArray()
        for key in medewerkers.keys.sorted() {
            guard let m = medewerkers[key] else { continue }
            w.beginArray()
            w.string(m.key); w.string(m.nummer); w.string(m.roepnaam); w.string(m.tussenvoegsel); w.string(m.achternaam); w.optional(m.email)
            w.endArray()
        }
        w.endArray()
        w.newline()
        w.key("verzorgers"); emitBig(&w, &result, sections[1])
        w.newline()
        w.key("groepen"); w.beginArray()
        for g in groepen.sorted(by: { ($0.schooljaar.startYear, $0.vestiging, $0.code) < ($1.schooljaar.startYear, $1.vestiging, $1.code) }) {
            w.beginArray(); w.int(g.schooljaar.startYear); w.string(g.vestiging); w.string(g.code); w.endArray()
        }
        w.endArray()
        w.newline()
        // The couplings' parts as one array: `[` rows `,` rows … `]`.
        w.key("koppelingen")
        w.raw([0x5B])
        result.append(w.bytes)
        var first = true
        for part in out[1...] where !part.isEmpty {
            if !first { result.append([0x2C]) }
            result.append(part)
            first = false
        }
        result.append([0x5D])
        w = JSONWriter(capacity: 4096, continuing: true)
        w.newline()
        w.key("importlog"); w.beginArray(); for text in importLog.texts { w.raw(text) }; w.endArray()
        for (k, v) in other {
            w.newline()
            w.key(k); w.value(v)
        }
        w.endObject()
        w.newline()
        result.append(w.bytes)
        return result
    }

    /// Runs `parts` on all cores; their results in order.
    static func runAll(_ parts: [@Sendable () -> [UInt8]]) -> [[UInt8]] {
        var out = [[UInt8]](repeating: [], count: parts.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: parts.count) { i in slots.value[i] = parts[i]() }
        }
        return out
    }

    /// Ends the writer's part with `big` as the next value, and starts a new part after it.
    func emitBig(_ w: inout JSONWriter, _ result: inout [[UInt8]], _ big: [UInt8]) {
        w.raw([])
        result.append(w.bytes)
        result.append(big)
        w = JSONWriter(capacity: 4096, continuing: true)
    }

    /// `[[…], …]` of the pupils, sorted by key (sorted keys are cheap to move; the file is the
    /// same every time), with `new`'s pupils merged in from their lines.
    func rowsOfLeerlingen(adding new: NewRecords = NewRecords(), _ rows: NewRows = NewRows()) -> [UInt8] {
        StoreData.sortedRows(leerlingen, rowSize: 120, adding: new.pupils.lazy.map(\.key), rows.pupils, of: rows.bytes,
                             write: StoreData.writeLeerling)
    }

    /// One pupil row: the record's fields in order.
    static func writeLeerling(_ w: inout JSONWriter, _ l: Leerling) {
        w.beginArray()
        w.string(l.key); w.string(l.stamnr); w.string(l.roepnaam); w.string(l.tussenvoegsel); w.string(l.achternaam)
        w.day(l.geboortedatum); w.string(l.geslacht.rawValue); w.optional(l.email); w.day(l.vertrekdatum)
        w.endArray()
    }

    /// The same row from the pupil's line (the values `PupilLine.leerling` would hold).
    static func writeLeerling(_ w: inout JSONWriter, _ p: PupilLine) {
        typealias L = Columns.L
        w.beginArray()
        w.string(p.key)
        for column in L.stamnr...L.achternaam { p.text(column) { w.string(utf8: $0) } }
        w.day(p.geboortedatum); w.string(p.geslacht.rawValue)
        p.email(L.email) { if let e = $0 { w.string(utf8: e) } else { w.null() } }
        w.day(p.vertrekdatum)
        w.endArray()
    }

    func rowsOfVerzorgers(adding new: NewRecords = NewRecords(), _ rows: NewRows = NewRows()) -> [UInt8] {
        StoreData.sortedRows(verzorgers, rowSize: 90, adding: new.verzorgers.lazy.map(\.id), rows.verzorgers, of: rows.bytes,
                             write: StoreData.writeVerzorger)
    }

    /// `[[…], …]` of `records` in key order, with the new rows (keys `added`, sorted; row `b`
    /// written at `spans[b]` of `written`) merged in.
    static func sortedRows<Record, Keys: Collection>(_ records: [String: Record], rowSize: Int, adding added: Keys,
                                                     _ spans: [Range<Int>], of written: [UInt8],
                                                     write: (inout JSONWriter, Record) -> Void) -> [UInt8]
    where Keys.Element == String, Keys.Index == Int {
        var w = JSONWriter(capacity: records.count * rowSize + written.count / 2)
        w.beginArray()
        written.withUnsafeBufferPointer { bytes in
            merge(records.keys.sorted(), added) { key in
                if let r = records[key] { write(&w, r) }
            } new: { b in
                if !spans[b].isEmpty { w.raw(UnsafeBufferPointer(rebasing: bytes[spans[b]])) }
            }
        }
        w.endArray()
        return w.bytes
    }

    static func writeVerzorger(_ w: inout JSONWriter, _ v: Verzorger) {
        w.beginArray()
        w.string(v.leerling); w.int(v.slot); w.string(v.voorletters); w.string(v.tussenvoegsel); w.string(v.achternaam)
        w.string(v.geslacht.rawValue); w.optional(v.email); w.bool(v.post)
        w.endArray()
    }

    /// The same row from the pupil's line (the values `PupilLine.verzorger(slot)` would hold).
    static func writeVerzorger(_ w: inout JSONWriter, _ p: PupilLine, slot: Int) {
        let c = Columns.L.verzorger(slot)
        w.beginArray()
        w.string(p.key); w.int(slot)
        for column in c..<c + 3 { p.text(column) { w.string(utf8: $0) } }
        w.string(p.geslacht(c + 3).rawValue)
        p.email(c + 4) { if let e = $0 { w.string(utf8: e) } else { w.null() } }
        w.bool(p.post(c + 5))
        w.endArray()
    }

    /// Walks the sorted keys of the records and of the new ones (sorted, distinct) in one order;
    /// a new record replaces a stored one with its key, as assigning it would.
    static func merge<New: Collection>(_ keys: [String], _ added: New, stored: (String) -> Void, new: (Int) -> Void)
    where New.Element == String, New.Index == Int {
        var a = 0, b = added.startIndex
        while a < keys.count || b < added.endIndex {
            if b < added.endIndex && (a == keys.count || added[b] <= keys[a]) {
                if a < keys.count && added[b] == keys[a] { a += 1 }
                new(b)
                b += 1
            } else {
                stored(keys[a])
                a += 1
            }
        }
    }

    static let emptyString: [UInt8] = [0x22, 0x22]

    /// `s` as a JSON string.
    static func json(_ s: String) -> [UInt8] {
        var one = JSONWriter(capacity: s.utf8.count + 8)
        one.string(s)
        return one.bytes
    }

    /// Each soort's name as a JSON string, made once.
    static let soorten = KoppelSoort.allCases.map { json($0.rawValue) }
    static func soortJSON(_ soort: KoppelSoort) -> [UInt8] { soorten[soort.index] }

    /// The couplings' rows; without `brackets` only the rows and their commas (one part of the
    /// array written in parts, so the large halves are never copied to be joined).
    static func rowsOfKoppelingen(_ list: ArraySlice<Koppeling>, brackets: Bool = true) -> [UInt8] {
        var w = JSONWriter(capacity: list.count * 64)
        if brackets { w.beginArray() }
        // The soort, the vestiging and an empty extra repeat row after row: their JSON is made
        // once and copied (string escaping was a fifth of a board's first commit).
        var lastVestiging: String?
        var vestigingJSON: [UInt8] = []
        for k in list {
            w.beginArray()
            w.raw(StoreData.soortJSON(k.soort))
            w.int(k.schooljaar.startYear)
            if k.vestiging != lastVestiging {
                vestigingJSON = StoreData.json(k.vestiging)
                lastVestiging = k.vestiging
            }
            w.raw(vestigingJSON)
            w.string(k.onderwerp); w.string(k.doel)
            if k.extra.isEmpty { w.raw(StoreData.emptyString) } else { w.string(k.extra) }
            w.day(k.start); w.day(k.einde)
            w.endArray()
        }
        if brackets { w.endArray() }
        return w.bytes
    }
}

extension StoreData {
    /// Every text of `new`'s couplings as JSON, in one buffer: text `i` is `bytes[ends[i]..<ends[i + 1]]`.
    static func textJSON(_ new: NewRecords) -> ([UInt8], [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(new.texts.count * 12)
        var ends = [0]
        ends.reserveCapacity(new.texts.count + 1)
        for t in new.texts {
            JSONValue.writeString(t, to: &bytes)
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    /// The rows of `new`'s couplings in `range`, with their commas, as `rowsOfKoppelingen`
    /// writes the couplings `new.koppeling(i)` would make.
    static func rowsOfNewKoppelingen(_ new: NewRecords, _ texts: ([UInt8], [Int]), _ range: Range<Int>) -> [UInt8] {
        var w = JSONWriter(capacity: range.count * 64)
        let vestiging = StoreData.json(new.vestiging), year = new.schooljaar.startYear
        let ends = texts.1
        texts.0.withUnsafeBufferPointer { all in
            func text(_ i: Int32) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[ends[Int(i)]..<ends[Int(i) + 1]]) }
            for i in range {
                let c = new.couplings[i]
                w.beginArray()
                w.raw(StoreData.soortJSON(c.soort))
                w.int(year)
                w.raw(vestiging)
                w.raw(text(c.onderwerp)); w.raw(text(c.doel))
                if c.extra < 0 { w.raw(StoreData.emptyString) } else { w.raw(text(c.extra)) }
                w.day(new.start); w.day(c.einde)
                w.endArray()
            }
        }
        return w.bytes
    }
}

extension StoreData {
    /// Decodes a document from its bytes with the store's direct decoder.
    public init(decoding bytes: [UInt8]) throws {
        var p = StoreDecoder(bytes)
        self = try p.document()
    }
}
