import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienShell
@testable import ZienStore

/// What "all-or-nothing" and "two sessions" mean in practice.
@Suite(.serialized) struct CommitSafetyTests {
    static func tempStore() -> String {
        let dir = NSTemporaryDirectory() + "zien-safety-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/store.json"
    }

    static func session(_ path: String) throws -> (Session, ScriptRunner, CapturingConsole) {
        let session = Session(store: try Store(path: path), today: Day(unchecked: 2026, 11, 29))
        let console = CapturingConsole()
        let runner = ScriptRunner(session: session, console: console, json: false, palette: Palette(enabled: false))
        return (session, runner, console)
    }

    /// Two sessions check against the same store and both commit: the second is refused (its
    /// change set was computed from a store that no longer exists) and changes nothing.
    @Test func secondOfTwoConcurrentCommitsIsRefused() throws {
        let path = CommitSafetyTests.tempStore()
        let (_, setup, _) = try CommitSafetyTests.session(path)
        #expect(setup.execute("vestiging add Leeuwenbrug") == nil)
        #expect(setup.execute("vestiging add 'Het Baken'") == nil)
        let fixtures = Harness.fixtures
        let (_, a, _) = try CommitSafetyTests.session(path)
        let (_, b, _) = try CommitSafetyTests.session(path)
        for r in [a, b] {
            #expect(r.execute("vestiging Leeuwenbrug") == nil)
            #expect(r.execute("load \(fixtures)/school/leerling.csv") == nil)
            #expect(r.execute("check") == nil)
        }
        #expect(a.execute("commit") == nil)
        let afterA = try Data(contentsOf: URL(fileURLWithPath: path))
        let refused = b.execute("commit")
        #expect(refused?.exitCode == 1)
        #expect(refused?.message.contains("andere sessie") == true)
        // The refusal is in the Importoverzicht, with its reason.
        let last = try Store(path: path).importLog().last
        #expect(last?["soort"]?.stringValue == "import geweigerd")
        #expect(last?["reden"]?.stringValue?.hasPrefix("een andere sessie wijzigde de opslag sinds de check (revisie") == true)
        let afterB = try Data(contentsOf: URL(fileURLWithPath: path))
        // The refusal wrote nothing but (at most) nothing: the data is A's.
        #expect(try StoreData(decoding: Array(afterB)).leerlingen == StoreData(decoding: Array(afterA)).leerlingen)
        // Checking again against the new store gives an empty change set, and commits.
        #expect(b.execute("check") == nil)
        #expect(b.session.pendingChanges?.isEmpty == true)
        #expect(b.execute("commit") == nil)
    }

    /// A refused commit (Fout) leaves the store's data byte-identical.
    @Test func refusedCommitLeavesDataUntouched() throws {
        let path = CommitSafetyTests.tempStore()
        let (_, r, _) = try CommitSafetyTests.session(path)
        #expect(r.execute("vestiging add Leeuwenbrug") == nil)
        #expect(r.execute("load \(Harness.fixtures)/melding2381/leerling.csv") == nil)
        #expect(r.execute("check") == nil)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let logBefore = try Store(path: path).importLog().count
        #expect(r.execute("commit")?.exitCode == 3)
        // The document is not written at all; the refusal is one more line in the log, with its reason.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let log = try Store(path: path).importLog()
        #expect(log.count == logBefore + 1)
        #expect(log.last?["soort"]?.stringValue == "import geweigerd")
        #expect(log.last?["reden"]?.stringValue == "de check vond 1 fout")
    }

    /// A child process commits a large change set and is killed with SIGKILL at random moments;
    /// after each kill the store opens and holds exactly the data before or exactly the data after.
    @Test func killedCommitLeavesTheStoreBeforeOrAfter() throws {
        let fixtures = Harness.fixtures
        let big = fixtures + "/crash"
        if !FileManager.default.fileExists(atPath: big + "/leerling.csv") {
            var g = SchoolGenerator(pupils: 6000, seed: 99)
            g.format.charset = .windows1252
            try FileManager.default.createDirectory(atPath: big, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: big + "/leerling.csv", contents: Data(g.file(.leerling)))
        }
        let path = CommitSafetyTests.tempStore()
        // Before: a small committed school. After: the same plus the big file committed.
        let setup = "vestiging add Leeuwenbrug; vestiging add 'Het Baken'; load \(fixtures)/school/leerling.csv; check; commit"
        _ = try run(["--store", path, "-c", setup])
        let before = try data(path)
        let commitBig = "vestiging Leeuwenbrug; load \(big)/leerling.csv; check; commit --yes"
        let reference = CommitSafetyTests.tempStore()
        try FileManager.default.copyItem(atPath: path, toPath: reference)
        _ = try run(["--store", reference, "-c", commitBig])
        let after = try data(reference)
        #expect(before.leerlingen.count < after.leerlingen.count)

        // Kill moments spread over the whole run (load, check, planning, the write and after it),
        // with some jitter; the last ones come after the process has certainly finished.
        var outcomes = (before: 0, after: 0)
        var rng = SplitMix64(seed: 7)
        for i in 0..<12 {
            let copy = CommitSafetyTests.tempStore()
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            let p = try process(["--store", copy, "-c", commitBig])
            try p.run()
            usleep(UInt32(i < 10 ? 30_000 + i * 150_000 + rng.next(100_000) : 5_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try data(copy)   // must open: neither corrupt nor half-written
            if now == before { outcomes.before += 1 } else if now == after { outcomes.after += 1 } else {
                Issue.record("store is neither before nor after the commit")
            }
        }
        #expect(outcomes.before + outcomes.after == 12)
        #expect(outcomes.before >= 1 && outcomes.after >= 2)
    }

    /// A child process undoes a large commit (`undo; commit --yes`) and is killed with SIGKILL at
    /// random moments: the store is exactly as before the undo or exactly as after it, and the log
    /// holds every entry that was completed (an undo entry only when the undo is in the store).
    @Test func killedUndoLeavesTheStoreBeforeOrAfter() throws {
        let fixtures = Harness.fixtures
        let big = fixtures + "/crash"
        if !FileManager.default.fileExists(atPath: big + "/leerling.csv") {
            var g = SchoolGenerator(pupils: 6000, seed: 99)
            g.format.charset = .windows1252
            try FileManager.default.createDirectory(atPath: big, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: big + "/leerling.csv", contents: Data(g.file(.leerling)))
        }
        let path = CommitSafetyTests.tempStore()
        // Before the undo: a small school, then the big file committed on top.
        let setup = "vestiging add Leeuwenbrug; vestiging add 'Het Baken'; load \(fixtures)/school/leerling.csv; check; commit; load \(big)/leerling.csv; check; commit --yes"
        _ = try run(["--store", path, "-c", setup])
        let before = try data(path)
        let logBefore = try Store(path: path).importLog().count
        let undo = "vestiging Leeuwenbrug; undo; commit --yes"
        let reference = CommitSafetyTests.tempStore()
        try FileManager.default.copyItem(atPath: path, toPath: reference)
        try FileManager.default.copyItem(atPath: LogFile.path(forStore: path), toPath: LogFile.path(forStore: reference))
        #expect(try run(["--store", reference, "-c", undo]) == 0)
        let after = try data(reference)
        #expect(before.leerlingen.count > after.leerlingen.count)

        var outcomes = (before: 0, after: 0)
        var rng = SplitMix64(seed: 13)
        for i in 0..<12 {
            let copy = CommitSafetyTests.tempStore()
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: LogFile.path(forStore: path), toPath: LogFile.path(forStore: copy))
            let p = try process(["--store", copy, "-c", undo])
            try p.run()
            usleep(UInt32(i < 10 ? 20_000 + i * 90_000 + rng.next(60_000) : 5_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try data(copy)   // must open: neither corrupt nor half-written
            let log = try Store(path: copy).importLog()
            // Every line is a whole entry; the entries before are all there.
            #expect(log.count >= logBefore)
            for n in log.indices { #expect(log[n]["soort"]?.stringValue != nil, "entry \(n + 1) after kill \(i)") }
            if now == before {
                outcomes.before += 1
                // The entry is appended just before the document is replaced: only a kill in that
                // instant leaves it without its commit (and undo then never finds its id).
                #expect(log.count == logBefore || (log.count == logBefore + 1 && log.last?["soort"]?.stringValue == "undo"))
                if log.count > logBefore { print("killedUndo: kill \(i) came between entry and document") }
            } else if now == after {
                outcomes.after += 1
                // A commit in the store always has its entry.
                #expect(log.count == logBefore + 1 && log.last?["soort"]?.stringValue == "undo")
            } else {
                Issue.record("store is neither before nor after the undo")
            }
        }
        #expect(outcomes.before + outcomes.after == 12)
        #expect(outcomes.before >= 1 && outcomes.after >= 2)
        print("killedUndo: 12 kills, \(outcomes.before) before, \(outcomes.after) after")
    }

    /// A child process appends check after check to the log and is killed with SIGKILL at random
    /// moments: the document is never touched, every complete line of the log is an entry, every
    /// check the child reported done is in it, and the next append cuts off a torn line.
    @Test func killedLogAppendLeavesEveryCompletedEntry() throws {
        let fixtures = Harness.fixtures
        let path = CommitSafetyTests.tempStore()
        _ = try run(["--store", path, "-c", "vestiging add Leeuwenbrug; vestiging add 'Het Baken'"])
        let document = try Data(contentsOf: URL(fileURLWithPath: path))
        let checks = "vestiging Leeuwenbrug; load \(fixtures)/school/leerling.csv" + String(repeating: "; check", count: 200)
        var rng = SplitMix64(seed: 11)
        var torn = 0, total = 0
        for i in 0..<10 {
            let copy = CommitSafetyTests.tempStore()
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            let out = copy + ".out"
            FileManager.default.createFile(atPath: out, contents: nil)
            let p = try process(["--store", copy, "-c", checks])
            p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            try p.run()
            usleep(UInt32(50_000 + i * 60_000 + rng.next(40_000)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == document)
            let logPath = LogFile.path(forStore: copy)
            let raw = (try? Data(contentsOf: URL(fileURLWithPath: logPath))).map { Array($0) } ?? []
            if raw.last.map({ $0 != 0x0A }) == true { torn += 1 }
            let log = try Store(path: copy).importLog()
            for n in log.indices { #expect(log[n]["soort"]?.stringValue == "test", "line \(n + 1) after kill \(i)") }
            let reported = (try String(contentsOfFile: out, encoding: .utf8)).components(separatedBy: "\nStatus: ").count - 1
            #expect(log.count >= reported)
            total += log.count
            // The next append: a whole line after the complete ones, whatever the kill left.
            _ = try run(["--store", copy, "-c", "vestiging Leeuwenbrug; load \(fixtures)/school/leerling.csv; check"])
            let after = Array(try Data(contentsOf: URL(fileURLWithPath: logPath)))
            #expect(after.last == 0x0A)
            #expect(try Store(path: copy).importLog().count == log.count + 1)
            #expect(LogFile.lines(after).allSatisfy { (try? JSONValue.parse($0))?["soort"]?.stringValue == "test" })
        }
        // The kills came while entries were being written, not only before the first.
        #expect(total > 10)
        print("killedLogAppend: 10 kills, \(total) entries kept, \(torn) torn last lines cut off")
    }

    /// The store's data without the import log (a log entry is not data).
    func data(_ path: String) throws -> StoreData {
        var d = try StoreData(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        d.revision = 0
        return d
    }

    func process(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["ZIEN_TODAY"] = "2026-11-29"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        return p
    }

    func run(_ args: [String]) throws -> Int32 {
        let p = try process(args)
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}
