import Foundation
import Testing
import ZienCore
@testable import ZienStore

/// Issue 10 item 8: the decoder refuses what the encoder never writes, with the usual refusal,
/// never a crash and never a rewrite.
@Suite struct StoreCorruptionTests {
    /// A small store as the writer writes it.
    static func base() -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug"]
        d.revision = 4
        let s = Schooljaar(startYear: 2026)
        d.leerlingen["1001"] = Leerling(key: "1001", stamnr: "1001", roepnaam: "Zoë", tussenvoegsel: "", achternaam: "Jansen",
                                        geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .vrouw, email: nil, vertrekdatum: nil)
        d.medewerkers["2100"] = Medewerker(key: "2100", nummer: "2100", roepnaam: "Arjan", tussenvoegsel: "", achternaam: "Maatman",
                                           email: "a@example.com")
        d.verzorgers["1001/1"] = Verzorger(leerling: "1001", slot: 1, voorletters: "A.", tussenvoegsel: "", achternaam: "Jansen",
                                           geslacht: .vrouw, email: nil, post: true)
        d.groepen = [Groep(schooljaar: s, vestiging: "Leeuwenbrug", code: "1A")]
        d.koppelingen = [
            Koppeling(soort: .groep, schooljaar: s, vestiging: "Leeuwenbrug", onderwerp: "1001", doel: "1A", start: Day(unchecked: 2026, 8, 1)),
            Koppeling(soort: .docent, schooljaar: s, vestiging: "Leeuwenbrug", onderwerp: "1A", doel: "2100", start: Day(unchecked: 2026, 8, 1)),
        ]
        return d
    }

    static let text = String(decoding: base().encoded(), as: UTF8.self)

    /// Each corruption as (what is replaced, by what): the writer's text must contain the first.
    static let corruptions: [(String, String)] = [
        ("\"2013-02-01\"", "\"2013-02-31\""),                      // a date that does not exist
        ("\"2013-02-01\"", "\"01-02-2013\""),                      // a date in another form
        ("\"2013-02-01\"", "\"9999999999999999999\""),             // 19 digits
        ("\"2013-02-01\"", "\"20130-02-01\""),
        ("\"2026-08-01\",null]", "\"2026-08-01\",\"2026-13-01\"]"),
        ("\"revision\":4", "\"revision\":-4"),                      // a negative revision
        ("\"revision\":4", "\"revision\":99999999999999999999"),
        ("\n,\"medewerkers\":", "\n,\"vestigingen\":[\"X\"]\n,\"medewerkers\":"),   // a duplicate section
        ("\n,\"medewerkers\":", "\n,\"leerlingen\":[]\n,\"medewerkers\":"),
        ("\n,\"groepen\":", "\n,\"koppelingen\":[]\n,\"groepen\":"),
        ("[\"1001\",\"1001\",", "[\"1001\",\"1001\",\"Zoë\",\"\",\"Jansen\",\"2013-02-01\",\"vrouw\",null,null],[\"1001\",\"1001\","),  // a duplicate pupil
        ("[\"groep\",2026,\"Leeuwenbrug\",\"1001\"", "[\"groep\",2026,\"Leeuwenbrug\",\"9999\""),   // a coupling to an unknown pupil
        ("\"1001\",\"1A\"", "\"1001\",\"2B\""),                     // a coupling to an unknown group
        ("\"Zoë\"", "\"Zo\u{FFFD}\""),                              // placeholder: invalid UTF-8 is put in below
        ("\"Zoë\"", "\"Zo\\ud800\""),                               // lone surrogates
        ("\"Zoë\"", "\"Zo\\udc00\""),
        ("\"Zoë\"", "\"Zo\\ud800\\u0041\""),
        ("\"Zoë\"", "\"Zo\\ud800\\u0000\""),                        // trapped (UInt32 overflow)
        ("\"Zoë\"", "\"Zo\\u+041\""),
        ("true]", "tru]"),                                          // true/false misspelled
        ("true]", "trux]"),
        ("true]", "fals]"),
        ("true]", "falsy]"),
        ("[\"1001\",1,", "[\"1001\",0,"),                           // verzorger slot out of range
        ("[\"1001\",1,", "[\"1001\",4,"),
        ("[\"1001\",1,", "[\"1001\",-1,"),
        ("[\"groep\",2026,", "[\"groep\",999999999999999999,"),     // a schooljaar that overflows
        ("[[2026,\"Leeuwenbrug\",\"1A\"]]", "[[-2026,\"Leeuwenbrug\",\"1A\"]]"),
        ("\"Jansen\"", "\"Jan\u{07}sen\""),                         // a raw control character
        ("\"vrouw\"", "\"vrouwe\""),
        ("\"vrouw\"", "\"vrouX\""),                                 // as long as a geslacht, not one
        ("\"2013-02-01\"", "\"2013-0a-01\""),                      // a letter among the digits
        ("\"2013-02-01\"", "\"2013-02-0/\""),                      // a byte just below '0'
        ("[\"groep\",2026,", "[\"groeq\",2026,"),                   // as long as a soort, not one
    ]

    static func bytes(_ n: Int) -> [UInt8] {
        let (from, to) = corruptions[n]
        var out = Array(text.replacingOccurrences(of: from, with: to, options: [], range: text.range(of: from)).utf8)
        if to.contains("\u{FFFD}") {
            // Invalid UTF-8: a lone 0xFF, an overlong `/`, a surrogate written as UTF-8.
            out = Array(text.replacingOccurrences(of: from, with: "\"Zo_\"", options: [], range: text.range(of: from)).utf8)
            if let at = out.firstIndex(of: 0x5F) { out.replaceSubrange(at...at, with: [0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80]) }
        }
        return out
    }

    @Test func theBaseStoreReads() throws {
        #expect(try StoreData(decoding: Array(StoreCorruptionTests.text.utf8)) == StoreCorruptionTests.base())
        for (from, _) in StoreCorruptionTests.corruptions { #expect(StoreCorruptionTests.text.contains(from), "\(from)") }
    }

    @Test(arguments: corruptions.indices) func aCorruptionIsRefusedAndTheFileKept(_ n: Int) throws {
        let corrupt = StoreCorruptionTests.bytes(n)
        #expect(corrupt != Array(StoreCorruptionTests.text.utf8))
        #expect(throws: StoreError.self, "\(StoreCorruptionTests.corruptions[n])") { try StoreData(decoding: corrupt) }
        let dir = NSTemporaryDirectory() + "zien-corrupt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        try Data(corrupt).write(to: URL(fileURLWithPath: path))
        let refused: String
        do {
            let s = try Store(path: path)
            _ = try s.data()
            refused = ""
        } catch let e as StoreError {
            refused = e.message
        }
        #expect(refused.contains("wordt niet geopend") && refused.contains("Het bestand is niet gewijzigd"), "\(refused)")
        // Nothing writes over it.
        if let s = try? Store(path: path) {
            #expect(throws: StoreError.self) { try s.update { $0.vestigingen.append("B") } }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == corrupt)
    }
}
