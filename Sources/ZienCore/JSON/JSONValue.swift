/// A JSON value with ordered object keys, written and read without Foundation so that output is
/// deterministic and large documents stay fast.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A string, or null for nil.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// The value under `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var intValue: Int? { if case .int(let i) = self { return i }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }

    /// The value written on one line (`{"a": 1, "b": [true, null]}`).
    public var serialized: String {
        var out = [UInt8]()
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the one-line UTF-8 form to `out`.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(0x5B)
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(0x2C); out.append(0x20) }
                v.write(to: &out)
            }
            out.append(0x5D)
        case .object(let pairs):
            out.append(0x7B)
            // Single appends: an array literal per separator cost an allocation each (an import
            // log entry holds up to 10,000 findings of seven fields).
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(0x2C); out.append(0x20) }
                JSONValue.writeString(k, to: &out)
                out.append(0x3A)
                out.append(0x20)
                v.write(to: &out)
            }
            out.append(0x7D)
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `s` as a JSON string, quotes included, appended to `out`.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Most strings need no escaping: copy them whole.
        let copied = s.utf8.withContiguousStorageIfAvailable { p -> Bool in
            for b in p where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return false }
            out.append(contentsOf: p)
            return true
        }
        if copied == true {
            out.append(0x22)
            return
        }
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

/// Why a JSON text could not be read.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "ongeldige JSON op positie \(offset): \(reason)" }
}

extension JSONValue {
    /// Parses a JSON text (UTF-8). Depth is limited so hostile input cannot overflow the stack.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw JSONParseError(offset: p.i, reason: "tekst na het einde") }
        return v
    }
}

/// The general parser at a position inside a larger document, for readers that handle most of
/// a document themselves.
public struct JSONParserCursor {
    var parser: JSONParser

    public init(bytes: [UInt8], at offset: Int) {
        parser = JSONParser(bytes: bytes, i: offset)
    }

    public var offset: Int { parser.i }

    /// The length of the valid UTF-8 sequence at `i` of `bytes` (1 for ASCII, 2–4), or 0.
    public static func utf8Length(_ bytes: [UInt8], at i: Int) -> Int {
        bytes[i] < 0x80 ? 1 : JSONParser.utf8Length(bytes, at: i)
    }

    /// As `utf8Length(_:at:)`, for bytes borrowed (`i` within them).
    public static func utf8Length(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        bytes[i] < 0x80 ? 1 : JSONParser.utf8Length(bytes, at: i)
    }

    public mutating func value() throws -> JSONValue {
        parser.skipSpace()
        return try parser.value(depth: 0)
    }

    /// Reads past one value, checking it as `value()` would, without building it (a store's
    /// import log is kept as text until it is shown).
    public mutating func skipValue() throws {
        parser.skipSpace()
        parser.building = false
        defer { parser.building = true }
        _ = try parser.value(depth: 0)
    }
}

struct JSONParser {
    let bytes: [UInt8]
    var i = 0
    /// False: check the text only; values are not made (`.null` is returned).
    var building = true

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    func fail(_ r: String) -> JSONParseError { JSONParseError(offset: i, reason: r) }

    mutating func literal(_ word: String, _ v: JSONValue) throws -> JSONValue {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("onbekend woord") }
        i += w.count
        return v
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < 64 else { throw fail("te diep genest") }
        guard i < bytes.count else { throw fail("onverwacht einde") }
        switch bytes[i] {
        case 0x7B:
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw fail("sleutel verwacht") }
                let k = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { throw fail("':' verwacht") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                if building { pairs.append((k, v)) }
                skipSpace()
                guard i < bytes.count else { throw fail("onverwacht einde") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(pairs) }
                throw fail("',' of '}' verwacht")
            }
        case 0x5B:
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipSpace()
                let v = try value(depth: depth + 1)
                if building { items.append(v) }
                skipSpace()
                guard i < bytes.count else { throw fail("onverwacht einde") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                throw fail("',' of ']' verwacht")
            }
        case 0x22: return .string(try string())
        case 0x74: return try literal("true", .bool(true))
        case 0x66: return try literal("false", .bool(false))
        case 0x6E: return try literal("null", .null)
        default:
            let start = i
            if bytes[i] == 0x2D { i += 1 }
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > start, let n = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                throw fail("getal verwacht")
            }
            return .int(n)
        }
    }

    mutating func string() throws -> String {
        i += 1
        var out = [UInt8]()
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 { i += 1; return building ? String(decoding: out, as: UTF8.self) : "" }
            if b == 0x5C {
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x75:
                    var u = try hex4()
                    if u >= 0xDC00 && u < 0xE000 { throw fail("losse surrogaat \\u\(String(u, radix: 16))") }
                    if u >= 0xD800 && u < 0xDC00 {
                        // A high surrogate must be followed by a low one; a lone one is no text.
                        guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else {
                            throw fail("losse surrogaat \\u\(String(u, radix: 16))")
                        }
                        i += 2
                        let lo = try hex4()
                        guard lo >= 0xDC00 && lo < 0xE000 else { throw fail("losse surrogaat \\u\(String(u, radix: 16))") }
                        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    TextDecoder.appendUTF8(u, to: &out)
                default: throw fail("onbekende escape")
                }
                continue
            }
            if b < 0x20 { throw fail("stuurteken U+\(JSONParser.hex4(UInt32(b))) in tekst") }
            if b >= 0x80 {
                // Only valid UTF-8: what the writer never writes is refused, not replaced.
                let n = JSONParser.utf8Length(bytes, at: i)
                guard n > 0 else { throw fail("ongeldige UTF-8") }
                if building { out.append(contentsOf: bytes[i..<(i + n)]) }
                i += n
                continue
            }
            if building { out.append(b) }
            i += 1
        }
        throw fail("string niet afgesloten")
    }

    /// Four hex digits, upper case (`0007`).
    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.utf8.count)) + h
    }

    /// The length of the valid UTF-8 sequence at `i` (2–4), or 0 when there is none: no
    /// overlong forms, no surrogates, nothing above U+10FFFF.
    static func utf8Length<C: RandomAccessCollection<UInt8>>(_ bytes: C, at i: Int) -> Int where C.Index == Int {
        let n = bytes.endIndex
        let b0 = bytes[i]
        func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 >= 0xA0 { return 0 }
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        default: return 0
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("ongeldige \\u") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[i + k]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: throw fail("ongeldige \\u")
            }
            v = v << 4 | UInt32(d)
        }
        i += 4
        return v
    }
}
