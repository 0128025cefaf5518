/// The journal form of `Undo`: one JSON object, records as positional rows in the store's own
/// layout, couplings created as index ranges. `Undo(json:)` reads back exactly what `json` wrote
/// and refuses anything else.
extension Undo {
    /// What a journal read back from `store.log` may hold, bounded as the store decoder bounds
    /// the document: schooljaren the store accepts, and coupling positions far below where
    /// arithmetic on them (`index + 1` in a message, a range's end) could overflow.
    static let yearRange = 1900...2199
    static let maxIndex = Int(Int32.max)

    public var json: JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        return .object([
            ("v", .int(1)),
            ("schooljaar", .int(schooljaar.startYear)),
            ("vestiging", .string(vestiging)),
            ("day", .string(day.iso)),
            ("created", .object([
                ("leerlingen", strings(createdLeerlingen)),
                ("medewerkers", strings(createdMedewerkers)),
                ("verzorgers", strings(createdVerzorgers)),
                ("groepen", .array(createdGroepen.map(Undo.row))),
                ("koppelingen", .array(createdKoppelingen.map { .array([.int($0.lowerBound), .int($0.upperBound)]) })),
            ])),
            ("former", .object([
                ("leerlingen", .array(formerLeerlingen.map(Undo.row))),
                ("medewerkers", .array(formerMedewerkers.map(Undo.row))),
                ("verzorgers", .array(formerVerzorgers.map(Undo.row))),
                ("koppelingen", .array(formerKoppelingen.map { .array([.int($0.index), .optional($0.einde?.iso), .string($0.extra)]) })),
            ])),
            ("removed", .object([
                ("groepen", .array(removedGroepen.map(Undo.row))),
                ("koppelingen", .array(removedKoppelingen.map { .array([.int($0.index), Undo.row($0.koppeling)]) })),
            ])),
        ])
    }

    /// Reads the journal form back; throws `ChangeConflict` for anything `json` does not write.
    public init(json: JSONValue) throws(ChangeConflict) {
        let bad = ChangeConflict("de gegevens om terug te draaien zijn onleesbaar")
        guard json["v"]?.intValue == 1, let year = json["schooljaar"]?.intValue, Undo.yearRange.contains(year), let v = json["vestiging"]?.stringValue,
              let d = json["day"]?.stringValue.flatMap(Day.init(iso:)),
              let created = json["created"], let former = json["former"], let removed = json["removed"] else { throw bad }
        self.init()
        schooljaar = Schooljaar(startYear: year)
        vestiging = v
        day = d
        func list(_ o: JSONValue, _ key: String) throws(ChangeConflict) -> [JSONValue] {
            guard let a = o[key]?.arrayValue else { throw bad }
            return a
        }
        func strings(_ o: JSONValue, _ key: String) throws(ChangeConflict) -> [String] {
            var out: [String] = []
            for x in try list(o, key) {
                guard let s = x.stringValue else { throw bad }
                out.append(s)
            }
            return out
        }
        func rows<T>(_ o: JSONValue, _ key: String, _ read: ([JSONValue]) -> T?) throws(ChangeConflict) -> [T] {
            var out: [T] = []
            for x in try list(o, key) {
                guard let r = x.arrayValue.flatMap(read) else { throw bad }
                out.append(r)
            }
            return out
        }
        createdLeerlingen = try strings(created, "leerlingen")
        createdMedewerkers = try strings(created, "medewerkers")
        createdVerzorgers = try strings(created, "verzorgers")
        createdGroepen = try rows(created, "groepen", Undo.groep)
        createdKoppelingen = try rows(created, "koppelingen") { r in
            guard r.count == 2, let a = r[0].intValue, let b = r[1].intValue, a >= 0, a <= b, b <= Undo.maxIndex else { return nil }
            return a..<b
        }
        formerLeerlingen = try rows(former, "leerlingen", Undo.leerling)
        formerMedewerkers = try rows(former, "medewerkers", Undo.medewerker)
        formerVerzorgers = try rows(former, "verzorgers", Undo.verzorger)
        formerKoppelingen = try rows(former, "koppelingen") { r in
            guard r.count == 3, let i = r[0].intValue, i >= 0, i <= Undo.maxIndex, let extra = r[2].stringValue, let einde = Undo.day(r[1]) else { return nil }
            return Former(index: i, einde: einde, extra: extra)
        }
        removedGroepen = try rows(removed, "groepen", Undo.groep)
        removedKoppelingen = try rows(removed, "koppelingen") { r in
            guard r.count == 2, let i = r[0].intValue, i >= 0, i <= Undo.maxIndex, let k = r[1].arrayValue.flatMap(Undo.koppeling) else { return nil }
            return (i, k)
        }
    }

    /// A date or null: `.some(nil)` for null, nil when neither.
    static func day(_ v: JSONValue) -> Day?? {
        if case .null = v { return .some(nil) }
        guard let d = v.stringValue.flatMap(Day.init(iso:)) else { return nil }
        return .some(d)
    }

    static func text(_ v: JSONValue) -> String?? {
        if case .null = v { return .some(nil) }
        guard let s = v.stringValue else { return nil }
        return .some(s)
    }

    static func row(_ l: Leerling) -> JSONValue {
        .array([.string(l.key), .string(l.stamnr), .string(l.roepnaam), .string(l.tussenvoegsel), .string(l.achternaam),
                .optional(l.geboortedatum?.iso), .string(l.geslacht.rawValue), .optional(l.email), .optional(l.vertrekdatum?.iso)])
    }

    static func leerling(_ r: [JSONValue]) -> Leerling? {
        guard r.count == 9, let key = r[0].stringValue, let stamnr = r[1].stringValue, let roep = r[2].stringValue,
              let tv = r[3].stringValue, let achter = r[4].stringValue, let geboorte = day(r[5]),
              let g = r[6].stringValue.flatMap(Geslacht.init(rawValue:)), let email = text(r[7]), let vertrek = day(r[8]) else { return nil }
        return Leerling(key: key, stamnr: stamnr, roepnaam: roep, tussenvoegsel: tv, achternaam: achter, geboortedatum: geboorte,
                        geslacht: g, email: email, vertrekdatum: vertrek)
    }

    static func row(_ m: Medewerker) -> JSONValue {
        .array([.string(m.key), .string(m.nummer), .string(m.roepnaam), .string(m.tussenvoegsel), .string(m.achternaam), .optional(m.email)])
    }

    static func medewerker(_ r: [JSONValue]) -> Medewerker? {
        guard r.count == 6, let key = r[0].stringValue, let nummer = r[1].stringValue, let roep = r[2].stringValue,
              let tv = r[3].stringValue, let achter = r[4].stringValue, let email = text(r[5]) else { return nil }
        return Medewerker(key: key, nummer: nummer, roepnaam: roep, tussenvoegsel: tv, achternaam: achter, email: email)
    }

    static func row(_ v: Verzorger) -> JSONValue {
        .array([.string(v.leerling), .int(v.slot), .string(v.voorletters), .string(v.tussenvoegsel), .string(v.achternaam),
                .string(v.geslacht.rawValue), .optional(v.email), .bool(v.post)])
    }

    static func verzorger(_ r: [JSONValue]) -> Verzorger? {
        guard r.count == 8, let key = r[0].stringValue, let slot = r[1].intValue, (1...3).contains(slot), let vl = r[2].stringValue, let tv = r[3].stringValue,
              let achter = r[4].stringValue, let g = r[5].stringValue.flatMap(Geslacht.init(rawValue:)), let email = text(r[6]),
              let post = r[7].boolValue else { return nil }
        return Verzorger(leerling: key, slot: slot, voorletters: vl, tussenvoegsel: tv, achternaam: achter, geslacht: g, email: email, post: post)
    }

    static func row(_ g: Groep) -> JSONValue { .array([.int(g.schooljaar.startYear), .string(g.vestiging), .string(g.code)]) }

    static func groep(_ r: [JSONValue]) -> Groep? {
        guard r.count == 3, let y = r[0].intValue, Undo.yearRange.contains(y), let v = r[1].stringValue, let c = r[2].stringValue else { return nil }
        return Groep(schooljaar: Schooljaar(startYear: y), vestiging: v, code: c)
    }

    static func row(_ k: Koppeling) -> JSONValue {
        .array([.string(k.soort.rawValue), .int(k.schooljaar.startYear), .string(k.vestiging), .string(k.onderwerp), .string(k.doel),
                .string(k.extra), .string(k.start.iso), .optional(k.einde?.iso)])
    }

    static func koppeling(_ r: [JSONValue]) -> Koppeling? {
        guard r.count == 8, let soort = r[0].stringValue.flatMap(KoppelSoort.init(rawValue:)), let y = r[1].intValue, Undo.yearRange.contains(y),
              let v = r[2].stringValue, let o = r[3].stringValue, let d = r[4].stringValue, let extra = r[5].stringValue,
              let start = r[6].stringValue.flatMap(Day.init(iso:)), let einde = day(r[7]) else { return nil }
        return Koppeling(soort: soort, schooljaar: Schooljaar(startYear: y), vestiging: v, onderwerp: o, doel: d, extra: extra,
                         start: start, einde: einde)
    }
}

extension Day {
    /// Parses exactly `jjjj-mm-dd`, as the store and the journal write it.
    init?(iso s: String) {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        guard let d = Day(parsing: s) else { return nil }
        self = d
    }
}
