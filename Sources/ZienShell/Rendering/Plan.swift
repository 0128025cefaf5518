import ZienCore

/// The pending change set arranged as a plan (SPEC §6 `show changes`, like `terraform plan`):
/// the changes grouped per subject (a pupil, a medewerker, a group), an ended and a new
/// coupling of one single-valued slot (stamgroep, a mentor, the vestiging) of one pupil paired
/// into one move, and the same coupling change for several pupils gathered into one summary.
///
/// Built from the change set's changes alone (no files, no store), so that it can be tested on
/// changes made by hand; `PlanText` and `PlanJSON` turn it into lines and documents.
struct Plan {
    /// Whom a change is about.
    enum Subject: Hashable {
        case leerling(String)
        case medewerker(String)
        case groep(code: String, vestiging: String)
    }

    /// The change set's changes, shared by the entries (an entry holds indices: a board's first
    /// import has close to a million changes).
    final class Changes: @unchecked Sendable {
        let all: [Change]
        init(_ all: [Change]) { self.all = all }
    }

    /// One line of the plan: a change, or an ended and a new coupling that make one move.
    struct Entry {
        let changes: Changes
        let index: Int32
        /// For a move: the new coupling's index; -1 for none.
        let partnerIndex: Int32
        var subject: Subject

        /// The change; for a move, the ended coupling.
        var change: Change { changes.all[Int(index)] }
        /// For a move: the new coupling.
        var partner: Change? { partnerIndex < 0 ? nil : changes.all[Int(partnerIndex)] }

        var isMove: Bool { partnerIndex >= 0 }
        /// The mark shown: a move is a change (`~`).
        var type: ChangeType { isMove ? .gewijzigd : change.type }
        /// What it does to the store: a move ends one coupling and starts another.
        var actions: [ChangeType] { isMove ? [.beeindigd, .nieuw] : [change.type] }
        /// Changes it stands for (as the counts count them).
        var weight: Int { isMove ? 2 : 1 }
        var kind: ChangeKind { change.kind }
        var isRecord: Bool { change.kind != .koppelingen }

        /// The coupling it is about, if any (for a move: the new one).
        var koppeling: KoppelIdentity? {
            if case .koppeling(let id)? = partner?.about { return id }
            if case .koppeling(let id) = change.about { return id }
            return nil
        }

        /// The coupling's former doel, for a move.
        var formerDoel: String? {
            guard partner != nil, case .koppeling(let id) = change.about else { return nil }
            return id.doel
        }

        /// The end date a change sets (an ended coupling's `einde`), as written in its field.
        var endField: String? { change.type == .beeindigd ? change.fields.first { $0.field == "einde" }?.after : nil }

        /// The pupil key it concerns, for `leerling STAMNR`.
        var leerling: String? {
            if case .leerling(let k) = subject { return k }
            return nil
        }

        /// Group codes it concerns, for `groep CODE` (a move concerns both).
        var groepen: [String] {
            var out: [String] = []
            if let g = change.groep { out.append(g) }
            if let g = partner?.groep, !out.contains(g) { out.append(g) }
            return out
        }

        /// Two entries of different pupils that read the same (a summary gathers them): the
        /// same kind of coupling, from and to the same doel, on the same dates.
        var sameness: Sameness? {
            guard case .leerling = subject, let id = koppeling else { return nil }
            return Sameness(type: change.type, soort: id.soort, vestiging: id.vestiging, doel: id.doel, former: formerDoel,
                            fields: change.fields.map { "\($0.field)\u{1F}\($0.before)\u{1F}\($0.after)" })
        }
    }

    struct Sameness: Hashable {
        var type: ChangeType
        var soort: KoppelSoort
        var vestiging: String
        var doel: String
        var former: String?
        var fields: [String]
    }

    /// The same change for several pupils, shown once with the pupils below it.
    struct Summary {
        /// The first pupil's entry: what they all read as.
        var entry: Entry
        var pupils: [String]
    }

    /// How a subject fares as a whole: made new, ended or removed altogether, or changed.
    enum Fate { case nieuw, gewijzigd, beeindigd, verwijderd }

    struct Block {
        var subject: Subject
        var fate: Fate
        var entries: [Entry]
    }

    /// Summaries of changes shared by at least this many pupils.
    static let summaryMinimum = 2

    /// Every subject with its entries, pupils first (in the order the change set names them),
    /// then medewerkers, then groups.
    private(set) var blocks: [Block] = []
    /// The same change for several pupils whose subject only changes (not new, not leaving).
    private(set) var summaries: [Summary] = []
    /// Entries gathered in a summary, by subject: a block that holds nothing else is not shown.
    private(set) var summarised: Set<Subject> = []
    /// Changes in the plan (a move counts two).
    private(set) var total = 0

    /// The subject of a change: a verzorger belongs to its pupil, a docent coupling to its group,
    /// every other coupling to its pupil.
    static func subject(of c: Change) -> Subject {
        switch c.about {
        case .leerling(let k): return .leerling(k)
        case .verzorger(let k, _): return .leerling(k)
        case .medewerker(let k): return .medewerker(k)
        case .groep(let code, let v): return .groep(code: code, vestiging: v)
        case .koppeling(let id):
            return id.soort == .docent ? .groep(code: id.onderwerp, vestiging: id.vestiging) : .leerling(id.onderwerp)
        }
    }

    /// The slot a coupling fills once per pupil (so that an ended and a new one are a move), or
    /// nil for couplings a pupil has many of (groups; a verzorger coupling keeps its doel).
    static func slot(_ id: KoppelIdentity) -> String? {
        switch id.soort {
        case .vestiging: return "vestiging \(id.schooljaar)"
        case .stamgroep: return "stamgroep \(id.schooljaar) \(id.vestiging)"
        case .mentor:
            let role = Koppeling.mentorParts(id.doel)?.slot ?? id.doel
            return "mentor \(role) \(id.schooljaar) \(id.vestiging)"
        case .verzorger, .groep, .docent: return nil
        }
    }

    /// Arranges `changes`; `include` keeps the entries a filter asks for (a move is asked for
    /// by nieuw, gewijzigd and beëindigd alike). How a subject fares is judged on all its
    /// changes, filtered or not.
    init(_ changes: [Change], include: (Entry) -> Bool = { _ in true }) {
        let pool = Changes(changes)
        // Per subject, in first-named order.
        var order: [Subject] = []
        // Indices, not copies: a board's first import has close to a million changes.
        var perSubject: [Subject: [Int32]] = [:]
        for (i, c) in changes.enumerated() {
            let s = Plan.subject(of: c)
            if perSubject[s] == nil { order.append(s) }
            perSubject[s, default: []].append(Int32(i))
        }
        func rank(_ s: Subject) -> Int {
            switch s {
            case .leerling: 0
            case .medewerker: 1
            case .groep: 2
            }
        }
        // Pupils and medewerkers in first-named order (the file's), then groups by code.
        func code(_ s: Subject) -> (String, String) {
            if case .groep(let c, let v) = s { return (v, c) }
            return ("", "")
        }
        let sorted = order.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            if ra != rb { return ra < rb }
            if ra == 2, code(a.element) != code(b.element) { return code(a.element) < code(b.element) }
            return a.offset < b.offset
        }.map(\.element)

        var kept: [Block] = []
        for s in sorted {
            guard let indices = perSubject.removeValue(forKey: s) else { continue }
            let cs = indices.map { changes[Int($0)] }
            let entries = Plan.pair(cs, indices, pool, subject: s)
            let fate: Fate
            if cs.contains(where: { $0.kind != .koppelingen && $0.type == .nieuw && $0.about == Plan.recordAbout(s) }) {
                fate = .nieuw
            } else if cs.allSatisfy({ $0.type == .verwijderd }) {
                fate = .verwijderd
            } else if cs.allSatisfy({ $0.type == .beeindigd }) {
                fate = .beeindigd
            } else {
                fate = .gewijzigd
            }
            let shown = entries.filter(include)
            guard !shown.isEmpty else { continue }
            kept.append(Block(subject: s, fate: fate, entries: shown))
            total += shown.reduce(0) { $0 + $1.weight }
        }
        blocks = kept

        // Summaries: the same coupling change for several pupils that otherwise stay.
        var groups: [Sameness: [(block: Int, entry: Int)]] = [:]
        var groupOrder: [Sameness] = []
        for (b, block) in blocks.enumerated() where block.fate == .gewijzigd {
            for (e, entry) in block.entries.enumerated() {
                guard let key = entry.sameness else { continue }
                if groups[key] == nil { groupOrder.append(key) }
                groups[key, default: []].append((b, e))
            }
        }
        var gathered: [Int: Set<Int>] = [:]   // block → entry indices in a summary
        var found: [(Summary, Int)] = []
        for (n, key) in groupOrder.enumerated() {
            guard let members = groups[key], members.count >= Plan.summaryMinimum else { continue }
            let pupils = members.compactMap { blocks[$0.block].entries[$0.entry].leerling }
            found.append((Summary(entry: blocks[members[0].block].entries[members[0].entry], pupils: pupils), n))
            for m in members { gathered[m.block, default: []].insert(m.entry) }
        }
        // Most pupils first, equal counts in the order first named; summaries of the very same
        // pupils (a class that moves gets another stamgroep and mentors) one after the other.
        let ranked = found.sorted { ($1.0.pupils.count, $0.1) < ($0.0.pupils.count, $1.1) }.map(\.0)
        var byPupils: [[String]: Int] = [:]
        var runs: [[Summary]] = []
        for s in ranked {
            if let r = byPupils[s.pupils] {
                runs[r].append(s)
            } else {
                byPupils[s.pupils] = runs.count
                runs.append([s])
            }
        }
        summaries = runs.flatMap { $0 }
        for (b, entries) in gathered where entries.count == blocks[b].entries.count {
            summarised.insert(blocks[b].subject)
        }
    }

    /// The record change that makes `s` itself.
    static func recordAbout(_ s: Subject) -> ChangeSubject {
        switch s {
        case .leerling(let k): .leerling(k)
        case .medewerker(let k): .medewerker(k)
        case .groep(let code, let v): .groep(code: code, vestiging: v)
        }
    }

    /// A subject's changes as entries, in their order; an ended and a new coupling of one slot
    /// (exactly one of each) become one move, where the new one was.
    static func pair(_ changes: [Change], _ indices: [Int32], _ pool: Changes, subject: Subject) -> [Entry] {
        var ended: [String: [Int]] = [:], started: [String: [Int]] = [:]
        for (i, c) in changes.enumerated() {
            guard case .koppeling(let id) = c.about, let slot = slot(id) else { continue }
            if c.type == .beeindigd { ended[slot, default: []].append(i) }
            if c.type == .nieuw { started[slot, default: []].append(i) }
        }
        var partnerOf: [Int: Int] = [:]   // new → ended
        var absorbed = Set<Int>()
        for (slot, e) in ended where e.count == 1 {
            guard let s = started[slot], s.count == 1 else { continue }
            partnerOf[s[0]] = e[0]
            absorbed.insert(e[0])
        }
        var out: [Entry] = []
        out.reserveCapacity(changes.count - absorbed.count)
        for i in changes.indices where !absorbed.contains(i) {
            if let e = partnerOf[i] {
                out.append(Entry(changes: pool, index: indices[e], partnerIndex: indices[i], subject: subject))
            } else {
                out.append(Entry(changes: pool, index: indices[i], partnerIndex: -1, subject: subject))
            }
        }
        return out
    }
}
