/// The store as the planner sees it (the shell fills it from `StoreData`).
public struct StoreSnapshot: Sendable {
    public var leerlingen: [String: Leerling]
    public var medewerkers: [String: Medewerker]
    public var verzorgers: [String: Verzorger]
    public var groepen: Set<Groep>
    public var koppelingen: [Koppeling]

    public init(leerlingen: [String: Leerling], medewerkers: [String: Medewerker], verzorgers: [String: Verzorger],
                groepen: Set<Groep>, koppelingen: [Koppeling]) {
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
    public static func plan(_ data: ImportData, store: StoreSnapshot, context: CheckContext) -> ChangeSet {
        var cs = ChangeSet()
        let s = context.schooljaar
        let v = Text.nfc(context.vestiging)
        let today = context.today
        let endToday = min(today, s.last)
        let reference = s.referenceDay(today: today)
        cs.imported = data
        cs.store = store
        cs.vestiging = v
        cs.schooljaar = s
        cs.start = reference

        // Records: a pupil the store lacks is new (made from its line only at commit); one it
        // has is compared with its line, and made and compared field by field only when the
        // line differs (a weekly import changes a handful of a board's 100,000 pupils).
        let emptyStore = store.leerlingen.isEmpty && store.verzorgers.isEmpty
        struct Found {
            var newPupils: [Int32] = []
            var changedPupils: [(pupil: Int32, record: Leerling, fields: [FieldChange])] = []
            var newVerzorgers: [(pupil: Int32, slot: Int8)] = []
            var changedVerzorgers: [(record: Verzorger, fields: [FieldChange])] = []
        }
        // In slices on all cores; joined in order, as one pass would find them.
        let found = inSlices(data.pupils.count, minimum: 2_000) { range in
            var f = Found()
            data.withLines { lines in
                for i in range {
                    let p = data.pupils[i]
                    guard p.record >= 0 else { continue }
                    if emptyStore {
                        // A first import: everything is new, nothing to look up.
                        f.newPupils.append(Int32(i))
                        for slot in 1...3 where p.verzorgers & (1 << (slot - 1)) != 0 { f.newVerzorgers.append((Int32(i), Int8(slot))) }
                        continue
                    }
                    guard let line = lines.line(i) else { continue }
                    let key = p.key
                    if let old = store.leerlingen[key] {
                        if !line.matches(old) {
                            let l = line.leerling
                            let changes = diff(old, l)
                            if !changes.isEmpty { f.changedPupils.append((Int32(i), l, changes)) }
                        }
                    } else {
                        f.newPupils.append(Int32(i))
                    }
                    for slot in line.verzorgerSlots {
                        if let old = store.verzorgers[Verzorger.id(key, slot)] {
                            if !line.matches(old) {
                                let z = line.verzorger(slot)
                                let changes = diff(old, z)
                                if !changes.isEmpty { f.changedVerzorgers.append((z, changes)) }
                            }
                        } else {
                            f.newVerzorgers.append((Int32(i), Int8(slot)))
                        }
                    }
                }
            }
            return f
        }
        for f in found {
            cs.newPupils += f.newPupils
            cs.changedPupils += f.changedPupils
            cs.newVerzorgers += f.newVerzorgers
            cs.changedVerzorgers += f.changedVerzorgers
        }
        for key in data.medewerkerOrder {
            guard let m = data.medewerkers[key] else { continue }
            if let old = store.medewerkers[key] {
                let f = diff(old, m)
                if !f.isEmpty { cs.changedStaff.append((key, f)) }
            } else {
                cs.newStaff.append(key)
            }
        }
        for code in data.groups where !store.groepen.contains(Groep(schooljaar: s, vestiging: v, code: code)) {
            cs.newGroups.append(code)
        }

        // Couplings of (S, V) owned by the soorten loaded.
        struct Key: Hashable {
            var soort: KoppelSoort
            var onderwerp: String
            var doel: String

            /// One 64-bit FNV-1a over both texts fed to the Hasher, instead of the Hasher over
            /// each String (half a million keys are made and looked up for a board). Over the
            /// NFC form, as `==` compares canonical equivalents (ASCII, nearly every key, is
            /// its own NFC form).
            func hash(into hasher: inout Hasher) {
                var x: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(soort.index)
                Key.mix(&x, onderwerp)
                x = (x ^ 0xFF) &* 0x100_0000_01b3
                Key.mix(&x, doel)
                hasher.combine(x)
            }

            static func mix(_ x: inout UInt64, _ s: String) {
                var h = x, high: UInt8 = 0
                for b in s.utf8 {
                    h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                    high |= b
                }
                if high >= 0x80 {
                    // Not ASCII: the NFC form's bytes.
                    h = x
                    for b in Text.nfc(s).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
                }
                x = h
            }
        }
        var active: [Key: Int] = [:]
        active.reserveCapacity(store.koppelingen.count)
        var activeOrder: [Int] = []
        // A store holds a few vestigingen: each normalised once, not once per coupling.
        var lastVestiging = "", lastMatches = false
        for (i, k) in store.koppelingen.enumerated() where k.schooljaar == s && k.isActive(on: reference) {
            if k.vestiging != lastVestiging {
                lastVestiging = k.vestiging
                lastMatches = Text.nfc(k.vestiging) == v
            }
            guard lastMatches else { continue }
            cs.activeBefore += 1
            if data.soorten.contains(k.soort.owner) {
                active[Key(soort: k.soort, onderwerp: k.onderwerp, doel: k.doel)] = i
                activeOrder.append(i)
            }
        }
        var wanted = Set<Int>()   // store indices the files still have
        // Each wanted coupling's active counterpart in the store (-1: none), looked up on all
        // cores; each pupil's key made once, not once per coupling.
        let keys = active.isEmpty ? [] : data.pupils.map(\.key)
        let counterpart: [Int32] = active.isEmpty ? [] : Array(inSlices(data.couplings.count, minimum: 2_000) { [active] range in
            range.map { n -> Int32 in
                let w = data.couplings[n]
                let (onderwerp, doel) = data.identity(w, keys: keys)
                return active[Key(soort: w.soort, onderwerp: onderwerp, doel: doel)].map(Int32.init) ?? -1
            }
        }.joined())
        for (n, w) in data.couplings.enumerated() {
            let einde = data.einde(w)
            // Gone before the coupling would be active (a Vertrekdatum passed, or before a coming
            // schooljaar starts): nothing new to make, an active one ends.
            let departed = einde.map { $0 < today || $0 <= reference } ?? false
            // A first import has nothing active: every wanted coupling is new, no lookups.
            guard !active.isEmpty else {
                if !departed { cs.newCouplings.append(Int32(n)) }
                continue
            }
            guard counterpart[n] >= 0 else {
                if !departed { cs.newCouplings.append(Int32(n)) }
                continue
            }
            let i = Int(counterpart[n])
            wanted.insert(i)
            var k = store.koppelingen[i]
            if departed, let d = einde {
                // Vertrekdatum passed: the coupling ends at that date.
                k.einde = max(k.start, d)
                cs.changedCouplings.append((i, k, [FieldChange(field: "einde", before: "", after: k.einde?.dutch ?? "")], true))
                continue
            }
            var fields: [FieldChange] = []
            let extra = w.soort == .vestiging ? data.extra(w) : ""
            if k.extra != extra {
                fields.append(FieldChange(field: "ILT-code/leerjaar", before: k.extra, after: extra))
                k.extra = extra
            }
            if k.einde != einde {
                fields.append(FieldChange(field: "einde", before: k.einde?.dutch ?? "", after: einde?.dutch ?? ""))
                k.einde = einde
            }
            if !fields.isEmpty { cs.changedCouplings.append((i, k, fields, false)) }
        }
        for i in activeOrder where !wanted.contains(i) {
            var k = store.koppelingen[i]
            // Gone from the file: ended today (or on 31 July); a departed pupil's at the Vertrekdatum.
            var end = endToday
            if let p = data.pupilIndex.find(PersonKey(k.onderwerp)), k.soort != .docent,
               let d = Day(packed: data.pupils[Int(data.pupilIndex.values[p])].vertrek), d < today {
                end = d
            }
            k.einde = max(k.start, end)
            cs.changedCouplings.append((i, k, [FieldChange(field: "einde", before: "", after: k.einde?.dutch ?? "")], true))
        }
        cs.ending = cs.changedCouplings.filter(\.ends).count
        return cs
    }

    /// The change set of `reset-inrichting` (the manual's "Inrichting verwijderen"): removes every
    /// coupling of a pupil in `schooljaar`, in every vestiging — with its vestiging, stamgroep,
    /// groups, mentors and verzorgers, ended or not — and the groups of that schooljaar left
    /// without an active coupling. Pupils, medewerkers, verzorgers as persons, group–docent
    /// couplings, other schooljaren and the dossiers stay as they are.
    public static func reset(_ store: StoreSnapshot, schooljaar s: Schooljaar, today: Day) -> ChangeSet {
        var cs = ChangeSet()
        cs.store = store
        cs.schooljaar = s
        cs.resetOf = s
        let reference = s.referenceDay(today: today)
        var stillActive = Set<Groep>()
        for (i, k) in store.koppelingen.enumerated() where k.schooljaar == s {
            if k.soort == .docent {
                if k.isActive(on: reference) { stillActive.insert(Groep(schooljaar: s, vestiging: k.vestiging, code: k.onderwerp)) }
            } else {
                cs.removedCouplings.append(i)
            }
        }
        cs.removedGroups = store.groepen.filter { $0.schooljaar == s && !stillActive.contains($0) }
            .sorted { ($0.vestiging, $0.code) < ($1.vestiging, $1.code) }
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

extension StoreSnapshot {
    /// The store after `cs` (computed against this snapshot) is applied: records are made from
    /// their file lines here. Without `addingNew`, the new pupils, verzorgers and couplings are
    /// left out: a writer that encodes them from `cs.newRecords()` adds them.
    public mutating func apply(_ cs: ChangeSet, addingNew: Bool = true) {
        if addingNew {
            let new = cs.newRecords()
            // Each new record made from its line, on all cores.
            func made<T>(_ count: Int, _ make: @Sendable (inout PupilLines, Int) -> T?) -> [T?] {
                Array(inSlices(count) { range in new.withLines { lines in range.map { make(&lines, $0) } } }.joined())
            }
            leerlingen.reserveCapacity(leerlingen.count + new.pupils.count)
            for case let l? in made(new.pupils.count, { $0.line(Int(new.pupils[$1].pupil))?.leerling }) { leerlingen[l.key] = l }
            verzorgers.reserveCapacity(verzorgers.count + new.verzorgers.count)
            for case let v? in made(new.verzorgers.count, { $0.line(Int(new.verzorgers[$1].pupil))?.verzorger(Int(new.verzorgers[$1].slot)) }) {
                verzorgers[v.id] = v
            }
            applyChanges(cs)
            koppelingen.reserveCapacity(koppelingen.count + new.couplings.count)
            for i in new.couplings.indices { koppelingen.append(new.koppeling(i)) }
        } else {
            applyChanges(cs)
        }
    }

    /// Everything of `cs` but the new pupils, verzorgers and couplings.
    mutating func applyChanges(_ cs: ChangeSet) {
        let data = cs.imported
        for c in cs.changedPupils { leerlingen[c.record.key] = c.record }
        for k in cs.newStaff { if let m = data.medewerkers[k] { medewerkers[k] = m } }
        for c in cs.changedStaff { if let m = data.medewerkers[c.key] { medewerkers[c.key] = m } }
        for c in cs.changedVerzorgers { verzorgers[c.record.id] = c.record }
        for g in cs.newGroups { groepen.insert(Groep(schooljaar: cs.schooljaar, vestiging: cs.vestiging, code: g)) }
        for c in cs.changedCouplings where c.index < koppelingen.count { koppelingen[c.index] = c.koppeling }
        if !cs.removedCouplings.isEmpty {
            // Indices refer to the store as checked: remove before anything is appended.
            let gone = Set(cs.removedCouplings)
            var kept: [Koppeling] = []
            kept.reserveCapacity(koppelingen.count - gone.count)
            for (i, k) in koppelingen.enumerated() where !gone.contains(i) { kept.append(k) }
            koppelingen = kept
        }
        for g in cs.removedGroups { groepen.remove(g) }
    }

    /// The active couplings of (schooljaar, vestiging) on `day`, as identities.
    public func active(_ s: Schooljaar, _ v: String, on day: Day) -> Set<KoppelIdentity> {
        let nv = Text.nfc(v)
        return Set(koppelingen.filter { $0.schooljaar == s && Text.nfc($0.vestiging) == nv && $0.isActive(on: day) }.map(\.identity))
    }
}
