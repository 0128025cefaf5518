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

    /// Reads a document, migrating older formats; throws for a newer or corrupt one.
    public init(json: JSONValue) throws {
        guard case .object(let pairs) = json, json["format"]?.stringValue == "zien-shell-store" else {
            throw StoreError("dit is geen opslagbestand van zien-shell")
        }
        guard let version = json["formatVersion"]?.intValue else {
            throw StoreError("het opslagbestand heeft geen formaatversie")
        }
        if version > StoreData.currentFormatVersion {
            throw StoreError("het opslagbestand heeft formaatversie \(version); deze zien-shell kent tot en met versie \(StoreData.currentFormatVersion). Gebruik een nieuwere zien-shell.")
        }
        guard version >= 1 else { throw StoreError("onbekende formaatversie \(version)") }
        revision = json["revision"]?.intValue ?? 0
        guard let list = json["vestigingen"]?.arrayValue else {
            throw StoreError("het opslagbestand mist de lijst met vestigingen")
        }
        vestigingen = try list.map { try Row.string($0, "vestiging") }
        // Version 1 had vestigingen only: the other sections start empty (the migration).
        if version >= 2 {
            for r in try Row.rows(json, "leerlingen", width: 9) {
                let l = Leerling(key: try r.s(0), stamnr: try r.s(1), roepnaam: try r.s(2), tussenvoegsel: try r.s(3),
                                 achternaam: try r.s(4), geboortedatum: try r.day(5), geslacht: try r.geslacht(6),
                                 email: try r.os(7), vertrekdatum: try r.day(8))
                leerlingen[l.key] = l
            }
            for r in try Row.rows(json, "medewerkers", width: 6) {
                let m = Medewerker(key: try r.s(0), nummer: try r.s(1), roepnaam: try r.s(2), tussenvoegsel: try r.s(3),
                                   achternaam: try r.s(4), email: try r.os(5))
                medewerkers[m.key] = m
            }
            for r in try Row.rows(json, "verzorgers", width: 8) {
                let v = Verzorger(leerling: try r.s(0), slot: try r.i(1), voorletters: try r.s(2), tussenvoegsel: try r.s(3),
                                  achternaam: try r.s(4), geslacht: try r.geslacht(5), email: try r.os(6), post: try r.b(7))
                verzorgers[v.id] = v
            }
            for r in try Row.rows(json, "groepen", width: 3) {
                groepen.insert(Groep(schooljaar: Schooljaar(startYear: try r.i(0)), vestiging: try r.s(1), code: try r.s(2)))
            }
            for r in try Row.rows(json, "koppelingen", width: 8) {
                guard let soort = KoppelSoort(rawValue: try r.s(0)), let start = try r.day(6) else {
                    throw StoreError("een koppeling in het opslagbestand is ongeldig")
                }
                koppelingen.append(Koppeling(soort: soort, schooljaar: Schooljaar(startYear: try r.i(1)), vestiging: try r.s(2),
                                             onderwerp: try r.s(3), doel: try r.s(4), extra: try r.s(5), start: start, einde: try r.day(7)))
            }
            importLog = json["importlog"]?.arrayValue ?? []
        }
        formatVersion = StoreData.currentFormatVersion
        other = pairs.filter { !StoreData.known.contains($0.0) }
    }
}

/// One positional record of the store, with typed, checked access.
struct Row {
    let items: [JSONValue]
    let section: String

    static func rows(_ json: JSONValue, _ section: String, width: Int) throws -> [Row] {
        guard let list = json[section]?.arrayValue else { return [] }
        return try list.map {
            guard let items = $0.arrayValue, items.count >= width else {
                throw StoreError("een regel in '\(section)' van het opslagbestand is ongeldig")
            }
            return Row(items: items, section: section)
        }
    }

    static func string(_ v: JSONValue, _ what: String) throws -> String {
        guard let s = v.stringValue else { throw StoreError("een \(what) in het opslagbestand is geen tekst") }
        return s
    }

    func fail(_ i: Int) -> StoreError { StoreError("veld \(i + 1) van een regel in '\(section)' van het opslagbestand is ongeldig") }
    func s(_ i: Int) throws -> String { guard let v = items[i].stringValue else { throw fail(i) }; return v }
    func os(_ i: Int) throws -> String? { items[i] == .null ? nil : try s(i) }
    func i(_ i: Int) throws -> Int { guard let v = items[i].intValue else { throw fail(i) }; return v }
    func b(_ i: Int) throws -> Bool { guard let v = items[i].boolValue else { throw fail(i) }; return v }
    func day(_ i: Int) throws -> Day? {
        if items[i] == .null { return nil }
        guard let d = Day(parsing: try s(i)) else { throw fail(i) }
        return d
    }
    func geslacht(_ i: Int) throws -> Geslacht { guard let g = Geslacht(rawValue: try s(i)) else { throw fail(i) }; return g }
}

extension StoreData {
    /// Decodes a document from its bytes with the store's direct decoder.
    public init(decoding bytes: [UInt8]) throws {
        var p = StoreDecoder(bytes)
        self = try p.document()
    }
}
