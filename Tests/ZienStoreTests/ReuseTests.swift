import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienStore

/// A commit copies the rows it did not touch from the file it decoded (`StoreLayout`): what it
/// writes is byte for byte what writing every record gives, for every kind of change, and
/// nothing is copied from a section or a file that is not exactly what the writer wrote.
@Suite struct ReuseTests {
    static let today = Day(unchecked: 2026, 11, 29)

    static func folder() -> String {
        let path = NSTemporaryDirectory() + "zien-reuse-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func bytes(_ path: String) throws -> [UInt8] { try Array(Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Reads `bytes` as a layout reads its document.
    static func reader(_ bytes: [UInt8]) -> StoreLayout.Reader {
        { r in r.lowerBound >= 0 && r.upperBound <= bytes.count ? Array(bytes[r]) : nil }
    }

    /// The pieces as one document, the `.source` ones taken from `source`.
    static func materialize(_ pieces: [DocumentPiece], _ source: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for p in pieces {
            switch p {
            case .bytes(let b): out += b
            case .source(let r): out += source[r]
            }
        }
        return out
    }

    /// Opens the store at `path` afresh (as a new session does), decodes it, and commits `make`'s
    /// change set; checks that the file then holds exactly the full encoding of the records as
    /// applied, and returns how many bytes the write copied, and the undo.
    static func commitFresh(_ path: String, _ make: (StoreData) throws -> ChangeSet) throws -> (reused: Int, undo: Undo, after: StoreData) {
        let store = try Store(path: path)
        let before = try store.data()
        let cs = try make(before)
        let undo = try store.commit(cs, logEntry: { _ in JSONValue.object([]) }) { _ in }
        var expected = before
        _ = try expected.apply(cs)
        let written = try bytes(path)
        let reread = try StoreData(decoding: written)
        expected.commits = reread.commits
        #expect(reread == expected, "the store reads back what apply makes")
        #expect(written == expected.encoded(), "the bytes are those of writing every record")
        return (store.lastWriteReused, undo, reread)
    }

    static func plan(_ g: SchoolGenerator, _ rows: [[String]], on d: StoreData) -> ChangeSet {
        let files = Soort.allCases.map { soort in
            LoadedFile(path: soort.rawValue, raw: soort == .leerling ? g.render(.leerling, rows) : g.file(soort), charset: .auto, soort: soort)
        }
        let s = Schooljaar(startYear: 2026)
        let ctx = CheckContext(vestigingen: d.vestigingen, vestiging: "Leeuwenbrug", schooljaar: s, today: today,
                               knownPupils: d.knownPupils, knownGroups: d.groupCodes(s, "Leeuwenbrug"))
        return Planner.plan(ImportData.read(files, context: ctx), store: d.records, context: ctx)
    }

    /// A board-like store in a file (written whole), and its generator.
    static func school(pupils: Int = 400) throws -> (path: String, g: SchoolGenerator) {
        let path = folder() + "/store.json"
        let g = SchoolGenerator(pupils: pupils, seed: 31, otherVestigingShare: 0.2)
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        _ = try d.apply(plan(g, g.leerlingRows(), on: d))
        try Store(path: path).update { $0 = d }
        return (path, g)
    }

    /// A piece copied from the file read is copied in steps, each started on its way to the
    /// disk before the next (`FileBytes.Writeback`): the pieces land whole and in order, across
    /// steps and between written bytes, whatever the step boundaries cut.
    @Test func aCopyInWritebackStepsGivesTheSameBytes() throws {
        let dir = ReuseTests.folder()
        let step = FileBytes.Writeback.step
        var source = [UInt8](repeating: 0, count: 3 * step + 12_345)
        var x: UInt32 = 7
        for i in source.indices {
            x = x &* 1_103_515_245 &+ 12_345
            source[i] = UInt8(truncatingIfNeeded: x >> 16)
        }
        try Data(source).write(to: URL(fileURLWithPath: dir + "/source"))
        guard let (read, file) = try FileBytes.readKeepingOpen(dir + "/source", limit: Int.max), let file else {
            Issue.record("the source could not be read")
            return
        }
        #expect(read == source)
        let pieces: [DocumentPiece] = [.bytes([1, 2, 3]), .source(5..<(2 * step + 17)), .bytes(Array(repeating: 9, count: step + 1)),
                                       .source((2 * step + 17)..<source.count), .source(0..<1), .bytes([])]
        let prepared = try FileBytes.prepare(pieces: pieces, source: file, for: dir + "/copy", mode: 0o600)
        #expect(try ReuseTests.bytes(prepared.temp) == ReuseTests.materialize(pieces, source))
    }

    /// 2,500 pupils make a document over 1 MB, whose couplings are read on another core.
    @Test(arguments: [400, 2_500])
    func aWeeklyImportCopiesWhatItDidNotTouchAndWritesTheSameBytes(pupils: Int) throws {
        let (path, g) = try ReuseTests.school(pupils: pupils)
        let size = try ReuseTests.bytes(path).count
        #expect((size > 1 << 20) == (pupils > 2_000))
        // Changed pupils, pupils gone (their couplings ended), new pupils with keys between the
        // stored ones, a changed verzorger, new couplings: every kind of change an import makes.
        let r = try ReuseTests.commitFresh(path) { d in
            var rows = g.leerlingRows()
            typealias L = Columns.L
            for i in 0..<8 where rows[i][L.vestiging] == "Leeuwenbrug" { rows[i][L.roepnaam] += "x" }
            rows[20][L.verzorger(1)] = "Q."
            rows.removeSubrange(30..<36)
            var added = rows[40]
            added[L.stamnr] = "100005"
            added[L.vestiging] = "Leeuwenbrug"
            rows.append(added)
            var awkward = rows[41]
            awkward[L.stamnr] = "A12x"
            awkward[L.vestiging] = "Leeuwenbrug"
            awkward[L.roepnaam] = "Zoë \"Zo\" \\"
            awkward[L.achternaam] = "Dijk\tvan"
            rows.append(awkward)
            let cs = ReuseTests.plan(g, rows, on: d)
            let c = cs.counts
            #expect((c[.leerlingen]?.nieuw ?? 0) >= 2 && (c[.leerlingen]?.gewijzigd ?? 0) >= 3)
            #expect((c[.koppelingen]?.beeindigd ?? 0) > 5 && (c[.koppelingen]?.nieuw ?? 0) > 5)
            return cs
        }
        #expect(r.reused > size * 9 / 10, "most of the document is copied")
        // The undo of that commit (a tail of couplings removed, ended ones reopened, pupils back
        // as they were, new ones removed) copies too, and gives the same bytes.
        let u = try ReuseTests.commitFresh(path) { d in try ChangeSet.reverting(r.undo, in: d.records) }
        #expect(u.reused > size * 9 / 10)
        // A commit that changes nothing still writes the document exactly.
        let empty = try ReuseTests.commitFresh(path) { _ in ChangeSet() }
        #expect(empty.reused > size * 9 / 10)
    }

    @Test func aResetAndItsUndoWriteTheSameBytes() throws {
        let (path, _) = try ReuseTests.school(pupils: 200)
        // Removals in the middle of the couplings, then insertions: the couplings are written
        // whole, the pupils and verzorgers still copied.
        let r = try ReuseTests.commitFresh(path) { d in Planner.reset(d.records, schooljaar: Schooljaar(startYear: 2026), today: ReuseTests.today) }
        #expect(!r.undo.removedKoppelingen.isEmpty)
        #expect(r.reused > 0)
        let u = try ReuseTests.commitFresh(path) { d in try ChangeSet.reverting(r.undo, in: d.records) }
        #expect(u.reused > 0)
        #expect(u.after.koppelingen.count == r.undo.removedKoppelingen.count + r.after.koppelingen.count)
    }

    @Test func aSecondCommitInTheSameSessionWritesTheSameBytes() throws {
        let (path, g) = try ReuseTests.school(pupils: 100)
        let store = try Store(path: path)
        typealias L = Columns.L
        for round in 0..<3 {
            let before = try store.data()
            var rows = g.leerlingRows()
            for i in 0..<(round + 2) { rows[i][L.roepnaam] += String(round) }
            let cs = ReuseTests.plan(g, rows, on: before)
            try store.commit(cs, logEntry: { _ in JSONValue.object([]) }) { _ in }
            var expected = before
            _ = try expected.apply(cs)
            let written = try ReuseTests.bytes(path)
            expected.commits = try StoreData(decoding: written).commits
            #expect(written == expected.encoded(), "round \(round)")
        }
    }

    @Test func aFileChangedSinceItWasReadIsNotCopiedFrom() throws {
        let (path, g) = try ReuseTests.school(pupils: 100)
        let store = try Store(path: path)
        let before = try store.data()
        // Written in place with the same bytes, its modification time set back: what the store
        // stamps a file by is as it was; only the change time (which nothing sets back) is new.
        let original = try ReuseTests.bytes(path)
        var st = stat()
        #expect(stat(path, &st) == 0)
        usleep(20_000)
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        _ = original.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [st.st_atim, st.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(Store.stamp(path) == [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)])
        var rows = g.leerlingRows()
        rows[0][Columns.L.roepnaam] += "y"
        let cs = ReuseTests.plan(g, rows, on: before)
        try store.commit(cs, logEntry: { _ in JSONValue.object([]) }) { _ in }
        #expect(store.lastWriteReused == 0)
        var expected = before
        _ = try expected.apply(cs)
        let written = try ReuseTests.bytes(path)
        expected.commits = try StoreData(decoding: written).commits
        #expect(written == expected.encoded())
    }

    /// Documents whose sections hold what the writer never writes that way: that section is not
    /// reused, the others are, and reusing all that is marked reusable gives the writer's bytes.
    @Test(arguments: [
        ("leerlingen", #"["10001","10001","Jan","","Bos",null,"man",null,null]"#, #"["10001", "10001","Jan","","Bos",null,"man",null,null]"#),
        ("leerlingen", #"["10001","10001","Jan","","Bos",null,"man",null,null]"#, #"["10001","10001","J\u0061n","","Bos",null,"man",null,null]"#),
        ("leerlingen", #"["10001","10001","Jan","","Bos",null,"man",null,null]"#, "[\"10001\",\"10001\",\"Jan\u{7F}\",\"\",\"Bos\",null,\"man\",null,null]"),
        ("leerlingen", #"["10004","10004","#, #"["10000","10004","#),
        ("verzorgers", #"["10001",1,"#, #"["10001",01,"#),
        ("verzorgers", #"["10001",1,"P.","","Bos","man",null,true]"#, #"["10001",1,"P.","","Bos","man",null,true ]"#),
        ("koppelingen", #"["vestiging",2026,"#, #"["vestiging",02026,"#),
        ("koppelingen", #""2026-11-29",null]"#, #""2026-11-29",null]"#.replacingOccurrences(of: "null]", with: "null\n]")),
        ("koppelingen", #"["stamgroep",2026,"Leeuwenbrug","10001","1A""#, #"["stamgroep",2026,"Leeuwenbrug","10001","1\/A""#),
    ])
    func aSectionNotAsTheWriterWritesItIsNotReused(_ section: String, _ from: String, _ to: String) throws {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug"]
        let day = Day(unchecked: 2026, 11, 29)
        for k in ["10001", "10002", "10003"] {
            d.leerlingen[k] = Leerling(key: k, stamnr: k, roepnaam: "Jan", tussenvoegsel: "", achternaam: "Bos", geboortedatum: nil,
                                       geslacht: .man, email: nil, vertrekdatum: nil)
            d.verzorgers[Verzorger.id(k, 1)] = Verzorger(leerling: k, slot: 1, voorletters: "P.", tussenvoegsel: "", achternaam: "Bos",
                                                         geslacht: .man, email: nil, post: true)
            d.koppelingen.append(Koppeling(soort: .vestiging, schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug",
                                           onderwerp: k, doel: "", extra: "371/1", start: day))
            d.koppelingen.append(Koppeling(soort: .stamgroep, schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug",
                                           onderwerp: k, doel: "1A", start: day))
        }
        // A pupil without couplings, last in key order.
        d.leerlingen["10004"] = Leerling(key: "10004", stamnr: "10004", roepnaam: "Piet", tussenvoegsel: "", achternaam: "Bos",
                                         geboortedatum: nil, geslacht: .man, email: nil, vertrekdatum: nil)
        let canonical = d.encoded()
        var p = StoreDecoder(canonical)
        _ = try p.document()
        #expect(p.layout.leerlingen != nil && p.layout.verzorgers != nil && p.layout.koppelingen != nil)
        #expect(ReuseTests.materialize(d.encodedPieces(reusing: StoreReuse(layout: p.layout, undo: Undo(), read: ReuseTests.reader(canonical))), canonical) == canonical)
        // Rows touched somewhere in the middle, read from the document: the same bytes; and when
        // the rows' keys cannot be read, their sections are written whole, still the same bytes.
        var touched = Undo()
        touched.createdLeerlingen = ["10002"]
        touched.formerVerzorgers = [try #require(d.verzorgers[Verzorger.id("10002", 1)])]
        let fromFile = d.encodedPieces(reusing: StoreReuse(layout: p.layout, undo: touched, read: ReuseTests.reader(canonical)))
        #expect(ReuseTests.materialize(fromFile, canonical) == canonical)
        #expect(fromFile.contains { if case .source = $0 { true } else { false } })
        let unreadable = d.encodedPieces(reusing: StoreReuse(layout: p.layout, undo: touched, read: { _ in nil }))
        #expect(ReuseTests.materialize(unreadable, canonical) == canonical)
        #expect(unreadable.count < fromFile.count)

        let text = String(decoding: canonical, as: UTF8.self)
        #expect(text.contains(from), "the test changes what the writer wrote")
        let changed = Array(text.replacingOccurrences(of: from, with: to).utf8)
        var q = StoreDecoder(changed)
        let read = try q.document()
        #expect((section == "leerlingen") == (q.layout.leerlingen == nil))
        #expect((section == "verzorgers") == (q.layout.verzorgers == nil))
        #expect((section == "koppelingen") == (q.layout.koppelingen == nil))
        #expect(ReuseTests.materialize(read.encodedPieces(reusing: StoreReuse(layout: q.layout, undo: Undo(), read: ReuseTests.reader(changed))), changed) == read.encoded())
    }

    @Test func everyCorruptionTheDecoderAcceptsIsReusedAsTheWriterWouldWrite() throws {
        // The decoder's refusals stay (StoreCorruptionTests); whatever it accepts, copying what it
        // marks as the writer's gives exactly the writer's bytes.
        var accepted = 0
        for n in StoreCorruptionTests.corruptions.indices {
            let bytes = StoreCorruptionTests.bytes(n)
            var p = StoreDecoder(bytes)
            guard let d = try? p.document() else { continue }
            accepted += 1
            #expect(ReuseTests.materialize(d.encodedPieces(reusing: StoreReuse(layout: p.layout, undo: Undo(), read: ReuseTests.reader(bytes))), bytes) == d.encoded(), "\(n)")
        }
        let base = Array(StoreCorruptionTests.text.utf8)
        var p = StoreDecoder(base)
        let d = try p.document()
        #expect(ReuseTests.materialize(d.encodedPieces(reusing: StoreReuse(layout: p.layout, undo: Undo(), read: ReuseTests.reader(base))), base) == base)
        _ = accepted
    }
}
