import ZienCore

import Dispatch

extension StoreData {
    /// The document as written to disk, one section per line so a diff of two stores reads.
    public func encoded() -> [UInt8] { encodedParts().flatMap { $0 } }

    /// The document in consecutive parts (written one after the other, never joined in memory).
    /// The large sections are written on all cores at once, each into its own buffer.
    public func encodedParts() -> [[UInt8]] {
        let half = koppelingen.count / 2
        let parts: [@Sendable () -> [UInt8]] = [
            { [self] in rowsOfLeerlingen() },
            { [self] in rowsOfVerzorgers() },
            { [self] in StoreData.rowsOfKoppelingen(koppelingen[..<half], brackets: false) },
            { [self] in StoreData.rowsOfKoppelingen(koppelingen[half...], brackets: false) },
        ]
        var out = [[UInt8]](repeating: [], count: parts.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: parts.count) { i in slots.value[i] = parts[i]() }
        }
        var result: [[UInt8]] = []
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("format"); w.string("zien-shell-store")
        w.key("formatVersion"); w.int(formatVersion)
        w.key("revision"); w.int(revision)
        w.newline()
        w.key("vestigingen"); w.beginArray(); for v in vestigingen { w.string(v) }; w.endArray()
        w.newline()
        w.key("leerlingen"); emitBig(&w, &result, out[0])
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
        w.key("verzorgers"); emitBig(&w, &result, out[1])
        w.newline()
        w.key("groepen"); w.beginArray()
        for g in groepen.sorted(by: { ($0.schooljaar.startYear, $0.vestiging, $0.code) < ($1.schooljaar.startYear, $1.vestiging, $1.code) }) {
            w.beginArray(); w.int(g.schooljaar.startYear); w.string(g.vestiging); w.string(g.code); w.endArray()
        }
        w.endArray()
        w.newline()
        // The two halves of the couplings, as one array: `[` first-half-rows `,` second-half-rows `]`.
        w.key("koppelingen")
        w.raw([0x5B])
        result.append(w.bytes)
        result.append(out[2])
        result.append(!out[2].isEmpty && !out[3].isEmpty ? [0x2C] : [])
        result.append(out[3])
        result.append([0x5D])
        w = JSONWriter(capacity: 4096, continuing: true)
        w.newline()
        w.key("importlog"); w.beginArray(); for e in importLog { w.value(e) }; w.endArray()
        for (k, v) in other {
            w.newline()
            w.key(k); w.value(v)
        }
        w.endObject()
        w.newline()
        result.append(w.bytes)
        return result
    }

    /// Ends the writer's part with `big` as the next value, and starts a new part after it.
    func emitBig(_ w: inout JSONWriter, _ result: inout [[UInt8]], _ big: [UInt8]) {
        w.raw([])
        result.append(w.bytes)
        result.append(big)
        w = JSONWriter(capacity: 4096, continuing: true)
    }

    /// `[[…], …]` of the pupils, sorted by key (sorted keys are cheap to move; the file is the
    /// same every time).
    func rowsOfLeerlingen() -> [UInt8] {
        var w = JSONWriter(capacity: leerlingen.count * 120)
        w.beginArray()
        for key in leerlingen.keys.sorted() {
            guard let l = leerlingen[key] else { continue }
            w.beginArray()
            w.string(l.key); w.string(l.stamnr); w.string(l.roepnaam); w.string(l.tussenvoegsel); w.string(l.achternaam)
            w.day(l.geboortedatum); w.string(l.geslacht.rawValue); w.optional(l.email); w.day(l.vertrekdatum)
            w.endArray()
        }
        w.endArray()
        return w.bytes
    }

    func rowsOfVerzorgers() -> [UInt8] {
        var w = JSONWriter(capacity: verzorgers.count * 90)
        w.beginArray()
        for id in verzorgers.keys.sorted() {
            guard let v = verzorgers[id] else { continue }
            w.beginArray()
            w.string(v.leerling); w.int(v.slot); w.string(v.voorletters); w.string(v.tussenvoegsel); w.string(v.achternaam)
            w.string(v.geslacht.rawValue); w.optional(v.email); w.bool(v.post)
            w.endArray()
        }
        w.endArray()
        return w.bytes
    }

    static let emptyString: [UInt8] = [0x22, 0x22]

    /// The couplings' rows; without `brackets` only the rows and their commas (one part of the
    /// array written in parts, so the large halves are never copied to be joined).
    static func rowsOfKoppelingen(_ list: ArraySlice<Koppeling>, brackets: Bool = true) -> [UInt8] {
        var w = JSONWriter(capacity: list.count * 64)
        if brackets { w.beginArray() }
        // The soort, the vestiging and an empty extra repeat row after row: their JSON is made
        // once and copied (string escaping was a fifth of a board's first commit).
        func json(_ s: String) -> [UInt8] {
            var one = JSONWriter(capacity: s.utf8.count + 8)
            one.string(s)
            return one.bytes
        }
        let soorten = KoppelSoort.allCases.map { json($0.rawValue) }
        var lastVestiging: String?
        var vestigingJSON: [UInt8] = []
        for k in list {
            w.beginArray()
            w.raw(soorten[KoppelSoort.allCases.firstIndex(of: k.soort) ?? 0])
            w.int(k.schooljaar.startYear)
            if k.vestiging != lastVestiging {
                vestigingJSON = json(k.vestiging)
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
