/// A pupil as the store holds it. Identity: `key` (SPEC.md §4).
public struct Leerling: Sendable, Equatable {
    /// The Stamnr with leading zeros removed when it is all digits.
    public var key: String
    /// The Stamnr as written in the file (kept for display and export).
    public var stamnr: String
    public var roepnaam: String
    public var tussenvoegsel: String
    public var achternaam: String
    public var geboortedatum: Day?
    public var geslacht: Geslacht
    public var email: String?
    public var vertrekdatum: Day?

    public init(key: String, stamnr: String, roepnaam: String, tussenvoegsel: String, achternaam: String,
                geboortedatum: Day?, geslacht: Geslacht, email: String?, vertrekdatum: Day?) {
        self.key = key
        self.stamnr = stamnr
        self.roepnaam = roepnaam
        self.tussenvoegsel = tussenvoegsel
        self.achternaam = achternaam
        self.geboortedatum = geboortedatum
        self.geslacht = geslacht
        self.email = email
        self.vertrekdatum = vertrekdatum
    }

    /// `Roepnaam tussenvoegsel Achternaam`.
    public var naam: String { [roepnaam, tussenvoegsel, achternaam].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A member of staff (mentor or docent). Identity: `key`, one namespace for mentor Stamnr and
/// docent nummer.
public struct Medewerker: Sendable, Equatable {
    public var key: String
    public var nummer: String
    public var roepnaam: String
    public var tussenvoegsel: String
    public var achternaam: String
    public var email: String?

    public init(key: String, nummer: String, roepnaam: String, tussenvoegsel: String, achternaam: String, email: String?) {
        self.key = key
        self.nummer = nummer
        self.roepnaam = roepnaam
        self.tussenvoegsel = tussenvoegsel
        self.achternaam = achternaam
        self.email = email
    }

    public var naam: String { [roepnaam, tussenvoegsel, achternaam].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A parent or guardian. Belongs to one pupil and one slot (1–3); never merged across pupils.
public struct Verzorger: Sendable, Equatable {
    // The texts first, the small fields after them: 96 bytes a verzorger instead of 104 (a
    // board's store holds 130,000).
    public var leerling: String
    public var voorletters: String
    public var tussenvoegsel: String
    public var achternaam: String
    public var email: String?
    public var slot: Int
    public var geslacht: Geslacht
    public var post: Bool

    public init(leerling: String, slot: Int, voorletters: String, tussenvoegsel: String, achternaam: String,
                geslacht: Geslacht, email: String?, post: Bool) {
        self.leerling = leerling
        self.slot = slot
        self.voorletters = voorletters
        self.tussenvoegsel = tussenvoegsel
        self.achternaam = achternaam
        self.geslacht = geslacht
        self.email = email
        self.post = post
    }

    /// Identity within the store: `leerling/slot` (one concatenation: it is made for every
    /// verzorger a board's import stores or looks up).
    public var id: String { Verzorger.id(leerling, slot) }
    public static func id(_ leerling: String, _ slot: Int) -> String { leerling + (1...3 ~= slot ? slotSuffixes[slot] : "/\(slot)") }
    static let slotSuffixes = ["", "/1", "/2", "/3"]
    public var naam: String { [voorletters, tussenvoegsel, achternaam].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A group: a stamgroep (klas) or lesgroep of one vestiging in one schooljaar.
public struct Groep: Sendable, Equatable, Hashable {
    public var schooljaar: Schooljaar
    public var vestiging: String
    public var code: String

    public init(schooljaar: Schooljaar, vestiging: String, code: String) {
        self.schooljaar = schooljaar
        self.vestiging = vestiging
        self.code = code
    }
}

/// What a coupling connects (SPEC.md §4, "Who owns which coupling").
public enum KoppelSoort: String, Sendable, CaseIterable, Comparable {
    /// pupil – vestiging, with ILT code and leerjaar (owned by leerling)
    case vestiging
    /// pupil – stamgroep (leerling)
    case stamgroep
    /// pupil – class mentor 1 / 2 or personal mentor; `doel` is `slot:medewerker` (leerling)
    case mentor
    /// pupil – verzorger slot; `doel` is the slot (leerling)
    case verzorger
    /// group – docent; `onderwerp` is the group code, `doel` the medewerker (groepen)
    case docent
    /// pupil – group from the koppel file (koppel)
    case groep

    /// The soort whose file is the whole truth for this coupling.
    public var owner: Soort {
        switch self {
        case .vestiging, .stamgroep, .mentor, .verzorger: .leerling
        case .docent: .groepen
        case .groep: .koppel
        }
    }

    /// Its place in `allCases`.
    public var index: Int {
        switch self {
        case .vestiging: 0
        case .stamgroep: 1
        case .mentor: 2
        case .verzorger: 3
        case .docent: 4
        case .groep: 5
        }
    }

    public static func < (a: KoppelSoort, b: KoppelSoort) -> Bool { a.index < b.index }
}

/// A coupling with start and end date in one schooljaar and vestiging. Never deleted by an
/// import: ended, and a coupling that comes back is a new one.
public struct Koppeling: Sendable, Equatable {
    // The texts first, the small fields after them: 88 bytes a coupling instead of 96 (a
    // board's store holds most of a million).
    public var vestiging: String
    /// The pupil key, or (for docent) the group code.
    public var onderwerp: String
    /// What it couples to: group code, `slot:medewerker`, verzorger slot, medewerker key; empty
    /// for the vestiging coupling.
    public var doel: String
    /// ILT code and leerjaar for the vestiging coupling (`372/3`); empty otherwise.
    public var extra: String
    public var schooljaar: Schooljaar
    public var start: Day
    public var einde: Day?
    public var soort: KoppelSoort

    public init(soort: KoppelSoort, schooljaar: Schooljaar, vestiging: String, onderwerp: String, doel: String,
                extra: String = "", start: Day, einde: Day? = nil) {
        self.soort = soort
        self.schooljaar = schooljaar
        self.vestiging = vestiging
        self.onderwerp = onderwerp
        self.doel = doel
        self.extra = extra
        self.start = start
        self.einde = einde
    }

    /// A mentor coupling's `doel` (`1:2100`, `P:2100`) as its slot (`1`, `2`, `P`) and medewerker
    /// key, split at the first `:` byte (a key may hold anything, a combining mark after the
    /// colon too); nil when there is no colon.
    public static func mentorParts(_ doel: String) -> (slot: String, medewerker: String)? {
        Text.splitFirst(doel, atByte: 0x3A).map { (slot: $0.before, medewerker: $0.after) }
    }

    /// Identity of what is coupled (not of this coupling's period).
    public var identity: KoppelIdentity {
        KoppelIdentity(soort: soort, schooljaar: schooljaar.startYear, vestiging: vestiging, onderwerp: onderwerp, doel: doel)
    }

    /// Active on `day`: started and not (yet) ended.
    public func isActive(on day: Day) -> Bool {
        start <= day && (einde.map { day < $0 } ?? true)
    }
}

/// What a coupling connects, without dates: the key the planner compares on.
public struct KoppelIdentity: Hashable, Sendable {
    public var soort: KoppelSoort
    public var schooljaar: Int
    public var vestiging: String
    public var onderwerp: String
    public var doel: String
}
