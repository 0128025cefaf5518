import ZienCore

/// A command that could not do what was asked. `exitCode` is what a script exits with.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32
    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
    public var description: String { message }
}

/// What a command's argument is, for completion and help.
public enum ArgumentKind: Sendable, Equatable {
    case file
    case folder
    case soort
    case charset
    case vestiging
    case level
    case schooljaar
    /// A pupil's Stamnr in the store.
    case stamnr
    /// A group code in the store.
    case groep
    case command
    case number
    case text
}

/// Groups `help` lists commands under, in the order of a session.
public enum CommandGroup: String, CaseIterable, Sendable {
    case laden, controleren, inzien, doorvoeren, beheer, algemeen

    var title: String {
        switch self {
        case .laden: "Laden"
        case .controleren: "Controleren"
        case .inzien: "Inzien"
        case .doorvoeren: "Doorvoeren"
        case .beheer: "Beheer"
        case .algemeen: "Algemeen"
        }
    }
}

/// What a command gives back: text for people, one JSON document for `--json`. Both are built
/// only when asked for.
public struct Reply {
    public var text: () -> String
    public var json: () -> [(String, JSONValue)]

    public init(text: @escaping () -> String, json: @escaping () -> [(String, JSONValue)]) {
        self.text = text
        self.json = json
    }
}

/// One entry of the command table: from it derive dispatch, `help`, usage errors, prefix
/// matching and completion.
public struct CommandSpec: Sendable {
    /// The words that name it: `["show", "row"]`, `["load"]`.
    public let words: [String]
    public let group: CommandGroup
    public let synopsis: String
    public let summary: String
    public let details: String
    public let example: String
    /// Argument kinds in order, for completion.
    public let arguments: [ArgumentKind]
    /// Accepted argument counts after the command words.
    public let arity: ClosedRange<Int>
    let run: @Sendable (Invocation) throws -> Reply

    public var name: String { words.joined(separator: " ") }
    /// The `"command"` of its JSON document.
    public var jsonName: String { words[0] }
}

/// A command being run: the session, its arguments and the console.
public struct Invocation {
    public let session: Session
    public let args: [String]
    public let console: Console
    public let json: Bool
    public let palette: Palette
    let runner: ScriptRunner

    /// The argument at `i`, or nil.
    public func arg(_ i: Int) -> String? { i < args.count ? args[i] : nil }

    /// A table row cut to the terminal's width (`…` at the end); as it is when output is no
    /// terminal.
    func fit(_ row: String) -> String {
        guard let w = console.width, w > 10, row.count > w else { return row }
        return String(row.prefix(w - 1)) + "…"
    }
}

/// The one command table.
public enum CommandTable {
    public static let all: [CommandSpec] = loadCommands + checkCommands + showCommands + changeCommands + inrichtingCommands + manageCommands + generalCommands

    /// Finds the command a line's words name, allowing unique prefixes of each word
    /// (`sh r 12` = `show row 12`). Returns the spec and the remaining words.
    public static func resolve(_ words: [String]) throws -> (CommandSpec, [String]) {
        guard let first = words.first else { throw CommandFailure("Geen opdracht") }
        let heads = Set(all.map { $0.words[0] })
        let head = try pick(first.lowercased(), among: Array(heads).sorted(), what: "opdracht")
        let family = all.filter { $0.words[0] == head }
        if words.count > 1 {
            let subs = family.filter { $0.words.count == 2 }.map { $0.words[1] }
            let w = words[1].lowercased()
            if subs.contains(w) || subs.filter({ $0.hasPrefix(w) }).count == 1,
               let sub = try? pick(w, among: subs, what: "") ,
               let spec = family.first(where: { $0.words == [head, sub] }) {
                return (spec, Array(words.dropFirst(2)))
            }
        }
        if let spec = family.first(where: { $0.words.count == 1 }) {
            return (spec, Array(words.dropFirst()))
        }
        let subs = family.map { $0.words[1] }
        if words.count > 1 {
            var msg = "Onbekende opdracht '\(head) \(words[1])'"
            if let s = Text.suggestion(for: words[1], among: subs) { msg += " (bedoelde je '\(head) \(s)'?)" }
            throw CommandFailure(msg + ". Mogelijk: " + subs.map { "\(head) \($0)" }.joined(separator: ", "))
        }
        throw CommandFailure("'\(head)' vraagt meer: " + family.map(\.synopsis).joined(separator: " | "))
    }

    static func pick(_ word: String, among names: [String], what: String) throws -> String {
        if names.contains(word) { return word }
        if let alias = aliases[word], names.contains(alias) { return alias }
        let matches = names.filter { $0.hasPrefix(word) }
        if matches.count == 1, let only = matches.first { return only }
        // `vest` → `vestiging` when every other match only extends it (`vestigingen`).
        if let shortest = matches.min(by: { $0.count < $1.count }), matches.allSatisfy({ $0.hasPrefix(shortest) }) {
            return shortest
        }
        if matches.count > 1 {
            throw CommandFailure("'\(word)' is dubbelzinnig: \(matches.joined(separator: ", "))")
        }
        var msg = "Onbekende \(what) '\(word)'"
        if let s = Text.suggestion(for: word, among: names) { msg += " (bedoelde je '\(s)'?)" }
        throw CommandFailure(msg + "; 'help' toont alle opdrachten")
    }

    static let aliases = ["exit": "quit", "stop": "quit", "?": "help", ".quit": "quit", "\\q": "quit"]

    /// Every spec whose first word is `word`.
    public static func family(_ word: String) -> [CommandSpec] { all.filter { $0.words[0] == word } }
}
