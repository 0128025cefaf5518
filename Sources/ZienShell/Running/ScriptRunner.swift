import ZienCore
import ZienStore

/// Reads command lines: the terminal (libedit), a script, `-c`, or standard input.
public protocol LineReader: AnyObject {
    /// The next line without its line break, or nil at the end.
    func readLine(prompt: String) -> String?
}

/// Lines from a list (scripts, `-c`).
public final class ListReader: LineReader {
    var lines: [String]
    var next = 0
    public init(_ lines: [String]) { self.lines = lines }
    public func readLine(prompt: String) -> String? {
        guard next < lines.count else { return nil }
        defer { next += 1 }
        return lines[next]
    }
}

/// Plain lines from standard input (no prompt, no editing): for pipes and files. A
/// byte-order mark at the start is skipped; LF and CRLF line ends are accepted.
public final class StdinReader: LineReader {
    var first = true
    public init() {}
    public func readLine(prompt: String) -> String? {
        guard let line = Swift.readLine(strippingNewline: true) else { return nil }
        defer { first = false }
        return first ? withoutBOM(line) : line
    }
}

/// `line` without a byte-order mark (U+FEFF) at its start.
public func withoutBOM(_ line: String) -> String {
    guard line.unicodeScalars.first == "\u{FEFF}" else { return line }
    return String(line.unicodeScalars.dropFirst())
}

/// Where lines come from, for error messages that name the line (`script.zs regel 3`).
public enum Origin: Sendable {
    case script(String)
    /// The text of the n-th `-c` (n = 0 when there is only one).
    case commandLine(Int)
    case stdin
    case terminal

    /// The place of command `k` on line `n`.
    func place(line n: Int, command k: Int) -> String? {
        switch self {
        case .script(let p): "\(p) regel \(n)"
        case .commandLine(let c): "opdracht \(k) van -c" + (c > 0 ? " \(c)" : "")
        case .stdin: "invoerregel \(n)"
        case .terminal: nil
        }
    }
}

/// Runs command lines against a session: one loop for the terminal, scripts, `-c` and stdin
/// (as sqlite3's process_input). Non-interactive use stops at the first failing command.
public final class ScriptRunner {
    public let session: Session
    public let console: Console
    public let json: Bool
    /// The command running asked for JSON itself (`show changes --json`).
    var commandJSON = false
    /// `--echo`: each command is written before its output after the prompt it has at that
    /// moment (vestiging, schooljaar, `*` or `!`), so a script's transcript reads as the
    /// session would at a terminal.
    public let echo: Bool
    public let palette: Palette
    public internal(set) var quitRequested = false
    /// Asks the person at the keyboard (interactive only); nil in scripts, which confirm with
    /// an argument (`commit --yes`) instead.
    public var ask: ((String) -> String?)?
    var depth = 0
    /// Running at a terminal: progress lines and output a screenful at a time.
    var atTerminal = false
    /// The progress line of the command running, if any.
    var progress: ProgressLine?

    public init(session: Session, console: Console, json: Bool, echo: Bool = false, palette: Palette) {
        self.session = session
        self.console = console
        self.json = json
        self.echo = echo
        self.palette = palette
    }

    /// The prompt: `zien Leeuwenbrug 2026-2027> `, with `*` while a change set is pending, and
    /// `!` instead while it comes from a check that found Fout (shown, not to be committed).
    public var prompt: String {
        var p = "zien"
        if let v = session.vestiging { p += " " + v }
        p += " \(session.schooljaar)"
        if session.pendingFouten > 0 {
            p += "!"
        } else if let cs = session.pendingChanges, !cs.isEmpty {
            p += "*"
        }
        return p + "> "
    }

    /// Runs every line from `reader`. Returns the exit code: 0 all done, 1 a command failed
    /// (non-interactive only), 3 when a check found Fout.
    public func run(_ reader: LineReader, origin: Origin, interactive: Bool) -> Int32 {
        runPart(reader, origin: origin, interactive: interactive) ?? (session.anyCheckFoundFout ? 3 : 0)
    }

    /// Runs every line from `reader`; returns the exit code of the command that stopped it
    /// (non-interactive only), or nil when it ran to its end. Several parts (`-c`, `-f`) run one
    /// after the other in one session.
    public func runPart(_ reader: LineReader, origin: Origin, interactive: Bool) -> Int32? {
        atTerminal = interactive && console.isTerminal
        defer { atTerminal = false }
        var n = 0
        while !quitRequested {
            guard let line = reader.readLine(prompt: prompt) else {
                // Ctrl-D: the end, unless a pending change set makes the person think again.
                if interactive && !mayQuit() { continue }
                break
            }
            n += 1
            if let (failure, k) = executeLine(line) {
                report(failure, at: origin.place(line: n, command: k), interactive: interactive)
                if !interactive { return failure.exitCode }
            }
        }
        return nil
    }

    /// Runs a saved script: its lines, with `arguments` as `$1`…`$9` and paths relative to
    /// its folder. Returns as `runPart`; a script that cannot be read is reported and gives 1.
    public func runScript(_ path: String, arguments: [String]) -> Int32? {
        let resolved = resolve(path: path)
        let lines: [String]
        do {
            lines = try ScriptRunner.scriptLines(path: resolved, shown: path)
        } catch {
            console.err("zien-shell: \(error.message)")
            emitError(error, command: "source")
            return error.exitCode
        }
        contexts.append(ScriptContext(folder: ScriptRunner.folder(of: resolved), arguments: arguments))
        defer { contexts.removeLast() }
        return runPart(ListReader(lines), origin: .script(path), interactive: false)
    }

    /// The words of the running command that begin with a variable (see `resolve`).
    var currentVariableWords: Set<String> = []

    /// The words of the last command that got past its grammar (for the table test).
    var lastParsed: Parsed?

    /// The `-v NAAM=WAARDE` variables.
    public var variables: [String: String] = [:]

    /// What a running script file brings: its folder (paths in it are relative to it) and its
    /// arguments.
    struct ScriptContext {
        var folder: String
        var arguments: [String]
    }
    var contexts: [ScriptContext] = []

    /// The value of `$1`…`$9` (the innermost script's arguments) or `${NAAM}`.
    func variable(_ name: String) -> String? {
        if let n = Int(name), n >= 1, n <= 9 {
            guard let args = contexts.last?.arguments, n <= args.count else { return nil }
            return args[n - 1]
        }
        return variables[name]
    }

    /// The one place a path a command was given becomes the path it opens: `~` is the home
    /// folder; a relative path is relative to the folder of the script file it is written in,
    /// and elsewhere (the prompt, `-c`, standard input) to the working directory. Every
    /// command that takes a path (`load`, `source`, `export`, `anonimiseer`) uses it, through
    /// `Invocation.path`.
    ///
    /// A path that begins with a script argument or variable (`load $1`) was written on the
    /// command line, so it is relative to the working directory.
    public func resolve(path: String) -> String {
        let p = expandHome(path)
        guard !p.hasPrefix("/"), !p.isEmpty, !currentVariableWords.contains(path),
              let folder = contexts.last?.folder, folder != "." else { return p }
        return folder + "/" + p
    }

    /// The folder part of a path (`.` when it has none).
    static func folder(of path: String) -> String { FileBytes.split(path).folder }

    /// Asks before a session with an uncommitted change set ends (interactive only). Scripts,
    /// and a terminal that is gone (no answer), may always end.
    func mayQuit() -> Bool {
        guard ask != nil, let cs = session.pendingChanges, !cs.isEmpty else { return true }
        guard let answer = question("Toch afsluiten? Typ 'ja': ",
                                    after: "De wijzigingenset (\(Render.changeTotal(cs))) is nog niet ingelezen en gaat verloren.") else {
            return true
        }
        return answer.trimmingSpacesAndCase == "ja"
    }

    /// A failure on standard error. What the user typed is quoted in it: a control character
    /// there is shown as `U+0007`, never sent to the terminal.
    func report(_ f: ShellError, at place: String?, interactive: Bool) {
        let message = Text.visible(f.message)
        if interactive || place == nil {
            let label = "Fout:"
            console.err(palette.fout(label) + " " + fitted(message, hang: label.count + 1))
        } else if let place {
            console.err("zien-shell: \(Text.visible(place)): \(message)")
        }
    }

    /// The lines of a saved script (any charset `auto` reads; LF, CRLF or CR; a byte-order mark
    /// is skipped by the decoder). `shown` is the path as the user wrote it.
    public static func scriptLines(path: String, shown: String? = nil) throws(ShellError) -> [String] {
        let name = shown ?? path
        let bytes: [UInt8]
        do {
            guard let b = try FileBytes.read(path, limit: LoadedFile.maxBytes) else {
                throw ShellError.cannotRead(.script, name, reason: nil)
            }
            bytes = b
        } catch let e as FileReadError {
            throw ShellError.cannotRead(.script, name, reason: e.message)
        } catch let e as ShellError {
            throw e
        } catch {
            throw ShellError.cannotRead(.script, name, reason: "\(error)")
        }
        let text = String(decoding: TextDecoder.decode(bytes, setting: .auto).bytes, as: UTF8.self)
        var lines: [String] = []
        var cur = String.UnicodeScalarView()
        var lastCR = false
        for u in text.unicodeScalars {
            if u == "\n" && lastCR { lastCR = false; continue }
            lastCR = u == "\r"
            if u == "\n" || u == "\r" {
                lines.append(String(cur))
                cur = String.UnicodeScalarView()
            } else {
                cur.append(u)
            }
        }
        lines.append(String(cur))
        if let first = lines.first { lines[0] = withoutBOM(first) }
        return lines
    }

    /// Asks the person at the keyboard (after `preface`, when given); nil without one, or at
    /// the end of input. The progress line stops first, so it never covers the question.
    func question(_ q: String, after preface: String? = nil) -> String? {
        guard let ask else { return nil }
        progress?.end()
        if let preface { console.out(preface) }
        return ask(q)
    }

    /// Runs a saved script inside this session; a failing line fails the `source` command.
    func source(path: String, arguments: [String]) throws(ShellError) {
        guard depth < 16 else { throw ShellError.scriptsTooDeep(16) }
        let resolved = resolve(path: path)
        let lines = try ScriptRunner.scriptLines(path: resolved, shown: path)
        depth += 1
        contexts.append(ScriptContext(folder: ScriptRunner.folder(of: resolved), arguments: arguments))
        defer {
            depth -= 1
            contexts.removeLast()
        }
        for (i, line) in lines.enumerated() {
            if quitRequested { return }
            if let (f, _) = executeLine(line) {
                throw .inScript(path, i + 1, f)
            }
        }
    }

    /// Runs one command line (one or more commands separated by `;`); returns the failure,
    /// already printed as JSON in `--json` mode, or nil.
    @discardableResult
    public func execute(_ line: String) -> ShellError? {
        executeLine(line)?.0
    }

    /// Runs one command line; returns the failure and which command of the line (from 1) it was.
    func executeLine(_ line: String) -> (ShellError, Int)? {
        let commands: [CommandText]
        do {
            commands = try CommandLexer.commands(line, variable: variable)
        } catch {
            if echo { console.out(prompt + line.trimmingSpaces) }
            emitError(error, command: "?")
            return (error, 1)
        }
        for (k, command) in commands.enumerated() {
            if quitRequested { return nil }
            if let f = executeCommand(command) { return (f, k + 1) }
        }
        return nil
    }

    /// Runs one command: finds it in the table, reads its words by its grammar, runs it and
    /// prints its reply.
    func executeCommand(_ command: CommandText) -> ShellError? {
        if echo { console.out(prompt + command.text) }
        let outerVariableWords = currentVariableWords
        currentVariableWords = command.fromVariables
        defer { currentVariableWords = outerVariableWords }
        var jsonName = "?"
        // The subcommand, as a reply's document names it, once the command is resolved.
        var jsonSub: String?
        commandJSON = false
        _ = session.takeDiscardNotice()
        do {
            let known = command.words.count > 1 ? session.store.header.vestigingen : []
            let (spec, words) = try CommandTable.resolve(command.words, ownValues: known)
            jsonName = spec.jsonName
            if spec.words.count > 1 { jsonSub = spec.words[1] }
            let parsed = try spec.parse(words)
            lastParsed = parsed
            // `--json` after a command that declares it: this command's reply as one document.
            commandJSON = spec.flags.contains(.json) && parsed.has(.json)
            let asJSON = json || commandJSON
            let inv = Invocation(session: session, parsed: parsed, console: console, json: asJSON, palette: palette, runner: self)
            let outer = progress
            if atTerminal && outer == nil { progress = ProgressLine(label: spec.name, console: console) }
            defer {
                if outer == nil {
                    progress?.end()
                    progress = nil
                }
            }
            // `--alles`: the whole output, not a screenful (only commands that declare it page).
            let everything = !spec.flags.contains(.alles) || parsed.has(.alles)
            let reply = try spec.run(inv)
            if !parsed.undeclared.isEmpty { throw ShellError.undeclared(spec.name, parsed.undeclared.sorted()) }
            progress?.end()
            if asJSON {
                var doc: [(String, JSONValue)] = [("command", .string(spec.jsonName))]
                if let jsonSub { doc.append(("subcommand", .string(jsonSub))) }
                let body = reply.json()
                doc.append(contentsOf: body)
                if let d = session.takeDiscardNotice() { doc.append(("discarded", Render.changeCountsJSON(d.changes))) }
                // `quit` says nothing; every other command prints exactly one document.
                if spec.words != ["quit"] {
                    console.out(JSONValue.object(doc).serialized)
                }
            } else {
                let text = reply.text()
                if !text.isEmpty {
                    if atTerminal && spec.flags.contains(.alles) {
                        // A paged command at a terminal: wrapped at word boundaries, a screenful
                        // counted in screen rows unless --alles.
                        let more = reply.more ?? command.text + " --alles"
                        console.out(everything ? fitted(text)
                                    : Pager.screenful(text, height: console.height, width: console.width, more: more, dim: palette.dim))
                    } else {
                        console.out(fitted(text))
                    }
                }
                announceDiscard()
            }
            return nil
        } catch let f as ShellError {
            emitError(f, command: jsonName, subcommand: jsonSub)
            return f
        } catch let e as StoreError {
            let f = ShellError.store(e.message)
            emitError(f, command: jsonName, subcommand: jsonSub)
            return f
        } catch {
            let f = ShellError.technical("\(error)")
            emitError(f, command: jsonName, subcommand: jsonSub)
            return f
        }
    }

    /// The one line that says a pending change set was dropped (SPEC §4), after the output.
    func announceDiscard() {
        guard let d = session.takeDiscardNotice() else { return }
        console.out(palette.waarschuwing(fitted(d.text)))
    }

    /// `text` as it is shown: at a terminal broken at word boundaries to its width (no reply,
    /// notice or error is cut mid-word by the terminal), continuation rows `hang` columns in,
    /// under the text after a label; elsewhere as it is.
    func fitted(_ text: String, hang: Int = 0) -> String {
        guard atTerminal else { return text }
        return Pager.wrapped(text, width: console.width.map { $0 - hang }).joined(separator: "\n" + String(repeating: " ", count: hang))
    }

    /// A failed command's `--json` document: named as its reply would be (command, subcommand).
    func emitError(_ f: ShellError, command: String, subcommand: String? = nil) {
        guard json || commandJSON else {
            announceDiscard()
            return
        }
        var doc: [(String, JSONValue)] = [("command", .string(command))]
        if let subcommand { doc.append(("subcommand", .string(subcommand))) }
        doc += [("error", f.json), ("exitCode", .int(Int(f.exitCode)))]
        if let d = session.takeDiscardNotice() { doc.append(("discarded", Render.changeCountsJSON(d.changes))) }
        console.out(JSONValue.object(doc).serialized)
    }
}
