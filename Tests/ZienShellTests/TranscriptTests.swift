import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZienFixtures

/// Transcript tests: each `Transcripts/NAME.zs` is a saved script, run against the built
/// `zien-shell` with stdin not a terminal; its combined output (commands echoed, stdout and
/// stderr in order) and exit code must equal `Transcripts/NAME.out`.
///
/// Directives on the script's first lines:
/// - `#! args: --json`      extra arguments
/// - `#! stdin`             feed the script on standard input instead of as SCRIPT
/// - `#! store: file`       a store file in a fresh temporary folder instead of `:memory:`
/// - `#! store: env`        no `--store`: the store comes from `ZIEN_STORE`
/// - `#! env: NAME=VALUE`   an environment variable
///
/// And between the script's lines:
/// - `#! andere sessie: OPDRACHTEN`  the script so far runs; while its session waits for its
///   next line, another `zien-shell -c OPDRACHTEN` runs against the same store (its command line
///   and output shown), then the script goes on (stdin, `store: file`)
///
/// Re-record after a deliberate change with `ZIEN_RECORD=1 scripts/test`, then read the diff.
struct TranscriptTests {
    static let names: [String] = {
        let dir = Harness.transcripts
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".zs") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func transcriptsExist() {
        #expect(TranscriptTests.names.count >= 10)
    }

    @Test(arguments: TranscriptTests.names)
    func transcript(_ name: String) throws {
        let scriptPath = Harness.transcripts + "/" + name + ".zs"
        let script = try String(contentsOfFile: scriptPath, encoding: .utf8)
        let invocations = script.split(separator: "\n").filter { $0.hasPrefix("#! invoke:") }
        let result: String
        if !invocations.isEmpty, script.contains("\n" + Harness.otherSession) {
            Issue.record("'#! andere sessie:' gaat niet samen met '#! invoke:'")
        }
        if invocations.isEmpty {
            result = try Harness.run(script: script, scriptPath: scriptPath)
        } else {
            // One process per `#! invoke:` line, each shown with its command line.
            let env = script.split(separator: "\n").filter { $0.hasPrefix("#! env:") || $0.hasPrefix("#! store:") || $0 == "#! stdin" }
                .joined(separator: "\n")
            let stdin = script.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#!") }.joined(separator: "\n")
            var out = ""
            for line in invocations {
                var args = Harness.words(String(line.dropFirst("#! invoke:".count)))
                // Leading NAME=VALUE words set the environment of this run, as in sh.
                var assignments: [String] = []
                while let first = args.first, let eq = first.firstIndex(of: "="),
                      first[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" }) {
                    assignments.append(first)
                    args.removeFirst()
                }
                let shown = args.map { $0.isEmpty || $0.contains(" ") || $0.contains(";") ? "'\($0)'" : $0 }
                out += "$ " + (assignments + ["zien-shell"] + shown).joined(separator: " ") + "\n"
                let own = assignments.map { "#! env: " + $0 }.joined(separator: "\n")
                out += try Harness.run(script: env + "\n" + own, scriptPath: nil, arguments: args, stdinText: stdin)
            }
            result = out
        }
        let expectedPath = Harness.transcripts + "/" + name + ".out"
        if ProcessInfo.processInfo.environment["ZIEN_RECORD"] == "1" {
            try result.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOfFile: expectedPath, encoding: .utf8)) ?? "(geen .out-bestand; neem op met ZIEN_RECORD=1)"
        #expect(result == expected, "transcript \(name) wijkt af:\n\(Harness.diff(expected, result))")
    }
}

enum Harness {
    static let testsDir: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let transcripts = testsDir + "/Transcripts"

    /// The zien-shell binary built beside this test bundle.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The bundle may sit inside *.xctest/…; walk up until zien-shell is found.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("zien-shell").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return testsDir + "/../../.build/debug/zien-shell"
    }()

    /// The generated fixture folder, written once per test run, with the hand-written scripts
    /// of `Transcripts/scripts` (and their neighbour files) copied into `scripts/`.
    static let fixtures: String = {
        let dir = NSTemporaryDirectory() + "zien-fixtures-\(getpid())"
        do {
            try FixtureSet.write(to: dir)
            try FileManager.default.copyItem(atPath: transcripts + "/scripts", toPath: dir + "/scripts")
        } catch { Issue.record("fixtures: \(error)") }
        return dir
    }()

    /// Runs the binary; returns the transcript text ending in `[exit N]`.
    static func run(script: String, scriptPath: String?, arguments extra: [String] = [], stdinText: String? = nil) throws -> String {
        var args = ["--echo"]
        var stdin = false
        var storeFile = false
        var storeFromEnvironment = false
        var env = ProcessInfo.processInfo.environment
        env["ZIEN_TODAY"] = "2026-11-29"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "ZIEN_STORE")
        for line in script.split(separator: "\n") where line.hasPrefix("#! ") {
            let d = line.dropFirst(3)
            if d.hasPrefix("args:") {
                args += d.dropFirst(5).split(separator: " ").map(String.init)
            } else if d == "stdin" || d.hasPrefix(otherSession.dropFirst(3)) {
                stdin = true
            } else if d == "store: file" {
                storeFile = true
            } else if d == "store: env" {
                storeFromEnvironment = true
            } else if d.hasPrefix("env:") {
                let kv = d.dropFirst(4).trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if kv.count == 2 { env[String(kv[0])] = String(kv[1]) }
            }
        }
        let tmp = NSTemporaryDirectory() + "zien-t-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        env["HOME"] = tmp
        env["XDG_DATA_HOME"] = tmp + "/data"
        if !args.contains("--store") && !storeFromEnvironment {
            args += ["--store", storeFile ? tmp + "/store.json" : ":memory:"]
        }
        args += extra
        if !stdin, let scriptPath {
            // The script runs beside the fixtures, as a replay script travels with its files:
            // its relative paths are relative to its own folder.
            let name = URL(fileURLWithPath: scriptPath).lastPathComponent
            let copy = fixtures + "/" + name
            if !FileManager.default.fileExists(atPath: copy) {
                try? FileManager.default.copyItem(atPath: scriptPath, toPath: copy)
            }
            args.append(name)
        }

        // The script's parts, cut at each `#! andere sessie:` line (one part: no other session).
        var parts: [(lines: String, other: String?)] = [("", nil)]
        for line in (stdinText ?? script).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(otherSession) {
                parts.append(("", String(line.dropFirst(otherSession.count)).trimmingCharacters(in: .whitespaces)))
            }
            // The line itself is a comment to the shell: kept, so that its line numbers are the script's.
            parts[parts.count - 1].lines += line + "\n"
        }

        let input = Pipe()
        // Writing to a session that ended is an error to note, not a signal that ends the tests.
        signal(SIGPIPE, SIG_IGN)
        let (p, out) = try launch(args, env: env, input: stdin ? input : FileHandle.nullDevice)
        var data = Data()
        var ended = false
        if stdin {
            for (n, part) in parts.enumerated() {
                if let other = part.other {
                    // The session has run every line so far once it waits for the next one.
                    data += waitUntilReadingStdin(p, draining: out.fileHandleForReading.fileDescriptor)
                    // A session that stopped (a failing command) says so before the other one runs.
                    if !p.isRunning, !ended {
                        data += exitLine(p)
                        ended = true
                    }
                    // The same store file (`#! store: file`).
                    guard let at = args.firstIndex(of: "--store"), at + 1 < args.count, args[at + 1] != ":memory:" else {
                        Issue.record("'#! andere sessie:' vraagt '#! store: file'")
                        break
                    }
                    let store = args[at + 1]
                    data += Data("$ zien-shell -c '\(other)'   # andere sessie, dezelfde opslag\n".utf8)
                    data += try runOther(["--echo", "--store", store, "-c", other], env: env)
                }
                // A session that stopped (a failing command) reads no more: the rest is not written.
                guard p.isRunning else { continue }
                try? input.fileHandleForWriting.write(contentsOf: Data(part.lines.dropLast(n == parts.count - 1 ? 1 : 0).utf8))
            }
            try input.fileHandleForWriting.close()
        }
        blocking(out.fileHandleForReading.fileDescriptor)
        data += out.fileHandleForReading.readDataToEndOfFile()
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: tmp, with: "$TMP")
        text = text.replacingOccurrences(of: transcripts, with: "$TRANSCRIPTS")
        text = text.replacingOccurrences(of: fixtures, with: "$FIXTURES")
        return text + (ended ? "" : String(decoding: exitLine(p), as: UTF8.self))
    }

    static let otherSession = "#! andere sessie:"

    /// Waits until process `p` blocks reading its standard input (its main thread in read(0)) or
    /// ends, meanwhile reading what it writes to `fd` (so it never blocks writing); gives that
    /// output. A write to its input makes it runnable before the write returns, so it is never
    /// seen waiting for a line it was given already: the cut between its output and the other
    /// session's is exact.
    static func waitUntilReadingStdin(_ p: Process, draining fd: Int32) -> Data {
        #if arch(x86_64)
        let read = "0"
        #else
        let read = "63"
        #endif
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var data = Data()
        func drain() {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return }
                data.append(contentsOf: buffer[0..<n])
            }
        }
        for _ in 0..<6000 {
            drain()
            let call = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/syscall", encoding: .utf8)) ?? ""
            if call.isEmpty, p.isRunning {
                // No way to see where it waits here (no /proc, or no permission): say so at once
                // rather than run the other session at a moment of chance.
                Issue.record("/proc/\(p.processIdentifier)/syscall is niet te lezen: '#! andere sessie:' kan hier niet")
                return data
            }
            let words = call.split(separator: " ")
            if !p.isRunning || (words.count > 1 && words[0] == read && words[1] == "0x0") {
                drain()
                return data
            }
            usleep(10_000)
        }
        Issue.record("de sessie wachtte na 60 s nog niet op zijn volgende regel")
        return data
    }

    static func blocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    }

    /// The binary started in the fixtures folder with `args`, `env` and standard input `input`;
    /// its standard output and error share one pipe (so their lines keep their order).
    static func launch(_ args: [String], env: [String: String], input: Any) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: fixtures)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = input
        try p.run()
        return (p, out)
    }

    /// `[exit N]` of `p`, once it ended.
    static func exitLine(_ p: Process) -> Data {
        p.waitUntilExit()
        return Data("[exit \(p.terminationStatus)]\n".utf8)
    }

    /// Another session run to its end; its output and `[exit N]`.
    static func runOther(_ args: [String], env: [String: String]) throws -> Data {
        let (p, out) = try launch(args, env: env, input: FileHandle.nullDevice)
        return out.fileHandleForReading.readDataToEndOfFile() + exitLine(p)
    }

    /// The words of an `#! invoke:` line: spaces separate, '…' and "…" group.
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var inWord = false
        var quote: Character?
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { cur.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " {
                if inWord { out.append(cur); cur = ""; inWord = false }
            } else {
                cur.append(ch)
                inWord = true
            }
        }
        if inWord { out.append(cur) }
        return out
    }

    /// A short line diff for failure messages.
    static func diff(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
            out.append("regel \(i + 1):\n  verwacht: \(i < x.count ? String(x[i]) : "(niets)")\n  gekregen: \(i < y.count ? String(y[i]) : "(niets)")")
            if out.count >= 8 { break }
        }
        return out.joined(separator: "\n")
    }
}
