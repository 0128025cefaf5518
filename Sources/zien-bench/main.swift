import Foundation
import ZienCore
import ZienFixtures
import ZienStore

/// zien-bench: how the store's encoding was chosen. Builds the store of a generated school of
/// N pupils (default 100,000) and times writing and reading it with our JSONWriter and direct
/// decoder against Foundation's JSONEncoder/JSONDecoder (Codable) and JSONSerialization.
/// Prints figures; run by scripts/bench.

/// Stops with a message (exit 2) when a file to time does not exist.
func missing(_ path: String) -> Never {
    FileHandle.standardError.write(Data("zien-bench: \(path) bestaat niet\n".utf8))
    exit(2)
}

func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let v = try body()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    print(label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%8.0f ms", ms))
    return v
}

// `zien-bench store PATH`: the phases of reading and writing an existing store (a board's),
// each timed: read the file, decode it, encode it again, write it beside (temp, fsync, rename).
if CommandLine.arguments.dropFirst().first == "store", CommandLine.arguments.count > 2 {
    let path = CommandLine.arguments[2]
    for _ in 0..<3 {
        guard let bytes = try time("read \(path)", { try FileBytes.read(path) }) else { missing(path) }
        let d = try time("decode", { try StoreData(decoding: bytes) })
        let parts = time("encode", { d.encodedParts() })
        try time("write (temp, fsync, rename)", { try FileBytes.writeAtomically(parts: parts, to: path + ".bench") })
        print("same bytes: \(parts.flatMap { $0 } == bytes)")
    }
    try? FileManager.default.removeItem(atPath: path + ".bench")
    exit(0)
}

// `zien-bench decode PATH [N]`: the store at PATH decoded N times (for a profiler).
if CommandLine.arguments.dropFirst().first == "decode", CommandLine.arguments.count > 2 {
    guard let bytes = try FileBytes.read(CommandLine.arguments[2]) else { missing(CommandLine.arguments[2]) }
    let rounds = CommandLine.arguments.dropFirst(3).first.flatMap(Int.init) ?? 5
    var cpu = Double.infinity, wall = Double.infinity
    for _ in 0..<rounds {
        let before = clock(), start = DispatchTime.now().uptimeNanoseconds
        let d = try StoreData(decoding: bytes)
        wall = min(wall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        cpu = min(cpu, Double(clock() - before) / Double(CLOCKS_PER_SEC) * 1000)
        withExtendedLifetime(d) {}
    }
    print(String(format: "decode: fastest of %d %.0f ms, least cpu %.0f ms", rounds, wall, cpu))
    exit(0)
}

// `zien-bench commit PATH`: a copy of the store at PATH opened as a session opens it, decoded,
// and a change of 10 pupils (one field each, one coupling each ended) committed, each timed.
if CommandLine.arguments.dropFirst().first == "commit", CommandLine.arguments.count > 2 {
    let path = CommandLine.arguments[2]
    let copy = path + ".bench.json"
    for _ in 0..<3 {
        guard let bytes = try FileBytes.read(path) else { missing(path) }
        try FileBytes.writeAtomically(bytes, to: copy)
        let store = try time("open", { try Store(path: copy) })
        let d = try time("decode (data())", { try store.data() })
        var cs = ChangeSet()
        for key in d.leerlingen.keys.sorted().prefix(10) {
            guard let l = d.leerlingen[key] else { continue }
            var after = l
            after.roepnaam += "x"
            cs.leerlingen.append(RecordChange(before: l, after: after))
        }
        var ended = 0
        for (i, k) in d.koppelingen.enumerated() where k.einde == nil && ended < 10 {
            var after = k
            after.einde = Day(unchecked: 2026, 12, 1)
            cs.koppelingEdits.append(CouplingEdit(index: i, before: k, after: after))
            ended += 1
        }
        try time("commit (10 pupils, 10 couplings ended)", { _ = try store.commit(cs, logEntry: { _ in .object([]) }) { _ in } })
        let after = try store.data()
        try time("the same document encoded whole and written", { try FileBytes.writeAtomically(parts: after.encodedParts(), to: copy) })
    }
    // The copy, its lock and its Importoverzicht go again: nothing is left beside the store.
    for leftover in [copy, copy + ".lock", LogFile.path(forStore: copy)] { try? FileManager.default.removeItem(atPath: leftover) }
    exit(0)
}

let pupils = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000

// The store after a first import of the school.
var gen = SchoolGenerator(pupils: pupils, seed: 42)
let file = LoadedFile(path: "leerling.csv", raw: gen.file(.leerling), charset: .auto, soort: .leerling)
let today = Day(unchecked: 2026, 11, 29)
let context = CheckContext(vestigingen: ["Leeuwenbrug", "Het Baken"], vestiging: "Leeuwenbrug",
                           schooljaar: Schooljaar(containing: today), today: today)
var data = StoreData()
data.vestigingen = ["Leeuwenbrug", "Het Baken"]
_ = try data.apply(Planner.plan(ImportData.read([file], context: context), store: data.records, context: context))
print("store: \(data.leerlingen.count) leerlingen, \(data.verzorgers.count) verzorgers, \(data.koppelingen.count) koppelingen")

// Codable mirrors of the two largest sections, as Foundation would encode them.
struct L: Codable { var key, stamnr, roepnaam, tussenvoegsel, achternaam: String; var geboortedatum: String?; var geslacht: String; var email, vertrekdatum: String? }
struct K: Codable { var soort: String; var schooljaar: Int; var vestiging, onderwerp, doel, extra, start: String; var einde: String? }
struct Doc: Codable { var leerlingen: [L]; var koppelingen: [K] }
let doc = Doc(
    leerlingen: data.leerlingen.values.map { L(key: $0.key, stamnr: $0.stamnr, roepnaam: $0.roepnaam, tussenvoegsel: $0.tussenvoegsel, achternaam: $0.achternaam,
                                              geboortedatum: $0.geboortedatum?.iso, geslacht: $0.geslacht.rawValue, email: $0.email, vertrekdatum: $0.vertrekdatum?.iso) },
    koppelingen: data.koppelingen.map { K(soort: $0.soort.rawValue, schooljaar: $0.schooljaar.startYear, vestiging: $0.vestiging, onderwerp: $0.onderwerp,
                                         doel: $0.doel, extra: $0.extra, start: $0.start.iso, einde: $0.einde?.iso) })

let ours = time("JSONWriter (positional arrays), whole store") { data.encoded() }
_ = try time("StoreDecoder (direct), whole store") { try StoreData(decoding: ours) }
let tree = try time("JSONValue parser (tree), whole store") { try JSONValue.parse(ours) }
_ = tree
let foundation = try time("Foundation JSONEncoder (Codable objects), 2 sections") { try JSONEncoder().encode(doc) }
_ = try time("Foundation JSONDecoder (Codable objects), 2 sections") { try JSONDecoder().decode(Doc.self, from: foundation) }
_ = try time("JSONSerialization.jsonObject, whole store") { try JSONSerialization.jsonObject(with: Data(ours)) }
print(String(format: "sizes: ours %.1f MB (whole store), Foundation %.1f MB (leerlingen + koppelingen only)",
             Double(ours.count) / 1e6, Double(foundation.count) / 1e6))
