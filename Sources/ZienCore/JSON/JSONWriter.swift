/// Writes JSON straight into bytes, for documents too large to build as `JSONValue` trees
/// first (the store of a school board).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value at each nesting level needs a comma: bit `depth` of a stack held
    /// in one number (an array of flags cost a uniqueness check on every value of a
    /// million-row store); levels from 64 on in `deeper`.
    var commas: UInt64 = 0
    var depth = 0
    var deeper: [Bool] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// A writer that continues a document inside its top-level object, after a value another
    /// writer (or buffer) wrote: the next key gets its comma.
    public init(capacity: Int, continuing: Bool) {
        bytes.reserveCapacity(capacity)
        depth = 1
        commas = 0b10
    }

    /// Whether the current level already holds a value.
    var hasValue: Bool {
        get { depth < 64 ? commas & (1 << UInt64(depth)) != 0 : deeper[depth - 64] }
        set {
            if depth < 64 {
                if newValue { commas |= 1 << UInt64(depth) } else { commas &= ~(1 << UInt64(depth)) }
            } else {
                deeper[depth - 64] = newValue
            }
        }
    }

    mutating func separator() {
        if hasValue { bytes.append(0x2C) } else { hasValue = true }
    }

    mutating func push() {
        depth += 1
        if depth >= 64 { deeper.append(false) } else { hasValue = false }
    }

    mutating func pop() {
        guard depth > 0 else { return }
        if depth >= 64 { deeper.removeLast() }
        depth -= 1
    }

    public mutating func beginObject() { separator(); bytes.append(0x7B); push() }
    public mutating func endObject() { pop(); bytes.append(0x7D) }
    public mutating func beginArray() { separator(); bytes.append(0x5B); push() }
    public mutating func endArray() { pop(); bytes.append(0x5D) }

    /// A key inside an object; the next value belongs to it.
    public mutating func key(_ k: String) {
        separator()
        JSONValue.writeString(k, to: &bytes)
        bytes.append(0x3A)
        hasValue = false
    }

    public mutating func string(_ s: String) { separator(); JSONValue.writeString(s, to: &bytes) }

    /// The string whose UTF-8 bytes are `p`, written as `string(String(decoding: p, as: UTF8.self))`
    /// writes it; plain ASCII (most names) is copied without making a String.
    public mutating func string(utf8 p: UnsafeBufferPointer<UInt8>) {
        for b in p where b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C {
            string(String(decoding: p, as: UTF8.self))
            return
        }
        separator()
        bytes.append(0x22)
        bytes.append(contentsOf: p)
        bytes.append(0x22)
    }
    public mutating func optional(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ i: Int) {
        separator()
        // Slots and school years, a million times in a board's store: digits without a String.
        guard i >= 0 && i < 100_000 else {
            bytes.append(contentsOf: String(i).utf8)
            return
        }
        var div = 10_000
        while div > 1 && i < div { div /= 10 }
        var v = i
        while div > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + v / div))
            v %= div
            div /= 10
        }
    }
    public mutating func bool(_ b: Bool) { separator(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { separator(); bytes.append(contentsOf: "null".utf8) }

    /// A date as `"jjjj-mm-dd"`, written digit by digit (no string formatting per date).
    public mutating func day(_ d: Day?) {
        guard let d else { null(); return }
        separator()
        let y = d.year, m = d.month, day = d.day
        func digit(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + v % 10) }
        // One append of the twelve bytes `"jjjj-mm-dd"`.
        let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0x22, digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), 0x2D, digit(m / 10), digit(m), 0x2D,
             digit(day / 10), digit(day), 0x22)
        withUnsafeBytes(of: text) { bytes.append(contentsOf: $0) }
    }
    public mutating func value(_ v: JSONValue) { separator(); v.write(to: &bytes) }
    public mutating func newline() { bytes.append(0x0A) }

    /// The next value is written without a comma before it: for values written one after the
    /// other here and put together elsewhere.
    public mutating func standalone() { hasValue = false }

    /// A value already written elsewhere (a JSON text), as the next value.
    public mutating func raw(_ json: [UInt8]) { separator(); bytes.append(contentsOf: json) }
    public mutating func raw(_ json: UnsafeBufferPointer<UInt8>) { separator(); bytes.append(contentsOf: json) }
}
