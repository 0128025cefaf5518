/// A change set does not fit the records it is applied to: a record or coupling is not what the
/// change set expects it to be before. Names the first one in the way.
public struct ChangeConflict: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }
}

/// What reverts an applied change set, compactly: the keys of what it created, the values before
/// of what it changed or removed. `StoreRecords.apply` yields it; `ChangeSet.reverting` turns it
/// into the change set that undoes the commit, against the store as it is then. `json` is its
/// journal form.
public struct Undo: Sendable, Equatable {
    public var schooljaar = Schooljaar(startYear: 2000)
    public var vestiging = ""
    public var day = Day(unchecked: 2000, 1, 1)

    /// Records it created (undo removes them), by key (`Verzorger.id` for verzorgers).
    public var createdLeerlingen: [String] = []
    public var createdMedewerkers: [String] = []
    public var createdVerzorgers: [String] = []
    public var createdGroepen: [Groep] = []
    /// Couplings it created, as ranges of indices in the store after it.
    public var createdKoppelingen: [Range<Int>] = []

    /// Records it changed or removed: their values before (undo puts them back).
    public var formerLeerlingen: [Leerling] = []
    public var formerMedewerkers: [Medewerker] = []
    public var formerVerzorgers: [Verzorger] = []
    public var removedGroepen: [Groep] = []

    /// A coupling changed in place (ended, or a new ILT/leerjaar or end date): its index in the
    /// store after, and the fields before.
    public struct Former: Sendable, Equatable {
        public var index: Int
        public var einde: Day?
        public var extra: String
    }
    public var formerKoppelingen: [Former] = []
    /// Couplings it removed: each index in the store before, and the coupling.
    public var removedKoppelingen: [(index: Int, koppeling: Koppeling)] = []

    public init() {}

    public var isEmpty: Bool {
        createdLeerlingen.isEmpty && createdMedewerkers.isEmpty && createdVerzorgers.isEmpty && createdGroepen.isEmpty
            && createdKoppelingen.isEmpty && formerLeerlingen.isEmpty && formerMedewerkers.isEmpty && formerVerzorgers.isEmpty
            && removedGroepen.isEmpty && formerKoppelingen.isEmpty && removedKoppelingen.isEmpty
    }

    public static func == (a: Undo, b: Undo) -> Bool {
        a.schooljaar == b.schooljaar && a.vestiging == b.vestiging && a.day == b.day
            && a.createdLeerlingen == b.createdLeerlingen && a.createdMedewerkers == b.createdMedewerkers
            && a.createdVerzorgers == b.createdVerzorgers && a.createdGroepen == b.createdGroepen
            && a.createdKoppelingen == b.createdKoppelingen && a.formerLeerlingen == b.formerLeerlingen
            && a.formerMedewerkers == b.formerMedewerkers && a.formerVerzorgers == b.formerVerzorgers
            && a.removedGroepen == b.removedGroepen && a.formerKoppelingen == b.formerKoppelingen
            && a.removedKoppelingen.map(\.index) == b.removedKoppelingen.map(\.index)
            && a.removedKoppelingen.map(\.koppeling) == b.removedKoppelingen.map(\.koppeling)
    }
}

extension StoreRecords {
    /// Applies `cs` — the one way a change set reaches the records, whatever its size — and
    /// returns what undoes it. Every change is checked against the records first-hand: a created
    /// record must not exist, a changed or removed one must be exactly its `before`, an edited
    /// coupling at its index exactly its `before`. The first that is not throws; the records are
    /// then partly changed, and the caller lets go of them (the store writes nothing).
    ///
    /// Couplings: edits in place and removals refer to the records as they are; insertions to
    /// the result, ascending; the new couplings are appended last.
    public mutating func apply(_ cs: ChangeSet) throws(ChangeConflict) -> Undo {
        var undo = Undo()
        undo.schooljaar = cs.schooljaar
        undo.vestiging = cs.vestiging
        undo.day = cs.day
        try StoreRecords.apply(packed: cs.leerlingen, to: &leerlingen, key: \.key, "leerling",
                               created: &undo.createdLeerlingen, former: &undo.formerLeerlingen)
        try StoreRecords.apply(cs.medewerkers, to: &medewerkers, key: \.key, "medewerker",
                               created: &undo.createdMedewerkers, former: &undo.formerMedewerkers)
        try StoreRecords.apply(packed: cs.verzorgers, to: &verzorgers, key: \.id, "verzorger",
                               created: &undo.createdVerzorgers, former: &undo.formerVerzorgers)
        for c in cs.groepen {
            switch (c.before, c.after) {
            case (nil, let g?):
                guard groepen.insert(g).inserted else { throw ChangeConflict("groep \(g.code) (\(g.vestiging), \(g.schooljaar)) bestaat al") }
                undo.createdGroepen.append(g)
            case (let g?, nil):
                guard groepen.remove(g) != nil else { throw ChangeConflict("groep \(g.code) (\(g.vestiging), \(g.schooljaar)) bestaat niet meer") }
                undo.removedGroepen.append(g)
            default: continue
            }
        }
        try applyCouplings(cs, &undo)
        return undo
    }

    /// As `apply(_:to:…)`, the packed records made on all cores a part at a time (a board's
    /// first import makes 100,000 pupils and more verzorgers; unpacking them was half its
    /// apply), each part then applied in order.
    static func apply<R>(packed list: RecordChanges<R>, to records: inout [String: R], key: (R) -> String, _ what: String,
                         created: inout [String], former: inout [R]) throws(ChangeConflict) {
        if records.isEmpty { records.reserveCapacity(list.count) }
        let part = 32_768
        var at = 0
        while at < list.count {
            let base = at, end = min(list.count, at + part)
            let made = inSlices(end - base, minimum: part / 4) { range in range.map { list[base + $0] } }
            for changes in made { try apply(changes, to: &records, key: key, what, created: &created, former: &former) }
            at = end
        }
    }

    static func apply<R, C: Collection>(_ list: C, to records: inout [String: R], key: (R) -> String, _ what: String,
                         created: inout [String], former: inout [R]) throws(ChangeConflict) where C.Element == RecordChange<R> {
        if records.isEmpty { records.reserveCapacity(list.count) }
        for c in list { try apply(c, to: &records, key: key, what, created: &created, former: &former) }
    }

    /// One change to `records`: a created record must not exist, a changed or removed one must
    /// be exactly its `before`. Each case on its own, without copying the record out first (a
    /// board's first import creates 230,000 records here, one at a time).
    @inline(__always)
    static func apply<R: Equatable>(_ c: RecordChange<R>, to records: inout [String: R], key: (R) -> String, _ what: String,
                                    created: inout [String], former: inout [R]) throws(ChangeConflict) {
        func conflict(_ k: String, _ old: R?, _ before: R?) -> ChangeConflict {
            ChangeConflict(old == nil ? "\(what) \(k) staat niet (meer) in de opslag"
                           : before == nil ? "\(what) \(k) staat al in de opslag" : "\(what) \(k) is in de opslag gewijzigd")
        }
        switch (c.before, c.after) {
        case (nil, let a?):
            let k = key(a)
            if let old = records.updateValue(a, forKey: k) { throw conflict(k, old, nil) }
            created.append(k)
        case (let b?, let a?):
            let k = key(a)
            let old = records.updateValue(a, forKey: k)
            guard old == b else { throw conflict(k, old, b) }
            former.append(b)
        case (let b?, nil):
            let k = key(b)
            let old = records.removeValue(forKey: k)
            guard old == b else { throw conflict(k, old, b) }
            former.append(b)
        case (nil, nil): return
        }
    }

    mutating func applyCouplings(_ cs: ChangeSet, _ undo: inout Undo) throws(ChangeConflict) {
        func conflict(_ i: Int, _ k: Koppeling?) -> ChangeConflict {
            ChangeConflict("koppeling \(i + 1) (\(k.map { "\($0.soort.rawValue) \($0.onderwerp) – \($0.doel)" } ?? "?")) is in de opslag niet zoals verwacht")
        }
        var removals: [Int] = []
        var insertions: [(index: Int, koppeling: Koppeling)] = []
        for e in cs.koppelingEdits {
            switch (e.before, e.after) {
            case (let b?, let a?):
                guard e.index >= 0, e.index < koppelingen.count, koppelingen[e.index] == b else { throw conflict(e.index, b) }
                guard a.identity == b.identity, a.start == b.start, a.schooljaar == b.schooljaar else { throw conflict(e.index, a) }
                koppelingen[e.index] = a
                undo.formerKoppelingen.append(Undo.Former(index: e.index, einde: b.einde, extra: b.extra))
            case (let b?, nil):
                guard e.index >= 0, e.index < koppelingen.count, koppelingen[e.index] == b else { throw conflict(e.index, b) }
                removals.append(e.index)
            case (nil, let a?):
                insertions.append((e.index, a))
            case (nil, nil): continue
            }
        }
        if !removals.isEmpty || !insertions.isEmpty {
            removals.sort()
            insertions.sort { $0.index < $1.index }
            // Where each coupling kept ends up, for the edits' indices in the result.
            var position = [Int](repeating: -1, count: koppelingen.count)
            var result: [Koppeling] = []
            result.reserveCapacity(koppelingen.count - removals.count + insertions.count)
            var r = 0, j = 0
            func insertDue() {
                while j < insertions.count && insertions[j].index == result.count {
                    result.append(insertions[j].koppeling)
                    j += 1
                }
            }
            for (i, k) in koppelingen.enumerated() {
                insertDue()
                if r < removals.count && removals[r] == i {
                    undo.removedKoppelingen.append((i, k))
                    while r < removals.count && removals[r] == i { r += 1 }
                    continue
                }
                position[i] = result.count
                result.append(k)
            }
            insertDue()
            guard j == insertions.count else { throw conflict(insertions[j].index, insertions[j].koppeling) }
            for n in undo.formerKoppelingen.indices { undo.formerKoppelingen[n].index = position[undo.formerKoppelingen[n].index] }
            // The inserted ones, as ranges of indices in the result.
            var done = Set(insertions.map(\.index))
            for i in insertions.map(\.index) where done.remove(i) != nil {
                if let last = undo.createdKoppelingen.last, last.upperBound == i {
                    undo.createdKoppelingen[undo.createdKoppelingen.count - 1] = last.lowerBound..<i + 1
                } else {
                    undo.createdKoppelingen.append(i..<i + 1)
                }
            }
            koppelingen = result
        }
        if !cs.newKoppelingen.isEmpty {
            let start = koppelingen.count
            koppelingen.reserveCapacity(start + cs.newKoppelingen.count)
            koppelingen.append(contentsOf: cs.newKoppelingen)
            undo.createdKoppelingen.append(start..<koppelingen.count)
        }
    }
}

extension ChangeSet {
    /// The change set that reverts the commit `undo` describes, against `store` as it is now: each
    /// `before` is what the store holds. Throws, naming the first record in the way, when the
    /// store no longer holds what that commit left (a created record gone, a coupling index
    /// beyond the store).
    public static func reverting(_ undo: Undo, in store: StoreRecords) throws(ChangeConflict) -> ChangeSet {
        var cs = ChangeSet()
        cs.schooljaar = undo.schooljaar
        cs.vestiging = undo.vestiging
        cs.day = undo.day
        func created<R>(_ keys: [String], _ records: [String: R], _ what: String) throws(ChangeConflict) -> [RecordChange<R>] {
            var out: [RecordChange<R>] = []
            out.reserveCapacity(keys.count)
            for k in keys {
                guard let r = records[k] else { throw ChangeConflict("\(what) \(k) staat niet meer in de opslag") }
                out.append(RecordChange(before: r, after: nil))
            }
            return out
        }
        func former<R>(_ list: [R], _ records: [String: R], key: (R) -> String) -> [RecordChange<R>] {
            list.map { RecordChange(before: records[key($0)], after: $0) }
        }
        cs.leerlingen = RecordChanges(try created(undo.createdLeerlingen, store.leerlingen, "leerling")
            + former(undo.formerLeerlingen, store.leerlingen, key: \.key))
        cs.medewerkers = try created(undo.createdMedewerkers, store.medewerkers, "medewerker")
            + former(undo.formerMedewerkers, store.medewerkers, key: \.key)
        cs.verzorgers = RecordChanges(try created(undo.createdVerzorgers, store.verzorgers, "verzorger")
            + former(undo.formerVerzorgers, store.verzorgers, key: \.id))
        for g in undo.createdGroepen {
            guard store.groepen.contains(g) else { throw ChangeConflict("groep \(g.code) (\(g.vestiging), \(g.schooljaar)) staat niet meer in de opslag") }
            cs.groepen.append(RecordChange(before: g, after: nil))
        }
        cs.groepen += undo.removedGroepen.map { RecordChange(before: nil, after: $0) }
        let count = store.koppelingen.count
        for f in undo.formerKoppelingen {
            guard f.index >= 0, f.index < count else { throw ChangeConflict("koppeling \(f.index + 1) staat niet meer in de opslag") }
            let now = store.koppelingen[f.index]
            var was = now
            was.einde = f.einde
            was.extra = f.extra
            cs.koppelingEdits.append(CouplingEdit(index: f.index, before: now, after: was))
        }
        for range in undo.createdKoppelingen {
            guard range.lowerBound >= 0, range.upperBound <= count else {
                throw ChangeConflict("koppeling \(range.upperBound) staat niet meer in de opslag")
            }
            for i in range { cs.koppelingEdits.append(CouplingEdit(index: i, before: store.koppelingen[i], after: nil)) }
        }
        for r in undo.removedKoppelingen { cs.koppelingEdits.append(CouplingEdit(index: r.index, before: nil, after: r.koppeling)) }
        return cs
    }
}
