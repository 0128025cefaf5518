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

/// One line of the change set.
public struct Change: Sendable {
    public var kind: ChangeKind
    public var type: ChangeType
    /// What it is about, for display and filters: `leerling 10234 Jan Jansen`, `groep 1A`, …
    public var subject: String
    /// The pupil key it concerns (for `show changes leerling STAMNR`), if any.
    public var leerling: String?
    /// The group code it concerns (for `show changes groep CODE`), if any.
    public var groep: String?
    public var fields: [FieldChange]
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

    public init() {}

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
