import Testing
import ZienFixtures
@testable import ZienCore

/// `reset-inrichting` (SPEC.md §6, issue 4): removes one schooljaar's inrichting and nothing else.
@Suite struct ResetTests {
    static let earlier = Schooljaar(startYear: 2025)

    static func context(_ store: StoreRecords, _ s: Schooljaar, today: Day) -> CheckContext {
        var known: [String: Day?] = [:]
        for (k, l) in store.leerlingen { known[k] = l.vertrekdatum }
        return CheckContext(vestigingen: ["Leeuwenbrug", "Het Baken"], vestiging: "Leeuwenbrug", schooljaar: s, today: today,
                            knownPupils: known, knownGroups: Set(store.groepen.filter { $0.schooljaar == s }.map(\.code)))
    }

    static func commit(_ files: [LoadedFile], _ store: StoreRecords, _ s: Schooljaar, today: Day) -> StoreRecords {
        let ctx = context(store, s, today: today)
        return PlannerTests.applied(Planner.plan(ImportData.read(files, context: ctx), store: store, context: ctx), to: store)
    }

    static func school(_ seed: UInt64) -> [LoadedFile] {
        let g = SchoolGenerator(pupils: 40, seed: seed, otherVestigingShare: 0.2)
        return Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
    }

    /// A store with two schooljaren: last year's import (made in its time) and this year's.
    static func twoYears() -> StoreRecords {
        let last = commit(school(5), PlannerTests.empty, earlier, today: Day(unchecked: 2025, 9, 1))
        // A lesgroep of this year that only the koppel file names (no docent): it goes with its pupils.
        return commit(thisYear(), last, PlannerTests.s, today: PlannerTests.today)
    }

    /// This year's files, with a lesgroep 9Z that only the koppel file names (no docent).
    static func thisYear() -> [LoadedFile] {
        let g = SchoolGenerator(pupils: 40, seed: 6, otherVestigingShare: 0.2)
        let pupil = g.leerlingRows().first { $0[8] == "Leeuwenbrug" }?[0] ?? "?"
        var files = school(6)
        files[2] = LoadedFile(path: "k", raw: files[2].raw + Array("9Z;Leeuwenbrug;\(pupil)\n".utf8), charset: .auto, soort: .koppel)
        return files
    }

    @Test func onlyTheChosenSchooljaarsInrichtingGoes() {
        let before = ResetTests.twoYears()
        let s = PlannerTests.s
        let cs = Planner.reset(before, schooljaar: s, today: PlannerTests.today)
        #expect(cs.resetOf == s)
        let after = PlannerTests.applied(cs, to: before)

        // Every pupil coupling of S is gone; the group–docent couplings of S stay.
        #expect(after.koppelingen.filter { $0.schooljaar == s }.allSatisfy { $0.soort == .docent })
        #expect(after.koppelingen.filter { $0.schooljaar == s } == before.koppelingen.filter { $0.schooljaar == s && $0.soort == .docent })
        #expect(cs.counts[.koppelingen]?.verwijderd == before.koppelingen.filter { $0.schooljaar == s && $0.soort != .docent }.count)
        // The other schooljaar is untouched, in the same order.
        #expect(after.koppelingen.filter { $0.schooljaar == ResetTests.earlier } == before.koppelingen.filter { $0.schooljaar == ResetTests.earlier })
        #expect(!before.koppelingen.filter { $0.schooljaar == ResetTests.earlier }.isEmpty)
        // Groups of S without an active docent go (9Z); those with one stay; last year's stay.
        let docentGroups = Set(after.koppelingen.filter { $0.schooljaar == s }.map(\.onderwerp))
        #expect(before.groepen.contains(Groep(schooljaar: s, vestiging: "Leeuwenbrug", code: "9Z")) as Bool)
        #expect(!after.groepen.contains(Groep(schooljaar: s, vestiging: "Leeuwenbrug", code: "9Z")))
        #expect(Set(after.groepen.filter { $0.schooljaar == s }.map(\.code)) == docentGroups)
        #expect(after.groepen.filter { $0.schooljaar == ResetTests.earlier } == before.groepen.filter { $0.schooljaar == ResetTests.earlier })
        // Persons stay.
        #expect(after.leerlingen == before.leerlingen)
        #expect(after.medewerkers == before.medewerkers)
        #expect(after.verzorgers == before.verzorgers)
        // The change set says so, line by line.
        let lines = cs.changes
        #expect(lines.allSatisfy { $0.type == .verwijderd })
        #expect(lines.contains { $0.kind == .groepen && cs.subject($0, in: before) == "groep 9Z (Leeuwenbrug, 2026-2027)" })
    }

    /// Importing the same files after a reset recreates the couplings; a second reset of an
    /// emptied schooljaar has nothing to do.
    @Test func importAfterResetRecreatesTheCouplings() {
        let before = ResetTests.twoYears()
        let s = PlannerTests.s
        let reset = PlannerTests.applied(Planner.reset(before, schooljaar: s, today: PlannerTests.today), to: before)
        #expect(reset.active(s, "Leeuwenbrug", on: PlannerTests.today).allSatisfy { $0.soort == .docent })
        let again = ResetTests.commit(ResetTests.thisYear(), reset, s, today: PlannerTests.today)
        #expect(again.active(s, "Leeuwenbrug", on: PlannerTests.today) == before.active(s, "Leeuwenbrug", on: PlannerTests.today))
        #expect(Set(again.groepen) == Set(before.groepen))
        let second = Planner.reset(reset, schooljaar: s, today: PlannerTests.today)
        #expect(PlannerTests.applied(second, to: reset) == reset)
        #expect(second.counts[.koppelingen]?.verwijderd == 0)
    }

    /// A coming schooljaar's inrichting (couplings from 1 August) counts as active: importing
    /// it twice changes nothing, and export finds it.
    @Test func comingSchooljaarIsActiveBeforeItStarts() {
        let next = Schooljaar(startYear: 2027)
        let july = Day(unchecked: 2027, 7, 1)
        let files = ResetTests.school(7)
        let store = ResetTests.commit(files, PlannerTests.empty, next, today: july)
        #expect(store.koppelingen.allSatisfy { $0.start == next.first })
        let ctx = ResetTests.context(store, next, today: july)
        let again = Planner.plan(ImportData.read(files, context: ctx), store: store, context: ctx)
        #expect(again.isEmpty, "\(again.changes.prefix(3).map { again.subject($0, in: store) })")
        // A pupil who leaves before the year starts gets no couplings in it.
        #expect(store.koppelingen.allSatisfy { k in k.einde.map { $0 > k.start } ?? true })
        #expect(!Exporter.rows(.leerling, store: store, schooljaar: next, vestiging: "Leeuwenbrug", today: july).isEmpty)
    }
}
