import Dispatch

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

/// `a` and `b` at the same time, on two cores.
public func concurrently<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
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
