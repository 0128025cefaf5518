extension Checker {
    /// One record of the groepen file (SPEC.md §1.2): a (group, docent) pair.
    mutating func checkGroepen(_ s: inout RecordScanner, _ rows: inout RowChecker) {
        let cols = Soort.groepen.columns
        guard fieldCountOK(s, rows) else { return }
        guard vestigingOK(s, rows, column: 6, what: "de groep") else { return }
        checkCharset(s, rows)
        if s.fields[0].isEmpty {
            emit(.geenGroepscode, rows, column: cols[0], value: "", "Geen groepscode gevonden")
        } else {
            groupSeen(s.string(0), &rows)
        }
        if s.fields[1].isEmpty {
            emit(.geenDocentnummer, rows, column: cols[1], value: "",
                 "Geen docentnummer; de groep wordt zonder deze docent ingelezen")
        } else {
            medewerker(s, rows, number: 1, fields: [2, 3, 4, 5], role: "docent")
            email(s, rows, 5, of: "de docent")
        }
    }

    /// One record of the koppel file (SPEC.md §1.3): a (group, pupil) pair.
    mutating func checkKoppel(_ s: inout RecordScanner, _ rows: inout RowChecker) {
        let cols = Soort.koppel.columns
        guard fieldCountOK(s, rows) else { return }
        guard vestigingOK(s, rows, column: 1, what: "de groep") else { return }
        checkCharset(s, rows)
        let code = s.string(0)
        let key = s.withBytes(2) { PersonKey($0) }
        guard rows.seenPairs.insert(code + "\u{1F}" + key.text).inserted else { return }
        if code.isEmpty {
            emit(.geenGroepscode, rows, column: cols[0], value: "", "Geen groepscode gevonden")
            return
        }
        let vertrek: Day??
        if let v = pupilsInImport[key] { vertrek = .some(v) } else { vertrek = context.knownPupils[key.text] }
        guard let departure = vertrek else {
            emit(.leerlingOnbekend, rows, column: cols[2], value: s.string(2),
                 key.text.isEmpty ? "Geen leerlingnummer; regel overgeslagen"
                     : "Leerling \(s.string(2)) is niet bekend (niet in de opslag en niet in het leerlingbestand); regel overgeslagen")
            return
        }
        if let d = departure, d < context.today {
            emit(.leerlingVertrokken, rows, column: cols[2], value: s.string(2),
                 "Leerling \(s.string(2)) is vertrokken op \(d.dutch); regel overgeslagen")
            return
        }
        groupSeen(code, &rows)
    }
}
