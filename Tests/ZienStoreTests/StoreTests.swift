import Foundation
import Testing
@testable import ZienStore
import ZienCore

@Suite struct StoreTests {
    func tempPath() -> String {
        let dir = NSTemporaryDirectory() + "zien-store-\(UUID().uuidString)/sub"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/store.json"
    }

    @Test func missingFileIsAnEmptyStoreCreatedOnFirstWrite() throws {
        let path = tempPath()
        let s = try Store(path: path)
        #expect(try s.data().vestigingen.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
        try s.update { $0.vestigingen.append("Leeuwenbrug"); $0.revision += 1 }
        let again = try Store(path: path)
        #expect(try again.data().vestigingen == ["Leeuwenbrug"])
        #expect(try again.data().revision == 1)
    }

    @Test func ownerOnlyPermissions() throws {
        // The default location's folder is made by the store, owner-only.
        let path = NSTemporaryDirectory() + "zien-store-\(UUID().uuidString)/sub/store.json"
        try Store(path: path, createsFolder: true).update { $0.vestigingen = ["A"] }
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let dir = (path as NSString).deletingLastPathComponent
        let dattrs = try FileManager.default.attributesOfItem(atPath: dir)
        #expect((dattrs[.posixPermissions] as? Int) == 0o700)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func newerFormatIsRefusedAndNotOverwritten() throws {
        let path = tempPath()
        try Store(path: path).update { $0.vestigingen = ["A"] }
        let newer = "{\"format\": \"zien-shell-store\", \"formatVersion\": 99, \"revision\": 1, \"vestigingen\": []}\n"
        try newer.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
    }

    @Test func corruptStoreIsRefusedAndNotOverwritten() throws {
        let path = tempPath()
        try Store(path: path).update { $0.vestigingen = ["A"] }
        let s = try Store(path: path)
        let corrupt = "{\"format\": \"zien-shell-store\", \"formatVersion\": 1, \"vestigingen\": [tru"
        try corrupt.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(throws: StoreError.self) { try s.update { $0.vestigingen.append("B") } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == corrupt)
    }

    @Test func failedChangeWritesNothing() throws {
        struct Nope: Error {}
        let path = tempPath()
        try Store(path: path).update { $0.vestigingen = ["A"] }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let s = try Store(path: path)
        #expect(throws: Nope.self) { try s.update { $0.vestigingen.append("B"); throw Nope() } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try s.data().vestigingen == ["A"])
    }

    @Test func updateSeesAnotherSessionsWrite() throws {
        let path = tempPath()
        let a = try Store(path: path), b = try Store(path: path)
        try a.update { $0.vestigingen.append("A") }
        try b.update { $0.vestigingen.append("B") }
        #expect(try Store(path: path).data().vestigingen == ["A", "B"])
    }

    @Test func unknownSectionsSurviveARewrite() throws {
        let path = tempPath()
        try Store(path: path).update { $0.vestigingen = ["A"] }
        let withDossiers = "{\"format\": \"zien-shell-store\", \"formatVersion\": 1, \"revision\": 3, \"vestigingen\": [\"A\"], \"dossiers\": {\"123\": [\"plan\"]}}"
        try withDossiers.write(toFile: path, atomically: true, encoding: .utf8)
        try Store(path: path).update { $0.vestigingen.append("B") }
        let json = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(json["dossiers"] == .object([("123", .array([.string("plan")]))]))
    }

    @Test func memoryStoreNeverTouchesDisk() throws {
        let s = try Store(path: ":memory:")
        try s.update { $0.vestigingen = ["A"] }
        #expect(s.path == nil)
        #expect(try s.data().vestigingen == ["A"])
    }

    @Test func defaultPathFollowsXDG() {
        #expect(Store.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/zien-shell/store.json")
        #expect(Store.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/zien-shell/store.json")
    }
}

@Suite struct MigrationTests {
    @Test func version1IsMigratedOnOpenAndWrittenAsTheCurrentVersion() throws {
        let dir = NSTemporaryDirectory() + "zien-migr-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        let v1 = "{\"format\": \"zien-shell-store\", \"formatVersion\": 1, \"revision\": 4, \"vestigingen\": [\"Leeuwenbrug\"], \"dossiers\": {\"10234\": {\"plannen\": 2}}}\n"
        try v1.write(toFile: path, atomically: true, encoding: .utf8)
        let s = try Store(path: path)
        #expect(try s.data().formatVersion == StoreData.currentFormatVersion)
        #expect(try s.data().revision == 4)
        #expect(try s.data().vestigingen == ["Leeuwenbrug"])
        #expect(try s.data().leerlingen.isEmpty)
        #expect(try s.data().koppelingen.isEmpty)
        // Opening alone does not rewrite the file.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == v1)
        try s.update { $0.vestigingen.append("Het Baken") }
        let json = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(json["formatVersion"] == .int(StoreData.currentFormatVersion))
        #expect(json["dossiers"] == .object([("10234", .object([("plannen", .int(2))]))]))
    }

    @Test func everyRecordRoundTrips() throws {
        var d = StoreData()
        d.vestigingen = ["Leeuwenbrug"]
        d.leerlingen["1234"] = Leerling(key: "1234", stamnr: "001234", roepnaam: "Zoë", tussenvoegsel: "d’", achternaam: "Hondt \"Jr\"",
                                        geboortedatum: Day(unchecked: 2013, 2, 1), geslacht: .vrouw, email: nil, vertrekdatum: Day(unchecked: 2027, 3, 1))
        d.medewerkers["4100"] = Medewerker(key: "4100", nummer: "4100", roepnaam: "Jan", tussenvoegsel: "", achternaam: "Bakker", email: "j@x.nl")
        d.verzorgers["1234/2"] = Verzorger(leerling: "1234", slot: 2, voorletters: "A.", tussenvoegsel: "", achternaam: "Hondt",
                                           geslacht: .onbekend, email: "a@x.nl", post: true)
        d.groepen = [Groep(schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug", code: "1A")]
        d.koppelingen = [Koppeling(soort: .mentor, schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug", onderwerp: "1234",
                                   doel: "1:4100", start: Day(unchecked: 2026, 8, 1), einde: Day(unchecked: 2026, 12, 1))]
        d.other = [("dossiers", .object([("1234", .string("plan"))]))]
        d.revision = 9
        let back = try StoreData(decoding: d.encoded())
        #expect(back == d)
    }
}

@Suite struct LazyOpenTests {
    @Test func headerIsReadAtOnceAndACorruptBodyIsRefusedOnUse() throws {
        let dir = NSTemporaryDirectory() + "zien-lazy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        let doc = "{\"format\": \"zien-shell-store\", \"formatVersion\": 2, \"revision\": 7, \"vestigingen\": [\"A\"],\n\"leerlingen\": [[\"1\", \"1\", \"x\"]]}\n"
        try doc.write(toFile: path, atomically: true, encoding: .utf8)
        let s = try Store(path: path)
        #expect(s.header == StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: 7, vestigingen: ["A"]))
        #expect(throws: StoreError.self) { try s.data() }
        #expect(throws: StoreError.self) { try s.update { $0.revision += 1 } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == doc)
    }

    @Test func reloadSeesAnotherSessionsWriteOnly() throws {
        let dir = NSTemporaryDirectory() + "zien-lazy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        let a = try Store(path: path), b = try Store(path: path)
        try a.update { $0.vestigingen.append("A"); $0.revision += 1 }
        #expect(b.header.vestigingen.isEmpty)
        try b.reload()
        #expect(b.header.vestigingen == ["A"])
        #expect(try b.data().revision == 1)
    }

    /// `prepare` (what `load` calls) decodes the document on another thread; `data()` gives
    /// what it would have decoded itself, a corrupt document is refused the same way, and a
    /// document another session replaced in between is read again, not the one prepared.
    @Test func aPreparedDocumentIsTheDocument() throws {
        let dir = NSTemporaryDirectory() + "zien-prepare-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        try Store(path: path).update { $0.vestigingen = ["A"]; $0.revision += 1 }
        let plain = try Store(path: path).data()
        let s = try Store(path: path)
        #expect(!s.isDecoding)
        s.prepare()
        #expect(s.isDecoding)
        s.prepare()
        #expect(try s.data() == plain)
        #expect(!s.isDecoding)

        let other = try Store(path: path)
        other.prepare()
        try s.update { $0.vestigingen.append("B"); $0.revision += 1 }
        try other.reload()
        #expect(!other.isDecoding)
        #expect(try other.data().vestigingen == ["A", "B"])

        let doc = "{\"format\": \"zien-shell-store\", \"formatVersion\": 2, \"revision\": 7, \"vestigingen\": [\"A\"],\n\"leerlingen\": [[\"1\", \"1\", \"x\"]]}\n"
        try doc.write(toFile: path, atomically: true, encoding: .utf8)
        var unprepared = ""
        do { _ = try Store(path: path).data() } catch let e as StoreError { unprepared = e.message }
        let corrupt = try Store(path: path)
        corrupt.prepare()
        var prepared = ""
        do { _ = try corrupt.data() } catch let e as StoreError { prepared = e.message }
        #expect(!unprepared.isEmpty && prepared == unprepared)
    }

    /// A store larger than its header's first bytes: opening reads only those (the document is
    /// read where it is decoded), and gives the same header and document as reading it whole;
    /// one written in place in between (not as a session writes), larger, smaller or the same
    /// size, is read again, header too, and written from what was read again; one whose header
    /// is not first is read whole for it.
    @Test func aLargeStoreIsReadWhereItIsDecoded() throws {
        let dir = NSTemporaryDirectory() + "zien-head-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        func pupils(_ n: Int, _ name: String) -> [String: Leerling] {
            var out: [String: Leerling] = [:]
            for k in 1...n {
                out[String(k)] = Leerling(key: String(k), stamnr: String(k), roepnaam: name, tussenvoegsel: "", achternaam: "Achternaam\(k)",
                                          geboortedatum: nil, geslacht: .onbekend, email: nil, vertrekdatum: nil)
            }
            return out
        }
        func document(_ n: Int, _ name: String, revision: Int) throws -> [UInt8] {
            var d = StoreData()
            d.vestigingen = [name]
            d.revision = revision
            d.leerlingen = pupils(n, name)
            return d.encoded()
        }
        try Store(path: path).update { $0.vestigingen = ["Anna"]; $0.revision = 3; $0.leerlingen = pupils(3_000, "Anna") }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try #require(size > Store.headBytes)
        let whole = try StoreData(decoding: try #require(try FileBytes.read(path)))

        let s = try Store(path: path)
        #expect(s.isUnread)
        #expect(s.header.revision == 3 && s.header.vestigingen == ["Anna"])
        #expect(try s.data() == whole)
        #expect(!s.isUnread)
        let prepared = try Store(path: path)
        prepared.prepare()
        #expect(prepared.isDecoding)
        #expect(try prepared.data() == whole)

        // Written in place, same file, after the header was read (and after `prepare` began
        // reading it, or not): the new document and header, and a write from them.
        func overwrite(_ bytes: [UInt8]) throws {
            let fd = open(path, O_WRONLY | O_TRUNC)
            try #require(fd >= 0)
            defer { close(fd) }
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            try #require(n == bytes.count)
        }
        let original = try #require(try FileBytes.read(path))
        for (n, name) in [(3_500, "Bram"), (2_000, "Cas"), (3_000, "Anne")] {
            for early in [false, true] {
                try overwrite(original)
                let inPlace = try Store(path: path)
                #expect(inPlace.isUnread)
                if early { inPlace.prepare() }
                let replacement = try document(n, name, revision: 9)
                if name == "Anne" { #expect(replacement.count == original.count) }
                usleep(10_000)
                try overwrite(replacement)
                let read = try inPlace.data()
                let new = try StoreData(decoding: replacement)
                if early {
                    // Read on the decoding thread, maybe before the write: as it was, or as it is.
                    #expect(read == whole || read == new)
                } else {
                    #expect(read == new && read.leerlingen["1"]?.roepnaam == name && read.leerlingen.count == n)
                    #expect(inPlace.header.revision == 9 && inPlace.header.vestigingen == [name])
                }
                // A write starts from the file as it is now.
                try inPlace.update { $0.revision += 1 }
                var expected = new
                expected.revision = 10
                #expect(try FileBytes.read(path) == expected.encoded())
            }
        }

        // A header after the records: read whole for it.
        var text = "{\"leerlingen\": ["
        text += (1...3_000).map { "[\"\($0)\", \"\($0)\", \"Cas\", \"\", \"Achternaam\", null, \"onbekend\", null, null]" }.joined(separator: ", ")
        text += "], \"format\": \"zien-shell-store\", \"formatVersion\": 2, \"revision\": 5, \"vestigingen\": [\"C\"]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let late = try Store(path: path)
        #expect(!late.isUnread)
        #expect(late.header.revision == 5 && late.header.vestigingen == ["C"])
    }
}

@Suite struct EncodingTests {
    /// The store is written in parts (two halves of the couplings among them); whatever the
    /// number of couplings, the parts form one valid document that reads back the same.
    @Test(arguments: [0, 1, 2, 5])
    func partsFormOneDocument(couplings: Int) throws {
        var d = StoreData()
        d.vestigingen = ["A"]
        d.koppelingen = (0..<couplings).map {
            Koppeling(soort: .groep, schooljaar: Schooljaar(startYear: 2026), vestiging: "A", onderwerp: String($0), doel: "1A",
                      start: Day(unchecked: 2026, 8, 1))
        }
        // The couplings' pupils and group exist (the decoder refuses couplings to unknown ones).
        d.groepen = [Groep(schooljaar: Schooljaar(startYear: 2026), vestiging: "A", code: "1A")]
        for n in 0..<couplings {
            d.leerlingen[String(n)] = Leerling(key: String(n), stamnr: String(n), roepnaam: "", tussenvoegsel: "", achternaam: "J",
                                               geboortedatum: nil, geslacht: .onbekend, email: nil, vertrekdatum: nil)
        }
        d.other = [("dossiers", .object([]))]
        let bytes = d.encoded()
        #expect(bytes == d.encodedParts().flatMap { $0 })
        _ = try JSONValue.parse(bytes)
        #expect(try StoreData(decoding: bytes) == d)
    }

    /// A vestiging written in two Unicode forms in adjacent couplings keeps each form's bytes: the
    /// writer's cache of the last vestiging compares bytes, not Strings (which call them equal).
    @Test func adjacentCouplingsKeepTheirOwnUnicodeForm() throws {
        let forms = ["Caf\u{E9}", "Cafe\u{301}"]
        var d = StoreData()
        d.vestigingen = forms
        d.koppelingen = forms.map {
            Koppeling(soort: .vestiging, schooljaar: Schooljaar(startYear: 2026), vestiging: $0, onderwerp: "1", doel: "",
                      start: Day(unchecked: 2026, 8, 1))
        }
        d.leerlingen["1"] = Leerling(key: "1", stamnr: "1", roepnaam: "", tussenvoegsel: "", achternaam: "J",
                                     geboortedatum: nil, geslacht: .onbekend, email: nil, vertrekdatum: nil)
        let again = try StoreData(decoding: d.encoded())
        #expect(again.koppelingen.map { Array($0.vestiging.utf8) } == forms.map { Array($0.utf8) })
    }
}
