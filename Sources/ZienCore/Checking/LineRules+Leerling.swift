extension LineRules {
    /// One record of the leerling file (SPEC.md §1.1); nil when the row is not imported at all.
    /// The pupil's values, as the store takes them, are packed into `values` (see
    /// `ImportData.values`) when the row has a Stamnr.
    func leerling(_ s: RecordScanner, record: Int, charset: Charset, _ f: inout Findings, values: inout [UInt8]) -> LeerlingFact? {
        typealias L = Columns.L
        let cols = Soort.leerling.columns
        guard fieldCountOK(s, &f) else { return nil }
        guard vestigingOK(s, &f, column: L.vestiging, what: "leerling") else { return nil }
        checkCharset(s, &f, charset: charset)
        let none = MedewerkerFact(key: CompactKey.none, signature: 0, record: 0, column: 0, role: 0)
        var fact = LeerlingFact(record: Int32(record), line: Int32(f.line), key: CompactKey.none, vertrek: 0,
                                mentorCount: 0, mentors: (none, none, none), klas: s.string(L.klas), verzorgers: 0)

        var key: PersonKey?
        if s.fields[L.stamnr].isEmpty {
            f.emit(.geenLeerlingnummer, column: cols[L.stamnr], value: "")
        } else {
            let k = s.withBytes(L.stamnr) { PersonKey($0) }
            fact.key = CompactKey(k)
            key = k
        }
        if s.fields[L.achternaam].isEmpty {
            f.emit(.geenAchternaam, column: cols[L.achternaam], value: "")
        }
        var geboren: Day?
        if s.fields[L.geboortedatum].isEmpty {
            f.emit(.geenGeboortedatum, column: cols[L.geboortedatum], value: "")
        } else {
            geboren = s.withBytes(L.geboortedatum, Day.parse)
            if geboren == nil { invalidDate(s, &f, L.geboortedatum) }
        }
        let geslacht = s.withBytes(L.geslacht, FieldRules.geslacht)
        switch geslacht {
        case .ok: break
        case .empty:
            f.emit(.geenGeslacht, column: cols[L.geslacht], value: "")
        case .alsOnbekend:
            f.emit(.geslachtAlsOnbekend, column: cols[L.geslacht], value: s.string(L.geslacht), s.string(L.geslacht))
        case .invalid:
            f.emit(.geslachtOngeldig, column: cols[L.geslacht], value: s.string(L.geslacht), s.string(L.geslacht))
        }
        let emailOK = email(s, &f, L.email, of: "de leerling")
        if !s.fields[L.vertrekdatum].isEmpty {
            if let d = s.withBytes(L.vertrekdatum, Day.parse) { fact.vertrek = d.packed } else { invalidDate(s, &f, L.vertrekdatum) }
        }
        if let key {
            // As the store takes it (`Leerling.pack`, field for field): an invalid e-mail is not
            // imported, an unreadable gender is onbekend, an invalid date none.
            fact.values = values.count
            Pack.text(key.text, &values)
            s.withBytes(L.stamnr) { Pack.text($0, &values) }
            s.withBytes(L.roepnaam) { Pack.text($0, &values) }
            s.withBytes(L.tussenvoegsel) { Pack.text($0, &values) }
            s.withBytes(L.achternaam) { Pack.text($0, &values) }
            Pack.day(geboren, &values)
            Pack.geslacht(geslacht.value, &values)
            s.withBytes(L.email) { Pack.optionalText(emailOK ? $0 : nil, &values) }
            Pack.day(fact.vertrek, &values)
        }
        if !s.withBytes(L.ilt, FieldRules.isILT) {
            f.emit(.geenIltCode, column: cols[L.ilt], value: s.string(L.ilt), MessagePart.geenIltCode(s.string(L.ilt)))
        }
        if s.withBytes(L.leerjaar, FieldRules.leerjaar) == nil {
            f.emit(.geenLeerjaar, column: cols[L.leerjaar], value: s.string(L.leerjaar), MessagePart.geenLeerjaar(s.string(L.leerjaar)))
        }
        fact.extra = ImportData.Pupil.packExtra(s)
        if s.fields[L.klas].isEmpty {
            f.emit(.geenMentorgroep, column: cols[L.klas], value: "")
        }

        var verzorgers = 0
        for slot in 1...3 {
            let c = L.verzorger(slot)
            if (c..<(c + 6)).allSatisfy({ s.fields[$0].isEmpty }) { continue }
            verzorgers += 1
            fact.verzorgers |= 1 << (slot - 1)
            let mv = c + 3
            let reading = s.withBytes(mv, FieldRules.geslacht)
            if reading != .empty, !reading.isValid {
                f.emit(.geslachtVerzorgerOngeldig, column: cols[mv], value: s.string(mv), String(slot), s.string(mv))
            }
            let emailOK = email(s, &f, c + 4, of: "verzorger \(slot)")
            let post = s.withBytes(c + 5, FieldRules.post)
            if post == nil {
                f.emit(.ongeldigePostWaarde, column: cols[c + 5], value: s.string(c + 5), String(slot), s.string(c + 5))
            }
            if let key {
                // As the store takes it (`Verzorger.pack`).
                fact.verzorgerValues[slot] = values.count
                Pack.text(key.text, &values)
                values.append(UInt8(slot))
                s.withBytes(c) { Pack.text($0, &values) }
                s.withBytes(c + 1) { Pack.text($0, &values) }
                s.withBytes(c + 2) { Pack.text($0, &values) }
                Pack.geslacht(reading.value, &values)
                s.withBytes(c + 4) { Pack.optionalText(emailOK ? $0 : nil, &values) }
                values.append(post == true ? 1 : 0)
            }
        }
        if verzorgers == 0 {
            f.emit(.geenOuders)
        }

        var mentors = 0
        for block in 0..<3 {
            let c = L.mentor(block)
            if (c..<(c + 5)).allSatisfy({ s.fields[$0].isEmpty }) { continue }
            if s.fields[c].isEmpty {
                f.emit(.mentorZonderNummer, column: cols[c], value: "", LineRules.roles[block])
                continue
            }
            let m = medewerker(s, record: record, number: c, fields: (c + 1)..<(c + 5), role: Int8(block))
            switch mentors {
            case 0: fact.mentors.0 = m
            case 1: fact.mentors.1 = m
            default: fact.mentors.2 = m
            }
            mentors += 1
            email(s, &f, c + 4, of: "de \(LineRules.roles[block])")
        }
        if mentors == 0 {
            f.emit(.geenMentoren)
        }
        fact.mentorCount = Int8(mentors)
        return fact
    }
}
