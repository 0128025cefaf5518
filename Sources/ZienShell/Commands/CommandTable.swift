import ZienCore

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
    /// The command that shows all of a paged output (`show log --alles` after `check`: a
    /// command that shows, never one that does the work again); nil: this line with `--alles`.
    public var more: String?

    public init(text: @escaping () -> String, json: @escaping () -> [(String, JSONValue)], more: String? = nil) {
        self.text = text
        self.json = json
        self.more = more
    }
}

/// One entry of the command table: from it derive dispatch, `help`, usage errors, prefix
/// matching and completion. Every word a command takes after its command words is declared
/// here: its flags, and per form its slots (values, keyword choices, keywords with a value).
public struct CommandSpec: Sendable {
    /// The words that name it: `["show", "row"]`, `["load"]`.
    public let words: [String]
    public let group: CommandGroup
    public let summary: String
    public let details: String
    /// Example lines for help (the first is shown) and for the table test, which runs them
    /// all: together they should use every flag and keyword the command declares.
    public let examples: [String]
    /// Each form is one way to write the command (`show row N [SOORT]`, `show row stamnr
    /// STAMNR`); most commands have one.
    public let forms: [[Slot]]
    public let flags: [Flag]
    let run: @Sendable (Invocation) throws -> Reply

    public init(words: [String], group: CommandGroup, summary: String, details: String, examples: [String],
                slots: [Slot] = [], forms: [[Slot]]? = nil, flags: [Flag] = [],
                run: @escaping @Sendable (Invocation) throws -> Reply) {
        self.words = words
        self.group = group
        self.summary = summary
        self.details = details
        self.examples = examples
        self.forms = forms ?? [slots]
        self.flags = flags
        self.run = run
    }

    public var name: String { words.joined(separator: " ") }
    /// The `"command"` of its JSON document.
    public var jsonName: String { words[0] }
    public var example: String { examples.first ?? name }
    /// Every slot of every form.
    public var slots: [Slot] { forms.flatMap { $0 } }
}

/// A command being run: the session, its words as the grammar read them, and the console.
public struct Invocation {
    public let session: Session
    public let parsed: Parsed
    public let console: Console
    public let json: Bool
    public let palette: Palette
    let runner: ScriptRunner

    /// Whether the flag was given.
    public func has(_ f: Flag) -> Bool { parsed.has(f) }
    /// The word given for a slot (its keyword, or its name), or nil.
    public func value(_ key: String) -> String? { parsed.value(key) }
    /// Every word given for a repeating slot.
    public func all(_ key: String) -> [String] { parsed.all(key) }
    /// A path the command was given, resolved as its line's origin resolves paths: relative to
    /// the script's folder in a script file, else to the working directory (`~` is home).
    public func path(_ p: String) -> String { runner.resolve(path: p) }

    /// A table row cut to the terminal's width (`…` at the end); as it is when output is no
    /// terminal.
    func fit(_ row: String) -> String {
        guard let w = console.width, w > 10, row.count > w else { return row }
        return String(row.prefix(w - 1)) + "…"
    }
}

/// The one command table.
public enum CommandTable {
    public static let all: [CommandSpec] = loadCommands + checkCommands + showCommands + changeCommands + inrichtingCommands + undoCommands + anonymizeCommands + manageCommands + generalCommands

    /// The first words of all commands, sorted.
    public static let heads: [String] = Array(Set(all.map { $0.words[0] })).sorted()

    /// Finds the command a line's words name, allowing unique prefixes of each word
    /// (`sh r 12` = `show row 12`). Returns the spec and the remaining words. `ownValues` are
    /// the words a head command itself takes where it also has subcommands (the vestiging
    /// names after `vestiging`): such a word is never read as a subcommand's prefix.
    public static func resolve(_ words: [String], ownValues: [String] = []) throws(ShellError) -> (CommandSpec, [String]) {
        guard let first = words.first else { throw .incomplete("", heads) }
        let head = try pick(first.lowercased(), among: heads)
        let family = family(head)
        let own = family.first { $0.words.count == 1 }
        let subs = family.filter { $0.words.count == 2 }.map { $0.words[1] }
        guard words.count > 1, !subs.isEmpty else {
            if let own { return (own, Array(words.dropFirst())) }
            throw .incomplete(head, family.flatMap(\.synopses))
        }
        let w = words[1].lowercased()
        let isOwnValue = ownValues.contains { Text.nfc($0).lowercased() == Text.nfc(words[1]).lowercased() }
        if !isOwnValue || subs.contains(w) {
            let matches = subs.contains(w) ? [w] : subs.filter { $0.hasPrefix(w) }
            if matches.count == 1, let sub = matches.first, let spec = family.first(where: { $0.words == [head, sub] }) {
                return (spec, Array(words.dropFirst(2)))
            }
            if matches.count > 1 { throw .ambiguousCommand("\(head) \(words[1])", matches.map { "\(head) \($0)" }) }
        }
        if let own { return (own, Array(words.dropFirst())) }
        throw .unknownSubcommand(head, words[1], suggestion: Text.suggestion(for: w, among: subs), subs)
    }

    static func pick(_ word: String, among names: [String]) throws(ShellError) -> String {
        if names.contains(word) { return word }
        if let alias = aliases[word], names.contains(alias) { return alias }
        let matches = names.filter { $0.hasPrefix(word) }
        if matches.count == 1, let only = matches.first { return only }
        // `vest` → `vestiging` when every other match only extends it (`vestigingen`).
        if let shortest = matches.min(by: { $0.count < $1.count }), matches.allSatisfy({ $0.hasPrefix(shortest) }) {
            return shortest
        }
        if matches.count > 1 { throw .ambiguousCommand(word, matches) }
        throw .unknownCommand(word, suggestion: Text.suggestion(for: word, among: names))
    }

    static let aliases = ["exit": "quit", "stop": "quit", "?": "help", ".quit": "quit", "\\q": "quit"]

    /// Every spec whose first word is `word`.
    public static func family(_ word: String) -> [CommandSpec] { all.filter { $0.words[0] == word } }
}
