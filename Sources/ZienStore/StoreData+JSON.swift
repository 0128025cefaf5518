import ZienCore

extension StoreData {
    /// The document as written to disk, one section per line so a diff of two stores reads.
    public func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + leerlingen.count * 160 + koppelingen.count * 64)
        w.beginObject()
        w.key("format"); w.string("zien-shell-store")
        w.key("formatVersion"); w.int(formatVersion)
        w.key("revision"); w.int(revision)
        w.newline()
        w.key("vestigingen"); w.beginArray(); for v in vestigingen { w.string(v) }; w.endArray()
        w.newline()
        w.key("leerlingen"); w.beginArray()
        // Sorted keys (cheap to move) rather than sorted records: the file is the same every time.
        for key in leerlingen.keys.sorted() {
            guard let l = leerlingen[key] else { continue }
            w.beginArray()
            w.string(l.key); w.string(l.stamnr); w.string(l.roepnaam); w.string(l.tussenvoegsel); w.string(l.achternaam)
            w.day(l.geboortedatum); w.string(l.geslacht.rawValue); w.optional(l.email); w.day(l.vertrekdatum)
            w.endArray()
        }
        w.endArray()
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
        w.key("verzorgers"); w.beginArray()
        for id in verzorgers.keys.sorted() {
            guard let v = verzorgers[id] else { continue }
            w.beginArray()
            w.string(v.leerling); w.int(v.slot); w.string(v.voorletters); w.string(v.tussenvoegsel); w.string(v.achternaam)
            w.string(v.geslacht.rawValue); w.optional(v.email); w.bool(v.post)
            w.endArray()
        }
        w.endArray()
        w.newline()
        w.key("groepen"); w.beginArray()
        for g in groepen.sorted(by: { ($0.schooljaar.startYear, $0.vestiging, $0.code) < ($1.schooljaar.startYear, $1.vestiging, $1.code) }) {
            w.beginArray(); w.int(g.schooljaar.startYear); w.string(g.vestiging); w.string(g.code); w.endArray()
        }
        w.endArray()
        w.newline()
        w.key("koppelingen"); w.beginArray()
        for k in koppelingen {
            w.beginArray()
            w.string(k.soort.rawValue); w.int(k.schooljaar.startYear); w.string(k.vestiging); w.string(k.onderwerp)
            w.string(k.doel); w.string(k.extra); w.day(k.start); w.day(k.einde)
            w.endArray()
        }
        w.endArray()
        w.newline()
        w.key("importlog"); w.beginArray(); for e in importLog { w.value(e) }; w.endArray()
        for (k, v) in other {
            w.newline()
            w.key(k); w.value(v)
        }
        w.endObject()
        w.newline()
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
