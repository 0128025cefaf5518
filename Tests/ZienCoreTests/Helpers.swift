import ZienCore
import ZienFixtures

/// Loads `text` (UTF-8 unless bytes are given) as a file and checks it.
func load(_ text: String, charset: CharsetSetting = .auto, soort: Soort? = nil) -> LoadedFile {
    LoadedFile(path: "test.csv", raw: Array(text.utf8), charset: charset, soort: soort)
}

func load(bytes: [UInt8], charset: CharsetSetting = .auto, soort: Soort? = nil) -> LoadedFile {
    LoadedFile(path: "test.csv", raw: bytes, charset: charset, soort: soort)
}

let today = Day(unchecked: 2026, 11, 29)

func context(vestiging: String = "Leeuwenbrug", knownPupils: [String: Day?] = [:], knownGroups: Set<String> = []) -> CheckContext {
    CheckContext(vestigingen: ["Leeuwenbrug", "Het Baken"], vestiging: vestiging,
                 schooljaar: Schooljaar(containing: today), today: today,
                 knownPupils: knownPupils, knownGroups: knownGroups)
}

func check(_ files: [LoadedFile], _ ctx: CheckContext = context()) -> [Diagnostic] {
    var c = Checker(context: ctx)
    return c.check(files)?.diagnostics ?? []
}

/// A generated leerling file (header + `pupils` rows) with defects, as a LoadedFile.
func leerlingFile(pupils: Int = 5, _ defects: [SchoolGenerator.Defect] = []) -> LoadedFile {
    let g = SchoolGenerator(pupils: pupils, seed: 42)
    return load(bytes: g.render(.leerling, g.leerlingRows(), defects: defects))
}

func codes(_ ds: [Diagnostic]) -> [String] { ds.map(\.code.rawValue) }
