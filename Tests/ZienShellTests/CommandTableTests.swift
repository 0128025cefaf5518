import Foundation
import Testing
@testable import ZienShell
@testable import ZienCore
import ZienStore

@Suite struct CommandTableTests {
    /// Every command of SPEC.md §6.
    static let specCommands = ["load", "unload", "charset", "vestiging", "vestigingen", "vestiging add",
                               "vestiging rename", "vestiging remove", "schooljaar", "check", "show row",
                               "show log", "show changes", "show leerling", "show groep", "show imports",
                               "commit", "reset-inrichting", "export", "status", "source", "help", "quit"]

    @Test func everyCommandHasHelpAndAnExample() {
        for spec in CommandTable.all {
            #expect(!spec.synopsis.isEmpty && !spec.summary.isEmpty && !spec.details.isEmpty, "\(spec.name)")
            #expect(spec.example.hasPrefix(spec.words[0]), "\(spec.name): voorbeeld '\(spec.example)'")
            #expect(spec.synopsis.hasPrefix(spec.name), "\(spec.name)")
            #expect(spec.arity.upperBound == 0 || !spec.arguments.isEmpty, "\(spec.name): argumenten hebben een soort voor completion")
        }
        #expect(Set(CommandTable.all.map(\.name)).count == CommandTable.all.count)
    }

    @Test func everySpecCommandIsInTheTable() {
        let names = Set(CommandTable.all.map(\.name))
        for c in CommandTableTests.specCommands { #expect(names.contains(c), "\(c) ontbreekt") }
    }

    @Test func resolveByPrefixAndSuggest() throws {
        #expect(try CommandTable.resolve(["sh", "r", "12"]).0.name == "show row")
        #expect(try CommandTable.resolve(["sh", "r", "12"]).1 == ["12"])
        #expect(try CommandTable.resolve(["vestiging", "Het", "Baken"]).0.name == "vestiging")
        #expect(try CommandTable.resolve(["vest", "add", "X"]).0.name == "vestiging add")
        #expect(try CommandTable.resolve(["exit"]).0.name == "quit")
        #expect(throws: CommandFailure.self) { try CommandTable.resolve(["s"]) }
        do {
            _ = try CommandTable.resolve(["lod"])
            Issue.record("lod werd geaccepteerd")
        } catch let f as CommandFailure {
            #expect(f.message.contains("bedoelde je 'load'?"))
        }
        do {
            _ = try CommandTable.resolve(["show", "rij"])
            Issue.record("show rij werd geaccepteerd")
        } catch let f as CommandFailure {
            #expect(f.message.contains("show row"))
        }
    }

    @Test func completion() {
        let c = Completer(vestigingen: ["Leeuwenbrug", "Het Baken"])
        #expect(c.complete("lo") == ["load"])
        #expect(c.complete("load x.csv as ") == ["groepen", "koppel", "leerling"])
        #expect(c.complete("charset w") == ["windows-1252"])
        #expect(c.complete("vestiging L") == ["Leeuwenbrug"])
        #expect(c.complete("vestiging a") == ["add"])
        #expect(c.complete("vestiging remove H") == ["Het Baken"])
        #expect(c.complete("show l") == ["leerling", "log"])
        #expect(c.complete("show c") == ["changes"])
        #expect(c.complete("show log f") == ["fout"])
        #expect(c.complete("show row 12 k") == ["koppel"])
        #expect(c.complete("reset-inrichting 2026-2027 --") == ["--yes"])
        #expect(c.complete("export uit l") == ["leerling"])
        #expect(c.complete("schooljaar 2026") == ["2026-2027"])
    }

    /// Stamnrs after `show leerling` and group codes after `show groep`, from the store.
    @Test func completionFromTheStore() throws {
        let c = Completer(vestigingen: [], stamnrs: { ["10234", "10235", "20001"] }, groepcodes: { ["1A", "1B", "2-ne"] })
        #expect(c.complete("show leerling 102") == ["10234", "10235"])
        #expect(c.complete("show leerling ") == [])      // not a hundred thousand at once
        #expect(c.complete("show groep 1") == ["1A", "1B"])
        #expect(c.complete("sh g 2") == ["2-ne"])
        // A session's completer reads its store.
        let store = try Store(path: ":memory:")
        try store.update { d in
            d.leerlingen["42"] = Leerling(key: "42", stamnr: "0042", roepnaam: "Zoë", tussenvoegsel: "", achternaam: "Şahin",
                                          geboortedatum: nil, geslacht: .vrouw, email: nil, vertrekdatum: nil)
            d.groepen.insert(Groep(schooljaar: Schooljaar(startYear: 2026), vestiging: "Leeuwenbrug", code: "3C"))
        }
        let fromSession = Completer(session: Session(store: store, today: Day(unchecked: 2026, 11, 29)))
        #expect(fromSession.complete("show leerling 00") == ["0042"])
        #expect(fromSession.complete("show groep ") == ["3C"])
        // What libedit inserts: one word, whatever it holds.
        #expect(Completer.escaped("~/mijn exports/") == "~/mijn\\ exports/")
        #expect(splitWords("load " + Completer.escaped("~/it's \"x\"/a b.csv")) == ["load", "~/it's \"x\"/a b.csv"])
    }

    @Test func pathCompletion() throws {
        let dir = NSTemporaryDirectory() + "zien-compl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/voorbeeld", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/voorbeeld/leerling.csv", contents: Data())
        FileManager.default.createFile(atPath: dir + "/voorbeeld/leerlingen oud.csv", contents: Data())
        FileManager.default.createFile(atPath: dir + "/.verborgen", contents: Data())
        let c = Completer(vestigingen: [])
        #expect(c.complete("load \(dir)/voor") == ["\(dir)/voorbeeld/"])
        #expect(c.complete("source \(dir)/voorbeeld/leerling") == ["\(dir)/voorbeeld/leerling.csv", "\(dir)/voorbeeld/leerlingen oud.csv"])
        #expect(c.complete("load \(dir)/") == ["\(dir)/voorbeeld/"])
        #expect(Completer.paths("\(dir)/.v") == ["\(dir)/.verborgen"])
    }

    @Test func words() {
        #expect(splitWords("vestiging add \"Het Baken\"") == ["vestiging", "add", "Het Baken"])
        #expect(splitWords("load 'mijn bestand.csv' as leerling") == ["load", "mijn bestand.csv", "as", "leerling"])
        #expect(splitWords("load mijn\\ bestand.csv") == ["load", "mijn bestand.csv"])
        #expect(splitWords("load \"open") == nil)
        #expect(splitCommands("load 'a;b.csv'; check") == ["load 'a;b.csv'", " check"])
    }

    @Test func checkIsDiscardedWhenTheSessionChanges() throws {
        let store = try Store(path: ":memory:")
        let session = Session(store: store, today: Day(unchecked: 2026, 11, 29))
        let console = CapturingConsole()
        let runner = ScriptRunner(session: session, console: console, json: false, palette: Palette(enabled: false))
        #expect(runner.execute("vestiging add Leeuwenbrug") == nil)
        session.setFile(LoadedFile(path: "k.csv", raw: Array("1A;Leeuwenbrug;1\n".utf8), charset: .auto, soort: nil))
        #expect(runner.execute("check") == nil)
        #expect(session.lastCheck != nil)
        #expect(runner.execute("charset windows-1252") == nil)
        #expect(session.lastCheck == nil)
        #expect(runner.execute("check") == nil)
        #expect(runner.execute("schooljaar 2025-2026") == nil)
        #expect(session.lastCheck == nil)
        #expect(runner.execute("show log")?.message.contains("nog geen check") == true)
    }
}

/// What an Importoverzicht entry keeps of a board-sized check.
@Suite struct ImportLogTests {
    @Test func everyWarningAndAHundredInfo() {
        var report = CheckReport(diagnostics: [], counts: LevelCounts(), records: [:])
        for n in 0..<150 { report.diagnostics.append(Diagnostic(.geenOuders, soort: .leerling, line: n + 2, message: "Geen ouder(s) of verzorger(s) gevonden")) }
        for n in 0..<3 { report.diagnostics.append(Diagnostic(.andereVestiging, soort: .leerling, line: 200 + n, message: "andere vestiging")) }
        report.diagnostics.append(Diagnostic(.geenMentoren, soort: .leerling, line: 300, message: "Geen mentoren gevonden"))
        let kept = CommandTable.loggedFindings(report)
        #expect(kept.count == 3 + 100 + 1)
        #expect(kept.filter { $0["level"]?.stringValue == "waarschuwing" }.count == 3)
        #expect(kept.last?["message"]?.stringValue == "… en nog 51 meldingen, niet bewaard (geen-ouders 50, geen-mentoren 1); 'show log' toont ze in de sessie")
        #expect(CommandTable.loggedFindings(CheckReport(diagnostics: Array(report.diagnostics.prefix(5)), counts: LevelCounts(), records: [:])).count == 5)
    }
}
