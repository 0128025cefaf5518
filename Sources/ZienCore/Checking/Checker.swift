import Dispatch

/// Checks loaded files line by line (SPEC.md §3), leerling → groepen → koppel, each seeing what
/// the earlier ones would create. Pure: reads the files and the context, returns findings.
///
/// Two passes per file: `LineRules` checks each line on its own (in parallel chunks for large
/// files), then the facts that cross lines — duplicate Stamnr, medewerkers with other data, new
/// groups, unknown or departed pupils — are combined in line order here.
public struct Checker {
    public private(set) var context: CheckContext
    let cancelled: @Sendable () -> Bool

    /// What the files would import for (S, V), gathered while checking (no second pass over
    /// the files): the planner's input. Later files see what earlier ones create through it.
    public private(set) var imported = ImportData()
    var medewerkers = KeyTable<(signature: UInt64, line: Int, soort: Soort, record: Int, column: Int)>()
    var diagnostics: [Diagnostic] = []

    /// Lines per chunk below which a file is checked on one core.
    static let chunkSize = 16_384

    /// Creates a checker; `cancelled` is polled between records (Ctrl-C).
    public init(context: CheckContext, cancelled: @escaping @Sendable () -> Bool = { false }) {
        self.context = context
        self.cancelled = cancelled
    }

    /// Checks every file; nil when cancelled.
    public mutating func check(_ files: [LoadedFile]) -> CheckReport? {
        guard let passes = linePasses(files) else { return nil }
        return crossPasses(passes)
    }

    /// The first half of `check`: every line of every file on its own. It needs nothing of the
    /// store (`context.knownPupils` and `knownGroups` are read only by `crossPasses`), so the
    /// shell runs it while the store is read. Nil when cancelled.
    public mutating func linePasses(_ files: [LoadedFile]) -> LinePasses? {
        var out = LinePasses()
        let rules = LineRules(context: context)
        for file in files.sorted(by: { $0.soort < $1.soort }) {
            diagnostics.append(contentsOf: file.fileDiagnostics)
            out.records[file.soort] = file.recordCount
            guard file.nonTextKind == nil else { continue }
            guard let chunks = linePass(file, rules, values: &out.values) else { return nil }
            out.files.append((file, chunks))
        }
        return out
    }

    /// The second half of `check`: what crosses lines, with `knownPupils` and `knownGroups` (the
    /// store's) when given, else the context's.
    /// `afterLeerling` is given the import once the leerling file is crossed (its pupils are then
    /// complete: the planner's record part can start while the other files are crossed).
    public mutating func crossPasses(_ passes: LinePasses, knownPupils: [String: Day?]? = nil,
                                     knownGroups: Set<String>? = nil,
                                     afterLeerling: ((ImportData) -> Void)? = nil) -> CheckReport {
        if let knownPupils { context.knownPupils = knownPupils }
        if let knownGroups { context.knownGroups = knownGroups }
        // The passes' packed records join the import's (empty unless passes came before).
        let base = imported.values.count
        if base == 0 { imported.values = passes.values } else { imported.values += passes.values }
        for (file, chunks) in passes.files {
            imported.soorten.insert(file.soort)
            imported.files[file.soort] = file
            var f = Findings(soort: file.soort)
            var newGroups: Set<String> = []
            var pairs = Pairs()
            if file.soort == .leerling {
                imported.pupils.reserveCapacity(file.recordCount)
                imported.couplings.reserveCapacity(file.recordCount * 5)
            }
            for facts in chunks {
                switch facts {
                case .leerling(let list): crossLeerling(list, file, base: base, &f)
                case .groepen(let list): crossGroepen(list, file, &newGroups, &pairs, &f)
                case .koppel(let list): crossKoppel(list, &pairs, &newGroups, &f)
                }
            }
            diagnostics.append(contentsOf: f.list)
            if file.soort == .leerling { afterLeerling?(imported) }
        }
        // Stable: per file and line, line findings before cross-line findings. The parts are
        // each in line order already, so a stable sort does little work.
        let ordered = Checker.stableByLine(diagnostics)
        return CheckReport(diagnostics: ordered, counts: LevelCounts(ordered), records: passes.records)
    }

    static func stableByLine(_ list: [Diagnostic]) -> [Diagnostic] {
        func before(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
            let sa = a.soort ?? .leerling, sb = b.soort ?? .leerling
            if sa != sb { return sa < sb }
            return (a.line ?? 0) < (b.line ?? 0)
        }
        // Already ordered (a common case): nothing to do.
        if zip(list, list.dropFirst()).allSatisfy({ !before($1, $0) }) { return list }
        return list.enumerated().sorted { x, y in
            before(x.element, y.element) || (!before(y.element, x.element) && x.offset < y.offset)
        }.map(\.element)
    }

    // MARK: - Pass 1: each line on its own, in parallel chunks

    struct Chunk {
        var findings: [Diagnostic] = []
        /// The leerling file's records packed (`LeerlingFact.values`).
        var values: [UInt8] = []
        var facts: FileFacts?
        var cancelled = false
    }

    /// The facts of each chunk, in line order; nil when cancelled.
    /// The leerling file's records are packed into `values` (`LeerlingFact.values`).
    mutating func linePass(_ file: LoadedFile, _ rules: LineRules, values: inout [UInt8]) -> [FileFacts]? {
        let n = file.recordCount
        let chunks = max(1, min(ProcessorCount.value, n / Checker.chunkSize))
        var results = [Chunk](repeating: Chunk(), count: chunks)
        let cancelled = self.cancelled
        results.withUnsafeMutableBufferPointer { out in
            file.text.bytes.withUnsafeBufferPointer { text in
                // Each iteration writes only its own slot and reads the text, which outlives
                // concurrentPerform: no data is shared mutably.
                let slots = UncheckedSendable(out), bytes = UncheckedSendable(text)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let range = (n * c / chunks)..<(n * (c + 1) / chunks)
                    slots.value[c] = LineRules.run(rules, file, bytes.value, range, cancelled)
                }
            }
        }
        if results.contains(where: \.cancelled) { return nil }
        for r in results { diagnostics.append(contentsOf: r.findings) }
        if file.soort == .leerling {
            // The chunks' packed records joined into one buffer, once; each chunk's facts are
            // rebased by where its bytes now start.
            values.reserveCapacity(values.count + results.reduce(0) { $0 + $1.values.count })
            for k in results.indices {
                let base = values.count
                values.append(contentsOf: results[k].values)
                results[k].values = []
                if case .leerling(var list)? = results[k].facts, base > 0 {
                    results[k].facts = nil
                    for n in list.indices { list[n].rebase(by: base) }
                    results[k].facts = .leerling(list)
                }
            }
        }
        return results.compactMap(\.facts)
    }

    // MARK: - Pass 2: what crosses lines, in line order

    /// `base`: where the facts' packed records start in `imported.values`.
    mutating func crossLeerling(_ facts: [LeerlingFact], _ file: LoadedFile, base: Int, _ f: inout Findings) {
        let stamnr = Columns.L.stamnr
        for fact in facts {
            f.line = Int(fact.line)
            // Medewerkers first: the pupil's mentor couplings refer to them.
            if fact.mentorCount > 0 { medewerker(fact.mentors.0, line: Int(fact.line), file, &f) }
            if fact.mentorCount > 1 { medewerker(fact.mentors.1, line: Int(fact.line), file, &f) }
            if fact.mentorCount > 2 { medewerker(fact.mentors.2, line: Int(fact.line), file, &f) }
            if fact.key.kind != 0 {
                let key = fact.key.key(record: Int(fact.record), column: stamnr, in: file)
                let index = Int32(imported.pupils.count)
                let (found, inserted) = imported.pupilIndex.insert(key, index)
                if !inserted {
                    let first = imported.pupils[Int(imported.pupilIndex.values[found])]
                    let firstLine = file.recordLines[Int(first.record)]
                    let written = file.withRecord(Int(fact.record)) { $0.string(stamnr) }
                    f.emit(.dubbelLeerlingnummer, column: Columns.leerling[stamnr], value: written, written, String(firstLine))
                } else {
                    var fact = fact
                    fact.rebase(by: base)
                    importPupil(fact, key: key, index: index, file)
                }
            }
        }
    }

    /// A pupil of the leerling file and the couplings it owns.
    mutating func importPupil(_ fact: LeerlingFact, key: PersonKey, index: Int32, _ file: LoadedFile) {
        imported.pupils.append(ImportData.Pupil(pkey: key, record: fact.record, vertrek: fact.vertrek, verzorgers: fact.verzorgers,
                                                extra: fact.extra, values: fact.values, verzorgerValues: fact.verzorgerValues))
        imported.couplings.append(.init(soort: .vestiging, subject: index, target: 0))
        if !fact.klas.isEmpty {
            imported.couplings.append(.init(soort: .stamgroep, subject: index, target: imported.group(fact.klas)))
        }
        for slot in 1...3 where fact.verzorgers & (1 << (slot - 1)) != 0 {
            imported.couplings.append(.init(soort: .verzorger, subject: index, target: Int32(slot)))
        }
        for n in 0..<Int(fact.mentorCount) {
            let m = n == 0 ? fact.mentors.0 : n == 1 ? fact.mentors.1 : fact.mentors.2
            let target = staffIndex(m, in: file) * 4 + Int32(m.role)
            imported.couplings.append(.init(soort: .mentor, subject: index, target: target))
        }
    }

    /// The index of medewerker `m` in the import (recorded by `medewerker` on first sight).
    func staffIndex(_ m: MedewerkerFact, in file: LoadedFile) -> Int32 {
        let key = m.key.key(record: Int(m.record), column: Int(m.column), in: file)
        guard let i = imported.medewerkerIndex.find(key) else { return 0 }
        return imported.medewerkerIndex.values[i]
    }

    /// The (group, docent) and (group, pupil) pairs seen: the same pair twice is read once.
    struct Pairs {
        var docent: Set<Int64> = []
        /// Pairs of a pupil the import does not hold (from the store, or unknown).
        var koppel: Set<Pair> = []
        /// Pairs of a pupil the import holds, without hashing: per pupil (by index) a list,
        /// through `nodes`, of the group ordinals seen with it (a pupil is in a handful). A
        /// pupil found in more than `listLimit` groups (a broken or hostile file: one pupil in
        /// every group of 20 MB of rows) has its pairs moved to `many`, so that no row costs
        /// more than a short walk, whatever the file.
        var firstNode: [Int32] = []
        var nodes: [(group: Int32, next: Int32)] = []
        var many: Set<Int64> = []
        static let listLimit = 16
        /// `firstNode` of a pupil whose pairs are in `many`.
        static let inMany: Int32 = -2

        /// Whether `pupil` (an import index) was seen with `group` before; notes it if not.
        mutating func repeated(pupil: Int32, group: Int32) -> Bool {
            let p = Int(pupil)
            guard p >= 0 else { return false }
            if p >= firstNode.count { firstNode += [Int32](repeating: -1, count: p + 1 - firstNode.count) }
            func key(_ g: Int32) -> Int64 { Int64(pupil) << 32 | Int64(UInt32(bitPattern: g)) }
            if firstNode[p] == Pairs.inMany { return !many.insert(key(group)).inserted }
            var n = firstNode[p], length = 0
            while n >= 0 {
                if nodes[Int(n)].group == group { return true }
                n = nodes[Int(n)].next
                length += 1
            }
            if length >= Pairs.listLimit {
                var m = firstNode[p]
                while m >= 0 {
                    many.insert(key(nodes[Int(m)].group))
                    m = nodes[Int(m)].next
                }
                many.insert(key(group))
                firstNode[p] = Pairs.inMany
                return false
            }
            nodes.append((group: group, next: firstNode[p]))
            firstNode[p] = Int32(truncatingIfNeeded: nodes.count - 1)
            return false
        }

        /// Each group code of the koppel file as a number, for `Pair`.
        var codes: [String: Int32] = [:]

        mutating func ordinal(_ code: String) -> Int32 {
            if let n = codes[code] { return n }
            let n = Int32(truncatingIfNeeded: codes.count)
            codes[code] = n
            return n
        }
    }

    struct Pair: Hashable {
        var pupil: PersonKey
        /// `Pairs.ordinal` of the group code: a number hashes faster than the text.
        var group: Int32
    }

    mutating func crossGroepen(_ facts: [GroepenFact], _ file: LoadedFile, _ newGroups: inout Set<String>,
                               _ pairs: inout Pairs, _ f: inout Findings) {
        for fact in facts {
            f.line = fact.line
            guard let code = fact.code else {
                if let d = fact.docent { medewerker(d, line: fact.line, file, &f) }
                continue
            }
            groupSeen(code, &newGroups, &f)
            let g = imported.group(code)
            if let d = fact.docent {
                medewerker(d, line: fact.line, file, &f)
                let staff = staffIndex(d, in: file)
                if pairs.docent.insert(Int64(g) << 32 | Int64(staff)).inserted {
                    imported.couplings.append(.init(soort: .docent, subject: g, target: staff))
                }
            }
        }
    }

    mutating func crossKoppel(_ facts: [KoppelFact], _ pairs: inout Pairs, _ newGroups: inout Set<String>, _ f: inout Findings) {
        let cols = Soort.koppel.columns
        // A koppel file lists a group's pupils together: the code is looked up once per run of
        // rows that repeat it, and the group found once a row of the run imported it.
        var lastCode: String?, lastOrdinal: Int32 = 0, lastGroup: Int32?
        for fact in facts {
            f.line = fact.line
            if fact.code != lastCode {
                lastCode = fact.code
                lastOrdinal = pairs.ordinal(fact.code)
                lastGroup = nil
            }
            // The same (group, pupil) twice is read once. The pupil: from the leerling file,
            // else from the store, else unknown (skipped).
            var pupil: Int32
            if !fact.written.isEmpty, let i = imported.pupilIndex.find(fact.key) {
                pupil = imported.pupilIndex.values[i]
                guard !pairs.repeated(pupil: pupil, group: lastOrdinal) else { continue }
            } else {
                guard pairs.koppel.insert(Pair(pupil: fact.key, group: lastOrdinal)).inserted else { continue }
                guard !fact.written.isEmpty else {
                    f.emit(.leerlingOnbekend, column: cols[2], value: "", MessagePart.leerling(""))
                    continue
                }
                guard let known = context.knownPupils[fact.key.text] else {
                    f.emit(.leerlingOnbekend, column: cols[2], value: fact.written, MessagePart.leerling(fact.written))
                    continue
                }
                pupil = Int32(imported.pupils.count)
                _ = imported.pupilIndex.insert(fact.key, pupil)
                imported.pupils.append(ImportData.Pupil(pkey: fact.key, record: -1, vertrek: known?.packed ?? 0, verzorgers: 0, extra: 0,
                                                        values: -1, verzorgerValues: SlotOffsets()))
                // Found in the import from now on: its pairs are noted there.
                _ = pairs.repeated(pupil: pupil, group: lastOrdinal)
            }
            if let d = Day(packed: imported.pupils[Int(pupil)].vertrek), d < context.today {
                f.emit(.leerlingVertrokken, column: cols[2], value: fact.written, fact.written, d.dutch)
                continue
            }
            let group: Int32
            if let g = lastGroup {
                // Seen and imported already: `groupSeen` would find it in the import.
                group = g
            } else {
                groupSeen(fact.code, &newGroups, &f)
                group = imported.group(fact.code)
                lastGroup = group
            }
            imported.couplings.append(.init(soort: .groep, subject: pupil, target: group))
        }
    }

    /// A group code neither the store nor an earlier file knows gives one Info, on its first line.
    func groupSeen(_ code: String, _ newGroups: inout Set<String>, _ f: inout Findings) {
        guard !context.knownGroups.contains(code), imported.groupIndex[code] == nil,
              newGroups.insert(code).inserted else { return }
        f.emit(.groepNieuw, column: f.soort.columns[0], value: code, code, Text.nfc(context.vestiging))
    }

    /// Records a medewerker and warns when the same number came with other data earlier.
    mutating func medewerker(_ m: MedewerkerFact, line: Int, _ file: LoadedFile, _ f: inout Findings) {
        let record = Int(m.record), column = Int(m.column)
        let key = m.key.key(record: record, column: column, in: file)
        let soort = file.soort   // not `file.soort` in the autoclosure: that would copy `file` per call
        let (index, inserted) = medewerkers.insert(key, (m.signature, line, soort, record, column))
        guard !inserted else {
            // The first mention is the one imported.
            let staff = file.withRecord(record) { s in
                Medewerker(key: key.text, nummer: s.string(column), roepnaam: s.string(column + 1), tussenvoegsel: s.string(column + 2),
                           achternaam: s.string(column + 3), email: ImportData.email(s, column + 4))
            }
            imported.medewerkers[staff.key] = staff
            _ = imported.medewerkerIndex.insert(key, Int32(imported.medewerkerOrder.count))
            imported.medewerkerOrder.append(staff.key)
            return
        }
        let first = medewerkers.values[index]
        guard first.signature != m.signature else { return }
        func values(_ record: Int, _ column: Int, in file: LoadedFile) -> String {
            file.withRecord(record) { s in
                ((column + 1)..<(column + 5)).map { s.string($0) }.filter { !$0.isEmpty }.joined(separator: " ")
            }
        }
        let now = values(record, column, in: file)
        let before = imported.files[first.soort].map { values(first.record, first.column, in: $0) } ?? ""
        let place = MessagePart.regel(first.line, of: first.soort == file.soort ? nil : first.soort)
        f.emit(.medewerkerTegenstrijdig, column: file.soort.columns[column], value: key.text,
               key.text, LineRules.roles[Int(m.role)], now, place, before)
    }
}

/// What `Checker.linePasses` found, for `Checker.crossPasses`: per file, in check order, the
/// facts of its lines.
public struct LinePasses {
    var files: [(LoadedFile, [FileFacts])] = []
    var records: [Soort: Int] = [:]
    /// The leerling file's records, packed; the facts' offsets point into these.
    var values: [UInt8] = []
}

/// Hands a pointer to `concurrentPerform`, whose iterations touch disjoint parts of it.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
