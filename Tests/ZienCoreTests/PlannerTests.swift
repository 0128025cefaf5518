import Testing
import ZienFixtures
@testable import ZienCore

/// The planner on small hand-made stores and files (SPEC.md §4).
@Suite struct PlannerTests {
    typealias L = Columns.L
    static let s = Schooljaar(startYear: 2026)
    static let today = Day(unchecked: 2026, 11, 29)

    /// A leerling row with the fields that matter here; the rest empty.
    static func row(_ stamnr: String, klas: String = "1A", vestiging: String = "Leeuwenbrug", mentor: String? = "4100",
                    mentorNaam: String = "Jan", verzorgerMail: String? = nil, vertrek: String = "", ilt: String = "372") -> [String] {
        var r = [String](repeating: "", count: 45)
        r[L.stamnr] = stamnr; r[L.roepnaam] = "Kind\(stamnr)"; r[L.achternaam] = "Jansen"
        r[L.geboortedatum] = "01-02-2013"; r[L.geslacht] = "v"; r[L.vertrekdatum] = vertrek
        r[L.vestiging] = vestiging; r[L.ilt] = ilt; r[L.leerjaar] = "1"; r[L.klas] = klas
        if let verzorgerMail {
            let c = L.verzorger(1)
            r[c] = "A."; r[c + 2] = "Jansen"; r[c + 3] = "v"; r[c + 4] = verzorgerMail; r[c + 5] = "ja"
        }
        if let mentor {
            let c = L.mentor(0)
            r[c] = mentor; r[c + 1] = mentorNaam; r[c + 3] = "Bakker"; r[c + 4] = "j.bakker@school.nl"
        }
        return r
    }

    static func leerlingFile(_ rows: [[String]]) -> LoadedFile {
        let g = SchoolGenerator()
        return LoadedFile(path: "leerling.csv", raw: g.render(.leerling, rows), charset: .auto, soort: .leerling)
    }

    static func file(_ text: String, _ soort: Soort) -> LoadedFile {
        LoadedFile(path: "\(soort).csv", raw: Array(text.utf8), charset: .auto, soort: soort)
    }

    static func context(_ store: StoreRecords, today: Day = today) -> CheckContext {
        var known: [String: Day?] = [:]
        for (k, l) in store.leerlingen { known[k] = l.vertrekdatum }
        return CheckContext(vestigingen: ["Leeuwenbrug", "Het Baken"], vestiging: "Leeuwenbrug", schooljaar: s, today: today,
                            knownPupils: known, knownGroups: Set(store.groepen.map(\.code)))
    }

    static let empty = StoreRecords(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])

    /// Plans `files` against `store`; returns the change set and the store after a commit.
    static func commit(_ files: [LoadedFile], into store: StoreRecords, today: Day = today) -> (ChangeSet, StoreRecords) {
        let ctx = context(store, today: today)
        let cs = Planner.plan(ImportData.read(files, context: ctx), store: store, context: ctx)
        return (cs, applied(cs, to: store))
    }

    /// `store` after `cs`, through the one apply path; a conflict fails the test.
    static func applied(_ cs: ChangeSet, to store: StoreRecords) -> StoreRecords {
        var after = store
        do { _ = try after.apply(cs) } catch { Issue.record("apply: \(error.message)") }
        return after
    }

    /// The change set's lines of `kind`, names looked up in `store` (the store it was planned against).
    static func lines(_ cs: ChangeSet, _ kind: ChangeKind, _ store: StoreRecords) -> [String] {
        let names = cs.names(store)
        return cs.changes.filter { $0.kind == kind }.map { "\($0.type.mark) \(cs.subject($0, names))" + ($0.fields.isEmpty ? "" : ": " + $0.fields.map { "\($0.field) \($0.before)→\($0.after)" }.joined(separator: ", ")) }
    }

    @Test func firstImportCreatesEverythingAndASecondChangesNothing() {
        let f = PlannerTests.leerlingFile([PlannerTests.row("1001", verzorgerMail: "a@x.nl"), PlannerTests.row("1002", klas: "1B")])
        let (cs, after) = PlannerTests.commit([f], into: PlannerTests.empty)
        let c = cs.counts
        #expect(c[.leerlingen]?.nieuw == 2)
        #expect(c[.medewerkers]?.nieuw == 1)
        #expect(c[.verzorgers]?.nieuw == 1)
        #expect(c[.groepen]?.nieuw == 2)
        // 2 × (vestiging, stamgroep, mentor) + 1 verzorger
        #expect(c[.koppelingen]?.nieuw == 7)
        #expect(after.koppelingen.allSatisfy { $0.start == PlannerTests.today && $0.einde == nil })
        let (again, _) = PlannerTests.commit([f], into: after)
        #expect(again.isEmpty)
    }

    /// The planner looks a stored coupling's group or medewerker up through a small cache by a
    /// hash of its text: with more groups and mentors than the cache has places, each stored
    /// coupling still finds its own (the same files change nothing), and a class swap between
    /// pupils is found for every pupil.
    @Test func manyGroupsAndMentorsEachFindTheirOwn() {
        let n = 3_000
        let rows = (0..<n).map { PlannerTests.row(String(10_000 + $0), klas: "K\($0)", mentor: String(50_000 + $0)) }
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile(rows)], into: PlannerTests.empty)
        #expect(before.groepen.count == n && before.medewerkers.count == n)
        #expect(PlannerTests.commit([PlannerTests.leerlingFile(rows)], into: before).0.changes.count == 0)
        let swapped = (0..<n).map { PlannerTests.row(String(10_000 + $0), klas: "K\(($0 + 1) % n)", mentor: String(50_000 + $0)) }
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile(swapped)], into: before)
        let moves = PlannerTests.lines(cs, .koppelingen, before)
        #expect(moves.count == 2 * n)
        #expect(moves.contains("+ leerling 10000 Kind10000 Jansen – stamgroep K1"))
        #expect(moves.contains("- leerling 10000 Kind10000 Jansen – stamgroep K0: einde →29-11-2026"))
        #expect(moves.allSatisfy { $0.contains("stamgroep") })
    }

    @Test func newCouplingsStartOnFirstAugustBeforeTheYearStarts() {
        let f = PlannerTests.leerlingFile([PlannerTests.row("1001")])
        let (_, after) = PlannerTests.commit([f], into: PlannerTests.empty, today: Day(unchecked: 2026, 6, 15))
        #expect(after.koppelingen.allSatisfy { $0.start == Day(unchecked: 2026, 8, 1) })
    }

    @Test func pupilChangesClass() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", klas: "1A")])], into: PlannerTests.empty)
        let (cs, after) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", klas: "1B")])], into: before,
                                              today: Day(unchecked: 2026, 12, 10))
        #expect(PlannerTests.lines(cs, .koppelingen, before) == [
            "+ leerling 1001 Kind1001 Jansen – stamgroep 1B",
            "- leerling 1001 Kind1001 Jansen – stamgroep 1A: einde →10-12-2026",
        ])
        #expect(PlannerTests.lines(cs, .groepen, before) == ["+ groep 1B (Leeuwenbrug, 2026-2027)"])
        let old = after.koppelingen.first { $0.soort == .stamgroep && $0.doel == "1A" }
        #expect(old?.einde == Day(unchecked: 2026, 12, 10))
        #expect(old?.start == PlannerTests.today)
        // The old coupling stays as history; the active set is exactly the file's.
        #expect(after.koppelingen.count == 4)
        #expect(PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", klas: "1B")])], into: after,
                                    today: Day(unchecked: 2026, 12, 11)).0.isEmpty)
    }

    /// The planner compares a line with the stored record before making the record: every field
    /// that changes is still found, and a line that differs only in how it writes a character
    /// (é composed or as e + accent) changes nothing.
    @Test(arguments: [
        (L.roepnaam, "Kindje", "roepnaam"), (L.tussenvoegsel, "de", "tussenvoegsel"), (L.achternaam, "Janssen", "achternaam"),
        (L.geboortedatum, "02-02-2013", "geboortedatum"), (L.geslacht, "m", "geslacht"), (L.email, "kind@school.nl", "e-mail"),
        (L.vertrekdatum, "31-07-2027", "vertrekdatum"), (L.stamnr, "010001", "stamnr"),
    ])
    func everyChangedPupilFieldIsFound(column: Int, value: String, field: String) {
        var base = PlannerTests.row("10001", verzorgerMail: "ouder@example.nl")
        base[L.roepnaam] = "Renée"
        let (_, store) = PlannerTests.commit([PlannerTests.leerlingFile([base])], into: PlannerTests.empty)
        var changed = base
        changed[column] = value
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile([changed])], into: store)
        #expect(cs.changes.filter { $0.kind == .leerlingen }.map { $0.fields.map(\.field) } == [[field]])
        #expect(cs.leerlingen.map(\.before) == [store.leerlingen["10001"]])

        var decomposed = base
        decomposed[L.roepnaam] = "Rene\u{301}e"
        #expect(Array(decomposed[L.roepnaam].utf8) != Array(base[L.roepnaam].utf8))
        let (same, _) = PlannerTests.commit([PlannerTests.leerlingFile([decomposed])], into: store)
        #expect(same.isEmpty)
    }

    @Test(arguments: [(0, "B.", "voorletters"), (1, "van", "tussenvoegsel"), (2, "Jansen-Bakker", "achternaam"),
                      (3, "m", "geslacht"), (4, "nieuw@example.nl", "e-mail"), (5, "nee", "post")])
    func everyChangedVerzorgerFieldIsFound(offset: Int, value: String, field: String) {
        let base = PlannerTests.row("10001", verzorgerMail: "ouder@example.nl")
        let (_, store) = PlannerTests.commit([PlannerTests.leerlingFile([base])], into: PlannerTests.empty)
        var changed = base
        changed[L.verzorger(1) + offset] = value
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile([changed])], into: store)
        #expect(cs.changes.filter { $0.kind == .verzorgers }.map { $0.fields.map(\.field) } == [[field]])
        #expect(cs.verzorgers.map(\.before) == [store.verzorgers["10001/1"]])
    }

    @Test func mentorLeaves() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001"), PlannerTests.row("1002")])], into: PlannerTests.empty)
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", mentor: nil), PlannerTests.row("1002", mentor: nil)])], into: before)
        #expect(PlannerTests.lines(cs, .koppelingen, before) == [
            "- leerling 1001 Kind1001 Jansen – klasmentor 1 4100 Jan Bakker: einde →29-11-2026",
            "- leerling 1002 Kind1002 Jansen – klasmentor 1 4100 Jan Bakker: einde →29-11-2026",
        ])
        // The medewerker stays a person in the store.
        #expect(cs.counts[.medewerkers]?.total == 0)
    }

    @Test func mentorChangesName() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001")])], into: PlannerTests.empty)
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", mentorNaam: "Johan")])], into: before)
        #expect(PlannerTests.lines(cs, .medewerkers, before) == ["~ medewerker 4100 Johan Bakker: roepnaam Jan→Johan"])
        #expect(cs.counts[.koppelingen]?.total == 0)
    }

    @Test func pupilLeavesMidYear() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001"), PlannerTests.row("1002")])], into: PlannerTests.empty)
        // 1001 left on 15 December (passed on 6 January); 1002 will leave on 1 March.
        let later = Day(unchecked: 2027, 1, 6)
        let (cs, after) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", vertrek: "15-12-2026"), PlannerTests.row("1002", vertrek: "01-03-2027")])],
                                              into: before, today: later)
        let ended = after.koppelingen.filter { $0.onderwerp == "1001" }
        #expect(ended.count == 3)
        #expect(ended.allSatisfy { $0.einde == Day(unchecked: 2026, 12, 15) })
        let future = after.koppelingen.filter { $0.onderwerp == "1002" }
        #expect(future.allSatisfy { $0.einde == Day(unchecked: 2027, 3, 1) && $0.isActive(on: later) })
        #expect(cs.counts[.koppelingen] == { var c = ChangeCounts(); c.gewijzigd = 3; c.beeindigd = 3; return c }())
        #expect(PlannerTests.lines(cs, .leerlingen, before).count == 2)
        #expect(PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", vertrek: "15-12-2026"), PlannerTests.row("1002", vertrek: "01-03-2027")])],
                                    into: after, today: later).0.isEmpty)
    }

    /// A klas the store holds written another way (é as e + accent; a Kelvin sign for K) is the
    /// same klas: Swift compares text by canonical equivalence, and the couplings' keys must
    /// hash alike too.
    @Test(arguments: [("Cr\u{E9}a", "Cre\u{301}a"), ("1K", "1\u{212A}")])
    func aKlasStoredAnotherWayIsTheSameKlas(file: String, stored: String) {
        #expect(Array(file.utf8) != Array(stored.utf8) && file == stored)
        let rows = [PlannerTests.row("1001", klas: file)]
        var (_, before) = PlannerTests.commit([PlannerTests.leerlingFile(rows)], into: PlannerTests.empty)
        for i in before.koppelingen.indices where before.koppelingen[i].soort == .stamgroep { before.koppelingen[i].doel = stored }
        #expect(before.koppelingen.contains { Array($0.doel.utf8) == Array(stored.utf8) })
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile(rows)], into: before)
        #expect(cs.counts[.koppelingen]?.total == 0, "\(PlannerTests.lines(cs, .koppelingen, before))")
    }

    @Test func pupilMovesVestiging() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001"), PlannerTests.row("1002")])], into: PlannerTests.empty)
        let (cs, after) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001"), PlannerTests.row("1002", vestiging: "Het Baken")])], into: before)
        #expect(cs.counts[.koppelingen]?.beeindigd == 3)
        #expect(cs.changes.filter { $0.type == .beeindigd }.allSatisfy { $0.leerling == "1002" })
        #expect(after.leerlingen["1002"] != nil)
        #expect(cs.counts[.leerlingen]?.total == 0)
    }

    @Test func verzorgerChangesEmail() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", verzorgerMail: "oud@x.nl")])], into: PlannerTests.empty)
        let (cs, after) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", verzorgerMail: "nieuw@x.nl")])], into: before)
        #expect(PlannerTests.lines(cs, .verzorgers, before) == ["~ verzorger 1 van leerling 1001: A. Jansen: e-mail oud@x.nl→nieuw@x.nl"])
        #expect(cs.counts[.koppelingen]?.total == 0)
        #expect(after.verzorgers["1001/1"]?.email == "nieuw@x.nl")
    }

    @Test func iltChangeIsAChangedCoupling() {
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", ilt: "372")])], into: PlannerTests.empty)
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile([PlannerTests.row("1001", ilt: "2531")])], into: before)
        #expect(PlannerTests.lines(cs, .koppelingen, before) == ["~ leerling 1001 Kind1001 Jansen – vestiging Leeuwenbrug: ILT-code/leerjaar 372/1→2531/1"])
    }

    @Test func koppelCreatesGroupsAndSkipsUnknownPupils() {
        let leerling = PlannerTests.leerlingFile([PlannerTests.row("1001")])
        let groepen = PlannerTests.file("groep code;docent nummer;docent voornaam;docent tussenvoegsel;docent achternaam;docent email;vestiging naam\n1A-ne;4200;Els;;Ros;els@x.nl;Leeuwenbrug\n", .groepen)
        let koppel = PlannerTests.file("1A-ne;Leeuwenbrug;1001\n9Z;Leeuwenbrug;001001\n1A-ne;Leeuwenbrug;5555\n1A-ne;Het Baken;1001\n", .koppel)
        let (cs, after) = PlannerTests.commit([koppel, groepen, leerling], into: PlannerTests.empty)
        #expect(Set(after.groepen.map(\.code)) == ["1A", "1A-ne", "9Z"])
        #expect(PlannerTests.lines(cs, .koppelingen, PlannerTests.empty).filter { $0.contains("groep 1A-ne") || $0.contains("groep 9Z") || $0.contains("docent") } == [
            "+ groep 1A-ne – docent 4200 Els Ros",
            "+ leerling 1001 Kind1001 Jansen – groep 1A-ne",
            "+ leerling 1001 Kind1001 Jansen – groep 9Z",
        ])
        // Only the koppel file owns pupil–group couplings: loading just leerling later ends none of them.
        let (leerlingOnly, _) = PlannerTests.commit([leerling], into: after)
        #expect(leerlingOnly.isEmpty)
        // A koppel file alone sees the pupil in the store.
        let (koppelOnly, _) = PlannerTests.commit([PlannerTests.file("1A-ne;Leeuwenbrug;1001\n", .koppel)], into: after)
        #expect(PlannerTests.lines(koppelOnly, .koppelingen, after) == ["- leerling 1001 Kind1001 Jansen – groep 9Z: einde →29-11-2026"])
    }

    @Test func manyEndedCouplingsAreFlagged() {
        let rows = (0..<8).map { PlannerTests.row(String(1000 + $0)) }
        let (_, before) = PlannerTests.commit([PlannerTests.leerlingFile(rows)], into: PlannerTests.empty)
        let (cs, _) = PlannerTests.commit([PlannerTests.leerlingFile(Array(rows.prefix(5)))], into: before)
        #expect(cs.activeBefore == 24)
        #expect(cs.ending == 9)
        #expect(cs.endsMany)
        let (few, _) = PlannerTests.commit([PlannerTests.leerlingFile(Array(rows.prefix(7)))], into: before)
        #expect(!few.endsMany)
    }

    /// After committing files F — whatever the store held before — the active couplings of
    /// (S, V) are exactly those F describes, and committing F again changes nothing.
    /// Seed 600 makes schools of over 2,000 pupils here, on a store of over 20,000 couplings:
    /// the planner then compares records and matches the stored couplings in slices on all
    /// cores.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 600] as [UInt64])
    func committedFilesAreTheWholeTruth(seed: UInt64) {
        func school(_ seed: UInt64, pupils: Int) -> [LoadedFile] {
            let g = SchoolGenerator(pupils: pupils, seed: seed, otherVestigingShare: 0.2)
            var k = g
            k.format.header = .none
            return [LoadedFile(path: "l", raw: g.file(.leerling), charset: .auto, soort: .leerling),
                    LoadedFile(path: "g", raw: g.file(.groepen), charset: .auto, soort: .groepen),
                    LoadedFile(path: "k", raw: k.file(.koppel), charset: .auto, soort: .koppel)]
        }
        let (_, prior) = PlannerTests.commit(school(seed + 100, pupils: 30 + Int(seed) * 7), into: PlannerTests.empty)
        let files = school(seed, pupils: 25 + Int(seed) * 5)
        let (cs, after) = PlannerTests.commit(files, into: prior, today: Day(unchecked: 2026, 12, 1))
        // Found in file order, as one pass finds them, however many slices.
        let data = ImportData.read(files, context: PlannerTests.context(prior))
        let fileOrder = data.pupils.map(\.key)
        func ordered(_ keys: [String]) -> Bool {
            let at = Dictionary(fileOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let places = keys.compactMap { at[$0] }
            return places.count == keys.count && places == places.sorted()
        }
        #expect(ordered(cs.leerlingen.compactMap { ($0.after ?? $0.before)?.key }))
        #expect(ordered(cs.verzorgers.compactMap { ($0.after ?? $0.before)?.leerling }))
        #expect(ordered(cs.newKoppelingen.filter { $0.soort == .vestiging }.map(\.onderwerp)))
        #expect(cs.leerlingen.contains { $0.before == nil } && cs.leerlingen.contains { $0.before != nil })
        if seed == 600 { #expect(data.pupils.count > 2_000 && prior.koppelingen.count > 20_000) }
        let wanted = ImportData.read(files, context: PlannerTests.context(after, today: Day(unchecked: 2026, 12, 1)))
        let active = after.active(PlannerTests.s, "Leeuwenbrug", on: Day(unchecked: 2026, 12, 1))
        let day = Day(unchecked: 2026, 12, 1)
        #expect(active == Set(wanted.wantedCouplings(PlannerTests.s, "Leeuwenbrug").filter { $0.1.map { $0 >= day } ?? true }.map(\.0)))
        #expect(PlannerTests.commit(files, into: after, today: Day(unchecked: 2026, 12, 1)).0.isEmpty)
    }
}

/// The planner's cheap path: a line that holds what the store holds is recognised by its
/// packed bytes, without making its record (a weekly check makes records only for the lines
/// that changed).
@Suite struct UnchangedLineTests {
    @Test(arguments: [Charset.utf8, .windows1252, .utf16le])
    func everyUnchangedLineMatchesItsRecord(charset: Charset) {
        var format = SchoolGenerator.Format()
        format.charset = charset
        format.crlf = true
        format.bom = charset == .utf16le
        let g = SchoolGenerator(pupils: 300, seed: 9, otherVestigingShare: 0.05, format: format)
        let files = Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
        let (_, store) = PlannerTests.commit(files, into: PlannerTests.empty)
        let data = ImportData.read(files, context: PlannerTests.context(store))
        var pupils = 0, verzorgers = 0, differ: [String] = []
        data.values.withUnsafeBufferPointer { bytes in
            for (i, p) in data.pupils.enumerated() where p.values >= 0 {
                guard let old = store.leerlingen[p.key] else { continue }
                pupils += 1
                if !old.packedEquals(bytes, at: p.values) {
                    differ.append("leerling \(p.key): \(data.leerling(i).map { Planner.diff(old, $0) } ?? [])")
                }
                for slot in 1...3 where p.verzorgerValues[slot] >= 0 {
                    guard let v = store.verzorgers[Verzorger.id(p.key, slot)] else { continue }
                    verzorgers += 1
                    if !v.packedEquals(bytes, at: p.verzorgerValues[slot]) {
                        differ.append("verzorger \(p.key)/\(slot): \(data.verzorger(i, slot: slot).map { Planner.diff(v, $0) } ?? [])")
                    }
                }
            }
        }
        #expect(pupils > 200 && verzorgers > 200)
        #expect(differ.isEmpty, "\(differ.count): \(differ.prefix(3))")
    }
}
