extension LineRules {
    /// One record of the groepen file (SPEC.md §1.2): a (group, docent) pair.
    func groepen(_ s: RecordScanner, record: Int, charset: Charset, _ f: inout Findings) -> GroepenFact? {
        let cols = Soort.groepen.columns
        guard fieldCountOK(s, &f) else { return nil }
        guard vestigingOK(s, &f, column: 6, what: "de groep") else { return nil }
        checkCharset(s, &f, charset: charset)
        var fact = GroepenFact(line: f.line, code: nil, docent: nil)
        if s.fields[0].isEmpty {
            f.emit(.geenGroepscode, column: cols[0], value: "")
        } else {
            fact.code = s.string(0)
        }
        if s.fields[1].isEmpty {
            f.emit(.geenDocentnummer, column: cols[1], value: "")
        } else {
            fact.docent = medewerker(s, record: record, number: 1, fields: 2..<6, role: 3)
            email(s, &f, 5, of: "de docent")
        }
        return fact
    }

    /// One record of the koppel file (SPEC.md §1.3): a (group, pupil) pair.
    func koppel(_ s: RecordScanner, charset: Charset, _ f: inout Findings) -> KoppelFact? {
        let cols = Soort.koppel.columns
        guard fieldCountOK(s, &f) else { return nil }
        guard vestigingOK(s, &f, column: 1, what: "de groep") else { return nil }
        checkCharset(s, &f, charset: charset)
        if s.fields[0].isEmpty {
            f.emit(.geenGroepscode, column: cols[0], value: "")
            return nil
        }
        return KoppelFact(line: f.line, code: s.string(0), key: s.withBytes(2) { PersonKey($0) }, written: s.string(2))
    }
}
