import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienStore

/// `reset-inrichting` through the store: what it does not touch stays byte for byte.
@Suite struct ResetStoreTests {
    static func importSchool(_ d: inout StoreData, _ year: Int, today: Day, seed: UInt64) throws {
        let g = SchoolGenerator(pupils: 30, seed: seed, otherVestigingShare: 0.2)
        let files = Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
        let s = Schooljaar(startYear: year)
        let ctx = CheckContext(vestigingen: d.vestigingen, vestiging: "Leeuwenbrug", schooljaar: s, today: today,
                               knownPupils: d.knownPupils, knownGroups: d.groupCodes(s, "Leeuwenbrug"))
        _ = try d.apply(Planner.plan(ImportData.read(files, context: ctx), store: d.records, context: ctx))
    }

    /// The section of an encoded store that starts with `,"key":` (one section a line).
    static func section(_ bytes: [UInt8], _ key: String) -> [UInt8]? {
        let lines = bytes.split(separator: 0x0A)
        return lines.first { $0.starts(with: Array(",\"\(key)\":".utf8)) }.map(Array.init)
    }

    @Test func dossiersAndTheOtherSchooljaarStayByteIdentical() throws {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        try ResetStoreTests.importSchool(&d, 2025, today: Day(unchecked: 2025, 9, 1), seed: 11)
        try ResetStoreTests.importSchool(&d, 2026, today: Day(unchecked: 2026, 11, 29), seed: 12)
        d.other = [("dossiers", try JSONValue.parse(Array("{\"10003\": {\"vragenlijsten\": [\"SAQI 2025\"], \"plannen\": 2}, \"10010\": {\"evaluaties\": [\"okt\"]}}".utf8)))]
        let path = NSTemporaryDirectory() + "zien-reset-\(UUID().uuidString)/store.json"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try Store(path: path)
        try store.update { $0 = d }
        let before = try Array(Data(contentsOf: URL(fileURLWithPath: path)))

        let reset = Planner.reset(try store.data().records, schooljaar: Schooljaar(startYear: 2026), today: Day(unchecked: 2026, 11, 29))
        var undo = Undo()
        try store.update { undo = try $0.apply(reset) }
        let after = try Array(Data(contentsOf: URL(fileURLWithPath: path)))

        for key in ["dossiers", "leerlingen", "medewerkers", "verzorgers", "vestigingen"] {
            #expect(ResetStoreTests.section(after, key) == ResetStoreTests.section(before, key), "\(key)")
            #expect(ResetStoreTests.section(after, key) != nil)
        }
        // Last year's couplings and groups, encoded alone, are the same bytes.
        let old = try StoreData(decoding: before), new = try StoreData(decoding: after)
        let lastYear = Schooljaar(startYear: 2025)
        #expect(StoreData.rowsOfKoppelingen(ArraySlice(new.koppelingen.filter { $0.schooljaar == lastYear }))
                == StoreData.rowsOfKoppelingen(ArraySlice(old.koppelingen.filter { $0.schooljaar == lastYear })))
        #expect(new.groepen.filter { $0.schooljaar == lastYear } == old.groepen.filter { $0.schooljaar == lastYear })
        #expect(new.koppelingen.count < old.koppelingen.count)
        #expect(new.revision == old.revision + 1)
        // What the reset yields puts every removed coupling back in its place, and the groups.
        #expect(undo.removedKoppelingen.count == old.koppelingen.count - new.koppelingen.count && !undo.removedKoppelingen.isEmpty)
        var back = new
        _ = try back.apply(try ChangeSet.reverting(try Undo(json: undo.json), in: new.records))
        #expect(back.records == old.records)
    }
}
