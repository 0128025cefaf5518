import Foundation
import Testing
@testable import ZienStore
import ZienCore

/// Import-log entries are spliced into the document's bytes instead of rewriting a board's
/// records; the result is the same document as a full rewrite would give.
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

    @Test(arguments: [false, true])
    func splicedEntriesEqualAFullRewrite(dossiers: Bool) throws {
        let path = AppendLogTests.path()
        let store = try Store(path: path)
        try store.update { $0 = AppendLogTests.sample(dossiers: dossiers) }
        let before = try AppendLogTests.bytes(path)
        // An empty log, then a log with entries.
        try store.appendLog(AppendLogTests.entry(1))
        try store.appendLog(AppendLogTests.entry(2))
        let after = try AppendLogTests.bytes(path)

        var expected = AppendLogTests.sample(dossiers: dossiers)
        expected.importLog = [AppendLogTests.entry(1), AppendLogTests.entry(2)]
        // The same bytes as the writer makes of the whole document.
        #expect(after == expected.encoded())
        // Everything before the log is untouched; the revision did not move.
        let logLine = Array("\n,\"importlog\":[".utf8)
        let cut = before.indices.first { before[$0...].starts(with: logLine) } ?? 0
        #expect(cut > 0 && after.prefix(cut) == before.prefix(cut))
        #expect(try Store(path: path).data() == expected)
        #expect(try store.data() == expected)   // the open store saw its own entries
        #expect(store.header.revision == 7)
    }

    /// A document laid out by hand (or an old version) is rewritten whole instead.
    @Test func otherLayoutsAreRewritten() throws {
        let path = AppendLogTests.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{\"format\": \"zien-shell-store\", \"formatVersion\": 1, \"revision\": 2, \"vestigingen\": [\"A\"]}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let store = try Store(path: path)
        try store.appendLog(AppendLogTests.entry(1))
        let reread = try Store(path: path).data()
        #expect(reread.importLog == [AppendLogTests.entry(1)])
        #expect(reread.vestigingen == ["A"] && reread.revision == 2 && reread.formatVersion == StoreData.currentFormatVersion)
        #expect(Store.importLogEnd(Array("{\"a\":1}\n".utf8)) == nil)
    }

    /// When another session wrote in between, the open store reads the file again and sees both.
    @Test func anotherSessionsWriteIsNotLost() throws {
        let path = AppendLogTests.path()
        let a = try Store(path: path)
        try a.update { $0 = AppendLogTests.sample(dossiers: true) }
        _ = try a.data()
        let b = try Store(path: path)
        try b.update { $0.vestigingen.append("Noord"); $0.revision += 1 }
        try a.appendLog(AppendLogTests.entry(3))
        let d = try a.data()
        #expect(d.vestigingen == ["Leeuwenbrug", "Het Baken", "Noord"])
        #expect(d.importLog == [AppendLogTests.entry(3)])
        #expect(try Store(path: path).data() == d)
    }
}

/// The import log is kept as text: checked when read, written back as read, parsed when shown.
@Suite struct ImportLogTextTests {
    @Test func entriesAreCheckedWhenReadAndWrittenBackAsRead() throws {
        let path = AppendLogTests.path()
        try Store(path: path).update { $0 = AppendLogTests.sample(dossiers: false) }
        // A hand-written entry with its own spacing, beside one the writer made.
        let text = String(decoding: try AppendLogTests.bytes(path), as: UTF8.self)
        let handWritten = #"{ "tijd" : "2025-09-01",  "diagnostics": [ {"regel": 3, "code": "geen-ouders"} ] }"#
        try text.replacingOccurrences(of: #","importlog":[]"#, with: #","importlog":[\#(handWritten)]"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let store = try Store(path: path)
        let log = try store.data().importLog
        #expect(log.count == 1)
        #expect(log[0]["diagnostics"]?.arrayValue?.first?["code"]?.stringValue == "geen-ouders")
        // A commit rewrites the records; the entry's text stays as it was, and a new one follows.
        try store.update { $0.revision += 1; $0.importLog.append(AppendLogTests.entry(2)) }
        let after = String(decoding: try AppendLogTests.bytes(path), as: UTF8.self)
        #expect(after.contains(#","importlog":[\#(handWritten),{"tijd""#))
        #expect(try Store(path: path).data().importLog == [try JSONValue.parse(Array(handWritten.utf8)), AppendLogTests.entry(2)])
    }

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

    @Test(arguments: [#"{"tijd": tru}"#, #"{"tijd": "2025"]"#, #"{"tijd": "\q"}"#, #"{"n": 1.5}"#])
    func aBrokenEntryIsRefusedAndTheFileKept(entry: String) throws {
        let path = AppendLogTests.path()
        try Store(path: path).update { $0 = AppendLogTests.sample(dossiers: false) }
        let text = String(decoding: try AppendLogTests.bytes(path), as: UTF8.self)
            .replacingOccurrences(of: #","importlog":[]"#, with: #","importlog":[\#(entry)]"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let store = try Store(path: path)
        #expect(throws: StoreError.self) { try store.data() }
        #expect(throws: StoreError.self) { try store.update { $0.revision += 1 } }
        #expect(String(decoding: try AppendLogTests.bytes(path), as: UTF8.self) == text)
    }
}
