/// Records kept packed in one byte buffer: a board's first import creates a hundred thousand
/// pupils and more verzorgers, and keeping each as a struct of Strings from the check to the
/// commit costs more time and memory than the check itself. A packed record is a plain value —
/// its own bytes, no reference to a file — made into a record when read.
///
/// The layout is prefix-free, field after field: a text is its length (LEB128) and its UTF-8
/// bytes; an optional text is 0 for none, else its length + 1 and its bytes; a date is its
/// yyyymmdd as 4 bytes (0: none); an enumeration or a flag one byte. Prefix-free: when a record's
/// bytes start with another complete record's bytes, they are that record.
public protocol PackedRecord: Sendable, Equatable {
    /// Appends the record's packed bytes.
    func pack(into out: inout [UInt8])
    /// Reads a record from `r`; nil when the bytes are not one (never for bytes `pack` wrote).
    static func unpack(_ r: inout PackReader) -> Self?
    /// True when `r` reads this record's packed bytes, field by field (see `packedEquals`).
    func same(_ r: inout PackReader) -> Bool
}

/// Appends packed fields (see `PackedRecord`).
public enum Pack {
    @inline(__always)
    static func length(_ n: Int, _ out: inout [UInt8]) {
        var v = UInt(max(0, n))
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func text(_ p: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        length(p.count, &out)
        out.append(contentsOf: p)
    }

    @inline(__always)
    static func text(_ s: String, _ out: inout [UInt8]) {
        length(s.utf8.count, &out)
        out.append(contentsOf: s.utf8)
    }

    /// An optional text: none is 0.
    @inline(__always)
    static func optionalText(_ p: UnsafeBufferPointer<UInt8>?, _ out: inout [UInt8]) {
        guard let p else { return out.append(0) }
        length(p.count + 1, &out)
        out.append(contentsOf: p)
    }

    @inline(__always)
    static func optionalText(_ s: String?, _ out: inout [UInt8]) {
        guard let s else { return out.append(0) }
        length(s.utf8.count + 1, &out)
        out.append(contentsOf: s.utf8)
    }

    @inline(__always)
    static func day(_ packed: Int32, _ out: inout [UInt8]) {
        let v = UInt32(bitPattern: max(0, packed))
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    @inline(__always)
    static func day(_ d: Day?, _ out: inout [UInt8]) { day(d?.packed ?? 0, &out) }

    @inline(__always)
    static func geslacht(_ g: Geslacht, _ out: inout [UInt8]) {
        out.append(g == .man ? 1 : g == .vrouw ? 2 : 0)
    }
}

/// Reads packed fields from a byte buffer, bounded by it: past its end every read fails.
public struct PackReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    /// A reader of `bytes` from `position` on.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func byte() -> UInt8? {
        guard position >= 0, position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func length() -> Int? {
        var v = 0, shift = 0
        while let b = byte() {
            guard shift <= 28 else { return nil }
            v |= Int(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    mutating func raw(_ n: Int) -> String? {
        guard n >= 0, n <= bytes.count - position else { return nil }
        defer { position += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
    }

    mutating func text() -> String? {
        guard let n = length() else { return nil }
        return raw(n)
    }

    /// An optional text: .some(nil) for none, nil when unreadable.
    mutating func optionalText() -> String?? {
        guard let n = length() else { return nil }
        if n == 0 { return .some(nil) }
        guard let s = raw(n - 1) else { return nil }
        return .some(s)
    }

    /// A date: .some(nil) for none, nil when unreadable or impossible.
    mutating func day() -> Day?? {
        guard let a = byte(), let b = byte(), let c = byte(), let d = byte() else { return nil }
        let v = Int32(bitPattern: UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24)
        if v == 0 { return .some(nil) }
        guard let day = Day(packed: v) else { return nil }
        return .some(day)
    }

    mutating func geslacht() -> Geslacht? {
        switch byte() {
        case 0: .onbekend
        case 1: .man
        case 2: .vrouw
        default: nil
        }
    }
}

extension Leerling: PackedRecord {
    public func pack(into out: inout [UInt8]) {
        Pack.text(key, &out)
        Pack.text(stamnr, &out)
        Pack.text(roepnaam, &out)
        Pack.text(tussenvoegsel, &out)
        Pack.text(achternaam, &out)
        Pack.day(geboortedatum, &out)
        Pack.geslacht(geslacht, &out)
        Pack.optionalText(email, &out)
        Pack.day(vertrekdatum, &out)
    }

    public static func unpack(_ r: inout PackReader) -> Leerling? {
        guard let key = r.text(), let stamnr = r.text(), let roepnaam = r.text(), let tussenvoegsel = r.text(),
              let achternaam = r.text(), let geboren = r.day(), let geslacht = r.geslacht(), let email = r.optionalText(),
              let vertrek = r.day() else { return nil }
        return Leerling(key: key, stamnr: stamnr, roepnaam: roepnaam, tussenvoegsel: tussenvoegsel, achternaam: achternaam,
                        geboortedatum: geboren, geslacht: geslacht, email: email, vertrekdatum: vertrek)
    }
}

extension Verzorger: PackedRecord {
    public func pack(into out: inout [UInt8]) {
        Pack.text(leerling, &out)
        out.append(UInt8(truncatingIfNeeded: slot))
        Pack.text(voorletters, &out)
        Pack.text(tussenvoegsel, &out)
        Pack.text(achternaam, &out)
        Pack.geslacht(geslacht, &out)
        Pack.optionalText(email, &out)
        out.append(post ? 1 : 0)
    }

    public static func unpack(_ r: inout PackReader) -> Verzorger? {
        guard let leerling = r.text(), let slot = r.byte(), 1...3 ~= slot, let voorletters = r.text(), let tussenvoegsel = r.text(),
              let achternaam = r.text(), let geslacht = r.geslacht(), let email = r.optionalText(), let post = r.byte(), post <= 1
        else { return nil }
        return Verzorger(leerling: leerling, slot: Int(slot), voorletters: voorletters, tussenvoegsel: tussenvoegsel,
                         achternaam: achternaam, geslacht: geslacht, email: email, post: post == 1)
    }
}

extension PackedRecord {
    /// The record packed at `offset` of `bytes`; nil when none is.
    static func unpack(_ bytes: [UInt8], at offset: Int) -> Self? {
        bytes.withUnsafeBufferPointer { p in
            var r = PackReader(p, at: offset)
            return unpack(&r)
        }
    }

    /// True when `bytes` hold this record at `offset`, compared as packed bytes, field by
    /// field, without packing it. False says nothing more: texts that differ only in their
    /// Unicode form are equal records in different bytes.
    func packedEquals(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var r = PackReader(bytes, at: offset)
        return same(&r)
    }
}

extension PackReader {
    /// The next field is text `s` (same bytes).
    mutating func same(_ s: String) -> Bool {
        guard let n = length() else { return false }
        return sameBytes(s, n)
    }

    /// The next field is optional text `s`.
    mutating func same(_ s: String?) -> Bool {
        guard let n = length() else { return false }
        guard let s else { return n == 0 }
        return n > 0 && sameBytes(s, n - 1)
    }

    mutating func sameBytes(_ s: String, _ n: Int) -> Bool {
        guard n >= 0, n <= bytes.count - position, s.utf8.count == n, let base = bytes.baseAddress else { return false }
        let equal = Text.withBytes(s) { q in n == 0 || q.baseAddress.map { Text.sameBytes(base + position, $0, count: n) } ?? false }
        position += n
        return equal
    }

    mutating func same(_ d: Day?) -> Bool {
        guard case .some(let read) = day() else { return false }
        return read == d
    }

    mutating func same(_ g: Geslacht) -> Bool { geslacht() == g }
}

extension Leerling {
    public func same(_ r: inout PackReader) -> Bool {
        r.same(key) && r.same(stamnr) && r.same(roepnaam) && r.same(tussenvoegsel) && r.same(achternaam)
            && r.same(geboortedatum) && r.same(geslacht) && r.same(email) && r.same(vertrekdatum)
    }
}

extension Verzorger {
    public func same(_ r: inout PackReader) -> Bool {
        r.same(leerling) && r.byte() == UInt8(truncatingIfNeeded: slot) && r.same(voorletters) && r.same(tussenvoegsel)
            && r.same(achternaam) && r.same(geslacht) && r.same(email) && r.byte() == (post ? 1 : 0)
    }
}

/// The records a change set creates, changes or removes, in order: created ones can be kept
/// packed (a first import's hundred thousand pupils), the others as whole records before and
/// after. A collection of `RecordChange` values; a packed one is made into its record when read.
public struct RecordChanges<R: PackedRecord>: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Changes kept as records.
    var listed: [RecordChange<R>] = []
    /// Created records, packed: record n starts at `starts[n]` in `packed`.
    var packed: [UInt8] = []
    var starts: [Int] = []
    /// Position → change when both kinds are held: n ≥ 0 is packed record n, n < 0 listed
    /// change ~n. Empty while only one kind is.
    var order: [Int32] = []

    /// No changes.
    public init() {}

    /// These changes, kept as records.
    public init(arrayLiteral elements: RecordChange<R>...) { listed = elements }

    /// These changes, kept as records.
    public init<S: Sequence>(_ changes: S) where S.Element == RecordChange<R> { listed = Array(changes) }

    /// Created records packed in `bytes` (shared, not copied), record n at `starts[n]`.
    init(created bytes: [UInt8], starts: [Int]) {
        packed = bytes
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { listed.count + starts.count }

    /// Change `i`; a packed one made into its record (a change of nothing when its bytes are
    /// not one, which `pack` never writes).
    public subscript(i: Int) -> RecordChange<R> {
        if order.isEmpty { return listed.isEmpty ? created(i) : listed[i] }
        let n = order[i]
        return n >= 0 ? created(Int(n)) : listed[Int(~n)]
    }

    func created(_ n: Int) -> RecordChange<R> {
        RecordChange(before: nil, after: R.unpack(packed, at: starts[n]))
    }

    /// Makes room for both kinds when the second arrives.
    mutating func mix() {
        guard order.isEmpty, !listed.isEmpty || !starts.isEmpty else { return }
        order = listed.isEmpty ? (0..<starts.count).map { Int32(truncatingIfNeeded: $0) }
            : (0..<listed.count).map { ~Int32(truncatingIfNeeded: $0) }
    }

    /// Appends a change, kept as records.
    public mutating func append(_ c: RecordChange<R>) {
        if !starts.isEmpty { mix() }
        if !order.isEmpty { order.append(~Int32(truncatingIfNeeded: listed.count)) }
        listed.append(c)
    }

    /// Appends changes, kept as records.
    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == RecordChange<R> {
        for c in s { append(c) }
    }

    /// Appends a created record, packed.
    public mutating func appendCreated(_ r: R) {
        if !listed.isEmpty { mix() }
        if !order.isEmpty { order.append(Int32(truncatingIfNeeded: starts.count)) }
        starts.append(packed.count)
        r.pack(into: &packed)
    }

    /// Equal when they hold the same changes in the same order (however they are kept).
    public static func == (a: RecordChanges, b: RecordChanges) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

