import Foundation
import ZienCore
import ZienFixtures

/// zien-gen: writes a generated school's Magister exports, for the README, tests and benchmarks.
///
///   zien-gen DIR [--pupils N] [--seed N] [--charset NAME] [--tab] [--crlf] [--bom]
///                [--no-header | --split-header] [--other-share 0.2]
///                [--set leerling:LINE:COLUMN=VALUE ...]
let usage = """
gebruik: zien-gen MAP [--pupils N] [--seed N] [--charset utf-8|windows-1252|iso-8859-1|utf-16le|utf-16be]
                      [--tab] [--crlf] [--bom] [--no-header|--split-header] [--other-share 0.2]
                      [--set SOORT:REGEL:KOLOM=WAARDE]...
       zien-gen --fixtures MAP
Schrijft leerling, groepen en koppel van een gegenereerde school in MAP (of de testbestanden).
"""

var args = Array(CommandLine.arguments.dropFirst())
var dir: String?
var gen = SchoolGenerator()
var defects: [Soort: [SchoolGenerator.Defect]] = [:]
func fail(_ m: String) -> Never {
    FileHandle.standardError.write((m + "\n" + usage + "\n").data(using: .utf8) ?? Data())
    exit(2)
}
while !args.isEmpty {
    let a = args.removeFirst()
    func value() -> String {
        guard !args.isEmpty else { fail("\(a) vraagt een waarde") }
        return args.removeFirst()
    }
    switch a {
    case "--pupils": gen.pupils = Int(value()) ?? 0
    case "--seed": gen.seed = UInt64(value()) ?? 1
    case "--charset":
        let v = value()
        guard case .forced(let c)? = CharsetSetting(name: v) else { fail("onbekende tekenset \(v)") }
        gen.format.charset = c
    case "--tab": gen.format.delimiter = .tab
    case "--crlf": gen.format.crlf = true
    case "--bom": gen.format.bom = true
    case "--no-header": gen.format.header = .none
    case "--split-header": gen.format.header = .split
    case "--other-share": gen.otherVestigingShare = Double(value()) ?? 0
    case "--set":
        let spec = value()
        let parts = spec.split(separator: "=", maxSplits: 1)
        let place = parts.first?.split(separator: ":") ?? []
        guard parts.count == 2, place.count == 3, let soort = Soort(word: String(place[0])),
              let line = Int(place[1]), let column = Int(place[2]) else { fail("--set verwacht SOORT:REGEL:KOLOM=WAARDE") }
        defects[soort, default: []].append(.init(line: line, column: column - 1, value: String(parts[1])))
    case "--fixtures":
        let target = value()
        do { try FixtureSet.write(to: target); print("fixtures in \(target)"); exit(0) } catch { fail("kan fixtures niet schrijven: \(error)") }
    case "-h", "--help": print(usage); exit(0)
    default:
        if a.hasPrefix("-") || dir != nil { fail("onbekend argument \(a)") }
        dir = a
    }
}
guard let dir else { fail("geef een map") }
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let ext = gen.format.delimiter == .tab ? "txt" : "csv"
for soort in Soort.allCases {
    var g = gen
    if soort == .koppel { g.format.header = .none }
    let path = "\(dir)/\(soort.rawValue).\(ext)"
    let bytes = g.file(soort, defects: defects[soort] ?? [])
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
        fail("kan \(path) niet schrijven")
    }
    print(path)
}
