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
///
/// Reading opens nothing but regular files: a device, FIFO or socket is refused before any byte
/// is read or waited on. Writing creates its temp file exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`)
/// under an unpredictable name beside the target, so a link planted at any name is never
/// followed, and replaces the target by rename.
public enum FileBytes {
    /// The file's bytes; nil when it does not exist. Throws (in Dutch) for a folder, a device,
    /// FIFO or socket, no permission, or a file larger than `limit` bytes.
    public static func read(_ path: String, limit: Int = Int.max) throws -> [UInt8]? {
        try read(path, limit: limit, keepingOpen: false)?.bytes
    }

    /// As `read`, keeping the file open: the bytes, and the open file while it still holds
    /// exactly them (nil when it changed while it was read).
    static func readKeepingOpen(_ path: String, limit: Int) throws -> (bytes: [UInt8], file: SourceFile?)? {
        try read(path, limit: limit, keepingOpen: true)
    }

    /// As `readKeepingOpen`, reading only the first `head` bytes of a larger file: those bytes,
    /// the open file (for `SourceFile.readAll` later) and false; or, for a file of at most
    /// `head` bytes, all of it and true. A board's store is 63 MB, its header a few hundred bytes.
    static func readHead(_ path: String, head: Int, limit: Int) throws -> (bytes: [UInt8], file: SourceFile?, whole: Bool)? {
        try read(path, limit: limit, keepingOpen: true, head: head)
    }

    static func read(_ path: String, limit: Int, keepingOpen: Bool) throws -> (bytes: [UInt8], file: SourceFile?)? {
        try read(path, limit: limit, keepingOpen: keepingOpen, head: nil).map { ($0.bytes, $0.file) }
    }

    /// With `head`, a file larger than that is not read beyond it: its first `head` bytes, the
    /// open file, and `whole` false.
    static func read(_ path: String, limit: Int, keepingOpen: Bool, head: Int?) throws
        -> (bytes: [UInt8], file: SourceFile?, whole: Bool)? {
        if path.isEmpty { throw FileReadError(message: "de naam is leeg") }
        // First without opening: opening a device can have effects of its own, and a FIFO's
        // open waits for a writer.
        var st = stat()
        if stat(path, &st) != 0 {
            if errno == ENOENT { return nil }
            throw FileReadError(message: describe(errno))
        }
        if let why = notRegular(st.st_mode) { throw FileReadError(message: why) }
        // Non-blocking, so that something swapped in meanwhile cannot make the open wait; the
        // open file is checked again.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw FileReadError(message: describe(errno))
        }
        var kept: SourceFile?
        defer { if kept == nil { close(fd) } }
        guard fstat(fd, &st) == 0 else { throw FileReadError(message: describe(errno)) }
        if let why = notRegular(st.st_mode) { throw FileReadError(message: why) }
        let identity = SourceFile.identity(st)
        blocking(fd)
        let size = max(Int(st.st_size), 0)
        if size > limit { throw FileReadError(message: tooLarge(size, limit)) }
        if let head, size > head {
            let file = SourceFile(fd: fd, identity: identity)
            kept = file
            guard let bytes = file.read(0..<head) else { throw FileReadError(message: describe(errno == 0 ? EIO : errno)) }
            return (bytes, file, false)
        }
        // Read straight into an array of the file's size (one copy, no chunks); a file that
        // grew meanwhile has the rest appended, up to the limit.
        let capacity = size + 1
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
                if out.count > limit { throw FileReadError(message: tooLarge(out.count, limit)) }
            }
        }
        if keepingOpen, out.count == size, fstat(fd, &st) == 0, SourceFile.identity(st) == identity {
            kept = SourceFile(fd: fd, identity: identity)
        }
        return (out, kept, true)
    }

    /// Clears `O_NONBLOCK` on a file opened with it (so that its open could not wait) once it
    /// is known to be a regular file.
    static func blocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    }

    static func tooLarge(_ size: Int, _ limit: Int) -> String {
        "het bestand is te groot (\(size) bytes; hoogstens \(limit) bytes)"
    }

    /// Why a file of this mode is not read, or nil for a regular file.
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "dit is een map, geen bestand"
        case S_IFIFO: return "dit is geen gewoon bestand maar een pipe (FIFO); die wordt niet gelezen"
        case S_IFSOCK: return "dit is geen gewoon bestand maar een socket; die wordt niet gelezen"
        case S_IFCHR, S_IFBLK: return "dit is geen gewoon bestand maar een apparaat; dat wordt niet gelezen"
        default: return "dit is geen gewoon bestand; het wordt niet gelezen"
        }
    }

    /// Why `path` would not be read (a folder, device, FIFO or socket, or unreadable), or nil
    /// when it is a regular file or does not exist: for files read by other code (libedit's
    /// history and `~/.editrc`), which must not wait on a FIFO either.
    public static func refusal(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) != 0 { return errno == ENOENT ? nil : describe(errno) }
        return notRegular(st.st_mode)
    }

    /// True when something (file, folder, link) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Creates `path` and any missing folder above it, owner-only (what is written there holds
    /// personal data). An existing folder is fine.
    public static func makeFolder(_ path: String) throws {
        if path.isEmpty { throw FileWriteError("De naam van de map is leeg") }
        var folder = ""
        // Split on the byte: `/` followed by a combining mark is one Character.
        for (i, bytes) in path.utf8.split(separator: 0x2F, omittingEmptySubsequences: false).enumerated() {
            let part = String(decoding: bytes, as: UTF8.self)
            folder += (i == 0 ? "" : "/") + part
            if folder.isEmpty || part.isEmpty { continue }
            var st = stat()
            if stat(folder, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR { throw FileWriteError("\(folder) is geen map") }
                continue
            }
            if mkdir(folder, 0o700) != 0 && errno != EEXIST {
                throw FileWriteError("Kan de map \(folder) niet aanmaken: \(describe(errno, writing: true))")
            }
        }
    }

    /// A system error in Dutch, with the verb of what was being done (never `strerror`'s
    /// English).
    public static func describe(_ e: Int32, writing: Bool = false) -> String {
        switch e {
        case ENOENT: return writing ? "de map bestaat niet" : "het bestand bestaat niet"
        case EACCES, EPERM: return writing ? "geen toestemming om hier te schrijven" : "geen toestemming om het te lezen"
        case EISDIR: return "dit is een map, geen bestand"
        case ENOTDIR: return "een deel van het pad is geen map"
        case ELOOP: return "te veel niveaus van symbolische koppelingen (een kringverwijzing?)"
        case ENAMETOOLONG: return "de naam is te lang"
        case ENOSPC: return "de schijf is vol"
        case EDQUOT: return "de schijfruimte (quotum) van deze gebruiker is op"
        case EFBIG: return "het bestand wordt groter dan de toegestane bestandsgrootte (ulimit -f)"
        case EROFS: return "het bestandssysteem is alleen-lezen"
        case EIO: return "invoer-/uitvoerfout van de schijf"
        case EMFILE, ENFILE: return "te veel open bestanden"
        case ENOMEM: return "te weinig geheugen"
        case EEXIST: return "er staat al iets met die naam"
        case ENXIO, ENODEV: return "dit is geen gewoon bestand (apparaat of socket zonder gegevens)"
        case ETXTBSY, EBUSY: return "het bestand is in gebruik"
        case EXDEV: return "de bestanden staan op verschillende bestandssystemen"
        case EINVAL: return "ongeldige bewerking op dit bestand"
        case EAGAIN: return "het bestand is tijdelijk niet beschikbaar"
        default: return "onverwachte systeemfout (nummer \(e))"
        }
    }

    /// `describe` for an open with `O_NOFOLLOW`, where ELOOP means the name is a link.
    static func describeNoFollow(_ e: Int32) -> String {
        e == ELOOP ? "dit is een symbolische koppeling; die wordt hier niet gevolgd" : describe(e, writing: true)
    }

    /// A file size limit (`ulimit -f`) must be an error like a full disk, not a signal that ends
    /// the process: called at start and before every write.
    public static func ignoreFileSizeSignal() {
        signal(SIGXFSZ, SIG_IGN)
    }

    /// The folder and file name of `path` (`.` for a bare name, `/` for `/name`).
    public static func split(_ path: String) -> (folder: String, name: String) {
        let u = path.utf8
        guard let slash = u.lastIndex(of: 0x2F) else { return (".", path) }
        let folder = String(decoding: u[u.startIndex..<slash], as: UTF8.self)
        let name = String(decoding: u[u.index(after: slash)...], as: UTF8.self)
        return (folder.isEmpty ? "/" : folder, name)
    }

    /// The prefix every temp file for `path` starts with (`store.json.tmp-`), in its folder.
    /// An older version named them `store.json.tmp-<pid>`: the same prefix, so both are found.
    public static func tempPrefix(_ path: String) -> String { split(path).name + ".tmp-" }

    /// A new temp file beside `path`, created exclusively (never through a link or over an
    /// existing file) under a name nobody can predict; its name and descriptor.
    /// `suffix` makes the unpredictable part of the name (tests pass their own, to plant links
    /// at the names it will try).
    static func createTemp(for path: String, mode: mode_t, suffix: () -> String = randomSuffix) throws -> (path: String, fd: Int32) {
        let (folder, _) = split(path)
        for _ in 0..<16 {
            let tmp = (folder == "/" ? "" : folder) + "/" + tempPrefix(path) + suffix()
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 {
                fchmod(fd, mode)
                return (tmp, fd)
            }
            if errno == EEXIST || errno == EINTR { continue }
            throw FileWriteError("Kan \(path) niet schrijven: \(describe(errno, writing: true))")
        }
        throw FileWriteError("Kan \(path) niet schrijven: geen vrije naam voor een tijdelijk bestand")
    }

    /// 64 random bits from the system's generator (getrandom), as 16 hex digits.
    static func randomSuffix() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = String(rng.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - hex.utf8.count) + hex
    }

    /// Writes all of `parts` to `fd`, then fsyncs; the errno of a failure, or 0.
    static func writeAll(_ fd: Int32, _ parts: [[UInt8]]) -> Int32 {
        writeAll(fd, parts.map { .bytes($0) }, source: nil)
    }

    /// Writes `pieces` to `fd` — a `.source` piece copied from `source` (the file a document was
    /// read from) inside the kernel — then fsyncs; the errno of a failure, or 0.
    static func writeAll(_ fd: Int32, _ pieces: [DocumentPiece], source: SourceFile?) -> Int32 {
        var writeback = Writeback(fd: fd)
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                let e = bytes.withUnsafeBytes { write(fd, $0) }
                if e != 0 { return e }
                writeback.wrote(bytes.count)
            case .source(let range):
                guard let source else { return EINVAL }
                // In steps, so that the disk writes the first while the next is copied.
                var at = range.lowerBound
                while at < range.upperBound {
                    let step = at..<min(range.upperBound, at + Writeback.step)
                    let e = copy(step, from: source.fd, to: fd)
                    if e != 0 { return e }
                    writeback.wrote(step.count)
                    at = step.upperBound
                }
            }
        }
        if fsync(fd) != 0 { return errno }
        return 0
    }

    /// Starts the disk writing what was written so far, every `step` bytes, without waiting
    /// (Linux's sync_file_range with SYNC_FILE_RANGE_WRITE): the fsync that ends a write then
    /// waits for the last steps only, instead of for all of a board's 63 MB after the copy.
    /// Where the system has no such call, nothing is started early and the fsync does it all.
    struct Writeback {
        static let step = 4 << 20
        typealias Start = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
        static let start: Start? = {
            guard let me = dlopen(nil, RTLD_NOW), let f = dlsym(me, "sync_file_range") else { return nil }
            return unsafeBitCast(f, to: Start.self)
        }()
        let fd: Int32
        var written = 0, started = 0
        mutating func wrote(_ n: Int) {
            written += n
            guard written - started >= Writeback.step, let start = Writeback.start else { return }
            _ = start(fd, Int64(started), Int64(written - started), 2)  // SYNC_FILE_RANGE_WRITE
            started = written
        }
    }

    /// Writes all of `bytes` to `fd`; the errno of a failure, or 0.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            written += n
        }
        return 0
    }

    /// Copies bytes `range` of file `from` to the position of `to` (sendfile: page cache to page
    /// cache, no copy through memory of ours); where the system cannot, through a buffer. A
    /// file that ends before `range` does is an error (EIO).
    static func copy(_ range: Range<Int>, from: Int32, to: Int32) -> Int32 {
        var offset = off_t(range.lowerBound)
        var left = range.count
        while left > 0 {
            let n = sendfile(to, from, &offset, min(left, 1 << 30))
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { break }
                return errno
            }
            if n == 0 { return EIO }
            left -= n
        }
        guard left > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: min(left, 1 << 20))
        while left > 0 {
            let n = buffer.withUnsafeMutableBytes { pread(from, $0.baseAddress, min(left, $0.count), offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            let e = buffer.withUnsafeBytes { write(to, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if e != 0 { return e }
            offset += off_t(n)
            left -= n
        }
        return 0
    }

    /// A temp file written in full and synced, not yet in place.
    struct Prepared {
        var target: String
        var temp: String
    }

    /// Writes `parts` into a new temp file beside `path` (removed again on failure).
    static func prepare(parts: [[UInt8]], for path: String, mode: mode_t) throws -> Prepared {
        try prepare(pieces: parts.map { .bytes($0) }, source: nil, for: path, mode: mode)
    }

    /// Writes `pieces` (`.source` ones from `source`) into a new temp file beside `path`
    /// (removed again on failure).
    static func prepare(pieces: [DocumentPiece], source: SourceFile?, for path: String, mode: mode_t) throws -> Prepared {
        ignoreFileSizeSignal()
        let (tmp, fd) = try createTemp(for: path, mode: mode)
        let e = writeAll(fd, pieces, source: source)
        let closed = close(fd) == 0 ? 0 : errno
        if e != 0 || closed != 0 {
            unlink(tmp)
            throw FileWriteError("Kan \(path) niet schrijven: \(describe(e != 0 ? e : closed, writing: true))")
        }
        return Prepared(target: path, temp: tmp)
    }

    static func syncFolder(of path: String) {
        let dfd = open(split(path).folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// Replaces `path` with `bytes` so that a crash leaves the old or the new content: a temp
    /// file (owner-only) beside it, fsync, rename, fsync of the folder. A link at `path` itself
    /// is replaced (not followed); callers that mean a link's target pass the target.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        try writeAtomically(parts: [bytes], to: path, mode: mode)
    }

    /// As `writeAtomically(_:to:)`, for content held in consecutive parts.
    public static func writeAtomically(parts: [[UInt8]], to path: String, mode: mode_t = 0o600) throws {
        if path.isEmpty { throw FileWriteError("Kan niet schrijven: de naam is leeg") }
        let p = try prepare(parts: parts, for: path, mode: mode)
        if rename(p.temp, path) != 0 {
            let e = errno
            unlink(p.temp)
            throw FileWriteError("Kan \(path) niet vervangen: \(describe(e, writing: true))")
        }
        syncFolder(of: path)
    }

    /// Replaces several files all-or-nothing as far as the system allows: every target is
    /// checked and every temp file written and synced before the first is replaced; if a
    /// replacement still fails, the error says exactly which files were already replaced.
    public static func writeAllAtomically(_ files: [(path: String, bytes: [UInt8])], mode: mode_t = 0o600) throws {
        try writeAllAtomically(files, mode: mode, replace: { rename($0, $1) })
    }

    /// `replace` puts a temp file in place (rename; tests make it fail).
    static func writeAllAtomically(_ files: [(path: String, bytes: [UInt8])], mode: mode_t,
                                   replace: (String, String) -> Int32) throws {
        for f in files {
            if f.path.isEmpty { throw FileWriteError("Kan niet schrijven: de naam is leeg") }
            var st = stat()
            if lstat(f.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                throw FileWriteError("Kan \(f.path) niet schrijven: dit is een map. Er is niets geschreven.")
            }
        }
        var prepared: [Prepared] = []
        do {
            for f in files { prepared.append(try prepare(parts: [f.bytes], for: f.path, mode: mode)) }
        } catch let e as FileWriteError {
            for p in prepared { unlink(p.temp) }
            throw FileWriteError(e.message + ". Er is niets geschreven.")
        }
        for (i, p) in prepared.enumerated() where replace(p.temp, p.target) != 0 {
            let e = errno
            for q in prepared[i...] { unlink(q.temp) }
            let done = prepared[..<i].map(\.target)
            let left = prepared[i...].map(\.target)
            throw FileWriteError("Kan \(p.target) niet vervangen: \(describe(e, writing: true)). "
                + (done.isEmpty ? "Er is niets vervangen" : "Al vervangen: \(done.joined(separator: ", "))")
                + "; niet vervangen: \(left.joined(separator: ", ")).")
        }
        var folders: Set<String> = []
        for p in prepared where folders.insert(split(p.target).folder).inserted { syncFolder(of: p.target) }
    }

    /// Appends `bytes` to `path` (created owner-only when missing) and fsyncs: for a journal
    /// beside the store, written under the store's lock. Never follows a link at `path`, and
    /// refuses anything but a regular file. A failed append cuts the file back to its old end.
    public static func append(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        ignoreFileSizeSignal()
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, mode)
        guard fd >= 0 else { throw FileWriteError("Kan \(path) niet schrijven: \(describeNoFollow(errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileWriteError("Kan \(path) niet schrijven: \(describe(errno, writing: true))") }
        if let why = notRegular(st.st_mode) { throw FileWriteError("Kan \(path) niet schrijven: \(why)") }
        let e = writeAll(fd, [bytes])
        if e != 0 {
            _ = ftruncate(fd, st.st_size)
            throw FileWriteError("Kan \(path) niet schrijven: \(describe(e, writing: true))")
        }
    }

    /// Removes the temp files a killed writer left beside `path` (each a full copy of what it
    /// was writing). Call only under the lock that every writer of `path` holds, so that no
    /// live writer's temp file is taken. Links at such names are removed, never followed.
    public static func removeStaleTemps(of path: String) {
        let (folder, _) = split(path)
        let prefix = Array(tempPrefix(path).utf8)
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let b = raw.bindMemory(to: UInt8.self)
                return Array(b.prefix(while: { $0 != 0 }))
            }
            if name.count > prefix.count, name.starts(with: prefix) {
                names.append(String(decoding: name, as: UTF8.self))
            }
        }
        for name in names {
            let full = (folder == "/" ? "" : folder) + "/" + name
            var st = stat()
            if lstat(full, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR { unlink(full) }
        }
    }

    /// The file a path means: symbolic links followed (relative ones from their own folder), up
    /// to 40 levels; the path itself when it is no link or does not exist. A link to a missing
    /// file means that file.
    public static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buf = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = buf.withUnsafeMutableBufferPointer { b -> Int in
                guard let base = b.baseAddress else { return -1 }
                return base.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(current, $0, b.count - 1) }
            }
            guard n > 0 else { throw FileReadError(message: describe(errno)) }
            let link = String(decoding: buf[0..<n], as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else {
                let folder = split(current).folder
                current = (folder == "/" ? "" : folder) + "/" + link
            }
        }
        throw FileReadError(message: describe(ELOOP))
    }
}

/// A file kept open after it was read, with what identified it then (device, inode, size,
/// modification and change time): it still holds the bytes read as long as `isUnchanged`
/// (every write to a file changes its change time, which no one can set back). Replacing the
/// file by rename leaves this one as it was. Closed when let go.
final class SourceFile: @unchecked Sendable {
    let fd: Int32
    let identity: [Int]

    init(fd: Int32, identity: [Int]) {
        self.fd = fd
        self.identity = identity
    }

    deinit { close(fd) }

    static func identity(_ st: stat) -> [Int] {
        [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec),
         Int(st.st_ctim.tv_sec), Int(st.st_ctim.tv_nsec)]
    }

    /// Its size when it was opened (nil when unknown).
    var size: Int? { identity.count > 2 && identity[2] >= 0 ? identity[2] : nil }

    /// Bytes `range` of the file; nil when it cannot be read or ends before.
    func read(_ range: Range<Int>) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress.map { $0 + done }, range.count - done, off_t(range.lowerBound + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return out
    }

    /// The whole file, read into an array of its size (not filled first): nil when it cannot
    /// be read, is not its size, or changed meanwhile (a session replaces the store's file by
    /// renaming, so only a write in place changes it).
    func readAll() -> [UInt8]? {
        guard let size else { return nil }
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            count = 0
            while count < size {
                let n = pread(fd, buf.baseAddress.map { $0 + count }, size - count, off_t(count))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    ok = false
                    return
                }
                count += n
            }
        }
        return ok && out.count == size && isUnchanged ? out : nil
    }

    /// Whether the file is as it was when read.
    var isUnchanged: Bool {
        var st = stat()
        return fstat(fd, &st) == 0 && SourceFile.identity(st) == identity
    }
}

/// Why a file could not be written, in Dutch.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

/// An exclusive advisory lock (flock) on a lock file beside the store, so that two sessions
/// never write at once. Waits up to `timeout` seconds. The lock file is never opened through a
/// link.
public final class FileLock {
    let fd: Int32

    public init(path: String, timeout: Double = 10) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else { throw StoreError("Kan het slot \(path) niet openen: \(FileBytes.describeNoFollow(errno))") }
        var st = stat()
        if fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw StoreError("Kan het slot \(path) niet openen: dit is geen gewoon bestand")
        }
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

    public func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
