/// A pupil's line in the leerling file, for what the check did not pack (an `ILT/leerjaar`
/// that is not short digits).
struct PupilLine {
    let s: RecordScanner
    let pupil: ImportData.Pupil
    typealias L = Columns.L

    /// `ILT/leerjaar`, the extra of the pupil's vestiging coupling.
    var extra: String { s.string(L.ilt) + "/" + s.string(L.leerjaar) }
}

extension ImportData {
    /// Calls `body` with pupil `i`'s line; nil for a pupil without one (known only from koppel).
    func withLine<R>(_ i: Int, _ body: (PupilLine) -> R) -> R? {
        withLines { lines in lines.line(i).map(body) }
    }

    /// Calls `body` with a reader of pupils' lines that makes no allocation per line.
    func withLines<R>(_ body: (inout PupilLines) -> R) -> R {
        guard let file = files[.leerling] else {
            var none = PupilLines(pupils: [], cursor: RecordCursor(scanner: RecordScanner(text: UnsafeBufferPointer(start: nil, count: 0), delimiter: .semicolon), offsets: [], lines: []))
            return body(&none)
        }
        return file.withRecords { cursor in
            var lines = PupilLines(pupils: pupils, cursor: cursor)
            return body(&lines)
        }
    }
}

/// Reads pupils' lines by pupil index (see `ImportData.withLines`).
struct PupilLines {
    /// The pupils, empty when no leerling file is loaded.
    let pupils: [ImportData.Pupil]
    var cursor: RecordCursor

    /// Pupil `i`'s line; nil for a pupil without one. Valid until the next call: the lines
    /// share one scanner.
    mutating func line(_ i: Int) -> PupilLine? {
        guard i < pupils.count, case let p = pupils[i], p.record >= 0 else { return nil }
        return PupilLine(s: cursor.read(Int(p.record)), pupil: p)
    }
}
