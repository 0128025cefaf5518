import Foundation
import Testing
@testable import ZienStore
import ZienCore

/// The Importoverzicht is `store.log` beside the document: JSON Lines appended under the lock,
/// never a rewrite of the store.
@Suite struct AppendLogTests {
    /// A store path in a new folder (only the default location's folder is made by the store).
    static func path() -> String {
        let dir = NSTemporaryDirectory() + "zien-log-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/store.json"
    }

    static func sample(dossiers: Bool) -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        d.revision = 7
        d.leerlingen["10234"] = Leerling(key: "10234", stamnr: "010234", roepnaam: "Zoë", tussenvoegsel: "d’", achternaam: "Hondt",
                                         geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .vrouw, email: nil, vertrekdatum: nil)
        d.koppelingen = [Koppeling(soort: .stamgroep, schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug",
                                   onderwerp: "10234", doel: "1A", start: Day(unchecked: 2026, 8, 1))]
        if dossiers { d.other = [("dossiers", .object([("10234", .array([.string("plan ]} \n met haakjes")]))]))] }
        return d
    }

    static func entry(_ n: Int) -> JSONValue {
        .object([("tijd", .string("2026-11-29")), ("soort", .string("test")), ("nummer", .int(n)),
                 ("message", .string("regel met ] en } en \"quotes\"\n en een regeleinde"))])
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    static func logPath(_ path: String) -> String { LogFile.path(forStore: path) }
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func theLogLivesBesideTheStore() {
        #expect(LogFile.path(forStore: "/a/b/store.json") == "/a/b/store.log")
        #expect(LogFile.path(forStore: "/a/b/opslag") == "/a/b/opslag.log")
    }

    @Test(arguments: [false, true])
    func anEntryIsOneLineAppendedAndTheDocumentIsNotWritten(dossiers: Bool) throws {
        let path = AppendLogTests.path()
        let store = try Store(path: path)
        try store.update { $0 = AppendLogTests.sample(dossiers: dossiers) }
        let before = try AppendLogTests.bytes(path)
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try store.appendLog(AppendLogTests.entry(1))
        try store.appendLog(AppendLogTests.entry(2))
        // The document is the same file with the same bytes; the revision did not move.
        #expect(try AppendLogTests.bytes(path) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
        #expect(store.header.revision == 7)
        // Two lines, each the entry's JSON, owner-only.
        let log = try AppendLogTests.bytes(AppendLogTests.logPath(path))
        #expect(log == LogFile.line(AppendLogTests.entry(1)) + [0x0A] + LogFile.line(AppendLogTests.entry(2)) + [0x0A])
        #expect(try AppendLogTests.mode(AppendLogTests.logPath(path)) == 0o600)
        #expect(try Store(path: path).importLog() == [AppendLogTests.entry(1), AppendLogTests.entry(2)])
        #expect(try store.importLog() == [AppendLogTests.entry(1), AppendLogTests.entry(2)])
        #expect(try Store(path: path).data() == AppendLogTests.sample(dossiers: dossiers))
        // A commit writes the document and appends its entry.
        try store.commit(ChangeSet(), logEntry: { _ in AppendLogTests.entry(3) }) { _ in }
        #expect(try Store(path: path).importLog().map { $0["nummer"]?.intValue } == [1, 2, 3])
    }

    /// `show imports` reads the log alone: a document whose records are broken still lists it.
    @Test func theLogIsReadWithoutDecodingTheRecords() throws {
        let path = AppendLogTests.path()
        let store = try Store(path: path)
        try store.update { $0 = AppendLogTests.sample(dossiers: false) }
        try store.appendLog(AppendLogTests.entry(1))
        let text = String(decoding: try AppendLogTests.bytes(path), as: UTF8.self)
            .replacingOccurrences(of: "\"Hondt\"", with: "\"Hondt\" kapot")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reopened = try Store(path: path)
        #expect(try reopened.importLog() == [AppendLogTests.entry(1)])
        #expect(throws: StoreError.self) { try reopened.data() }
    }

    /// A crash during an append leaves a last line without its LF: it is not an entry, and the
    /// next append cuts it off before it writes.
    @Test func aTornLastLineIsIgnoredAndCutOffByTheNextAppend() throws {
        let path = AppendLogTests.path()
        let store = try Store(path: path)
        try store.update { $0 = AppendLogTests.sample(dossiers: false) }
        try store.appendLog(AppendLogTests.entry(1))
        try store.appendLog(AppendLogTests.entry(2))
        let logPath = AppendLogTests.logPath(path)
        let whole = try AppendLogTests.bytes(logPath)
        let torn = LogFile.line(AppendLogTests.entry(3)).prefix(25)
        for tail in [Array(torn), [0x7B], Array("{\"tijd\": \"2026-11-29\", \"soort\": \"test\"}".utf8)] {
            try Data(whole + tail).write(to: URL(fileURLWithPath: logPath))
            #expect(try Store(path: path).importLog() == [AppendLogTests.entry(1), AppendLogTests.entry(2)])
        }
        try store.appendLog(AppendLogTests.entry(4))
        #expect(try AppendLogTests.bytes(logPath) == whole + LogFile.line(AppendLogTests.entry(4)) + [0x0A])
        #expect(try Store(path: path).importLog().map { $0["nummer"]?.intValue } == [1, 2, 4])
        // A log that is all torn: cut to nothing, then the entry.
        try Data(torn).write(to: URL(fileURLWithPath: logPath))
        #expect(try Store(path: path).importLog().isEmpty)
        try store.appendLog(AppendLogTests.entry(5))
        #expect(try AppendLogTests.bytes(logPath) == LogFile.line(AppendLogTests.entry(5)) + [0x0A])
    }

    /// A link planted at the log's name is not followed.
    @Test func aLinkAtTheLogIsRefused() throws {
        let path = AppendLogTests.path()
        let store = try Store(path: path)
        try store.update { $0 = AppendLogTests.sample(dossiers: false) }
        let victim = NSTemporaryDirectory() + "zien-victim-\(UUID().uuidString)"
        try "niet aanraken\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: AppendLogTests.logPath(path), withDestinationPath: victim)
        #expect(throws: StoreError.self) { try store.appendLog(AppendLogTests.entry(1)) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "niet aanraken\n")
    }

    /// When another session wrote in between, both are kept.
    @Test func anotherSessionsWriteIsNotLost() throws {
        let path = AppendLogTests.path()
        let a = try Store(path: path)
        try a.update { $0 = AppendLogTests.sample(dossiers: true) }
        _ = try a.data()
        let b = try Store(path: path)
        try b.update { $0.vestigingen.append("Noord"); $0.revision += 1 }
        try b.appendLog(AppendLogTests.entry(2))
        try a.appendLog(AppendLogTests.entry(3))
        // Appending did not read the document; the next reload sees b's write.
        try a.reload()
        let d = try a.data()
        #expect(d.vestigingen == ["Leeuwenbrug", "Het Baken", "Noord"])
        #expect(try a.importLog() == [AppendLogTests.entry(2), AppendLogTests.entry(3)])
        #expect(try Store(path: path).data() == d)
    }
}

/// A store of format 2 kept its log inside the document: the next write moves it out.
@Suite struct LogMigrationTests {
    /// A format-2 document as that version wrote it: the current layout with the log on its own
    /// line before the closing brace.
    static func formatTwo(_ d: StoreData, log texts: [String]) -> String {
        var text = String(decoding: d.encoded(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"formatVersion\":\(StoreData.currentFormatVersion),", with: "\"formatVersion\":2,")
        let close = "\n}\n"
        #expect(text.hasSuffix(close))
        text = String(text.dropLast(close.count)) + "\n,\"importlog\":[" + texts.joined(separator: ",") + "]}\n"
        return text
    }

    static let handWritten = #"{ "tijd" : "2025-09-01",  "diagnostics": [ {"regel": 3, "code": "geen-ouders"} ] }"#
    static let multiLine = "{\"tijd\": \"2025-10-01\",\n  \"soort\": \"import\"\n}"

    static func entries() -> [String] {
        [String(decoding: LogFile.line(AppendLogTests.entry(1)), as: UTF8.self), handWritten, multiLine,
         String(decoding: LogFile.line(AppendLogTests.entry(2)), as: UTF8.self)]
    }

    /// `sample` with `n` more pupils (a document larger than the first bytes read for its header).
    static func larger(_ d: StoreData, _ n: Int) -> StoreData {
        var d = d
        for k in stride(from: 1, through: n, by: 1) {
            d.leerlingen[String(20_000 + k)] = Leerling(key: String(20_000 + k), stamnr: String(20_000 + k), roepnaam: "Anna", tussenvoegsel: "",
                                                       achternaam: "Achternaam", geboortedatum: nil, geslacht: .onbekend, email: nil, vertrekdatum: nil)
        }
        return d
    }

    @Test(arguments: ["append", "update", "commit"], [false, true])
    func theNextWriteMovesTheLogOutAndLosesNothing(write: String, large: Bool) throws {
        let path = AppendLogTests.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let data = LogMigrationTests.larger(AppendLogTests.sample(dossiers: true), large ? 3_000 : 0)
        try LogMigrationTests.formatTwo(data, log: LogMigrationTests.entries()).write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        let expected = try LogMigrationTests.entries().map { try JSONValue.parse(Array($0.utf8)) }
        // Before any write the entries are read from the document (a large one's header first,
        // then all of it for them).
        let store = try Store(path: path)
        #expect(store.isUnread == large)
        #expect(try store.importLog() == ImportLog(expected))
        #expect(!FileBytes.exists(AppendLogTests.logPath(path)))
        switch write {
        case "append": try store.appendLog(AppendLogTests.entry(9))
        case "update": try store.update { $0.vestigingen.append("Noord"); $0.revision += 1 }
        default:
            try store.commit(ChangeSet(), logEntry: { _ in AppendLogTests.entry(9) }) { _ in }
        }
        let after = String(decoding: try AppendLogTests.bytes(path), as: UTF8.self)
        #expect(!after.contains("importlog"))
        #expect(after.contains("\"formatVersion\":3,"))
        let logPath = AppendLogTests.logPath(path)
        #expect(try AppendLogTests.mode(logPath) == 0o600)
        // The same entries, in order; an entry the writer made is the same bytes, and one laid
        // out over several lines is on one line now.
        let lines = LogFile.lines(try AppendLogTests.bytes(logPath))
        #expect(lines.count == expected.count + (write == "update" ? 0 : 1))
        #expect(Array(lines[0]) == LogFile.line(AppendLogTests.entry(1)))
        #expect(String(decoding: lines[1], as: UTF8.self) == LogMigrationTests.handWritten)
        let reread = try Store(path: path)
        #expect(Array(try reread.importLog().prefix(expected.count)) == expected)
        if write != "update" {
            // A commit's entry also carries its id and what undoes it.
            let last = try #require(try reread.importLog().last)
            guard case .object(let pairs) = last else { Issue.record("not an object"); return }
            #expect(JSONValue.object(pairs.filter { $0.0 != "id" && $0.0 != "undo" }) == AppendLogTests.entry(9))
            // An empty commit changes nothing: no id, no step of undo.
            #expect(last["id"] == nil)
            #expect((last["undo"] != nil) == (write == "commit"))
        }
        var want = data
        if write == "update" { want.vestigingen.append("Noord"); want.revision += 1 }
        #expect(try reread.data() == want)
        #expect(try reread.data().legacyLog.isEmpty)
    }

    /// A large store of the current format: its log is the log file's, read without reading
    /// the document.
    @Test func aLargeStoresLogIsReadWithoutItsDocument() throws {
        let path = AppendLogTests.path()
        try Store(path: path).update { $0 = LogMigrationTests.larger(AppendLogTests.sample(dossiers: false), 3_000) }
        try Store(path: path).appendLog(AppendLogTests.entry(1))
        let store = try Store(path: path)
        #expect(store.isUnread)
        #expect(try store.importLog() == [AppendLogTests.entry(1)])
        #expect(store.isUnread)
    }

    /// A move cut short by a crash (the log written, the document not yet): the entries are not
    /// doubled by the next write.
    @Test func aMoveCutShortIsNotDoubled() throws {
        let path = AppendLogTests.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try LogMigrationTests.formatTwo(AppendLogTests.sample(dossiers: false), log: LogMigrationTests.entries())
            .write(toFile: path, atomically: true, encoding: .utf8)
        let lines = LogMigrationTests.entries().map { LogFile.line(Array($0.utf8)) }
        try Data(lines.flatMap { $0 + [0x0A] }).write(to: URL(fileURLWithPath: AppendLogTests.logPath(path)))
        let store = try Store(path: path)
        #expect(try store.importLog().count == lines.count)
        try store.appendLog(AppendLogTests.entry(9))
        #expect(try Store(path: path).importLog().count == lines.count + 1)
        #expect(!String(decoding: try AppendLogTests.bytes(path), as: UTF8.self).contains("importlog"))
    }

    /// A broken entry inside an old document is refused with the file left alone.
    @Test(arguments: [#"{"tijd": tru}"#, #"{"tijd": "2025"]"#, #"{"tijd": "\q"}"#, #"{"n": 1.5}"#])
    func aBrokenEntryIsRefusedAndTheFileKept(entry: String) throws {
        let path = AppendLogTests.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let text = LogMigrationTests.formatTwo(AppendLogTests.sample(dossiers: false), log: [entry])
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let store = try Store(path: path)
        #expect(throws: StoreError.self) { try store.data() }
        #expect(throws: StoreError.self) { try store.update { $0.revision += 1 } }
        #expect(throws: StoreError.self) { try store.appendLog(AppendLogTests.entry(1)) }
        #expect(String(decoding: try AppendLogTests.bytes(path), as: UTF8.self) == text)
        #expect(!FileBytes.exists(AppendLogTests.logPath(path)))
    }

    /// A document of format 1 (no log at all) takes its first entry without being rewritten.
    @Test func aFormatOneStoreNeedsNoMove() throws {
        let path = AppendLogTests.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let v1 = "{\"format\": \"zien-shell-store\", \"formatVersion\": 1, \"revision\": 2, \"vestigingen\": [\"A\"]}\n"
        try v1.write(toFile: path, atomically: true, encoding: .utf8)
        let store = try Store(path: path)
        try store.appendLog(AppendLogTests.entry(1))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == v1)
        #expect(try Store(path: path).importLog() == [AppendLogTests.entry(1)])
    }
}

/// Entries are kept as text and parsed when shown.
@Suite struct ImportLogTextTests {
    @Test func theSummaryIsTheEntryWithoutItsDiagnostics() throws {
        let entry = JSONValue.object([("tijd", .string("2026-11-29 10:00")), ("diagnostics", .array([.object([("regel", .int(3))])])),
                                      ("status", .string("Succesvol")), ("counts", .object([("fout", .int(0))]))])
        let log: ImportLog = [entry, .array([.int(1)]), .object([])]
        #expect(log.summary(0) == .object([("tijd", .string("2026-11-29 10:00")), ("status", .string("Succesvol")),
                                           ("counts", .object([("fout", .int(0))]))]))
        #expect(log.summary(1) == .array([.int(1)]))
        #expect(log.summary(2) == .object([]))
        #expect(log[0] == entry)
    }

    @Test func linesSkipEmptyOnesAndCarriageReturns() {
        #expect(LogFile.lines(Array("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\"".utf8)) == [Array("{\"a\":1}".utf8), Array("{\"b\":2}".utf8)])
        #expect(LogFile.lines([]) == [])
    }
}
