import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Work over `0..<count` in contiguous slices on all cores (one slice below `minimum`); the
/// slices' results in order, so that joining them gives what one pass in order would. Four
/// slices a core, handed out as cores come free: with one a core, the core that finished first
/// waited for the other (the other side of a check kept it busy, or its slice cost more), and a
/// board's stored couplings were matched on one core for the last 60 ms.
public func inSlices<T>(_ count: Int, minimum: Int = 20_000, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let slices = count >= minimum ? max(2, min(ProcessorCount.value, 8)) * 4 : 1
    var out = [T?](repeating: nil, count: slices)
    out.withUnsafeMutableBufferPointer { buffer in
        let slots = UncheckedSendable(buffer)
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            slots.value[k] = body((count * k / slices)..<(count * (k + 1) / slices))
        }
    }
    return out.compactMap { $0 }
}

/// `a` and `b` at the same time: `a` on a thread of its own, `b` on the caller's. Not two
/// iterations of one `concurrentPerform`: Dispatch runs an apply nested in another's iteration
/// one iteration at a time, so the line check and the store's reading, each spread over the
/// cores by its own `concurrentPerform`, ran on one core each (the line check took as long with
/// no store to read). Without POSIX threads (or when none can be made) the two run as two
/// iterations of one `concurrentPerform` after all.
public func concurrently<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    var first: A?
    let second: B? = withUnsafeMutablePointer(to: &first) { slot in
        let out = UncheckedSendable(slot)
        return withoutActuallyEscaping(a) { a in
            let thread = OwnThread { out.value.pointee = a() }
            guard thread.start() else { return nil }
            let second = b()
            thread.join()
            return second
        }
    }
    if let second { return (first ?? a(), second) }
    return inOneApply(a, b)
}

/// `a` and `b` as the two iterations of one `concurrentPerform`.
func inOneApply<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    var first: A?, second: B?
    withUnsafeMutablePointer(to: &first) { firstSlot in
        withUnsafeMutablePointer(to: &second) { secondSlot in
            let slots = UncheckedSendable((firstSlot, secondSlot))
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 { slots.value.0.pointee = a() } else { slots.value.1.pointee = b() }
            }
        }
    }
    // Both ran: concurrentPerform returns when every iteration has.
    guard let first, let second else { return (a(), b()) }
    return (first, second)
}

/// Work started now on a thread of its own, its result taken later (`wait`): a store's
/// document decoded while the files to check it against are read. Where no thread can be made
/// the work is done at `wait`. Dropped before `wait`, the thread is left to finish on its own
/// (a store read again after another session wrote does not wait for the old reading).
public final class Background<T>: @unchecked Sendable {
    private let work: @Sendable () -> T
    private let slot: Slot
    private let thread: OwnThread
    private let started: Bool
    /// Guards `joined` and the fallback: `wait` may be called from any thread.
    private let lock = DispatchSemaphore(value: 1)
    private var joined = false

    private final class Slot: @unchecked Sendable {
        var value: T?
    }

    public init(_ work: @escaping @Sendable () -> T) {
        let slot = Slot()
        self.work = work
        self.slot = slot
        thread = OwnThread { slot.value = work() }
        started = thread.start()
    }

    /// The result, waiting for the thread if it has not finished.
    public func wait() -> T {
        lock.wait()
        defer { lock.signal() }
        if started && !joined {
            thread.join()
            joined = true
        }
        if let v = slot.value { return v }
        let v = work()
        slot.value = v
        return v
    }

    deinit {
        if started && !joined { thread.detach() }
    }
}

/// A closure run on a POSIX thread of its own. The thread holds the object while it runs and
/// lets go of it, and of the closure, before it ends: after `join` nothing of `body` is left
/// (which `withoutActuallyEscaping` checks); after `detach` the thread ends on its own.
private final class OwnThread: @unchecked Sendable {
    private var body: (() -> Void)?
    #if canImport(Glibc)
    private var thread = pthread_t()
    #endif

    init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts the thread; false when none could be made (the closure is then let go of).
    func start() -> Bool {
        #if canImport(Glibc)
        let me = Unmanaged.passRetained(self)
        guard pthread_create(&thread, nil, ownThreadEntry, me.toOpaque()) == 0 else {
            me.release()
            body = nil
            return false
        }
        return true
        #else
        body = nil
        return false
        #endif
    }

    fileprivate func run() {
        body?()
        body = nil
    }

    /// Waits for the thread to end.
    func join() {
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #endif
    }

    /// Lets the thread end on its own.
    func detach() {
        #if canImport(Glibc)
        pthread_detach(thread)
        #endif
    }
}

#if canImport(Glibc)
/// The thread's start: it owns the reference `start` passed, and releases it when done.
private func ownThreadEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    Unmanaged<OwnThread>.fromOpaque(raw).takeRetainedValue().run()
    return nil
}
#endif
