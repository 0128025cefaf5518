#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, in Dutch.
public struct FileReadError: Error, Sendable {
    public var message: String
}

/// Whole-file reading and atomic writing with POSIX calls.
public enum FileBytes {
    /// The file's bytes; nil when it does not exist. Throws for a folder or no permission.
    public static func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw FileReadError(message: describe(errno))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileReadError(message: describe(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw FileReadError(message: "dit is een map, geen bestand") }
        // Read straight into an array of the file's size (one copy, no chunks); a file that
        // grew meanwhile has the rest appended.
        let capacity = max(Int(st.st_size), 0) + 1
        var failed: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            count = 0
            while count < capacity {
                let n = Glibc.read(fd, buf.baseAddress.map { $0 + count }, capacity - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failed != 0 { throw FileReadError(message: describe(failed)) }
        if out.count == capacity {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileReadError(message: describe(errno))
                }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
            }
        }
        return out
    }

    /// True when something (file, folder, link) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Creates `path` and any missing folder above it, owner-only (what is written there holds
    /// personal data). An existing folder is fine.
    public static func makeFolder(_ path: String) throws {
        var folder = ""
        for (i, part) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            folder += (i == 0 ? "" : "/") + part
            if folder.isEmpty || part.isEmpty { continue }
            var st = stat()
            if stat(folder, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR { throw FileWriteError("\(folder) is geen map") }
                continue
            }
            if mkdir(folder, 0o700) != 0 && errno != EEXIST {
                throw FileWriteError("Kan de map \(folder) niet aanmaken: \(describe(errno))")
            }
        }
    }

    static func describe(_ e: Int32) -> String {
        switch e {
        case ENOENT: return "het bestand bestaat niet"
        case EACCES, EPERM: return "geen toestemming om het te lezen"
        case EISDIR: return "dit is een map, geen bestand"
        default: return String(cString: strerror(e))
        }
    }

    /// Replaces `path` with `bytes` so that a crash leaves the old or the new content: a temp
    /// file (owner-only) beside it, fsync, rename, fsync of the folder.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        try writeAtomically(parts: [bytes], to: path, mode: mode)
    }

    /// As `writeAtomically(_:to:)`, for content held in consecutive parts.
    public static func writeAtomically(parts: [[UInt8]], to path: String, mode: mode_t = 0o600) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError("Kan \(tmp) niet aanmaken: \(describe(errno))") }
        fchmod(fd, mode)
        for bytes in parts {
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let e = errno
                    close(fd)
                    unlink(tmp)
                    throw FileWriteError("Schrijven naar \(tmp) mislukt: \(describe(e))")
                }
                written += n
            }
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            unlink(tmp)
            throw FileWriteError("fsync van \(tmp) mislukt: \(describe(e))")
        }
        close(fd)
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw FileWriteError("Kan \(path) niet vervangen: \(describe(e))")
        }
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let dfd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}

/// Why a file could not be written, in Dutch.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

/// An exclusive advisory lock (flock) on a lock file beside the store, so that two sessions
/// never write at once. Waits up to `timeout` seconds.
final class FileLock {
    let fd: Int32

    init(path: String, timeout: Double = 10) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError("Kan het slot \(path) niet openen: \(FileBytes.describe(errno))") }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if waited >= timeout {
                close(fd)
                throw StoreError("De opslag is bezet door een andere sessie (slot \(path)); probeer het zo opnieuw")
            }
            usleep(50_000)
            waited += 0.05
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
