import Foundation
import Testing
@testable import ZienShell
import ZienFixtures
@testable import ZienCore
import ZienStore

@Suite struct CommandTableTests {
    /// Every command of SPEC.md §6.
    static let specCommands = ["load", "unload", "charset", "vestiging", "vestigingen", "vestiging add",
                               "vestiging rename", "vestiging remove", "schooljaar", "check", "show row",
                               "show log", "show changes", "show leerling", "show groep", "show imports",
                               "commit", "reset-inrichting", "export", "status", "source", "help", "quit"]

    @Test func everyCommandHasHelpAndAnExample() throws {
        for spec in CommandTable.all {
            #expect(!spec.synopsis.isEmpty && !spec.summary.isEmpty && !spec.details.isEmpty, "\(spec.name)")
            #expect(!spec.examples.isEmpty, "\(spec.name)")
            for ex in spec.examples {
                // Each example names its own command and fits its grammar.
                let words = try #require(splitWords(ex))
                let (found, rest) = try CommandTable.resolve(words)
                #expect(found.name == spec.name, "\(spec.name): voorbeeld '\(ex)'")
                #expect(throws: Never.self, "\(spec.name): voorbeeld '\(ex)'") { _ = try spec.parse(rest) }
            }
            for syn in spec.synopses { #expect(syn.hasPrefix(spec.name), "\(spec.name)") }
            // help COMMAND names every flag with its explanation.
            let help = CommandTable.detail(spec)
            for f in spec.flags { #expect(help.contains(f.name) && help.contains(f.help), "\(spec.name): \(f.name) niet in help") }
        }
        #expect(Set(CommandTable.all.map(\.name)).count == CommandTable.all.count)
    }

    /// No hand-written usage text is left: every `Gebruik:` comes from the grammar.
    @Test func noHandWrittenUsage() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/ZienShell").standardized.path
        let files = try #require(FileManager.default.enumerator(atPath: dir)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 5)
        for f in files where f != "Running/ShellError.swift" && f != "Running/InvocationError.swift" {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            #expect(!text.contains("Gebruik:"), "\(f) schrijft zelf een Gebruik:-tekst")
        }
    }

    /// Each failure has a code of its own (one text per code; what varies is data), and no
    /// command makes a failure's text itself: every `ShellError` case is in the samples below
    /// (counted in its source), no two cases share a code, and no `CommandFailure("…")` is left.
    @Test func everyFailureHasACodeOfItsOwn() throws {
        let samples: [ShellError] = [
            .usage("load", .tooMany("x"), []), .unknownCommand("x", suggestion: nil), .ambiguousCommand("s", ["show", "status"]),
            .incomplete("show", []), .unknownSubcommand("show", "x", suggestion: nil, []), .unclosedQuote("x"), .undefinedVariable("X"),
            .cannotRead(.load, "a", reason: nil), .cannotRead(.load, "a", reason: "r"), .cannotRead(.script, "a", reason: nil),
            .cannotRead(.script, "a", reason: "r"), .scriptsTooDeep(9), .cancelled("Check"), .emptyName(.vestiging),
            .emptyName(.newName), .emptyName(.exportFolder), .emptyName(.anonymizeFolder), .badToday("x"), .noFileLoaded, .noFileOfSoort("leerling"),
            .soortNeeded(line: 1, []), .lineOutOfRange(path: "a", lines: 1, line: 2), .notASchooljaar("x", example: "2026-2027"),
            .noVestigingChosen(forExport: false, known: []), .unknownVestiging("x", suggestion: nil, known: []), .vestigingExists("x"),
            .vestigingInUse("x", couplings: 1), .controlCharacterInName("x"), .noCheck, .noChangeSet, .nothingToCommit(sinceCheck: true),
            .notQuit, .commitRefusedFout(1), .commitNeedsYes(ending: 1, active: 2), .commitAborted,
            .staleStore(redo: "check", from: 1, to: 2), .commitWriteFailed("x"), .resetNeedsYes(summary: "x", year: "2026-2027"),
            .resetNotConfirmed, .nothingToUndo(older: false), .undoEntryMissing, .undoNotKept(3), .undoConflict("import 3", reason: "x"),
            .undoNeedsYes(UndoTarget(id: "r1", number: 1, soort: "import", tijd: ""), total: "geen"), .undoNotConfirmed, .store("x"), .writeFailed("x"), .noSuchImport("9", count: 1), .noPupilFileLoaded,
            .pupilNotInFiles("1", ["a"]), .pupilNotInStore("1"), .groupNotInStore("1A"), .exportUnencodable("x", soort: "leerling"),
            .exportExists(["a"], command: "x"), .exportFailed("x"), .anonymizeRefused("x"), .anonymizeSameName("a"), .anonymizeWouldReplace("a"), .anonymizeDiffers("x"),
            .anonymizeExists(["a"], command: "x"), .anonymizeFailed("x"), .unknownChoice("x", .soort), .technical("x"),
            .undeclared("x", []), .inScript("a.zs", 1, .noCheck),
        ]
        // A case without data has no label to reflect (and its description is its message).
        let bare: [String: ShellError] = [
            "noFileLoaded": .noFileLoaded, "noCheck": .noCheck, "noChangeSet": .noChangeSet, "notQuit": .notQuit,
            "commitAborted": .commitAborted, "resetNotConfirmed": .resetNotConfirmed, "undoEntryMissing": .undoEntryMissing,
            "undoNotConfirmed": .undoNotConfirmed, "noPupilFileLoaded": .noPupilFileLoaded,
        ]
        func caseName(_ e: ShellError) -> String {
            Mirror(reflecting: e).children.first?.label ?? bare.first { $0.value.message == e.message }?.key ?? "?"
        }
        var byCode: [String: Set<String>] = [:]
        for e in samples where caseName(e) != "inScript" { byCode[e.code, default: []].insert(caseName(e)) }
        for (code, cases) in byCode { #expect(cases.count == 1, "code \(code) is shared by \(cases.sorted())") }
        // Every case declared in the source has a sample.
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/ZienShell").standardized.path
        let source = try String(contentsOfFile: dir + "/Running/ShellError.swift", encoding: .utf8)
        let body = try #require(source.components(separatedBy: "public enum ShellError").last?.components(separatedBy: "\n    /// What a script exits with").first)
        let declared = body.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("case ") || t.hasPrefix("indirect case ") else { return nil }
            let name = t.replacingOccurrences(of: "indirect ", with: "").dropFirst(5)
            return String(name.prefix { $0.isLetter || $0.isNumber })
        }
        #expect(declared.count > 40)
        #expect(Set(declared) == Set(samples.map(caseName)))
        // No failure text made outside ShellError.swift.
        let files = try #require(FileManager.default.enumerator(atPath: dir)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for f in files {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            #expect(!text.contains("CommandFailure(\"") && !text.contains("ShellError(\""), "\(f) maakt zelf een fouttekst")
        }
    }

    /// Every flag and word a handler asks for is declared in its table entry (asking for an
    /// undeclared one fails the command), and everything declared is asked for by the handler
    /// (so nothing is accepted and then ignored). The examples of each command, run in a
    /// session with a school loaded and checked, use every flag and keyword between them.
    @Test func handlersAskForExactlyWhatTheTableDeclares() throws {
        let store = try Store(path: ":memory:")
        try store.update { d in d.vestigingen = ["Leeuwenbrug", "Het Baken"]; d.revision += 1 }
        let session = Session(store: store, today: Day(unchecked: 2026, 11, 29))
        _ = session.chooseVestigingAtStart("Leeuwenbrug")
        let g = SchoolGenerator(pupils: 20, seed: 7, otherVestigingShare: 0.1)
        for soort in Soort.allCases { session.setFile(LoadedFile(path: "\(soort.rawValue).csv", raw: g.file(soort), charset: .auto, soort: nil)) }
        let dir = NSTemporaryDirectory() + "zien-table-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = ScriptRunner(session: session, console: CapturingConsole(), json: false, palette: Palette(enabled: false))
        runner.contexts.append(.init(folder: dir, arguments: []))
        #expect(runner.execute("check") == nil)
        for spec in CommandTable.all where spec.name != "quit" {
            var asked = Set<String>()
            for ex in spec.examples {
                runner.lastParsed = nil
                let failure = runner.execute(ex)
                if case .undeclared? = failure { Issue.record("\(ex): \(failure?.message ?? "")") }
                let parsed = try #require(runner.lastParsed, "\(ex): \(failure?.message ?? "")")
                #expect(parsed.undeclared.isEmpty, "\(ex): \(parsed.undeclared)")
                asked.formUnion(parsed.asked)
            }
            for f in spec.flags { #expect(asked.contains(f.name), "\(spec.name): \(f.name) staat in de tabel maar de opdracht vraagt er niet naar") }
            for slot in spec.slots { #expect(asked.contains(slot.key), "\(spec.name): \(slot.key) staat in de tabel maar de opdracht vraagt er niet naar") }
        }
    }

    /// Completion offers every flag, keyword and choice word the table declares.
    @Test func completionOffersEveryDeclaredWord() {
        let c = Completer(vestigingen: ["Leeuwenbrug"])
        for spec in CommandTable.all {
            let dashes = c.complete(spec.name + " -")
            for f in spec.flags { #expect(dashes.contains(f.name), "\(spec.name) -: \(f.name) ontbreekt in \(dashes)") }
            for form in spec.forms {
                let fillers = form.filter { !$0.optional && $0.keyword == nil }.map { $0.kind == .number ? "12" : "x" }
                let line = ([spec.name] + fillers).joined(separator: " ") + " "
                let offered = c.complete(line)
                for slot in form where slot.optional {
                    if let k = slot.keyword {
                        #expect(offered.contains(k), "'\(line)': \(k) ontbreekt")
                        if let choices = slot.kind.choices {
                            let values = c.complete(line + k + " ")
                            for w in choices { #expect(values.contains(w), "'\(line)\(k) ': \(w) ontbreekt") }
                        }
                    } else if let choices = slot.kind.choices {
                        for w in choices { #expect(offered.contains(w), "'\(line)': \(w) ontbreekt") }
                    }
                }
            }
        }
    }

    /// Usage errors come from the grammar, word for word.
    @Test func usageErrors() throws {
        let runner = ScriptRunner(session: Session(store: try Store(path: ":memory:"), today: Day(unchecked: 2026, 11, 29)),
                                  console: CapturingConsole(), json: false, palette: Palette(enabled: false))
        func message(_ line: String) -> String { runner.execute(line)?.message ?? "(gelukt)" }
        #expect(message("load") == "'load' mist BESTAND (een bestand). Gebruik: load BESTAND [as leerling|groepen|koppel]")
        #expect(message("load a.csv as") == "Na 'as' hoort SOORT (een soort). Gebruik: load BESTAND [as leerling|groepen|koppel]")
        #expect(message("load a.csv as kopel") == "'kopel' is geen soort (bedoelde je 'koppel'?); kies leerling, groepen, koppel. Gebruik: load BESTAND [as leerling|groepen|koppel]")
        #expect(message("load a.csv b.csv") == "'b.csv' past niet bij 'load' (staat er een spatie in een naam? zet hem tussen aanhalingstekens). Gebruik: load BESTAND [as leerling|groepen|koppel]")
        #expect(message("commit --ja") == "Onbekende optie '--ja' voor 'commit'. Gebruik: commit [--yes]")
        #expect(message("commit --yse") == "Onbekende optie '--yse' voor 'commit' (bedoelde je '--yes'?). Gebruik: commit [--yes]")
        #expect(message("status nu") == "'status' neemt niet nog een woord: 'nu'. Gebruik: status")
        #expect(message("show row tien") == "'tien' is geen getal (1 of hoger). Gebruik: show row N [leerling|groepen|koppel] [--alles] of show row stamnr STAMNR [--alles]")
        #expect(message("show changes g") == "'g' is dubbelzinnig: groepen, gewijzigd. Gebruik: show changes [leerlingen|medewerkers|verzorgers|groepen|koppelingen…] [nieuw|gewijzigd|beeindigd|verwijderd…] [leerling STAMNR|groep CODE] [--alles] [--json]")
        #expect(message("show log regel 20-10") == "'20-10' is geen regelnummer of regelbereik (2381 of 2000-2500). Gebruik: show log [fout|waarschuwing|info…] [CODE…] [regel N[-M]] [leerling|groepen|koppel] [--alles]")
        #expect(message("charset windows-1253") == "'windows-1253' is geen tekenset (bedoelde je 'windows-1252'?); kies auto, utf-8, windows-1252, iso-8859-1, utf-16, utf-16le, utf-16be, herstel. Gebruik: charset [auto|utf-8|windows-1252|iso-8859-1|utf-16|utf-16le|utf-16be|herstel]")
        // Unknown and ambiguous are told apart, for head words and subcommands alike.
        #expect(message("s") == "'s' is dubbelzinnig: schooljaar, show, source, status")
        #expect(message("lod x") == "Onbekende opdracht 'lod' (bedoelde je 'load'?); 'help' toont alle opdrachten")
        #expect(message("show l") == "'show l' is dubbelzinnig: show log, show leerling")
        #expect(message("show rij 1") == "Onbekende opdracht 'show rij' (bedoelde je 'show row'?). Mogelijk: show row, show log, show changes, show imports, show leerling, show groep")
        #expect(message("vestiging r") == "'vestiging r' is dubbelzinnig: vestiging add, vestiging rename, vestiging remove".replacingOccurrences(of: "vestiging add, ", with: ""))
    }
    @Test func everySpecCommandIsInTheTable() {
        let names = Set(CommandTable.all.map(\.name))
        for c in CommandTableTests.specCommands { #expect(names.contains(c), "\(c) ontbreekt") }
    }

    /// A failure is a typed value: one Dutch text, and the same data in the `--json` document.
    @Test func errorsAreValuesWithOneRenderer() throws {
        let console = CapturingConsole()
        let runner = ScriptRunner(session: Session(store: try Store(path: ":memory:"), today: Day(unchecked: 2026, 11, 29)),
                                  console: console, json: true, palette: Palette(enabled: false))
        let f = try #require(runner.execute("load nergens.csv"))
        guard case .cannotRead(.load, "nergens.csv", reason: nil) = f else { Issue.record("\(f)"); return }
        #expect(f.message == "Kan 'nergens.csv' niet laden: het bestand bestaat niet")
        #expect(console.output == #"{"command": "load", "error": {"code": "bestand-bestaat-niet", "message": "Kan 'nergens.csv' niet laden: het bestand bestaat niet", "use": "load", "path": "nergens.csv", "reason": null}, "exitCode": 1}"# + "\n")
        let usage = try #require(runner.execute("commit --yse"))
        #expect(usage.json["code"]?.stringValue == "gebruik")
        #expect(usage.json["suggestion"]?.stringValue == "--yes")
        #expect(usage.json["message"]?.stringValue == usage.message)
        #expect(ShellError.commitRefusedFout(2).exitCode == 3)
        #expect(ShellError.inScript("a.zs", 3, .noCheck).message == "a.zs regel 3: " + ShellError.noCheck.message)
    }

    @Test func resolveByPrefixAndSuggest() throws {
        #expect(try CommandTable.resolve(["sh", "r", "12"]).0.name == "show row")
        #expect(try CommandTable.resolve(["sh", "r", "12"]).1 == ["12"])
        #expect(try CommandTable.resolve(["vestiging", "Het", "Baken"]).0.name == "vestiging")
        #expect(try CommandTable.resolve(["vest", "add", "X"]).0.name == "vestiging add")
        #expect(try CommandTable.resolve(["vestiging", "ren", "a", "b"]).0.name == "vestiging rename")
        // A vestiging whose name is a subcommand's prefix is the vestiging.
        #expect(try CommandTable.resolve(["vestiging", "Re"], ownValues: ["Re"]).0.name == "vestiging")
        #expect(try CommandTable.resolve(["exit"]).0.name == "quit")
        #expect(throws: ShellError.self) { try CommandTable.resolve(["s"]) }
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
        #expect(c.complete("vestiging r") == ["remove", "rename"])
        #expect(c.complete("show changes leerling 1 ") .contains("koppelingen"))
        #expect(!c.complete("show changes leerling 1 ").contains("groep"))
        #expect(c.complete("show changes be") == ["beeindigd"])
        #expect(c.complete("show log regel 12 ").contains("leerling"))
        #expect(c.complete("status; lo") == ["load"])
        #expect(c.complete("commit -") == ["--yes"])
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
        #expect(splitWords("status; load 'a;b.csv' # c") == ["load", "a;b.csv"])
    }

    /// The one command-line grammar: ; and # outside quotes, variables, CRLF.
    @Test func lexer() throws {
        func lex(_ s: String, _ vars: [String: String] = [:]) throws -> [[String]] {
            try CommandLexer.commands(s, variable: { vars[$0] }).map(\.words)
        }
        #expect(try lex("vestiging add Leeuwenbrug   # eerst de vestiging") == [["vestiging", "add", "Leeuwenbrug"]])
        #expect(try lex("vestigingen; status") == [["vestigingen"], ["status"]])
        #expect(try lex("vestiging add \"A # B\"; vestiging add 'C ; D'") == [["vestiging", "add", "A # B"], ["vestiging", "add", "C ; D"]])
        #expect(try lex("a\r\nb\rc\nd") == [["a"], ["b"], ["c"], ["d"]])
        #expect(try lex("load $1 as ${SOORT}", ["1": "mijn bestand.csv", "SOORT": "koppel"]) == [["load", "mijn bestand.csv", "as", "koppel"]])
        #expect(try lex("x $$1 '$1' \"$1\" \\$1 $ $x", ["1": "een"]) == [["x", "$1", "$1", "een", "$1", "$", "$x"]])
        // A value is never read as grammar: its ; and # stay text.
        #expect(try lex("vestiging add $1", ["1": "a; b # c"]) == [["vestiging", "add", "a; b # c"]])
        #expect(try CommandLexer.commands("load $1/x.csv; load y/$1", variable: { _ in "d" }).map(\.fromVariables) == [["d/x.csv"], []])
        #expect(throws: ShellError.self) { try lex("load $2", ["1": "x"]) }
        #expect(throws: ShellError.self) { try lex("load ${NIET}") }
        #expect(throws: ShellError.self) { try lex("load \"open") }
        #expect(try lex("  # alleen commentaar") == [])
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
        for n in 0..<150 { report.diagnostics.append(Diagnostic(.geenOuders, soort: .leerling, line: n + 2)) }
        for n in 0..<3 { report.diagnostics.append(Diagnostic(.andereVestiging, soort: .leerling, line: 200 + n, "de leerling", "Het Baken", "Leeuwenbrug")) }
        report.diagnostics.append(Diagnostic(.geenMentoren, soort: .leerling, line: 300))
        let logged = CommandTable.loggedFindings(report)
        #expect(logged.kept.count == 3 + 100)
        #expect(logged.kept.filter { $0["level"]?.stringValue == "waarschuwing" }.count == 3)
        // What is left out is counted per code beside the findings, never as a finding.
        #expect(logged.left == .object([("geen-ouders", .int(50)), ("geen-mentoren", .int(1))]))
        #expect(!logged.kept.contains { $0["code"]?.stringValue == "technische-fout" })
        let few = CommandTable.loggedFindings(CheckReport(diagnostics: Array(report.diagnostics.prefix(5)), counts: LevelCounts(), records: [:]))
        #expect(few.kept.count == 5 && few.left == nil)
    }
}
