/// The kinds `show changes` groups by.
public enum ChangeKind: String, Sendable, CaseIterable {
    case leerlingen, medewerkers, verzorgers, groepen, koppelingen
}

/// Whether a change adds, changes or ends something.
public enum ChangeType: String, Sendable, CaseIterable {
    case nieuw, gewijzigd, beeindigd

    /// `+`, `~`, `-`.
    public var mark: String {
        switch self {
        case .nieuw: "+"
        case .gewijzigd: "~"
        case .beeindigd: "-"
        }
    }
}

/// One field of a changed record: before → after.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var before: String
    public var after: String
}

/// What a change is about. Kept as keys: the display text is made only for the lines shown
/// (a board's first import has close to a million changes).
public enum ChangeSubject: Sendable, Equatable {
    case leerling(String)
    case medewerker(String)
    /// `leerling/slot`
    case verzorger(String)
    case groep(String)
    case koppeling(KoppelIdentity)
}

/// One line of the change set.
public struct Change: Sendable {
    public var kind: ChangeKind
    public var type: ChangeType
    public var about: ChangeSubject
    /// Field-level before → after (changed records and couplings).
    public var fields: [FieldChange]

    /// The pupil key it concerns (for `show changes leerling STAMNR`), if any.
    public var leerling: String? {
        switch about {
        case .leerling(let k): return k
        case .verzorger(let id): return id.split(separator: "/").first.map(String.init)
        case .koppeling(let id): return id.soort == .docent ? nil : id.onderwerp
        case .medewerker, .groep: return nil
        }
    }

    /// The group code it concerns (for `show changes groep CODE`), if any.
    public var groep: String? {
        switch about {
        case .groep(let c): return c
        case .koppeling(let id):
            switch id.soort {
            case .stamgroep, .groep: return id.doel
            case .docent: return id.onderwerp
            default: return nil
            }
        default: return nil
        }
    }
}

/// Counts of one kind.
public struct ChangeCounts: Sendable, Equatable {
    public var nieuw = 0
    public var gewijzigd = 0
    public var beeindigd = 0

    public init() {}

    public var total: Int { nieuw + gewijzigd + beeindigd }

    mutating func add(_ t: ChangeType) {
        switch t {
        case .nieuw: nieuw += 1
        case .gewijzigd: gewijzigd += 1
        case .beeindigd: beeindigd += 1
        }
    }
}

/// Everything a commit would do to the store, computed from the store as it was at check time.
public struct ChangeSet: Sendable {
    /// Records to write (new or changed), by key.
    public var leerlingen: [Leerling] = []
    public var medewerkers: [Medewerker] = []
    public var verzorgers: [Verzorger] = []
    public var groepen: [Groep] = []
    /// Couplings to add.
    public var nieuweKoppelingen: [Koppeling] = []
    /// Couplings to change in place: index in the store's list → new value (end date, ILT/leerjaar).
    public var gewijzigdeKoppelingen: [(index: Int, koppeling: Koppeling)] = []
    /// The display lines, in order.
    public var changes: [Change] = []
    /// Active couplings of (S, V) in the store, and how many this change set would end.
    public var activeBefore = 0
    public var ending = 0
    /// Where names come from when a line is shown: the files first, then the store.
    var imported = ImportData()
    var store = StoreSnapshot(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])
    var vestiging = ""
    var schooljaar = Schooljaar(startYear: 2000)

    public init() {}

    /// The text `show changes` gives a line: `leerling 10234 Jan Jansen – stamgroep 1A`.
    public func subject(_ c: Change) -> String {
        func pupil(_ key: String) -> String {
            (imported.leerlingen[key] ?? store.leerlingen[key]).map { "leerling \($0.stamnr) \($0.naam)" } ?? "leerling \(key)"
        }
        func staff(_ key: String) -> String {
            (imported.medewerkers[key] ?? store.medewerkers[key]).map { "\($0.nummer) \($0.naam)" } ?? key
        }
        switch c.about {
        case .leerling(let k): return pupil(k)
        case .medewerker(let k): return "medewerker \(staff(k))"
        case .verzorger(let id):
            let z = imported.verzorgers[id] ?? store.verzorgers[id]
            let k = String(id.split(separator: "/").first ?? "")
            let stamnr = (imported.leerlingen[k] ?? store.leerlingen[k])?.stamnr ?? k
            return "verzorger \(z?.slot ?? 0) van leerling \(stamnr): \(z?.naam ?? "")"
        case .groep(let code): return "groep \(code) (\(vestiging), \(schooljaar))"
        case .koppeling(let id):
            let who = pupil(id.onderwerp)
            switch id.soort {
            case .vestiging: return "\(who) – vestiging \(id.vestiging)"
            case .stamgroep: return "\(who) – stamgroep \(id.doel)"
            case .mentor:
                let parts = id.doel.split(separator: ":", maxSplits: 1).map(String.init)
                let role = parts.first == "P" ? "persoonlijke mentor" : "klasmentor \(parts.first ?? "")"
                return "\(who) – \(role) \(staff(parts.count == 2 ? parts[1] : id.doel))"
            case .verzorger:
                let z = imported.verzorgers["\(id.onderwerp)/\(id.doel)"] ?? store.verzorgers["\(id.onderwerp)/\(id.doel)"]
                return "\(who) – verzorger \(id.doel)\(z.map { " \($0.naam)" } ?? "")"
            case .docent: return "groep \(id.onderwerp) – docent \(staff(id.doel))"
            case .groep: return "\(who) – groep \(id.doel)"
            }
        }
    }

    /// Counts per kind.
    public var counts: [ChangeKind: ChangeCounts] {
        var c: [ChangeKind: ChangeCounts] = [:]
        for k in ChangeKind.allCases { c[k] = ChangeCounts() }
        for ch in changes { c[ch.kind, default: ChangeCounts()].add(ch.type) }
        return c
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// More than a quarter of the active couplings of (S, V) would end: a filtered export?
    public var endsMany: Bool { activeBefore > 0 && ending * 4 > activeBefore }
}
