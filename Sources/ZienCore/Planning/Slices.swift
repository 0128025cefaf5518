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
