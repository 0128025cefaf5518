import ZienCore

/// Dutch school names, with tussenvoegsels, diacritics (ë ï é ç ş ø) and apostrophes (’ and '),
/// filtered to what the chosen charset can write.
struct NamePool {
    let firstNames: [String]
    let surnames: [(String, String)]

    static let allFirst = [
        "Daan", "Sem", "Lucas", "Levi", "Finn", "Noah", "Milan", "Bram", "Jesse", "Thijs",
        "Emma", "Julia", "Tess", "Sophie", "Mila", "Sara", "Anna", "Noor", "Fleur", "Lotte",
        "Zoë", "Chloë", "Daniël", "Noël", "Loïs", "Anaïs", "Inés", "José", "François", "Çağla",
        "Şahin", "Bjørn", "Søren", "Mevlüt", "Thaïs", "Eliën",
    ]
    static let allSurnames: [(String, String)] = [
        ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
        ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
        ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
        ("van der", "Linden"), ("in 't", "Veld"), ("van 't", "Hof"), ("d’", "Hondt"), ("d'", "Ancona"),
        ("", "Yılmaz"), ("", "Şahin"), ("", "Çelik"), ("", "Koç"), ("", "Løite"),
        ("", "Müller"), ("", "Hoekstra"), ("", "Brouwer"), ("", "Dekker"), ("ten", "Brinke"),
        ("", "Öztürk"), ("", "Maatman"), ("van der", "Have"), ("", "Ševčík"), ("", "N’Diaye"),
    ]

    init(charset: Charset) {
        func fits(_ s: String) -> Bool { TextDecoder.encode(s, as: charset) != nil }
        firstNames = NamePool.allFirst.filter(fits)
        surnames = NamePool.allSurnames.filter { fits($0.0) && fits($0.1) }
    }
}
