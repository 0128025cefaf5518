/// The store seen through the same pseudonyms as the files (for `anonimiseer`'s self-check):
/// what the planner finds unchanged, changed or ended against the store for the original
/// files, it finds the same for the copies against this view. Only in memory; never written.
extension Pseudonymizer {
    /// The invented value the files gave `value`, or one made now (in UTF-8).
    func stored(_ value: String, _ kind: PersonalKind) -> String {
        guard !value.isEmpty else { return value }
        return textMemo[value] ?? invent(value, kind, charset: .utf8)
    }

    public func snapshot(_ s: StoreRecords) -> StoreRecords {
        var leerlingen: [String: Leerling] = [:]
        leerlingen.reserveCapacity(s.leerlingen.count)
        for (k, l) in s.leerlingen {
            let key = mapKey(k)
            leerlingen[key] = Leerling(key: key, stamnr: invent(l.stamnr, .leerlingnummer, charset: .utf8),
                                       roepnaam: stored(l.roepnaam, .naam), tussenvoegsel: stored(l.tussenvoegsel, .tussenvoegsel),
                                       achternaam: stored(l.achternaam, .naam), geboortedatum: l.geboortedatum.map(mapDay),
                                       geslacht: l.geslacht, email: l.email.map { stored($0, .email) }, vertrekdatum: l.vertrekdatum)
        }
        var medewerkers: [String: Medewerker] = [:]
        for (k, m) in s.medewerkers {
            let key = mapKey(k)
            medewerkers[key] = Medewerker(key: key, nummer: invent(m.nummer, .medewerkernummer, charset: .utf8),
                                          roepnaam: stored(m.roepnaam, .naam), tussenvoegsel: stored(m.tussenvoegsel, .tussenvoegsel),
                                          achternaam: stored(m.achternaam, .naam), email: m.email.map { stored($0, .email) })
        }
        var verzorgers: [String: Verzorger] = [:]
        for (_, v) in s.verzorgers {
            let z = Verzorger(leerling: mapKey(v.leerling), slot: v.slot, voorletters: stored(v.voorletters, .naam),
                              tussenvoegsel: stored(v.tussenvoegsel, .tussenvoegsel), achternaam: stored(v.achternaam, .naam),
                              geslacht: v.geslacht, email: v.email.map { stored($0, .email) }, post: v.post)
            verzorgers[z.id] = z
        }
        let koppelingen = s.koppelingen.map { k -> Koppeling in
            var c = k
            switch k.soort {
            case .docent:
                c.doel = mapKey(k.doel)
            case .mentor:
                c.onderwerp = mapKey(k.onderwerp)
                if let colon = k.doel.firstIndex(of: ":") {
                    c.doel = String(k.doel[...colon]) + mapKey(String(k.doel[k.doel.index(after: colon)...]))
                } else {
                    c.doel = mapKey(k.doel)
                }
            case .vestiging, .stamgroep, .verzorger, .groep:
                c.onderwerp = mapKey(k.onderwerp)
            }
            return c
        }
        return StoreRecords(leerlingen: leerlingen, medewerkers: medewerkers, verzorgers: verzorgers,
                             groepen: s.groepen, koppelingen: koppelingen)
    }

    /// `CheckContext.knownPupils` under the invented keys.
    public func knownPupils(_ known: [String: Day?]) -> [String: Day?] {
        var d: [String: Day?] = [:]
        d.reserveCapacity(known.count)
        for (k, v) in known { d[mapKey(k)] = v }
        return d
    }
}
