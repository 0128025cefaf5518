#if canImport(Glibc)
import Glibc
#endif
@preconcurrency import CEditLine
import ZienShell

/// Interactive line editing with libedit: prompt, history kept in a file, Tab completion
/// derived from the command table.
final class EditLineReader: LineReader {
    let historyPath: String
    let runner: ScriptRunner
    var last: String?

    nonisolated(unsafe) static var completer = Completer(vestigingen: [])
    nonisolated(unsafe) static var matches: [String] = []

    init(runner: ScriptRunner, historyPath: String) {
        self.runner = runner
        self.historyPath = historyPath
        // Without a UTF-8 locale libedit silently drops non-ASCII input (Zoë, Şahin).
        if setlocale(LC_CTYPE, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        rl_readline_name = UnsafePointer(strdup("zien-shell"))
        using_history()
        ensureFolder(historyPath)
        read_history(historyPath)
        rl_attempted_completion_function = { text, start, end in
            EditLineReader.complete(text, start, end)
        }
    }

    func readLine(prompt: String) -> String? {
        EditLineReader.completer.vestigingen = runner.session.store.header.vestigingen
        while true {
            guard let p = readline(prompt) else {
                if Interrupts.take() { continue }
                print("")
                return nil
            }
            defer { free(p) }
            let line = String(cString: p)
            if Interrupts.take() { continue }
            let trimmed = line.trimmingSpaces
            if !trimmed.isEmpty && trimmed != last {
                add_history(line)
                last = trimmed
            }
            return line
        }
    }

    func close() {
        write_history(historyPath)
        chmod(historyPath, 0o600)
    }

    func ensureFolder(_ path: String) {
        var folder = ""
        for part in path.split(separator: "/").dropLast() {
            folder += "/" + part
            mkdir(folder, 0o700)
        }
    }

    static func complete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let buffer = rl_line_buffer else { return nil }
        let line = String(cString: buffer)
        let upto = String(decoding: Array(line.utf8.prefix(Int(end))), as: UTF8.self)
        let words = completer.complete(upto)
        // Nothing to offer: say so, rather than falling back to libedit's file names.
        rl_attempted_completion_over = 1
        guard !words.isEmpty else { return nil }
        matches = words
        // A folder completes with its `/` and no space, so Tab can go on inside it.
        rl_completion_append_character = words.count == 1 && words[0].hasSuffix("/") ? 0 : 32
        return rl_completion_matches(text) { _, state in
            let i = Int(state)
            guard i < EditLineReader.matches.count else { return nil }
            return strdup(EditLineReader.matches[i])
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
