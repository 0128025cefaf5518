import Foundation
import Testing
import ZienCore
@testable import ZienShell
@testable import ZienStore

/// `reset-inrichting` asks the person at the keyboard to type the schooljaar; `export` writes
/// owner-only files and never half an export.
@Suite(.serialized) struct InrichtingCommandTests {
    final class Questions { var asked: [String] = [] }

    /// A store with the fixture school committed, and a runner that answers `answer` when asked.
    static func runner(answer: String?) throws -> (ScriptRunner, CapturingConsole, String, Questions) {
        let path = CommitSafetyTests.tempStore()
        let (_, r, console) = try CommitSafetyTests.session(path)
        for line in ["vestiging add Leeuwenbrug", "vestiging add 'Het Baken'", "load \(Harness.fixtures)/school/leerling.csv",
                     "load \(Harness.fixtures)/school/koppel.csv", "check", "commit"] {
            #expect(r.execute(line) == nil, "\(line)")
        }
        let box = Questions()
        r.ask = { q in box.asked.append(q); return answer }
        return (r, console, path, box)
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func typingTheSchooljaarConfirms() throws {
        let (r, console, path, asked) = try InrichtingCommandTests.runner(answer: " 2026-2027 ")
        #expect(r.execute("reset-inrichting") == nil)
        #expect(asked.asked == ["Typ het schooljaar (2026-2027) om te bevestigen: "])
        // The counts come before the question.
        #expect(console.output.contains("reset-inrichting 2026-2027 verwijdert uit alle vestigingen: "))
        #expect(r.prompt.hasSuffix("*> "))
        let before = try InrichtingCommandTests.bytes(path)
        #expect(r.execute("commit") == nil)
        #expect(asked.asked.count == 1)   // commit asks nothing more
        let after = try StoreData(decoding: Array(try InrichtingCommandTests.bytes(path)))
        #expect(after.koppelingen.allSatisfy { $0.soort == .docent })
        #expect(after.leerlingen == (try StoreData(decoding: Array(before))).leerlingen)
    }

    @Test(arguments: ["ja", "2025-2026", "", "2026"])
    func anyOtherAnswerCancels(_ answer: String) throws {
        let (r, _, path, asked) = try InrichtingCommandTests.runner(answer: answer)
        let before = try InrichtingCommandTests.bytes(path)
        let failure = r.execute("reset-inrichting 2026-2027")
        #expect(failure?.message == "Afgebroken: niet bevestigd; er is niets klaargezet")
        #expect(asked.asked.count == 1)
        #expect(r.session.pendingChanges == nil)
        #expect(r.execute("commit")?.exitCode == 1)
        #expect(try InrichtingCommandTests.bytes(path) == before)
    }

    /// Ctrl-D at the question (no answer) cancels too; `--yes` asks nothing.
    @Test func endOfInputCancelsAndYesDoesNotAsk() throws {
        let (r, _, _, asked) = try InrichtingCommandTests.runner(answer: nil)
        #expect(r.execute("reset-inrichting")?.message.hasPrefix("Afgebroken") == true)
        #expect(r.execute("reset-inrichting --yes") == nil)
        #expect(asked.asked.count == 1)
        #expect(r.session.pendingChanges?.resetOf == Schooljaar(startYear: 2026))
        // Anything that discards a change set discards a reset too.
        #expect(r.execute("schooljaar 2026-2027") == nil)
        #expect(r.session.pendingChanges == nil)
    }

    /// A reset computed before another session committed is refused at commit.
    @Test func staleResetIsRefused() throws {
        let (r, _, path, _) = try InrichtingCommandTests.runner(answer: nil)
        #expect(r.execute("reset-inrichting --yes") == nil)
        let (_, other, _) = try CommitSafetyTests.session(path)
        #expect(other.execute("vestiging add Noord") == nil)
        let refused = r.execute("commit")
        #expect(refused?.exitCode == 1)
        #expect(refused?.message.contains("doe 'reset-inrichting' opnieuw") == true)
    }

    /// Exported files are owner-only; an export refused for one existing file writes none.
    @Test func exportIsOwnerOnlyAndAllOrNothing() throws {
        let (r, _, path, _) = try InrichtingCommandTests.runner(answer: nil)
        let dir = (path as NSString).deletingLastPathComponent + "/uit/sub"
        #expect(r.execute("export \(dir) koppel") == nil)
        var st = stat()
        #expect(stat(dir + "/koppel.csv", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(r.execute("export \(dir)")?.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/leerling.csv"))
        #expect(r.execute("export \(dir) --force") == nil)
        #expect(FileManager.default.fileExists(atPath: dir + "/leerling.csv"))
        #expect(r.execute("export \(dir) docenten")?.message.contains("docenten") == true)
    }
}
