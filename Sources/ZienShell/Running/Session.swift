#if canImport(Glibc)
import Glibc
#endif
import ZienCore
import ZienStore

/// One shell session: the loaded files, the choices (charset, vestiging, schooljaar) and the
/// result of the last `check`. Anything that changes what `check` would see discards that
/// result, so a pending change set can never be stale with respect to the session.
public final class Session {
    public let store: Store
    /// At most one file per soort.
    public private(set) var files: [Soort: LoadedFile] = [:]
    public private(set) var charset: CharsetSetting = .auto
    public private(set) var vestiging: String?
    public private(set) var schooljaar: Schooljaar
    /// "Today": `ZIEN_TODAY` or the local date.
    public let today: Day
    /// The last check's report and what the Importoverzicht keeps of its findings (for the
    /// commit's entry), until something discards them.
    private var checked: (report: CheckReport, logged: LoggedFindings)?
    public var lastCheck: CheckReport? { checked?.report }
    var lastCheckLogged: LoggedFindings? { checked?.logged }
    /// The pending change set of the last check, until something discards it or it is committed.
    public private(set) var pendingChanges: ChangeSet?
    /// Store revision the last check was computed against.
    public private(set) var checkedRevision: Int?
    /// When the pending change set is an `undo`: the commit it reverts.
    public private(set) var pendingUndo: UndoTarget?
    /// "Now" for the import log: the local date and time, or just `ZIEN_TODAY`'s date.
    public var clock: () -> String = { "" }
    /// Some `check` in this session found a Fout (exit 3 at the end of a script).
    public internal(set) var anyCheckFoundFout = false
    /// Polled during long work; set by Ctrl-C.
    public var cancelled: @Sendable () -> Bool = { false }

    public init(store: Store, today: Day) {
        self.store = store
        self.today = today
        schooljaar = Schooljaar(containing: today)
    }

    /// "Today" from `ZIEN_TODAY=jjjj-mm-dd`, else the local date.
    public static func today(environment: [String: String]) throws -> Day {
        if let fixed = environment["ZIEN_TODAY"] {
            guard let d = Day(parsing: fixed) else {
                throw ShellError.badToday(fixed)
            }
            return d
        }
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday))
            ?? Day(unchecked: 2000, 1, 1)
    }

    /// How the vestiging was chosen at start.
    public enum StartVestiging {
        /// Asked for by name (`--vestiging`, `ZIEN_VESTIGING`) and known.
        case chosen(String)
        /// Not asked for; the store has exactly this one.
        case only(String)
        /// Not asked for, and the store has none or several.
        case none
        case unknown(ShellError)
    }

    /// Chooses the vestiging at start: `name` when given (it must be known to the store), else
    /// the store's only vestiging.
    public func chooseVestigingAtStart(_ name: String?) -> StartVestiging {
        let known = store.header.vestigingen
        if let name {
            guard let v = known.first(where: { Text.nfc($0) == Text.nfc(Text.trimmed(name)) }) else {
                return .unknown(CommandTable.unknownVestiging(Text.trimmed(name), self))
            }
            vestiging = v
            return .chosen(v)
        }
        guard known.count == 1, let only = known.first else { return .none }
        vestiging = only
        return .only(only)
    }

    /// The working directory when the session began (the shell never changes it).
    public let workingDirectory: String = {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// `path` as a whole path from `/`, for what is read later or elsewhere: the
    /// Importoverzicht and `status` name files so that a reader finds them again.
    public func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return (workingDirectory == "/" ? "" : workingDirectory) + "/" + p
    }

    /// The loaded files in check order.
    public var orderedFiles: [LoadedFile] { files.values.sorted { $0.soort < $1.soort } }

    /// The one line a command that dropped a pending change set says about it (SPEC §4), until
    /// the shell has printed it (`takeDiscardNotice`).
    public private(set) var discardNotice: String?
    /// The change set that was dropped, for `--json` (`"discarded"`: its counts).
    public private(set) var discardedChanges: ChangeSet?

    /// The Fouten of the check whose change set is pending: such a change set can be shown but
    /// not committed (the prompt shows `!`). 0 when nothing is pending, and for a reset.
    public var pendingFouten: Int {
        guard pendingChanges != nil, let r = lastCheck else { return 0 }
        return r.counts.fout
    }

    /// Forgets the last check and its change set; says so when a change set was pending.
    func discardCheck() {
        noteDiscard()
        checked = nil
        pendingChanges = nil
        checkedRevision = nil
        pendingUndo = nil
    }

    /// Leaves the notice for a pending change set that is about to be dropped or replaced. An
    /// empty change set loses nothing and says nothing. `again`: whether it can be set up again
    /// as it was (an undo of a commit that is no longer the last cannot).
    func noteDiscard(again: Bool = true) {
        guard let cs = pendingChanges, !cs.isEmpty else { return }
        let (what, undone, how) =
            if let s = cs.resetOf { ("De klaargezette reset-inrichting \(s)", "ingelezen", "zet hem opnieuw klaar met 'reset-inrichting'") }
            else if let target = pendingUndo { ("De klaargezette undo van \(target.description)", "teruggedraaid", "zet hem opnieuw klaar met 'undo'") }
            else { ("De wijzigingenset van de laatste check", "ingelezen", "doe 'check' opnieuw") }
        discardNotice = "\(what) (\(Render.changeTotal(cs))) is vervallen; er is niets \(undone)" + (again ? " — \(how)." : ".")
        discardedChanges = cs
    }

    /// The notice of a dropped change set, once.
    func takeDiscardNotice() -> (text: String, changes: ChangeSet)? {
        defer {
            discardNotice = nil
            discardedChanges = nil
        }
        guard let t = discardNotice, let cs = discardedChanges else { return nil }
        return (t, cs)
    }

    /// The change set was applied: there is nothing left to commit.
    func changesCommitted() {
        pendingChanges = nil
        pendingUndo = nil
    }

    func setFile(_ file: LoadedFile) {
        files[file.soort] = file
        discardCheck()
    }

    func removeFiles(_ soort: Soort?) -> [LoadedFile] {
        let gone: [LoadedFile]
        if let soort {
            gone = files[soort].map { [$0] } ?? []
            files[soort] = nil
        } else {
            gone = orderedFiles
            files = [:]
        }
        if !gone.isEmpty { discardCheck() }
        return gone
    }

    func setCharset(_ c: CharsetSetting) {
        charset = c
        for s in files.keys { files[s]?.redecode(c) }
        discardCheck()
    }

    func setVestiging(_ v: String?) {
        vestiging = v
        discardCheck()
    }

    func setSchooljaar(_ s: Schooljaar) {
        schooljaar = s
        discardCheck()
    }

    func recordCheck(_ report: CheckReport, changes: ChangeSet?, revision: Int, logged: LoggedFindings) {
        // A new check replaces the last one's change set (nothing to say), but not silently a
        // reset or an undo that was set up.
        if pendingChanges?.resetOf != nil || pendingUndo != nil { noteDiscard() }
        checked = (report, logged)
        pendingChanges = changes
        checkedRevision = revision
        pendingUndo = nil
        if report.counts.fout > 0 { anyCheckFoundFout = true }
    }

    /// `reset-inrichting` made a change set: it replaces whatever was pending, and the last
    /// check's report no longer describes what `commit` would do.
    func recordReset(_ changes: ChangeSet, revision: Int) {
        noteDiscard()
        checked = nil
        pendingChanges = changes
        checkedRevision = revision
        pendingUndo = nil
    }

    /// `undo` made a change set that reverts `target`: it replaces whatever was pending, and
    /// says so unless that was the same undo. A pending undo of another commit (another session
    /// committed since) cannot be set up again: the notice says only that it lapsed.
    func recordUndo(_ changes: ChangeSet, revision: Int, target: UndoTarget) {
        if pendingUndo != target { noteDiscard(again: pendingUndo == nil) }
        checked = nil
        pendingChanges = changes
        checkedRevision = revision
        pendingUndo = target
    }

    /// The local date and time as the import log writes it (`2026-11-29 14:05`), or only the
    /// date when `ZIEN_TODAY` fixes it (so transcripts are reproducible).
    public static func clock(environment: [String: String]) -> () -> String {
        if let fixed = environment["ZIEN_TODAY"] { return { fixed } }
        return {
            var t = time(nil)
            var tmv = tm()
            localtime_r(&t, &tmv)
            func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(tmv.tm_year + 1900)-\(two(tmv.tm_mon + 1))-\(two(tmv.tm_mday)) \(two(tmv.tm_hour)):\(two(tmv.tm_min))"
        }
    }
}

/// The commit a pending `undo` reverts: its id, its number in the Importoverzicht and what it was.
public struct UndoTarget: Sendable, Equatable {
    public var id: String
    public var number: Int
    /// `import`, `reset-inrichting` (the entry's soort).
    public var soort: String
    public var tijd: String

    /// `import 7 van 2026-11-29 14:05`.
    public var description: String {
        "\(ImportTable.kind(soort)) \(number)" + (tijd.isEmpty ? "" : " van \(tijd)")
    }
}
