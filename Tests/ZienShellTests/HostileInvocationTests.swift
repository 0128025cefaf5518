import Foundation
import Testing
import ZienCore
@testable import ZienStore

/// Issue 10, through the built binary: nothing a user, a path or the environment gives makes
/// the shell trap, hang or write where it should not. Every run is bounded: a shell that waits
/// is killed and the test fails.
@Suite struct HostileInvocationTests {
    struct Run {
        var status: Int32
        var output: String
        var timedOut: Bool
    }

    static func folder() -> String {
        let dir = NSTemporaryDirectory() + "zien-hostile-run-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs zien-shell (or `/bin/sh -c` when `shell` is given, with `$ZIEN` the binary), killing
    /// it after `timeout` seconds.
    static func run(_ args: [String], env extra: [String: String] = [:], stdin: Data? = nil, shell: String? = nil,
                    in dir: String? = nil, timeout: Double = 20) throws -> Run {
        let p = Process()
        var env = ProcessInfo.processInfo.environment
        env["ZIEN_TODAY"] = "2026-11-29"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "ZIEN_STORE")
        env["ZIEN"] = Harness.binary
        let home = dir ?? folder()
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/data"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        if let shell {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shell]
        } else {
            p.executableURL = URL(fileURLWithPath: Harness.binary)
            p.arguments = args
        }
        p.currentDirectoryURL = URL(fileURLWithPath: dir ?? Harness.fixtures)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        let input = Pipe()
        p.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        p.waitUntilExit()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        return Run(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self), timedOut: timedOut)
    }

    static func bytes(_ path: String) -> [UInt8]? { (try? Data(contentsOf: URL(fileURLWithPath: path))).map(Array.init) }

    @Test func loadDevZeroIsRefusedAtOnce() throws {
        let r = try HostileInvocationTests.run(["--store", ":memory:", "-c", "load /dev/zero"], timeout: 10)
        #expect(!r.timedOut)
        #expect(r.status == 1)
        #expect(r.output.contains("apparaat"))
    }

    /// A FIFO as `load`, `source`, a script argument and `--store`: refused at once, never
    /// waited on.
    @Test func aFIFOIsNeverWaitedOn() throws {
        let dir = HostileInvocationTests.folder()
        let fifo = dir + "/pijp"
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["--store", ":memory:", "-c", "load \(fifo)"], ["--store", ":memory:", "-c", "source \(fifo)"],
                     ["--store", ":memory:", fifo], ["--store", fifo, "-c", "status"]] {
            let r = try HostileInvocationTests.run(args, timeout: 10)
            #expect(!r.timedOut, "\(args) wachtte")
            #expect(r.status == 1, "\(args): \(r.output)")
            #expect(r.output.contains("FIFO"), "\(args): \(r.output)")
        }
    }

    /// A 19-digit date in a file, and as ZIEN_TODAY, is a finding or a bad invocation, not a
    /// trap.
    @Test func aNineteenDigitDateIsNoTrap() throws {
        let dir = HostileInvocationTests.folder()
        var header = Soort.leerling.columns.joined(separator: ";")
        header += "\n"
        var row = [String](repeating: "", count: 45)
        row[0] = "1"; row[3] = "Jansen"; row[4] = "9999999999999999999"; row[5] = "m"; row[7] = "9999999999999999999"
        row[8] = "Leeuwenbrug"; row[9] = "371"; row[10] = "2"
        try Data((header + row.joined(separator: ";") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/l.csv"))
        let r = try HostileInvocationTests.run(["--store", ":memory:", "-c", "vestiging add Leeuwenbrug; load l.csv; check; show row 2"], in: dir)
        #expect(r.status == 3, "\(r.output)")
        #expect(r.output.contains("ongeldige-datum"))
        let t = try HostileInvocationTests.run(["--store", ":memory:", "-c", "status"], env: ["ZIEN_TODAY": "9999999999999999999-01-01"])
        #expect(t.status == 2)
        #expect(t.output.contains("ZIEN_TODAY"))
    }

    @Test func anEmptyStorePathIsABadInvocation() throws {
        let a = try HostileInvocationTests.run(["--store", "", "-c", "status"])
        #expect(a.status == 2)
        #expect(a.output.contains("--store"))
        let b = try HostileInvocationTests.run(["-c", "status"], env: ["ZIEN_STORE": ""])
        #expect(b.status == 2)
        #expect(b.output.contains("ZIEN_STORE"))
    }

    @Test func aStoreInAMissingFolderNamesTheFolder() throws {
        let dir = HostileInvocationTests.folder() + "/nergens"
        let r = try HostileInvocationTests.run(["--store", dir + "/store.json", "-c", "vestiging add A"])
        #expect(r.status == 1)
        #expect(r.output.contains(dir))
        #expect(!FileManager.default.fileExists(atPath: dir))
        // The default location is made (owner-only).
        let home = HostileInvocationTests.folder()
        let d = try HostileInvocationTests.run(["-c", "vestiging add A"], in: home)
        #expect(d.status == 0, "\(d.output)")
        #expect(FileManager.default.fileExists(atPath: home + "/data/zien-shell/store.json"))
    }

    /// `ulimit -f`: the write fails with a Dutch error (not a SIGXFSZ death), the store stays as
    /// it was and no temp file is left.
    @Test func aFileSizeLimitIsADutchError() throws {
        let dir = HostileInvocationTests.folder()
        let store = dir + "/store.json"
        var names: [String] = []
        for i in 0..<400 { names.append("vestiging add 'Vestiging nummer \(i) met een lange naam'") }
        let setup = try HostileInvocationTests.run(["--store", store, "-c", names.joined(separator: "; ")], timeout: 60)
        #expect(setup.status == 0)
        let before = HostileInvocationTests.bytes(store)
        #expect((before?.count ?? 0) > 8192)
        let r = try HostileInvocationTests.run([], shell: "ulimit -f 4; exec \"$ZIEN\" --store '\(store)' -c 'vestiging add Nieuw'")
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains("ulimit -f"), "\(r.output)")
        #expect(!r.output.contains("File too large"))
        #expect(HostileInvocationTests.bytes(store) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
    }

    /// A symlinked store through the binary: the link stays, the target changes.
    @Test func aSymlinkedStoreStaysALink() throws {
        let dir = HostileInvocationTests.folder()
        let target = dir + "/echt.json", link = dir + "/link.json"
        #expect(try HostileInvocationTests.run(["--store", target, "-c", "vestiging add A"]).status == 0)
        #expect(symlink(target, link) == 0)
        #expect(try HostileInvocationTests.run(["--store", link, "-c", "vestiging add B"]).status == 0)
        var st = stat()
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(try Store(path: target).data().vestigingen == ["A", "B"])
    }

    @Test func aReadOnlyStoreIsRefused() throws {
        let dir = HostileInvocationTests.folder()
        let store = dir + "/store.json"
        #expect(try HostileInvocationTests.run(["--store", store, "-c", "vestiging add A"]).status == 0)
        #expect(chmod(store, 0o400) == 0)
        let before = HostileInvocationTests.bytes(store)
        let r = try HostileInvocationTests.run(["--store", store, "-c", "vestiging add B"])
        #expect(r.status == 1)
        #expect(r.output.contains("De opslag is alleen-lezen"))
        #expect(HostileInvocationTests.bytes(store) == before)
    }

    /// Every empty path argument is an error; `export ''` writes nothing (it wrote into `/`).
    @Test func emptyPathsAreErrors() throws {
        for line in ["load ''", "source ''", "export ''", "export '' --force", "load \"\" as leerling"] {
            let r = try HostileInvocationTests.run(["--store", ":memory:", "-c", "vestiging add A; " + line])
            #expect(r.status == 1, "\(line): \(r.output)")
            #expect(r.output.contains("lege naam"), "\(line): \(r.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/leerling.csv"))
    }

    /// Export checks every target before it replaces any: one target that is a folder leaves
    /// the others as they were.
    @Test func exportIsAllOrNothing() throws {
        let dir = HostileInvocationTests.folder()
        let store = dir + "/store.json"
        let school = Harness.fixtures + "/school"
        let setup = try HostileInvocationTests.run(["--store", store, "-c",
            "vestiging add Leeuwenbrug; vestiging add 'Het Baken'; vestiging Leeuwenbrug; load \(school)/leerling.csv; load \(school)/groepen.csv; load \(school)/koppel.csv; check; commit --yes"], timeout: 60)
        #expect(setup.status == 0, "\(setup.output)")
        let out = dir + "/uit"
        try FileManager.default.createDirectory(atPath: out + "/koppel.csv", withIntermediateDirectories: true)
        try Data("oud".utf8).write(to: URL(fileURLWithPath: out + "/leerling.csv"))
        let r = try HostileInvocationTests.run(["--store", store, "-c", "vestiging Leeuwenbrug; export \(out) --force"], timeout: 60)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains("Er is niets geschreven"), "\(r.output)")
        #expect(HostileInvocationTests.bytes(out + "/leerling.csv") == Array("oud".utf8))
        #expect(!FileManager.default.fileExists(atPath: out + "/groepen.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }.isEmpty)
    }

    /// A byte-order mark at the start of stdin or of -c is skipped, as at the start of a script.
    @Test func aByteOrderMarkOnStdinOrDashCIsSkipped() throws {
        let bom = Data([0xEF, 0xBB, 0xBF])
        let a = try HostileInvocationTests.run(["--store", ":memory:"], stdin: bom + Data("vestiging add A\nvestigingen\n".utf8))
        #expect(a.status == 0, "\(a.output)")
        #expect(a.output.contains("* A"))
        let b = try HostileInvocationTests.run(["--store", ":memory:", "-c", "\u{FEFF}vestiging add A; vestigingen"])
        #expect(b.status == 0, "\(b.output)")
        #expect(b.output.contains("* A"))
    }

    /// A control character in a command is shown in the message as U+0007, never sent to the
    /// terminal; a vestiging name cannot hold one.
    @Test func aControlCharacterIsShown() throws {
        for (line, shown) in [("lo\u{07}ad x", "loU+0007ad"), ("load a\u{07}b.csv", "aU+0007b.csv"),
                              ("show row 1\u{1B}[31m", "1U+001B[31m"), ("vestiging add A\u{07}B", "AU+0007B")] {
            let r = try HostileInvocationTests.run(["--store", ":memory:", "-c", line])
            #expect(r.status == 1, "\(line): \(r.output)")
            #expect(r.output.contains(shown), "\(line): \(r.output)")
            #expect(!r.output.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x1B }, "\(line)")
        }
    }
}
