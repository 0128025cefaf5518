import Foundation
import Testing
import ZienCore
@testable import ZienStore

/// A large document's couplings and verzorgers are read on other threads while the rest is
/// read; whatever the layout, the result is what one pass gives.
@Suite struct DecoderAheadTests {
    /// A store over 1 MB (the size from which the couplings and verzorgers are read ahead).
    static func large() -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug"]
        d.revision = 3
        for n in 0..<12_000 {
            let key = String(10_000 + n)
            d.leerlingen[key] = Leerling(key: key, stamnr: key, roepnaam: "Zoë", tussenvoegsel: "", achternaam: "Jansen \(n)",
                                         geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .vrouw, email: nil, vertrekdatum: nil)
            d.koppelingen.append(Koppeling(soort: .stamgroep, schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug",
                                           onderwerp: key, doel: "1A", start: Day(unchecked: 2026, 8, 1)))
            for slot in 1...(n % 3 == 0 ? 2 : 1) {
                let v = Verzorger(leerling: key, slot: slot, voorletters: "J.", tussenvoegsel: "de", achternaam: "Vries \(n)",
                                  geslacht: slot == 1 ? .vrouw : .man, email: n % 2 == 0 ? "ouder\(n)@example.nl" : nil, post: n % 5 == 0)
                d.verzorgers[v.id] = v
            }
        }
        d.other = [("dossiers", .object([("10000", .string("plan"))]))]
        return d
    }

    static func onePass(_ bytes: [UInt8]) throws -> StoreData {
        try onePassWithLayout(bytes).0
    }

    static func onePassWithLayout(_ bytes: [UInt8]) throws -> (StoreData, StoreLayout) {
        var p = StoreDecoder(bytes)
        return (try p.document(ahead: StoreDecoder.Ahead()).0, p.layout)
    }

    /// The refusal of one pass: what the readings ahead must give too (they read again in
    /// one pass when any of them fails).
    static func onePassRefusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try onePass(bytes)
            return nil
        } catch {
            return (error as? StoreError)?.message
        }
    }

    @Test func theWritersLayoutIsReadAhead() throws {
        let bytes = DecoderAheadTests.large().encoded()
        #expect(bytes.count > 1 << 20)
        for section in [",\"koppelingen\":", ",\"verzorgers\":"] {
            let start = try #require(StoreDecoder.sectionAhead(section, in: bytes))
            #expect(Array(bytes[start.value..<(start.value + 2)]) == Array("[[".utf8))
        }
        // Both sections were skipped by the reading of the rest: the readings ahead took them.
        var rest = StoreDecoder(bytes)
        let ahead = StoreDecoder.Ahead(koppelingen: StoreDecoder.sectionAhead(",\"koppelingen\":", in: bytes),
                                       verzorgers: StoreDecoder.sectionAhead(",\"verzorgers\":", in: bytes))
        let (skipped, used) = try rest.document(ahead: ahead)
        #expect(used.koppelingen && used.verzorgers)
        #expect(skipped.koppelingen.isEmpty && skipped.verzorgers.isEmpty && skipped.leerlingen.count == 12_000)
        // Each reading ahead ends exactly where its line does: what makes them count.
        for (at, read) in [(ahead.koppelingen, { (c: inout StoreDecoder) in _ = try c.koppelingen() }),
                           (ahead.verzorgers, { (c: inout StoreDecoder) in _ = try c.verzorgers() })] {
            let at = try #require(at)
            var c = StoreDecoder(bytes)
            c.i = at.value
            try read(&c)
            #expect(c.i == at.end)
        }
        // The records, and the layout a later commit copies unchanged rows by, are one pass's.
        var p = StoreDecoder(bytes)
        #expect(try p.document() == DecoderAheadTests.large())
        let (one, oneLayout) = try DecoderAheadTests.onePassWithLayout(bytes)
        #expect(p.layout.verzorgers != nil && p.layout.koppelingen != nil && p.layout.leerlingen != nil)
        #expect(p.layout == oneLayout)
        #expect(one == DecoderAheadTests.large())
    }

    @Test(arguments: [
        ("\n,\"koppelingen\":[", "\n,\"koppelingen\": ["),   // a space: not where the reading ahead began
        ("\n,\"koppelingen\":[", "\n,\"koppelingen\":\n["),  // the array on its own line
        ("]\n,\"dossiers\":", "] \n,\"dossiers\":"),         // a space before the line ends
        ("\n,\"verzorgers\":[", "\n,\"verzorgers\": ["),
        ("\n,\"verzorgers\":[", "\n,\"verzorgers\":\n["),
        ("]\n,\"groepen\":", "] \n,\"groepen\":"),
    ])
    func otherLayoutsGiveTheSameRecords(from: String, to: String) throws {
        let text = String(decoding: DecoderAheadTests.large().encoded(), as: UTF8.self)
        #expect(text.contains(from))
        let bytes = Array(text.replacingOccurrences(of: from, with: to).utf8)
        var p = StoreDecoder(bytes)
        #expect(try p.document() == DecoderAheadTests.large())
        #expect(p.layout == (try DecoderAheadTests.onePassWithLayout(bytes)).1)
    }

    /// The writer writes each section once: a second couplings section (which the reading
    /// ahead would not see) is refused, in both readings (SPEC.md §5: duplicate sections).
    @Test func aSecondCouplingSectionIsRefused() throws {
        var text = String(decoding: DecoderAheadTests.large().encoded(), as: UTF8.self)
        let extra = #"[["stamgroep",2026,"Leeuwenbrug","10001","1B","","2026-08-01",null]]"#
        #expect(text.contains("\n,\"dossiers\":"))
        text = text.replacingOccurrences(of: "\n,\"dossiers\":", with: "\n,\"koppelingen\":\(extra)\n,\"dossiers\":")
        var p = StoreDecoder(Array(text.utf8))
        #expect(throws: StoreError.self) { try p.document() }
        #expect(throws: StoreError.self) { try DecoderAheadTests.onePass(Array(text.utf8)) }
    }

    /// The same for a second verzorgers section, and for a verzorger twice in the one read
    /// ahead.
    @Test func aSecondVerzorgerSectionOrAVerzorgerTwiceIsRefused() throws {
        let text = String(decoding: DecoderAheadTests.large().encoded(), as: UTF8.self)
        // The first verzorger's row as the writer wrote it: the same id once more.
        let first = try #require(text.range(of: "\n,\"verzorgers\":[["))
        let end = try #require(text[first.upperBound...].firstIndex(of: "]"))
        let row = "[" + text[first.upperBound...end]
        #expect(row.hasPrefix("[\"10000\",1,"))
        #expect(text.contains("\n,\"groepen\":"))
        for changed in [text.replacingOccurrences(of: "\n,\"groepen\":", with: "\n,\"verzorgers\":[\(row)]\n,\"groepen\":"),
                        text.replacingOccurrences(of: "\n,\"verzorgers\":[", with: "\n,\"verzorgers\":[\(row),")] {
            #expect(changed != text)
            let refusal = try #require(DecoderAheadTests.onePassRefusal(Array(changed.utf8)))
            #expect(refusal.contains("staat er twee keer in"))
            #expect(refusal.contains("'verzorgers'") || refusal.contains("verzorger '10000/1'"))
            var p = StoreDecoder(Array(changed.utf8))
            do {
                _ = try p.document()
                Issue.record("niet geweigerd")
            } catch {
                #expect((error as? StoreError)?.message == refusal)
            }
        }
    }

    @Test(arguments: [#""stamgroep",2026"#, #""2026-08-01",null]]"#])
    func aBrokenCouplingIsRefused(part: String) throws {
        let text = String(decoding: DecoderAheadTests.large().encoded(), as: UTF8.self)
        let broken = part.hasPrefix("\"stamgroep\"") ? text.replacingOccurrences(of: part, with: #""stamgroep","2026""#)
            : text.replacingOccurrences(of: part, with: #""2026-08-01",null]"#)
        #expect(broken != text)
        var p = StoreDecoder(Array(broken.utf8))
        #expect(throws: StoreError.self) { try p.document() }
    }
}
