import Testing
@testable import ZienCore
@testable import ZienShell

/// The plan `show changes` shows, on changes made by hand: what is grouped, paired and
/// summarised, and what is not.
@Suite struct PlanTests {
    static let year = 2026

    static func id(_ soort: KoppelSoort, _ pupil: String, _ doel: String) -> KoppelIdentity {
        KoppelIdentity(soort: soort, schooljaar: year, vestiging: "Leeuwenbrug", onderwerp: pupil, doel: doel)
    }

    static let today = Day(unchecked: 2026, 11, 29)

    static func koppeling(_ soort: KoppelSoort, _ pupil: String, _ doel: String, einde: Day? = nil) -> Koppeling {
        Koppeling(soort: soort, schooljaar: Schooljaar(startYear: year), vestiging: "Leeuwenbrug", onderwerp: pupil, doel: doel,
                  extra: soort == .vestiging ? "371/1" : "", start: einde == nil ? today : Day(unchecked: 2026, 8, 1), einde: einde)
    }

    static func start(_ soort: KoppelSoort, _ pupil: String, _ doel: String) -> Change {
        let k = koppeling(soort, pupil, doel)
        return Change(kind: .koppelingen, type: .nieuw, about: .koppeling(id(soort, pupil, doel)), fields: [], values: Planner.values(k), koppeling: k)
    }

    static func end(_ soort: KoppelSoort, _ pupil: String, _ doel: String, on day: Day = today) -> Change {
        Change(kind: .koppelingen, type: .beeindigd, about: .koppeling(id(soort, pupil, doel)),
               fields: [FieldChange(field: "einde", before: "", after: day.dutch)], koppeling: koppeling(soort, pupil, doel, einde: day))
    }

    static func record(_ key: String) -> Leerling {
        Leerling(key: key, stamnr: key, roepnaam: "Jan", tussenvoegsel: "de", achternaam: "Vries\(key)",
                 geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .man, email: nil, vertrekdatum: nil)
    }

    static func newPupil(_ key: String) -> Change {
        Change(kind: .leerlingen, type: .nieuw, about: .leerling(key), fields: [], values: Planner.values(record(key)))
    }

    static func email(_ key: String) -> Change {
        Change(kind: .leerlingen, type: .gewijzigd, about: .leerling(key), fields: [FieldChange(field: "e-mail", before: "a@x.nl", after: "b@x.nl")])
    }

    /// Names as a change set would give them.
    struct Lookup: PlanLookup {
        func leerling(_ key: String) -> Leerling? { PlanTests.record(key) }
        func medewerker(_ key: String) -> Medewerker? {
            Medewerker(key: key, nummer: key, roepnaam: "Els", tussenvoegsel: "", achternaam: "Ros\(key)", email: "els@school.nl")
        }
        func verzorger(_ key: String, _ slot: Int) -> Verzorger? { nil }
    }

    static func render(_ plan: Plan, width: Int = 100) -> PlanRender {
        PlanRender(plan: plan, look: Lookup(), schooljaar: Schooljaar(startYear: year), day: today, width: width)
    }

    @Test func anEndedAndANewStamgroepAreOneMove() throws {
        let plan = Plan([PlanTests.start(.stamgroep, "1", "1B"), PlanTests.end(.stamgroep, "1", "1A")])
        #expect(plan.blocks.count == 1)
        let entries = try #require(plan.blocks.first).entries
        #expect(entries.count == 1)
        let move = try #require(entries.first)
        #expect(move.isMove && move.type == .gewijzigd && move.actions == [.beeindigd, .nieuw])
        #expect(move.formerDoel == "1A" && move.koppeling?.doel == "1B")
        #expect(move.groepen == ["1A", "1B"])
        #expect(plan.total == 2)
        let text = PlanTests.render(plan).lines().lines
        #expect(text == ["~ leerling 1 Jan de Vries1", "    ~ stamgroep 1A → 1B op 29-11-2026"])
    }

    @Test func aVestigingMoveIsOneLine() throws {
        // A pupil's vestiging in a schooljaar is one slot: ended in one and started in another,
        // it moved (the line names both vestigingen, not the new one twice).
        func id(_ v: String) -> KoppelIdentity {
            KoppelIdentity(soort: .vestiging, schooljaar: PlanTests.year, vestiging: v, onderwerp: "1", doel: "")
        }
        var k = PlanTests.koppeling(.vestiging, "1", "")
        k.vestiging = "Het Baken"
        let started = Change(kind: .koppelingen, type: .nieuw, about: .koppeling(id("Het Baken")), fields: [], values: Planner.values(k), koppeling: k)
        let ended = Change(kind: .koppelingen, type: .beeindigd, about: .koppeling(id("Leeuwenbrug")),
                           fields: [FieldChange(field: "einde", before: "", after: PlanTests.today.dutch)],
                           koppeling: PlanTests.koppeling(.vestiging, "1", "", einde: PlanTests.today))
        let plan = Plan([ended, started])
        let entries = try #require(plan.blocks.first).entries
        #expect(entries.count == 1 && entries.first?.isMove == true)
        #expect(plan.total == 2)
        #expect(PlanTests.render(plan).lines().lines == ["~ leerling 1 Jan de Vries1", "    ~ vestiging Leeuwenbrug → Het Baken op 29-11-2026"])
    }

    @Test func aMoveOnDifferentDaysSaysBoth() {
        let plan = Plan([PlanTests.start(.stamgroep, "1", "1B"), PlanTests.end(.stamgroep, "1", "1A", on: Day(unchecked: 2027, 7, 31))])
        let text = PlanTests.render(plan).lines().lines
        #expect(text.last == "    ~ stamgroep 1A → 1B einde 31-07-2027, vanaf 29-11-2026")
    }

    @Test func aMentorMoveKeepsItsSlot() {
        // Klasmentor 1 changes; klasmentor 2 ends: one move and one end, not a move from 2 to 1.
        let plan = Plan([PlanTests.start(.mentor, "1", "1:4105"), PlanTests.end(.mentor, "1", "1:4104"), PlanTests.end(.mentor, "1", "2:4111")])
        let entries = plan.blocks.first?.entries ?? []
        #expect(entries.count == 2)
        #expect(entries.first?.isMove == true && entries.first?.formerDoel == "1:4104")
        #expect(entries.last?.isMove == false && entries.last?.type == .beeindigd)
        let text = PlanTests.render(plan).lines().lines
        #expect(text == ["~ leerling 1 Jan de Vries1", "    ~ klasmentor 1 4104 Els Ros4104 → 4105 Els Ros4105 op 29-11-2026",
                         "    - klasmentor 2 4111 Els Ros4111 einde 29-11-2026"])
    }

    @Test func groupsAndAmbiguousSlotsAreNotPaired() {
        // A pupil has many groups: leaving one and joining another are two changes.
        let groups = Plan([PlanTests.start(.groep, "1", "1-wi"), PlanTests.end(.groep, "1", "1-ne")])
        #expect(groups.blocks.first?.entries.count == 2)
        #expect(groups.blocks.first?.entries.allSatisfy { !$0.isMove } == true)
        // Two stamgroepen ended and one started (can only come from a store with two): no guess.
        let two = Plan([PlanTests.start(.stamgroep, "1", "1C"), PlanTests.end(.stamgroep, "1", "1A"), PlanTests.end(.stamgroep, "1", "1B")])
        #expect(two.blocks.first?.entries.count == 3)
        // Different pupils never pair.
        let apart = Plan([PlanTests.start(.stamgroep, "1", "1B"), PlanTests.end(.stamgroep, "2", "1A")])
        #expect(apart.blocks.count == 2 && apart.blocks.allSatisfy { $0.entries.count == 1 })
    }

    @Test func aClassThatGetsAnotherMentorIsOneSummary() throws {
        let pupils = ["1", "2", "3", "4", "5"]
        var changes: [Change] = [PlanTests.email("3")]
        for p in pupils { changes.append(PlanTests.start(.mentor, p, "1:4139")) }
        for p in pupils { changes.append(PlanTests.end(.mentor, p, "1:4110")) }
        let plan = Plan(changes)
        #expect(plan.summaries.count == 1)
        let s = try #require(plan.summaries.first)
        // In the order the change set names them (pupil 3 first: its record comes first).
        #expect(s.pupils == ["3", "1", "2", "4", "5"] && s.entry.isMove)
        // Pupils with nothing else are not repeated; pupil 3 (its e-mail changed) shows all its changes.
        #expect(plan.summarised == Set(["1", "2", "4", "5"].map { Plan.Subject.leerling($0) }))
        let (text, shown) = PlanTests.render(plan, width: 60).lines()
        #expect(text == [
            "~ klasmentor 1 4110 Els Ros4110 → 4139 Els Ros4139 op 29-11-2026 — 5 leerlingen:",
            "    3 Jan de Vries3, 1 Jan de Vries1, 2 Jan de Vries2,",
            "    4 Jan de Vries4, 5 Jan de Vries5",
            "",
            "~ leerling 3 Jan de Vries3",
            "    ~ e-mail 'a@x.nl' → 'b@x.nl'",
            "    ~ klasmentor 1 4110 Els Ros4110 → 4139 Els Ros4139 op 29-11-2026",
        ])
        // Every change shown once in the count: 5 moves of 2, and the e-mail.
        #expect(shown == 11 && plan.total == 11)
    }

    @Test func summariesOfTheSamePupilsShareOneList() {
        var changes: [Change] = []
        for p in ["1", "2"] {
            changes += [PlanTests.start(.stamgroep, p, "1B"), PlanTests.end(.stamgroep, p, "1A"), PlanTests.end(.mentor, p, "2:4111")]
        }
        let text = PlanTests.render(Plan(changes)).lines().lines
        #expect(text == [
            "~ stamgroep 1A → 1B op 29-11-2026 — 2 leerlingen",
            "- klasmentor 2 4111 Els Ros4111 einde 29-11-2026 — 2 leerlingen:",
            "    1 Jan de Vries1, 2 Jan de Vries2",
        ])
    }

    @Test func newAndDepartingPupilsKeepTheirWholeBlock() throws {
        // Two new pupils start the same couplings, two that leave end the same: each pupil's
        // block stays whole (who comes and who goes is the point), nothing is summarised.
        var changes = [PlanTests.newPupil("7"), PlanTests.newPupil("8")]
        for p in ["7", "8"] { changes += [PlanTests.start(.vestiging, p, ""), PlanTests.start(.stamgroep, p, "1C")] }
        for p in ["5", "6"] { changes += [PlanTests.end(.vestiging, p, ""), PlanTests.end(.stamgroep, p, "1A")] }
        let plan = Plan(changes)
        #expect(plan.summaries.isEmpty)
        #expect(plan.blocks.map(\.fate) == [.nieuw, .nieuw, .beeindigd, .beeindigd])
        let text = PlanTests.render(plan).lines().lines
        #expect(Array(text.prefix(4)) == [
            "+ leerling 7 Jan de Vries7",
            "    + roepnaam 'Jan', tussenvoegsel 'de', achternaam 'Vries7', geboortedatum 01-02-2013, geslacht man",
            "    + vestiging Leeuwenbrug (ILT-code/leerjaar 371/1) vanaf 29-11-2026",
            "    + stamgroep 1C vanaf 29-11-2026",
        ])
        #expect(text.contains("- leerling 5 Jan de Vries5") && text.contains("    - stamgroep 1A einde 29-11-2026"))
    }

    @Test func subjectsComePupilsThenStaffThenGroups() {
        let docent = Change(kind: .koppelingen, type: .nieuw, about: .koppeling(KoppelIdentity(soort: .docent, schooljaar: 2026, vestiging: "Leeuwenbrug", onderwerp: "2C", doel: "4139")), fields: [])
        let staff = Change(kind: .medewerkers, type: .nieuw, about: .medewerker("4139"), fields: [])
        let verzorger = Change(kind: .verzorgers, type: .nieuw, about: .verzorger("9", 1), fields: [])
        let plan = Plan([docent, staff, verzorger, PlanTests.start(.verzorger, "9", "1")])
        #expect(plan.blocks.map(\.subject) == [.leerling("9"), .medewerker("4139"), .groep(code: "2C", vestiging: "Leeuwenbrug")])
        // The verzorger and its coupling belong to the pupil.
        #expect(plan.blocks.first?.entries.count == 2)
    }

    @Test func filtersAskForMovesByEachOfTheirTypes() {
        let changes = [PlanTests.start(.stamgroep, "1", "1B"), PlanTests.end(.stamgroep, "1", "1A"), PlanTests.email("1"),
                       PlanTests.start(.groep, "2", "1-ne")]
        for t in [ChangeType.nieuw, .gewijzigd, .beeindigd] {
            let plan = Plan(changes) { $0.actions.contains(t) || $0.type == t }
            #expect(plan.blocks.first?.entries.contains { $0.isMove } == true, "\(t)")
        }
        let ended = Plan(changes) { $0.actions.contains(.beeindigd) }
        #expect(ended.total == 2 && ended.blocks.count == 1)
        let group = Plan(changes) { $0.groepen.contains("1B") }
        #expect(group.total == 2)
        // How a subject fares is judged on all its changes: pupil 2 is new even when only its
        // couplings are asked for.
        let onlyNew = Plan(changes + [PlanTests.newPupil("2")]) { $0.kind == .koppelingen && $0.type == .nieuw }
        #expect(onlyNew.blocks.map(\.fate) == [.nieuw])
        #expect(onlyNew.blocks.first?.subject == .leerling("2"))
    }

    @Test func theLimitCutsBetweenBlocksAndCountsWhatIsLeft() {
        var changes: [Change] = []
        for p in 1...50 { changes += [PlanTests.newPupil(String(p)), PlanTests.start(.stamgroep, String(p), "1C")] }
        let plan = Plan(changes)
        let render = PlanTests.render(plan)
        let (cut, shown) = render.lines(limit: 10)
        // Blocks of 3 lines: the fourth block passes the limit and is the last shown.
        #expect(cut.count == 12 && shown == 8)
        let (all, every) = render.lines()
        #expect(all.count == 150 && every == 100 && plan.total == 100)
    }

    @Test func aLongListOfPupilsIsCutWhenLimited() {
        var changes: [Change] = []
        for p in 1...400 {
            changes += [PlanTests.start(.mentor, String(p), "1:4139"), PlanTests.end(.mentor, String(p), "1:4110")]
        }
        let render = PlanTests.render(Plan(changes), width: 60)
        let (cut, _) = render.lines(limit: 20)
        // The summary line, the list up to the limit, and what is left.
        #expect(cut.count == 21)
        let named = cut.dropFirst().dropLast().map { $0.components(separatedBy: " Jan ").count - 1 }.reduce(0, +)
        #expect(named > 19 && cut.last == "    … en nog \(400 - named) leerlingen ('show changes --alles' toont ze)", "\(cut)")
        let (all, _) = render.lines()
        #expect(all.dropFirst().map { $0.components(separatedBy: " Jan ").count - 1 }.reduce(0, +) == 400)
    }

    @Test func jsonListsEveryChangeWithFieldsBeforeAndAfter() throws {
        let plan = Plan([PlanTests.newPupil("7"), PlanTests.start(.stamgroep, "1", "1B"), PlanTests.end(.stamgroep, "1", "1A")])
        let docs = PlanTests.render(plan).json()
        #expect(docs.count == 2)
        let new = docs[0].serialized, move = docs[1].serialized
        #expect(new.contains(#""type": "nieuw""#) && new.contains(#"{"field": "achternaam", "before": null, "after": "Vries7"}"#))
        #expect(!new.contains(#""fields": []"#))
        #expect(move.contains(#""actions": ["beeindigd", "nieuw"]"#))
        #expect(move.contains(#"{"field": "stamgroep", "before": "1A", "after": "1B"}"#))
        #expect(move.contains(#""vorigDoel": "1A""#))
    }
}
