import Foundation
import Testing
import ZienCore
import ZienFixtures

/// Each code reads one way (SPEC.md §3): its message is written once, beside the code, and
/// shows invisible and control characters as `U+0092`.
@Suite struct MessageTests {
    /// Example values for every code's placeholders; the odd characters are on purpose.
    static let examples: [String: [String]] = [
        "verkeerd-bestandstype": ["een Excel-bestand (xlsx)"],
        "leeg-bestand": [MessagePart.alleenKopregel],
        "verkeerd-aantal-velden": ["12", "44", "45"],
        "kopregel-gesplitst": ["1", "2", "3"],
        "kolomvolgorde": [MessagePart.verwisseld("Geslacht", 4, "Achternaam", 6)],
        "kolom-ontbreekt": ["6", "Geslacht", MessagePart.vervangenDoor("Ges\u{92}lacht")],
        "kolom-extra": ["7", "Roepnaam\tvader", ""],
        "verkeerde-soort": ["groepen", "7", MessagePart.naarKopregel, "leerling", "45", "groepen.csv", "groepen"],
        "tekenset": ["utf-8", MessagePart.regels(3), MessagePart.eerste([MessagePart.plaats(line: 2, byte: 0xEB, offset: 40)], total: 3),
                     MessagePart.leesbaarAls("windows-1252")],
        "verkeerde-tekenset": ["dU+0092Hondt", "d’Hondt", MessagePart.gelezenAls("iso-8859-1", better: "windows-1252")],
        "geen-leerlingnummer": [], "geen-achternaam": [], "geen-geslacht": [],
        "geslacht-ongeldig": ["23\u{81}81"],
        "geslacht-als-onbekend": ["X"],
        "geen-geboortedatum": [],
        "geslacht-verzorger-ongeldig": ["2", "q\u{0}"],
        "geen-ilt-code": [MessagePart.geenIltCode("12345")],
        "geen-leerjaar": [MessagePart.geenLeerjaar("7")],
        "ongeldige-datum": ["Geboortedatum", "31-02-2012", MessagePart.datum(wellFormed: true)],
        "dubbel-leerlingnummer": ["012345", "13"],
        "medewerker-tegenstrijdig": ["9999", "klasmentor 1", "Piet\u{A0}Pukkel", MessagePart.regel(23, of: nil), "Piet Puk"],
        "onbekende-vestiging": ["Het\u{A0}Baken", MessagePart.bedoeldeJe("Het Baken")],
        "andere-vestiging": ["de leerling", "Het Baken", "Leeuwenbrug"],
        "ongeldig-emailadres": ["de leerling", "jan@@example\r"],
        "ongeldige-post-waarde": ["1", "misschien"],
        "geen-ouders": [], "geen-mentoren": [], "geen-mentorgroep": [],
        "leerling-onbekend": [MessagePart.leerling("99999")],
        "leerling-vertrokken": ["50002", "01-09-2026"],
        "veel-beeindigd": ["80", "100", "Leeuwenbrug", "2026-2027"],
        "groep-nieuw": ["9Z\u{7F}", "Leeuwenbrug"],
        "technische-fout": ["onverwacht"],
        "aanhalingsteken-open": ["2"],
        "geen-groepscode": [],
        "geen-docentnummer": [],
        "mentor-zonder-nummer": ["klasmentor 1"],
        "tekst-hersteld": ["BrontÃ«", "Brontë"],
    ]

    @Test func everyCodeRendersWithoutProgrammingEscapes() {
        for code in DiagnosticCode.all {
            guard let values = MessageTests.examples[code.rawValue] else {
                Issue.record("\(code) heeft geen voorbeeld in MessageTests.examples")
                continue
            }
            #expect(values.count == code.placeholderCount, "\(code): \(code.placeholderCount) waarden in '\(code.template)'")
            let m = Diagnostic(code, soort: .leerling, line: 2, values: values).message
            #expect(!m.contains("\\u{") && !m.contains("\\t") && !m.contains("\\n") && !m.contains("\\0"), "\(code): \(m)")
            #expect(!m.unicodeScalars.contains { Text.isInvisible($0.value) }, "\(code): \(m)")
            #expect(!m.isEmpty && !m.contains("{"), "\(code): \(m)")
        }
        let m = Diagnostic(.geslachtOngeldig, soort: .leerling, line: 2, "23\u{92}81").message
        #expect(m.contains("'23U+009281'"))
    }

    @Test func anImpossibleDateSaysItDoesNotExist() {
        let g = SchoolGenerator(pupils: 3, seed: 9)
        let f = load(bytes: g.render(.leerling, g.leerlingRows(), defects: [
            .init(line: 2, column: Columns.L.geboortedatum, value: "31-02-2012"),
            .init(line: 3, column: Columns.L.vertrekdatum, value: "2026-13-01"),
            .init(line: 4, column: Columns.L.geboortedatum, value: "morgen"),
        ]))
        let d = check([f]).filter { $0.code == .ongeldigeDatum }
        #expect(d.map(\.message) == [
            "Ongeldige datum in Geboortedatum: '31-02-2012' bestaat niet",
            "Ongeldige datum in Vertrekdatum: '2026-13-01' bestaat niet",
            "Ongeldige datum in Geboortedatum: 'morgen' is geen datum (verwacht dd-mm-jjjj)",
        ])
    }

    /// A pattern that matches exactly the messages `code`'s template can give.
    static func pattern(_ code: DiagnosticCode) -> NSRegularExpression? {
        var parts: [String] = []
        var cur = ""
        var inside = false
        for ch in code.template {
            if inside { if ch == "}" { inside = false }; continue }
            if ch == "{" { parts.append(cur); cur = ""; inside = true } else { cur.append(ch) }
        }
        parts.append(cur)
        let regex = "^" + parts.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "(.*)") + "$"
        return try? NSRegularExpression(pattern: regex, options: [.dotMatchesLineSeparators])
    }

    /// Every finding the fixtures give — every defect we generate, in every charset, header
    /// and soort — reads as its code's one template says: no code has a second text.
    @Test func noCodeHasTwoTexts() throws {
        let dir = NSTemporaryDirectory() + "zien-messages-\(getpid())"
        try FixtureSet.write(to: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [[LoadedFile]] = []
        let fm = FileManager.default
        for sub in (try fm.contentsOfDirectory(atPath: dir)).sorted() {
            let names = ((try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []).sorted()
            for setting in [CharsetSetting.auto, .forced(.utf8), .forced(.windows1252), .forced(.iso88591), .utf16WithBOM] {
                var set: [LoadedFile] = []
                for n in names {
                    // The 3000-pupil and 10 MB files add time, not texts.
                    guard let data = fm.contents(atPath: dir + "/" + sub + "/" + n), data.count < 200_000 else { continue }
                    let f = LoadedFile(path: n, raw: Array(data), charset: setting, soort: nil)
                    if !set.contains(where: { $0.soort == f.soort }) { set.append(f) }
                    files.append([LoadedFile(path: n, raw: Array(data), charset: setting, soort: .leerling)])
                }
                files.append(set)
            }
        }
        var seen = Set<String>()
        for set in files {
            for ctx in [context(), context(knownPupils: ["50001": nil])] {
                for d in check(set, ctx) {
                    seen.insert(d.code.rawValue)
                    let m = d.message
                    let ok = MessageTests.pattern(d.code).map { $0.firstMatch(in: m, range: NSRange(m.startIndex..., in: m)) != nil } ?? false
                    #expect(ok, "\(d.code): '\(m)' is niet de tekst van de code: '\(d.code.template)'")
                    #expect(!m.contains("\\u{"), "\(d.code): \(m)")
                }
            }
        }
        // The fixtures reach most codes; the rest are covered by the rendering test above.
        #expect(seen.count >= 28, "alleen \(seen.sorted())")
    }
}
