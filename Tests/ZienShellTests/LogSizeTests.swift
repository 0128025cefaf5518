import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienShell
@testable import ZienStore

/// Issue 10 item 9: the Importoverzicht cannot blow up the store. 200 rows with a 200 KB e-mail
/// made 40 MB per check; a stored value is cut at 200 characters.
@Suite struct LogSizeTests {
    @Test func aHugeValueIsCutInTheLog() throws {
        let dir = NSTemporaryDirectory() + "zien-logsize-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let g = SchoolGenerator(pupils: 200, seed: 5)
        let huge = String(repeating: "x", count: 200_000)
        let defects = (2...201).map { SchoolGenerator.Defect(line: $0, column: Columns.L.email, value: huge) }
        try Data(g.render(.leerling, g.leerlingRows(), defects: defects)).write(to: URL(fileURLWithPath: dir + "/leerling.csv"))
        #expect((try FileManager.default.attributesOfItem(atPath: dir + "/leerling.csv")[.size] as? Int ?? 0) > 40_000_000)

        let store = try Store(path: dir + "/store.json")
        let session = Session(store: store, today: Day(unchecked: 2026, 11, 29))
        let runner = ScriptRunner(session: session, console: CapturingConsole(), json: false, palette: Palette(enabled: false))
        #expect(runner.execute("vestiging add Leeuwenbrug") == nil)
        #expect(runner.execute("vestiging add 'Het Baken'") == nil)
        #expect(runner.execute("vestiging Leeuwenbrug") == nil)
        #expect(runner.execute("load \(dir)/leerling.csv") == nil)
        #expect(runner.execute("check") == nil)
        let log = try store.importLog()
        #expect(log.count == 1)
        let entry = log[0]
        let values = entry["diagnostics"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
        #expect(values.filter { $0.hasPrefix("xxxx") }.count >= 190)
        #expect(values.allSatisfy { $0.unicodeScalars.count <= 201 })
        #expect(values.contains { $0 == String(repeating: "x", count: 200) + "…" })
        let size = (try FileManager.default.attributesOfItem(atPath: dir + "/store.log")[.size] as? Int) ?? Int.max
        #expect(size < 1_000_000, "store.log is \(size) bytes")
    }

    @Test func cutCountsScalarsNotCharacters() {
        let marks = "a" + String(repeating: "\u{301}", count: 5000)   // one Character
        #expect(Text.cut(marks, at: 200).unicodeScalars.count == 201)
        #expect(Text.cut("kort", at: 200) == "kort")
        #expect(Text.suggestion(for: String(repeating: "L", count: 100_000), among: ["Leeuwenbrug"]) == nil)
    }
}
