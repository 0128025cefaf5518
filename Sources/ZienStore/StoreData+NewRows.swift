import ZienCore

/// The rows of a change set's new pupils and verzorgers, written from one reading of each line
/// (a pupil's row and its verzorgers' rows come from the same line), on all cores; the sections
/// are then put together in key order from these spans.
struct NewRows: Sendable {
    /// Every row, one after the other.
    var bytes: [UInt8] = []
    /// Where row `i` of `new.pupils` lies in `bytes`.
    var pupils: [Range<Int>] = []
    /// Where row `i` of `new.verzorgers` lies in `bytes`.
    var verzorgers: [Range<Int>] = []

    init() {}

    init(_ new: NewRecords) {
        guard !new.pupils.isEmpty || !new.verzorgers.isEmpty else { return }
        // Row numbers by pupil index × 4 + slot (slot 0: the pupil's own row), -1 for none.
        let count = Int(max(new.pupils.map(\.pupil).max() ?? 0, new.verzorgers.map(\.pupil).max() ?? 0)) + 1
        var rows = [Int32](repeating: -1, count: count * 4)
        for (i, p) in new.pupils.enumerated() { rows[Int(p.pupil) * 4] = Int32(i) }
        for (i, v) in new.verzorgers.enumerated() where 1...3 ~= v.slot { rows[Int(v.pupil) * 4 + Int(v.slot)] = Int32(i) }
        // The lines to read, in file order.
        let lines = (0..<count).filter { p in (0..<4).contains { rows[p * 4 + $0] >= 0 } }

        // Each slice writes its rows into its own bytes and says where each row lies there.
        let rowTable = rows
        let parts = inSlices(lines.count, minimum: 2_000) { range in
            var w = JSONWriter(capacity: range.count * 240)
            var spans: [(row: Int32, verzorger: Bool, range: Range<Int>)] = []
            new.withLines { reader in
                for j in range {
                    let p = lines[j]
                    guard let line = reader.line(p) else { continue }
                    for slot in 0...3 where rowTable[p * 4 + slot] >= 0 {
                        let start = w.bytes.count
                        w.standalone()
                        if slot == 0 { StoreData.writeLeerling(&w, line) } else { StoreData.writeVerzorger(&w, line, slot: slot) }
                        spans.append((rowTable[p * 4 + slot], slot > 0, start..<w.bytes.count))
                    }
                }
            }
            return (w.bytes, spans)
        }
        pupils = Array(repeating: 0..<0, count: new.pupils.count)
        verzorgers = Array(repeating: 0..<0, count: new.verzorgers.count)
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.0.count })
        for (part, spans) in parts {
            let base = bytes.count
            bytes.append(contentsOf: part)
            for span in spans {
                let range = (span.range.lowerBound + base)..<(span.range.upperBound + base)
                if span.verzorger { verzorgers[Int(span.row)] = range } else { pupils[Int(span.row)] = range }
            }
        }
    }
}
