/// The store as the planner sees it (the shell fills it from `StoreData`).
public struct StoreSnapshot: Sendable {
    public var leerlingen: [String: Leerling]
    public var medewerkers: [String: Medewerker]
    public var verzorgers: [String: Verzorger]
    public var groepen: Set<Groep>
    public var koppelingen: [Koppeling]

    public init(leerlingen: [String: Leerling], medewerkers: [String: Medewerker], verzorgers: [String: Verzorger],
                groepen: Set<Groep>, koppelingen: [Koppeling]) {
        self.leerlingen = leerlingen
        self.medewerkers = medewerkers
        self.verzorgers = verzorgers
        self.groepen = groepen
        self.koppelingen = koppelingen
    }
}

/// Computes the change set (SPEC.md §4): for the chosen schooljaar S and vestiging V, each loaded
/// file is the whole truth for the couplings it owns. Wanted couplings that are not active are
/// new (start: the later of today and 1 August of S); active couplings the file no longer has are
/// ended (today, or 31 July of S+1 if earlier), never deleted; a Vertrekdatum ends a pupil's
/// couplings at that date.
public enum Planner {
    public static func plan(_ data: ImportData, store: StoreSnapshot, context: CheckContext) -> ChangeSet {
        var cs = ChangeSet()
        let s = context.schooljaar
        let v = Text.nfc(context.vestiging)
        let today = context.today
        let start = max(today, s.first)
        let endToday = min(today, s.last)
        cs.imported = data
        cs.store = store
        cs.vestiging = v
        cs.schooljaar = s
        cs.changes.reserveCapacity(data.koppelOrder.count + data.leerlingOrder.count * 3)

        // Records, in the order the files name them.
        for key in data.leerlingOrder {
            guard let l = data.leerlingen[key] else { continue }
            if let old = store.leerlingen[key] {
                let f = diff(old, l)
                if !f.isEmpty {
                    cs.leerlingen.append(l)
                    cs.changes.append(Change(kind: .leerlingen, type: .gewijzigd, about: .leerling(key), fields: f))
                }
            } else {
                cs.leerlingen.append(l)
                cs.changes.append(Change(kind: .leerlingen, type: .nieuw, about: .leerling(key), fields: []))
            }
        }
        for key in data.medewerkerOrder {
            guard let m = data.medewerkers[key] else { continue }
            if let old = store.medewerkers[key] {
                let f = diff(old, m)
                if !f.isEmpty {
                    cs.medewerkers.append(m)
                    cs.changes.append(Change(kind: .medewerkers, type: .gewijzigd, about: .medewerker(key), fields: f))
                }
            } else {
                cs.medewerkers.append(m)
                cs.changes.append(Change(kind: .medewerkers, type: .nieuw, about: .medewerker(key), fields: []))
            }
        }
        for id in data.verzorgerOrder {
            guard let z = data.verzorgers[id] else { continue }
            if let old = store.verzorgers[id] {
                let f = diff(old, z)
                if !f.isEmpty {
                    cs.verzorgers.append(z)
                    cs.changes.append(Change(kind: .verzorgers, type: .gewijzigd, about: .verzorger(id), fields: f))
                }
            } else {
                cs.verzorgers.append(z)
                cs.changes.append(Change(kind: .verzorgers, type: .nieuw, about: .verzorger(id), fields: []))
            }
        }
        for code in data.groepOrder {
            let g = Groep(schooljaar: s, vestiging: v, code: code)
            if !store.groepen.contains(g) {
                cs.groepen.append(g)
                cs.changes.append(Change(kind: .groepen, type: .nieuw, about: .groep(code), fields: []))
            }
        }

        // Couplings of (S, V) of the soorten loaded.
        var active: [KoppelIdentity: Int] = [:]
        var activeOrder: [KoppelIdentity] = []
        for (i, k) in store.koppelingen.enumerated()
        where k.schooljaar == s && k.isActive(on: today) && Text.nfc(k.vestiging) == v {
            cs.activeBefore += 1
            if data.soorten.contains(k.soort.owner) {
                active[k.identity] = i
                activeOrder.append(k.identity)
            }
        }
        for id in data.koppelOrder {
            guard let wanted = data.koppelingen[id] else { continue }
            let departed = wanted.einde.map { $0 < today } ?? false
            if let i = active[id] {
                var k = store.koppelingen[i]
                if departed, let d = wanted.einde {
                    // Vertrekdatum passed: the coupling ends at that date.
                    k.einde = max(k.start, d)
                    cs.gewijzigdeKoppelingen.append((i, k))
                    cs.ending += 1
                    cs.changes.append(Change(kind: .koppelingen, type: .beeindigd, about: .koppeling(id),
                                             fields: [FieldChange(field: "einde", before: "", after: k.einde?.dutch ?? "")]))
                    continue
                }
                var fields: [FieldChange] = []
                if k.extra != wanted.extra {
                    fields.append(FieldChange(field: "ILT-code/leerjaar", before: k.extra, after: wanted.extra))
                    k.extra = wanted.extra
                }
                if k.einde != wanted.einde {
                    fields.append(FieldChange(field: "einde", before: k.einde?.dutch ?? "", after: wanted.einde?.dutch ?? ""))
                    k.einde = wanted.einde
                }
                if !fields.isEmpty {
                    cs.gewijzigdeKoppelingen.append((i, k))
                    cs.changes.append(Change(kind: .koppelingen, type: .gewijzigd, about: .koppeling(id), fields: fields))
                }
            } else if !departed {
                cs.nieuweKoppelingen.append(Koppeling(soort: id.soort, schooljaar: s, vestiging: v, onderwerp: id.onderwerp,
                                                      doel: id.doel, extra: wanted.extra, start: start, einde: wanted.einde))
                cs.changes.append(Change(kind: .koppelingen, type: .nieuw, about: .koppeling(id), fields: []))
            }
        }
        for id in activeOrder where data.koppelingen[id] == nil {
            guard let i = active[id] else { continue }
            var k = store.koppelingen[i]
            k.einde = max(k.start, endToday)
            cs.gewijzigdeKoppelingen.append((i, k))
            cs.ending += 1
            cs.changes.append(Change(kind: .koppelingen, type: .beeindigd, about: .koppeling(id),
                                     fields: [FieldChange(field: "einde", before: "", after: k.einde?.dutch ?? "")]))
        }
        return cs
    }

    static func field(_ name: String, _ a: String?, _ b: String?, _ out: inout [FieldChange]) {
        if a != b { out.append(FieldChange(field: name, before: a ?? "", after: b ?? "")) }
    }

    static func diff(_ a: Leerling, _ b: Leerling) -> [FieldChange] {
        var f: [FieldChange] = []
        field("stamnr", a.stamnr, b.stamnr, &f)
        field("roepnaam", a.roepnaam, b.roepnaam, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        field("geboortedatum", a.geboortedatum?.dutch, b.geboortedatum?.dutch, &f)
        field("geslacht", a.geslacht.rawValue, b.geslacht.rawValue, &f)
        field("e-mail", a.email, b.email, &f)
        field("vertrekdatum", a.vertrekdatum?.dutch, b.vertrekdatum?.dutch, &f)
        return f
    }

    static func diff(_ a: Medewerker, _ b: Medewerker) -> [FieldChange] {
        var f: [FieldChange] = []
        field("nummer", a.nummer, b.nummer, &f)
        field("roepnaam", a.roepnaam, b.roepnaam, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        field("e-mail", a.email, b.email, &f)
        return f
    }

    static func diff(_ a: Verzorger, _ b: Verzorger) -> [FieldChange] {
        var f: [FieldChange] = []
        field("voorletters", a.voorletters, b.voorletters, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        field("geslacht", a.geslacht.rawValue, b.geslacht.rawValue, &f)
        field("e-mail", a.email, b.email, &f)
        field("post", a.post ? "ja" : "nee", b.post ? "ja" : "nee", &f)
        return f
    }
}

extension StoreSnapshot {
    /// The store after `cs` (computed against this snapshot) is applied.
    public mutating func apply(_ cs: ChangeSet) {
        for l in cs.leerlingen { leerlingen[l.key] = l }
        for m in cs.medewerkers { medewerkers[m.key] = m }
        for v in cs.verzorgers { verzorgers[v.id] = v }
        for g in cs.groepen { groepen.insert(g) }
        for (i, k) in cs.gewijzigdeKoppelingen where i < koppelingen.count { koppelingen[i] = k }
        koppelingen.append(contentsOf: cs.nieuweKoppelingen)
    }

    /// The active couplings of (schooljaar, vestiging) on `day`, as identities.
    public func active(_ s: Schooljaar, _ v: String, on day: Day) -> Set<KoppelIdentity> {
        let nv = Text.nfc(v)
        return Set(koppelingen.filter { $0.schooljaar == s && Text.nfc($0.vestiging) == nv && $0.isActive(on: day) }.map(\.identity))
    }
}
