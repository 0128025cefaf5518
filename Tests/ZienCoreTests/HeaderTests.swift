import Testing
import ZienFixtures
@testable import ZienCore

@Suite struct HeaderTests {
    @Test func namesCompareAfterNormalisation() {
        #expect(Columns.normalize("Voorl Ouder/verzorger 3") == Columns.normalize("voorl. ouder/verzorger 3"))
        #expect(Columns.normalize("  Administratieve   eenheid\r\nKlas ") == "administratieve eenheid klas")
        #expect(Columns.normalize("Caf\u{0065}\u{0301}") == Columns.normalize("Café"))
    }

    @Test func soortFromHeaderOrFieldCount() {
        let g = SchoolGenerator(pupils: 3, seed: 1)
        #expect(load(bytes: g.file(.leerling)).soort == .leerling)
        #expect(load(bytes: g.file(.groepen)).soort == .groepen)
        var noHeader = g
        noHeader.format.header = .none
        #expect(load(bytes: noHeader.file(.leerling)).soort == .leerling)
        #expect(load(bytes: noHeader.file(.groepen)).soort == .groepen)
        #expect(load(bytes: noHeader.file(.koppel)).soort == .koppel)
        #expect(load("1A;Leeuwenbrug;1\n", soort: .groepen).soort == .groepen)
        let koppelHeader = load("Klas/Lesgroep;Administratieve eenheid;Stamnr\n1A;Leeuwenbrug;1\n")
        #expect(koppelHeader.soort == .koppel)
        #expect(koppelHeader.header == .line1)
        #expect(koppelHeader.recordLines == [2])
    }

    @Test func magisterGroepenHeader() {
        let f = load("Klas/Lesgroep;Stamnummer.Docent;Roepnaam.Docent;Tussenv.Docent;Achternaam.Docent;E-mail.Docent;Klas/Lesgroep.Administratieve eenheid\n1A;2100;Arjan;;Maatman;a@example.com;Leeuwenbrug\n")
        #expect(f.soort == .groepen)
        #expect(f.header == .line1)
        #expect(f.fileDiagnostics.isEmpty)
    }

    @Test func splitHeaderIsRepairedWithAWarning() {
        var g = SchoolGenerator(pupils: 4, seed: 1)
        g.format.header = .split
        let f = load(bytes: g.file(.leerling))
        #expect(f.header == .split)
        #expect(f.soort == .leerling)
        #expect(f.headerNames.count == 45)
        #expect(f.headerNames[8] == "Administratieve eenheid Klas")
        #expect(f.recordLines.first == 3)
        #expect(f.fileDiagnostics.map(\.code) == [.kopregelGesplitst])
        #expect(f.fileDiagnostics.first?.line == 1)
        #expect(check([f]).allSatisfy { $0.level != .fout })
    }

    /// A leerling file of `pupils` rows under `header`, each row laid out as the header says.
    static func file(header: [String], pupils: Int = 40, defects: [SchoolGenerator.Defect] = []) -> LoadedFile {
        let g = SchoolGenerator(pupils: pupils, seed: 1)
        let rows = g.leerlingRows().map { row in
            header.map { name in Columns.leerling.firstIndex(of: name).map { row[$0] } ?? "x" }
        }
        return load(bytes: g.render(.leerling, rows, defects: defects, header: header))
    }

    @Test func swappedColumnsAreOneKolomvolgorde() {
        var cols = Columns.leerling
        cols.swapAt(3, 5)
        let f = HeaderTests.file(header: cols)
        let d = check([f])
        #expect(d.filter { $0.level == .fout }.map(\.code) == [.kolomvolgorde])
        let v = d.first { $0.code == .kolomvolgorde }
        #expect(v?.line == 1)
        #expect(v?.message.contains("'Geslacht' staat op plek 4 en 'Achternaam' op plek 6: verwisseld") == true)
        #expect(!d.contains { $0.code == .geslachtOngeldig || $0.code == .verkeerdAantalVelden })
    }

    @Test func aSwapStillShowsTheRealErrorOfALine() {
        var cols = Columns.leerling
        cols.swapAt(3, 5)
        // Line 9 holds 2381 in the Geslacht column, which stands at place 4 of this header.
        let f = HeaderTests.file(header: cols, defects: [.init(line: 9, column: 3, value: "2381")])
        let d = check([f]).filter { $0.level == .fout }
        #expect(d.map(\.code) == [.kolomvolgorde, .geslachtOngeldig])
        #expect(d.last?.line == 9)
    }

    @Test func aMissingColumnIsOneKolomOntbreekt() {
        let cols = Columns.leerling.filter { $0 != "Geslacht" }
        let f = HeaderTests.file(header: cols)
        let d = check([f])
        #expect(d.filter { $0.level == .fout }.map(\.code) == [.kolomOntbreekt])
        #expect(d.first { $0.code == .kolomOntbreekt }?.message
                == "Kolom 6 'Geslacht' ontbreekt; voeg hem toe in de lay-out in Magister")
        #expect(!d.contains { [.verkeerdAantalVelden, .geenGeslacht, .geslachtOngeldig, .kolomvolgorde].contains($0.code) })
    }

    @Test func anExtraColumnIsOneKolomExtra() {
        var cols = Columns.leerling
        cols.insert("Roepnaam vader", at: 6)
        let f = HeaderTests.file(header: cols)
        let d = check([f])
        #expect(d.filter { $0.level == .fout }.map(\.code) == [.kolomExtra])
        #expect(d.first { $0.code == .kolomExtra }?.message.hasPrefix("Kolom 7 'Roepnaam vader' hoort niet in de lay-out") == true)
    }

    @Test func aRecordThatMatchesNeitherHeaderNorLayoutIsStillCounted() {
        let cols = Columns.leerling.filter { $0 != "Geslacht" }
        var bytes = Array(HeaderTests.file(header: cols, pupils: 3).raw)
        bytes += Array("1;2;3\n".utf8)
        let d = check([load(bytes: bytes)])
        #expect(d.filter { $0.code == .verkeerdAantalVelden }.map(\.line) == [5])
    }

    @Test func aRenamedColumnIsNamed() {
        var cols = Columns.leerling
        cols[6] = "E-mail leerling"
        let d = check([HeaderTests.file(header: cols)]).filter { $0.level == .fout }
        #expect(d.map(\.code) == [.kolomOntbreekt])
        #expect(d.first?.message == "Kolom 7 'E-mailadres' ontbreekt (op die plek staat 'E-mail leerling'); voeg hem toe in de lay-out in Magister")
    }

    @Test func headerWithWrongFieldCount() {
        let f = load("Klas/Lesgroep;Administratieve eenheid\n1A;Leeuwenbrug\n")
        #expect(f.fileDiagnostics.map(\.code) == [.kolomOntbreekt])
        #expect(check([f]).map(\.code) == [.kolomOntbreekt])
    }

    @Test func aFileOfAnotherSoortIsOneVerdict() {
        let g = SchoolGenerator(pupils: 30, seed: 4)
        let groepen = load(bytes: g.file(.groepen), soort: .leerling)
        let d = check([groepen])
        #expect(d.map(\.code) == [.verkeerdeSoort])
        #expect(d.first?.message.hasPrefix("Dit lijkt een groepen-bestand (7 kolommen, naar de kopregel)") == true)
        var k = g
        k.format.header = .none
        let koppel = load(bytes: k.file(.koppel), soort: .leerling)
        #expect(check([koppel]).map(\.code) == [.verkeerdeSoort])
        #expect(check([koppel]).first?.line == nil)
    }

    @Test func emptyAndHeaderOnlyFiles() {
        #expect(load("").fileDiagnostics.map(\.code) == [.leegBestand])
        #expect(load("\n\r\n  \n").fileDiagnostics.map(\.code) == [.leegBestand])
        #expect(load("Klas/Lesgroep;Administratieve eenheid;Stamnr\r\n").fileDiagnostics.map(\.code) == [.leegBestand])
    }

    @Test func recordAfterQuotedLineBreakKeepsItsTrueLineNumber() {
        let f = load("1A;\"Leeuwen\nbrug\";1\n1B;Leeuwenburg;2\n")
        let d = check([f])
        #expect(d.map(\.line) == [1, 3])
        #expect(d.map(\.code) == [.onbekendeVestiging, .onbekendeVestiging])
    }
}
