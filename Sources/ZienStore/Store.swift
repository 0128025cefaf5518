#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZienCore

/// What `status` and the prompt need of the store, read from the first lines of the document
/// without decoding the records.
public struct StoreHeader: Sendable, Equatable {
    public var formatVersion: Int
    public var revision: Int
    public var vestigingen: [String]
}

/// The JSON store: one document on disk (or in memory).
///
/// Opening reads the header (format version, revision, vestigingen) and refuses a newer format
/// at once; the records are decoded on first use, and a corrupt document is refused then, with
/// the same message, before anything could be written. `update` holds an exclusive lock,
/// re-reads the file, applies the change and replaces the file by write-temp, fsync, rename,
/// fsync of the folder: a crash at any moment leaves the old or the new document, never a mix.
public final class Store: @unchecked Sendable {
    /// Where the document lives, as the user named it; nil for `:memory:`.
    public let path: String?
    /// The file that is read, locked and replaced: `path` with symbolic links followed (a
    /// symlinked store means its target; the link stays). Nil for `:memory:`.
    public let target: String?
    /// Create the store's folder on the first write (only the default location).
    let createsFolder: Bool
    public private(set) var header: StoreHeader
    /// The decoded document, once decoded.
    private var body: StoreData?
    /// The file's bytes, until decoded. Other bytes (or none) let go of a decoding begun early
    /// (its thread finishes on its own; nothing waits for it).
    private var pending: [UInt8]? { didSet { decoding = nil } }
    /// The file whose header was read from its first bytes and whose document is not read yet
    /// (instead of `pending`): read where it is decoded, on the decoding thread when prepared.
    /// Reading a board's 63 MB took 40 ms before the files could load, with the other core idle.
    private var unread: SourceFile? { didSet { decoding = nil } }
    /// `pending` (or `unread`) being decoded on a thread of its own (`prepare`), for `data()`.
    private var decoding: Background<Result<(data: StoreData, layout: StoreLayout), Error>>?
    /// The file those bytes were read from, kept open (nil when it changed while it was read);
    /// `unread`'s file while only its header was read.
    private var pendingFile: SourceFile?
    /// While `body` is exactly what was decoded from `source.file`: that file and where its
    /// sections' rows are, for a commit to copy the rows it leaves as they were.
    private var source: (file: SourceFile, layout: StoreLayout)?
    /// What the last write of the document copied from the file it read (for tests).
    private(set) var lastWriteReused = 0
    /// Identity of the file last read (device, inode, size, modification time).
    private var stamp: [Int] = []
    /// The Importoverzicht of a `:memory:` store.
    private var memoryLog: ImportLog = []

    /// Where the Importoverzicht lives: `store.log` beside the file really written (`target`);
    /// nil for `:memory:`.
    public var logPath: String? { target.map(LogFile.path(forStore:)) }

    /// Opens the store at `path` (`:memory:` for a throw-away store). A missing file is an empty
    /// store, created on the first write. Its folder must exist, unless `createsFolder` (the
    /// default location), when it is made owner-only on the first write.
    public init(path: String, createsFolder: Bool = false) throws {
        header = StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: 0, vestigingen: [])
        self.createsFolder = createsFolder
        if path == ":memory:" {
            self.path = nil
            target = nil
            body = StoreData()
            return
        }
        guard !path.isEmpty else { throw StoreError("De naam van de opslag is leeg") }
        self.path = path
        do {
            target = try FileBytes.resolvingLinks(path)
        } catch let e as FileReadError {
            throw StoreError("Kan de opslag \(path) niet openen: \(e.message)")
        }
        if !createsFolder, let t = target {
            let folder = FileBytes.split(t).folder
            var st = stat()
            if stat(folder, &st) != 0 || (st.st_mode & S_IFMT) != S_IFDIR {
                throw StoreError("De map \(folder) van de opslag \(path) bestaat niet; maak hem eerst aan (alleen de standaardplek wordt vanzelf gemaakt)")
            }
        }
        try reload()
    }

    /// The default location: `$XDG_DATA_HOME/zien-shell/store.json`, else
    /// `~/.local/share/zien-shell/store.json`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/zien-shell/store.json"
        }
        let home = environment["HOME"] ?? "."
        return home + "/.local/share/zien-shell/store.json"
    }

    /// Sees another session's changes: reads the file again when it changed since last read.
    public func reload() throws {
        guard let path = target else { return }
        let now = Store.stamp(path)
        if now == stamp && (body != nil || pending != nil || unread != nil || now.isEmpty) { return }
        stamp = now
        body = nil
        pending = nil
        unread = nil
        pendingFile = nil
        source = nil
        let head: (bytes: [UInt8], file: SourceFile?, whole: Bool)?
        do {
            head = try FileBytes.readHead(path, head: Store.headBytes, limit: Store.maxBytes)
        } catch {
            // Read as it always was, whole: that says why it cannot be (a file that shrank
            // while its first bytes were read reads as it is now).
            try readWhole(nil)
            return
        }
        guard let head else {
            body = StoreData()
            header = StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: 0, vestigingen: [])
            return
        }
        // The header from the first bytes when they hold it; anything else (a header not first,
        // a refusal) from the whole file, as it always was read.
        if !head.whole, let file = head.file, let h = try? Store.parseHeader(head.bytes, path: self.path ?? path) {
            header = h
            unread = file
            pendingFile = file
            return
        }
        try readWhole(head.whole ? (head.bytes, head.file) : nil)
    }

    /// How many bytes are read for the header (the writer puts it first, in a few hundred bytes).
    static let headBytes = 1 << 16

    /// The largest store that is read, as the largest file loaded: a board of 100,000 pupils
    /// writes 63 MB. Without a limit a sparse file of 100 GB at the store's path was an
    /// allocation the process could not survive.
    static let maxBytes = LoadedFile.maxBytes

    /// Reads the whole file again (or takes `whole`, when it was read whole) and its header.
    private func readWhole(_ whole: (bytes: [UInt8], file: SourceFile?)?) throws {
        guard let path = target else { return }
        let read: (bytes: [UInt8], file: SourceFile?)
        if let whole {
            read = whole
        } else if let r = try readBytes() {
            read = r
        } else {
            body = StoreData()
            header = StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: 0, vestigingen: [])
            return
        }
        header = try Store.parseHeader(read.bytes, path: self.path ?? path)
        pending = read.bytes
        pendingFile = read.file
    }

    /// `file`'s document, decoded from its bytes mapped into memory (read, when they cannot be
    /// mapped); `FileChanged` when it was written in place since its header was read, or while it
    /// was decoded (a file cut short meanwhile reads as zeros there: see `StoreBytes`).
    static func decodeFile(_ file: SourceFile, path: String) throws -> (data: StoreData, layout: StoreLayout) {
        guard let size = file.size, let bytes = StoreBytes(mapping: file.fd, size: size) ?? file.readAll().map(StoreBytes.init) else {
            throw FileChanged()
        }
        let decoded: (data: StoreData, layout: StoreLayout)
        do {
            decoded = try decodeWithLayout(bytes, path: path)
        } catch {
            guard file.isUnchanged else { throw FileChanged() }
            throw error
        }
        guard file.isUnchanged else { throw FileChanged() }
        return decoded
    }

    /// The store's file changed (in place) between reading its header and its document, or while
    /// its document was decoded (cut short while mapped, too), or could not be read again.
    struct FileChanged: Error {}

    /// Starts decoding the document on a thread of its own, when it was read (or its header
    /// only: the rest is read there) and not yet decoded: `load` calls it, so that a board's
    /// store is decoded while the files are read (a check needs both). `data()` takes the result; a failure is thrown there. A session
    /// that loads and never checks pays the decoding all the same (CPU during the load, and
    /// the records' memory), as any command that needs the records would.
    public func prepare() {
        guard body == nil, decoding == nil, let path else { return }
        if let bytes = pending {
            decoding = Background { Result { try Store.decodeWithLayout(bytes, path: path) } }
        } else if let file = unread {
            decoding = Background { Result { try Store.decodeFile(file, path: path) } }
        }
    }

    /// Whether only the header was read so far (for tests).
    var isUnread: Bool { unread != nil }

    /// Whether a decoding begun by `prepare` waits to be taken (for tests).
    var isDecoding: Bool { decoding != nil }

    /// The whole document (decoded on first use). Throws for a corrupt document.
    public func data() throws -> StoreData {
        if let body { return body }
        if pending == nil, unread == nil, path != nil {
            // Dropped after another session wrote: read the file again.
            try reload()
            if let body { return body }
        }
        guard let path else { return StoreData() }
        let decoded: (data: StoreData, layout: StoreLayout)
        do {
            if let decoding {
                decoded = try decoding.wait().get()
            } else if let bytes = pending {
                decoded = try Store.decodeWithLayout(bytes, path: path)
            } else if let file = unread {
                decoded = try Store.decodeFile(file, path: path)
            } else {
                return StoreData()
            }
        } catch is FileChanged {
            // Written in place since its header was read (a session replaces the file whole):
            // read all of it again, header too.
            stamp = target.map(Store.stamp) ?? []
            body = nil
            unread = nil
            pendingFile = nil
            try readWhole(nil)
            return try data()
        }
        body = decoded.data
        pending = nil
        unread = nil
        source = pendingFile.map { ($0, decoded.layout) }
        pendingFile = nil
        return decoded.data
    }

    /// Applies `change` to the current document under the lock and writes it atomically. When
    /// `change` throws, nothing is written.
    public func update(_ change: (inout StoreData) throws -> Void) throws {
        guard path != nil else {
            var d = try data()
            try change(&d)
            body = d
            header = StoreHeader(formatVersion: d.formatVersion, revision: d.revision, vestigingen: d.vestigingen)
            return
        }
        let lock = try writeLock()
        defer { lock.unlock() }
        try rewrite(change)
    }

    /// Takes the store's lock for a write (the target's `.lock`, never through a link), after
    /// making the default folder; under it, removes temp files a killed writer left, and
    /// refuses a store file without write permission. Every writer of the store (and of files
    /// beside it, such as a journal) holds it.
    public func writeLock() throws -> FileLock {
        guard let target else { throw StoreError("Een opslag in het geheugen heeft geen slot") }
        if createsFolder { try Store.ensureFolder(of: target) }
        let lock = try FileLock(path: target + ".lock")
        FileBytes.removeStaleTemps(of: target)
        if let why = Store.readOnly(target) {
            lock.unlock()
            throw StoreError("De opslag is alleen-lezen: \(path ?? target) \(why); er is niets geschreven")
        }
        return lock
    }

    /// Why the store file may not be replaced (no write permission), or nil. Checked on the
    /// mode bits as well as `access`, so that even root does not replace a file its owner made
    /// read-only, whatever the folder allows.
    static func readOnly(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if (st.st_mode & 0o222) == 0 || access(path, W_OK) != 0 { return "(het bestand heeft geen schrijfrechten)" }
        return nil
    }

    /// Commits change set `cs` with its Importoverzicht entry, under the lock: re-reads the file,
    /// lets `verify` refuse (another session wrote since the check), applies `cs` (the one way,
    /// `StoreData.apply`) and writes the document atomically; then, still under the lock, appends
    /// the entry `logEntry` makes to the log, with the commit's `id` and what undoes it (`undo`,
    /// the journal form of the returned `Undo`). A `ChangeConflict` (the records are not what
    /// `cs` expects) refuses the commit as a `StoreError`; nothing is written.
    ///
    /// The document keeps the ids of the commits `undo` can revert (`StoreData.commits`): a
    /// commit pushes its own; with `reverting` (the id of the commit an undo reverts, which
    /// must be the last one) it is popped instead: an undo is not itself undone. Only a commit
    /// that changed something gets an id (and a place on that list).
    ///
    /// The entry is in the log before the new document takes its place: a commit in the store
    /// always has its entry. A kill in the instant between the two leaves an entry of a commit
    /// that is not in the store, whose id `undo` never finds on the store's list.
    @discardableResult
    public func commit(_ cs: ChangeSet, reverting: String? = nil, logEntry: (Undo) -> JSONValue,
                       verify: (StoreData) throws -> Void) throws -> Undo {
        var undo = Undo()
        var id: String?
        func change(_ d: inout StoreData) throws {
            try verify(d)
            if let reverting {
                guard d.commits.last == reverting else {
                    throw StoreError("Undo geweigerd: de commit die het terugdraait is niet meer de laatste; doe 'undo' opnieuw")
                }
            }
            do {
                undo = try d.apply(cs)
            } catch {
                // `apply` throws only ChangeConflict (typed throws).
                throw StoreError("Commit geweigerd: de opslag is niet zoals de wijzigingenset verwacht: \(error.message); er is niets ingelezen")
            }
            if reverting != nil {
                d.commits.removeLast()
            } else if !undo.isEmpty {
                // A commit that changed nothing is no step of undo. The id is the revision the
                // commit made: unique, as revisions only rise (an entry left by a kill before its
                // document was written may share it with the next commit, whose entry comes later
                // in the log; `commitEntry` takes the last).
                let made = "r\(d.revision)"
                id = made
                d.commits.append(made)
                if d.commits.count > StoreData.undoDepth { d.commits.removeFirst(d.commits.count - StoreData.undoDepth) }
            }
        }
        func entry() -> JSONValue {
            let made = logEntry(undo)
            guard case .object(let pairs) = made else { return made }
            return .object(pairs.filter { $0.0 != "id" && $0.0 != "undo" } + (id.map { [("id", .string($0))] } ?? []) + [("undo", undo.json)])
        }
        guard let logPath else {
            try update(change)
            memoryLog.append(entry())
            return undo
        }
        let lock = try writeLock()
        defer { lock.unlock() }
        // The entry is appended once the new document is written and synced, just before it
        // replaces the old one: a kill before leaves neither, after both (only the rename lies
        // between them); a failed rename takes the entry back.
        var logEnd: Int?
        try rewrite(change, changed: { undo }, beforeReplacing: {
            logEnd = try LogFile.append([LogFile.line(entry())], to: logPath)
        }, ifNotReplaced: {
            if let logEnd { LogFile.cut(logPath, to: logEnd) }
        })
        return undo
    }

    /// The entry of the commit with `id`, and its number in the Importoverzicht (1-based); nil
    /// when the log has none. Finds it by its text, parsing only that entry.
    public func commitEntry(_ id: String) throws -> (number: Int, entry: JSONValue)? {
        let log = try importLog()
        let needle = "\"" + id + "\""
        for i in log.indices.reversed() where Store.contains(log.texts[i], needle) {
            let e = log[i]
            if e["id"]?.stringValue == id { return (i + 1, e) }
        }
        return nil
    }

    /// Adds an entry to the Importoverzicht: one line appended to `store.log` under the lock and
    /// fsynced. A log entry is not data: the document is not written, unless it is one of
    /// format 2 whose log is still inside it, which is moved out first (once).
    public func appendLog(_ entry: JSONValue) throws {
        guard let target, let logPath else {
            memoryLog.append(entry)
            return
        }
        let lock = try writeLock()
        defer { lock.unlock() }
        if try Store.mayHoldLog(target) {
            try reload()
            if try !data().legacyLog.isEmpty { try rewrite { _ in } }
        }
        try LogFile.append([LogFile.line(entry)], to: logPath)
    }

    /// The Importoverzicht, oldest first: the log's complete lines (a torn last line left out),
    /// after the entries a format-2 document still holds. The records are not decoded.
    public func importLog() throws -> ImportLog {
        guard let logPath else { return memoryLog }
        try reload()
        let lines = try LogFile.read(logPath)
        let legacy = try legacyLogTexts()
        return ImportLog(texts: Store.merged(legacy: legacy, log: lines))
    }

    /// The log entries inside the document as read (format 2), without decoding the records when
    /// the document has the writer's layout.
    private func legacyLogTexts() throws -> [[UInt8]] {
        if let body { return body.legacyLog.texts.map(LogFile.line) }
        if let file = unread {
            // Its first bytes, from the file its header came from (not its path, which another
            // session may have replaced meanwhile), may rule the entries out.
            if let first = file.read(0..<512), !Store.mayHoldLog(first: first) { return [] }
            // A document that may hold them: read all of it now, or take the decoding begun.
            guard decoding == nil, let all = file.readAll() else { return try data().legacyLog.texts.map(LogFile.line) }
            pending = all
            unread = nil
        }
        guard let bytes = pending, Store.contains(bytes, "\"importlog\"") else { return [] }
        if let line = StoreDecoder.sectionLine(",\"importlog\":", in: bytes) {
            var p = StoreDecoder(bytes)
            p.i = line.value
            if let texts = try? p.logEntries(), p.i <= (line.end ?? bytes.count) { return texts.map(LogFile.line) }
        }
        return try data().legacyLog.texts.map(LogFile.line)
    }

    /// The log as it is after moving `legacy` (a format-2 document's entries) out: they come
    /// first, unless the log already starts with them (a move cut short by a crash before the
    /// document was written).
    static func merged(legacy: [[UInt8]], log: [[UInt8]]) -> [[UInt8]] {
        if legacy.isEmpty || log.starts(with: legacy) { return log }
        return legacy + log
    }

    /// Whether the document at `path` may still hold log entries (format 2 or older, or a layout
    /// whose version is not at its start): read from its first bytes only.
    static func mayHoldLog(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        var head = [UInt8](repeating: 0, count: 512)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return false }
        return mayHoldLog(first: Array(head[0..<n]))
    }

    /// Whether a document starting with `first` may still hold log entries.
    static func mayHoldLog(first: [UInt8]) -> Bool {
        var p = StoreDecoder(first)
        do {
            try p.expect(0x7B)
            for _ in 0..<3 {
                let key = try p.string()
                try p.expect(0x3A)
                if key == "formatVersion" { return try p.int() < 3 }
                try p.skipValue()
                guard p.take(0x2C) else { return true }
            }
        } catch {
            return true
        }
        return true
    }

    /// Whether `text` occurs in `bytes` (jumping with memchr to each occurrence of its first byte).
    public static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first else { return true }
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            var at = 0
            while at + needle.count <= b.count, let hit = memchr(base + at, Int32(first), b.count - at) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + needle.count > b.count { return false }
                if memcmp(base + i, needle, needle.count) == 0 { return true }
                at = i + 1
            }
            return false
        }
    }

    /// Under the lock: re-reads, applies `change` and writes the whole document.
    ///
    /// `changed`, when given, names what `change` changed in the records (a commit's `Undo`):
    /// the rows of every other record are then copied from the file the records were decoded
    /// from, if they were and it is as it was read (the same bytes as writing them all).
    ///
    /// `beforeReplacing` runs once the new document is written and synced beside the old one,
    /// just before it takes its place; when it throws, the old document stays. What it did must
    /// be undone by `ifNotReplaced` should the replacing itself fail.
    private func rewrite(_ change: (inout StoreData) throws -> Void, changed: (() -> Undo)? = nil,
                         beforeReplacing: () throws -> Void = {}, ifNotReplaced: () -> Void = {}) throws {
        guard let path = target else { return }
        try reload()
        var d = try data()
        let read = source
        // `d` alone holds the records while they change: in place, not copied.
        body = nil
        source = nil
        do {
            try change(&d)
            if !d.legacyLog.isEmpty {
                // Format 2 kept the log inside the document: it moves out into the log file first
                // (a crash before the document is written leaves both, and `merged` then finds the
                // log already starting with the document's entries).
                let logPath = LogFile.path(forStore: path)
                let lines = try LogFile.read(logPath)
                let all = Store.merged(legacy: d.legacyLog.texts.map(LogFile.line), log: lines)
                if all != lines { try LogFile.replace(all, at: logPath) }
                d.legacyLog = []
            }
            do {
                var reuse: StoreReuse?
                if let read, let changed, read.file.isUnchanged { reuse = StoreReuse(layout: read.layout, undo: changed(), read: read.file.read) }
                let pieces = d.encodedPieces(reusing: reuse)
                lastWriteReused = pieces.reduce(0) { if case .source(let r) = $1 { $0 + r.count } else { $0 } }
                var prepared = try FileBytes.prepare(pieces: pieces, source: read?.file, for: path, mode: 0o600)
                if reuse != nil, let read, !read.file.isUnchanged {
                    // Changed while its rows were copied (by another program: a zien session waits
                    // for the lock): the copy may mix old and new, so the document is written whole.
                    unlink(prepared.temp)
                    lastWriteReused = 0
                    prepared = try FileBytes.prepare(pieces: d.encodedPieces(reusing: nil), source: nil, for: path, mode: 0o600)
                }
                do {
                    try beforeReplacing()
                } catch {
                    unlink(prepared.temp)
                    throw error
                }
                if rename(prepared.temp, path) != 0 {
                    let e = errno
                    unlink(prepared.temp)
                    ifNotReplaced()
                    throw FileWriteError("Kan \(path) niet vervangen: \(FileBytes.describe(e, writing: true))")
                }
                FileBytes.syncFolder(of: path)
            } catch let e as FileWriteError {
                throw StoreError("Kan de opslag niet bijwerken: \(e.message)")
            }
        } catch {
            // The file is as it was; read it again when next needed.
            pending = nil
            unread = nil
            stamp = []
            throw error
        }
        body = d
        pending = nil
        unread = nil
        header = StoreHeader(formatVersion: d.formatVersion, revision: d.revision, vestigingen: d.vestigingen)
        stamp = Store.stamp(path)
    }

    static func stamp(_ path: String) -> [Int] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }

    func readBytes() throws -> (bytes: [UInt8], file: SourceFile?)? {
        guard let target else { return nil }
        do {
            return try FileBytes.readKeepingOpen(target, limit: Store.maxBytes)
        } catch let e as FileReadError {
            throw StoreError("Kan de opslag \(path ?? target) niet lezen: \(e.message)")
        }
    }

    /// Format, version, revision and vestigingen from the start of the document; refuses
    /// another format or a newer version.
    static func parseHeader(_ bytes: [UInt8], path: String) throws -> StoreHeader {
        var p = StoreDecoder(bytes)
        var format: String?, version: Int?, revision = 0
        var vestigingen: [String] = []
        func refuse(_ why: String) -> StoreError {
            StoreError("De opslag \(path) wordt niet geopend: \(why). Het bestand is niet gewijzigd.")
        }
        do {
            try p.expect(0x7B)
            // The writer puts these first; a hand-made document may not, then decode it all.
            for _ in 0..<4 {
                let key = try p.string()
                try p.expect(0x3A)
                switch key {
                case "format": format = try p.string()
                case "formatVersion": version = try p.int()
                case "revision": revision = try p.natural("de revisie")
                case "vestigingen":
                    try p.expect(0x5B)
                    if !p.take(0x5D) {
                        repeat { vestigingen.append(try p.string()) } while p.take(0x2C)
                        try p.expect(0x5D)
                    }
                default:
                    let d = try decode(bytes, path: path)
                    return StoreHeader(formatVersion: d.formatVersion, revision: d.revision, vestigingen: d.vestigingen)
                }
                if !p.take(0x2C) { break }
            }
        } catch let e as StoreError {
            throw refuse(e.message)
        }
        guard format == "zien-shell-store" else { throw refuse("dit is geen opslagbestand van zien-shell") }
        guard let version else { throw refuse("het opslagbestand heeft geen formaatversie") }
        if version > StoreData.currentFormatVersion {
            throw refuse("het opslagbestand heeft formaatversie \(version); deze zien-shell kent tot en met versie \(StoreData.currentFormatVersion). Gebruik een nieuwere zien-shell")
        }
        return StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: revision, vestigingen: vestigingen)
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> StoreData {
        try decodeWithLayout(bytes, path: path).data
    }

    /// The document, and where its sections' rows are (`StoreLayout`).
    static func decodeWithLayout(_ bytes: [UInt8], path: String) throws -> (data: StoreData, layout: StoreLayout) {
        try decodeWithLayout(StoreBytes(bytes), path: path)
    }

    static func decodeWithLayout(_ bytes: StoreBytes, path: String) throws -> (data: StoreData, layout: StoreLayout) {
        var p = StoreDecoder(bytes)
        do {
            let d = try p.document()
            return (d, p.layout)
        } catch let e as StoreError {
            throw StoreError("De opslag \(path) wordt niet geopend: \(e.message). Het bestand is niet gewijzigd.")
        } catch {
            throw StoreError("De opslag \(path) is beschadigd (\(error)). Het bestand is niet gewijzigd.")
        }
    }

    static func ensureFolder(of path: String) throws {
        let folder = FileBytes.split(path).folder
        guard folder != ".", folder != "/" else { return }
        do {
            try FileBytes.makeFolder(folder)
        } catch let e as FileWriteError {
            throw StoreError(e.message)
        }
    }
}
