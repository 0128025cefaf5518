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

    @Test func columnInTheWrongPlace() {
        var cols = Columns.leerling
        cols.swapAt(3, 5)
        let g = SchoolGenerator(pupils: 2, seed: 1)
        let f = load(bytes: g.render(.leerling, g.leerlingRows(), header: cols))
        let d = f.fileDiagnostics.filter { $0.code == .kolomvolgorde }
        #expect(d.count == 2)
        #expect(d.first?.line == 1)
        #expect(d.first?.column == "Achternaam")
        #expect(d.first?.value == "Geslacht")
        #expect(d.first?.message.contains("Kolom 4 heet 'Geslacht', verwacht 'Achternaam'") == true)
    }

    @Test func headerWithWrongFieldCount() {
        let f = load("Klas/Lesgroep;Administratieve eenheid\n1A;Leeuwenbrug\n")
        #expect(f.fileDiagnostics.contains { $0.code == .verkeerdAantalVelden && $0.line == 1 })
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
