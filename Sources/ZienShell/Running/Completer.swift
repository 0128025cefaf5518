import Foundation
import ZienCore

/// Tab completion, derived from the command table's argument kinds.
public struct Completer {
    /// Vestiging names known to the store.
    public var vestigingen: [String]
    /// Stamnrs and group codes of the store, asked for only when such a word is completed (a
    /// board's store decodes in about a second, once).
    public var stamnrs: () -> [String]
    public var groepcodes: () -> [String]

    public init(vestigingen: [String], stamnrs: @escaping () -> [String] = { [] }, groepcodes: @escaping () -> [String] = { [] }) {
        self.vestigingen = vestigingen
        self.stamnrs = stamnrs
        self.groepcodes = groepcodes
    }

    /// Completion against what `session` knows: its store's vestigingen, pupils and groups.
    public init(session: Session) {
        let store = session.store
        self.init(vestigingen: store.header.vestigingen,
                  stamnrs: { (try? store.data().leerlingen.values.map(\.stamnr)) ?? [] },
                  groepcodes: { Array(Set((try? store.data().groepen.map(\.code)) ?? [])) })
    }

    /// Candidates for the last word of `line` (the text before the cursor): everything comes
    /// from the command table's grammar, as dispatch does.
    public func complete(_ line: String) -> [String] {
        let endsWithSpace = line.last == " " || line.last == ";"
        let words = splitWords(line) ?? line.split(separator: " ").map(String.init)
        let partial = endsWithSpace ? "" : (words.last ?? "")
        let done = endsWithSpace ? words : Array(words.dropLast())
        func matching(_ list: [String]) -> [String] {
            Array(Set(list.filter { $0.lowercased().hasPrefix(partial.lowercased()) })).sorted()
        }
        if done.isEmpty { return matching(CommandTable.heads) }
        let head = (try? CommandTable.pick(done[0].lowercased(), among: CommandTable.heads)) ?? done[0]
        let family = CommandTable.family(head)
        if done.count == 1 {
            let subs = family.filter { $0.words.count == 2 }.map { $0.words[1] }
            if !subs.isEmpty {
                var list = subs
                if let own = family.first(where: { $0.words.count == 1 }) {
                    let e = own.expectation(after: [])
                    list += e.open.flatMap { values($0.kind, partial) } + e.keywords
                }
                return matching(list)
            }
        }
        guard let (spec, args) = try? CommandTable.resolve(done, ownValues: vestigingen) else { return [] }
        let e = spec.expectation(after: args)
        if partial.hasPrefix("-") { return matching(e.flags.map(\.name)) }
        if let awaiting = e.awaiting { return matching(values(awaiting.kind, partial)) }
        return matching(e.open.flatMap { values($0.kind, partial) } + e.keywords)
    }

    /// The words a value of `kind` may be, for completing `partial`.
    func values(_ kind: ArgumentKind, _ partial: String) -> [String] {
        if let c = kind.choices { return c }
        switch kind {
        case .file, .folder: return Completer.paths(partial, foldersOnly: kind == .folder)
        case .vestiging: return vestigingen
        case .command: return CommandTable.heads
        case .stamnr: return partial.isEmpty ? [] : stamnrs()
        case .groep: return groepcodes()
        case .schooljaar: return Completer.schooljaren()
        default: return []
        }
    }

    /// A candidate as it is typed: spaces, quotes and backslashes escaped with a backslash, so
    /// `~/mijn exports/` becomes one word (`~/mijn\ exports/`).
    public static func escaped(_ word: String) -> String {
        var out = ""
        for ch in word {
            if ch == " " || ch == "\\" || ch == "\"" || ch == "'" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Last, this and next schooljaar.
    static func schooljaren() -> [String] {
        let now = Schooljaar(containing: (try? Session.today(environment: ProcessEnvironment.relevant)) ?? Day(unchecked: 2026, 9, 1))
        return [now.startYear - 1, now.startYear, now.startYear + 1].map { Schooljaar(startYear: $0).description }
    }

    /// File and folder names that complete `partial` (folders end in `/`; `~` is the home
    /// folder), sorted; hidden entries only when `partial` names them.
    public static func paths(_ partial: String, foldersOnly: Bool = false) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let dirPart = slash.map { String(partial[...$0]) } ?? ""
        let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var dir = dirPart.isEmpty ? "." : dirPart
        if dir.hasPrefix("~") { dir = (ProcessEnvironment.value("HOME") ?? "") + dir.dropFirst() }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var out: [String] = []
        for name in entries where name.hasPrefix(base) && (!name.hasPrefix(".") || base.hasPrefix(".")) {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir)
            if foldersOnly && !isDir.boolValue { continue }
            out.append(dirPart + name + (isDir.boolValue ? "/" : ""))
        }
        return out.sorted()
    }
}
