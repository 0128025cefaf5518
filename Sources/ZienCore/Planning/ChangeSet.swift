/// The kinds `show changes` groups by.
public enum ChangeKind: String, Sendable, CaseIterable {
    case leerlingen, medewerkers, verzorgers, groepen, koppelingen
}

/// Whether a change adds, changes or ends something.
public enum ChangeType: String, Sendable, CaseIterable {
    case nieuw, gewijzigd, beeindigd
    /// Removed from the store altogether: only `reset-inrichting` removes.
    case verwijderd

    /// `+`, `~`, `-`, `x`.
    public var mark: String {
        switch self {
        case .nieuw: "+"
        case .gewijzigd: "~"
        case .beeindigd: "-"
        case .verwijderd: "x"
        }
    }

    /// The word as people read it (`beëindigd`).
    public var word: String { self == .beeindigd ? "beëindigd" : rawValue }
}

/// One field of a changed record: before → after.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var before: String
    public var after: String
}

/// One field of a new (or removed) record or coupling, with its value.
public struct FieldValue: Sendable, Equatable {
    public var field: String
    public var value: String
}

/// What a change is about. Kept as keys: the display text is made only for the lines shown (a
/// board's first import has close to a million changes).
public enum ChangeSubject: Sendable, Equatable {
    case leerling(String)
    case medewerker(String)
    /// pupil key and slot
    case verzorger(String, Int)
    case groep(code: String, vestiging: String)
    case koppeling(KoppelIdentity)
}

/// One line of the change set, as the renderer reads it (`ChangeSet.changes`).
public struct Change: Sendable {
    public var kind: ChangeKind
    public var type: ChangeType
    public var about: ChangeSubject
    /// Field-level before → after (changed records and couplings).
    public var fields: [FieldChange]
    /// The values of a new record or coupling (nieuw), or of a removed one (verwijderd).
    public var values: [FieldValue] = []
    /// The coupling a coupling change concerns: as it will be (nieuw, gewijzigd, beëindigd) or as
    /// it was (verwijderd).
    public var koppeling: Koppeling?

    /// The pupil key it concerns (for `show changes leerling STAMNR`), if any.
    public var leerling: String? {
        switch about {
        case .leerling(let k): return k
        case .verzorger(let k, _): return k
        case .koppeling(let id): return id.soort == .docent ? nil : id.onderwerp
        case .medewerker, .groep: return nil
        }
    }

    /// The group code it concerns (for `show changes groep CODE`), if any.
    public var groep: String? {
        switch about {
        case .groep(let c, _): return c
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
    public var verwijderd = 0

    public init() {}

    public var total: Int { nieuw + gewijzigd + beeindigd + verwijderd }

    /// The count of one type.
    public subscript(_ t: ChangeType) -> Int {
        switch t {
        case .nieuw: nieuw
        case .gewijzigd: gewijzigd
        case .beeindigd: beeindigd
        case .verwijderd: verwijderd
        }
    }

    public static func + (a: ChangeCounts, b: ChangeCounts) -> ChangeCounts {
        var c = ChangeCounts()
        c.nieuw = a.nieuw + b.nieuw
        c.gewijzigd = a.gewijzigd + b.gewijzigd
        c.beeindigd = a.beeindigd + b.beeindigd
        c.verwijderd = a.verwijderd + b.verwijderd
        return c
    }
}

/// A record the change set creates (`before` nil), changes (both) or removes (`after` nil): the
/// whole record before and after.
public struct RecordChange<Record: Sendable & Equatable>: Sendable, Equatable {
    public var before: Record?
    public var after: Record?

    public init(before: Record?, after: Record?) {
        self.before = before
        self.after = after
    }
}

/// A change to a coupling the store holds, by its position in the store's couplings: changed in
/// place (both values: only `einde` and `extra` may differ), removed (`after` nil; `index` in the
/// store as it is), or inserted (`before` nil; `index` in the store as it will be).
public struct CouplingEdit: Sendable, Equatable {
    public var index: Int
    public var before: Koppeling?
    public var after: Koppeling?

    public init(index: Int, before: Koppeling?, after: Koppeling?) {
        self.index = index
        self.before = before
        self.after = after
    }
}

/// Everything a commit would do to the store, as a plain value: the records to create, change or
/// remove with their values before and after, and the couplings to start, change, end or remove.
/// It holds no loaded file and no part of the store; the planner makes it (`Planner.plan`,
/// `Planner.reset`), the store applies it (`StoreRecords.apply`), the renderer reads `changes`.
public struct ChangeSet: Sendable, Equatable {
    public var schooljaar = Schooljaar(startYear: 2000)
    /// The vestiging (NFC) of an import; empty for a reset (all vestigingen).
    public var vestiging = ""
    /// The reference day: new couplings start on it, and a coupling is ended by this change set
    /// when it was active on it before and is not after.
    public var day = Day(unchecked: 2000, 1, 1)
    /// The schooljaar whose inrichting this change set removes (`reset-inrichting`); nil for an
    /// import.
    public var resetOf: Schooljaar?
    /// Active couplings of (S, V) in the store when planned (for `veel-beeindigd`).
    public var activeBefore = 0

    /// Pupils in file order (new ones may be kept packed: `RecordChanges`).
    public var leerlingen = RecordChanges<Leerling>()
    public var medewerkers: [RecordChange<Medewerker>] = []
    /// Verzorgers in their pupils' file order.
    public var verzorgers = RecordChanges<Verzorger>()
    /// Groups created or removed.
    public var groepen: [RecordChange<Groep>] = []
    /// New couplings, appended to the store's in this order.
    public var newKoppelingen = NewKoppelingen()
    /// Couplings the store holds that change, end or go, or that come back (see `CouplingEdit`).
    public var koppelingEdits: [CouplingEdit] = []

    public init() {}

    /// The type of a coupling edit: ended when it was active on the reference day and is not.
    func type(_ e: CouplingEdit) -> ChangeType {
        guard let before = e.before else { return .nieuw }
        guard let after = e.after else { return .verwijderd }
        return before.isActive(on: day) && !after.isActive(on: day) ? .beeindigd : .gewijzigd
    }

    static func type<R>(_ c: RecordChange<R>) -> ChangeType {
        c.before == nil ? .nieuw : c.after == nil ? .verwijderd : .gewijzigd
    }

    /// How many couplings this change set ends.
    public var ending: Int { koppelingEdits.reduce(0) { $0 + (type($1) == .beeindigd ? 1 : 0) } }

    /// Counts per kind.
    public var counts: [ChangeKind: ChangeCounts] {
        func count<R>(_ list: RecordChanges<R>) -> ChangeCounts {
            var c = count(list.listed)
            c.nieuw += list.starts.count
            return c
        }
        func count<R>(_ list: [RecordChange<R>]) -> ChangeCounts {
            var c = ChangeCounts()
            for r in list {
                switch ChangeSet.type(r) {
                case .nieuw: c.nieuw += 1
                case .verwijderd: c.verwijderd += 1
                default: c.gewijzigd += 1
                }
            }
            return c
        }
        var k = ChangeCounts()
        k.nieuw = newKoppelingen.count
        for e in koppelingEdits {
            switch type(e) {
            case .nieuw: k.nieuw += 1
            case .gewijzigd: k.gewijzigd += 1
            case .beeindigd: k.beeindigd += 1
            case .verwijderd: k.verwijderd += 1
            }
        }
        return [.leerlingen: count(leerlingen), .medewerkers: count(medewerkers), .verzorgers: count(verzorgers),
                .groepen: count(groepen), .koppelingen: k]
    }

    public var isEmpty: Bool {
        leerlingen.isEmpty && medewerkers.isEmpty && verzorgers.isEmpty && groepen.isEmpty && newKoppelingen.isEmpty
            && koppelingEdits.isEmpty
    }

    /// More than a quarter of the active couplings of (S, V) would end: a filtered export?
    public var endsMany: Bool { activeBefore > 0 && ending * 4 > activeBefore }

    /// Every change, line by line: pupils (file order), medewerkers, verzorgers (new first), groups,
    /// then couplings (new, then the store's that change).
    public var changes: [Change] {
        var out: [Change] = []
        out.reserveCapacity(leerlingen.count + newKoppelingen.count + koppelingEdits.count)
        func record<R>(_ kind: ChangeKind, _ c: RecordChange<R>, _ about: (R) -> ChangeSubject,
                       _ values: (R) -> [FieldValue], _ diff: (R, R) -> [FieldChange]) {
            switch (c.before, c.after) {
            case (nil, let a?): out.append(Change(kind: kind, type: .nieuw, about: about(a), fields: [], values: values(a)))
            case (let b?, nil): out.append(Change(kind: kind, type: .verwijderd, about: about(b), fields: [], values: values(b)))
            case (let b?, let a?): out.append(Change(kind: kind, type: .gewijzigd, about: about(a), fields: diff(b, a)))
            case (nil, nil): break
            }
        }
        for c in leerlingen { record(.leerlingen, c, { .leerling($0.key) }, Planner.values, Planner.diff) }
        for pass in [true, false] {
            for c in medewerkers where (c.before == nil) == pass {
                record(.medewerkers, c, { .medewerker($0.key) }, Planner.values, Planner.diff)
            }
        }
        for pass in [true, false] {
            for c in verzorgers where (c.before == nil) == pass {
                record(.verzorgers, c, { .verzorger($0.leerling, $0.slot) }, Planner.values, Planner.diff)
            }
        }
        for pass in [true, false] {
            for c in groepen where (c.before == nil) == pass {
                record(.groepen, c, { .groep(code: $0.code, vestiging: $0.vestiging) }, { _ in [] }, { _, _ in [] })
            }
        }
        for k in newKoppelingen {
            out.append(Change(kind: .koppelingen, type: .nieuw, about: .koppeling(k.identity), fields: [], values: Planner.values(k),
                              koppeling: k))
        }
        for e in koppelingEdits {
            guard let k = e.after ?? e.before else { continue }
            let t = type(e)
            switch t {
            case .nieuw, .verwijderd:
                out.append(Change(kind: .koppelingen, type: t, about: .koppeling(k.identity), fields: [], values: Planner.values(k), koppeling: k))
            case .gewijzigd, .beeindigd:
                out.append(Change(kind: .koppelingen, type: t, about: .koppeling(k.identity),
                                  fields: e.before.map { Planner.diff($0, k) } ?? [], koppeling: k))
            }
        }
        return out
    }

    /// The names of what its changes are about: the change set's own records first, then the store's.
    public func names(_ store: StoreRecords) -> ChangeNames { ChangeNames(self, store) }
}

/// Looks up the names of what changes are about (made once for all lines shown).
public struct ChangeNames: Sendable {
    let store: StoreRecords
    var leerlingen: [String: Leerling] = [:]
    var medewerkers: [String: Medewerker] = [:]
    var verzorgers: [String: Verzorger] = [:]

    init(_ cs: ChangeSet, _ store: StoreRecords) {
        self.store = store
        for c in cs.leerlingen { if let r = c.after ?? c.before { leerlingen[r.key] = r } }
        for c in cs.medewerkers { if let r = c.after ?? c.before { medewerkers[r.key] = r } }
        for c in cs.verzorgers { if let r = c.after ?? c.before { verzorgers[r.id] = r } }
    }

    public func leerling(_ key: String) -> Leerling? { leerlingen[key] ?? store.leerlingen[key] }
    public func medewerker(_ key: String) -> Medewerker? { medewerkers[key] ?? store.medewerkers[key] }
    public func verzorger(_ key: String, _ slot: Int) -> Verzorger? {
        let id = Verzorger.id(key, slot)
        return verzorgers[id] ?? store.verzorgers[id]
    }
}

/// The couplings a change set starts, all in one schooljaar and vestiging from one day, kept
/// compact: each row names its texts by index in one table (a board's first import starts half
/// a million couplings that share a hundred thousand pupil keys and a few hundred groups). A
/// collection of `Koppeling` values, made when read.
public struct NewKoppelingen: RandomAccessCollection, Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        var soort: KoppelSoort
        var onderwerp: Int32
        var doel: Int32
        /// -1: empty.
        var extra: Int32
        var einde: Day?
    }

    public var schooljaar = Schooljaar(startYear: 2000)
    public var vestiging = ""
    public var start = Day(unchecked: 2000, 1, 1)
    /// The texts the rows refer to.
    public var texts: [String] = []
    public var rows: [Row] = []

    public init() {}

    /// Couplings as values, their texts each stored once.
    public init<S: Sequence>(_ list: S) where S.Element == Koppeling {
        var index: [String: Int32] = [:]
        func text(_ s: String) -> Int32 {
            if let i = index[s] { return i }
            texts.append(s)
            index[s] = Int32(texts.count - 1)
            return Int32(texts.count - 1)
        }
        for k in list {
            schooljaar = k.schooljaar
            vestiging = k.vestiging
            start = k.start
            rows.append(Row(soort: k.soort, onderwerp: text(k.onderwerp), doel: text(k.doel), extra: k.extra.isEmpty ? -1 : text(k.extra),
                            einde: k.einde))
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// Equal when they hold the same couplings in the same order (however their texts are kept).
    public static func == (a: NewKoppelingen, b: NewKoppelingen) -> Bool { a.elementsEqual(b) }

    public subscript(i: Int) -> Koppeling {
        let r = rows[i]
        return Koppeling(soort: r.soort, schooljaar: schooljaar, vestiging: vestiging, onderwerp: texts[Int(r.onderwerp)],
                         doel: texts[Int(r.doel)], extra: r.extra < 0 ? "" : texts[Int(r.extra)], start: start, einde: r.einde)
    }
}
