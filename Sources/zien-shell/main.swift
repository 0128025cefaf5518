#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ZienCore
import ZienShell
import ZienStore

/// The thin executable: command-line arguments, terminal detection, libedit and the exit code.
struct ZienShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zien-shell",
        abstract: "Importshell voor Zien!vo: Magister-exports laden, testen en inlezen.",
        discussion: """
        Zonder SCRIPT en -c: interactief op een terminal, anders opdrachten van standaardinvoer.
        Afsluitcodes: 0 alles gelukt, 1 een opdracht mislukte, 2 verkeerde aanroep, 3 Fout gevonden.
        """,
        version: zienShellVersion)

    @Option(name: .long, help: ArgumentHelp("Opslagbestand (of :memory:). Standaard $ZIEN_STORE of ~/.local/share/zien-shell/store.json.", valueName: "PAD"))
    var store: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Opdrachten, gescheiden door ;", valueName: "OPDRACHTEN"))
    var commands: String?

    @Flag(name: .long, help: "Elke opdracht schrijft één JSON-document op één regel.")
    var json = false

    @Flag(name: .long, help: "Herhaal elke opdracht vóór de uitvoer (voor transcripten).")
    var echo = false

    @Argument(help: ArgumentHelp("Script met één opdracht per regel.", valueName: "SCRIPT"))
    var script: String?

    func validate() throws {
        if script != nil && commands != nil {
            throw ValidationError("Geef een SCRIPT of -c, niet allebei.")
        }
    }

    func runShell() -> Int32 {
        let env = ProcessEnvironment.relevant
        let console = FileConsole()
        let chosen = store ?? env["ZIEN_STORE"]
        if chosen?.isEmpty == true {
            console.err("zien-shell: \(store != nil ? "--store" : "ZIEN_STORE") is leeg; geef het pad van de opslag (of :memory:)")
            return 2
        }
        let storePath = chosen ?? Store.defaultPath(environment: env)
        let today: Day
        let opened: Store
        do {
            today = try Session.today(environment: env)
            opened = try Store(path: storePath, createsFolder: chosen == nil)
        } catch let e as CommandFailure {
            console.err("zien-shell: \(e.message)")
            return e.exitCode
        } catch {
            console.err("zien-shell: \(error)")
            return 1
        }
        let session = Session(store: opened, today: today)
        session.clock = Session.clock(environment: env)
        let interactive = script == nil && commands == nil && isatty(0) == 1 && isatty(1) == 1
        let palette = Palette(enabled: console.isTerminal && env["NO_COLOR"] == nil && !json)
        let runner = ScriptRunner(session: session, console: console, json: json, echo: echo, palette: palette)
        session.cancelled = { Interrupts.take() }
        if let commands {
            finish(runner.run(ListReader(splitCommands(commands)), origin: .commandLine, interactive: false))
        }
        if let script {
            guard let lines = readScript(script, console) else { return 1 }
            finish(runner.run(ListReader(lines), origin: .script(script), interactive: false))
        }
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

    func readScript(_ path: String, _ console: Console) -> [String]? {
        do {
            return try ScriptRunner.scriptLines(path: path)
        } catch {
            console.err("zien-shell: \(error)")
            return nil
        }
    }

    func historyPath(_ env: [String: String]) -> String {
        if let x = env["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/zien-shell/history" }
        return (env["HOME"] ?? ".") + "/.local/state/zien-shell/history"
    }
}

let zienShellVersion = "0.1.0"

// A file size limit (`ulimit -f`) is a Dutch error like a full disk, not a signal that kills.
FileBytes.ignoreFileSizeSignal()
do {
    let command = try ZienShellCommand.parseAsRoot() as? ZienShellCommand
    guard let command else { throw ValidationError("onbekende aanroep") }
    exit(command.runShell())
} catch {
    let code = ZienShellCommand.exitCode(for: error)
    let message = ZienShellCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileConsole().err(message)
    exit(2)
}
