import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienStore

/// `Store.commit` writes a change set's new pupils, verzorgers and couplings straight from the
/// file's lines. The file it writes must be byte for byte the one the records would give: the
/// change set applied to the records (`StoreData.apply`) and the whole document encoded.
@Suite struct CommitEncodingTests {
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
        return Planner.plan(ImportData.read(files, context: ctx), store: d.snapshot, context: ctx)
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

    /// Commits `cs` through `Store.commit` onto a file holding `base`, and returns the file's
    /// bytes beside the reference: `base` with `cs` applied to its records, encoded whole.
    static func bothWays(_ base: StoreData, _ cs: ChangeSet) throws -> (written: [UInt8], reference: [UInt8], reread: StoreData, expected: StoreData) {
        let path = NSTemporaryDirectory() + "zien-commit-\(UUID().uuidString)/store.json"
        let store = try Store(path: path)
        try store.update { $0 = base }
        let entry = JSONValue.object([("soort", .string("import"))])
        var committed = cs
        try store.commit(&committed, logEntry: entry) { d in
            #expect(d.revision == base.revision)
        }
        #expect(committed.storeDropped && !cs.storeDropped)
        var expected = base
        if !cs.isEmpty { expected.apply(cs) }
        expected.importLog.append(entry)
        let written = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        return (written, expected.encoded(), try store.data(), expected)
    }

    /// Where two documents first differ, with some context; nil when they are the same bytes.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let i = zip(a, b).prefix { $0 == $1 }.count
        func around(_ x: [UInt8]) -> String { String(decoding: x[max(0, i - 80)..<min(x.count, i + 80)], as: UTF8.self) }
        return "at byte \(i) of \(a.count) / \(b.count):\n\(around(a))\n---\n\(around(b))"
    }

    static func base() -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        return d
    }

    @Test(arguments: [Charset.utf8, .windows1252, .iso88591, .utf16le, .utf16be])
    func aFirstImportIsWrittenAsItsRecordsWouldBe(charset: Charset) throws {
        let cs = CommitEncodingTests.plan(CommitEncodingTests.files(seed: 3, pupils: 60, charset: charset, edit: CommitEncodingTests.awkward),
                                          on: CommitEncodingTests.base())
        let new = cs.newRecords()
        #expect(new.pupils.count > 40 && new.verzorgers.count > 40 && new.couplings.count > 150)
        let r = try CommitEncodingTests.bothWays(CommitEncodingTests.base(), cs)
        #expect(CommitEncodingTests.difference(r.written, r.reference) == nil)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
        // The awkward values are in it, escaped, and sorted as text.
        let text = String(decoding: r.written, as: UTF8.self)
        #expect(text.contains(#""Zoë \"Zo\" \\ Müller""#))
        #expect(text.contains(#""Dijk\tvan""#) && text.contains(#""van\nder""#))
        #expect(r.expected.leerlingen["A12"] != nil && r.expected.leerlingen["10006x"] != nil)
        // Each vestiging coupling carries its line's ILT/leerjaar (packed by the check when
        // digits, read from the line otherwise: row 10's ILT holds a quote).
        var rows = SchoolGenerator(pupils: 60, seed: 3, otherVestigingShare: 0.2).leerlingRows()
        CommitEncodingTests.awkward(&rows)
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

    @Test func aLargeImportIsWrittenInSlicesAsItsRecordsWouldBe() throws {
        // From 2,000 lines on the new rows are written in slices, on all cores (at least two).
        let cs = CommitEncodingTests.plan(CommitEncodingTests.files(seed: 8, pupils: 3_000, charset: .utf8, edit: CommitEncodingTests.awkward),
                                          on: CommitEncodingTests.base())
        #expect(cs.newRecords().pupils.count > 2_000)
        let r = try CommitEncodingTests.bothWays(CommitEncodingTests.base(), cs)
        #expect(CommitEncodingTests.difference(r.written, r.reference) == nil)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
    }

    @Test(arguments: [Delimiter.semicolon, .tab])
    func newRecordsAreMergedAmongStoredOnes(delimiter: Delimiter) throws {
        // Last year's school, then this year's files: pupils that stay (some changed), leave and
        // come in, with keys in between the stored ones; couplings ended and new ones appended.
        var d = CommitEncodingTests.base()
        let first = CommitEncodingTests.plan(CommitEncodingTests.files(seed: 21, pupils: 40, charset: .windows1252, delimiter: delimiter), on: d)
        d.apply(first)
        let cs = CommitEncodingTests.plan(
            CommitEncodingTests.files(seed: 22, pupils: 70, charset: .windows1252, delimiter: delimiter, edit: CommitEncodingTests.awkward), on: d)
        let counts = cs.counts
        #expect((counts[.leerlingen]?.nieuw ?? 0) > 10 && (counts[.leerlingen]?.gewijzigd ?? 0) > 10)
        #expect((counts[.koppelingen]?.beeindigd ?? 0) > 10 && (counts[.koppelingen]?.nieuw ?? 0) > 10)
        let r = try CommitEncodingTests.bothWays(d, cs)
        #expect(CommitEncodingTests.difference(r.written, r.reference) == nil)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
        #expect(r.reread.revision == d.revision + 1)
    }

    @Test func aRefusedCommitKeepsTheChangeSetAndTheFile() throws {
        let d = CommitEncodingTests.base()
        let cs = CommitEncodingTests.plan(CommitEncodingTests.files(seed: 4, pupils: 20, charset: .utf8), on: d)
        let path = NSTemporaryDirectory() + "zien-commit-\(UUID().uuidString)/store.json"
        let store = try Store(path: path)
        try store.update { $0 = d }
        let before = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        struct Stale: Error {}
        var committed = cs
        #expect(throws: Stale.self) {
            try store.commit(&committed, logEntry: .null) { _ in throw Stale() }
        }
        // Refused before anything changed: the change set can still be shown, the file is as it was.
        #expect(!committed.storeDropped)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == before)
        #expect(try store.data() == d)
    }

    @Test func aChangeSetWithNothingNewKeepsItsRecordsInMemory() throws {
        var d = CommitEncodingTests.base()
        let files = CommitEncodingTests.files(seed: 5, pupils: 20, charset: .utf8)
        d.apply(CommitEncodingTests.plan(files, on: d))
        let again = CommitEncodingTests.plan(files, on: d)
        #expect(again.isEmpty && again.newRecords().isEmpty)
        let r = try CommitEncodingTests.bothWays(d, again)
        #expect(CommitEncodingTests.difference(r.written, r.reference) == nil)
        #expect(r.reread == r.expected, "the store reads back what apply makes")
    }
}
