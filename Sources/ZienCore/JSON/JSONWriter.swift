/// Writes JSON straight into bytes, for documents too large to build as `JSONValue` trees
/// first (the store of a school board).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    var needsComma: [Bool] = [false]

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// A writer that continues a document inside its top-level object, after a value another
    /// writer (or buffer) wrote: the next key gets its comma.
    public init(capacity: Int, continuing: Bool) {
        bytes.reserveCapacity(capacity)
        needsComma = [false, true]
    }

    mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) } else { needsComma[needsComma.count - 1] = true }
    }

    public mutating func beginObject() { separator(); bytes.append(0x7B); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(0x7D) }
    public mutating func beginArray() { separator(); bytes.append(0x5B); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(0x5D) }

    /// A key inside an object; the next value belongs to it.
    public mutating func key(_ k: String) {
        separator()
        JSONValue.writeString(k, to: &bytes)
        bytes.append(0x3A)
        needsComma[needsComma.count - 1] = false
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
        func digits(_ v: Int, _ n: Int) {
            var div = 1
            for _ in 1..<n { div *= 10 }
            var v = v
            while div > 0 {
                bytes.append(UInt8(0x30 + v / div % 10))
                v %= div
                div /= 10
            }
        }
        bytes.append(0x22)
        digits(d.year, 4); bytes.append(0x2D); digits(d.month, 2); bytes.append(0x2D); digits(d.day, 2)
        bytes.append(0x22)
    }
    public mutating func value(_ v: JSONValue) { separator(); v.write(to: &bytes) }
    public mutating func newline() { bytes.append(0x0A) }

    /// A value already written elsewhere (a JSON text), as the next value.
    public mutating func raw(_ json: [UInt8]) { separator(); bytes.append(contentsOf: json) }
}
