/// SipHash-2-4 (Aumasson & Bernstein): a keyed hash made for short inputs, so that without the
/// key nobody can tell from a pseudonym which value it came from, or make one map to another.
/// `anonimiseer` keys it with a random secret per run that is never stored or printed.
struct SipHash {
    let k0: UInt64
    let k1: UInt64

    @inline(__always)
    static func rotl(_ x: UInt64, _ b: UInt64) -> UInt64 { (x << b) | (x >> (64 - b)) }

    /// The 64-bit SipHash-2-4 of `bytes` under the key.
    func hash(_ bytes: [UInt8]) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        @inline(__always) func round() {
            v0 = v0 &+ v1; v1 = SipHash.rotl(v1, 13); v1 ^= v0; v0 = SipHash.rotl(v0, 32)
            v2 = v2 &+ v3; v3 = SipHash.rotl(v3, 16); v3 ^= v2
            v0 = v0 &+ v3; v3 = SipHash.rotl(v3, 21); v3 ^= v0
            v2 = v2 &+ v1; v1 = SipHash.rotl(v1, 17); v1 ^= v2; v2 = SipHash.rotl(v2, 32)
        }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            var m: UInt64 = 0
            for k in 0..<8 { m |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            v3 ^= m
            round(); round()
            v0 ^= m
            i += 8
        }
        var last = UInt64(truncatingIfNeeded: n) << 56
        var k = 0
        while i < n {
            last |= UInt64(bytes[i]) << (8 * UInt64(k))
            i += 1
            k += 1
        }
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xFF
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

/// A stream of choices drawn from one keyed hash (SplitMix64 over the hash).
struct Draws {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in 0..<n (n ≥ 1).
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}
