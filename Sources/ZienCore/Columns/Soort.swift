/// The three file kinds Magister exports for Zien!vo.
public enum Soort: String, Sendable, CaseIterable, Comparable {
    case leerling
    case groepen
    case koppel

    /// The order `check` handles them in: leerling → groepen → koppel.
    public static func < (a: Soort, b: Soort) -> Bool { a.order < b.order }
    var order: Int {
        switch self {
        case .leerling: 0
        case .groepen: 1
        case .koppel: 2
        }
    }

    /// Parses a soort as users write it (`leerling`, `leerlingen`, `groep`, `koppeling`, …).
    public init?(word: String) {
        switch word.lowercased() {
        case "leerling", "leerlingen", "l": self = .leerling
        case "groepen", "groep", "g", "medewerkers": self = .groepen
        case "koppel", "koppels", "koppeling", "koppelingen", "k", "leerling-groep-koppel": self = .koppel
        default: return nil
        }
    }

    /// The column names `export` writes, in order.
    public var columns: [String] {
        switch self {
        case .leerling: Columns.leerling
        case .groepen: Columns.groepen
        case .koppel: Columns.koppel
        }
    }

    /// Every accepted header, each a list of names in order.
    public var acceptedHeaders: [[String]] {
        switch self {
        case .leerling: [Columns.leerling]
        case .groepen: [Columns.groepen, Columns.groepenMagister]
        case .koppel: [Columns.koppel]
        }
    }

    /// Field count of a record of this soort.
    public var fieldCount: Int { columns.count }
}

/// Column names as Magister (and `export`) write them.
public enum Columns {
    /// The 45 columns of the leerling file.
    public static let leerling: [String] = [
        "Stamnr", "Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Geslacht",
        "E-mailadres", "Vertrekdatum", "Administratieve eenheid Klas", "Opleidingscode 1e Profiel",
        "Leerjaar Studie", "Klas",
    ] + verzorger(1, voorl: "Voorl.") + verzorger(2, voorl: "Voorl.") + verzorger(3, voorl: "Voorl")
        + [
            "Stamnr Klas.Mentor 1", "Roepnaam Klas.Mentor 1.Persoon", "Tussenvoegsel Klas.Mentor 1.Persoon",
            "Achternaam Klas.Mentor 1.Persoon", "E-mail (werk) Klas.Mentor 1",
            "Stamnr Klas.Mentor 2", "Roepnaam Klas.Mentor 2.Persoon", "Tussenvoegsel Klas.Mentor 2.Persoon",
            "Achternaam Klas.Mentor 2.Persoon", "E-mail (werk) Klas.Mentor 2",
            "Stamnr Persoonlijke mentor 1", "Roepnaam Persoonlijke mentor 1", "Tussenv Persoonlijke mentor 1",
            "Achternaam Persoonlijke mentor 1", "E-mail (werk) Persoonlijke mentor 1",
        ]

    static func verzorger(_ n: Int, voorl: String) -> [String] {
        ["\(voorl) Ouder/verzorger \(n)", "Tussenv Ouder/verzorger \(n)", "Achternaam Ouder/verzorger \(n)",
         "M/V Ouder/verzorger \(n)", "E-mail Ouder/verzorger \(n)", "Post ouder \(n)"]
    }

    /// The groepen header of the manual's example (what `export` writes).
    public static let groepen = [
        "groep code", "docent nummer", "docent voornaam", "docent tussenvoegsel",
        "docent achternaam", "docent email", "vestiging naam",
    ]
    /// Magister's own names for the groepen columns.
    public static let groepenMagister = [
        "Klas/Lesgroep", "Stamnummer.Docent", "Roepnaam.Docent", "Tussenv.Docent",
        "Achternaam.Docent", "E-mail.Docent", "Klas/Lesgroep.Administratieve eenheid",
    ]
    /// The koppel header (accepted; `export` writes none).
    public static let koppel = ["Klas/Lesgroep", "Administratieve eenheid", "Stamnr"]

    // Column positions (0-based) in the leerling file.
    public enum L {
        public static let stamnr = 0, roepnaam = 1, tussenvoegsel = 2, achternaam = 3
        public static let geboortedatum = 4, geslacht = 5, email = 6, vertrekdatum = 7
        public static let vestiging = 8, ilt = 9, leerjaar = 10, klas = 11
        /// First column of verzorger slot 1, 2, 3 (six columns each).
        public static func verzorger(_ slot: Int) -> Int { 12 + (slot - 1) * 6 }
        /// First column of mentor block 0 (klasmentor 1), 1 (klasmentor 2), 2 (persoonlijke mentor).
        public static func mentor(_ block: Int) -> Int { 30 + block * 5 }
    }

    /// Header names as compared: NFC, case-folded, dots removed, runs of white space collapsed.
    public static func normalize(_ name: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in Text.nfc(name).lowercased() {
            if ch == "." { continue }
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(ch)
        }
        return out
    }
}
