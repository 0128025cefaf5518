#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZienCore

/// The JSON store: one document on disk (or in memory), read on open and rewritten whole by
/// `update`, which holds an exclusive lock, re-reads the file, applies the change and replaces
/// the file by write-temp, fsync, rename, fsync of the folder. A crash at any moment leaves the
/// old or the new document, never a mix.
public final class Store: @unchecked Sendable {
    /// Where the document lives; nil for `:memory:`.
    public let path: String?
    /// The document as last read or written.
    public private(set) var data: StoreData

    /// Opens the store at `path` (`:memory:` for a throw-away store). A missing file is an empty
    /// store, created on the first write.
    public init(path: String) throws {
        if path == ":memory:" {
            self.path = nil
            data = StoreData()
            return
        }
        self.path = path
        data = try Store.read(path) ?? StoreData()
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

    /// Re-reads the document from disk (to see another session's changes).
    public func reload() throws {
        guard let path else { return }
        data = try Store.read(path) ?? StoreData()
    }

    /// Applies `change` to the current document under the lock and writes it atomically. When
    /// `change` throws, nothing is written.
    public func update(_ change: (inout StoreData) throws -> Void) throws {
        guard let path else {
            var d = data
            try change(&d)
            data = d
            return
        }
        try Store.ensureFolder(of: path)
        let lock = try FileLock(path: path + ".lock")
        defer { lock.unlock() }
        var d = try Store.read(path) ?? StoreData()
        try change(&d)
        try Store.writeAtomically(d, to: path)
        data = d
    }

    static func read(_ path: String) throws -> StoreData? {
        let bytes: [UInt8]
        do {
            guard let b = try FileBytes.read(path) else { return nil }
            bytes = b
        } catch let e as FileReadError {
            throw StoreError("Kan de opslag \(path) niet lezen: \(e.message)")
        }
        do {
            return try StoreData(json: JSONValue.parse(bytes))
        } catch let e as StoreError {
            throw StoreError("De opslag \(path) wordt niet geopend: \(e.message). Het bestand is niet gewijzigd.")
        } catch {
            throw StoreError("De opslag \(path) is beschadigd (\(error)). Het bestand is niet gewijzigd.")
        }
    }

    static func ensureFolder(of path: String) throws {
        var folder = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (i, part) in parts.enumerated() {
            folder += (i == 0 ? "" : "/") + part
            if folder.isEmpty { continue }
            var st = stat()
            if stat(folder, &st) == 0 { continue }
            if mkdir(folder, 0o700) != 0 && errno != EEXIST {
                throw StoreError("Kan de map \(folder) niet aanmaken: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes `json` to a temporary file beside `path` (mode 0600), fsyncs it, renames it over
    /// `path` and fsyncs the folder.
    static func writeAtomically(_ data: StoreData, to path: String) throws {
        try FileBytes.writeAtomically(data.encoded(), to: path)
    }
}
