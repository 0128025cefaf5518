/// A map from `PersonKey` to values, tuned for the check's hot path: numeric keys (nearly all
/// Stamnr and medewerker numbers) live in an open-addressing table with a multiplicative hash,
/// which on 100,000 pupils costs a third of `Dictionary`'s per-lookup SipHash seeding (measured
/// with scripts/bench); other keys fall back to a Dictionary.
struct KeyTable<Value> {
    private var slots: [UInt64]        // number + 1; 0 is empty
    private var slotIndex: [Int32]     // index into `values`
    private var others: [String: Int32] = [:]
    private var mask: Int
    private var shift: UInt64
    private(set) var values: [Value] = []

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        slotIndex = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        values.reserveCapacity(capacity)
    }

    @inline(__always)
    private func home(_ n: UInt64) -> Int { Int(truncatingIfNeeded: (n &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The index of `key`'s value, or nil.
    func find(_ key: PersonKey) -> Int? {
        if let other = key.other { return others[other].map(Int.init) }
        let tag = key.number &+ 1
        var i = home(key.number)
        while true {
            let s = slots[i]
            if s == tag { return Int(slotIndex[i]) }
            if s == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Adds `value` for `key` unless the key is there; returns the index of the key's value and
    /// whether it was added.
    mutating func insert(_ key: PersonKey, _ value: @autoclosure () -> Value) -> (index: Int, inserted: Bool) {
        if let other = key.other {
            if let i = others[other] { return (Int(i), false) }
            others[other] = Int32(values.count)
            values.append(value())
            return (values.count - 1, true)
        }
        if values.count * 2 >= slots.count { grow() }
        let tag = key.number &+ 1
        var i = home(key.number)
        while true {
            let s = slots[i]
            if s == tag { return (Int(slotIndex[i]), false) }
            if s == 0 { break }
            i = (i + 1) & mask
        }
        slots[i] = tag
        slotIndex[i] = Int32(values.count)
        values.append(value())
        return (values.count - 1, true)
    }

    private mutating func grow() {
        let oldSlots = slots, oldIndex = slotIndex
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        slotIndex = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (k, s) in oldSlots.enumerated() where s != 0 {
            var i = home(s &- 1)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = s
            slotIndex[i] = oldIndex[k]
        }
    }
}
extension KeyTable: Sendable where Value: Sendable {}
