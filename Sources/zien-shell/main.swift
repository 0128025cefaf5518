#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ZienCore
import ZienShell
import ZienStore

/// The thin executable: command-line arguments, terminal detection, libedit and the exit code.
///
/// swift-argument-parser reads the options; its own help and version handling are switched off
/// (`helpNames: []`, our own `--help`/`-h` and `--version` flags), so that everything it could
/// print itself is an error, which `Invocation.dutch(_:)` maps to our Dutch text.
struct ZienShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "zien-shell", helpNames: [])

    @Option(name: .long) var store: String?
    @Option(name: .customShort("c")) var commands: [String] = []
    @Option(name: .customShort("f")) var files: [String] = []
    @Option(name: .customShort("v")) var variables: [String] = []
    @Option(name: .long) var vestiging: String?
    @ArgumentParser.Flag(name: .long) var json = false
    @ArgumentParser.Flag(name: .long) var echo = false
    @ArgumentParser.Flag(name: [.customShort("h"), .long]) var help = false
    @ArgumentParser.Flag(name: .long) var version = false
    /// SCRIPT and its arguments: everything from the first word that is not an option on.
    @Argument(parsing: .captureForPassthrough) var script: [String] = []
}

func runShell(_ o: ZienShellCommand, parts: [StartPart]) -> Int32 {
    let env = ProcessEnvironment.relevant
    let console = FileConsole()
    let chosen = o.store ?? env["ZIEN_STORE"]
    if chosen?.isEmpty == true {
        console.err("zien-shell: " + InvocationError.emptyStore(fromEnvironment: o.store == nil).message)
        return 2
    }
    let storePath = chosen ?? Store.defaultPath(environment: env)
    let today: Day
    let opened: Store
    do {
        today = try Session.today(environment: env)
        opened = try Store(path: storePath, createsFolder: chosen == nil)
    } catch let e as ShellError {
        console.err("zien-shell: \(e.message)")
        return e.exitCode
    } catch let e as StoreError {
        console.err("zien-shell: \(e.message)")
        return 1
    } catch {
        console.err("zien-shell: \(error)")
        return 1
    }
    let session = Session(store: opened, today: today)
    session.clock = Session.clock(environment: env)
    let interactive = parts.isEmpty && isatty(0) == 1 && isatty(1) == 1
    let palette = Palette(enabled: console.isTerminal && env["NO_COLOR"] == nil && !o.json)
    let runner = ScriptRunner(session: session, console: console, json: o.json, echo: o.echo, palette: palette)
    for v in o.variables {
        guard let eq = v.firstIndex(of: "="), CommandLexer.isName(String(v[..<eq])) else {
            console.err("zien-shell: " + InvocationError.badVariable(v).message)
            return 2
        }
        runner.variables[String(v[..<eq])] = String(v[v.index(after: eq)...])
    }
    // The vestiging at start: --vestiging, else ZIEN_VESTIGING, else the only one of the store.
    switch session.chooseVestigingAtStart(o.vestiging ?? env["ZIEN_VESTIGING"].flatMap { $0.isEmpty ? nil : $0 }) {
    case .chosen, .none: break
    case .only(let name): console.err("Vestiging \(name) gekozen: de enige in de opslag.")
    case .unknown(let failure):
        console.err("zien-shell: \(failure.message)")
        return 2
    }
    session.cancelled = { Interrupts.take() }
    for part in parts {
        let stopped: Int32?
        switch part {
        case .commands(let text, let n):
            stopped = runner.runPart(ListReader([withoutBOM(text)]), origin: .commandLine(n), interactive: false)
        case .script(let path, let arguments):
            stopped = runner.runScript(path, arguments: arguments)
        }
        if let stopped { finish(stopped) }
        if runner.quitRequested { break }
    }
    if !parts.isEmpty { finish(session.anyCheckFoundFout ? 3 : 0) }
    if interactive {
        Interrupts.install()
        let reader = EditLineReader(runner: runner, historyPath: historyPath(env))
        runner.ask = { [unowned reader] question in reader.answer(question) }
        console.out("zien-shell \(zienShellVersion) — 'help' toont de opdrachten, Ctrl-D sluit af. Opslag: \(opened.path ?? ":memory:")")
        let code = runner.run(reader, origin: .terminal, interactive: true)
        reader.close()
        return code
    }
    finish(runner.run(StdinReader(), origin: .stdin, interactive: false))
}

/// Ends the process with `code` right away: a board's session holds hundreds of megabytes of
/// small objects, and releasing them one by one only delays the exit (the store is already
/// on disk, and output is written unbuffered).
func finish(_ code: Int32) -> Never {
    Glibc.exit(code)
}

func historyPath(_ env: [String: String]) -> String {
    if let x = env["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/zien-shell/history" }
    return (env["HOME"] ?? ".") + "/.local/state/zien-shell/history"
}

let zienShellVersion = "0.1.0"

// A file size limit (`ulimit -f`) is a Dutch error like a full disk, not a signal that kills.
FileBytes.ignoreFileSizeSignal()
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let o = try ZienShellCommand.parse(arguments)
    if o.help {
        print(InvocationError.help, terminator: "")
        exit(0)
    }
    if o.version {
        print(zienShellVersion)
        exit(0)
    }
    let parts = try InvocationError.parts(o.commands, o.files, o.script, arguments: arguments)
    exit(runShell(o, parts: parts))
} catch let e as InvocationError {
    FileConsole().err("zien-shell: " + e.message + "\n" + InvocationError.hint)
    exit(2)
} catch {
    FileConsole().err("zien-shell: " + InvocationError.dutch(ZienShellCommand.message(for: error)).message + "\n" + InvocationError.hint)
    exit(2)
}
