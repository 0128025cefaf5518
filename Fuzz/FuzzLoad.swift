// libFuzzer harness: any bytes as a loaded file, through check, show row, show log and show
// changes, in the charset and soort the first byte chooses. Built by scripts/fuzz.
import ZienCore
@testable import ZienShell
import ZienStore

let settings: [CharsetSetting] = [.auto, .forced(.utf8), .forced(.windows1252), .forced(.iso88591), .utf16WithBOM,
                                  .forced(.utf16le), .forced(.utf16be), .auto]
let soorten: [Soort?] = [nil, .leerling, .groepen, .koppel]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoad(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let choice = Int(data[0])
    let raw = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let store = try? Store(path: ":memory:") else { return 0 }
    try? store.update { $0.vestigingen = ["Leeuwenbrug", "Het Baken"] }
    let session = Session(store: store, today: Day(unchecked: 2026, 11, 29))
    session.setVestiging("Leeuwenbrug")
    let console = CapturingConsole()
    let runner = ScriptRunner(session: session, console: console, json: choice & 0x80 != 0, palette: Palette(enabled: false))
    let file = LoadedFile(path: "fuzz.csv", raw: raw, charset: settings[choice & 7], soort: soorten[(choice >> 3) & 3])
    session.setFile(file)
    _ = runner.execute("show row 1")
    _ = runner.execute("check")
    let last = max(file.lineCount, 1)
    for n in Set([1, 2, 3, last / 2, last]) where n >= 1 { _ = runner.execute("show row \(n)") }
    _ = runner.execute("show log")
    _ = runner.execute("show changes")
    if choice & 0x40 != 0 {
        _ = runner.execute("commit --yes")
        _ = runner.execute("show changes")
    }
    return 0
}
