extension Checker {
    /// One record of the leerling file (SPEC.md §1.1).
    mutating func checkLeerling(_ s: inout RecordScanner, _ rows: inout RowChecker) {
        typealias L = Columns.L
        let cols = Soort.leerling.columns
        guard fieldCountOK(s, rows) else { return }
        guard vestigingOK(s, rows, column: L.vestiging, what: "leerling") else { return }
        checkCharset(s, rows)

        var key: PersonKey?
        if s.fields[L.stamnr].isEmpty {
            emit(.geenLeerlingnummer, rows, column: cols[L.stamnr], value: "", "Geen leerlingnummer van de leerling")
        } else {
            let k = s.withBytes(L.stamnr) { PersonKey($0) }
            key = k
            if let first = rows.seenKeys[k] {
                let written = s.string(L.stamnr)
                emit(.dubbelLeerlingnummer, rows, column: cols[L.stamnr], value: written,
                     "Leerlingnummer \(written) staat ook op regel \(first); elk leerlingnummer mag maar één keer voorkomen")
            } else {
                rows.seenKeys[k] = rows.line
            }
        }
        if s.fields[L.achternaam].isEmpty {
            emit(.geenAchternaam, rows, column: cols[L.achternaam], value: "", "Geen achternaam van de leerling")
        }
        if s.fields[L.geboortedatum].isEmpty {
            emit(.geenGeboortedatum, rows, column: cols[L.geboortedatum], value: "",
                 "Geen geboortedatum van de leerling; normering is niet mogelijk")
        } else if s.withBytes(L.geboortedatum, Day.parse) == nil {
            invalidDate(s, rows, L.geboortedatum)
        }
        switch s.withBytes(L.geslacht, FieldRules.geslacht) {
        case .ok: break
        case .empty:
            emit(.geenGeslacht, rows, column: cols[L.geslacht], value: "", "Geen geslacht van de leerling")
        case .alsOnbekend:
            emit(.geslachtAlsOnbekend, rows, column: cols[L.geslacht], value: s.string(L.geslacht),
                 "Geslacht '\(s.string(L.geslacht))' wordt gelezen als onbekend")
        case .invalid:
            emit(.geslachtOngeldig, rows, column: cols[L.geslacht], value: s.string(L.geslacht),
                 "Geslacht moet 'man', 'vrouw', 'onbekend'/ 'v', 'm', 'o' zijn, niet '\(Text.display(s.string(L.geslacht)))' (staan de kolommen in de verkeerde volgorde?)")
        }
        email(s, rows, L.email, of: "de leerling")
        var vertrek: Day?
        if !s.fields[L.vertrekdatum].isEmpty {
            vertrek = s.withBytes(L.vertrekdatum, Day.parse)
            if vertrek == nil { invalidDate(s, rows, L.vertrekdatum) }
        }
        if !s.withBytes(L.ilt, FieldRules.isILT) {
            emit(.geenIltCode, rows, column: cols[L.ilt], value: s.string(L.ilt),
                 s.fields[L.ilt].isEmpty ? "Geen ILT-code gevonden"
                     : "Geen ILT-code gevonden: '\(Text.display(s.string(L.ilt)))' is geen code van 1 tot 4 cijfers")
        }
        if s.withBytes(L.leerjaar, FieldRules.leerjaar) == nil {
            emit(.geenLeerjaar, rows, column: cols[L.leerjaar], value: s.string(L.leerjaar),
                 s.fields[L.leerjaar].isEmpty ? "Geen leerjaar gevonden"
                     : "Geen leerjaar gevonden: '\(Text.display(s.string(L.leerjaar)))' is geen leerjaar van 1 tot 6")
        }
        if s.fields[L.klas].isEmpty {
            emit(.geenMentorgroep, rows, column: cols[L.klas], value: "", "Geen mentorgroep gevonden")
        } else if tracksGroups {
            groupsInImport.insert(s.string(L.klas))
        }

        var verzorgers = 0
        for slot in 1...3 {
            let c = L.verzorger(slot)
            if (c..<(c + 6)).allSatisfy({ s.fields[$0].isEmpty }) { continue }
            verzorgers += 1
            let mv = c + 3
            let reading = s.withBytes(mv, FieldRules.geslacht)
            if reading != .empty, !reading.isValid {
                emit(.geslachtVerzorgerOngeldig, rows, column: cols[mv], value: s.string(mv),
                     "Geslacht van verzorger \(slot) moet 'm', 'v' of 'o' zijn, niet '\(Text.display(s.string(mv)))'; gelezen als onbekend")
            }
            email(s, rows, c + 4, of: "verzorger \(slot)")
            if s.withBytes(c + 5, FieldRules.post) == nil {
                emit(.ongeldigePostWaarde, rows, column: cols[c + 5], value: s.string(c + 5),
                     "Post ouder \(slot) moet ja of nee zijn, niet '\(Text.display(s.string(c + 5)))'; gelezen als nee")
            }
        }
        if verzorgers == 0 {
            emit(.geenOuders, rows, "Geen ouder(s) of verzorger(s) gevonden")
        }

        var mentors = 0
        for block in 0..<3 {
            let c = L.mentor(block)
            if (c..<(c + 5)).allSatisfy({ s.fields[$0].isEmpty }) { continue }
            let role = block == 2 ? "persoonlijke mentor" : "klasmentor \(block + 1)"
            if s.fields[c].isEmpty {
                emit(.mentorZonderNummer, rows, column: cols[c], value: "",
                     "De \(role) heeft geen stamnummer en wordt niet ingelezen")
                continue
            }
            mentors += 1
            medewerker(s, rows, number: c, fields: [c + 1, c + 2, c + 3, c + 4], role: role)
            email(s, rows, c + 4, of: "de \(role)")
        }
        if mentors == 0 {
            emit(.geenMentoren, rows, "Geen mentoren gevonden")
        }
        if let key, tracksPupils { pupilsInImport[key] = vertrek }
    }

    mutating func invalidDate(_ s: RecordScanner, _ rows: RowChecker, _ i: Int) {
        let col = rows.file.soort.columns[i]
        emit(.ongeldigeDatum, rows, column: col, value: s.string(i),
             "Ongeldige datum in \(col): '\(Text.display(s.string(i)))' (verwacht dd-mm-jjjj)")
    }
}
