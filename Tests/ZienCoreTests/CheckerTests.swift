import Testing
import ZienFixtures
@testable import ZienCore

@Suite struct CheckerTests {
    typealias L = Columns.L
    typealias D = SchoolGenerator.Defect

    /// The findings of one line of a generated leerling file with `defects` on line 3.
    func findings(_ defects: [(Int, String)], line: Int = 3, ctx: CheckContext = context()) -> [Diagnostic] {
        let f = leerlingFile(pupils: 4, defects.map { D(line: line, column: $0.0, value: $0.1) })
        return check([f], ctx).filter { $0.line == line && $0.code != .geenOuders && $0.code != .geenMentoren }
    }

    @Test func aCleanFileHasNoFout() {
        let d = check([leerlingFile(pupils: 50)])
        #expect(d.allSatisfy { $0.level == .info })
    }

    @Test(arguments: [
        (L.stamnr, "", "geen-leerlingnummer"),
        (L.achternaam, "", "geen-achternaam"),
        (L.geslacht, "", "geen-geslacht"),
        (L.geslacht, "2381", "geslacht-ongeldig"),
        (L.geslacht, "anders", "geslacht-als-onbekend"),
        (L.geboortedatum, "", "geen-geboortedatum"),
        (L.geboortedatum, "31-02-2012", "ongeldige-datum"),
        (L.vertrekdatum, "morgen", "ongeldige-datum"),
        (L.ilt, "", "geen-ilt-code"),
        (L.ilt, "12345", "geen-ilt-code"),
        (L.leerjaar, "0", "geen-leerjaar"),
        (L.leerjaar, "", "geen-leerjaar"),
        (L.email, "jan@", "ongeldig-emailadres"),
        (L.klas, "", "geen-mentorgroep"),
        (L.vestiging, "Leeuwenburg", "onbekende-vestiging"),
        (L.vestiging, "Het Baken", "andere-vestiging"),
    ])
    func oneDefect(column: Int, value: String, code: String) {
        let d = findings([(column, value)])
        #expect(codes(d) == [code])
        #expect(d.first?.column == Columns.leerling[column])
        #expect(d.first?.value == value)
        #expect(d.first?.soort == .leerling)
        #expect(d.first?.message.isEmpty == false)
    }

    @Test func validValuesPass() {
        for (c, v) in [(L.geslacht, "VROUW"), (L.geslacht, "o"), (L.geboortedatum, "2012-02-29"), (L.geboortedatum, "1-2-2012"),
                       (L.ilt, "1"), (L.leerjaar, "6"), (L.email, "a.b@c.nl"), (L.vertrekdatum, "31-07-2027")] {
            #expect(findings([(c, v)]).isEmpty, "\(Columns.leerling[c]) = \(v)")
        }
    }

    @Test func unknownVestigingSuggestsTheClosest() {
        let d = findings([(L.vestiging, "Leeuwenburg")])
        #expect(d.first?.message == "Onbekende vestiging gevonden: 'Leeuwenburg' (bedoelde je 'Leeuwenbrug'?)")
    }

    @Test func otherVestigingSkipsTheRowsOtherChecks() {
        let d = findings([(L.vestiging, "Het Baken"), (L.geslacht, "2381")])
        #expect(codes(d) == ["andere-vestiging"])
    }

    @Test func duplicateStamnrIncludingLeadingZeros() {
        let f = leerlingFile(pupils: 4, [D(line: 2, column: L.stamnr, value: "001234"), D(line: 4, column: L.stamnr, value: "1234")])
        let d = check([f]).filter { $0.code == .dubbelLeerlingnummer }
        #expect(d.count == 1)
        #expect(d.first?.line == 4)
        #expect(d.first?.message.contains("regel 2") == true)
    }

    @Test func verzorgerChecks() {
        let v = L.verzorger(2)
        var d = findings([(v, "A."), (v + 2, "Jansen"), (v + 3, "x"), (v + 4, "geen-mail"), (v + 5, "soms")])
        d.sort { $0.code.rawValue < $1.code.rawValue }
        #expect(codes(d) == ["geslacht-verzorger-ongeldig", "ongeldig-emailadres", "ongeldige-post-waarde"])
        let none = leerlingFile(pupils: 4, (0..<18).map { D(line: 3, column: L.verzorger(1) + $0, value: "") })
        #expect(check([none]).filter { $0.line == 3 }.map(\.code).contains(.geenOuders))
    }

    @Test func mentorChecks() {
        let m = L.mentor(0)
        let f = leerlingFile(pupils: 4, [
            D(line: 2, column: m, value: "777"), D(line: 2, column: m + 1, value: "Piet"), D(line: 2, column: m + 3, value: "Puk"),
            D(line: 3, column: m, value: "0777"), D(line: 3, column: m + 1, value: "Pieter"), D(line: 3, column: m + 3, value: "Puk"),
        ] + (0..<15).map { D(line: 4, column: m + $0, value: "") })
        let d = check([f])
        let conflict = d.filter { $0.code == .medewerkerTegenstrijdig }
        #expect(conflict.map(\.line) == [3])
        #expect(conflict.first?.message.contains("regel 2") == true)
        #expect(d.contains { $0.code == .geenMentoren && $0.line == 4 })
    }

    @Test func fieldCountIsCheckedFirst() {
        let f = leerlingFile(pupils: 3, [D(line: 3, column: 45, value: "extra")])
        let d = check([f]).filter { $0.line == 3 }
        #expect(codes(d) == ["verkeerd-aantal-velden"])
        #expect(d.first?.message == "Verkeerd aantal velden op regel 3: 46 gevonden, 45 verwacht")
    }

    @Test func koppelSeesTheLeerlingFileAndTheStore() {
        let leerling = leerlingFile(pupils: 3, [
            D(line: 2, column: L.stamnr, value: "50001"),
            D(line: 3, column: L.stamnr, value: "50002"), D(line: 3, column: L.vertrekdatum, value: "01-09-2026"),
        ])
        let koppel = load("""
        1-ne;Leeuwenbrug;50001
        1-ne;Leeuwenbrug;50001
        1-ne;Leeuwenbrug;50002
        1-ne;Leeuwenbrug;60001
        1-ne;Leeuwenbrug;60002
        2-wi;Leeuwenbrug;70001
        ;Leeuwenbrug;50001
        """, soort: .koppel)
        let ctx = context(knownPupils: ["60001": nil, "60002": Day(unchecked: 2026, 10, 1)], knownGroups: ["2-wi"])
        let d = check([leerling, koppel], ctx).filter { $0.soort == .koppel }
        #expect(d.map(\.code) == [.groepNieuw, .leerlingVertrokken, .leerlingVertrokken, .leerlingOnbekend, .geenGroepscode])
        #expect(d.map(\.line) == [1, 3, 5, 6, 7])
    }

    /// A pupil listed in many groups (more than a list per pupil holds), and every pair twice:
    /// each pair is read once, for a pupil of the leerling file and for one of the store, before
    /// and after its pairs move to a hash set.
    @Test func aPupilInManyGroupsIsReadOncePerGroup() {
        let leerling = leerlingFile(pupils: 2, [D(line: 2, column: L.stamnr, value: "50001")])
        var rows: [String] = []
        for round in 0..<2 {
            for g in 0..<40 {
                rows.append("g\(g);Leeuwenbrug;50001")
                rows.append("g\(g);Leeuwenbrug;60001")
                if round == 1 { rows.append("g\(g);Leeuwenbrug;50001") }
            }
        }
        let koppel = load(rows.joined(separator: "\n") + "\n", soort: .koppel)
        var c = Checker(context: context(knownPupils: ["60001": nil]))
        #expect(c.check([leerling, koppel]) != nil)
        let groep = c.imported.couplings.filter { $0.soort == .groep }
        let pupils = c.imported.pupils.map(\.key)
        func count(_ key: String) -> Int { groep.filter { pupils[Int($0.subject)] == key }.count }
        #expect(count("50001") == 40)
        #expect(count("60001") == 40)
        #expect(Set(groep.map { "\($0.subject)/\($0.target)" }).count == groep.count)
    }

    @Test func groepenChecks() {
        let groepen = load("""
        groep code;docent nummer;docent voornaam;docent tussenvoegsel;docent achternaam;docent email;vestiging naam
        1A;2100;Arjan;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1E;2100;Arjan;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1F;02100;Arjen;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1G;;;;;;Leeuwenbrug
        ;2101;Olav;;Brand;olav@;Leeuwenbrug
        1H;2102;Els;;Ros;els@example.com;Het Baken
        """)
        let d = check([groepen], context(knownGroups: ["1A"]))
        #expect(d.map(\.code) == [.groepNieuw, .groepNieuw, .medewerkerTegenstrijdig, .geenDocentnummer, .groepNieuw,
                                  .geenGroepscode, .ongeldigEmailadres, .andereVestiging])
        #expect(d.map(\.line) == [3, 4, 4, 5, 5, 6, 6, 7])
    }

    @Test func charsetWarningPerLine() {
        let g = SchoolGenerator(pupils: 3, seed: 1)
        let bytes = g.render(.leerling, g.leerlingRows(), defects: [D(line: 2, column: L.roepnaam, value: "Zoë")])
        let d = check([load(bytes: bytes, charset: .forced(.windows1252))]).filter { $0.code == .verkeerdeTekenset }
        #expect(d.first?.line == 2)
        #expect(d.first?.column == "Roepnaam")
        #expect(d.first?.value == "ZoÃ«")
        #expect(d.first?.message.contains("probeer charset utf-8") == true)
    }

    @Test func cancelStopsTheCheck() {
        var c = Checker(context: context(), cancelled: { true })
        #expect(c.check([leerlingFile(pupils: 10)]) == nil)
    }
}
