import Dispatch
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

        let slices = lines.count >= 2_000 ? max(2, min(ProcessorCount.value, 8)) : 1
        var parts = [[UInt8]](repeating: [], count: slices)
        var pupilSpans = [(slice: Int32, range: Range<Int>)](repeating: (0, 0..<0), count: new.pupils.count)
        var verzorgerSpans = [(slice: Int32, range: Range<Int>)](repeating: (0, 0..<0), count: new.verzorgers.count)
        parts.withUnsafeMutableBufferPointer { partBuffer in
            pupilSpans.withUnsafeMutableBufferPointer { pupilBuffer in
                verzorgerSpans.withUnsafeMutableBufferPointer { verzorgerBuffer in
                    let out = UncheckedSendable((partBuffer, pupilBuffer, verzorgerBuffer))
                    let rows = rows
                    DispatchQueue.concurrentPerform(iterations: slices) { k in
                        let range = (lines.count * k / slices)..<(lines.count * (k + 1) / slices)
                        var w = JSONWriter(capacity: range.count * 240)
                        new.withLines { reader in
                            for j in range {
                                let p = lines[j]
                                guard let line = reader.line(p) else { continue }
                                if case let row = rows[p * 4], row >= 0 {
                                    let start = w.bytes.count
                                    w.standalone()
                                    StoreData.writeLeerling(&w, line)
                                    out.value.1[Int(row)] = (Int32(k), start..<w.bytes.count)
                                }
                                for slot in 1...3 where rows[p * 4 + slot] >= 0 {
                                    let start = w.bytes.count
                                    w.standalone()
                                    StoreData.writeVerzorger(&w, line, slot: slot)
                                    out.value.2[Int(rows[p * 4 + slot])] = (Int32(k), start..<w.bytes.count)
                                }
                            }
                        }
                        out.value.0[k] = w.bytes
                    }
                }
            }
        }
        var base: [Int] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            base.append(bytes.count)
            bytes.append(contentsOf: part)
        }
        pupils = pupilSpans.map { $0.range.isEmpty ? 0..<0 : ($0.range.lowerBound + base[Int($0.slice)])..<($0.range.upperBound + base[Int($0.slice)]) }
        verzorgers = verzorgerSpans.map { $0.range.isEmpty ? 0..<0 : ($0.range.lowerBound + base[Int($0.slice)])..<($0.range.upperBound + base[Int($0.slice)]) }
    }
}
