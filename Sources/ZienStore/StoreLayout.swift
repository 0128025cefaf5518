import ZienCore

/// Where a document's large sections (pupils, verzorgers, couplings) lie in the bytes it was
/// read from — only for a section that is exactly what the writer makes of its records: no
/// space between tokens, no escape, no leading zero, keys in the writer's order. A commit then
/// copies the rows it did not touch from the file it read instead of writing them again (a
/// weekly import changes a handful of a board's million rows; writing them all was half of
/// its commit).
struct StoreLayout: Sendable, Equatable {
    /// Reads bytes of the document the layout is of (nil when it cannot).
    typealias Reader = (Range<Int>) -> [UInt8]?

    /// The rows of one section: where every `every`-th row's `[` is (rows 0, every, 2·every …;
    /// the couplings note one in 32, to keep a board's 650,000 offsets out of memory), how many
    /// rows there are, and where the array's `]` is.
    struct Rows: Sendable, Equatable {
        var starts: [UInt32]
        var every = 1
        var count: Int
        var end: Int

        /// Where row `i` starts (`count`: one past the `]`), read from the document when the row
        /// is not one whose start is noted: the rows after the nearest noted one are read past.
        func start(_ i: Int, _ read: Reader) -> Int? {
            guard i >= 0, i <= count else { return nil }
            if i == count { return end + 1 }
            let (c, skip) = i.quotientAndRemainder(dividingBy: every)
            let from = Int(starts[c])
            if skip == 0 { return from }
            let to = c + 1 < starts.count ? Int(starts[c + 1]) : end
            guard from < to, let chunk = read(from..<to) else { return nil }
            var p = StoreDecoder(chunk)
            do {
                for _ in 0..<skip {
                    try p.skipValue()
                    try p.expect(0x2C)
                }
            } catch {
                return nil
            }
            return from + p.i
        }

        /// The bytes of rows `a..<b` (with the commas between them), `a < b`.
        func span(_ a: Int, _ b: Int, _ read: Reader) -> Range<Int>? {
            guard let from = start(a, read), let to = start(b, read), from < to else { return nil }
            return from..<(to - 1)
        }
    }

    /// A section of records by key, its rows in the writer's (ascending) key order; a row's key
    /// is read from the document when needed (`key`).
    struct KeyedRows: Sendable, Equatable {
        var rows: Rows

        /// The first row whose key is not below `key`, the keys read with `rowKey`; nil when a
        /// row cannot be read.
        func lowerBound(_ key: String, _ rowKey: (Int) -> String?) -> Int? {
            var lo = 0, hi = rows.count
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                guard let k = rowKey(mid) else { return nil }
                if k < key { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    var leerlingen: KeyedRows?
    var verzorgers: KeyedRows?
    var koppelingen: Rows?

    /// Whether copying a section's rows around `touched` of its `rows` beats writing them all:
    /// each touched row is found in the file (read around it), so past one in 32 (and at least
    /// 1,024) the section is written whole.
    static func worthReading(_ touched: Int, of rows: Int) -> Bool { touched <= max(1_024, rows / 32) }
}

/// A part of a document being written: bytes made now, or bytes of the document it was read
/// from (copied file to file, never read into memory again).
enum DocumentPiece: Equatable {
    case bytes([UInt8])
    case source(Range<Int>)
}

/// Collects a document's pieces, joining what is made now into as few buffers as it can.
struct PieceList {
    var pieces: [DocumentPiece] = []
    var pending: [UInt8] = []

    mutating func append(_ b: [UInt8]) {
        if pending.isEmpty { pending = b } else { pending += b }
    }

    mutating func append(source r: Range<Int>) {
        guard !r.isEmpty else { return }
        flush()
        if case .source(let last)? = pieces.last, last.upperBound == r.lowerBound {
            pieces[pieces.count - 1] = .source(last.lowerBound..<r.upperBound)
        } else {
            pieces.append(.source(r))
        }
    }

    /// A large buffer as a piece of its own (not copied into another).
    mutating func append(big b: [UInt8]) {
        flush()
        pieces.append(.bytes(b))
    }

    mutating func flush() {
        if !pending.isEmpty { pieces.append(.bytes(pending)) }
        pending = []
    }

    mutating func finish() -> [DocumentPiece] {
        flush()
        return pieces
    }
}

/// What a commit changed in the records decoded from a file with `layout`: the `Undo` its apply
/// returned names every record it created, changed or removed, and every coupling it edited,
/// appended, removed or inserted.
struct StoreReuse {
    var layout: StoreLayout
    var undo: Undo
    /// Reads the document the layout is of (the file it was decoded from, as it was then).
    var read: StoreLayout.Reader
}

extension StoreData {
    /// The rows of a keyed section as one array: the source's rows for every key `touched` does
    /// not name, the records' own rows (written now) for those it does — the same bytes as
    /// writing every record, when the source holds what the records were before.
    static func keyedRows<Record>(_ source: StoreLayout.KeyedRows, _ records: [String: Record], touched: [String],
                                  read: StoreLayout.Reader, rowKey: (StoreDecoder) -> String?,
                                  write: (inout JSONWriter, Record) -> Void) -> [DocumentPiece]? {
        func key(_ i: Int) -> String? {
            guard let span = source.rows.span(i, i + 1, read), let row = read(span) else { return nil }
            return rowKey(StoreDecoder(row))
        }
        var out = PieceList()
        out.append([0x5B])
        var first = true
        func comma() {
            if !first { out.append([0x2C]) }
            first = false
        }
        // Many touched (a new vestiging's first import into a board's store): each would be
        // searched for in the file; writing the section whole is cheaper.
        guard StoreLayout.worthReading(touched.count, of: source.rows.count) else { return nil }
        var cursor = 0
        var keys = touched.sorted()
        // Equal keys once (a key both created and removed again is one key).
        keys = keys.indices.compactMap { $0 > 0 && keys[$0 - 1] == keys[$0] ? nil : keys[$0] }
        for k in keys {
            guard let found = source.lowerBound(k, key) else { return nil }
            let at = max(found, cursor)
            if at > cursor {
                guard let span = source.rows.span(cursor, at, read) else { return nil }
                comma()
                out.append(source: span)
            }
            cursor = at
            if at < source.rows.count {
                guard let there = key(at) else { return nil }
                if there == k { cursor = at + 1 }
            }
            if let r = records[k] {
                comma()
                var w = JSONWriter(capacity: 256)
                write(&w, r)
                out.append(w.bytes)
            }
        }
        if cursor < source.rows.count {
            guard let span = source.rows.span(cursor, source.rows.count, read) else { return nil }
            comma()
            out.append(source: span)
        }
        out.append([0x5D])
        return out.finish()
    }

    /// The couplings' array from the source's rows, when the commit only edited couplings in
    /// place, removed a tail (an undo of an import) and appended: the source's rows up to the
    /// tail, each edited one written now, then the appended ones. Nil for any other shape (a
    /// reset's removals, an undo's insertions): then every row is written.
    func reusedKoppelingen(_ source: StoreLayout.Rows, _ undo: Undo, _ read: StoreLayout.Reader) -> [DocumentPiece]? {
        let before = source.count
        let kept = before - undo.removedKoppelingen.count
        guard kept >= 0 else { return nil }
        for (n, r) in undo.removedKoppelingen.enumerated() where r.index != kept + n { return nil }
        var created = 0
        for range in undo.createdKoppelingen {
            guard range.lowerBound >= kept, range.upperBound <= koppelingen.count else { return nil }
            created += range.count
        }
        guard kept + created == koppelingen.count else { return nil }
        // Edited in place: only rows the commit kept (an index outside them, which no planner
        // makes, writes every row), and not so many that reading around each costs more than
        // writing them all (a commit that ends most of a vestiging).
        let formers = undo.formerKoppelingen.map(\.index)
        guard formers.allSatisfy({ 0 <= $0 && $0 < koppelingen.count }), StoreLayout.worthReading(formers.count, of: kept) else { return nil }
        let edited = Set(formers.filter { $0 < kept }).sorted()
        var out = PieceList()
        out.append([0x5B])
        var cursor = 0
        var first = true
        func comma() {
            if !first { out.append([0x2C]) }
            first = false
        }
        for e in edited {
            if e > cursor {
                guard let span = source.span(cursor, e, read) else { return nil }
                comma()
                out.append(source: span)
            }
            comma()
            out.append(StoreData.rowsOfKoppelingen(koppelingen[e...e], brackets: false))
            cursor = e + 1
        }
        if kept > cursor {
            guard let span = source.span(cursor, kept, read) else { return nil }
            comma()
            out.append(source: span)
        }
        if kept < koppelingen.count {
            comma()
            // A large append (a vestiging's first import) on all cores.
            let half = kept + (koppelingen.count - kept) / 2
            let parts = StoreData.runAll([
                { [self] in StoreData.rowsOfKoppelingen(koppelingen[kept..<half], brackets: false) },
                { [self] in StoreData.rowsOfKoppelingen(koppelingen[half...], brackets: false) },
            ]).filter { !$0.isEmpty }
            for (n, p) in parts.enumerated() {
                if n > 0 { out.append([0x2C]) }
                out.append(big: p)
            }
        }
        out.append([0x5D])
        return out.finish()
    }
}
