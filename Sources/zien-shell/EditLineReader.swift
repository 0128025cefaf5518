#if canImport(Glibc)
import Glibc
#endif
@preconcurrency import CEditLine
import ZienCore
import ZienShell
import ZienStore

/// Interactive line editing with libedit: prompt, history kept in a file, Tab completion
/// derived from the command table.
final class EditLineReader: LineReader {
    let historyPath: String
    let runner: ScriptRunner

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
        // Keys are read here, so that Ctrl-C ends the line at once whenever it comes: the read
        // waits at most 200 ms before it looks at the interrupt flag again (a SIGINT between
        // libedit's own reads is never lost). Set before libedit initialises (the first history
        // call), which is when it takes the function.
        rl_getc_function = { _ in EditLineReader.nextKey() }
        using_history()
        stifle_history(EditLineReader.historySize)
        if let slash = historyPath.lastIndex(of: "/") { try? FileBytes.makeFolder(String(historyPath[..<slash])) }
        // Only regular files are read: a FIFO there would make the shell wait forever.
        if let why = FileBytes.refusal(historyPath) {
            FileConsole().err("zien-shell: geschiedenis \(historyPath) niet gelezen: \(why)")
        } else {
            read_history(historyPath)
        }
        // The user's key bindings and settings (`$EDITRC`, else `~/.editrc`), as sqlite3 does.
        let editrc = getenv("EDITRC").map { String(cString: $0) } ?? ((getenv("HOME").map { String(cString: $0) } ?? "") + "/.editrc")
        if let why = FileBytes.refusal(editrc) {
            FileConsole().err("zien-shell: \(editrc) niet gelezen: \(why)")
        } else {
            rl_read_init_file(nil)
        }
        rl_attempted_completion_function = { text, start, end in
            EditLineReader.complete(text, start, end)
        }
    }

    static let historySize: Int32 = 1000

    func readLine(prompt: String) -> String? {
        read(prompt: prompt, remember: true)
    }

    /// An answer to a question (`Typ 'ja'`): read like a command, never kept in the history.
    func answer(_ question: String) -> String? {
        read(prompt: question, remember: false)
    }

    func read(prompt: String, remember: Bool) -> String? {
        EditLineReader.completer = Completer(session: runner.session)
        Interrupts.reset()
        while true {
            guard let p = readline(prompt) else {
                // Ctrl-C at the prompt: a new, empty line; Ctrl-D: the end.
                if Interrupts.take() { print(""); continue }
                print("")
                return nil
            }
            defer { free(p) }
            let line = String(cString: p)
            if Interrupts.take() { continue }
            if remember { self.remember(line) }
            return line
        }
    }

    /// Adds `line` to the history, dropping any earlier copy of it (duplicates collapsed).
    func remember(_ line: String) {
        let trimmed = Text.trimmed(line)
        guard !trimmed.isEmpty else { return }
        var kept: [String] = []
        var seen = false
        for i in 0..<history_length {
            guard let entry = history_get(history_base + i), let text = entry.pointee.line else { continue }
            let old = String(cString: text)
            if Text.trimmed(old) == trimmed { seen = true } else { kept.append(old) }
        }
        if seen {
            // Rebuilt rather than removed in place: the order of libedit's entries is kept.
            clear_history()
            for old in kept { add_history(old) }
        }
        add_history(trimmed)
    }

    func close() {
        write_history(historyPath)
        chmod(historyPath, 0o600)
    }


    /// The next key for libedit: a Unicode scalar (UTF-8 decoded here, as libedit takes the
    /// value as a wide character), -1 at the end of input, or a newline after Ctrl-C — the
    /// line then ends and `read` drops it because the interrupt flag is set.
    static func nextKey() -> Int32 {
        let lead = nextByte()
        // Ctrl-C as a signal (-2), or as a key when an ~/.editrc turned the terminal's isig off.
        if lead == -2 || lead == 3 {
            Interrupts.flag = 1
            return 10
        }
        guard lead >= 0 else { return -1 }
        let extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        guard extra > 0 else { return lead }
        var scalar = lead & (0x3F >> Int32(extra))
        for _ in 0..<extra {
            let b = nextByte()
            if b == -2 { return 10 }
            guard b >= 0 else { return -1 }
            scalar = scalar << 6 | (b & 0x3F)
        }
        return scalar
    }

    /// A byte of standard input; -1 at the end, -2 when Ctrl-C was pressed.
    static func nextByte() -> Int32 {
        while true {
            if Interrupts.flag != 0 { return -2 }
            var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 200)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if ready == 0 { continue }
            var b: UInt8 = 0
            let n = Glibc.read(0, &b, 1)
            if n == 1 { return Int32(b) }
            if n < 0 && errno == EINTR { continue }
            return -1
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
        matches = words.map(Completer.escaped)
        // A folder completes with its `/` and no space, so Tab can go on inside it.
        rl_completion_append_character = words.count == 1 && words[0].hasSuffix("/") ? 0 : 32
        return rl_completion_matches(text) { _, state in
            let i = Int(state)
            guard i < EditLineReader.matches.count else { return nil }
            return strdup(EditLineReader.matches[i])
        }
    }
}
