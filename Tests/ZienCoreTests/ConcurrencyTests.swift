import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZienCore

/// `concurrently` runs its two jobs at the same time, and each can spread its own work over
/// the cores: the line check and the store's reading each use `concurrentPerform`, and
/// Dispatch runs an apply nested in another apply's iteration one iteration at a time.
@Suite(.serialized) struct ConcurrencyTests {
    /// Two iterations of a `concurrentPerform` that each wait for the other: true when they
    /// ran at the same time (false after the wait timed out: they ran one after the other).
    static func bothIterationsAtOnce() -> Bool {
        let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let met = UncheckedSendable(UnsafeMutablePointer<Bool>.allocate(capacity: 2))
        met.value.initialize(repeating: false, count: 2)
        defer { met.value.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            arrived[k].signal()
            met.value[k] = arrived[1 - k].wait(timeout: .now() + 30) == .success
        }
        return met.value[0] && met.value[1]
    }

    @Test func bothResultsComeBack() {
        let (a, b) = concurrently({ (1...1000).reduce(0, +) }, { "klaar" })
        #expect(a == 500_500)
        #expect(b == "klaar")
    }

    @Test func bothJobsRunAtTheSameTime() {
        let a = DispatchSemaphore(value: 0), b = DispatchSemaphore(value: 0)
        let (first, second) = concurrently({ () -> Bool in
            a.signal()
            return b.wait(timeout: .now() + 30) == .success
        }, { () -> Bool in
            b.signal()
            return a.wait(timeout: .now() + 30) == .success
        })
        #expect(first && second)
    }

    @Test(.enabled(if: ProcessorCount.value >= 2))
    func eachJobUsesAllCores() {
        let (a, b) = concurrently({ ConcurrencyTests.bothIterationsAtOnce() }, { ConcurrencyTests.bothIterationsAtOnce() })
        #expect(a)
        #expect(b)
    }

    /// Work left to run is waited for once; dropped unwaited, nothing waits for it.
    @Test func backgroundWorkIsTakenOnceAndNotWaitedForWhenDropped() {
        let once = Background { (1...100).reduce(0, +) }
        #expect(once.wait() == 5050)
        #expect(once.wait() == 5050)
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let slow = Background { () -> Int in
                usleep(2_000_000)
                return 1
            }
            withExtendedLifetime(slow) {}
        }
        #expect(DispatchTime.now().uptimeNanoseconds - started < 1_000_000_000)
    }
}
