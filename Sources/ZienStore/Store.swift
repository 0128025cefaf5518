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
    /// The file's bytes, until decoded.
    private var pending: [UInt8]?
    /// Identity of the file last read (device, inode, size, modification time).
    private var stamp: [Int] = []

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
        if now == stamp && (body != nil || pending != nil || now.isEmpty) { return }
        stamp = now
        body = nil
        pending = nil
        guard let bytes = try readBytes() else {
            body = StoreData()
            header = StoreHeader(formatVersion: StoreData.currentFormatVersion, revision: 0, vestigingen: [])
            return
        }
        header = try Store.parseHeader(bytes, path: self.path ?? path)
        pending = bytes
    }

    /// The whole document (decoded on first use). Throws for a corrupt document.
    public func data() throws -> StoreData {
        if let body { return body }
        if pending == nil, path != nil {
            // Dropped after another session wrote: read the file again.
            try reload()
            if let body { return body }
        }
        guard let bytes = pending, let path else { return StoreData() }
        let d = try Store.decode(bytes, path: path)
        body = d
        pending = nil
        return d
    }

    /// Applies `change` to the current document under the lock and writes it atomically. When
    /// `change` throws, nothing is written.
    public func update(_ change: (inout StoreData) throws -> Void) throws {
        guard let path else {
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
    /// `StoreData.apply`) and writes the document atomically. `logEntry` makes the entry from
    /// what undoes the commit; that is also returned. A `ChangeConflict` (the records are not what
    /// `cs` expects) refuses the commit as a `StoreError`; nothing is written.
    @discardableResult
    public func commit(_ cs: ChangeSet, logEntry: (Undo) -> JSONValue, verify: (StoreData) throws -> Void) throws -> Undo {
        var undo = Undo()
        try update { d in
            try verify(d)
            do {
                undo = try d.apply(cs)
            } catch let error as ChangeConflict {
                throw StoreError("Commit geweigerd: de opslag is niet zoals de wijzigingenset verwacht: \(error.message); er is niets ingelezen")
            }
            d.importLog.append(logEntry(undo))
        }
        return undo
    }

    /// Adds an entry to the import log. A log entry is not data, and a board's document is some
    /// 50 MB: when the file is one this version wrote, the entry is spliced into its bytes
    /// (records are not encoded again); otherwise the whole document is rewritten. Either way
    /// under the lock and by write-temp-fsync-rename.
    public func appendLog(_ entry: JSONValue) throws {
        guard let path = target else {
            try update { $0.importLog.append(entry) }
            return
        }
        let lock = try writeLock()
        defer { lock.unlock() }
        // The file is still the one this store read when nobody wrote in between.
        let unchanged = !stamp.isEmpty && Store.stamp(path) == stamp
        guard let bytes = try readBytes(), let end = Store.importLogEnd(bytes),
              (try? Store.parseHeader(bytes, path: path))?.formatVersion == StoreData.currentFormatVersion else {
            try rewrite { $0.importLog.append(entry) }
            return
        }
        var w = JSONWriter(capacity: 4096)
        w.value(entry)
        let inserted = (end.empty ? [] : [0x2C]) + w.bytes
        do {
            try FileBytes.writeAtomically(parts: [Array(bytes[..<end.offset]), inserted, Array(bytes[end.offset...])], to: path)
        } catch let e as FileWriteError {
            throw StoreError("Kan de opslag niet bijwerken: \(e.message)")
        }
        if unchanged, var d = body {
            // Our copy was the file as it was: it stays current with the entry added.
            d.importLog.append(entry)
            body = d
            stamp = Store.stamp(path)
        } else {
            // Another session wrote meanwhile (or nothing was decoded yet): read again when needed.
            body = nil
            pending = nil
            stamp = []
        }
    }

    /// Under the lock: re-reads, applies `change` and writes the whole document.
    private func rewrite(_ change: (inout StoreData) throws -> Void) throws {
        guard let path = target else { return }
        try reload()
        var d = try data()
        // `d` alone holds the records while they change: in place, not copied.
        body = nil
        do {
            try change(&d)
            do {
                try FileBytes.writeAtomically(parts: d.encodedParts(), to: path)
            } catch let e as FileWriteError {
                throw StoreError("Kan de opslag niet bijwerken: \(e.message)")
            }
        } catch {
            // The file is as it was; read it again when next needed.
            pending = nil
            stamp = []
            throw error
        }
        body = d
        pending = nil
        header = StoreHeader(formatVersion: d.formatVersion, revision: d.revision, vestigingen: d.vestigingen)
        stamp = Store.stamp(path)
    }

    /// Where the import log's closing `]` is in a document the writer made (sections one a line,
    /// the log on the line that starts with `,"importlog":[`), and whether the log is empty;
    /// nil for any other layout.
    static func importLogEnd(_ bytes: [UInt8]) -> (offset: Int, empty: Bool)? {
        guard let line = StoreDecoder.sectionLine(",\"importlog\":[", in: bytes), let end = line.end else { return nil }
        let open = line.value - 1
        var close = end - 1
        if close > open, bytes[close] == 0x7D { close -= 1 }   // the document's own `}`
        guard close > open, bytes[close] == 0x5D else { return nil }
        return (close, close == open + 1)
    }

    static func stamp(_ path: String) -> [Int] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }

    func readBytes() throws -> [UInt8]? {
        guard let target else { return nil }
        do {
            return try FileBytes.read(target)
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
                case "revision": revision = try p.int()
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
        var p = StoreDecoder(bytes)
        do {
            return try p.document()
        } catch let e as StoreError {
            throw StoreError("De opslag \(path) wordt niet geopend: \(e.message). Het bestand is niet gewijzigd.")
        } catch {
            throw StoreError("De opslag \(path) is beschadigd (\(error)). Het bestand is niet gewijzigd.")
        }
    }

    static func ensureFolder(of path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        do {
            try FileBytes.makeFolder(String(path[..<slash]))
        } catch let e as FileWriteError {
            throw StoreError(e.message)
        }
    }
}
