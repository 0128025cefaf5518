import ZienCore

/// Tab completion, derived from the command table's argument kinds.
public struct Completer {
    /// Vestiging names known to the store.
    public var vestigingen: [String]

    public init(vestigingen: [String]) { self.vestigingen = vestigingen }

    /// What to complete the word being typed with.
    public enum Result: Equatable {
        case words([String])
        /// Let the line editor complete a file path.
        case path
    }

    /// Candidates for the last word of `line` (the text before the cursor).
    public func complete(_ line: String) -> Result {
        let endsWithSpace = line.last == " "
        let words = splitWords(line) ?? line.split(separator: " ").map(String.init)
        let partial = endsWithSpace ? "" : (words.last ?? "")
        let done = endsWithSpace ? words : Array(words.dropLast())
        func matching(_ list: [String]) -> Result {
            .words(list.filter { $0.lowercased().hasPrefix(partial.lowercased()) }.sorted())
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
        guard let spec, argIndex < spec.arguments.count else { return .words([]) }
        switch spec.arguments[argIndex] {
        case .file, .folder: return .path
        case .soort: return matching(Soort.allCases.map(\.rawValue))
        case .charset: return matching(CharsetSetting.words)
        case .level: return matching(Level.allCases.map(\.identifier))
        case .vestiging: return matching(vestigingen)
        case .command: return matching(Array(Set(CommandTable.all.map { $0.words[0] })))
        case .text where spec.words == ["load"]: return matching(["as"])
        case .schooljaar, .number, .text: return .words([])
        }
    }
}
