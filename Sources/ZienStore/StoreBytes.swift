#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import ZienCore

/// The bytes of a store document being decoded, in memory the decoder may borrow for as long
/// as it holds this. A board's document is mapped from its file: read where it lies in the page
/// cache, not copied into 63 MB of fresh pages (on this kind of machine a new page costs about
/// 2.4 µs; the copy was 35–45 ms of a commit's reading thread). Anything else is copied in.
///
/// A mapped file that another program cuts short while it is read would end the process with
/// SIGBUS; `MappedBytes.guardAgainstTruncation` turns that into zeros where the cut-off bytes
/// were, and the reader finds the file changed afterwards (`SourceFile.isUnchanged`) and reads
/// it again, as for any write in place.
final class StoreBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mappedLength: Int?
    /// The bytes as an array, for the general JSON parser (escapes, unknown sections): made on
    /// first use, once.
    private let copy = Mutex<[UInt8]?>(nil)

    /// A copy of `array` (its memory is not the array's to lend; the array is not kept).
    init(_ array: [UInt8]) {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: array.count)
        _ = memory.initialize(from: array)
        buffer = UnsafeBufferPointer(memory)
        mappedLength = nil
    }

    /// The whole of open file `fd` of `size` bytes, mapped read-only; nil when it cannot be.
    init?(mapping fd: Int32, size: Int) {
        // Mapped only with the guard in place.
        guard size > 0, MappedBytes.guardAgainstTruncation() else { return nil }
        // MAP_POPULATE: the pages are entered at once, not one fault at a time while decoding.
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED else { return nil }
        let base = p.assumingMemoryBound(to: UInt8.self)
        guard MappedBytes.register(base, size) else {
            munmap(p, size)
            return nil
        }
        buffer = UnsafeBufferPointer(start: base, count: size)
        mappedLength = size
    }

    deinit {
        if let length = mappedLength, let base = buffer.baseAddress {
            MappedBytes.unregister(base)
            munmap(UnsafeMutableRawPointer(mutating: base), length)
        } else {
            UnsafeMutableBufferPointer(mutating: buffer).deallocate()
        }
    }

    var array: [UInt8] {
        copy.withLock { made in
            if let made { return made }
            let a = Array(buffer)
            made = a
            return a
        }
    }
}

/// A view of `StoreBytes` that checks every index, as an array does: the decoder reads only
/// through it (or through `withUnsafeBufferPointer` where it checked the bounds itself).
struct Bytes: @unchecked Sendable {
    let storage: StoreBytes
    private let base: UnsafeBufferPointer<UInt8>

    init(_ storage: StoreBytes) {
        self.storage = storage
        base = storage.buffer
    }

    var count: Int { base.count }

    subscript(i: Int) -> UInt8 {
        precondition(i >= 0 && i < base.count, "index buiten de opslag")
        return base[i]
    }

    /// A copy of bytes `r` (a slice of the borrowed memory would not keep it mapped).
    subscript(r: Range<Int>) -> [UInt8] {
        precondition(r.lowerBound >= 0 && r.upperBound <= base.count, "bereik buiten de opslag")
        return Array(withUnsafeBufferPointer { $0[r] })
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(base) }
    }
}

/// The mapped stores' address ranges, for the SIGBUS handler: a fault inside one of them (its
/// file cut short) gets zeros from there to the range's end; any other SIGBUS goes to the
/// handler before (the runtime's crash report, or the default).
enum MappedBytes {
    static let slots = 64
    /// (start, end) of each mapped store, 0 when free. Written under `lock`; the handler reads
    /// them without it. A thread faults only in a range it registered before it read (the lock
    /// published it); a slot of another store being written meanwhile belongs to memory no
    /// thread reads, so a torn read of it matches nothing that faults.
    nonisolated(unsafe) static let ranges = UnsafeMutablePointer<Int>.allocate(capacity: 2 * slots)
    /// Whether the handler is in place.
    static let lock = Mutex<Bool>(false)
    /// What handled SIGBUS before this handler.
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    /// Set before the handler is installed. The handler itself calls only `mmap`, `sigaction` and
    /// `raise`: `mmap` is not on POSIX's list of async-signal-safe functions, but on Linux it is
    /// a plain system call.
    nonisolated(unsafe) static var pageSize = 4096

    /// Installs the handler once; false when it could not be.
    static func guardAgainstTruncation() -> Bool {
        lock.withLock { installed in
            guard !installed else { return true }
            ranges.initialize(repeating: 0, count: 2 * slots)
            previous.initialize(to: sigaction())
            pageSize = sysconf(Int32(_SC_PAGESIZE))
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { _, info, _ in
                // A fault (not a signal sent) inside a mapped store: zeros from its page to the
                // range's end, where the file was cut off; the decoder then finds the file changed.
                if let info, info.pointee.si_code > 0 {
                    let address = Int(bitPattern: info.pointee._sifields._sigfault.si_addr)
                    for k in 0..<MappedBytes.slots {
                        let start = MappedBytes.ranges[2 * k], end = MappedBytes.ranges[2 * k + 1]
                        guard start != 0, address >= start, address < end else { continue }
                        let at = address & ~(MappedBytes.pageSize - 1)
                        let zeros = mmap(UnsafeMutableRawPointer(bitPattern: at), end - at, PROT_READ,
                                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                        // Without zeros the fault would come back for ever: the handler before.
                        if zeros != MAP_FAILED { return }
                        break
                    }
                }
                // Anything else goes to what handled SIGBUS before: a fault comes again as this
                // returns, a signal sent is sent again.
                sigaction(SIGBUS, MappedBytes.previous, nil)
                if info.map({ $0.pointee.si_code <= 0 }) ?? true { raise(SIGBUS) }
            }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            installed = sigaction(SIGBUS, &action, previous) == 0
            return installed
        }
    }

    /// False when every slot is taken (the file is then read, not mapped).
    static func register(_ base: UnsafePointer<UInt8>, _ size: Int) -> Bool {
        let start = Int(bitPattern: base)
        return lock.withLock { _ in
            for k in 0..<slots where ranges[2 * k] == 0 {
                ranges[2 * k + 1] = start + size
                ranges[2 * k] = start
                return true
            }
            return false
        }
    }

    static func unregister(_ base: UnsafePointer<UInt8>) {
        let start = Int(bitPattern: base)
        lock.withLock { _ in
            for k in 0..<slots where ranges[2 * k] == start {
                ranges[2 * k] = 0
                ranges[2 * k + 1] = 0
            }
        }
    }
}
