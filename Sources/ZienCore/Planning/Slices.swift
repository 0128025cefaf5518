import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Work over `0..<count` in contiguous slices on all cores (one slice below `minimum`); the
/// slices' results in order, so that joining them gives what one pass in order would.
public func inSlices<T>(_ count: Int, minimum: Int = 20_000, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let slices = count >= minimum ? max(2, min(ProcessorCount.value, 8)) : 1
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
/// no store to read). A thread that cannot be made runs `a` first, then `b`.
public func concurrently<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    var first: A?
    return withUnsafeMutablePointer(to: &first) { slot in
        let out = UncheckedSendable(slot)
        return withoutActuallyEscaping(a) { a in
            let thread = OwnThread { out.value.pointee = a() }
            guard thread.start() else { return (a(), b()) }
            let second = b()
            thread.join()
            return (out.value.pointee ?? a(), second)
        }
    }
}

/// Work started now on a thread of its own, its result taken later (`wait`): a store's
/// document decoded while the files to check it against are read. Where no thread can be made
/// the work is done at `wait`.
public final class Background<T>: @unchecked Sendable {
    private let work: @Sendable () -> T
    private let slot: Slot
    private let thread: OwnThread
    private let started: Bool
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

    /// The result, waiting for the thread if it has not finished (only the first call waits).
    public func wait() -> T {
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
        if started && !joined { thread.join() }
    }
}

/// A closure run on a POSIX thread of its own. `join` returns after `pthread_join`, when the
/// thread has let go of the closure (which `withoutActuallyEscaping` checks).
private final class OwnThread: @unchecked Sendable {
    private var body: (() -> Void)?
    #if canImport(Glibc)
    private var thread = pthread_t()
    #endif

    init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts the thread; false when none could be made (the caller runs the work itself).
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

    func join() {
        #if canImport(Glibc)
        pthread_join(thread, nil)
        Unmanaged.passUnretained(self).release()
        #endif
        body = nil
    }
}

#if canImport(Glibc)
private func ownThreadEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    Unmanaged<OwnThread>.fromOpaque(raw).takeUnretainedValue().run()
    return nil
}
#endif
