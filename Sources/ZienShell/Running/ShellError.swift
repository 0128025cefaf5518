import ZienCore

/// Older name of `ShellError`, still caught under it.
public typealias CommandFailure = ShellError

/// What is wrong with the words of a command line, as the grammar found it.
public enum UsageProblem: Sendable, Equatable {
    case unknownFlag(String, suggestion: String?)
    /// A required value is missing: its name and kind.
    case missing(String, ArgumentKind)
    /// A keyword without the value after it.
    case missingValue(String, String, ArgumentKind)
    /// A word that is not one of the kind's choices.
    case notAChoice(String, kind: ArgumentKind, suggestion: String?)
    case badValue(String, ValueProblem)
    /// A prefix of several choices.
    case ambiguous(String, [String])
    case unknownWord(String, suggestion: String?)
    /// More words than the command takes.
    case tooMany(String)
}

/// What a file was read for, in a `cannotRead`.
public enum FileUse: String, Sendable {
    case load, script
}

/// Which name was empty, in an `emptyName`.
public enum EmptyName: String, Sendable {
    case vestiging, newName = "nieuwe-naam", exportFolder = "map", anonymizeFolder = "anonimiseer-map"
}

/// A failure of a command, of a script line or of the invocation: a typed case carrying its
/// data. The Dutch text is made in one place (`message`), and the `--json` error document
/// carries the same data (`json`). Each case has a code of its own, stable; the text may
/// improve. A new failure gets a case: no command writes a failure's text itself. (`store`,
/// `writeFailed` and `anonymizeRefused` carry the Dutch text of the store's, the writer's and
/// the anonymizer's refusals.)
public enum ShellError: Error, Sendable, CustomStringConvertible {
    /// The words after the command do not fit its grammar.
    case usage(String, UsageProblem, [String])
    /// The first word names no command.
    case unknownCommand(String, suggestion: String?)
    /// A prefix of several commands (or subcommands).
    case ambiguousCommand(String, [String])
    /// A command word that needs a subcommand (`show`): its synopses.
    case incomplete(String, [String])
    /// `head sub` where `sub` is no subcommand of `head`.
    case unknownSubcommand(String, String, suggestion: String?, [String])
    case unclosedQuote(String)
    /// `$3` or `${NAAM}` that the script was not given.
    case undefinedVariable(String)
    /// A line of a script failed: where, and what.
    indirect case inScript(String, Int, ShellError)
    // Files and scripts.
    /// A file `load` or a script could not read: its path as given, and why (nil: it does not exist).
    case cannotRead(FileUse, String, reason: String?)
    case scriptsTooDeep(Int)
    /// Ctrl-C stopped a `check` or `load`; the session is as before (exit 130).
    case cancelled(String)
    /// An empty name where a name is needed.
    case emptyName(EmptyName)
    /// `ZIEN_TODAY` is no date (exit 2).
    case badToday(String)

    // The session.
    case noFileLoaded
    case noFileOfSoort(String)
    /// Several files are loaded: `show row N` needs the soort.
    case soortNeeded(line: Int, [String])
    case lineOutOfRange(path: String, lines: Int, line: Int)
    case notASchooljaar(String, example: String)
    /// No vestiging chosen: for `check` (with the known ones) or `export`.
    case noVestigingChosen(forExport: Bool, known: [String])
    case unknownVestiging(String, suggestion: String?, known: [String])
    case vestigingExists(String)
    case vestigingInUse(String, couplings: Int)
    /// A vestiging name with a control character (as `Text.visible` shows it).
    case controlCharacterInName(String)
    case noCheck
    case noChangeSet
    case nothingToCommit(sinceCheck: Bool)
    case notQuit

    // Commit and reset.
    /// Refused because the check found Fout (exit 3).
    case commitRefusedFout(Int)
    case commitNeedsYes(ending: Int, active: Int)
    case commitAborted
    /// Another session changed the store since the check (or reset).
    case staleStore(redo: String, from: Int, to: Int)
    case commitWriteFailed(String)
    case resetNeedsYes(summary: String, year: String)
    case resetNotConfirmed

    // Undo.
    /// No commit left to undo; `older`: commits of an older store that kept nothing to undo with.
    case nothingToUndo(older: Bool)
    /// The Importoverzicht lacks the last commit's line.
    case undoEntryMissing
    /// That line (number) keeps nothing to undo with.
    case undoNotKept(Int)
    /// The store changed since so that undoing does not fit: what, and why.
    case undoConflict(String, reason: String)
    /// The undo's change set committed without a question to ask: the commit it undoes, and
    /// its change total (`Render.changeTotal`).
    case undoNeedsYes(UndoTarget, total: String)
    case undoNotConfirmed

    // The store and the data in it.
    /// The store refused (its own Dutch message).
    case store(String)
    case writeFailed(String)
    case noSuchImport(String, count: Int)
    /// `show row stamnr`: no leerling or koppel file loaded.
    case noPupilFileLoaded
    /// `show row stamnr`: the files (paths) do not name the pupil.
    case pupilNotInFiles(String, [String])
    case pupilNotInStore(String)
    case groupNotInStore(String)

    // Export.
    case exportUnencodable(String, soort: String)
    case exportExists([String], command: String)
    case exportFailed(String)

    // anonimiseer (issue 15).
    /// A loaded file the anonymizer refuses (its text: not text, a field it cannot replace).
    case anonymizeRefused(String)
    /// Two loaded files with this name: their copies would have the same name.
    case anonymizeSameName(String)
    /// The copy of the file at this path would replace it.
    case anonymizeWouldReplace(String)
    /// The copies' findings differ from the originals': the first difference.
    case anonymizeDiffers(String)
    case anonymizeExists([String], command: String)
    case anonymizeFailed(String)

    /// A word that is none of its kind's choices, found after the grammar.
    case unknownChoice(String, ArgumentKind)
    /// Anything unexpected: never a crash.
    case technical(String)
    /// A handler asked for a flag or word its table entry does not declare (a defect).
    case undeclared(String, [String])

    /// What a script exits with when this stops it.
    public var exitCode: Int32 {
        switch self {
        case .inScript(_, _, let e): e.exitCode
        case .cancelled: 130
        case .badToday: 2
        case .commitRefusedFout: 3
        default: 1
        }
    }

    /// The stable identifier of the `--json` error document.
    public var code: String {
        switch self {
        case .usage: "gebruik"
        case .unknownCommand: "onbekende-opdracht"
        case .ambiguousCommand: "dubbelzinnige-opdracht"
        case .incomplete: "opdracht-onvolledig"
        case .unknownSubcommand: "onbekende-subopdracht"
        case .unclosedQuote: "aanhalingsteken-open"
        case .undefinedVariable: "onbekende-variabele"
        case .inScript(_, _, let e): e.code
        case .undeclared: "niet-in-opdrachtentabel"
        case .technical: "technische-fout"
        case .cannotRead(let use, _, let reason): reason == nil ? "\(use == .load ? "bestand" : "script")-bestaat-niet" : "\(use == .load ? "bestand" : "script")-niet-leesbaar"
        case .scriptsTooDeep: "scripts-te-diep"
        case .cancelled: "afgebroken"
        case .emptyName(let n): "lege-\(n.rawValue)"
        case .badToday: "zien-today-ongeldig"
        case .noFileLoaded: "geen-bestand-geladen"
        case .noFileOfSoort: "soort-niet-geladen"
        case .soortNeeded: "soort-nodig"
        case .lineOutOfRange: "regel-bestaat-niet"
        case .notASchooljaar: "geen-schooljaar"
        case .noVestigingChosen: "geen-vestiging-gekozen"
        case .unknownVestiging: "onbekende-vestiging"
        case .vestigingExists: "vestiging-bestaat-al"
        case .vestigingInUse: "vestiging-in-gebruik"
        case .controlCharacterInName: "stuurteken-in-naam"
        case .noCheck: "geen-check"
        case .noChangeSet: "geen-wijzigingenset"
        case .nothingToCommit: "niets-in-te-lezen"
        case .notQuit: "niet-afgesloten"
        case .commitRefusedFout: "commit-geweigerd-fout"
        case .commitNeedsYes: "bevestiging-nodig"
        case .commitAborted: "commit-afgebroken"
        case .resetNotConfirmed: "reset-afgebroken"
        case .staleStore: "opslag-gewijzigd"
        case .commitWriteFailed: "commit-mislukt"
        case .resetNeedsYes: "reset-bevestiging-nodig"
        case .nothingToUndo: "niets-terug-te-draaien"
        case .undoEntryMissing: "undo-regel-ontbreekt"
        case .undoNotKept: "undo-niet-bewaard"
        case .undoConflict: "undo-botst"
        case .undoNeedsYes: "undo-bevestiging-nodig"
        case .undoNotConfirmed: "undo-afgebroken"
        case .store: "opslag"
        case .writeFailed: "schrijven-mislukt"
        case .noSuchImport: "import-bestaat-niet"
        case .noPupilFileLoaded: "geen-leerling-of-koppelbestand"
        case .pupilNotInFiles: "leerling-niet-in-bestanden"
        case .pupilNotInStore: "leerling-niet-in-opslag"
        case .groupNotInStore: "groep-niet-in-opslag"
        case .exportUnencodable: "export-tekenset"
        case .exportExists: "export-bestaat-al"
        case .exportFailed: "export-mislukt"
        case .anonymizeRefused: "anonimiseren-kan-niet"
        case .anonymizeSameName: "anonimiseren-dubbele-naam"
        case .anonymizeWouldReplace: "anonimiseren-vervangt-origineel"
        case .anonymizeDiffers: "anonimiseren-zelfcontrole"
        case .anonymizeExists: "anonimiseren-bestaat-al"
        case .anonymizeFailed: "anonimiseren-mislukt"
        case .unknownChoice: "onbekend-woord"
        }
    }

    public var description: String { message }

    /// The Dutch text: the one place it is written.
    public var message: String {
        switch self {
        case .usage(let command, let problem, let synopses):
            return Self.usageText(command, problem) + ". Gebruik: " + synopses.joined(separator: " of ")
        case .unknownCommand(let w, let suggestion):
            return "Onbekende opdracht '\(w)'" + Self.meant(suggestion) + "; 'help' toont alle opdrachten"
        case .ambiguousCommand(let w, let matches):
            return "'\(w)' is dubbelzinnig: \(matches.joined(separator: ", "))"
        case .incomplete(let head, let synopses):
            return "'\(head)' vraagt meer: " + synopses.joined(separator: " | ")
        case .unknownSubcommand(let head, let w, let suggestion, let subs):
            return "Onbekende opdracht '\(head) \(w)'" + Self.meant(suggestion.map { "\(head) \($0)" })
                + ". Mogelijk: " + subs.map { "\(head) \($0)" }.joined(separator: ", ")
        case .unclosedQuote(let line):
            return "Aanhalingsteken niet gesloten in: \(line)"
        case .undefinedVariable(let name):
            return name.first?.isNumber == true
                ? "Het script kreeg geen argument \(name) ($\(name)); geef het mee na de naam van het script"
                : "Variabele '\(name)' is niet gezet (${\(name)}); geef hem mee met -v \(name)=WAARDE. Een letterlijke $ schrijf je als $$"
        case .inScript(let path, let line, let e):
            return "\(path) regel \(line): \(e.message)"
        case .undeclared(let command, let words):
            return "Technische fout: '\(command)' vraagt naar \(words.joined(separator: ", ")), dat niet in de opdrachtentabel staat"
        case .cannotRead(.load, let path, let reason):
            return "Kan '\(path)' niet laden: \(reason ?? "het bestand bestaat niet")"
        case .cannotRead(.script, let path, let reason):
            return "Kan script '\(path)' niet lezen: \(reason ?? "het bestand bestaat niet")"
        case .scriptsTooDeep(let n):
            return "Scripts roepen elkaar te diep aan (meer dan \(n) niveaus)"
        case .cancelled(let what):
            return "\(what) afgebroken; de sessie is zoals ervoor"
        case .emptyName(.vestiging):
            return "Geef de naam van de vestiging"
        case .emptyName(.newName):
            return "De nieuwe naam is leeg"
        case .emptyName(.exportFolder):
            return "Een lege naam is geen map: geef de map waarin export schrijft"
        case .emptyName(.anonymizeFolder):
            return "Een lege naam is geen map: geef de map waarin anonimiseer schrijft"
        case .badToday(let v):
            return "ZIEN_TODAY='\(v)' is geen datum (jjjj-mm-dd)"
        case .noFileLoaded:
            return "Geen bestand geladen; gebruik eerst 'load BESTAND'"
        case .noFileOfSoort(let soort):
            return "Er is geen \(soort)bestand geladen"
        case .soortNeeded(let n, let soorten):
            return "Er zijn \(soorten.count) bestanden geladen; noem de soort: show row \(n) " + soorten.joined(separator: "|")
        case .lineOutOfRange(let path, let lines, let n):
            return "\(path) heeft \(lines) \(lines == 1 ? "regel" : "regels"); regel \(n) bestaat niet"
        case .notASchooljaar(let w, let example):
            return "'\(w)' is geen schooljaar; schrijf het als \(example)"
        case .noVestigingChosen(true, _):
            return "Kies eerst een vestiging met 'vestiging NAAM': export schrijft de inrichting van één vestiging"
        case .noVestigingChosen(false, let known):
            return "Kies eerst een vestiging met 'vestiging NAAM' (bekend: \(Self.list(known)))"
        case .unknownVestiging(let name, let suggestion, let known):
            return "Onbekende vestiging '\(name)'" + Self.meant(suggestion)
                + (known.isEmpty ? "; er zijn nog geen vestigingen. Voeg toe met 'vestiging add NAAM'."
                    : "; bekend: \(Self.list(known)). Nieuw? 'vestiging add NAAM'.")
        case .vestigingExists(let name):
            return "Vestiging '\(name)' bestaat al"
        case .vestigingInUse(let name, let n):
            return "Vestiging '\(name)' wordt gebruikt door \(n) koppelingen en kan niet worden verwijderd"
        case .controlCharacterInName(let visible):
            return "Een vestigingsnaam mag geen stuurteken bevatten: '\(visible)'"
        case .noCheck:
            return "Er is nog geen check gedaan (of de sessie is sindsdien gewijzigd); gebruik eerst 'check'"
        case .noChangeSet:
            return "Er is geen wijzigingenset: doe eerst 'check' (na load, charset, vestiging of schooljaar vervalt hij)"
        case .nothingToCommit(false):
            return "Er is niets om in te lezen: doe eerst 'check' (na load, charset, vestiging of schooljaar, of na een commit, vervalt de wijzigingenset)"
        case .nothingToCommit(true):
            return "Er is niets om in te lezen: doe eerst 'check'"
        case .notQuit:
            return "Niet afgesloten; 'commit' leest de wijzigingenset in"
        case .commitRefusedFout(let n):
            return "Commit geweigerd: de check vond \(n) \(n == 1 ? "fout" : "fouten") ('show log fout'); er is niets ingelezen"
        case .commitNeedsYes(let ending, let active):
            return "Commit niet uitgevoerd: de import beëindigt \(ending) van de \(active) actieve koppelingen (veel-beeindigd); bevestig met 'commit --yes'"
        case .commitAborted:
            return "Commit afgebroken; er is niets ingelezen"
        case .staleStore(let redo, let from, let to):
            return "Commit geweigerd: een andere sessie heeft de opslag gewijzigd sinds de \(redo) (revisie \(from) → \(to)); doe '\(redo)' opnieuw"
        case .commitWriteFailed(let reason):
            return "Commit mislukt, er is niets ingelezen: \(reason)"
        case .resetNeedsYes(let summary, let year):
            return "\(summary) Niet klaargezet: bevestig in een script met 'reset-inrichting \(year) --yes'"
        case .resetNotConfirmed:
            return "Afgebroken: niet bevestigd; er is niets klaargezet"
        case .nothingToUndo(let older):
            return "Er is geen commit om terug te draaien" + (older ? " (commits van voor formaatversie 3 hebben niet bewaard wat ze terugdraait)" : "")
        case .undoEntryMissing:
            return "Undo geweigerd: het Importoverzicht heeft de regel van de laatste commit niet (afgebroken bij het schrijven?); zonder die regel is niet bekend wat hij veranderde"
        case .undoNotKept(let number):
            return "Undo geweigerd: regel \(number) van het Importoverzicht bewaart niet wat de commit terugdraait"
        case .undoConflict(let what, let reason):
            return "Undo van \(what) geweigerd: \(reason); de opslag veranderde sindsdien zo dat terugdraaien niet klopt"
        case .undoNeedsYes(let target, let total):
            return "Commit niet uitgevoerd: \(Self.undoPreface(target, total)) Bevestig in een script met 'commit --yes'"
        case .undoNotConfirmed:
            return "Commit afgebroken; er is niets teruggedraaid"
        case .store(let m), .writeFailed(let m):
            return m
        case .noSuchImport(let w, let count):
            return "Er \(count == 1 ? "is 1 import" : "zijn \(count) imports") in het overzicht; '\(w)' bestaat niet"
        case .noPupilFileLoaded:
            return "Er is geen leerling- of koppelbestand geladen; gebruik eerst 'load BESTAND'"
        case .pupilNotInFiles(let stamnr, let paths):
            return "Leerling \(stamnr) staat niet in " + paths.joined(separator: " en ")
        case .pupilNotInStore(let stamnr):
            return "Leerling \(stamnr) staat niet in de opslag"
        case .groupNotInStore(let code):
            return "Groep \(code) staat niet in de opslag"
        case .exportUnencodable(let reason, let soort):
            return "Export niet geschreven: \(reason). Er is niets geschreven; exporteer in een tekenset die het kan, bijvoorbeeld 'unload \(soort)' en 'charset utf-8'"
        case .exportExists(let paths, let command):
            return "Export niet geschreven: \(paths.joined(separator: ", ")) \(paths.count == 1 ? "bestaat" : "bestaan") al. Vervangen? '\(command)'"
        case .exportFailed(let reason):
            return "Export mislukt: \(reason)"
        case .anonymizeRefused(let why):
            return "Niet geschreven: \(why)"
        case .anonymizeSameName(let name):
            return "Niet geschreven: twee geladen bestanden heten '\(name)'; geef ze verschillende namen en laad ze opnieuw"
        case .anonymizeWouldReplace(let path):
            return "Niet geschreven: \(path) zou zichzelf vervangen; kies een andere map"
        case .anonymizeDiffers(let difference):
            return "Niet geschreven: de kopie geeft niet dezelfde meldingen als het origineel (\(difference)). Er is niets geschreven; meld dit aan de helpdesk zonder bestand"
        case .anonymizeExists(let paths, let command):
            return "Niet geschreven: \(paths.joined(separator: ", ")) \(paths.count == 1 ? "bestaat" : "bestaan") al. Vervangen? '\(command)'"
        case .anonymizeFailed(let reason):
            return "Anonimiseren mislukt: \(reason)"
        case .technical(let m):
            return "Technische fout: \(m)"
        case .unknownChoice(let w, let kind):
            return Self.usageText("", .notAChoice(w, kind: kind, suggestion: Text.suggestion(for: w, among: kind.choices ?? [])))
        }
    }

    /// What committing an undo does, asked before it (`commit`) and said when it is not asked.
    static func undoPreface(_ target: UndoTarget, _ total: String) -> String {
        "Dit draait \(target.description) terug: \(total)."
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "geen" : names.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The data of the `--json` error document besides code and message.
    public var fields: [(String, JSONValue)] {
        switch self {
        case .usage(let command, let problem, let synopses):
            var f: [(String, JSONValue)] = [("usage", .array(synopses.map(JSONValue.string))), ("commandName", .string(command))]
            switch problem {
            case .unknownFlag(let w, let s): f += [("word", .string(w)), ("suggestion", .optional(s))]
            case .missing(let name, _): f += [("missing", .string(name))]
            case .missingValue(let k, let name, _): f += [("keyword", .string(k)), ("missing", .string(name))]
            case .notAChoice(let w, let kind, let s): f += [("word", .string(w)), ("suggestion", .optional(s)),
                                                            ("choices", .array((kind.choices ?? []).map(JSONValue.string)))]
            case .badValue(let w, _), .tooMany(let w): f += [("word", .string(w))]
            case .ambiguous(let w, let m): f += [("word", .string(w)), ("matches", .array(m.map(JSONValue.string)))]
            case .unknownWord(let w, let s): f += [("word", .string(w)), ("suggestion", .optional(s))]
            }
            return f
        case .unknownCommand(let w, let s): return [("word", .string(w)), ("suggestion", .optional(s))]
        case .ambiguousCommand(let w, let m): return [("word", .string(w)), ("matches", .array(m.map(JSONValue.string)))]
        case .incomplete(let head, let synopses): return [("word", .string(head)), ("usage", .array(synopses.map(JSONValue.string)))]
        case .unknownSubcommand(let head, let w, let s, _): return [("word", .string("\(head) \(w)")), ("suggestion", .optional(s.map { "\(head) \($0)" }))]
        case .unclosedQuote(let line): return [("line", .string(line))]
        case .undefinedVariable(let name): return [("variable", .string(name))]
        case .inScript(let path, let line, let e): return [("script", .string(path)), ("scriptLine", .int(line))] + e.fields
        case .undeclared(let c, let w): return [("commandName", .string(c)), ("words", .array(w.map(JSONValue.string)))]
        case .noFileLoaded, .noCheck, .noChangeSet, .nothingToCommit, .notQuit, .commitAborted, .resetNotConfirmed, .emptyName,
             .undoEntryMissing, .undoNotConfirmed, .noPupilFileLoaded:
            return []
        case .controlCharacterInName(let visible): return [("vestiging", .string(visible))]
        case .nothingToUndo(let older): return [("olderCommits", .bool(older))]
        case .undoNotKept(let number): return [("import", .int(number))]
        case .undoConflict(let what, let reason): return [("what", .string(what)), ("reason", .string(reason))]
        case .undoNeedsYes(let target, let total):
            return [("import", .int(target.number)), ("id", .string(target.id)), ("soort", .string(target.soort)), ("total", .string(total))]
        case .pupilNotInFiles(let stamnr, let paths): return [("stamnr", .string(stamnr)), ("paths", .array(paths.map(JSONValue.string)))]
        case .cannotRead(let use, let path, let reason):
            return [("use", .string(use.rawValue)), ("path", .string(path)), ("reason", .optional(reason))]
        case .scriptsTooDeep(let n): return [("depth", .int(n))]
        case .cancelled(let what): return [("what", .string(what))]
        case .badToday(let v): return [("value", .string(v))]
        case .noFileOfSoort(let soort): return [("soort", .string(soort))]
        case .soortNeeded(let n, let soorten): return [("line", .int(n)), ("soorten", .array(soorten.map(JSONValue.string)))]
        case .lineOutOfRange(let path, let lines, let n): return [("path", .string(path)), ("lines", .int(lines)), ("line", .int(n))]
        case .notASchooljaar(let w, let example): return [("word", .string(w)), ("example", .string(example))]
        case .noVestigingChosen(let export, let known):
            return [("for", .string(export ? "export" : "check")), ("known", .array(known.map(JSONValue.string)))]
        case .unknownVestiging(let name, let suggestion, let known):
            return [("vestiging", .string(name)), ("suggestion", .optional(suggestion)), ("known", .array(known.map(JSONValue.string)))]
        case .vestigingExists(let name): return [("vestiging", .string(name))]
        case .vestigingInUse(let name, let n): return [("vestiging", .string(name)), ("couplings", .int(n))]
        case .commitRefusedFout(let n): return [("fout", .int(n))]
        case .commitNeedsYes(let ending, let active): return [("ending", .int(ending)), ("active", .int(active))]
        case .staleStore(let redo, let from, let to): return [("redo", .string(redo)), ("revision", .int(from)), ("storeRevision", .int(to))]
        case .commitWriteFailed(let r), .exportFailed(let r): return [("reason", .string(r))]
        case .resetNeedsYes(_, let year): return [("schooljaar", .string(year))]
        case .store, .writeFailed, .technical: return []
        case .unknownChoice(let w, let kind): return [("word", .string(w)), ("choices", .array((kind.choices ?? []).map(JSONValue.string)))]
        case .noSuchImport(let w, let count): return [("word", .string(w)), ("count", .int(count))]
        case .pupilNotInStore(let stamnr): return [("stamnr", .string(stamnr))]
        case .groupNotInStore(let code): return [("groep", .string(code))]
        case .exportUnencodable(let reason, let soort): return [("reason", .string(reason)), ("soort", .string(soort))]
        case .exportExists(let paths, let command): return [("paths", .array(paths.map(JSONValue.string))), ("retry", .string(command))]
        case .anonymizeExists(let paths, let command): return [("paths", .array(paths.map(JSONValue.string))), ("retry", .string(command))]
        case .anonymizeRefused(let why): return [("reason", .string(why))]
        case .anonymizeSameName(let name): return [("name", .string(name))]
        case .anonymizeWouldReplace(let path): return [("path", .string(path))]
        case .anonymizeDiffers(let difference): return [("difference", .string(difference))]
        case .anonymizeFailed(let reason): return [("reason", .string(reason))]
        }
    }

    /// The `"error"` object of a `--json` document.
    public var json: JSONValue {
        .object([("code", .string(code)), ("message", .string(message))] + fields)
    }

    static func meant(_ suggestion: String?) -> String {
        suggestion.map { " (bedoelde je '\($0)'?)" } ?? ""
    }

    static func usageText(_ command: String, _ problem: UsageProblem) -> String {
        switch problem {
        case .unknownFlag(let w, let s):
            return "Onbekende optie '\(w)' voor '\(command)'" + meant(s)
        case .missing(let name, let kind):
            return "'\(command)' mist \(name) (\(kind.noun))"
        case .missingValue(let keyword, let name, let kind):
            return "Na '\(keyword)' hoort \(name) (\(kind.noun))"
        case .notAChoice(let w, let kind, let s):
            let choices = kind.choices ?? []
            return "'\(w)' is geen \(kind.label)" + meant(s)
                + (choices.count <= 8 ? "; kies " + choices.joined(separator: ", ") : "")
        case .badValue(let w, .notANumber):
            return "'\(w)' is geen getal (1 of hoger)"
        case .badValue(_, .emptyPath):
            return "Een lege naam is geen bestand of map: '\(command)' vraagt een pad"
        case .badValue(let w, .notALineRange):
            return "'\(w)' is geen regelnummer of regelbereik (2381 of 2000-2500)"
        case .ambiguous(let w, let matches):
            return "'\(w)' is dubbelzinnig: \(matches.joined(separator: ", "))"
        case .unknownWord(let w, let s):
            return "'\(w)' past niet bij '\(command)'" + meant(s) + (w.contains(".") || w.contains("/") ? " (staat er een spatie in een naam? zet hem tussen aanhalingstekens)" : "")
        case .tooMany(let w):
            return "'\(command)' neemt niet nog een woord: '\(w)'" + (w.contains(".") || w.contains("/") ? " (staat er een spatie in een naam? zet hem tussen aanhalingstekens)" : "")
        }
    }
}
