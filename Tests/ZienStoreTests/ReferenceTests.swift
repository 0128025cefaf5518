import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienStore

/// A coupling to a pupil or group the store does not hold is refused, naming the first such
/// coupling — the same one, with the same words, as checking every coupling in order does.
@Suite struct ReferenceTests {
    /// Checks every coupling in order (`checkEveryReference`, what the decoder did before it
    /// gathered the references while reading, and still does for a document too large for
    /// them): the refusal's message, or nil.
    static func firstBroken(_ d: StoreData) -> String? {
        do {
            try StoreDecoder.checkEveryReference(d)
            return nil
        } catch {
            return (error as? StoreError)?.message ?? "\(error)"
        }
    }

    static func school(_ pupils: Int) throws -> StoreData {
        let g = SchoolGenerator(pupils: pupils, seed: 77, otherVestigingShare: 0.1)
        let files = Soort.allCases.map { LoadedFile(path: $0.rawValue, raw: g.file($0), charset: .auto, soort: $0) }
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug", "Het Baken"]
        let s = Schooljaar(startYear: 2026)
        let ctx = CheckContext(vestigingen: d.vestigingen, vestiging: "Leeuwenbrug", schooljaar: s, today: Day(unchecked: 2026, 11, 29))
        _ = try d.apply(Planner.plan(ImportData.read(files, context: ctx), store: d.records, context: ctx))
        return d
    }

    /// 2,600 pupils make a document over 1 MB, whose couplings are read on another core, and
    /// name over 4,096 runs of a pupil's couplings, whose pupils are then looked up in slices
    /// on all cores.
    @Test(arguments: [150, 2_600])
    func theFirstBrokenReferenceIsNamed(pupils: Int) throws {
        let whole = try ReferenceTests.school(pupils)
        #expect(try StoreData(decoding: whole.encoded()) == whole)
        #expect((whole.encoded().count > 1 << 20) == (pupils > 2_000))
        var rng = SplitMix(seed: UInt64(pupils))
        // Pupils and groups some coupling names.
        let keys = Set(whole.koppelingen.filter { $0.soort != .docent }.map(\.onderwerp)).sorted()
        let groups = Set(whole.koppelingen.filter { $0.soort == .groep }.map { Groep(schooljaar: $0.schooljaar, vestiging: $0.vestiging, code: $0.doel) })
            .sorted { $0.code < $1.code }
        #expect(groups.count > 3 && keys.count > 50)
        // Runs as the decoder gathers them: a docent coupling (a group's) neither starts nor ends one.
        var runs = 0, last: String?
        for k in whole.koppelingen where k.soort != .docent && k.onderwerp != last {
            runs += 1
            last = k.onderwerp
        }
        #expect((runs > StoreDecoder.referenceSlice) == (pupils > 2_000), "\(runs) runs")
        for round in 0..<12 {
            var d = whole
            // A pupil gone, a group gone, or both (the earlier coupling is named).
            if round % 3 != 1 { d.leerlingen[keys[Int(rng.next() % UInt64(keys.count))]] = nil }
            if round % 3 != 0 { d.groepen.remove(groups[Int(rng.next() % UInt64(groups.count))]) }
            guard let expected = ReferenceTests.firstBroken(d) else {
                Issue.record("round \(round): no reference broken")
                continue
            }
            #expect(throws: StoreError.self) { try StoreData(decoding: d.encoded()) }
            do {
                _ = try StoreData(decoding: d.encoded())
            } catch let e as StoreError {
                #expect(e.message == expected, "round \(round)")
            }
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
