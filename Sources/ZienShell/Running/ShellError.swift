import ZienCore

/// Older name of `ShellError`, kept so that `throw CommandFailure("…")` still compiles; new
/// code throws a typed case (see /work/notes/12.md).
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

/// A failure of a command, of a script line or of the invocation: a typed case carrying its
/// data. The Dutch text is made in one place (`message`), and the `--json` error document
/// carries the same data (`json`). `code` is stable; the text may improve.
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
    /// A handler asked for a flag or word its table entry does not declare (a defect).
    case undeclared(String, [String])
    /// A failure not yet given a case of its own: its text and exit code.
    case failed(String, exitCode: Int32)

    /// A failure with its text (the older way, kept for code not yet moved to a case).
    public init(_ message: String, exitCode: Int32 = 1) {
        self = .failed(message, exitCode: exitCode)
    }

    /// What a script exits with when this stops it.
    public var exitCode: Int32 {
        switch self {
        case .failed(_, let c): c
        case .inScript(_, _, let e): e.exitCode
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
        case .unknownSubcommand: "onbekende-opdracht"
        case .unclosedQuote: "aanhalingsteken-open"
        case .undefinedVariable: "onbekende-variabele"
        case .inScript(_, _, let e): e.code
        case .undeclared: "technische-fout"
        case .failed(_, let c): c == 3 ? "fout-gevonden" : "mislukt"
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
        case .failed(let m, _):
            return m
        }
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
        case .failed: return []
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
