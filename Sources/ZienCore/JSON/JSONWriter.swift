/// Writes JSON straight into bytes, for documents too large to build as `JSONValue` trees
/// first (the store of a school board).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value at each nesting level needs a comma: bit `depth` of a stack held
    /// in one number (an array of flags cost a uniqueness check on every value of a
    /// million-row store). Nesting deeper than 63 levels shares the top bit.
    var commas: UInt64 = 0
    var depth = 0

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// A writer that continues a document inside its top-level object, after a value another
    /// writer (or buffer) wrote: the next key gets its comma.
    public init(capacity: Int, continuing: Bool) {
        bytes.reserveCapacity(capacity)
        depth = 1
        commas = 0b10
    }

    var bit: UInt64 { 1 << UInt64(min(depth, 63)) }

    mutating func separator() {
        if commas & bit != 0 { bytes.append(0x2C) } else { commas |= bit }
    }

    mutating func push() {
        depth += 1
        commas &= ~bit
    }

    mutating func pop() { if depth > 0 { depth -= 1 } }

    public mutating func beginObject() { separator(); bytes.append(0x7B); push() }
    public mutating func endObject() { pop(); bytes.append(0x7D) }
    public mutating func beginArray() { separator(); bytes.append(0x5B); push() }
    public mutating func endArray() { pop(); bytes.append(0x5D) }

    /// A key inside an object; the next value belongs to it.
    public mutating func key(_ k: String) {
        separator()
        JSONValue.writeString(k, to: &bytes)
        bytes.append(0x3A)
        commas &= ~bit
    }

    public mutating func string(_ s: String) { separator(); JSONValue.writeString(s, to: &bytes) }
    public mutating func optional(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ i: Int) { separator(); bytes.append(contentsOf: String(i).utf8) }
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

    /// A value already written elsewhere (a JSON text), as the next value.
    public mutating func raw(_ json: [UInt8]) { separator(); bytes.append(contentsOf: json) }
}
