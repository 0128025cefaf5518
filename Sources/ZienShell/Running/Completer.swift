import Foundation
import ZienCore

/// Tab completion, derived from the command table's argument kinds.
public struct Completer {
    /// Vestiging names known to the store.
    public var vestigingen: [String]

    public init(vestigingen: [String]) { self.vestigingen = vestigingen }

    /// Candidates for the last word of `line` (the text before the cursor).
    public func complete(_ line: String) -> [String] {
        let endsWithSpace = line.last == " "
        let words = splitWords(line) ?? line.split(separator: " ").map(String.init)
        let partial = endsWithSpace ? "" : (words.last ?? "")
        let done = endsWithSpace ? words : Array(words.dropLast())
        func matching(_ list: [String]) -> [String] {
            list.filter { $0.lowercased().hasPrefix(partial.lowercased()) }.sorted()
        }
        if done.isEmpty {
            return matching(Array(Set(CommandTable.all.map { $0.words[0] })))
        }
        let head = (try? CommandTable.pick(done[0].lowercased(), among: Array(Set(CommandTable.all.map { $0.words[0] })), what: "")) ?? done[0]
        let family = CommandTable.family(head)
        var spec = family.first { $0.words.count == 1 }
        var argIndex = done.count - 1
        if done.count == 1 {
            let subs = family.filter { $0.words.count == 2 }.map { $0.words[1] }
            if !subs.isEmpty {
                var list = subs
                if spec?.arguments.first == .vestiging { list += vestigingen }
                return matching(list)
            }
        } else if let sub = family.first(where: { $0.words.count == 2 && $0.words[1].hasPrefix(done[1].lowercased()) }) {
            spec = sub
            argIndex = done.count - 2
        }
        guard let spec, argIndex < spec.arguments.count else { return [] }
        switch spec.arguments[argIndex] {
        case .file, .folder: return Completer.paths(partial, foldersOnly: spec.arguments[argIndex] == .folder)
        case .soort: return matching(Soort.allCases.map(\.rawValue))
        case .charset: return matching(CharsetSetting.words)
        case .level: return matching(Level.allCases.map(\.identifier))
        case .vestiging: return matching(vestigingen)
        case .command: return matching(Array(Set(CommandTable.all.map { $0.words[0] })))
        case .text where spec.words == ["load"]: return matching(["as"])
        case .text where spec.words == ["export"]: return matching(Soort.allCases.map(\.rawValue) + ["--force"])
        case .schooljaar, .number, .text: return []
        }
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
            FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir)
            if foldersOnly && !isDir.boolValue { continue }
            out.append(dirPart + name + (isDir.boolValue ? "/" : ""))
        }
        return out.sorted()
    }
}
