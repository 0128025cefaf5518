import Foundation
import Testing
@testable import ZienStore
import ZienCore

/// Issue 10 items 2–4: only regular files are read; writes never follow a planted link, leave no
/// temp file behind, mean a symlinked store's target and refuse a read-only store.
@Suite struct HostileFileTests {
    static func folder() -> String {
        let dir = NSTemporaryDirectory() + "zien-hostile-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func bytes(_ path: String) -> [UInt8]? { (try? Data(contentsOf: URL(fileURLWithPath: path))).map(Array.init) }

    static func message(_ f: () throws -> Void) -> String {
        do { try f() } catch let e as FileReadError { return e.message } catch let e as StoreError { return e.message } catch let e as FileWriteError { return e.message } catch { return "\(error)" }
        return ""
    }

    @Test func aDeviceIsRefusedWithoutReading() {
        let m = HostileFileTests.message { _ = try FileBytes.read("/dev/zero") }
        #expect(m.contains("apparaat"))
        #expect(HostileFileTests.message { _ = try FileBytes.read("/dev/null") }.contains("apparaat"))
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        let fifo = HostileFileTests.folder() + "/pijp"
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        let m = HostileFileTests.message { _ = try FileBytes.read(fifo) }
        #expect(m.contains("FIFO"))
        #expect(Date().timeIntervalSince(start) < 2)
        // A store at a FIFO is refused when opened, not waited on.
        #expect(HostileFileTests.message { _ = try Store(path: fifo) }.contains("FIFO"))
        // So is an Importoverzicht at a FIFO when written to.
        #expect(HostileFileTests.message { try LogFile.append([Array("{}".utf8)], to: fifo) }.contains("FIFO"))
        // Cutting it back does not wait for a reader: a write-only open of a FIFO did, for ever.
        let done = DispatchSemaphore(value: 0)
        let path = fifo
        Thread.detachNewThread {
            LogFile.cut(path, to: 0)
            done.signal()
        }
        if done.wait(timeout: .now() + 5) == .timedOut {
            Issue.record("LogFile.cut waited on a FIFO")
            // Let the waiting open go.
            let reader = open(fifo, O_RDONLY | O_NONBLOCK)
            _ = done.wait(timeout: .now() + 5)
            close(reader)
        }
    }

    @Test func aSocketIsRefused() throws {
        let path = HostileFileTests.folder() + "/sok"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        #expect(HostileFileTests.message { _ = try FileBytes.read(path) }.contains("socket"))
    }

    /// A store or Importoverzicht larger than any school's (a sparse file of 100 GB) is refused
    /// with a message, without reading or allocating it.
    @Test func aHugeStoreOrLogIsRefused() throws {
        let dir = HostileFileTests.folder()
        let path = dir + "/store.json"
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        try #require(fd >= 0)
        #expect(ftruncate(fd, off_t(100) << 30) == 0)
        close(fd)
        let start = Date()
        #expect(HostileFileTests.message { _ = try Store(path: path) }.contains("te groot"))
        try FileManager.default.removeItem(atPath: path)
        let log = LogFile.path(forStore: path)
        let lfd = open(log, O_WRONLY | O_CREAT, 0o600)
        try #require(lfd >= 0)
        #expect(ftruncate(lfd, off_t(100) << 30) == 0)
        close(lfd)
        #expect(HostileFileTests.message { _ = try Store(path: path).importLog() }.contains("te groot"))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        let path = HostileFileTests.folder() + "/groot"
        try Data(repeating: 0x41, count: 1000).write(to: URL(fileURLWithPath: path))
        #expect(HostileFileTests.message { _ = try FileBytes.read(path, limit: 999) }.contains("te groot"))
        #expect(try FileBytes.read(path, limit: 1000)?.count == 1000)
    }

    /// Links planted at the names the writer will try are never followed: it takes the next
    /// name, and the victim stays byte-identical.
    @Test func aLinkPlantedAtATempNameIsNotFollowed() throws {
        let dir = HostileFileTests.folder()
        let victim = dir + "/slachtoffer"
        try Data("niet aanraken\n".utf8).write(to: URL(fileURLWithPath: victim))
        let target = dir + "/store.json"
        var names = ["aaaa", "bbbb", "cccc"]
        for n in names.prefix(2) { #expect(symlink(victim, target + ".tmp-" + n) == 0) }
        let (tmp, fd) = try FileBytes.createTemp(for: target, mode: 0o600, suffix: { names.removeFirst() })
        close(fd)
        #expect(tmp == target + ".tmp-cccc")
        #expect(HostileFileTests.bytes(victim) == Array("niet aanraken\n".utf8))
        var st = stat()
        #expect(lstat(tmp, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
    }

    /// Temp files and planted links of a killed session (old `store.json.tmp-<pid>` names and
    /// new ones) are removed by the next writer, under the lock; the link's victim is untouched.
    @Test func staleTempFilesAreRemovedByTheNextWriter() throws {
        let dir = HostileFileTests.folder()
        let path = dir + "/store.json"
        let victim = dir + "/slachtoffer"
        try Data("niet aanraken\n".utf8).write(to: URL(fileURLWithPath: victim))
        try Store(path: path).update { $0.vestigingen = ["A"] }
        try Data("persoonsgegevens".utf8).write(to: URL(fileURLWithPath: path + ".tmp-12345"))
        try Data("persoonsgegevens".utf8).write(to: URL(fileURLWithPath: path + ".tmp-0123456789abcdef"))
        for pid in 1...50 { #expect(symlink(victim, path + ".tmp-\(pid)") == 0) }
        try Store(path: path).update { $0.vestigingen.append("B") }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
        #expect(HostileFileTests.bytes(victim) == Array("niet aanraken\n".utf8))
        #expect(try Store(path: path).data().vestigingen == ["A", "B"])
        // Another file that only looks alike is kept.
        #expect(FileManager.default.fileExists(atPath: victim))
    }

    /// A symlinked store means its target: the target is replaced (and locked), the link stays.
    @Test func aSymlinkedStoreWritesItsTarget() throws {
        let dir = HostileFileTests.folder()
        try FileManager.default.createDirectory(atPath: dir + "/echt", withIntermediateDirectories: true)
        let target = dir + "/echt/store.json"
        try Store(path: target).update { $0.vestigingen = ["A"] }
        let link = dir + "/link.json"
        #expect(symlink("echt/store.json", link) == 0)
        let s = try Store(path: link)
        #expect(s.target == target)
        try s.update { $0.vestigingen.append("B") }
        var st = stat()
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(try Store(path: target).data().vestigingen == ["A", "B"])
        #expect(FileManager.default.fileExists(atPath: target + ".lock"))
        #expect(!FileManager.default.fileExists(atPath: link + ".lock"))
        try s.appendLog(.object([("tijd", .string("nu"))]))
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(try Store(path: target).importLog().count == 1)
        // The log lives beside the target, not beside the link.
        #expect(FileManager.default.fileExists(atPath: dir + "/echt/store.log"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/link.log"))
    }

    @Test func aLinkLoopIsADutchError() throws {
        let dir = HostileFileTests.folder()
        #expect(symlink(dir + "/b", dir + "/a") == 0)
        #expect(symlink(dir + "/a", dir + "/b") == 0)
        let m = HostileFileTests.message { _ = try Store(path: dir + "/a") }
        #expect(m.contains("symbolische koppelingen"))
        #expect(!m.contains("Too many"))
    }

    /// A store file without write permission is not replaced, whatever the folder allows (and
    /// even for root).
    @Test func aReadOnlyStoreIsNotReplaced() throws {
        let path = HostileFileTests.folder() + "/store.json"
        try Store(path: path).update { $0.vestigingen = ["A"] }
        #expect(chmod(path, 0o444) == 0)
        let before = HostileFileTests.bytes(path)
        let s = try Store(path: path)
        #expect(try s.data().vestigingen == ["A"])
        let m = HostileFileTests.message { try s.update { $0.vestigingen.append("B") } }
        #expect(m.contains("De opslag is alleen-lezen"))
        #expect(HostileFileTests.message { try s.appendLog(.object([])) }.contains("alleen-lezen"))
        #expect(HostileFileTests.bytes(path) == before)
    }

    /// A store in a folder that does not exist is an error naming the folder; the default
    /// location's folder is made.
    @Test func aMissingFolderIsNamed() throws {
        let dir = HostileFileTests.folder() + "/bestaat-niet"
        let m = HostileFileTests.message { _ = try Store(path: dir + "/store.json") }
        #expect(m.contains(dir))
        #expect(HostileFileTests.message { _ = try Store(path: "") }.contains("leeg"))
        try Store(path: dir + "/store.json", createsFolder: true).update { $0.vestigingen = ["A"] }
        #expect(FileManager.default.fileExists(atPath: dir + "/store.json"))
    }

    /// A lock file that is a planted link is not opened through it.
    @Test func aLinkAtTheLockIsRefused() throws {
        let dir = HostileFileTests.folder()
        let victim = dir + "/slachtoffer"
        try Data("x".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(symlink(victim, dir + "/store.json.lock") == 0)
        let m = HostileFileTests.message { try Store(path: dir + "/store.json").update { $0.vestigingen = ["A"] } }
        #expect(m.contains("symbolische koppeling"))
        #expect(HostileFileTests.bytes(victim) == Array("x".utf8))
    }

    /// System errors read in Dutch, with the verb of what was done.
    @Test func systemErrorsAreDutch() {
        for e in [EFBIG, ELOOP, ENOSPC, EACCES, EROFS, EIO, ENAMETOOLONG, EDQUOT, 71] {
            let read = FileBytes.describe(e), write = FileBytes.describe(e, writing: true)
            #expect(read != String(cString: strerror(e)))
            #expect(write != String(cString: strerror(e)))
        }
        #expect(FileBytes.describe(EACCES, writing: true).contains("schrijven"))
        #expect(!FileBytes.describe(EACCES, writing: true).contains("lezen"))
    }

    /// Several files are replaced all or nothing: a failure while preparing replaces none.
    @Test func writeAllReplacesNoneWhenOneCannotBeWritten() throws {
        let dir = HostileFileTests.folder()
        let a = dir + "/a.csv", b = dir + "/b/b.csv"
        try Data("oud".utf8).write(to: URL(fileURLWithPath: a))
        let m = HostileFileTests.message { try FileBytes.writeAllAtomically([(a, Array("nieuw".utf8)), (b, Array("nieuw".utf8))]) }
        #expect(m.contains("Er is niets geschreven"))
        #expect(HostileFileTests.bytes(a) == Array("oud".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
        try FileBytes.writeAllAtomically([(a, Array("nieuw".utf8)), (dir + "/c.csv", Array("ook".utf8))])
        #expect(HostileFileTests.bytes(a) == Array("nieuw".utf8))
    }

    /// A replacement that still fails names exactly the files already replaced.
    @Test func aFailedReplacementNamesWhatWasReplaced() throws {
        let dir = HostileFileTests.folder()
        let paths = ["leerling.csv", "groepen.csv", "koppel.csv"].map { dir + "/" + $0 }
        for p in paths { try Data("oud".utf8).write(to: URL(fileURLWithPath: p)) }
        var calls = 0
        let m = HostileFileTests.message {
            try FileBytes.writeAllAtomically(paths.map { ($0, Array("nieuw".utf8)) }, mode: 0o600) { from, to in
                calls += 1
                if calls == 2 { errno = EIO; return -1 }
                return rename(from, to)
            }
        }
        #expect(m.contains("Al vervangen: \(paths[0])"))
        #expect(m.contains("niet vervangen: \(paths[1]), \(paths[2])"))
        #expect(HostileFileTests.bytes(paths[0]) == Array("nieuw".utf8))
        #expect(HostileFileTests.bytes(paths[1]) == Array("oud".utf8))
        #expect(HostileFileTests.bytes(paths[2]) == Array("oud".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
    }

    /// A store of 3,000 pupils (larger than the header's bytes: read where it is decoded), pupil
    /// `k` named `roepnaam(k)`.
    static func largeStore(roepnaam: (Int) -> String) -> StoreData {
        var d = StoreData()
        d.vestigingen = ["Anna"]
        for k in 1...3_000 {
            d.leerlingen[String(k)] = Leerling(key: String(k), stamnr: String(k), roepnaam: roepnaam(k), tussenvoegsel: "",
                                               achternaam: "Achternaam\(k)", geboortedatum: nil, geslacht: .onbekend, email: nil,
                                               vertrekdatum: nil)
        }
        return d
    }

    /// A store's document is mapped from its file while it is decoded. Another program cutting
    /// the file short meanwhile would end the process with SIGBUS; instead the cut-off bytes read
    /// as zeros, and the store reads the file again as it is now (here: refused, as cut short).
    @Test func aMappedStoreCutShortIsNoCrash() throws {
        let dir = HostileFileTests.folder()
        let path = dir + "/kort.json"
        let page = sysconf(Int32(_SC_PAGESIZE))
        try Data(repeating: 0x78, count: 3 * page).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDWR)
        try #require(fd >= 0)
        defer { close(fd) }
        let mapped = try #require(StoreBytes(mapping: fd, size: 3 * page))
        let bytes = Bytes(mapped)
        #expect(bytes[3 * page - 1] == 0x78)
        #expect(ftruncate(fd, off_t(page)) == 0)
        #expect(bytes[page - 1] == 0x78)
        // Past the new end: zeros, no signal.
        #expect(bytes[page] == 0 && bytes[3 * page - 1] == 0)

        // A store larger than its header's bytes, cut short after its header was read.
        let store = dir + "/store.json"
        let d = HostileFileTests.largeStore { _ in "Anna" }
        try Store(path: store).update { $0 = d }
        let whole = try #require(HostileFileTests.bytes(store))
        let size = whole.count
        try #require(size > Store.headBytes)
        for early in [false, true] {
            try Data(whole).write(to: URL(fileURLWithPath: store))
            let s = try Store(path: store)
            #expect(s.isUnread)
            if early { s.prepare() }
            #expect(truncate(store, off_t(size / 2)) == 0)
            let m = HostileFileTests.message { _ = try s.data() }
            if early {
                // Decoded before the cut, or refused after it.
                #expect(m.isEmpty || m.contains("niet geopend"))
            } else {
                #expect(m.contains("niet geopend"), "\(m)")
            }
        }
    }

    /// A mapped store's names with escapes (a quote, a backslash, a tab) read back as written;
    /// a broken escape is refused at its place in the document.
    @Test func aMappedStoreReadsEscapedNames() throws {
        let dir = HostileFileTests.folder()
        let path = dir + "/store.json"
        let d = HostileFileTests.largeStore { $0 == 2_000 ? "Jan \"Johnny\"\t\\" : "Anna" }
        try Store(path: path).update { $0 = d }
        let s = try Store(path: path)
        #expect(s.isUnread)
        #expect(try s.data().leerlingen["2000"]?.roepnaam == "Jan \"Johnny\"\t\\")
        #expect(try s.data() == d)

        var bytes = try #require(HostileFileTests.bytes(path))
        let escape = try #require(bytes.indices.first { bytes[$0] == 0x5C && bytes[$0 + 1] == 0x22 })
        bytes[escape + 1] = 0x71
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let m = HostileFileTests.message { _ = try Store(path: path).data() }
        // The place the general parser names reading the whole document (just past the escape).
        var whole = 0
        do { _ = try JSONValue.parse(bytes) } catch let e as JSONParseError { whole = e.offset }
        #expect(whole > escape && whole <= escape + 2)
        #expect(m.contains("positie \(whole): onbekende escape"), "\(m)")
    }
}
