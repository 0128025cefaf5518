import Testing
@testable import ZienCore

/// Garbled text of every script the schools meet, and right text that only looks odd (SPEC.md
/// §2): the corpus the detector is measured on. The figures (found / missed / false alarms)
/// are printed and held to.
@Suite struct MojibakeCorpusTests {
    /// What Excel does to a UTF-8 export it opens as Windows-1252 and saves as UTF-8 again:
    /// every byte read as its Windows-1252 character (the five undefined bytes as C1 controls).
    static func garble(_ s: String) -> String {
        String(decoding: TextDecoder.decode(Array(s.utf8), as: .windows1252, skip: 0).bytes, as: UTF8.self)
    }

    /// Right text that, garbled, a school's file may hold.
    static let right: [String] = [
        // Dutch and other Latin names
        "Zoë", "Brontë", "d’Hondt", "Daniëlle", "Anaïs", "Cécile", "Inês", "Noël", "José", "Chloë",
        "’s-Hertogenbosch", "Ruud “de Bolle” Jansen", "Jan – Piet", "François", "Søren", "Müller", "Æsa",
        // Turkish
        "Kılıç", "Şükrü", "Gülşen", "Ömer Çelik", "İsmail", "Ağaoğlu",
        // Polish
        "Łukasz", "Wójcik", "Małgorzata Żak", "Szczęsny", "Bąk",
        // Vietnamese
        "Nguyễn", "Trần Thị Bích", "Phạm Đức", "Lê Văn Hưng",
        // Greek, Cyrillic, Romanian, Azerbaijani
        "Αλέξανδρος", "Παπαδόπουλος", "Дмитрий", "Ștefan", "Əliyev",
        // Arabic, Hebrew
        "محمد", "فاطمة الزهراء", "שלום", "יעקב כהן",
        // Chinese
        "王小明", "李华",
        // emoji, symbols
        "Sam 😀", "❤️ Mila", "👍🏽", "€ 12,50", "© 2024",
    ]

    /// Right text that looks odd and must get no warning.
    static let odd: [String] = [
        "JOÃO", "SÃO TOMÉ", "Ærø", "5×€10", "Øresund", "ÅSA", "Ñandú", "ÉCOLE", "Ça va", "Ångström",
        "¿Qué?", "¡Hola!", "Œuvre", "Straße", "NAÇÃO", "ÀÉÎÕÜ", "Het\u{A0}Baken", "10\u{A0}000",
        "Zoë\u{A0}Jansen", "©2024", "½ uur", "25°C", "«Jean»", "ÜBER", "SKÅL", "“CAFÉ”", "JOSÉ’s",
        "PÂTÉ", "ØYSTEIN", "ÆBLE", "Đorđe", "ÞÓR", "Îles", "€ 5,-", "±3 kg", "Müller", "Brontë",
        "d’Hondt", "ÉÉN", "Ÿ", "ÓSCAR", "ÍÑIGO", "Ã", "×", "Â", "ÂME",
    ]

    static func detected(_ s: String) -> String? {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { Mojibake.repaired(UnsafeBufferPointer($0)) }
    }

    @Test func theCorpus() {
        var found = 0, missed: [String] = [], wrong: [String] = [], falseAlarms: [String] = []
        let garbled = MojibakeCorpusTests.right.map { ($0, MojibakeCorpusTests.garble($0)) }
            + [("Zoë", MojibakeCorpusTests.garble(MojibakeCorpusTests.garble("Zoë")))]   // garbled twice
        for (text, g) in garbled {
            switch MojibakeCorpusTests.detected(g) {
            case text?: found += 1
            case nil: missed.append(g)
            case let other?: wrong.append("\(g) → \(other)")
            }
        }
        for text in MojibakeCorpusTests.odd + MojibakeCorpusTests.right where MojibakeCorpusTests.detected(text) != nil {
            falseAlarms.append(text)
        }
        let cases = garbled.count + MojibakeCorpusTests.odd.count + MojibakeCorpusTests.right.count
        print("mojibake-corpus: \(cases) gevallen; \(garbled.count) verminkt: \(found) gevonden, \(missed.count) gemist, \(wrong.count) verkeerd hersteld; \(MojibakeCorpusTests.odd.count + MojibakeCorpusTests.right.count) goed: \(falseAlarms.count) vals alarm")
        #expect(cases >= 60)
        #expect(missed.isEmpty, "gemist: \(missed)")
        #expect(wrong.isEmpty, "verkeerd: \(wrong)")
        #expect(falseAlarms.isEmpty, "vals alarm: \(falseAlarms)")
    }
}
