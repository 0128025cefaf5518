import Foundation
import Testing
import ZienCore
@testable import ZienShell
@testable import ZienStore

/// Honesty about the change set (SPEC §4): a change set with Fout is shown, not committed, and
/// the prompt says so; a dropped change set is announced; a stale one is refused before any
/// question.
@Suite(.serialized) struct HonestyTests {
    /// A store with a committed school, and the weekly file that ends most of its couplings
    /// (veel-beeindigd: commit asks for 'ja').
    static func committedSchool() throws -> String {
        let path = CommitSafetyTests.tempStore()
        let (_, r, _) = try CommitSafetyTests.session(path)
        for line in ["vestiging add Leeuwenbrug", "vestiging add 'Het Baken'", "vestiging Leeuwenbrug",
                     "load \(Harness.fixtures)/school/leerling.csv", "check", "commit"] {
            #expect(r.execute(line) == nil, "\(line)")
        }
        return path
    }

    @Test func aStaleChangeSetIsRefusedBeforeTheQuestion() throws {
        let path = try HonestyTests.committedSchool()
        let (s, a, console) = try CommitSafetyTests.session(path)
        #expect(a.execute("vestiging Leeuwenbrug") == nil)
        #expect(a.execute("load \(Harness.fixtures)/kwart/leerling.csv") == nil)
        #expect(a.execute("check") == nil)
        #expect(s.pendingChanges?.endsMany == true)
        var asked: [String] = []
        a.ask = { q in
            asked.append(q)
            return "ja"
        }
        // Another session changes the store's data.
        let (_, b, _) = try CommitSafetyTests.session(path)
        #expect(b.execute("vestiging add Zuid") == nil)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let mark = console.output.count
        let refused = a.execute("commit")
        #expect(refused?.exitCode == 1)
        #expect(refused?.message.contains("andere sessie") == true, "\(String(describing: refused))")
        #expect(asked.isEmpty, "gevraagd: \(asked)")
        #expect(!console.output.dropFirst(mark).contains("Deze import beëindigt"), "\(console.output.dropFirst(mark))")
        // Nothing written but the refusal in the Importoverzicht, with its reason.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let log = try String(contentsOfFile: path.replacingOccurrences(of: ".json", with: ".log"), encoding: .utf8)
        #expect(log.contains("\"import geweigerd\"") && log.contains("\"reden\": \"een andere sessie"), "\(log)")
        // Not stale: the same question is asked, and answered.
        #expect(a.execute("check") == nil)
        #expect(a.execute("commit") == nil)
        #expect(asked.count == 1 && asked.first?.contains("ja") == true)
    }

    @Test func thePromptShowsABangForAChangeSetWithFout() throws {
        let (s, r, _) = try CommitSafetyTests.session(CommitSafetyTests.tempStore())
        #expect(r.execute("vestiging add Leeuwenbrug") == nil)
        #expect(r.execute("vestiging add 'Het Baken'") == nil)
        #expect(r.prompt == "zien Leeuwenbrug 2026-2027> ")
        #expect(r.execute("load \(Harness.fixtures)/school/leerling.csv") == nil)
        #expect(r.execute("load \(Harness.fixtures)/defects/koppel.csv") == nil)
        #expect(r.execute("check") == nil)
        #expect(s.pendingFouten == 3 && s.pendingChanges?.isEmpty == false)
        #expect(r.prompt == "zien Leeuwenbrug 2026-2027!> ")
        #expect(r.execute("commit")?.exitCode == 3)
        #expect(r.prompt == "zien Leeuwenbrug 2026-2027!> ")
        #expect(r.execute("unload koppel") == nil)
        #expect(r.execute("check") == nil)
        #expect(r.prompt == "zien Leeuwenbrug 2026-2027*> ")
    }

    @Test func everyCommandThatDropsAChangeSetSaysSo() throws {
        let (_, r, console) = try CommitSafetyTests.session(CommitSafetyTests.tempStore())
        #expect(r.execute("vestiging add Leeuwenbrug") == nil)
        #expect(r.execute("load \(Harness.fixtures)/school/leerling.csv") == nil)
        let notice = "is vervallen; er is niets ingelezen"
        for command in ["load \(Harness.fixtures)/school/koppel.csv", "unload koppel", "charset utf-8", "charset auto",
                        "vestiging Leeuwenbrug", "schooljaar 2026-2027", "vestiging add Zuid", "vestiging rename Zuid Noord",
                        "vestiging remove Noord"] {
            #expect(r.execute("check") == nil)
            let mark = console.output.count
            #expect(r.execute(command) == nil, "\(command)")
            let said = String(console.output.dropFirst(mark))
            #expect(said.components(separatedBy: notice).count == 2, "\(command): \(said)")
        }
        // Nothing pending: nothing to say.
        let mark = console.output.count
        #expect(r.execute("schooljaar 2026-2027") == nil)
        #expect(!String(console.output.dropFirst(mark)).contains(notice))
    }

    /// A pending undo lapses when `undo` now finds another commit to revert (another session
    /// committed meanwhile): the notice says so, without telling to set the old one up again.
    @Test func anUndoOfAnotherCommitLetsThePendingOneLapse() throws {
        let path = try HonestyTests.committedSchool()
        let (s, a, console) = try CommitSafetyTests.session(path)
        #expect(a.execute("vestiging Leeuwenbrug") == nil)
        #expect(a.execute("undo") == nil)
        let first = try #require(s.pendingUndo)
        let (_, b, _) = try CommitSafetyTests.session(path)
        for line in ["vestiging Leeuwenbrug", "load \(Harness.fixtures)/kwart/leerling.csv", "check", "commit --yes"] {
            #expect(b.execute(line) == nil, "\(line)")
        }
        let mark = console.output.count
        #expect(a.execute("undo") == nil)
        #expect(s.pendingUndo != nil && s.pendingUndo != first)
        let said = String(console.output.dropFirst(mark))
        #expect(said.contains("De klaargezette undo van \(first.description) (") && said.contains("is vervallen; er is niets teruggedraaid."), "\(said)")
        #expect(!said.contains("zet hem opnieuw klaar"), "\(said)")
    }

    /// At the terminal: `*` for a change set to commit, `!` for one with Fout; a commit of a
    /// stale change set is refused before the 'ja' of veel-beeindigd is asked.
    @Test func atTheTerminal() throws {
        let (home, env) = try TerminalTests.home()
        let fixtures = Harness.fixtures
        let t = try TerminalTests.shell(env, home)
        _ = t.run("vestiging Leeuwenbrug; load \(fixtures)/school/leerling.csv; load \(fixtures)/defects/koppel.csv")
        let fout = t.run("check")
        #expect(fout.hasSuffix("zien Leeuwenbrug 2026-2027!> "), "\(fout)")
        let status = t.run("status")
        #expect(status.contains("niet in te lezen: 3 fouten"), "\(status)")
        let dropped = t.run("unload koppel")
        // Broken at word boundaries to the terminal's width: read as one text.
        let said = dropped.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(said.contains("is vervallen; er is niets ingelezen") && dropped.hasSuffix("2026-2027> "), "\(dropped)")
        _ = t.run("check; commit")
        _ = t.run("load \(fixtures)/kwart/leerling.csv")
        let many = t.run("check")
        #expect(many.contains("veel-beeindigd") && many.hasSuffix("zien Leeuwenbrug 2026-2027*> "), "\(many)")
        // Another session changes the store.
        let other = Process()
        other.executableURL = URL(fileURLWithPath: Harness.binary)
        other.arguments = ["--store", home + "/store.json", "-c", "vestiging add Zuid"]
        other.environment = env
        other.standardOutput = FileHandle.nullDevice
        try other.run()
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        let refused = t.run("commit")
        #expect(refused.contains("andere sessie") && !refused.contains("Typ 'ja'"), "\(refused)")
        #expect(refused.hasSuffix("zien Leeuwenbrug 2026-2027*> "), "\(refused)")
    }
}
