// libFuzzer harness: one field value (the input after its first byte) in the column the first
// byte chooses, in an otherwise valid leerling, groepen or koppel row; checked, planned,
// applied to a store, exported and read back. Also straight through the value rules.
//
// What is the same for every input is done once at start-up: the valid rows are quoted once
// (an input quotes only its own value; the file bytes are the same as joining all rows), the two
// files that do not hold the value are loaded once (a LoadedFile is a value, a function of its
// bytes), and the export of the valid rows is checked once; an export byte-identical to it is
// not checked again (the checker is a function of the bytes and the context, both the same).
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

func quotedField(_ value: String) -> [UInt8] { Array(Exporter.quoted(value, .semicolon, always: true).utf8) }

/// A file of valid rows, its fields quoted once: the header line (none for koppel) and each
/// row's quoted fields. `bytes` joins them with `;` and CRLF, one field replaced.
struct BaseFile {
    let soort: Soort
    let header: [UInt8]
    let rows: [[[UInt8]]]
    /// The file of the valid rows, loaded once.
    let valid: LoadedFile

    init(_ soort: Soort, _ rows: [[String]]) {
        self.soort = soort
        header = soort == .koppel ? [] : Array((soort.columns.map { Exporter.quoted($0, .semicolon) }.joined(separator: ";") + "\r\n").utf8)
        let quoted = rows.map { $0.map(quotedField) }
        self.rows = quoted
        valid = LoadedFile(path: soort.rawValue, raw: BaseFile.join(header, quoted, replacing: nil, with: []), charset: .auto, soort: soort)
    }

    /// The file with the field at `column` of the first row replaced by `value` (quoted).
    func file(replacing column: Int, with value: [UInt8]) -> LoadedFile {
        LoadedFile(path: soort.rawValue, raw: BaseFile.join(header, rows, replacing: column, with: value), charset: .auto, soort: soort)
    }

    static func join(_ header: [UInt8], _ rows: [[[UInt8]]], replacing column: Int?, with value: [UInt8]) -> [UInt8] {
        var raw = header
        for (r, fields) in rows.enumerated() {
            for (c, field) in fields.enumerated() {
                if c > 0 { raw.append(UInt8(ascii: ";")) }
                raw += r == 0 && c == column ? value : field
            }
            raw += [13, 10]
        }
        return raw
    }
}

let bases = [BaseFile(.leerling, [leerlingRow(), leerlingRow().enumerated().map { $0.offset == 0 ? "1002" : $0.element }]),
             BaseFile(.groepen, [groepenRow]), BaseFile(.koppel, [koppelRow])]
let exportCharsets: [Charset] = [.utf8, .windows1252]

/// Check, plan, apply, export each soort in `charset` and read each export back, unless its
/// bytes are in `known`. Returns the exports, by soort.
@discardableResult
func run(_ files: [LoadedFile], charset: Charset, known: [Soort: [UInt8]]) -> [Soort: [UInt8]] {
    var checker = Checker(context: context)
    _ = checker.check(files)
    var store = StoreRecords(leerlingen: [:], medewerkers: [:], verzorgers: [:], groepen: [], koppelingen: [])
    let cs = Planner.plan(ImportData.read(files, context: context), store: store, context: context)
    _ = try? store.apply(cs)
    var exports: [Soort: [UInt8]] = [:]
    for soort in Soort.allCases {
        let rows = Exporter.rows(soort, store: store, schooljaar: context.schooljaar, vestiging: "Leeuwenbrug", today: today)
        guard let out = try? Exporter.render(soort, rows, format: ExportFormat(charset: charset, delimiter: .semicolon, bom: false)) else { continue }
        exports[soort] = out
        if known[soort] == out { continue }
        var again = Checker(context: context)
        _ = again.check([LoadedFile(path: "e", raw: out, charset: .auto, soort: soort)])
    }
    return exports
}

/// The exports of the valid rows, per charset: checked once here.
let baseExports: [[Soort: [UInt8]]] = exportCharsets.map { run(bases.map(\.valid), charset: $0, known: [:]) }

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

    // The value in its column of a valid row: 0-44 leerling, 45-51 groepen, 52-54 koppel.
    let (target, index) = column < 45 ? (0, column) : column < 52 ? (1, column - 45) : (2, column - 52)
    let quoted = quotedField(value)
    let files = bases.enumerated().map { $0.offset == target ? $0.element.file(replacing: index, with: quoted) : $0.element.valid }
    let c = column % 2
    run(files, charset: exportCharsets[c], known: baseExports[c])
    return 0
}
