import Dispatch

/// A byte the chosen charset could not decode, replaced by U+FFFD in the text.
public struct DecodeError: Sendable, Equatable {
    /// Offset in the decoded UTF-8 text where U+FFFD stands.
    public var textOffset: Int
    /// Offset of the byte in the file.
    public var fileOffset: Int
    /// The byte (for UTF-16: the first byte of the unit) that could not be read.
    public var byte: UInt8
}

/// A whole file turned into UTF-8 bytes, the one form the tokenizer works on.
public struct DecodedText: Sendable {
    /// UTF-8, without BOM.
    public var bytes: [UInt8]
    public var charset: Charset
    public var hadBOM: Bool
    /// Undecodable bytes (only for a forced charset; `auto` never chooses one that fails).
    public var errors: [DecodeError]
    /// File-level problem, e.g. `utf-16` forced on a file without BOM.
    public var problem: String?
}

/// Turns file bytes into UTF-8 text.
public enum TextDecoder {
    /// The charset `auto` chooses: BOM, else valid UTF-8, else Windows-1252 when 0x80–0x9F
    /// occur, else ISO-8859-1.
    public static func detect(_ raw: [UInt8]) -> (Charset, bomLength: Int) {
        if let bom = bom(raw) { return bom }
        if UTF8Validation.isValid(raw) { return (.utf8, 0) }
        for b in raw where b >= 0x80 && b <= 0x9F { return (.windows1252, 0) }
        return (.iso88591, 0)
    }

    /// The encoding and length of a byte-order mark at the start, if any.
    public static func bom(_ raw: [UInt8]) -> (Charset, bomLength: Int)? {
        for cs in [Charset.utf8, .utf16le, .utf16be] where raw.starts(with: cs.byteOrderMark) {
            return (cs, cs.byteOrderMark.count)
        }
        return nil
    }

    /// Decodes `raw` as the setting asks. Never fails: undecodable bytes become U+FFFD and are
    /// listed in `errors`.
    public static func decode(_ raw: [UInt8], setting: CharsetSetting) -> DecodedText {
        switch setting {
        case .auto:
            let (cs, bomLen) = detect(raw)
            if cs == .utf8 && bomLen == 0 {
                // detect() has just validated it: no second pass.
                return DecodedText(bytes: raw, charset: .utf8, hadBOM: false, errors: [], problem: nil)
            }
            return decode(raw, as: cs, skip: bomLen)
        case .utf16WithBOM:
            if let (cs, len) = bom(raw), cs != .utf8 { return decode(raw, as: cs, skip: len) }
            var t = decode(raw, as: .utf16le, skip: 0)
            t.problem = "Tekenset utf-16 vraagt een BOM aan het begin van het bestand; dit bestand heeft er geen. Kies utf-16le of utf-16be."
            return t
        case .herstel:
            return decode(raw, setting: .forced(.utf8))
        case .forced(let cs):
            var skip = 0
            if let (bcs, len) = bom(raw), bcs == cs { skip = len }
            return decode(raw, as: cs, skip: skip)
        }
    }

    static func decode(_ raw: [UInt8], as cs: Charset, skip: Int) -> DecodedText {
        var out = DecodedText(bytes: [], charset: cs, hadBOM: skip > 0, errors: [], problem: nil)
        switch cs {
        case .utf8:
            if skip == 0, UTF8Validation.firstInvalid(raw, from: 0) == nil {
                out.bytes = raw
            } else {
                (out.bytes, out.errors) = decodeUTF8Replacing(raw, from: skip)
            }
        case .windows1252:
            out.bytes = decodeSingleByte(raw, from: skip, high: cp1252High)
        case .iso88591:
            out.bytes = decodeSingleByte(raw, from: skip, high: nil)
        case .utf16le, .utf16be:
            (out.bytes, out.errors) = decodeUTF16(raw, from: skip, bigEndian: cs == .utf16be)
        }
        return out
    }

    static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        if s < 0x80 {
            out.append(UInt8(s))
        } else if s < 0x800 {
            out.append(UInt8(0xC0 | (s >> 6)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            out.append(UInt8(0xE0 | (s >> 12)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (s >> 18)))
            out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }

    /// UTF-8 of every byte 0x80–0xFF in a single-byte charset: up to three bytes packed
    /// little-endian in the low 24 bits, the length in the top byte.
    static func highTable(_ high: [UInt32]?) -> [UInt32] {
        (0x80...0xFF).map { b in
            var out = [UInt8]()
            appendUTF8(b < 0xA0 ? high?[b - 0x80] ?? UInt32(b) : UInt32(b), to: &out)
            var packed = UInt32(out.count) << 24
            for (k, u) in out.enumerated() { packed |= UInt32(u) << (8 * UInt32(k)) }
            return packed
        }
    }
    static let cp1252Table = highTable(cp1252High)
    static let latin1Table = highTable(nil)

    /// Decodes a single-byte charset to UTF-8. Large files are done in parallel slices: each
    /// slice's output size is counted first, so every slice knows where its bytes go.
    static func decodeSingleByte(_ raw: [UInt8], from start: Int, high: [UInt32]?) -> [UInt8] {
        let table = high == nil ? latin1Table : cp1252Table
        let count = raw.count - start
        guard count > 0 else { return [] }
        let slices = count >= 1 << 22 ? max(1, min(ProcessorCount.value, 8)) : 1
        let bounds = (0...slices).map { start + count * $0 / slices }
        return table.withUnsafeBufferPointer { t in
            raw.withUnsafeBufferPointer { p in
                let input = UncheckedSendable(p), tab = UncheckedSendable(t)
                var sizes = [Int](repeating: 0, count: slices)
                sizes.withUnsafeMutableBufferPointer { out in
                    let sizesOut = UncheckedSendable(out)
                    DispatchQueue.concurrentPerform(iterations: slices) { k in
                        sizesOut.value[k] = decodedSize(input.value, bounds[k]..<bounds[k + 1], tab.value)
                    }
                }
                var running = [0]
                for sz in sizes { running.append((running.last ?? 0) + sz) }
                let offsets = running, total = running.last ?? 0
                return [UInt8](unsafeUninitializedCapacity: total) { out, written in
                    let dest = UncheckedSendable(out)
                    DispatchQueue.concurrentPerform(iterations: slices) { k in
                        let slice = UnsafeMutableBufferPointer(rebasing: dest.value[offsets[k]..<offsets[k + 1]])
                        decodeSlice(input.value, bounds[k]..<bounds[k + 1], tab.value, into: slice)
                    }
                    written = total
                }
            }
        }
    }

    /// The UTF-8 size of `range` of a single-byte text.
    static func decodedSize(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ t: UnsafeBufferPointer<UInt32>) -> Int {
        var size = 0
        var k = range.lowerBound
        let bytes = UnsafeRawBufferPointer(p)
        while k < range.upperBound {
            if k + 8 <= range.upperBound, bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                size += 8
                k += 8
                continue
            }
            size += p[k] < 0x80 ? 1 : Int(t[Int(p[k]) - 0x80] >> 24)
            k += 1
        }
        return size
    }

    /// Writes the UTF-8 of `range` into `out` (exactly `decodedSize` bytes).
    static func decodeSlice(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ t: UnsafeBufferPointer<UInt32>,
                            into out: UnsafeMutableBufferPointer<UInt8>) {
        var o = 0
        var i = range.lowerBound
        let raw = UnsafeRawBufferPointer(p)
        let dest = UnsafeMutableRawBufferPointer(out)
        while i < range.upperBound {
            // Eight ASCII bytes at a time.
            if i + 8 <= range.upperBound {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    dest.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                    o += 8
                    i += 8
                    continue
                }
            }
            let b = p[i]
            i += 1
            if b < 0x80 {
                out[o] = b
                o += 1
            } else {
                let packed = t[Int(b) - 0x80]
                let len = Int(packed >> 24)
                out[o] = UInt8(truncatingIfNeeded: packed)
                out[o + 1] = UInt8(truncatingIfNeeded: packed >> 8)
                if len == 3 { out[o + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                o += len
            }
        }
    }

    static func decodeUTF8Replacing(_ raw: [UInt8], from start: Int) -> ([UInt8], [DecodeError]) {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var errors = [DecodeError]()
        var i = start
        while i < raw.count {
            let len = UTF8Validation.sequenceLength(raw, at: i)
            if len > 0 {
                out.append(contentsOf: raw[i..<(i + len)])
                i += len
            } else {
                errors.append(DecodeError(textOffset: out.count, fileOffset: i, byte: raw[i]))
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
            }
        }
        return (out, errors)
    }

    static func decodeUTF16(_ raw: [UInt8], from start: Int, bigEndian: Bool) -> ([UInt8], [DecodeError]) {
        var out = [UInt8]()
        out.reserveCapacity(raw.count / 2 + raw.count / 8)
        var errors = [DecodeError]()
        var i = start
        func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(raw[k]) << 8 | UInt32(raw[k + 1]) : UInt32(raw[k + 1]) << 8 | UInt32(raw[k])
        }
        while i + 1 < raw.count {
            let u = unit(i)
            if u >= 0xD800 && u < 0xDC00 {
                if i + 3 < raw.count {
                    let v = unit(i + 2)
                    if v >= 0xDC00 && v < 0xE000 {
                        appendUTF8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out)
                        i += 4
                        continue
                    }
                }
                errors.append(DecodeError(textOffset: out.count, fileOffset: i, byte: raw[i]))
                appendUTF8(0xFFFD, to: &out)
            } else if u >= 0xDC00 && u < 0xE000 {
                errors.append(DecodeError(textOffset: out.count, fileOffset: i, byte: raw[i]))
                appendUTF8(0xFFFD, to: &out)
            } else {
                appendUTF8(u, to: &out)
            }
            i += 2
        }
        if i < raw.count {
            errors.append(DecodeError(textOffset: out.count, fileOffset: i, byte: raw[i]))
            appendUTF8(0xFFFD, to: &out)
        }
        return (out, errors)
    }

    /// Encodes UTF-8 text in `charset`; nil for the first scalar the charset cannot hold.
    public static func encode(_ text: String, as charset: Charset) -> [UInt8]? {
        var out = [UInt8]()
        for s in text.unicodeScalars {
            let v = s.value
            switch charset {
            case .utf8: out.append(contentsOf: Array(String(s).utf8))
            case .windows1252:
                guard let b = cp1252Byte(v) else { return nil }
                out.append(b)
            case .iso88591:
                guard v <= 0xFF else { return nil }
                out.append(UInt8(v))
            case .utf16le, .utf16be:
                for u in String(s).utf16 {
                    let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
                    out.append(contentsOf: charset == .utf16le ? [lo, hi] : [hi, lo])
                }
            }
        }
        return out
    }
}

/// Fast UTF-8 validation on bytes.
public enum UTF8Validation {
    /// Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none.
    @inline(__always)
    public static func sequenceLength(_ p: [UInt8], at i: Int) -> Int {
        p.withUnsafeBufferPointer { sequenceLength($0, at: i) }
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none.
    @inline(__always)
    public static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = p.count
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        if b0 < 0xC2 { return 0 }
        if b0 < 0xE0 {
            return i + 1 < n && p[i + 1] & 0xC0 == 0x80 ? 2 : 0
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return 0 }
            let b1 = p[i + 1], b2 = p[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return 0 }
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 >= 0xA0 { return 0 }
            return 3
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return 0 }
            let b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return 0 }
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        }
        return 0
    }

    /// True when all of `bytes` is valid UTF-8. Large files are checked in parallel slices cut
    /// at ASCII bytes (a sequence never spans an ASCII byte, so each slice stands alone).
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        let n = bytes.count
        let slices = n >= 1 << 22 ? max(1, min(ProcessorCount.value, 8)) : 1
        guard slices > 1 else { return firstInvalid(bytes, from: 0) == nil }
        var cuts = [0]
        for k in 1..<slices {
            var c = n * k / slices
            while c < n && bytes[c] >= 0x80 { c += 1 }
            cuts.append(max(c, cuts[k - 1]))
        }
        cuts.append(n)
        var ok = [Bool](repeating: false, count: slices)
        bytes.withUnsafeBufferPointer { p in
            ok.withUnsafeMutableBufferPointer { out in
                let input = UncheckedSendable(p), results = UncheckedSendable(out), bounds = cuts
                DispatchQueue.concurrentPerform(iterations: slices) { k in
                    results.value[k] = firstInvalid(input.value, bounds[k]..<bounds[k + 1]) == nil
                }
            }
        }
        return !ok.contains(false)
    }

    /// Offset of the first byte in `range` that is not valid UTF-8 (a sequence may not run past
    /// the range), or nil.
    static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let slice = UnsafeBufferPointer(rebasing: p[..<range.upperBound])
        let raw = UnsafeRawBufferPointer(slice)
        let n = range.upperBound
        var i = range.lowerBound
        while i < n {
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { return nil }
            if slice[i] < 0x80 { i += 1; continue }
            let len = sequenceLength(slice, at: i)
            if len == 0 { return i }
            i += len
        }
        return nil
    }

    /// Offset of the first byte that is not valid UTF-8, or nil.
    public static func firstInvalid(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            let raw = UnsafeRawBufferPointer(p)
            var i = start
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { return nil }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                let len = sequenceLength(p, at: i)
                if len == 0 { return i }
                i += len
            }
            return nil
        }
    }
}
