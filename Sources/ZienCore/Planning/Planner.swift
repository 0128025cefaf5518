/// The records the store holds: what the planner compares with and a change set is applied to
/// (`StoreData.records` in the store).
public struct StoreRecords: Sendable, Equatable {
    public var leerlingen: [String: Leerling]
    public var medewerkers: [String: Medewerker]
    public var verzorgers: [String: Verzorger]
    public var groepen: Set<Groep>
    public var koppelingen: [Koppeling]

    public init(leerlingen: [String: Leerling] = [:], medewerkers: [String: Medewerker] = [:],
                verzorgers: [String: Verzorger] = [:], groepen: Set<Groep> = [], koppelingen: [Koppeling] = []) {
        self.leerlingen = leerlingen
        self.medewerkers = medewerkers
        self.verzorgers = verzorgers
        self.groepen = groepen
        self.koppelingen = koppelingen
    }
}

/// Computes the change set (SPEC.md §4): for the chosen schooljaar S and vestiging V, each loaded
/// file is the whole truth for the couplings it owns. Wanted couplings that are not active are
/// new (start: the later of today and 1 August of S, within S); active couplings the file no longer has are
/// ended (today, or 31 July of S+1 if earlier), never deleted; a Vertrekdatum ends a pupil's
/// couplings at that date.
public enum Planner {
    /// `records`: the pupils' and verzorgers' part, when it was made already (`records(_:store:)`,
    /// which `check` runs while the groepen and koppel lines are crossed).
    public static func plan(_ data: ImportData, store: StoreRecords, context: CheckContext, records: RecordPlan? = nil) -> ChangeSet {
        var cs = ChangeSet()
        let s = context.schooljaar
        let v = Text.nfc(context.vestiging)
        let today = context.today
        let endToday = min(today, s.last)
        let reference = s.referenceDay(today: today)
        cs.vestiging = v
        cs.schooljaar = s
        cs.day = reference

        let planned = records ?? Planner.records(data, store: store)
        cs.leerlingen = planned.leerlingen
        cs.verzorgers = planned.verzorgers
        for key in data.medewerkerOrder {
            guard let m = data.medewerkers[key] else { continue }
            if let old = store.medewerkers[key] {
                if old != m { cs.medewerkers.append(RecordChange(before: old, after: m)) }
            } else {
                cs.medewerkers.append(RecordChange(before: nil, after: m))
            }
        }
        for code in data.groups {
            let g = Groep(schooljaar: s, vestiging: v, code: code)
            if !store.groepen.contains(g) { cs.groepen.append(RecordChange(before: nil, after: g)) }
        }

        // Couplings of (S, V) owned by the soorten loaded. A stored coupling is matched with the
        // wanted ones by what it couples in the files' own terms — soort, pupil (or group)
        // index, target index — among the few couplings its pupil (or group) is wanted in:
        // half a million couplings matched without hashing a text each (each text is looked up
        // once for the run of rows that repeat it) and without a table far bigger than the
        // caches (the store keeps a pupil's couplings together).
        // In slices on all cores (each with its own look-up cache), joined in store order: the
        // first active stored coupling that couples the same is each wanted one's counterpart.
        struct Matched {
            var activeBefore = 0
            var activeOrder: [Int] = []
            /// (wanted coupling, stored coupling), in store order.
            var pairs: [(wanted: Int32, stored: Int32)] = []
        }
        let bySubject = WantedBySubject(data)
        // The soorten loaded, by index (a Set lookup per coupling hashes).
        let owns = Soort.allCases.map(data.soorten.contains)
        // Borrowed, not copied coupling by coupling: a board's store holds most of a million.
        let matched: [Matched] = store.koppelingen.withUnsafeBufferPointer { buffer in
            let shared = UncheckedSendable(buffer)
            return inSlices(buffer.count) { range in bySubject.borrowed { wantedBy in
                let stored = shared.value
                var m = Matched()
                var resolver = Resolver(data)
                // A store holds a few vestigingen: each normalised once, not once per coupling.
                var lastVestiging = "", lastMatches = false
                for i in range {
                    guard stored[i].schooljaar == s, stored[i].isActive(on: reference) else { continue }
                    if stored[i].vestiging != lastVestiging {
                        lastVestiging = stored[i].vestiging
                        lastMatches = Text.nfc(lastVestiging) == v
                    }
                    guard lastMatches else { continue }
                    m.activeBefore += 1
                    guard owns[stored[i].soort.owner.order] else { continue }
                    m.activeOrder.append(i)
                    // One the files cannot name (an unknown pupil, group or medewerker) is not wanted.
                    guard let key = resolver.key(stored[i].soort, stored[i].onderwerp, stored[i].doel) else { continue }
                    let soort = stored[i].soort
                    let subject = Int(truncatingIfNeeded: (key >> 32) & 0x1FFF_FFFF)
                    let target = Int32(bitPattern: UInt32(truncatingIfNeeded: key))
                    for n in wantedBy.wanted(soort == .docent, subject) {
                        let w = data.couplings[Int(n)]
                        if w.soort == soort, soort == .vestiging || w.target == target {
                            m.pairs.append((wanted: n, stored: Int32(truncatingIfNeeded: i)))
                        }
                    }
                }
                return m
            } }
        }
        var activeOrder: [Int] = []
        // Each wanted coupling's active counterpart in the store (-1: none): the first active
        // one that couples the same.
        var counterpart = [Int32](repeating: -1, count: store.koppelingen.isEmpty ? 0 : data.couplings.count)
        for m in matched {
            cs.activeBefore += m.activeBefore
            activeOrder += m.activeOrder
            for p in m.pairs where counterpart[Int(p.wanted)] < 0 { counterpart[Int(p.wanted)] = p.stored }
        }
        if activeOrder.isEmpty { counterpart = [] }
        // Store indices the files still have.
        var wanted = [Bool](repeating: false, count: activeOrder.isEmpty ? 0 : store.koppelingen.count)
        // Each pupil's key made once, not once per coupling.
        let keys = data.pupils.map(\.key)
        var newOnes: [Int32] = []
        store.koppelingen.withUnsafeBufferPointer { stored in
            for (n, w) in data.couplings.enumerated() {
                let einde = data.einde(w)
                // Gone before the coupling would be active (a Vertrekdatum passed, or before a
                // coming schooljaar starts): nothing new to make, an active one ends.
                let departed = einde.map { $0 < today || $0 <= reference } ?? false
                // A first import has nothing active: every wanted coupling is new, no lookups.
                guard !counterpart.isEmpty, counterpart[n] >= 0 else {
                    if !departed { newOnes.append(Int32(n)) }
                    continue
                }
                let i = Int(counterpart[n])
                wanted[i] = true
                // Only einde and extra can differ: compared in place, the coupling copied only
                // when one does.
                if departed, let d = einde {
                    // Vertrekdatum passed: the coupling ends at that date.
                    let end = max(stored[i].start, d)
                    if stored[i].einde != end {
                        let old = stored[i]
                        var k = old
                        k.einde = end
                        cs.koppelingEdits.append(CouplingEdit(index: i, before: old, after: k))
                    }
                } else if stored[i].einde != einde || !data.extraEquals(w, stored[i].extra) {
                    let old = stored[i]
                    var k = old
                    k.extra = w.soort == .vestiging ? data.extra(w) : ""
                    k.einde = einde
                    if k != old { cs.koppelingEdits.append(CouplingEdit(index: i, before: old, after: k)) }
                }
            }
        }
        // The new couplings: rows naming their texts in one table — every pupil's key, the
        // groups, the mentor targets and slots, the ILT/leerjaar texts — each made once.
        var new = NewKoppelingen()
        new.schooljaar = s
        new.vestiging = v
        new.start = reference
        if !newOnes.isEmpty {
            new.texts = keys
            let groupBase = Int32(new.texts.count)
            new.texts += data.groups
            let staffBase = Int32(new.texts.count)
            new.texts += data.medewerkerOrder
            let slotBase = Int32(new.texts.count)
            new.texts += ["", "1", "2", "3"]
            var mentorText = [Int32](repeating: -1, count: data.medewerkerOrder.count * 4)
            var packedText: [UInt64: Int32] = [:]
            func add(_ t: String) -> Int32 {
                new.texts.append(t)
                return Int32(new.texts.count - 1)
            }
            new.rows.reserveCapacity(newOnes.count)
            for n in newOnes {
                let w = data.couplings[Int(n)]
                let t = Int(w.target), p = Int(w.subject)
                var row = NewKoppelingen.Row(soort: w.soort, onderwerp: Int32(p), doel: slotBase, extra: -1, einde: data.einde(w))
                switch w.soort {
                case .vestiging:
                    // ILT/leerjaar: packed by the check, a handful of texts for a whole school.
                    let packed = data.pupils[p].extra
                    if packed != 0 {
                        if let i = packedText[packed] { row.extra = i } else {
                            row.extra = add(ImportData.Pupil.unpackExtra(packed))
                            packedText[packed] = row.extra
                        }
                    } else {
                        let x = data.extra(w)
                        row.extra = x.isEmpty ? -1 : add(x)
                    }
                case .stamgroep, .groep: row.doel = groupBase + Int32(t)
                case .verzorger: row.doel = 1...3 ~= t ? slotBase + Int32(t) : add(String(t))
                case .mentor:
                    if mentorText[t] < 0 { mentorText[t] = add(ImportData.mentorSlots[t & 3] + data.medewerkerOrder[t >> 2]) }
                    row.doel = mentorText[t]
                case .docent:
                    row.onderwerp = groupBase + Int32(p)
                    row.doel = staffBase + Int32(t)
                }
                new.rows.append(row)
            }
        }
        cs.newKoppelingen = new
        for i in activeOrder where !wanted[i] {
            let old = store.koppelingen[i]
            var k = old
            // Gone from the file: ended today (or on 31 July); a departed pupil's at the Vertrekdatum.
            var end = endToday
            if let p = data.pupilIndex.find(PersonKey(k.onderwerp)), k.soort != .docent,
               let d = Day(packed: data.pupils[Int(data.pupilIndex.values[p])].vertrek), d < today {
                end = d
            }
            k.einde = max(k.start, end)
            cs.koppelingEdits.append(CouplingEdit(index: i, before: old, after: k))
        }
        return cs
    }

    /// The pupils' and verzorgers' records to create or change: the first part of `plan`. It
    /// needs only the leerling file's pupils (no other file adds a pupil with values), so a
    /// check makes it while the other files' lines are crossed.
    public struct RecordPlan: Sendable {
        var leerlingen = RecordChanges<Leerling>()
        var verzorgers = RecordChanges<Verzorger>()
    }

    public static func records(_ data: ImportData, store: StoreRecords) -> RecordPlan {
        var out = RecordPlan()
        // Records: a pupil the store lacks is new; one it has is compared with its values as the
        // check packed them — the stored record field by field against the packed bytes — and
        // made and compared as records only when the bytes differ (a weekly import changes a
        // handful of a board's 100,000 pupils). New records stay packed in the change set.
        enum Found {
            case created(Int)
            case changed(Int)
        }
        struct Slice {
            var leerlingen: [Found] = []
            var verzorgers: [Found] = []
            var changedLeerlingen: [RecordChange<Leerling>] = []
            var changedVerzorgers: [RecordChange<Verzorger>] = []
        }
        let allNew = store.leerlingen.isEmpty && store.verzorgers.isEmpty
        // In slices on all cores; joined in order, as one pass would find them.
        let found: [Slice] = allNew ? [] : data.values.withUnsafeBufferPointer { bytes in
            let shared = UncheckedSendable(bytes)
            return inSlices(data.pupils.count, minimum: 2_000) { range in
                var f = Slice()
                for i in range {
                    let p = data.pupils[i]
                    guard p.values >= 0 else { continue }
                    let key = p.key
                    if let old = store.leerlingen[key] {
                        if !old.packedEquals(shared.value, at: p.values),
                           let l = Leerling.unpack(data.values, at: p.values), l != old {
                            f.leerlingen.append(.changed(f.changedLeerlingen.count))
                            f.changedLeerlingen.append(RecordChange(before: old, after: l))
                        }
                    } else {
                        f.leerlingen.append(.created(p.values))
                    }
                    for slot in 1...3 where p.verzorgerValues[slot] >= 0 {
                        let at = p.verzorgerValues[slot]
                        if let old = store.verzorgers[Verzorger.id(key, slot)] {
                            if !old.packedEquals(shared.value, at: at),
                               let z = Verzorger.unpack(data.values, at: at), z != old {
                                f.verzorgers.append(.changed(f.changedVerzorgers.count))
                                f.changedVerzorgers.append(RecordChange(before: old, after: z))
                            }
                        } else {
                            f.verzorgers.append(.created(at))
                        }
                    }
                }
                return f
            }
        }
        if allNew {
            // A first import: everything is new, nothing to look up; the change set shares the
            // check's packed records.
            out.leerlingen = RecordChanges(created: data.values, starts: data.pupils.compactMap { $0.values >= 0 ? $0.values : nil })
            var starts: [Int] = []
            starts.reserveCapacity(data.pupils.count + data.pupils.count / 2)
            for p in data.pupils {
                for slot in 1...3 where p.verzorgerValues[slot] >= 0 { starts.append(p.verzorgerValues[slot]) }
            }
            out.verzorgers = RecordChanges(created: data.values, starts: starts)
        } else {
            // Against a store: the new ones (a handful a week; a new vestiging's all) made and
            // packed again, so that the change set holds only its own bytes.
            for f in found {
                for c in f.leerlingen {
                    switch c {
                    case .created(let at): if let l = Leerling.unpack(data.values, at: at) { out.leerlingen.appendCreated(l) }
                    case .changed(let n): out.leerlingen.append(f.changedLeerlingen[n])
                    }
                }
                for c in f.verzorgers {
                    switch c {
                    case .created(let at): if let z = Verzorger.unpack(data.values, at: at) { out.verzorgers.appendCreated(z) }
                    case .changed(let n): out.verzorgers.append(f.changedVerzorgers[n])
                    }
                }
            }
        }
        return out
    }

    /// The change set of `reset-inrichting` (the manual's "Inrichting verwijderen"): removes every
    /// coupling of a pupil in `schooljaar`, in every vestiging — with its vestiging, stamgroep,
    /// groups, mentors and verzorgers, ended or not — and the groups of that schooljaar left
    /// without an active coupling. Pupils, medewerkers, verzorgers as persons, group–docent
    /// couplings, other schooljaren and the dossiers stay as they are.
    public static func reset(_ store: StoreRecords, schooljaar s: Schooljaar, today: Day) -> ChangeSet {
        var cs = ChangeSet()
        cs.schooljaar = s
        cs.resetOf = s
        let reference = s.referenceDay(today: today)
        cs.day = reference
        var stillActive = Set<Groep>()
        for (i, k) in store.koppelingen.enumerated() where k.schooljaar == s {
            if k.soort == .docent {
                if k.isActive(on: reference) { stillActive.insert(Groep(schooljaar: s, vestiging: k.vestiging, code: k.onderwerp)) }
            } else {
                cs.koppelingEdits.append(CouplingEdit(index: i, before: k, after: nil))
            }
        }
        cs.groepen = store.groepen.filter { $0.schooljaar == s && !stillActive.contains($0) }
            .sorted { ($0.vestiging, $0.code) < ($1.vestiging, $1.code) }
            .map { RecordChange(before: $0, after: nil) }
        return cs
    }

    static func field(_ name: String, _ a: String?, _ b: String?, _ out: inout [FieldChange]) {
        if a != b { out.append(FieldChange(field: name, before: a ?? "", after: b ?? "")) }
    }

    /// Dates are compared as dates and written out only when they differ.
    static func day(_ name: String, _ a: Day?, _ b: Day?, _ out: inout [FieldChange]) {
        if a != b { out.append(FieldChange(field: name, before: a?.dutch ?? "", after: b?.dutch ?? "")) }
    }

    static func diff(_ a: Leerling, _ b: Leerling) -> [FieldChange] {
        var f: [FieldChange] = []
        field("stamnr", a.stamnr, b.stamnr, &f)
        field("roepnaam", a.roepnaam, b.roepnaam, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        day("geboortedatum", a.geboortedatum, b.geboortedatum, &f)
        field("geslacht", a.geslacht.rawValue, b.geslacht.rawValue, &f)
        field("e-mail", a.email, b.email, &f)
        day("vertrekdatum", a.vertrekdatum, b.vertrekdatum, &f)
        return f
    }

    static func diff(_ a: Koppeling, _ b: Koppeling) -> [FieldChange] {
        var f: [FieldChange] = []
        field("ILT-code/leerjaar", a.extra, b.extra, &f)
        day("einde", a.einde, b.einde, &f)
        return f
    }

    /// A record's values as `show changes` lists a new one (the fields `diff` compares).
    static func values(_ l: Leerling) -> [FieldValue] {
        [FieldValue(field: "stamnr", value: l.stamnr), FieldValue(field: "roepnaam", value: l.roepnaam),
         FieldValue(field: "tussenvoegsel", value: l.tussenvoegsel), FieldValue(field: "achternaam", value: l.achternaam),
         FieldValue(field: "geboortedatum", value: l.geboortedatum?.dutch ?? ""), FieldValue(field: "geslacht", value: l.geslacht.rawValue),
         FieldValue(field: "e-mail", value: l.email ?? ""), FieldValue(field: "vertrekdatum", value: l.vertrekdatum?.dutch ?? "")]
            .filter { !$0.value.isEmpty }
    }

    static func values(_ m: Medewerker) -> [FieldValue] {
        [FieldValue(field: "nummer", value: m.nummer), FieldValue(field: "roepnaam", value: m.roepnaam),
         FieldValue(field: "tussenvoegsel", value: m.tussenvoegsel), FieldValue(field: "achternaam", value: m.achternaam),
         FieldValue(field: "e-mail", value: m.email ?? "")]
            .filter { !$0.value.isEmpty }
    }

    static func values(_ v: Verzorger) -> [FieldValue] {
        [FieldValue(field: "voorletters", value: v.voorletters), FieldValue(field: "tussenvoegsel", value: v.tussenvoegsel),
         FieldValue(field: "achternaam", value: v.achternaam), FieldValue(field: "geslacht", value: v.geslacht.rawValue),
         FieldValue(field: "e-mail", value: v.email ?? ""), FieldValue(field: "post", value: v.post ? "ja" : "nee")]
            .filter { !$0.value.isEmpty }
    }

    static func values(_ k: Koppeling) -> [FieldValue] {
        var out = [FieldValue(field: "start", value: k.start.dutch)]
        if let e = k.einde { out.append(FieldValue(field: "einde", value: e.dutch)) }
        if !k.extra.isEmpty { out.append(FieldValue(field: "ILT-code/leerjaar", value: k.extra)) }
        return out
    }

    static func diff(_ a: Medewerker, _ b: Medewerker) -> [FieldChange] {
        var f: [FieldChange] = []
        field("nummer", a.nummer, b.nummer, &f)
        field("roepnaam", a.roepnaam, b.roepnaam, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        field("e-mail", a.email, b.email, &f)
        return f
    }

    static func diff(_ a: Verzorger, _ b: Verzorger) -> [FieldChange] {
        var f: [FieldChange] = []
        field("voorletters", a.voorletters, b.voorletters, &f)
        field("tussenvoegsel", a.tussenvoegsel, b.tussenvoegsel, &f)
        field("achternaam", a.achternaam, b.achternaam, &f)
        field("geslacht", a.geslacht.rawValue, b.geslacht.rawValue, &f)
        field("e-mail", a.email, b.email, &f)
        field("post", a.post ? "ja" : "nee", b.post ? "ja" : "nee", &f)
        return f
    }
}

extension StoreRecords {
    /// The active couplings of (schooljaar, vestiging) on `day`, as identities.
    public func active(_ s: Schooljaar, _ v: String, on day: Day) -> Set<KoppelIdentity> {
        let nv = Text.nfc(v)
        return Set(koppelingen.filter { $0.schooljaar == s && Text.nfc($0.vestiging) == nv && $0.isActive(on: day) }.map(\.identity))
    }
}

/// The wanted couplings of each pupil (and of each group, for docent couplings), as indices into
/// `ImportData.couplings`: a pupil is wanted in a handful, so a stored coupling is matched by
/// looking through those of its pupil.
struct WantedBySubject {
    private var pupilStart: [Int32]
    private var pupilList: [Int32]
    private var groupStart: [Int32]
    private var groupList: [Int32]

    init(_ data: ImportData) {
        func index(_ count: Int, docent: Bool) -> (start: [Int32], list: [Int32]) {
            var start = [Int32](repeating: 0, count: count + 1)
            for w in data.couplings where (w.soort == .docent) == docent {
                let s = Int(w.subject)
                if s >= 0 && s < count { start[s + 1] += 1 }
            }
            for s in 0..<count { start[s + 1] += start[s] }
            var fill = start
            var list = [Int32](repeating: 0, count: Int(start[count]))
            for (n, w) in data.couplings.enumerated() where (w.soort == .docent) == docent {
                let s = Int(w.subject)
                guard s >= 0 && s < count else { continue }
                list[Int(fill[s])] = Int32(truncatingIfNeeded: n)
                fill[s] += 1
            }
            return (start, list)
        }
        (pupilStart, pupilList) = index(data.pupils.count, docent: false)
        (groupStart, groupList) = index(data.groups.count, docent: true)
    }

    /// The lists borrowed for a loop over many subjects: an `ArraySlice` per stored coupling
    /// retained and released its array, a third of matching a board's couplings.
    struct Borrowed {
        let pupilStart, pupilList, groupStart, groupList: UnsafeBufferPointer<Int32>

        /// The wanted couplings of pupil `subject` (of group `subject` when `docent`).
        @inline(__always)
        func wanted(_ docent: Bool, _ subject: Int) -> Slice<UnsafeBufferPointer<Int32>> {
            let start = docent ? groupStart : pupilStart, list = docent ? groupList : pupilList
            guard subject >= 0, subject + 1 < start.count else { return list[0..<0] }
            let from = Int(start[subject]), to = Int(start[subject + 1])
            guard 0 <= from, from <= to, to <= list.count else { return list[0..<0] }
            return list[from..<to]
        }
    }

    func borrowed<T>(_ body: (Borrowed) -> T) -> T {
        pupilStart.withUnsafeBufferPointer { ps in
            pupilList.withUnsafeBufferPointer { pl in
                groupStart.withUnsafeBufferPointer { gs in
                    groupList.withUnsafeBufferPointer { gl in
                        body(Borrowed(pupilStart: ps, pupilList: pl, groupStart: gs, groupList: gl))
                    }
                }
            }
        }
    }
}

/// Names a stored coupling in the files' terms (`ImportData.Wanted`): pupil or group index,
/// target index. Each text is looked up once for a run of rows that repeat it.
struct Resolver {
    let data: ImportData
    var lastSubject = "", subject: Int32? = nil, lastSubjectSoort = KoppelSoort.vestiging
    /// Doelen looked up before, with their targets, by a cheap hash of soort and bytes: a
    /// board's couplings name a few hundred groups and medewerkers over and over, pupil after
    /// pupil, not in runs (a String-keyed lookup hashes the whole text each time).
    var recent = [(soort: Int, doel: String, target: Int32?)](repeating: (-1, "", nil), count: Resolver.recentSlots)
    static let recentSlots = 1024

    init(_ data: ImportData) { self.data = data }

    /// A coupling as one number: soort, subject, target (a vestiging coupling's target is 0).
    static func pack(_ soort: KoppelSoort, _ subject: Int32, _ target: Int32) -> UInt64 {
        UInt64(soort.index) << 61 | UInt64(UInt32(bitPattern: subject) & 0x1FFF_FFFF) << 32 | UInt64(UInt32(bitPattern: target))
    }

    /// The packed key (`pack`) of the stored coupling with this soort, onderwerp and doel, nil
    /// when the files name none of it. Borrowed, so that a stored coupling is not copied to be
    /// named.
    mutating func key(_ soort: KoppelSoort, _ onderwerp: String, _ doel: String) -> UInt64? {
        let docent = soort == .docent
        if onderwerp != lastSubject || docent != (lastSubjectSoort == .docent) {
            lastSubject = onderwerp
            lastSubjectSoort = soort
            subject = docent ? data.groupIndex[onderwerp] : Resolver.person(data.pupilIndex, onderwerp)
        }
        guard let subject else { return nil }
        let target: Int32?
        switch soort {
        case .vestiging: target = 0
        case .verzorger:
            // `1`, `2` or `3` on the byte; any other text as it always was read (`01`, `+2`).
            let u = doel.utf8
            if u.count == 1, let b = u.first {
                target = 0x31...0x33 ~= b ? Int32(b - 0x30) : nil
            } else {
                target = Int32(doel).flatMap { 1...3 ~= $0 ? $0 : nil }
            }
        default:
            let n = soort.index
            var h = UInt64(n) &+ 0xCBF2_9CE4_8422_2325
            for b in doel.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            let slot = Int(truncatingIfNeeded: (h ^ (h >> 29)) & UInt64(Resolver.recentSlots - 1))
            // The same bytes, not only the same text (`==` takes é and e + accent as one; the
            // medewerkers' table does not).
            if recent[slot].soort == n, recent[slot].doel.utf8.elementsEqual(doel.utf8) {
                target = recent[slot].target
            } else {
                target = Resolver.target(soort, doel, data)
                recent[slot] = (n, doel, target)
            }
        }
        return target.map { Resolver.pack(soort, subject, $0) }
    }

    static func person(_ table: KeyTable<Int32>, _ text: String) -> Int32? {
        Text.withBytes(text) { table.find(PersonKey($0)).map { table.values[$0] } }
    }

    static func target(_ soort: KoppelSoort, _ doel: String, _ data: ImportData) -> Int32? {
        switch soort {
        case .stamgroep, .groep: return data.groupIndex[doel]
        case .docent: return person(data.medewerkerIndex, doel)
        case .mentor:
            // `1:2100`, `2:2100`, `P:2100` (slots 0–2), else the whole text (slot 3), on the
            // bytes (`:` and a combining mark after it are one Character), without a copy.
            return Text.withBytes(doel) { p -> Int32? in
                var slot: Int32 = 3
                if p.count >= 2, p[1] == 0x3A {
                    switch p[0] {
                    case 0x31: slot = 0
                    case 0x32: slot = 1
                    case 0x50: slot = 2
                    default: break
                    }
                }
                let key = slot < 3 ? UnsafeBufferPointer(rebasing: p[2...]) : p
                let table = data.medewerkerIndex
                return table.find(PersonKey(key)).map { table.values[$0] * 4 + slot }
            }
        default: return nil
        }
    }
}
