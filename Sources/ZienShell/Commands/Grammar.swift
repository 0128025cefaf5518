import ZienCore

/// A flag a command takes: `--yes`, `--force`, `--alles`. Declared once here, so that help,
/// usage errors and completion all know it.
public struct Flag: Sendable, Hashable {
    /// `--yes`.
    public let name: String
    /// Other spellings (`-y`).
    public let aliases: [String]
    /// One line for `help COMMAND`.
    public let help: String

    public init(_ name: String, aliases: [String] = [], help: String) {
        self.name = name
        self.aliases = aliases
        self.help = help
    }

    public static func == (a: Flag, b: Flag) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }

    public static let yes = Flag("--yes", aliases: ["-y"], help: "bevestigen zonder vraag (nodig in een script)")
    public static let force = Flag("--force", help: "bestaande bestanden vervangen")
    public static let alles = Flag("--alles", aliases: ["--all"], help: "alles tonen, niet één scherm of de eerste duizend")
    /// This command's reply as one JSON document, as the global `--json` does for every command.
    public static let json = Flag("--json", help: "als één JSON-document (zoals zien-shell --json)")
}

/// One word, or a keyword and its word, that a command takes after its command words.
///
/// A slot whose kind has a fixed set of words (`soort`, `level`, `changeKind`, …) matches by
/// its word wherever it stands (`show changes beeindigd koppelingen`); a keyword slot matches
/// its keyword (`as`, `regel`, `leerling`) and takes the next word as its value; every other
/// slot takes the next free word in order (`load BESTAND`).
public struct Slot: Sendable {
    /// `as`, `regel`, `stamnr`: the word that introduces the value; nil for a plain value.
    public let keyword: String?
    /// What help shows for the value: `BESTAND`, `N`, `N[-M]`.
    public let name: String
    public let kind: ArgumentKind
    public let optional: Bool
    /// May be given several times (`show log fout waarschuwing`).
    public let repeats: Bool
    /// Takes every remaining word, joined by a space (`vestiging add Het Baken`).
    public let rest: Bool
    /// Slots with the same group exclude each other (`leerling STAMNR|groep CODE`).
    public let group: Int?

    init(keyword: String?, name: String, kind: ArgumentKind, optional: Bool, repeats: Bool, rest: Bool, group: Int?) {
        self.keyword = keyword
        self.name = name
        self.kind = kind
        self.optional = optional
        self.repeats = repeats
        self.rest = rest
        self.group = group
    }

    /// A required value: `.value("BESTAND", .file)`.
    public static func value(_ name: String, _ kind: ArgumentKind, rest: Bool = false) -> Slot {
        Slot(keyword: nil, name: name, kind: kind, optional: false, repeats: false, rest: rest, group: nil)
    }

    /// An optional value: `.optional("N", .number)`.
    public static func optional(_ name: String, _ kind: ArgumentKind, rest: Bool = false, repeats: Bool = false) -> Slot {
        Slot(keyword: nil, name: name, kind: kind, optional: true, repeats: repeats, rest: rest, group: nil)
    }

    /// Optional words of a fixed set (the kind's choices), once or, with `repeats`, several times.
    public static func choice(_ name: String, _ kind: ArgumentKind, repeats: Bool = false) -> Slot {
        Slot(keyword: nil, name: name, kind: kind, optional: true, repeats: repeats, rest: false, group: nil)
    }

    /// An optional keyword with its value: `.keyword("as", "SOORT", .soort)`.
    public static func keyword(_ word: String, _ name: String, _ kind: ArgumentKind, group: Int? = nil, optional: Bool = true) -> Slot {
        Slot(keyword: word, name: name, kind: kind, optional: optional, repeats: false, rest: false, group: group)
    }

    /// The key a handler asks for: the keyword, or the value's name.
    public var key: String { keyword ?? name }

    /// Whether this slot is matched by its word rather than by its position.
    var matchesByWord: Bool { keyword == nil && kind.choices != nil }

    /// How help writes the value: its choices when they are few, else its name.
    var valueText: String {
        if let c = kind.choices, c.count <= 8 { return c.joined(separator: "|") }
        return name
    }

    var text: String {
        let core = (keyword.map { $0 + " " } ?? "") + valueText + (repeats ? "…" : "")
        return optional ? "[\(core)]" : core
    }
}

/// What a command's argument is: for completion, help and checking the word.
public enum ArgumentKind: Sendable, Equatable {
    case file
    case folder
    case soort
    case charset
    case vestiging
    case level
    /// A diagnostic code (`geslacht-ongeldig`).
    case code
    case schooljaar
    /// A pupil's Stamnr in the store.
    case stamnr
    /// A group code in the store.
    case groep
    case command
    /// A line number or count: a whole number from 1.
    case number
    /// `N` or `N-M`.
    case lineRange
    /// A kind of change: `leerlingen`, `koppelingen`, …
    case changeKind
    /// `nieuw`, `gewijzigd`, `beeindigd`, `verwijderd`.
    case changeType
    case text

    /// The words a kind allows, when it is a fixed set.
    public var choices: [String]? {
        switch self {
        case .soort: Soort.allCases.map(\.rawValue)
        case .charset: CharsetSetting.words
        case .level: Level.allCases.map(\.identifier)
        case .code: DiagnosticCode.all.map(\.rawValue)
        case .changeKind: ChangeKind.allCases.map(\.rawValue)
        case .changeType: ChangeType.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// The canonical word for `word`, when this kind takes it as written (a synonym the kind's
    /// own parser knows counts: `leerlingen` is the soort `leerling`).
    func exact(_ word: String) -> String? {
        let w = word.lowercased()
        switch self {
        case .soort: return Soort(word: w)?.rawValue
        case .charset: return CharsetSetting(name: w) != nil ? w : nil
        case .level: return Level.allCases.first { $0.identifier == w || $0.identifier + "en" == w }?.identifier
        case .changeType: return ChangeType.allCases.first { $0.rawValue == w || $0.word == w }?.rawValue
        default: return choices?.first { $0 == w }
        }
    }

    /// A word's problem for a kind that checks its words, or nil.
    func problem(_ word: String) -> ValueProblem? {
        switch self {
        case .number: return LineRange(parsing: word).map { $0.last == nil } == true ? nil : .notANumber
        case .lineRange: return LineRange(parsing: word) == nil ? .notALineRange : nil
        // An empty word is never a path (`export ''` wrote into `/`).
        case .file, .folder: return word.isEmpty ? .emptyPath : nil
        default: return nil
        }
    }

    /// How a usage error names a value of this kind.
    var noun: String { "een " + label }

    /// The kind's name without article: `soort`, `tekenset`.
    var label: String {
        switch self {
        case .file: "bestand"
        case .folder: "map"
        case .soort: "soort"
        case .charset: "tekenset"
        case .vestiging: "vestiging"
        case .level: "niveau"
        case .code: "meldingscode"
        case .schooljaar: "schooljaar"
        case .stamnr: "leerlingnummer"
        case .groep: "groepscode"
        case .command: "opdracht"
        case .number: "getal"
        case .lineRange: "regelnummer of regelbereik"
        case .changeKind: "soort gegevens"
        case .changeType: "soort wijziging"
        case .text: "woord"
        }
    }
}

/// What is wrong with a word of a kind that checks its words.
public enum ValueProblem: Sendable, Equatable {
    case notANumber
    case notALineRange
    /// An empty file or folder name.
    case emptyPath
}

/// A physical line or a range of lines: `2381`, `2000-2500`.
public struct LineRange: Sendable, Equatable {
    public let first: Int
    public let last: Int?

    public init?(parsing word: String) {
        let parts = word.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let a = LineRange.number(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let b = LineRange.number(parts[1]), b >= a else { return nil }
            last = b
        } else {
            last = nil
        }
        first = a
    }

    /// A whole number from 1 of at most nine digits (no sign, no overflow).
    static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.count <= 9, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(s), n >= 1 else { return nil }
        return n
    }

    public func contains(_ line: Int) -> Bool { line >= first && line <= (last ?? first) }
}

/// The words of one command line as the grammar read them.
public final class Parsed {
    let spec: CommandSpec
    private(set) var flags: Set<Flag> = []
    private(set) var values: [String: [String]] = [:]
    /// The flags and keys the handler asked for (the table test checks they are all declared,
    /// and that everything declared is asked for).
    public private(set) var asked: Set<String> = []
    /// Asked for but not declared: a defect the runner reports as such.
    public private(set) var undeclared: Set<String> = []

    init(spec: CommandSpec) { self.spec = spec }

    func set(_ f: Flag) { flags.insert(f) }
    func add(_ key: String, _ value: String) { values[key, default: []].append(value) }

    public func has(_ f: Flag) -> Bool {
        asked.insert(f.name)
        if !spec.flags.contains(f) { undeclared.insert(f.name) }
        return flags.contains(f)
    }

    /// Every word given for `key` (a slot's keyword or name).
    public func all(_ key: String) -> [String] {
        asked.insert(key)
        if !spec.forms.contains(where: { $0.contains { $0.key == key } }) { undeclared.insert(key) }
        return values[key] ?? []
    }

    /// The word given for `key`, or nil.
    public func value(_ key: String) -> String? { all(key).first }
}

extension CommandSpec {
    /// One help line per form: `load BESTAND [as leerling|groepen|koppel]`.
    public var synopses: [String] {
        forms.map { form in
            var parts = [name]
            var i = 0
            while i < form.count {
                let s = form[i]
                if let g = s.group {
                    var members: [Slot] = []
                    while i < form.count, form[i].group == g { members.append(form[i]); i += 1 }
                    parts.append("[" + members.map { ($0.keyword.map { $0 + " " } ?? "") + $0.valueText }.joined(separator: "|") + "]")
                    continue
                }
                parts.append(s.text)
                i += 1
            }
            parts += flags.map { "[\($0.name)]" }
            return parts.joined(separator: " ")
        }
    }

    /// The first form's synopsis.
    public var synopsis: String { synopses[0] }

    /// Reads the words after the command words. Flags may stand anywhere.
    func parse(_ words: [String]) throws(ShellError) -> Parsed {
        var rest: [String] = []
        var flagsGiven: [Flag] = []
        for w in words {
            guard w.count > 1, w.hasPrefix("-"), !w.dropFirst().allSatisfy(\.isNumber) else { rest.append(w); continue }
            let lw = w.lowercased()
            if let f = flags.first(where: { $0.name == lw || $0.aliases.contains(lw) }) {
                flagsGiven.append(f)
            } else if lw.hasPrefix("--"), let f = Self.uniquePrefix(lw, among: flags) {
                flagsGiven.append(f)
            } else {
                throw .usage(name, .unknownFlag(w, suggestion: Text.suggestion(for: lw, among: flags.map(\.name))), synopses)
            }
        }
        var best: (progress: Int, error: ShellError)?
        for form in forms {
            do throws(FormFailure) {
                let parsed = try parse(rest, form: form)
                for f in flagsGiven { parsed.set(f) }
                return parsed
            } catch {
                if error.progress > (best?.progress ?? -1) {
                    best = (error.progress, .usage(name, error.problem, synopses))
                }
            }
        }
        throw best?.error ?? .usage(name, .tooMany(rest.first ?? ""), synopses)
    }

    static func uniquePrefix(_ w: String, among flags: [Flag]) -> Flag? {
        let m = flags.filter { $0.name.hasPrefix(w) }
        return m.count == 1 ? m.first : nil
    }

    private struct FormFailure: Error {
        var progress: Int
        var problem: UsageProblem
    }

    private func parse(_ words: [String], form: [Slot]) throws(FormFailure) -> Parsed {
        let parsed = Parsed(spec: self)
        var filled = Set<Int>()
        var groups = Set<Int>()
        func open(_ i: Int) -> Bool {
            (form[i].repeats || !filled.contains(i)) && (form[i].group.map { !groups.contains($0) } ?? true)
        }
        func take(_ i: Int, _ v: String) {
            filled.insert(i)
            if let g = form[i].group { groups.insert(g) }
            parsed.add(form[i].key, v)
        }
        var i = 0
        while i < words.count {
            let w = words[i]
            let lw = w.lowercased()
            if let k = form.indices.first(where: { form[$0].keyword == lw && open($0) }) {
                guard i + 1 < words.count else { throw FormFailure(progress: i, problem: .missingValue(form[k].keyword ?? "", form[k].name, form[k].kind)) }
                let v = words[i + 1]
                if let c = form[k].kind.choices {
                    guard let canonical = form[k].kind.exact(v) ?? Self.prefixed(v, c) else {
                        throw FormFailure(progress: i + 1, problem: .notAChoice(v, kind: form[k].kind, suggestion: Text.suggestion(for: v, among: c)))
                    }
                    take(k, canonical)
                } else {
                    if let p = form[k].kind.problem(v) { throw FormFailure(progress: i + 1, problem: .badValue(v, p)) }
                    take(k, v)
                }
                i += 2
                continue
            }
            let positional = form.indices.first { !form[$0].matchesByWord && form[$0].keyword == nil && open($0) }
            let required = positional.flatMap { form[$0].optional ? nil : $0 }
            // Words of a fixed set, wherever they stand, unless a required value comes first.
            let byWord = form.indices.filter { s in form[s].matchesByWord && open(s) && (required.map { s < $0 } ?? true) }
            if !byWord.isEmpty {
                let exact = byWord.compactMap { s in form[s].kind.exact(w).map { (s, $0) } }
                if let (s, c) = exact.first {
                    take(s, c)
                    i += 1
                    continue
                }
                let prefixed = byWord.flatMap { s in (form[s].kind.choices ?? []).filter { $0.hasPrefix(lw) }.map { (s, $0) } }
                if prefixed.count == 1, let (s, c) = prefixed.first {
                    take(s, c)
                    i += 1
                    continue
                }
                if prefixed.count > 1 && positional == nil {
                    throw FormFailure(progress: i, problem: .ambiguous(w, prefixed.map(\.1)))
                }
            }
            guard let p = positional else {
                if byWord.count == 1, let only = byWord.first, let c = form[only].kind.choices {
                    throw FormFailure(progress: i, problem: .notAChoice(w, kind: form[only].kind, suggestion: Text.suggestion(for: w, among: c)))
                }
                let known = byWord.flatMap { form[$0].kind.choices ?? [] } + form.compactMap(\.keyword)
                throw FormFailure(progress: i, problem: byWord.isEmpty && form.allSatisfy({ $0.keyword == nil }) ? .tooMany(w)
                                  : .unknownWord(w, suggestion: Text.suggestion(for: w, among: known)))
            }
            if form[p].rest {
                take(p, words[i...].joined(separator: " "))
                break
            }
            if let problem = form[p].kind.problem(w) { throw FormFailure(progress: i, problem: .badValue(w, problem)) }
            take(p, w)
            i += 1
        }
        if let missing = form.indices.first(where: { !form[$0].optional && !filled.contains($0) }) {
            throw FormFailure(progress: words.count, problem: .missing(form[missing].name, form[missing].kind))
        }
        return parsed
    }

    static func prefixed(_ w: String, _ choices: [String]) -> String? {
        let m = choices.filter { $0.hasPrefix(w.lowercased()) }
        return m.count == 1 ? m.first : nil
    }
}

/// What may come next after some words of a command, for completion.
struct Expectation {
    /// The last word is a keyword whose value comes next.
    var awaiting: Slot?
    /// Slots that may take the next word.
    var open: [Slot] = []
    /// Keywords that may come next.
    var keywords: [String] = []
    /// Flags not given yet.
    var flags: [Flag] = []
}

extension CommandSpec {
    /// What may follow `words` (the words after the command words), over every form. Lenient:
    /// a word that fits nothing is passed over.
    func expectation(after words: [String]) -> Expectation {
        var e = Expectation()
        var given = Set<Flag>()
        for form in forms {
            var filled = Set<Int>()
            var groups = Set<Int>()
            func open(_ i: Int) -> Bool {
                (form[i].repeats || form[i].rest || !filled.contains(i)) && (form[i].group.map { !groups.contains($0) } ?? true)
            }
            func take(_ i: Int) {
                filled.insert(i)
                if let g = form[i].group { groups.insert(g) }
            }
            var i = 0
            var awaiting: Slot?
            while i < words.count {
                let w = words[i], lw = w.lowercased()
                if w.hasPrefix("-"), let f = flags.first(where: { $0.name == lw || $0.aliases.contains(lw) }) {
                    given.insert(f)
                } else if let k = form.indices.first(where: { form[$0].keyword == lw && open($0) }) {
                    take(k)
                    if i + 1 == words.count { awaiting = form[k] }
                    i += 1
                } else if let c = form.indices.first(where: { form[$0].matchesByWord && open($0) && form[$0].kind.exact(w) != nil }) {
                    take(c)
                } else if let p = form.indices.first(where: { !form[$0].matchesByWord && form[$0].keyword == nil && open($0) }) {
                    take(p)
                }
                i += 1
            }
            if let awaiting {
                e.awaiting = awaiting
                continue
            }
            let positional = form.indices.first { !form[$0].matchesByWord && form[$0].keyword == nil && open($0) }
            if let p = positional { e.open.append(form[p]) }
            if positional.map({ form[$0].optional }) ?? true {
                e.open += form.indices.filter { form[$0].matchesByWord && open($0) }.map { form[$0] }
                e.keywords += form.indices.filter { form[$0].keyword != nil && open($0) }.compactMap { form[$0].keyword }
            }
        }
        e.flags = flags.filter { !given.contains($0) }
        return e
    }
}
