#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZienCore

/// The Importoverzicht on disk: `store.log` beside the store, JSON Lines (one entry a line, each
/// line ended by LF). Entries are appended under the store's lock and fsynced, so a check costs
/// its entry and not a rewrite of the store. A crash during an append can leave a last line
/// without its LF: it is ignored when read and cut off by the next append.
public enum LogFile {
    /// Where the log of the store at `storePath` lives: `store.json` → `store.log`; a path that
    /// does not end in `.json` gets `.log` appended.
    public static func path(forStore storePath: String) -> String {
        storePath.hasSuffix(".json") ? String(storePath.dropLast(5)) + ".log" : storePath + ".log"
    }

    /// The complete lines of the log (each an entry's JSON text); a torn last line is left out.
    /// A missing log is an empty one.
    public static func read(_ path: String) throws -> [[UInt8]] {
        let bytes: [UInt8]
        do {
            // As large as a loaded file, at most: a board's check adds some 1.4 MB.
            guard let b = try FileBytes.read(path, limit: LoadedFile.maxBytes) else { return [] }
            bytes = b
        } catch let e as FileReadError {
            throw StoreError("Kan het Importoverzicht \(path) niet lezen: \(e.message)")
        }
        return lines(bytes)
    }

    /// The LF-ended lines of `bytes`, empty lines skipped; what follows the last LF (a torn line)
    /// is not a line.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            while start < b.count,
                  let hit = memchr(base + start, 0x0A, b.count - start) {
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var stop = end
                if stop > start, b[stop - 1] == 0x0D { stop -= 1 }
                if stop > start { out.append(Array(b[start..<stop])) }
                start = end + 1
            }
        }
        return out
    }

    /// One line for `entry`: its JSON text with any line break outside strings (a hand-made
    /// entry's spacing) taken out by writing the value again.
    static func line(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(0x0A) || text.contains(0x0D) else { return text }
        guard let v = try? JSONValue.parse(text) else {
            // Not a value (never read from a document, which checks its entries): keep it on one line.
            return text.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        }
        var w = JSONWriter(capacity: text.count)
        w.value(v)
        return w.bytes
    }

    /// The JSON text of `entry` on one line.
    public static func line(_ entry: JSONValue) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.value(entry)
        return w.bytes
    }

    /// Appends `lines` (entries' JSON texts, no LF inside) to the log, each ended by LF, and
    /// fsyncs it. A torn last line (no LF at the end of the file) is cut off first. The caller
    /// holds the store's lock. The log is owner-only; a link or anything but a regular file at
    /// its path is refused, never followed. Returns the log's length before the lines (for `cut`).
    @discardableResult
    public static func append(_ lines: [[UInt8]], to path: String) throws -> Int {
        FileBytes.ignoreFileSizeSignal()
        // Non-blocking and never a terminal: something other than a regular file at the path is
        // refused below, not waited on.
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else {
            let e = errno
            throw StoreError("Kan het Importoverzicht \(path) niet openen: \(FileBytes.describeNoFollow(e))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError("Kan het Importoverzicht \(path) niet lezen: \(FileBytes.describe(errno))") }
        if let why = FileBytes.notRegular(st.st_mode) { throw StoreError("Kan het Importoverzicht \(path) niet schrijven: \(why)") }
        FileBytes.blocking(fd)
        if st.st_mode & 0o077 != 0 { fchmod(fd, 0o600) }
        let created = st.st_size == 0
        var base = 0
        if st.st_size > 0 {
            base = try completeLength(fd, size: Int(st.st_size), path: path)
            if base < Int(st.st_size), ftruncate(fd, off_t(base)) != 0 {
                throw StoreError("Kan de onvolledige laatste regel van \(path) niet afknippen: \(FileBytes.describe(errno, writing: true))")
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for l in lines {
            out += l
            out.append(0x0A)
        }
        var written = 0
        while written < out.count {
            let n = out.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, out.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                // Leave no torn line behind when we can: cut back to where we started.
                _ = ftruncate(fd, off_t(base))
                throw StoreError("Schrijven naar het Importoverzicht \(path) mislukt: \(FileBytes.describe(e, writing: true))")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw StoreError("fsync van het Importoverzicht \(path) mislukt: \(FileBytes.describe(errno, writing: true))") }
        if created { FileBytes.syncFolder(of: path) }
        return base
    }

    /// Cuts the log back to `length` (taking back an entry whose commit did not happen).
    static func cut(_ path: String, to length: Int) {
        // A FIFO swapped in meanwhile would make a blocking write-only open wait for a reader.
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return }
        var st = stat()
        guard fstat(fd, &st) == 0, FileBytes.notRegular(st.st_mode) == nil else {
            close(fd)
            return
        }
        FileBytes.blocking(fd)
        _ = ftruncate(fd, off_t(length))
        fsync(fd)
        close(fd)
    }

    /// The length of the file up to and including its last LF (0 when it has none).
    static func completeLength(_ fd: Int32, size: Int, path: String) throws -> Int {
        var end = size
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while end > 0 {
            let from = max(0, end - chunk.count)
            let want = end - from
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(from)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError("Kan het Importoverzicht \(path) niet lezen: \(FileBytes.describe(errno))")
            }
            guard n == want else { return 0 }
            if let last = chunk[0..<n].lastIndex(of: 0x0A) { return from + last + 1 }
            end = from
        }
        return 0
    }

    /// Replaces the whole log with `lines` by write-temp-fsync-rename (the migration of an old
    /// store's log; the caller holds the lock).
    static func replace(_ lines: [[UInt8]], at path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for l in lines {
            out += l
            out.append(0x0A)
        }
        do {
            try FileBytes.writeAtomically(out, to: path)
        } catch let e as FileWriteError {
            throw StoreError("Het Importoverzicht \(path) kan niet worden geschreven: \(e.message)")
        }
    }
}
