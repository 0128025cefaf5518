import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienStore

/// `Store.commit` applies a change set the one way (`StoreData.apply`) and writes the document;
/// what the file holds reads back as the records `apply` makes, and what `apply` yields undoes
/// the commit exactly, also after a trip through its JSON form.
@Suite struct CommitTests {
    typealias L = Columns.L
    static let today = Day(unchecked: 2026, 11, 29)

    /// The three files of a generated school; pupil rows changed by `edit` first.
    static func files(seed: UInt64, pupils: Int, charset: Charset, delimiter: Delimiter = .semicolon,
                      edit: (inout [[String]]) -> Void = { _ in }) -> [LoadedFile] {
        var format = SchoolGenerator.Format()
        format.charset = charset
        format.delimiter = delimiter
        format.crlf = true
        format.bom = charset == .utf16le || charset == .utf16be
        let g = SchoolGenerator(pupils: pupils, seed: seed, otherVestigingShare: 0.2, format: format)
        var rows = g.leerlingRows()
        edit(&rows)
        return Soort.allCases.map { soort in
            LoadedFile(path: soort.rawValue, raw: soort == .leerling ? g.render(.leerling, rows) : g.file(soort), charset: .auto, soort: soort)
        }
    }

    static func plan(_ files: [LoadedFile], on d: StoreData) -> ChangeSet {
        let s = Schooljaar(startYear: 2026)
        let ctx = CheckContext(vestigingen: d.vestigingen, vestiging: "Leeuwenbrug", schooljaar: s, today: today,
                               knownPupils: d.knownPupils, knownGroups: d.groupCodes(s, "Leeuwenbrug"))
        return Planner.plan(ImportData.read(files, context: ctx), store: d.records, context: ctx)
    }

    /// Values the JSON writer must escape or that are not imported as written: quotes,
    /// backslashes, a tab and a line break inside quotes, diacritics, an invalid e-mail address,
    /// `x` as geslacht, an impossible date, a Post ouder that is no yes/no, Stamnrs that are
    /// not numbers (they sort among the numbers as text).
    static func awkward(_ rows: inout [[String]]) {
        for i in 0...11 { rows[i][L.vestiging] = "Leeuwenbrug" }
        rows[0][L.roepnaam] = "Zoë \"Zo\" \\ Müller"
        rows[1][L.achternaam] = "Dijk\tvan"
        rows[2][L.tussenvoegsel] = "van\nder"
        rows[3][L.stamnr] = "A12"
        rows[4][L.stamnr] = "10006x"
        rows[5][L.email] = "geen-adres"
        rows[6][L.geslacht] = "x"
        rows[7][L.geboortedatum] = "31-02-2014"
        rows[8][L.verzorger(1)] = "É."
        rows[8][L.verzorger(1) + 5] = "misschien"
        rows[9][L.verzorger(1) + 4] = "ouder@@example.nl"
        rows[10][L.ilt] = "3\"72"
        rows[11][L.stamnr] = "0010003"
    }

    /// Commits `cs` through `Store.commit` onto a file holding `base`; returns the file's bytes,
    /// the store read back from the file, and the reference: `base` with `cs` applied.
    static func commit(_ base: StoreData, _ cs: ChangeSet) throws -> (written: [UInt8], reread: StoreData, expected: StoreData, undo: Undo) {
        let path = NSTemporaryDirectory() + "zien-commit-\(UUID().uuidString)/store.json"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try Store(path: path)
        try store.update { $0 = base }
        var journaled: JSONValue = .null
        let undo = try store.commit(cs, logEntry: { undo in
            journaled = undo.json
            return .object([("soort", .string("import")), ("undo", undo.json)])
        }) { d in
            #expect(d.revision == base.revision)
        }
        #expect(try Undo(json: journaled) == undo, "the journal form reads back as the value")
        var expected = base
        let again = try expected.apply(cs)
        #expect(again == undo)
        // The entry goes to the log beside the document, not into it, with the commit's id;
        // the document lists that id as the commit undo can revert (none for an empty commit).
        let entry = try #require(try store.importLog().last)
        let id = "r\(base.revision + 1)"
        #expect(entry == .object([("soort", .string("import"))] + (undo.isEmpty ? [] : [("id", .string(id))]) + [("undo", undo.json)]))
        let written = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let reread = try StoreData(decoding: written)
        #expect(reread.commits == (undo.isEmpty ? [] : [id]))
        expected.commits = reread.commits
        return (written, reread, expected, undo)
    }

    /// Undoing `undo` on `after` (through its JSON form) gives `before`'s records exactly.
    static func expectUndone(_ undo: Undo, _ after: StoreData, back before: StoreData) throws {
        let read = try Undo(json: try JSONValue.parse(Array(undo.json.serialized.utf8)))
        let back = try ChangeSet.reverting(read, in: after.records)
        var d = after
        _ = try d.apply(back)
        #expect(d.records == before.records)
    }

    static func base() -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        return d
    }

    @Test(arguments: [Charset.utf8, .windows1252, .iso88591, .utf16le, .utf16be])
    func aFirstImportIsWrittenAsItsRecordsWouldBe(charset: Charset) throws {
        let cs = CommitTests.plan(CommitTests.files(seed: 3, pupils: 60, charset: charset, edit: CommitTests.awkward),
                                          on: CommitTests.base())
        #expect(cs.leerlingen.count > 40 && cs.verzorgers.count > 40 && cs.newKoppelingen.count > 150)
        let r = try CommitTests.commit(CommitTests.base(), cs)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
        #expect(r.written == r.expected.encoded())
        try CommitTests.expectUndone(r.undo, r.reread, back: CommitTests.base())
        // The awkward values are in it, escaped, and sorted as text.
        let text = String(decoding: r.written, as: UTF8.self)
        #expect(text.contains(#""Zoë \"Zo\" \\ Müller""#))
        #expect(text.contains(#""Dijk\tvan""#) && text.contains(#""van\nder""#))
        #expect(r.expected.leerlingen["A12"] != nil && r.expected.leerlingen["10006x"] != nil)
        // Each vestiging coupling carries its line's ILT/leerjaar (packed by the check when
        // digits, read from the line otherwise: row 10's ILT holds a quote).
        var rows = SchoolGenerator(pupils: 60, seed: 3, otherVestigingShare: 0.2).leerlingRows()
        CommitTests.awkward(&rows)
        var wanted: [String: String] = [:]
        for row in rows where row[L.vestiging] == "Leeuwenbrug" && !row[L.stamnr].hasPrefix("0") {
            wanted[row[L.stamnr]] = row[L.ilt] + "/" + row[L.leerjaar]
        }
        let extras = Dictionary(r.expected.koppelingen.filter { $0.soort == .vestiging }.map { ($0.onderwerp, $0.extra) },
                                uniquingKeysWith: { a, _ in a })
        #expect(wanted.count > 10 && wanted["10006x"] != nil)
        for (key, extra) in wanted { #expect(extras[key] == extra, "\(key)") }
        #expect(wanted[rows[10][L.stamnr]]?.hasPrefix("3\"72/") == true, "the unpacked case is among those compared")
    }

    @Test func aLargeImportPlannedInSlicesIsStoredAsApplied() throws {
        // From 2,000 lines on the planner makes records in slices, on all cores (at least two).
        let cs = CommitTests.plan(CommitTests.files(seed: 8, pupils: 3_000, charset: .utf8, edit: CommitTests.awkward),
                                          on: CommitTests.base())
        #expect(cs.leerlingen.count > 2_000)
        let r = try CommitTests.commit(CommitTests.base(), cs)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
        try CommitTests.expectUndone(r.undo, r.reread, back: CommitTests.base())
    }

    @Test(arguments: [Delimiter.semicolon, .tab])
    func aSecondImportChangesEndsAndAddsAndIsUndoneExactly(delimiter: Delimiter) throws {
        // Last year's school, then this year's files: pupils that stay (some changed), leave and
        // come in, with keys in between the stored ones; couplings ended and new ones appended.
        var d = CommitTests.base()
        let first = CommitTests.plan(CommitTests.files(seed: 21, pupils: 40, charset: .windows1252, delimiter: delimiter), on: d)
        _ = try d.apply(first)
        let cs = CommitTests.plan(
            CommitTests.files(seed: 22, pupils: 70, charset: .windows1252, delimiter: delimiter, edit: CommitTests.awkward), on: d)
        let counts = cs.counts
        #expect((counts[.leerlingen]?.nieuw ?? 0) > 10 && (counts[.leerlingen]?.gewijzigd ?? 0) > 10)
        #expect((counts[.koppelingen]?.beeindigd ?? 0) > 10 && (counts[.koppelingen]?.nieuw ?? 0) > 10)
        let r = try CommitTests.commit(d, cs)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
        #expect(r.reread.revision == d.revision + 1)
        // What undoes it is compact: the couplings it created as one range, the ended ones by index.
        #expect(r.undo.createdKoppelingen == [d.koppelingen.count..<r.reread.koppelingen.count])
        #expect(r.undo.formerKoppelingen.count == (counts[.koppelingen]?.beeindigd ?? 0) + (counts[.koppelingen]?.gewijzigd ?? 0))
        #expect(r.undo.formerLeerlingen.count == counts[.leerlingen]?.gewijzigd)
        try CommitTests.expectUndone(r.undo, r.reread, back: d)
    }

    @Test func aRefusedCommitKeepsTheFile() throws {
        let d = CommitTests.base()
        let cs = CommitTests.plan(CommitTests.files(seed: 4, pupils: 20, charset: .utf8), on: d)
        let path = NSTemporaryDirectory() + "zien-commit-\(UUID().uuidString)/store.json"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try Store(path: path)
        try store.update { $0 = d }
        let before = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        struct Stale: Error {}
        #expect(throws: Stale.self) {
            try store.commit(cs, logEntry: { _ in .null }) { _ in throw Stale() }
        }
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == before)
        #expect(try store.data() == d)
        // Committed once, the same change set no longer fits the records: refused, nothing written.
        try store.commit(cs, logEntry: { _ in .null }) { _ in }
        let once = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: StoreError.self) {
            try store.commit(cs, logEntry: { _ in .null }) { _ in }
        }
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == once)
        #expect(try store.data() == StoreData(decoding: once))
    }

    @Test func anEmptyChangeSetChangesNoData() throws {
        var d = CommitTests.base()
        let files = CommitTests.files(seed: 5, pupils: 20, charset: .utf8)
        _ = try d.apply(CommitTests.plan(files, on: d))
        let again = CommitTests.plan(files, on: d)
        #expect(again.isEmpty)
        let r = try CommitTests.commit(d, again)
        #expect(r.reread == r.expected)
        #expect(r.undo.isEmpty && r.reread.revision == d.revision)
    }
}
