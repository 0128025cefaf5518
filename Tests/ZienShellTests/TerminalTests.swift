import Foundation
import Testing
import ZienCore
@testable import ZienStore
#if canImport(Glibc)
import Glibc
#endif

/// zien-shell on a pseudo-terminal, as a person uses it: keys in, the screen's text out.
final class PseudoTerminal {
    let master: Int32
    var pid: pid_t = 0
    private(set) var raw: [UInt8] = []

    /// Starts the built zien-shell with `arguments` as the session leader of a new terminal of
    /// `rows` × `columns` (so Ctrl-C is a real SIGINT from the terminal).
    init(_ arguments: [String], environment: [String: String], rows: UInt16 = 30, columns: UInt16 = 110) throws {
        // posix_openpt/unlockpt/ptsname are not visible to Swift here; their Linux form: open
        // /dev/ptmx, unlock (TIOCSPTLCK) and ask the number (TIOCGPTN) of the /dev/pts entry.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile)
        }
        let slave = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        // Opened after setsid: the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The test runner's threads may block signals; the shell starts with none blocked.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        let setsid: Int32 = 0x80   // POSIX_SPAWN_SETSID (glibc)
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([Harness.binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let rc = posix_spawn(&pid, Harness.binary, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `keys` (`\t` Tab, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D, `\r` Enter).
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Everything shown so far, with escape sequences and carriage returns taken out.
    var text: String { PseudoTerminal.plain(raw) }

    /// Reads until `needle` has appeared (after `from` characters of text), or `timeout` passes.
    @discardableResult
    func waitFor(_ needle: String, after from: Int = 0, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if String(text.dropFirst(from)).contains(needle) { return true }
            pump(0.1)
        }
        return String(text.dropFirst(from)).contains(needle)
    }

    /// Waits until the shell shows its prompt and nothing after it (`…> `), and the line editor
    /// has the terminal (no line mode): libedit draws the prompt a moment before it switches,
    /// and keys typed in that moment go through the terminal's line mode — as they would for a
    /// person typing ahead, which a test must not depend on.
    @discardableResult
    func awaitPrompt(timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.hasSuffix("> ") && editing { return true }
            pump(0.02)
        }
        return text.hasSuffix("> ") && editing
    }

    /// The terminal is in the line editor's mode (canonical input off); read on the master
    /// side, which shows the terminal's settings.
    var editing: Bool {
        var t = termios()
        return tcgetattr(master, &t) == 0 && t.c_lflag & UInt32(ICANON) == 0
    }

    /// Types `line` and Enter at the prompt, waits for the next prompt, and returns what the
    /// command showed (its echo included).
    func run(_ line: String, timeout: Double = 30) -> String {
        awaitPrompt(timeout: timeout)
        let mark = text.count
        type(line + "\r")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(0.1)
            let after = text.dropFirst(mark)
            if after.count > line.count && after.contains("\n") && after.hasSuffix("> ") { break }
        }
        return String(text.dropFirst(mark))
    }

    /// Reads what arrives within `seconds`.
    func pump(_ seconds: Double) {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(seconds * 1000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n > 0 { raw += buffer[0..<n] }
    }

    /// Waits for the shell to end; its exit status, or nil after `timeout`.
    func exitStatus(timeout: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(0.05)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
        }
        return nil
    }

    static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, i + 1 < bytes.count {
                if bytes[i + 1] == 0x5B {            // CSI: ESC [ params final
                    i += 2
                    while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                    i += 1
                } else if bytes[i + 1] == 0x5D {     // OSC: ESC ] … BEL
                    while i < bytes.count, bytes[i] != 0x07 { i += 1 }
                    i += 1
                } else {
                    i += 2
                }
                continue
            }
            if b != 0x0D && b != 0x07 { out.append(b) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The interactive shell in a pseudo-terminal (issue 5): completion, Ctrl-C, history, colour.
@Suite(.serialized) struct TerminalTests {
    /// A home folder with a store that knows two vestigingen, and the environment to use it.
    static func home() throws -> (String, [String: String]) {
        let home = NSTemporaryDirectory() + "zien-pty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let store = try Store(path: home + "/store.json")
        try store.update { $0.vestigingen = ["Leeuwenbrug", "Het Baken"] }
        let env = ["HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "ZIEN_TODAY": "2026-11-29",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return (home, env)
    }

    static func shell(_ env: [String: String], _ home: String) throws -> PseudoTerminal {
        let t = try PseudoTerminal(["--store", home + "/store.json"], environment: env)
        #expect(t.waitFor("zien 2026-2027> "), "\(t.text)")
        #expect(t.awaitPrompt())
        return t
    }

    /// At a narrow terminal every reply, not only the paged ones, and the notice of a dropped
    /// change set are broken at word boundaries: no row is longer than the terminal, and no
    /// word is cut in two.
    @Test func repliesAreBrokenAtWordsOnANarrowTerminal() throws {
        let (home, env) = try TerminalTests.home()
        let t = try PseudoTerminal(["--store", home + "/store.json"], environment: env, columns: 60)
        #expect(t.awaitPrompt(), "\(t.text)")
        _ = t.run("vestiging Leeuwenbrug; load \(Harness.fixtures)/school/leerling.csv; check")
        let out = t.run("status") + t.run("unload") + t.run("load \(home)/een/map/die/er/niet/is/met/een/lange/naam/leerling.csv")
        // The shell's own rows: not the command line as libedit echoes (and wraps) it.
        let rows = out.split(separator: "\n").map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }.filter { !$0.contains("2026-2027> ") }
        #expect(rows.allSatisfy { $0.count <= 60 }, "\(rows.filter { $0.count > 60 })")
        let said = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(said.contains("kopregel op regel 1") && said.contains("is vervallen; er is niets ingelezen — doe 'check' opnieuw."), "\(out)")
        #expect(said.contains("Fout: Kan"), "\(out)")
    }

    /// One grammar at the prompt too: `;` separates commands, `#` starts a comment.
    @Test func severalCommandsOnOneLine() throws {
        let (home, env) = try TerminalTests.home()
        let t = try TerminalTests.shell(env, home)
        let out = t.run("vestigingen; status   # beide")
        #expect(out.contains("  Het Baken") && out.contains("Opslag:") && out.contains("Vestiging:  nog niet gekozen"), "\(out)")
        let added = t.run("vestiging add Zuid # niet in de naam; vestigingen")
        #expect(added.contains("Vestiging 'Zuid' toegevoegd") && !added.contains("* Zuid"), "\(added)")
    }

    @Test func tabCompletesACommandAVestigingAndAPath() throws {
        let (home, env) = try TerminalTests.home()
        try FileManager.default.createDirectory(atPath: home + "/mijn exports", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.fixtures + "/school/leerling.csv", toPath: home + "/mijn exports/leerling.csv")
        let t = try TerminalTests.shell(env, home)
        // A command: `reset-i` completes, and Ctrl-U clears the line again.
        var mark = t.text.count
        t.type("reset-i\t")
        #expect(t.waitFor("reset-inrichting ", after: mark), "\(t.text)")
        t.type("\u{15}")
        // A vestiging: without completion `Le` is no vestiging.
        mark = t.text.count
        t.type("vestiging Le\t\r")
        #expect(t.waitFor("Vestiging: Leeuwenbrug", after: mark), "\(t.text)")
        // A path with a space in a folder name, in two steps.
        t.awaitPrompt()
        mark = t.text.count
        t.type("load ~/mij\t")
        #expect(t.waitFor("mijn\\ exports/", after: mark), "\(t.text)")
        t.type("le\t\r")
        #expect(t.waitFor("Geladen als leerling", after: mark), "\(t.text)")
        // A charset.
        #expect(t.run("charset windows-\t").contains("Tekenset: windows-1252"), "\(t.text)")
    }

    /// Ctrl-C during a long check returns to the prompt with the session as it was; the shell
    /// goes on. Ctrl-C at the prompt clears the line.
    @Test func ctrlCStopsACheckAndKeepsTheSession() throws {
        let (home, env) = try TerminalTests.home()
        // A long file: the 3000-pupil file forty times over (a check of some seconds).
        let base = try String(contentsOfFile: Harness.fixtures + "/melding2381/leerling.csv", encoding: .isoLatin1)
        let lines = base.split(separator: "\r\n")
        var big = [String(lines[0])]
        for _ in 0..<40 { big += lines.dropFirst().map(String.init) }
        try Data((big.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: home + "/groot.csv"))
        let t = try TerminalTests.shell(env, home)
        _ = t.run("vestiging Leeuwenbrug")
        #expect(t.run("load ~/groot.csv").contains("Geladen als leerling"), "\(t.text)")
        let mark = t.text.count
        t.type("check\r")
        #expect(t.waitFor("check … ", after: mark, timeout: 10), "geen voortgangsregel: \(t.text.suffix(300))")
        t.type("\u{03}")
        #expect(t.waitFor("Check afgebroken; de sessie is zoals ervoor", after: mark), "\(t.text.dropFirst(mark).prefix(1500))")
        // Still running, the file still loaded, no check recorded.
        let status = t.run("status")
        #expect(status.contains("Laatste check: geen") && status.contains("groot.csv"), "\(status)")
        // Ctrl-C on a half-typed line: the line goes, the shell stays.
        t.awaitPrompt()
        let typed = t.text.count
        t.type("abc")
        #expect(t.waitFor("abc", after: typed))
        t.type("\u{03}")
        // A fresh prompt (Ctrl-C also flushes what was typed after it, as terminals do).
        #expect(t.waitFor("> ", after: typed + 3))
        #expect(t.run("schooljaar").contains("Schooljaar: 2026-2027"), "\(t.text.suffix(300))")
        t.awaitPrompt()
        t.type("\u{04}")
        #expect(t.exitStatus() == 0, "\(String(decoding: t.raw.suffix(400), as: UTF8.self).debugDescription)")
    }

    /// History is kept across sessions (owner-only), duplicates collapsed, answers left out;
    /// `~/.editrc` is read.
    @Test func historySurvivesARestart() throws {
        let (home, env) = try TerminalTests.home()
        try "bind ^E ed-move-to-beg\n".write(toFile: home + "/.editrc", atomically: true, encoding: .utf8)
        let first = try TerminalTests.shell(env, home)
        #expect(first.run("vestigingen").contains("Het Baken"))
        #expect(first.run("schooljaar").contains("Schooljaar: 2026-2027"))
        #expect(first.run("vestigingen").contains("Het Baken"))
        first.awaitPrompt()
        first.type("\u{04}")
        #expect(first.exitStatus() == 0, "\(first.raw.suffix(120).map { String($0, radix: 16) })")
        let file = home + "/.local/state/zien-shell/history"
        let saved = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        #expect(saved.components(separatedBy: "vestigingen").count == 2, "\(saved)")
        var st = stat()
        #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600)

        let second = try TerminalTests.shell(env, home)
        // Up: the last command of the previous session is back on the line.
        let mark = second.text.count
        second.type("\u{1B}[A")
        #expect(second.waitFor("vestigingen", after: mark), "\(second.text)")
        second.type("\r")
        #expect(second.waitFor("Het Baken", after: mark))
        // ~/.editrc: Ctrl-E is bound to the start of the line, so `tus` ^E `sta` is `status`.
        #expect(second.run("tus\u{05}sta").contains("Opslag:"), "\(second.text.suffix(300))")
    }

    /// Colour on a terminal; none with NO_COLOR, and no escape codes at all into a pipe.
    @Test func colourOnlyOnATerminal() throws {
        let (home, env) = try TerminalTests.home()
        let script = "vestiging Leeuwenbrug; load \(Harness.fixtures)/melding2381/leerling.csv; check"
        let coloured = try PseudoTerminal(["--store", home + "/store.json", "-c", script], environment: env)
        #expect(coloured.exitStatus(timeout: 30) == 3)
        #expect(coloured.raw.contains(0x1B) && String(decoding: coloured.raw, as: UTF8.self).contains("\u{1B}[1;31m"))

        var plainEnv = env
        plainEnv["NO_COLOR"] = "1"
        let plain = try PseudoTerminal(["--store", home + "/store.json", "-c", script], environment: plainEnv)
        #expect(plain.exitStatus(timeout: 30) == 3)
        #expect(!plain.raw.contains(0x1B))
        #expect(plain.text.contains("geslacht-ongeldig"))

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.binary)
        p.arguments = ["--store", home + "/store.json", "-c", script]
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 3)
        #expect(!data.contains(0x1B))
        #expect(String(decoding: data, as: UTF8.self).contains("geslacht-ongeldig"))
    }

    /// A long log shows a screenful and says how many lines follow; `--alles` shows all.
    /// Quitting with a pending change set asks first.
    @Test func longOutputAndQuittingWithPendingChanges() throws {
        let (home, env) = try TerminalTests.home()
        let t = try TerminalTests.shell(env, home)
        _ = t.run("vestiging Leeuwenbrug")
        _ = t.run("load \(Harness.fixtures)/school/leerling.csv")
        #expect(t.run("check").contains("Wijzigingen: "))
        let paged = t.run("show changes")
        #expect(paged.contains("Alles tonen: 'show changes --alles'") && paged.contains("… nog "), "\(paged.suffix(400))")
        #expect(paged.components(separatedBy: "\n").count <= 30)   // a 30-row terminal
        let all = t.run("show changes --alles")
        #expect(!all.contains("… nog "))
        #expect(all.components(separatedBy: "\n").count > 450)
        t.awaitPrompt()
        var mark = t.text.count
        t.type("quit\r")
        #expect(t.waitFor("Toch afsluiten? Typ 'ja':", after: mark), "\(t.text.suffix(300))")
        t.type("nee\r")
        #expect(t.waitFor("Niet afgesloten", after: mark))
        t.awaitPrompt()
        mark = t.text.count
        t.type("\u{04}")
        #expect(t.waitFor("Toch afsluiten?", after: mark))
        t.type("ja\r")
        #expect(t.exitStatus() == 0)
        // The answers are not in the history.
        let saved = try String(contentsOfFile: home + "/.local/state/zien-shell/history", encoding: .utf8)
        #expect(!saved.contains("nee") && !saved.contains("\nja"), "\(saved)")
    }

    /// reset-inrichting at the keyboard: the counts, then the schooljaar typed as confirmation;
    /// anything else cancels. `commit` then asks nothing more.
    @Test func resetAsksToTypeTheSchooljaar() throws {
        let (home, env) = try TerminalTests.home()
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: Harness.binary)
        setup.arguments = ["--store", home + "/store.json", "-c",
                           "vestiging Leeuwenbrug; load \(Harness.fixtures)/school/leerling.csv; check; commit"]
        setup.environment = env
        setup.standardOutput = FileHandle.nullDevice
        try setup.run()
        setup.waitUntilExit()
        #expect(setup.terminationStatus == 0)
        let t = try TerminalTests.shell(env, home)
        t.awaitPrompt()
        var mark = t.text.count
        t.type("reset-inrichting\r")
        #expect(t.waitFor("Typ het schooljaar (2026-2027) om te bevestigen: ", after: mark), "\(t.text.suffix(300))")
        #expect(t.text.dropFirst(mark).contains("verwijdert uit alle vestigingen: 281 koppelingen van leerlingen"), "\(t.text.suffix(400))")
        t.type("2025-2026\r")
        #expect(t.waitFor("Afgebroken: niet bevestigd; er is niets klaargezet", after: mark))
        t.awaitPrompt()
        #expect(t.text.hasSuffix("2026-2027> "))
        mark = t.text.count
        t.type("reset-inrichting\r")
        #expect(t.waitFor("om te bevestigen: ", after: mark))
        t.type("2026-2027\r")
        #expect(t.waitFor("Klaargezet: ", after: mark))
        t.awaitPrompt()
        #expect(t.text.hasSuffix("2026-2027*> "))
        #expect(t.run("commit").contains("Inrichting van 2026-2027 verwijderd: 281 koppelingen"), "\(t.text.suffix(300))")
    }

    /// UTF-8 input edits correctly even when the locale says ASCII.
    @Test func utf8InputUnderTheCLocale() throws {
        let (home, ascii) = try TerminalTests.home()
        var env = ascii
        env["LANG"] = "C"
        env["LC_ALL"] = "C"
        let t = try TerminalTests.shell(env, home)
        t.awaitPrompt()
        let mark = t.text.count
        // Typed with a mistake, mended with two Left and a Backspace.
        t.type("vestiging add Zoë Şahhin\u{1B}[D\u{1B}[D\u{7F}\r")
        #expect(t.waitFor("Vestiging 'Zoë Şahin' toegevoegd", after: mark), "\(t.text.suffix(300))")
    }

    /// Tables fit the terminal: on 60 columns no line of `help` is wider.
    @Test func tablesFitTheTerminalWidth() throws {
        let (home, env) = try TerminalTests.home()
        let t = try PseudoTerminal(["--store", home + "/store.json"], environment: env, rows: 50, columns: 60)
        #expect(t.waitFor("> "))
        let mark = t.text.count
        t.type("help\r")
        #expect(t.waitFor("quit", after: mark))
        t.pump(0.3)
        let lines = t.text.dropFirst(mark).components(separatedBy: "\n").filter { $0.hasPrefix("  ") }
        #expect(lines.count > 15)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.filter { $0.count > 60 })")
    }
}
