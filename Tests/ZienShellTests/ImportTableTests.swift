import Testing
import ZienCore
@testable import ZienShell

/// `show imports` at any width: aligned columns, whole file names, the kind of each entry and
/// the reason of a refusal.
@Suite struct ImportTableTests {
    static let longPath = "/home/beheer/Downloads/magister-export-2026-11-29/leerlingen-alle-vestigingen-definitief.csv"

    static func entry(_ soort: String, status: String = "Succesvol met waarschuwingen", files: [String] = [],
                      vestiging: String? = "Leeuwenbrug", reden: String? = nil, fout: Int = 0) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("tijd", .string("2026-11-29 14:05")), ("soort", .string(soort)),
            ("files", .array(files.map { .object([("soort", .string("leerling")), ("path", .string($0)), ("charset", .string("windows-1252"))]) })),
            ("schooljaar", .string("2026-2027")), ("vestiging", .optional(vestiging)), ("status", .string(status)),
            ("counts", .object([("fout", .int(fout)), ("waarschuwing", .int(12)), ("info", .int(2381))])),
        ]
        if let reden { pairs.append(("reden", .string(reden))) }
        return .object(pairs)
    }

    static let stale = "een andere sessie wijzigde de opslag sinds de check (revisie 4 → 5)"

    static func table() -> ImportTable {
        let entries = [
            entry("test", files: [longPath, "koppel.csv"]),
            entry("import", files: ["leerling.csv"]),
            entry("import geweigerd", files: ["leerling.csv"], reden: stale),
            entry("import geweigerd", status: "Fouten gevonden", files: ["leerling.csv"], fout: 3),
            entry("reset-inrichting", status: "Succesvol", vestiging: nil),
            entry("undo", status: "Succesvol"),
        ]
        return ImportTable(rows: entries.enumerated().map { ImportTable.Row($1, number: $0 + 1) })
    }

    @Test(arguments: [60, 200])
    func everyWidthGivesAlignedColumnsAndWholeNames(width: Int) {
        let lines = ImportTableTests.table().lines(width: width)
        let text = lines.joined(separator: "\n")
        // Whole file names, the kind of every entry, both refusals with their reason.
        #expect(text.contains(ImportTableTests.longPath))
        #expect(text.contains("reden: " + ImportTableTests.stale) || width < 100)
        #expect(text.contains("reden: de check vond 3 fouten"))
        let rows = lines.filter { $0.first?.isNumber == true }
        #expect(rows.count == 6)
        #expect(rows.map { $0.split(separator: " ")[3] } == ["test", "import", "import", "import", "reset", "undo"])
        #expect(rows.filter { $0.contains("Geweigerd") }.count == (width >= 100 ? 2 : 0))
        #expect(lines.filter { $0.contains("Geweigerd") }.count == 2)
        // Nothing wider than the terminal but a file name that is longer than the room.
        for l in lines where l.count > width { #expect(l.contains(ImportTableTests.longPath)) }
        #expect(width < 100 || lines.allSatisfy { $0.count <= width })
        // The columns are aligned: each header word starts where its values do.
        let header = lines[0]
        for word in ["Tijd", "Soort", "F/W/I"] {
            let at = header.range(of: word).map { header.distance(from: header.startIndex, to: $0.lowerBound) }
            let column = rows.map { r -> Int in
                let cells: [String: String] = ["Tijd": "2026", "Soort": String(r.split(separator: " ")[3]), "F/W/I": r.contains("3/12/") ? "3/12/2381" : "0/12/2381"]
                let needle = cells[word] ?? ""
                return r.range(of: needle).map { r.distance(from: r.startIndex, to: $0.lowerBound) } ?? -1
            }
            #expect(Set(column) == [at ?? -2], "column \(word) at \(width)")
        }
    }

    @Test func narrowPutsTheRestBeneathTheRow() {
        let lines = ImportTableTests.table().lines(width: 60)
        #expect(lines[0] == "Nr  Tijd              Soort   F/W/I")
        #expect(lines[1] == "1   2026-11-29 14:05  test    0/12/2381")
        #expect(lines[2] == "    Succesvol met waarschuwingen · 2026-2027 · Leeuwenbrug")
        #expect(lines[3] == "    leerling \(ImportTableTests.longPath) (windows-1252)")
        #expect(lines.contains("    reden: een andere sessie wijzigde de opslag sinds de"))
        #expect(lines.contains("    check (revisie 4 → 5)"))
        #expect(lines.contains("    Succesvol · 2026-2027 · alle"))
    }

    @Test func wideIsOneRowAnEntry() {
        let lines = ImportTableTests.table().lines(width: 200)
        #expect(lines[0].hasPrefix("Nr  Tijd              Soort   Schooljaar  Vestiging    Status                        F/W/I      Bestanden"))
        // A file that fits goes beside the row; a name too long for the column, whole on a line of its own.
        #expect(lines[1].hasSuffix("0/12/2381  leerling koppel.csv (windows-1252)"))
        #expect(lines[2] == "    leerling \(ImportTableTests.longPath) (windows-1252)")
        #expect(lines[4].hasSuffix("0/12/2381  leerling leerling.csv (windows-1252)"))
        #expect(lines.contains("    reden: " + ImportTableTests.stale))
        // No terminal: no limit, every entry on one line.
        let piped = ImportTableTests.table().lines(width: nil)
        #expect(piped.count == 1 + 6 + 2)
    }
}
