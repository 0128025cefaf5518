import Foundation
import ZienCore
import ZienFixtures
import ZienStore

/// zien-bench: how the store's encoding was chosen. Builds the store of a generated school of
/// N pupils (default 100,000) and times writing and reading it with our JSONWriter and direct
/// decoder against Foundation's JSONEncoder/JSONDecoder (Codable) and JSONSerialization.
/// Prints figures; run by scripts/bench.

let pupils = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000

func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let v = try body()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    print(label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%8.0f ms", ms))
    return v
}

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
