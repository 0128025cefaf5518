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

/// Plain lines from standard input (no prompt, no editing): for pipes and files.
public final class StdinReader: LineReader {
    public init() {}
    public func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}

/// Where lines come from, for error messages that name the line (`script.zs regel 3`).
public enum Origin: Sendable {
    case script(String)
    case commandLine
    case stdin
    case terminal

    func place(_ n: Int) -> String? {
        switch self {
        case .script(let p): "\(p) regel \(n)"
        case .commandLine: "opdracht \(n) van -c"
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
    public let echo: Bool
    public let palette: Palette
    var quitRequested = false
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

    /// The prompt: `zien Leeuwenbrug 2026-2027> `, with `*` while a change set is pending.
    public var prompt: String {
        var p = "zien"
        if let v = session.vestiging { p += " " + v }
        p += " \(session.schooljaar)"
        if let cs = session.pendingChanges, !cs.isEmpty { p += "*" }
        return p + "> "
    }

    /// Runs every line from `reader`. Returns the exit code: 0 all done, 1 a command failed
    /// (non-interactive only), 3 when a check found Fout.
    public func run(_ reader: LineReader, origin: Origin, interactive: Bool) -> Int32 {
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
            if let failure = execute(line) {
                report(failure, at: origin.place(n), interactive: interactive)
                if !interactive { return failure.exitCode }
            }
        }
        return session.anyCheckFoundFout ? 3 : 0
    }

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

    func report(_ f: CommandFailure, at place: String?, interactive: Bool) {
        if interactive || place == nil {
            console.err(palette.fout("Fout:") + " " + f.message)
        } else if let place {
            console.err("zien-shell: \(place): \(f.message)")
        }
    }

    /// The lines of a saved script (any charset `auto` reads; LF, CRLF or CR).
    public static func scriptLines(path: String) throws -> [String] {
        let bytes: [UInt8]
        do {
            guard let b = try FileBytes.read(expandHome(path), limit: LoadedFile.maxBytes) else {
                throw CommandFailure("Kan script '\(path)' niet lezen: het bestand bestaat niet")
            }
            bytes = b
        } catch let e as FileReadError {
            throw CommandFailure("Kan script '\(path)' niet lezen: \(e.message)")
        }
        let text = String(decoding: TextDecoder.decode(bytes, setting: .auto).bytes, as: UTF8.self)
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
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
    func source(path: String) throws {
        guard depth < 16 else { throw CommandFailure("Scripts roepen elkaar te diep aan (meer dan 16 niveaus)") }
        let lines = try ScriptRunner.scriptLines(path: path)
        depth += 1
        defer { depth -= 1 }
        for (i, line) in lines.enumerated() {
            if quitRequested { return }
            if let f = execute(line) {
                throw CommandFailure("\(path) regel \(i + 1): \(f.message)", exitCode: f.exitCode)
            }
        }
    }

    /// Runs one command line; returns the failure, already printed as JSON in `--json` mode.
    @discardableResult
    public func execute(_ rawLine: String) -> CommandFailure? {
        let line = Text.trimmed(rawLine)
        if line.isEmpty || line.hasPrefix("#") { return nil }
        if echo { console.out("zien> " + line) }
        var jsonName = "?"
        do {
            guard var words = splitWords(line) else { throw CommandFailure("Aanhalingsteken niet gesloten in: \(line)") }
            // `--alles` after any command: the whole output, not a screenful.
            let everything = words.contains("--alles") || words.contains("--all")
            words.removeAll { $0 == "--alles" || $0 == "--all" }
            let (spec, args) = try CommandTable.resolve(words)
            jsonName = spec.jsonName
            guard spec.arity.contains(args.count) else {
                throw CommandFailure("Gebruik: \(spec.synopsis)")
            }
            let inv = Invocation(session: session, args: args, console: console, json: json, palette: palette, runner: self)
            let outer = progress
            if atTerminal && outer == nil { progress = ProgressLine(label: spec.name, console: console) }
            defer {
                if outer == nil {
                    progress?.end()
                    progress = nil
                }
            }
            let reply = try spec.run(inv)
            progress?.end()
            if json {
                var doc: [(String, JSONValue)] = [("command", .string(spec.jsonName))]
                if spec.words.count > 1 { doc.append(("subcommand", .string(spec.words[1]))) }
                let body = reply.json()
                doc.append(contentsOf: body)
                // `quit` says nothing; every other command prints exactly one document.
                if spec.words != ["quit"] {
                    console.out(JSONValue.object(doc).serialized)
                }
            } else {
                let text = reply.text()
                if !text.isEmpty { console.out(atTerminal && !everything ? screenful(text, line: line) : text) }
            }
            return nil
        } catch let f as CommandFailure {
            emitError(f, command: jsonName)
            return f
        } catch let e as StoreError {
            let f = CommandFailure(e.message)
            emitError(f, command: jsonName)
            return f
        } catch {
            let f = CommandFailure("Technische fout: \(error)")
            emitError(f, command: jsonName)
            return f
        }
    }

    /// At a terminal, output longer than the screen shows its first screenful and says how many
    /// lines follow and how to see them all.
    func screenful(_ text: String, line: String) -> String {
        guard let rows = console.height, rows >= 8 else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let room = rows - 3
        guard lines.count > room else { return text }
        let rest = lines.count - room
        return lines.prefix(room).joined(separator: "\n") + "\n"
            + palette.dim("… nog \(rest) \(rest == 1 ? "regel" : "regels") (\(lines.count) in totaal). Alles tonen: '\(line) --alles'")
    }

    func emitError(_ f: CommandFailure, command: String) {
        guard json else { return }
        console.out(JSONValue.object([("command", .string(command)), ("error", .string(f.message)),
                                      ("exitCode", .int(Int(f.exitCode)))]).serialized)
    }
}
