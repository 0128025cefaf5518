import Testing
import ZienFixtures
@testable import ZienCore

/// Records kept packed (`PackedRecord`, `RecordChanges`): what the check packs is exactly what
/// the record packs, and a change set's records read back as they went in, in order.
@Suite struct PackedTests {
    static let leerlingen = [
        Leerling(key: "1001", stamnr: "001001", roepnaam: "Zoë", tussenvoegsel: "d’", achternaam: "Hondt \"Jr\"",
                 geboortedatum: Day(unchecked: 2012, 2, 29), geslacht: .vrouw, email: "zoe@example.nl", vertrekdatum: nil),
        Leerling(key: "x", stamnr: "x", roepnaam: "", tussenvoegsel: "", achternaam: String(repeating: "é", count: 300),
                 geboortedatum: nil, geslacht: .onbekend, email: nil, vertrekdatum: Day(unchecked: 2027, 7, 31)),
        Leerling(key: "7", stamnr: "7", roepnaam: "Jan", tussenvoegsel: "", achternaam: "Man", geboortedatum: nil, geslacht: .man,
                 email: "", vertrekdatum: nil),
    ]
    static let verzorgers = [
        Verzorger(leerling: "1001", slot: 1, voorletters: "A.", tussenvoegsel: "", achternaam: "Hondt", geslacht: .man,
                  email: "a@example.nl", post: true),
        Verzorger(leerling: "1001", slot: 3, voorletters: "", tussenvoegsel: "van", achternaam: "", geslacht: .onbekend,
                  email: nil, post: false),
    ]

    @Test func recordsReadBackAsPacked() {
        var bytes: [UInt8] = []
        var at: [Int] = []
        for l in PackedTests.leerlingen {
            at.append(bytes.count)
            l.pack(into: &bytes)
        }
        for v in PackedTests.verzorgers {
            at.append(bytes.count)
            v.pack(into: &bytes)
        }
        let n = PackedTests.leerlingen.count
        #expect(at.prefix(n).map { Leerling.unpack(bytes, at: $0) } == PackedTests.leerlingen)
        #expect(at.dropFirst(n).map { Verzorger.unpack(bytes, at: $0) } == PackedTests.verzorgers)
        // `email: ""` and `email: nil` are different records, in different bytes.
        var a: [UInt8] = [], b: [UInt8] = []
        PackedTests.leerlingen[2].pack(into: &a)
        var none = PackedTests.leerlingen[2]
        none.email = nil
        none.pack(into: &b)
        #expect(a != b)
    }

    @Test func packedEqualsComparesBytes() {
        var bytes: [UInt8] = [9, 9]
        PackedTests.leerlingen[0].pack(into: &bytes)
        bytes.withUnsafeBufferPointer { p in
            #expect(PackedTests.leerlingen[0].packedEquals(p, at: 2))
            #expect(!PackedTests.leerlingen[1].packedEquals(p, at: 2))
            #expect(!PackedTests.leerlingen[0].packedEquals(p, at: 1))
            // Past the end: not equal, no read beyond the buffer.
            #expect(!PackedTests.leerlingen[0].packedEquals(p, at: 3))
            #expect(!PackedTests.leerlingen[0].packedEquals(p, at: p.count + 5))
        }
        // Every record against every other's bytes: equal exactly where the bytes are.
        let all: [(any PackedRecord)] = PackedTests.leerlingen + PackedTests.verzorgers
        var none = PackedTests.leerlingen[2]
        none.email = nil
        var other = PackedTests.verzorgers[0]
        other.post = false
        for a in all + [none, other] {
            var bytes: [UInt8] = []
            a.pack(into: &bytes)
            for b in all + [none, other] {
                var mine: [UInt8] = []
                b.pack(into: &mine)
                bytes.withUnsafeBufferPointer { p in #expect(b.packedEquals(p, at: 0) == (mine == bytes)) }
            }
        }
    }

    /// Cut bytes and garbage never read as a record past the buffer, and never trap.
    @Test func truncatedOrGarbledBytesAreNoRecord() {
        var bytes: [UInt8] = []
        PackedTests.leerlingen[0].pack(into: &bytes)
        for cut in 0..<bytes.count {
            #expect(Leerling.unpack(Array(bytes.prefix(cut)), at: 0) == nil)
        }
        #expect(Leerling.unpack(bytes, at: -1) == nil)
        #expect(Leerling.unpack([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], at: 0) == nil)
        var v: [UInt8] = []
        PackedTests.verzorgers[0].pack(into: &v)
        v[5] = 7   // slot 7: no verzorger
        #expect(Verzorger.unpack(v, at: 0) == nil)
    }

    /// A board's first import applies its packed records a part at a time, made on all cores:
    /// every record lands, the created keys in change order, and a conflict in a later part
    /// is still found (and named).
    @Test func packedRecordsAreAppliedAcrossParts() throws {
        func pupil(_ n: Int) -> Leerling {
            Leerling(key: String(n), stamnr: String(n), roepnaam: "Kind \(n)", tussenvoegsel: "", achternaam: "Achternaam",
                     geboortedatum: Day(unchecked: 2012, 3, 4), geslacht: .vrouw, email: nil, vertrekdatum: nil)
        }
        var cs = ChangeSet()
        for n in 0..<70_000 { cs.leerlingen.appendCreated(pupil(n)) }
        var records = StoreRecords()
        let undo = try records.apply(cs)
        #expect(records.leerlingen.count == 70_000)
        #expect(records.leerlingen["69999"] == pupil(69_999))
        #expect(undo.createdLeerlingen == (0..<70_000).map(String.init))
        // A pupil of the third part already in the store: refused, by its key.
        var again = StoreRecords()
        again.leerlingen["66000"] = pupil(66_000)
        #expect(throws: ChangeConflict("leerling 66000 staat al in de opslag")) { _ = try again.apply(cs) }
    }

    /// Each kind of change is checked against the record the store holds, and a change that
    /// does not fit is refused with what is wrong (the caller then lets go of the records).
    @Test func everyKindOfRecordChangeIsCheckedFirstHand() throws {
        func teacher(_ key: String, _ name: String) -> Medewerker {
            Medewerker(key: key, nummer: key, roepnaam: name, tussenvoegsel: "", achternaam: "Docent", email: nil)
        }
        var store = StoreRecords()
        store.medewerkers = ["m1": teacher("m1", "Anna"), "m2": teacher("m2", "Bram")]
        var cs = ChangeSet()
        cs.medewerkers = [RecordChange(before: teacher("m1", "Anna"), after: teacher("m1", "Anne")),
                          RecordChange(before: teacher("m2", "Bram"), after: nil),
                          RecordChange(before: nil, after: teacher("m3", "Cees"))]
        var fits = store
        let undo = try fits.apply(cs)
        #expect(fits.medewerkers == ["m1": teacher("m1", "Anne"), "m3": teacher("m3", "Cees")])
        #expect(undo.createdMedewerkers == ["m3"] && undo.formerMedewerkers == [teacher("m1", "Anna"), teacher("m2", "Bram")])

        // The store as the change set does not expect it, one record at a time.
        let misfits: [(key: String, held: Medewerker?, refusal: String)] = [
            ("m1", teacher("m1", "Ans"), "medewerker m1 is in de opslag gewijzigd"),        // changed since
            ("m1", nil, "medewerker m1 staat niet (meer) in de opslag"),                    // a change of one gone
            ("m2", teacher("m2", "Bas"), "medewerker m2 is in de opslag gewijzigd"),        // a removal of one changed
            ("m2", nil, "medewerker m2 staat niet (meer) in de opslag"),                    // a removal of one gone
            ("m3", teacher("m3", "Cees"), "medewerker m3 staat al in de opslag"),           // a creation of one there
        ]
        for m in misfits {
            var held = store
            held.medewerkers[m.key] = m.held
            #expect(throws: ChangeConflict(m.refusal)) { _ = try held.apply(cs) }
        }
    }

    /// Compares bytes, not Unicode forms.
    @Test func sameBytesIsByteEquality() {
        #expect(Text.sameBytes("Leeuwenbrug", "Leeuwenbrug"))
        #expect(Text.sameBytes("", ""))
        #expect(!Text.sameBytes("Cr\u{E9}a", "Cre\u{301}a"))
        #expect("Cr\u{E9}a" == "Cre\u{301}a")
        #expect(!Text.sameBytes("a", "ab"))
        #expect(Text.sameBytes(String(repeating: "é", count: 40), String(repeating: "é", count: 40)))
    }

    @Test func recordChangesKeepTheirOrderAcrossBothKinds() {
        let l = PackedTests.leerlingen
        let changed = RecordChange(before: l[1], after: l[2])
        var c = RecordChanges<Leerling>()
        c.appendCreated(l[0])
        c.append(changed)
        c.appendCreated(l[1])
        c.append(RecordChange(before: l[2], after: nil))
        #expect(Array(c) == [RecordChange(before: nil, after: l[0]), changed, RecordChange(before: nil, after: l[1]),
                             RecordChange(before: l[2], after: nil)])
        #expect(c.filter { $0.before == nil }.count == 2)
        // The same changes kept as records only: equal.
        #expect(c == RecordChanges(Array(c)))
        // Listed first, then packed.
        var d = RecordChanges<Leerling>()
        d.append(changed)
        d.appendCreated(l[0])
        #expect(Array(d) == [changed, RecordChange(before: nil, after: l[0])])
        #expect(d != c)
        // Sharing a buffer: the records at the offsets given.
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for r in l.reversed() {
            starts.append(bytes.count)
            r.pack(into: &bytes)
        }
        let shared = RecordChanges<Leerling>(created: bytes, starts: starts)
        #expect(shared.map(\.after) == l.reversed().map { $0 })
        #expect(shared.allSatisfy { $0.before == nil })
    }
}

/// What the check packs for a line is the record the store takes, cleaned as the diagnostics
/// promise — written out by hand here, not by packing and unpacking the same way.
@Suite struct PackedLineTests {
    typealias L = Columns.L

    static func read(_ rows: [[String]]) -> ImportData {
        ImportData.read([PlannerTests.leerlingFile(rows)], context: PlannerTests.context(PlannerTests.empty))
    }

    @Test func defectsAreCleanedAsTheDiagnosticsPromise() {
        var r = PlannerTests.row("001234", verzorgerMail: "geen-adres")
        r[L.roepnaam] = "Zoë"; r[L.tussenvoegsel] = "d’"; r[L.email] = "ook geen adres"
        r[L.geslacht] = "x"; r[L.geboortedatum] = "31-02-2012"; r[L.vertrekdatum] = "15-07-2027"
        let v = L.verzorger(1)
        r[v + 3] = "q"; r[v + 5] = "misschien"
        // Slot 2 partly filled: only an achternaam.
        r[L.verzorger(2) + 2] = "Hondt"
        let data = PackedLineTests.read([r])
        #expect(data.leerling(0) == Leerling(key: "1234", stamnr: "001234", roepnaam: "Zoë", tussenvoegsel: "d’", achternaam: "Jansen",
                                             geboortedatum: nil, geslacht: .onbekend, email: nil,
                                             vertrekdatum: Day(unchecked: 2027, 7, 15)))
        #expect(data.verzorger(0, slot: 1) == Verzorger(leerling: "1234", slot: 1, voorletters: "A.", tussenvoegsel: "", achternaam: "Jansen",
                                                        geslacht: .onbekend, email: nil, post: false))
        #expect(data.verzorger(0, slot: 2) == Verzorger(leerling: "1234", slot: 2, voorletters: "", tussenvoegsel: "", achternaam: "Hondt",
                                                        geslacht: .onbekend, email: nil, post: false))
        #expect(data.verzorger(0, slot: 3) == nil)
    }

    @Test func validValuesArePackedAsWritten() {
        var r = PlannerTests.row("A12", verzorgerMail: "ouder@example.nl")
        r[L.email] = "kind@example.nl"; r[L.geslacht] = "Man"
        let data = PackedLineTests.read([r, PlannerTests.row("1002")])
        #expect(data.leerling(0) == Leerling(key: "A12", stamnr: "A12", roepnaam: "KindA12", tussenvoegsel: "", achternaam: "Jansen",
                                             geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .man, email: "kind@example.nl",
                                             vertrekdatum: nil))
        #expect(data.verzorger(0, slot: 1) == Verzorger(leerling: "A12", slot: 1, voorletters: "A.", tussenvoegsel: "", achternaam: "Jansen",
                                                        geslacht: .vrouw, email: "ouder@example.nl", post: true))
        #expect(data.leerling(1)?.key == "1002")
        #expect(data.verzorger(1, slot: 1) == nil)
    }
}

/// `check` is its two halves: the lines on their own (no store needed), then what crosses lines
/// with the store's pupils and groups, given only then.
@Suite struct CheckHalvesTests {
    /// The planner's record part made from the import as the leerling file left it (what
    /// `check` does while the groepen and koppel lines are crossed) is the one `plan` makes in
    /// one go: the same change set, against a store that has some of the pupils and not others.
    @Test func theRecordPartFromTheLeerlingFileIsThePlansOwn() {
        func files(_ seed: UInt64, _ pupils: Int) -> [LoadedFile] {
            let g = SchoolGenerator(pupils: pupils, seed: seed, otherVestigingShare: 0.1)
            return Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
        }
        let (_, prior) = PlannerTests.commit(files(21, 260), into: PlannerTests.empty)
        let context = PlannerTests.context(prior)
        var c = Checker(context: context)
        guard let passes = c.linePasses(files(22, 300)) else {
            Issue.record("cancelled")
            return
        }
        var early: Planner.RecordPlan?
        var calls = 0
        _ = c.crossPasses(passes, knownPupils: context.knownPupils, knownGroups: context.knownGroups, afterLeerling: {
            calls += 1
            early = Planner.records($0, store: prior)
        })
        #expect(calls == 1)
        let split = Planner.plan(c.imported, store: prior, context: c.context, records: early)
        let whole = Planner.plan(c.imported, store: prior, context: c.context)
        #expect(split == whole)
        #expect(whole.leerlingen.contains { $0.before == nil } && whole.leerlingen.contains { $0.before != nil })
    }

    @Test func theHalvesGiveWhatCheckGives() {
        let g = SchoolGenerator(pupils: 120, seed: 4, otherVestigingShare: 0.1)
        let files = Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
        let (_, store) = PlannerTests.commit([files[0]], into: PlannerTests.empty)
        // Against the store: the koppel file alone names pupils only the store knows.
        let context = PlannerTests.context(store)
        var whole = Checker(context: context)
        let expected = whole.check([files[2], files[1]])
        var halves = Checker(context: CheckContext(vestigingen: context.vestigingen, vestiging: context.vestiging,
                                                   schooljaar: context.schooljaar, today: context.today))
        guard let passes = halves.linePasses([files[2], files[1]]) else {
            Issue.record("cancelled")
            return
        }
        let report = halves.crossPasses(passes, knownPupils: context.knownPupils, knownGroups: context.knownGroups)
        #expect(report.diagnostics.map(\.code) == expected?.diagnostics.map(\.code))
        #expect(report.diagnostics.map(\.line) == expected?.diagnostics.map(\.line))
        #expect(!report.diagnostics.contains { $0.code == .leerlingOnbekend })
        #expect(halves.imported.couplings.count == whole.imported.couplings.count)
        #expect(halves.imported.couplings.count > 100)
        // Without the store's pupils, the koppel file's pupils are unknown.
        var blind = Checker(context: CheckContext(vestigingen: context.vestigingen, vestiging: context.vestiging,
                                                  schooljaar: context.schooljaar, today: context.today))
        guard let again = blind.linePasses([files[2]]) else {
            Issue.record("cancelled")
            return
        }
        #expect(blind.crossPasses(again).diagnostics.contains { $0.code == .leerlingOnbekend })
    }
}
