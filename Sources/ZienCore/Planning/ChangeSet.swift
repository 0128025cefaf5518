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

/// What a change is about. Kept as keys and indices: the display text is made only for the
/// lines shown (a board's first import has close to a million changes).
public enum ChangeSubject: Sendable, Equatable {
    case leerling(String)
    case medewerker(String)
    /// pupil key and slot
    case verzorger(String, Int)
    case groep(code: String, vestiging: String)
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

/// Everything a commit would do to the store, computed from the store as it was at check time.
/// Held as lists of indices into the files and the store; `changes` spells it out line by line
/// and `apply` turns it into records.
public struct ChangeSet: Sendable {
    /// Lets go of the store the change set was computed against, when it is about to be applied:
    /// the store's records then change in place instead of being copied (and the old copy
    /// freed) — a board's records are hundreds of thousands of values. Applying needs nothing
    /// of it; showing the change set does, so a dropped change set is applied or discarded.
    public mutating func dropStore() {
        store = StoreSnapshot(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])
        storeDropped = true
    }

    var imported = ImportData()
    var store = StoreSnapshot(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])
    /// The store it was computed against was let go (see `dropStore`).
    public private(set) var storeDropped = false
    var vestiging = ""
    var schooljaar = Schooljaar(startYear: 2000)
    /// The start date of new couplings.
    var start = Day(unchecked: 2000, 1, 1)

    var newPupils: [Int32] = []
    var changedPupils: [(pupil: Int32, record: Leerling, fields: [FieldChange])] = []
    var newStaff: [String] = []
    var changedStaff: [(key: String, fields: [FieldChange])] = []
    var newVerzorgers: [(pupil: Int32, slot: Int8)] = []
    var changedVerzorgers: [(record: Verzorger, fields: [FieldChange])] = []
    var newGroups: [String] = []
    /// Indices into `imported.couplings`.
    var newCouplings: [Int32] = []
    /// Store couplings changed in place: a new ILT/leerjaar or end date (gewijzigd), or ended
    /// at the Vertrekdatum or because the file no longer has them (beëindigd).
    var changedCouplings: [(index: Int, koppeling: Koppeling, fields: [FieldChange], ends: Bool)] = []
    /// Store couplings removed (indices, ascending) and groups removed: `reset-inrichting` only.
    var removedCouplings: [Int] = []
    var removedGroups: [Groep] = []

    /// The schooljaar whose inrichting this change set removes (`reset-inrichting`); nil for an
    /// import.
    public internal(set) var resetOf: Schooljaar?

    /// Active couplings of (S, V) in the store, and how many this change set would end.
    public internal(set) var activeBefore = 0
    public internal(set) var ending = 0

    public init() {}

    /// Counts per kind.
    public var counts: [ChangeKind: ChangeCounts] {
        var c: [ChangeKind: ChangeCounts] = [:]
        func set(_ k: ChangeKind, _ n: Int, _ g: Int, _ b: Int, _ r: Int = 0) {
            var x = ChangeCounts()
            x.nieuw = n
            x.gewijzigd = g
            x.beeindigd = b
            x.verwijderd = r
            c[k] = x
        }
        set(.leerlingen, newPupils.count, changedPupils.count, 0)
        set(.medewerkers, newStaff.count, changedStaff.count, 0)
        set(.verzorgers, newVerzorgers.count, changedVerzorgers.count, 0)
        set(.groepen, newGroups.count, 0, 0, removedGroups.count)
        let ended = changedCouplings.filter(\.ends).count
        set(.koppelingen, newCouplings.count, changedCouplings.count - ended, ended, removedCouplings.count)
        return c
    }

    public var isEmpty: Bool {
        newPupils.isEmpty && changedPupils.isEmpty && newStaff.isEmpty && changedStaff.isEmpty && newVerzorgers.isEmpty
            && changedVerzorgers.isEmpty && newGroups.isEmpty && newCouplings.isEmpty && changedCouplings.isEmpty
            && removedCouplings.isEmpty && removedGroups.isEmpty
    }

    /// More than a quarter of the active couplings of (S, V) would end: a filtered export?
    public var endsMany: Bool { activeBefore > 0 && ending * 4 > activeBefore }

    /// Every change, line by line: records first (in file order), then couplings.
    public var changes: [Change] {
        var out: [Change] = []
        out.reserveCapacity(newPupils.count + newCouplings.count + changedCouplings.count)
        var changedPupilSet: [Int32: [FieldChange]] = [:]
        for c in changedPupils { changedPupilSet[c.pupil] = c.fields }
        // Pupils in file order, new and changed together.
        var newSet = Set(newPupils)
        for (i, p) in imported.pupils.enumerated() where p.record >= 0 {
            if newSet.remove(Int32(i)) != nil {
                out.append(Change(kind: .leerlingen, type: .nieuw, about: .leerling(p.key), fields: []))
            } else if let f = changedPupilSet[Int32(i)] {
                out.append(Change(kind: .leerlingen, type: .gewijzigd, about: .leerling(p.key), fields: f))
            }
        }
        for k in newStaff { out.append(Change(kind: .medewerkers, type: .nieuw, about: .medewerker(k), fields: [])) }
        for c in changedStaff { out.append(Change(kind: .medewerkers, type: .gewijzigd, about: .medewerker(c.key), fields: c.fields)) }
        for v in newVerzorgers {
            out.append(Change(kind: .verzorgers, type: .nieuw, about: .verzorger(imported.pupils[Int(v.pupil)].key, Int(v.slot)), fields: []))
        }
        for c in changedVerzorgers {
            out.append(Change(kind: .verzorgers, type: .gewijzigd, about: .verzorger(c.record.leerling, c.record.slot), fields: c.fields))
        }
        for g in newGroups { out.append(Change(kind: .groepen, type: .nieuw, about: .groep(code: g, vestiging: vestiging), fields: [])) }
        for g in removedGroups { out.append(Change(kind: .groepen, type: .verwijderd, about: .groep(code: g.code, vestiging: g.vestiging), fields: [])) }
        for i in newCouplings {
            let w = imported.couplings[Int(i)]
            let (o, d) = imported.identity(w)
            out.append(Change(kind: .koppelingen, type: .nieuw,
                              about: .koppeling(KoppelIdentity(soort: w.soort, schooljaar: schooljaar.startYear, vestiging: vestiging, onderwerp: o, doel: d)),
                              fields: []))
        }
        for c in changedCouplings {
            out.append(Change(kind: .koppelingen, type: c.ends ? .beeindigd : .gewijzigd, about: .koppeling(c.koppeling.identity), fields: c.fields))
        }
        for i in removedCouplings where i < store.koppelingen.count {
            let k = store.koppelingen[i]
            out.append(Change(kind: .koppelingen, type: .verwijderd, about: .koppeling(k.identity), fields: []))
        }
        return out
    }

    /// The text `show changes` gives a line: `leerling 10234 Jan Jansen – stamgroep 1A`.
    public func subject(_ c: Change) -> String {
        func pupilRecord(_ key: String) -> Leerling? {
            if let i = imported.pupilIndex.find(PersonKey(key)), let l = imported.leerling(Int(imported.pupilIndex.values[i])) { return l }
            return store.leerlingen[key]
        }
        func pupil(_ key: String) -> String {
            pupilRecord(key).map { "leerling \($0.stamnr) \($0.naam)" } ?? "leerling \(key)"
        }
        func staff(_ key: String) -> String {
            (imported.medewerkers[key] ?? store.medewerkers[key]).map { "\($0.nummer) \($0.naam)" } ?? key
        }
        func verzorger(_ key: String, _ slot: Int) -> Verzorger? {
            if let i = imported.pupilIndex.find(PersonKey(key)), let v = imported.verzorger(Int(imported.pupilIndex.values[i]), slot: slot) { return v }
            return store.verzorgers["\(key)/\(slot)"]
        }
        switch c.about {
        case .leerling(let k): return pupil(k)
        case .medewerker(let k): return "medewerker \(staff(k))"
        case .verzorger(let k, let slot):
            return "verzorger \(slot) van leerling \(pupilRecord(k)?.stamnr ?? k): \(verzorger(k, slot)?.naam ?? "")"
        case .groep(let code, let v): return "groep \(code) (\(v), \(schooljaar))"
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
                return "\(who) – verzorger \(id.doel)\(verzorger(id.onderwerp, Int(id.doel) ?? 0).map { " \($0.naam)" } ?? "")"
            case .docent: return "groep \(id.onderwerp) – docent \(staff(id.doel))"
            case .groep: return "\(who) – groep \(id.doel)"
            }
        }
    }
}
