import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienShell
@testable import ZienStore

/// `undo` (SPEC §4): a pending change set that reverts the most recent commit not yet undone,
/// committed like any other, stepping further back each time.
@Suite(.serialized) struct UndoTests {
    static func folder() -> String {
        let dir = NSTemporaryDirectory() + "zien-undo-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// What undo must give back: the data (records with their couplings and dates, vestigingen,
    /// dossiers), without revision or journal.
    struct Data: Equatable {
        var records: StoreRecords
        var vestigingen: [String]
        var other: JSONValue
        init(_ d: StoreData) {
            records = d.records
            vestigingen = d.vestigingen
            other = .object(d.other)
        }
    }

    static func data(_ path: String) throws -> Data { Data(try Store(path: path).data()) }

    /// The three files `export` writes for the session's vestiging and schooljaar (a soort with
    /// nothing to export is absent).
    static func exported(_ r: ScriptRunner, _ dir: String) throws -> [String: [UInt8]] {
        #expect(r.execute("export \(dir) --force") == nil)
        var out: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            out[name] = Array(try Foundation.Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            try FileManager.default.removeItem(atPath: dir + "/" + name)
        }
        return out
    }

    static func write(_ bytes: [UInt8], _ path: String) {
        FileManager.default.createFile(atPath: path, contents: Foundation.Data(bytes))
    }

    /// One step of the random sequence: files to commit (or a reset).
    enum Step: CustomStringConvertible {
        case files([Soort: [UInt8]], label: String)
        case reset
        var description: String {
            switch self {
            case .files(_, let label): return label
            case .reset: return "reset"
            }
        }
    }

    /// A random sequence over one generated school that changes over time: full imports,
    /// imports of changed rows (e-mail, klas, mentor, teacher), filtered imports (a share of the
    /// rows left out: couplings ended), single soorten, and resets.
    static func steps(seed: UInt64, count: Int) -> [Step] {
        var rng = SplitMix64(seed: seed)
        let g = SchoolGenerator(pupils: 24 + rng.next(20), seed: seed)
        var leerling = g.leerlingRows(), groepen = g.groepenRows(), koppel = g.koppelRows()
        var out: [Step] = []
        for n in 0..<count {
            let roll = rng.next(10)
            if roll == 0 && n > 0 {
                out.append(.reset)
                continue
            }
            // Change some values: they are the truth from now on.
            for _ in 0..<rng.next(6) where !leerling.isEmpty {
                let i = rng.next(leerling.count)
                switch rng.next(3) {
                case 0: leerling[i][6] = "nieuw\(n).\(i)@leerling.example.nl"
                case 1: leerling[i][11] = ["1A", "1B", "2A", "2C"][rng.next(4)]
                default: if leerling[i].count > 34 { leerling[i][33] = "Mentor\(n)" }
                }
            }
            if !groepen.isEmpty, rng.next(2) == 0 { groepen[rng.next(groepen.count)][5] = "docent\(n)@example.nl" }
            func some(_ rows: [[String]]) -> [[String]] {
                // A filtered export: a third to two thirds of the rows.
                let keep = 3 + rng.next(4)
                return rows.enumerated().filter { ($0.offset * 7 + n) % 9 < keep }.map(\.element)
            }
            let filtered = roll <= 3
            var files: [Soort: [UInt8]] = [:]
            let which = rng.next(4)
            if which == 0 || which == 3 { files[.leerling] = g.render(.leerling, filtered ? some(leerling) : leerling) }
            if which == 1 || which == 3 { files[.groepen] = g.render(.groepen, filtered ? some(groepen) : groepen) }
            if which == 2 || which == 3 { files[.koppel] = g.render(.koppel, filtered ? some(koppel) : koppel) }
            out.append(.files(files, label: (filtered ? "gefilterd " : "") + files.keys.sorted().map(\.rawValue).joined(separator: "+")))
        }
        return out
    }

    /// Property: after any sequence of commits, undoing back to a commit gives exactly the store
    /// after that commit — as data (records, couplings with their dates, vestigingen, dossiers)
    /// and through `export` — all the way back to before the first.
    @Test(arguments: [UInt64(3), 17, 101, 2026])
    func undoingBackToACommitGivesTheStoreAfterIt(seed: UInt64) throws {
        let dir = UndoTests.folder()
        let path = dir + "/store.json"
        let (_, r, console) = try CommitSafetyTests.session(path)
        #expect(r.execute("vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug") == nil)
        // Dossiers: never touched by any commit or undo.
        try Store(path: path).update { $0.other = [("dossiers", .object([("10001", .array([.string("plan"), .int(2)]))]))] }
        var states = [try UndoTests.data(path)]
        var exports = [try UndoTests.exported(r, dir + "/export")]
        var labels = ["begin"]
        for (n, step) in UndoTests.steps(seed: seed, count: 12).enumerated() {
            switch step {
            case .reset:
                #expect(r.execute("reset-inrichting --yes") == nil, "\(console.errors)")
                if r.session.pendingChanges == nil { continue }   // nothing to reset
            case .files(let files, _):
                #expect(r.execute("unload") == nil)
                for (soort, bytes) in files {
                    let file = dir + "/\(n)-\(soort.rawValue).csv"
                    UndoTests.write(bytes, file)
                    #expect(r.execute("load \(file) as \(soort.rawValue)") == nil)
                }
                #expect(r.execute("check") == nil)
                if r.session.pendingChanges?.isEmpty != false { continue }   // nothing would change: no commit
            }
            #expect(r.execute("commit --yes") == nil, "step \(n) \(step): \(console.errors)")
            states.append(try UndoTests.data(path))
            exports.append(try UndoTests.exported(r, dir + "/export"))
            labels.append("\(n) \(step)")
        }
        #expect(states.count >= 11, "at least 10 commits to step back through")
        print("undo property, seed \(seed): \(labels.joined(separator: ", "))")
        // Back, one commit at a time, to before the first.
        for k in stride(from: states.count - 2, through: 0, by: -1) {
            #expect(r.execute("undo") == nil, "undo to \(labels[k]): \(console.errors)")
            #expect(r.execute("commit --yes") == nil, "undo to \(labels[k]): \(console.errors)")
            let now = try UndoTests.data(path)
            #expect(now == states[k], "after undoing back to \(labels[k])")
            if now != states[k] { break }
            #expect(try UndoTests.exported(r, dir + "/export") == exports[k], "export after undoing back to \(labels[k])")
        }
        // Nothing left: the undos are not themselves undone.
        let last = r.execute("undo")
        #expect(last?.exitCode == 1)
        #expect(last?.message.contains("Er is geen commit om terug te draaien") == true)
        // Every commit and undo is in the Importoverzicht with its kind.
        let log = try Store(path: path).importLog()
        let undos = log.filter { $0["soort"]?.stringValue == "undo" }
        #expect(undos.count == states.count - 1)
        #expect(undos.allSatisfy { $0["terugdraait"]?.intValue != nil && $0["undo"] != nil })
    }

    /// A school imported, then a filtered export committed (ending most couplings): the admin's case.
    static func filteredExportCommitted(_ dir: String) throws -> (path: String, runner: ScriptRunner, before: Data, after: Data) {
        let path = dir + "/store.json"
        let (_, r, _) = try CommitSafetyTests.session(path)
        let g = SchoolGenerator(pupils: 40, seed: 7)
        UndoTests.write(g.file(.leerling), dir + "/leerling.csv")
        UndoTests.write(g.render(.leerling, Array(g.leerlingRows().prefix(8))), dir + "/gefilterd.csv")
        #expect(r.execute("vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug") == nil)
        #expect(r.execute("load \(dir)/leerling.csv; check; commit") == nil)
        let before = try UndoTests.data(path)
        #expect(r.execute("load \(dir)/gefilterd.csv; check") == nil)
        #expect(r.session.pendingChanges?.endsMany == true)
        #expect(r.execute("commit --yes") == nil)
        return (path, r, before, try UndoTests.data(path))
    }

    @Test func undoOfAFilteredExportRestoresEveryCouplingWithItsStartDate() throws {
        let dir = UndoTests.folder()
        let (path, r, before, after) = try UndoTests.filteredExportCommitted(dir)
        let ended = after.records.koppelingen.filter { $0.einde != nil }.count
        #expect(ended > 20)
        #expect(r.execute("undo") == nil)
        // The pending change set shows what comes back.
        let cs = try #require(r.session.pendingChanges)
        #expect(cs.counts[.koppelingen]?.gewijzigd == ended)
        #expect(r.execute("show changes") == nil)
        // In a script the commit needs --yes.
        let refused = r.execute("commit")
        #expect(refused?.exitCode == 1 && refused?.message.contains("commit --yes") == true)
        // For a program: what it would undo, as data.
        #expect(refused?.code == "undo-bevestiging-nodig")
        let undone = try #require(r.session.pendingUndo)
        #expect(refused?.json["import"]?.intValue == undone.number && refused?.json["id"]?.stringValue == undone.id)
        #expect(refused?.json["total"]?.stringValue == Render.changeTotal(cs))
        #expect(r.execute("commit --yes") == nil)
        let now = try UndoTests.data(path)
        #expect(now == before)
        #expect(now.records.koppelingen.allSatisfy { $0.einde == nil })
        // The undo is in the Importoverzicht as such; show imports names its kind.
        let log = try Store(path: path).importLog()
        #expect(log.last?["soort"]?.stringValue == "undo")
        #expect(log.last?["terugdraait"]?.intValue == log.count - 1)
        #expect(r.execute("show imports") == nil)
    }

    @Test func nothingToUndoIsRefused() throws {
        let dir = UndoTests.folder()
        let (_, r, _) = try CommitSafetyTests.session(dir + "/store.json")
        #expect(r.execute("vestiging add Leeuwenbrug") == nil)
        let e = r.execute("undo")
        #expect(e?.exitCode == 1)
        #expect(e?.message == "Er is geen commit om terug te draaien")
        #expect(r.session.pendingChanges == nil)
    }

    /// An empty commit (the same files again) changes nothing and is not a step of undo.
    @Test func anEmptyCommitIsNotAStep() throws {
        let dir = UndoTests.folder()
        let (path, r, before, _) = try UndoTests.filteredExportCommitted(dir)
        #expect(r.execute("check; commit") == nil)   // the filtered file again: nothing to do
        #expect(r.execute("undo; commit --yes") == nil)
        #expect(try UndoTests.data(path) == before)
    }

    @Test func aRenamedVestigingIsInTheWay() throws {
        let dir = UndoTests.folder()
        let (path, r, _, after) = try UndoTests.filteredExportCommitted(dir)
        #expect(r.execute("vestiging rename Leeuwenbrug Leeuwenburcht") == nil)
        let e = r.execute("undo")
        #expect(e?.exitCode == 1)
        #expect(e?.message.contains("vestiging 'Leeuwenbrug'") == true && e?.message.contains("hernoemd of verwijderd") == true)
        #expect(r.session.pendingChanges == nil)
        var renamed = after
        renamed.vestigingen = ["Leeuwenburcht", "Het Baken"]
        #expect(try UndoTests.data(path).records.koppelingen.count == renamed.records.koppelingen.count)
        // Renamed back: the way is clear again.
        #expect(r.execute("vestiging rename Leeuwenburcht Leeuwenbrug") == nil)
        #expect(r.execute("undo") == nil)
    }

    /// A record the commit created that is no longer there (the store edited by another tool):
    /// refused, naming it.
    @Test func aRecordThatIsGoneIsInTheWay() throws {
        let dir = UndoTests.folder()
        let path = dir + "/store.json"
        let (_, r, _) = try CommitSafetyTests.session(path)
        let g = SchoolGenerator(pupils: 12, seed: 5)
        UndoTests.write(g.file(.leerling), dir + "/leerling.csv")
        #expect(r.execute("vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug; load \(dir)/leerling.csv; check; commit") == nil)
        let victim = try #require(try Store(path: path).data().leerlingen.keys.sorted().first)
        try Store(path: path).update { d in
            d.leerlingen[victim] = nil
            d.koppelingen.removeAll { $0.onderwerp == victim }
            d.verzorgers = d.verzorgers.filter { $0.value.leerling != victim }
        }
        let e = r.execute("undo")
        #expect(e?.exitCode == 1)
        #expect(e?.message.hasPrefix("Undo van import 2 geweigerd:") == true, "\(e?.message ?? "")")
        #expect(e?.message.contains("niet meer") == true)
    }

    /// The commit's line is missing from the Importoverzicht (a crash between the document and the
    /// log, or a removed log): undo does not guess.
    @Test func aMissingJournalIsRefused() throws {
        let dir = UndoTests.folder()
        let (path, r, _, _) = try UndoTests.filteredExportCommitted(dir)
        try FileManager.default.removeItem(atPath: LogFile.path(forStore: path))
        let e = r.execute("undo")
        #expect(e?.exitCode == 1)
        #expect(e?.message.contains("heeft de regel van de laatste commit niet") == true)
    }

    /// Another session commits between `undo` and `commit`: refused before any question, recorded.
    @Test func aStaleUndoIsRefusedAndRecorded() throws {
        let dir = UndoTests.folder()
        let (path, r, _, after) = try UndoTests.filteredExportCommitted(dir)
        #expect(r.execute("undo") == nil)
        let (_, other, _) = try CommitSafetyTests.session(path)
        #expect(other.execute("vestiging add Noord") == nil)
        let e = r.execute("commit --yes")
        #expect(e?.exitCode == 1)
        #expect(e?.message.contains("sinds de undo") == true)
        #expect(e?.code == "opslag-gewijzigd")
        let last = try #require(try Store(path: path).importLog().last)
        #expect(last["soort"]?.stringValue == "undo geweigerd")
        #expect(last["reden"]?.stringValue?.contains("sinds de undo") == true)
        var withNoord = after
        withNoord.vestigingen.append("Noord")
        #expect(try UndoTests.data(path) == withNoord)
        // Made again, it goes through.
        #expect(r.execute("undo; commit --yes") == nil)
    }

    /// The journal of a commit is what undoes it, not a copy of the store: a board-like first
    /// import's journal names created records by key and its couplings as one range.
    @Test func theJournalIsCompact() throws {
        let dir = UndoTests.folder()
        let path = dir + "/store.json"
        let (_, r, _) = try CommitSafetyTests.session(path)
        let g = SchoolGenerator(pupils: 2000, seed: 9)
        UndoTests.write(g.file(.leerling), dir + "/leerling.csv")
        #expect(r.execute("vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug; load \(dir)/leerling.csv; check; commit") == nil)
        let entry = try #require(try Store(path: path).importLog().last)
        let journal = try #require(entry["undo"])
        #expect(journal["created"]?["koppelingen"]?.arrayValue?.count == 1)
        let journalSize = LogFile.line(journal).count
        let storeSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(journalSize * 5 < storeSize, "journal \(journalSize) B, store \(storeSize) B")
    }
}
