import Testing
import ZienFixtures
@testable import ZienCore

/// `export` writes what re-imports to an empty change set (SPEC.md §6, issue 4).
@Suite struct ExportTests {
    typealias L = Columns.L

    /// Checks `files` against `store` and plans them: the findings and the change set.
    static func checkAndPlan(_ files: [LoadedFile], _ store: StoreRecords) -> ([Diagnostic], ChangeSet) {
        let ctx = PlannerTests.context(store)
        var checker = Checker(context: ctx)
        let diagnostics = checker.check(files)?.diagnostics ?? []
        return (diagnostics, Planner.plan(checker.imported, store: store, context: ctx))
    }

    /// Exports every soort of (S, Leeuwenbrug) in `format` and loads the files back.
    static func exportAndLoad(_ store: StoreRecords, _ format: ExportFormat) throws -> [LoadedFile] {
        try Soort.allCases.compactMap { soort in
            let rows = Exporter.rows(soort, store: store, schooljaar: PlannerTests.s, vestiging: "Leeuwenbrug", today: PlannerTests.today)
            if rows.isEmpty { return nil }
            let bytes = try Exporter.render(soort, rows, format: format)
            return LoadedFile(path: "\(soort).\(format.fileExtension)", raw: bytes, charset: .auto, soort: nil)
        }
    }

    static let formats: [(Charset, Delimiter)] = Charset.allCases.flatMap { c in [(c, Delimiter.semicolon), (c, .tab)] }

    /// Commit → export → load → check gives no Fout and an empty change set, for generated
    /// schools in every charset and both delimiters (pupils of another vestiging, departures
    /// in the future, tussenvoegsels, apostrophes and diacritics included).
    @Test(arguments: formats.indices)
    func exportReimportsToAnEmptyChangeSet(_ n: Int) throws {
        let (charset, delimiter) = ExportTests.formats[n]
        var format = SchoolGenerator.Format()
        format.charset = charset
        format.delimiter = delimiter
        format.bom = charset == .utf16le || charset == .utf16be
        for seed in [3, 8] as [UInt64] {
            let g = SchoolGenerator(pupils: 60, seed: seed, otherVestigingShare: 0.2, format: format)
            let files = Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
            let (found, cs) = ExportTests.checkAndPlan(files, PlannerTests.empty)
            #expect(!found.contains { $0.level == .fout })
            var store = PlannerTests.empty
            store = PlannerTests.applied(cs, to: store)

            let exported = try ExportTests.exportAndLoad(store, ExportFormat(charset: charset, delimiter: delimiter, bom: false))
            #expect(exported.map(\.soort) == [.leerling, .groepen, .koppel])
            for f in exported {
                // Single-byte files without 0x80–0x9F read back as another single-byte charset or
                // UTF-8 (same text); UTF-16 has its BOM.
                if charset == .utf16le || charset == .utf16be { #expect(f.text.charset == charset) }
                #expect(f.delimiter == delimiter)
            }
            let (again, changes) = ExportTests.checkAndPlan(exported, store)
            #expect(again.filter { $0.level == .fout }.map(\.message) == [])
            #expect(changes.isEmpty, "\(charset.name) \(delimiter.label) seed \(seed): \(changes.changes.prefix(3).map { changes.subject($0, in: store) })")
        }
    }

    /// Names with tussenvoegsels, both apostrophes, diacritics, every Windows-1252 character of
    /// 0x80–0x9F, and `;` and `"` that need quoting: the exported file is the imported one, byte
    /// for byte (same charset, delimiter and CRLF line ends as Magister writes).
    @Test func namesSurviveByteForByte() throws {
        let high = (0x80...0x9F).compactMap { b -> Character? in
            let c = TextDecoder.decode([UInt8(b)], setting: .forced(.windows1252))
            return String(decoding: c.bytes, as: UTF8.self).first
        }
        let names: [(String, String, String)] = [
            ("Zoë", "d’", "Hondt"), ("Daniël", "d'", "Ancona"), ("Loïs", "van der", "Linden"),
            ("Šimon", "in 't", "Veld"), ("Œlle", "", "Müller–Lüdenscheidt"), ("Anna", "", "Smit; \"de Jongste\""),
            ("Žofia", "", String(high)), ("€ric", "", "„Bos”"),
        ]
        var rows: [[String]] = []
        for (i, n) in names.enumerated() {
            var r = PlannerTests.row(String(1001 + i))
            r[L.roepnaam] = n.0
            r[L.tussenvoegsel] = n.1
            r[L.achternaam] = n.2
            rows.append(r)
        }
        var format = SchoolGenerator.Format()
        format.charset = .windows1252
        format.crlf = true
        let original = SchoolGenerator(format: format).render(.leerling, rows)
        let file = LoadedFile(path: "leerling.csv", raw: original, charset: .auto, soort: nil)
        #expect(file.text.charset == .windows1252)
        let (found, cs) = ExportTests.checkAndPlan([file], PlannerTests.empty)
        #expect(!found.contains { $0.level == .fout })
        var store = PlannerTests.empty
        store = PlannerTests.applied(cs, to: store)
        #expect(store.leerlingen["1006"]?.achternaam == "Smit; \"de Jongste\"")

        let rowsOut = Exporter.rows(.leerling, store: store, schooljaar: PlannerTests.s, vestiging: "Leeuwenbrug", today: PlannerTests.today)
        let exported = try Exporter.render(.leerling, rowsOut, format: ExportFormat(charset: .windows1252, delimiter: .semicolon, bom: false))
        #expect(exported == original)
        #expect(exported.contains(0x81) && exported.contains(0x9D) && exported.contains(0x92))
        let (again, changes) = ExportTests.checkAndPlan([LoadedFile(path: "e", raw: exported, charset: .auto, soort: nil)], store)
        #expect(!again.contains { $0.level == .fout })
        #expect(changes.isEmpty)
    }

    /// A character the charset cannot write is an error naming the pupil, never a silent `?`.
    @Test func unwritableCharacterNamesThePupil() throws {
        var r = PlannerTests.row("1001")
        r[L.roepnaam] = "Çağla"
        r[L.achternaam] = "Şahin"
        let (_, cs) = ExportTests.checkAndPlan([PlannerTests.leerlingFile([r, PlannerTests.row("1002")])], PlannerTests.empty)
        var store = PlannerTests.empty
        store = PlannerTests.applied(cs, to: store)
        let rows = Exporter.rows(.leerling, store: store, schooljaar: PlannerTests.s, vestiging: "Leeuwenbrug", today: PlannerTests.today)
        #expect(throws: ExportError(who: "leerling 1001 (Çağla Şahin)", column: "Roepnaam", character: "ğ", charset: .windows1252)) {
            try Exporter.render(.leerling, rows, format: ExportFormat(charset: .windows1252, delimiter: .tab, bom: false))
        }
        #expect(throws: ExportError(who: "leerling 1001 (Çağla Şahin)", column: "Roepnaam", character: "ğ", charset: .iso88591)) {
            try Exporter.render(.leerling, rows, format: ExportFormat(charset: .iso88591, delimiter: .tab, bom: false))
        }
        let message = ExportError(who: "leerling 1001 (Çağla Şahin)", column: "Roepnaam", character: "ğ", charset: .windows1252).message
        #expect(message == "leerling 1001 (Çağla Şahin), kolom Roepnaam: het teken 'ğ' (U+011F) kan niet in windows-1252 worden geschreven")
        // UTF-8 and UTF-16 write everything.
        for c in [Charset.utf8, .utf16le, .utf16be] {
            #expect(throws: Never.self) { try Exporter.render(.leerling, rows, format: ExportFormat(charset: c, delimiter: .tab, bom: false)) }
        }
    }

    /// What each file holds: headers as Magister writes them (45 / 7 columns; koppel none),
    /// quoting only where needed, pupils in Stamnr order, departed pupils left out.
    @Test func filesHaveTheMagisterFormat() throws {
        let rows = [PlannerTests.row("1010", klas: "1B", verzorgerMail: "ouder@example.nl"), PlannerTests.row("999"),
                    PlannerTests.row("1020", vestiging: "Het Baken"), PlannerTests.row("1030", vertrek: "01-10-2026")]
        let koppel = PlannerTests.file("1B-ne;Leeuwenbrug;1010\n1A-ne;Leeuwenbrug;999\n", .koppel)
        let groepen = PlannerTests.file("groep code;docent nummer;docent voornaam;docent tussenvoegsel;docent achternaam;docent email;vestiging naam\n1B-ne;4200;Arjan;;Maatman;a.maatman@example.com;Leeuwenbrug\n", .groepen)
        let (_, cs) = ExportTests.checkAndPlan([PlannerTests.leerlingFile(rows), groepen, koppel], PlannerTests.empty)
        var store = PlannerTests.empty
        store = PlannerTests.applied(cs, to: store)
        func text(_ soort: Soort) throws -> [String] {
            let r = Exporter.rows(soort, store: store, schooljaar: PlannerTests.s, vestiging: "Leeuwenbrug", today: PlannerTests.today)
            let bytes = try Exporter.render(soort, r, format: ExportFormat(charset: .utf8, delimiter: .semicolon, bom: false))
            #expect(bytes.suffix(2) == [0x0D, 0x0A])
            return String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").map(String.init)
        }
        let leerling = try text(.leerling)
        #expect(leerling.first == Columns.leerling.joined(separator: ";"))
        #expect(leerling.count == 3)
        #expect(leerling.dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).count } == [45, 45])
        #expect(leerling[1].hasPrefix("999;Kind999;;Jansen;01-02-2013;v;;;Leeuwenbrug;372;1;1A;;;;;;;;;;;;;;;;;;;4100;Jan;;Bakker;j.bakker@school.nl;"))
        #expect(leerling[2].hasPrefix("1010;Kind1010;;Jansen;01-02-2013;v;;;Leeuwenbrug;372;1;1B;A.;;Jansen;v;ouder@example.nl;ja;"))
        #expect(try text(.groepen) == [Columns.groepen.joined(separator: ";"), "1B-ne;4200;Arjan;;Maatman;a.maatman@example.com;Leeuwenbrug"])
        #expect(try text(.koppel) == ["1A-ne;Leeuwenbrug;999", "1B-ne;Leeuwenbrug;1010"])
        #expect(Exporter.quoted("a;b", .semicolon) == "\"a;b\"")
        #expect(Exporter.quoted("a;b", .tab) == "a;b")
        #expect(Exporter.quoted("Jan \"Bink\"", .tab) == "\"Jan \"\"Bink\"\"\"")
        #expect(Exporter.quoted("d’Hondt", .semicolon) == "d’Hondt")
    }

    /// UTF-16 is written with its BOM (without one it could not be recognised); UTF-8 with one
    /// only when asked.
    @Test func byteOrderMarks() throws {
        let rows = [ExportRow(fields: ["1A", "Leeuwenbrug", "1001"], who: "x")]
        #expect(try Exporter.render(.koppel, rows, format: ExportFormat(charset: .utf16le, delimiter: .tab, bom: false)).prefix(4) == [0xFF, 0xFE, 0x31, 0x00])
        #expect(try Exporter.render(.koppel, rows, format: ExportFormat(charset: .utf16be, delimiter: .tab, bom: false)).prefix(4) == [0xFE, 0xFF, 0x00, 0x31])
        #expect(try Exporter.render(.koppel, rows, format: ExportFormat(charset: .utf8, delimiter: .tab, bom: true)).prefix(4) == [0xEF, 0xBB, 0xBF, 0x31])
        #expect(try Exporter.render(.koppel, rows, format: ExportFormat(charset: .utf8, delimiter: .tab, bom: false)) == Array("1A\tLeeuwenbrug\t1001\r\n".utf8))
    }
}

/// Issue 10 item 7: keys are split on bytes. A mentor Stamnr of combining marks (`:` followed by
/// a combining accent is one Character) survives commit → export → re-import with an empty
/// change set, and a replaced mentor is not exported.
@Suite struct CombiningKeyTests {
    typealias L = Columns.L

    static let keys = ["\u{301}", "\u{301}\u{308}", "\u{301}2100", "2100\u{301}", ":\u{301}", "\u{0338}/\u{301}"]

    @Test(arguments: keys) func aMentorKeyOfCombiningMarksRoundTrips(_ key: String) throws {
        var first = PlannerTests.row("1001", mentor: "4100")
        first[L.mentor(1)] = key
        first[L.mentor(1) + 3] = "Mark"
        let (_, store) = PlannerTests.commit([PlannerTests.leerlingFile([first])], into: PlannerTests.empty)
        // The second mentor is replaced by one whose key is made of combining marks too.
        var second = first
        second[L.mentor(1)] = key + "\u{302}"
        let (_, after) = PlannerTests.commit([PlannerTests.leerlingFile([second])], into: store)
        let rows = Exporter.rows(.leerling, store: after, schooljaar: PlannerTests.s, vestiging: "Leeuwenbrug", today: PlannerTests.today)
        #expect(rows.count == 1)
        let bytes = try Exporter.render(.leerling, rows, format: ExportFormat(charset: .utf8, delimiter: .semicolon, bom: false))
        let exported = LoadedFile(path: "e.csv", raw: bytes, charset: .auto, soort: nil)
        exported.withRecord(0) { r in
            #expect(r.string(L.mentor(1)) == key + "\u{302}")
            #expect(r.string(L.mentor(0)) == "4100")
        }
        let (again, changes) = ExportTests.checkAndPlan([exported], after)
        #expect(!again.contains { $0.level == .fout })
        #expect(changes.isEmpty, "\(changes.changes.prefix(3).map { changes.subject($0, in: after) })")
    }

    @Test func splitFirstWorksOnBytes() {
        #expect(Text.splitFirst("1:\u{301}", atByte: 0x3A).map { [$0.before, $0.after] } == ["1", "\u{301}"])
        #expect(Koppeling.mentorParts("P:\u{301}x")?.medewerker == "\u{301}x")
        #expect(Koppeling.mentorParts("geen") == nil)
    }
}
