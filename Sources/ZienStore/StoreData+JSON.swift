import ZienCore

import Dispatch

extension StoreData {
    /// The document as written to disk, one section per line so a diff of two stores reads.
    public func encoded() -> [UInt8] { encodedParts().flatMap { $0 } }

    /// The document in consecutive parts (written one after the other, never joined in memory).
    /// The large sections are written on all cores at once, each into its own buffer.
    public func encodedParts() -> [[UInt8]] {
        encodedPieces(reusing: nil).map { piece in
            guard case .bytes(let b) = piece else { return [] }
            return b
        }
    }

    /// The document in consecutive pieces. With `reuse` (the layout of the document these records
    /// were decoded from, and what a commit changed since), a large section read as the writer
    /// writes it is made of that document's rows where the commit left them as they were: the
    /// same bytes as writing every record, far fewer written now.
    func encodedPieces(reusing reuse: StoreReuse?) -> [DocumentPiece] {
        let half = koppelingen.count / 2
        var sections: [[DocumentPiece]?] = [nil, nil]
        var couplings: [DocumentPiece]?
        if let reuse {
            if let l = reuse.layout.leerlingen {
                sections[0] = StoreData.keyedRows(l, leerlingen, touched: reuse.undo.createdLeerlingen + reuse.undo.formerLeerlingen.map(\.key),
                                                  read: reuse.read, rowKey: StoreDecoder.leerlingKey, write: StoreData.writeLeerling)
            }
            if let v = reuse.layout.verzorgers {
                sections[1] = StoreData.keyedRows(v, verzorgers, touched: reuse.undo.createdVerzorgers + reuse.undo.formerVerzorgers.map(\.id),
                                                  read: reuse.read, rowKey: StoreDecoder.verzorgerKey, write: StoreData.writeVerzorger)
            }
            couplings = reuse.layout.koppelingen.flatMap { reusedKoppelingen($0, reuse.undo, reuse.read) }
        }
        // What is not reused is written on all cores at once, each part into its own buffer.
        var jobs: [@Sendable () -> [UInt8]] = []
        if sections[0] == nil { jobs.append { [self] in rowsOfLeerlingen() } }
        if sections[1] == nil { jobs.append { [self] in rowsOfVerzorgers() } }
        if couplings == nil {
            jobs.append { [self] in StoreData.rowsOfKoppelingen(koppelingen[..<half], brackets: false) }
            jobs.append { [self] in StoreData.rowsOfKoppelingen(koppelingen[half...], brackets: false) }
        }
        var made = StoreData.runAll(jobs)[...]
        for n in sections.indices where sections[n] == nil { sections[n] = [.bytes(made.removeFirst())] }
        if couplings == nil {
            // The couplings' parts as one array: `[` rows `,` rows … `]`.
            var c: [DocumentPiece] = [.bytes([0x5B])]
            for part in made where !part.isEmpty {
                if c.count > 1 { c.append(.bytes([0x2C])) }
                c.append(.bytes(part))
            }
            c.append(.bytes([0x5D]))
            couplings = c
        }
        var result: [DocumentPiece] = []
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("format"); w.string("zien-shell-store")
        w.key("formatVersion"); w.int(formatVersion)
        w.key("revision"); w.int(revision)
        w.newline()
        w.key("vestigingen"); w.beginArray(); for v in vestigingen { w.string(v) }; w.endArray()
        if !commits.isEmpty {
            w.newline()
            w.key("commits"); w.beginArray(); for c in commits { w.string(c) }; w.endArray()
        }
        w.newline()
        w.key("leerlingen"); emitBig(&w, &result, sections[0] ?? [])
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
        w.key("verzorgers"); emitBig(&w, &result, sections[1] ?? [])
        w.newline()
        w.key("groepen"); w.beginArray()
        for g in groepen.sorted(by: { ($0.schooljaar.startYear, $0.vestiging, $0.code) < ($1.schooljaar.startYear, $1.vestiging, $1.code) }) {
            w.beginArray(); w.int(g.schooljaar.startYear); w.string(g.vestiging); w.string(g.code); w.endArray()
        }
        w.endArray()
        w.newline()
        // The couplings' parts as one array: `[` rows `,` rows … `]`.
        w.key("koppelingen"); emitBig(&w, &result, couplings ?? [])
        for (k, v) in other {
            w.newline()
            w.key(k); w.value(v)
        }
        // The closing brace on a line of its own: the couplings' line then ends where their
        // array does (what reading them ahead, on the other core, relies on).
        w.newline()
        w.endObject()
        w.newline()
        result.append(.bytes(w.bytes))
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
    func emitBig(_ w: inout JSONWriter, _ result: inout [DocumentPiece], _ big: [DocumentPiece]) {
        w.raw([])
        result.append(.bytes(w.bytes))
        result += big
        w = JSONWriter(capacity: 4096, continuing: true)
    }

    /// `[[…], …]` of the pupils, sorted by key (sorted keys are cheap to move; the file is the
    /// same every time).
    func rowsOfLeerlingen() -> [UInt8] { StoreData.sortedRows(leerlingen, rowSize: 120, write: StoreData.writeLeerling) }

    /// One pupil row: the record's fields in order.
    static func writeLeerling(_ w: inout JSONWriter, _ l: Leerling) {
        w.beginArray()
        w.string(l.key); w.string(l.stamnr); w.string(l.roepnaam); w.string(l.tussenvoegsel); w.string(l.achternaam)
        w.day(l.geboortedatum); w.string(l.geslacht.rawValue); w.optional(l.email); w.day(l.vertrekdatum)
        w.endArray()
    }

    func rowsOfVerzorgers() -> [UInt8] { StoreData.sortedRows(verzorgers, rowSize: 90, write: StoreData.writeVerzorger) }

    /// `[[…], …]` of `records` in key order.
    static func sortedRows<Record>(_ records: [String: Record], rowSize: Int, write: (inout JSONWriter, Record) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: records.count * rowSize)
        w.beginArray()
        for key in records.keys.sorted() {
            if let r = records[key] { write(&w, r) }
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
            // Compared as bytes: `!=` would take a name in another Unicode form for the same
            // and write the earlier row's bytes for it.
            if lastVestiging.map({ !Text.sameBytes(k.vestiging, $0) }) ?? true {
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
    /// Decodes a document from its bytes with the store's direct decoder.
    public init(decoding bytes: [UInt8]) throws {
        var p = StoreDecoder(bytes)
        self = try p.document()
    }
}
