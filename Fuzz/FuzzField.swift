// libFuzzer harness: one field value (the input after its first byte) in the column the first
// byte chooses, in an otherwise valid leerling, groepen or koppel row; checked, planned,
// applied to a store, exported and read back. Also straight through the value rules.
import ZienCore

typealias L = Columns.L

func leerlingRow() -> [String] {
    var r = [String](repeating: "", count: 45)
    r[L.stamnr] = "1001"; r[L.roepnaam] = "Zoë"; r[L.achternaam] = "Jansen"; r[L.geboortedatum] = "01-02-2013"
    r[L.geslacht] = "v"; r[L.vestiging] = "Leeuwenbrug"; r[L.ilt] = "372"; r[L.leerjaar] = "1"; r[L.klas] = "1A"
    let v = L.verzorger(1)
    r[v] = "A."; r[v + 2] = "Jansen"; r[v + 3] = "v"; r[v + 4] = "a@example.com"; r[v + 5] = "ja"
    let m = L.mentor(0)
    r[m] = "4100"; r[m + 1] = "Jan"; r[m + 3] = "Bakker"; r[m + 4] = "j.bakker@school.nl"
    return r
}

let groepenRow = ["1A", "2100", "Arjan", "", "Maatman", "arjan.maatman@example.com", "Leeuwenbrug"]
let koppelRow = ["1A", "Leeuwenbrug", "1001"]
let today = Day(unchecked: 2026, 11, 29)
let context = CheckContext(vestigingen: ["Leeuwenbrug", "Het Baken"], vestiging: "Leeuwenbrug",
                           schooljaar: Schooljaar(containing: today), today: today, knownPupils: [:], knownGroups: [])

func file(_ soort: Soort, _ rows: [[String]]) -> LoadedFile {
    let header = soort == .koppel ? [] : [soort.columns.map { Exporter.quoted($0, .semicolon) }.joined(separator: ";")]
    let lines = header + rows.map { $0.map { Exporter.quoted($0, .semicolon, always: true) }.joined(separator: ";") }
    return LoadedFile(path: soort.rawValue, raw: Array((lines.joined(separator: "\r\n") + "\r\n").utf8), charset: .auto, soort: soort)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzField(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let column = Int(data[0]) % 55
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    // The value rules on the raw bytes.
    _ = Day.parse(bytes)
    _ = FieldRules.geslacht(bytes)
    _ = FieldRules.post(bytes)
    _ = FieldRules.isEmail(bytes)
    _ = FieldRules.isILT(bytes)
    _ = FieldRules.leerjaar(bytes)
    _ = FieldRules.key(bytes)
    _ = PersonKey(bytes).text
    for c in Charset.allCases { _ = Mojibake.betterCharset(bytes, readAs: c) }
    let value = String(decoding: bytes, as: UTF8.self)
    _ = Day(parsing: value)
    _ = Schooljaar(parsing: value)
    _ = Text.display(value)
    _ = Text.visible(value)
    _ = Text.nfc(value)
    _ = Text.cut(value, at: 200)
    _ = Koppeling.mentorParts(value)
    _ = Text.suggestion(for: value, among: ["Leeuwenbrug", "Het Baken"])

    var leerling = leerlingRow(), groepen = groepenRow, koppel = koppelRow
    switch column {
    case 0..<45: leerling[column] = value
    case 45..<52: groepen[column - 45] = value
    default: koppel[column - 52] = value
    }
    let files = [file(.leerling, [leerling, leerlingRow().enumerated().map { $0.offset == 0 ? "1002" : $0.element }]),
                 file(.groepen, [groepen]), file(.koppel, [koppel])]
    var checker = Checker(context: context)
    _ = checker.check(files)
    var store = StoreRecords(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])
    let cs = Planner.plan(ImportData.read(files, context: context), store: store, context: context)
    _ = try? store.apply(cs)
    for soort in Soort.allCases {
        let rows = Exporter.rows(soort, store: store, schooljaar: context.schooljaar, vestiging: "Leeuwenbrug", today: today)
        for charset in [column % 2 == 0 ? Charset.utf8 : .windows1252] {
            guard let out = try? Exporter.render(soort, rows, format: ExportFormat(charset: charset, delimiter: .semicolon, bom: false)) else { continue }
            var again = Checker(context: context)
            _ = again.check([LoadedFile(path: "e", raw: out, charset: .auto, soort: soort)])
        }
    }
    return 0
}
