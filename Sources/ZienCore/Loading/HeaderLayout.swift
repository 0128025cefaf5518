/// How the records of a file relate to a verdict on the file as a whole (SPEC.md §3, "one cause,
/// one verdict"): a header that lacks, adds, renames or swaps columns, or a file of another
/// soort, is reported once, and the records it explains get no findings of their own for it.
public struct RecordLayout: Sendable, Equatable {
    /// Records with this many fields are the ones the verdict explains.
    public var explainedCount: Int
    /// For those records: the field index that holds each column of the layout (-1: the file
    /// has no such column). Nil: the records are not checked at all (a file of another soort).
    public var map: [Int]?
    /// Layout columns (by name) whose findings the verdict explains: a missing column is no
    /// `geen-geslacht` on every line.
    public var explainedColumns: Set<String>
}

/// Compares a header with the layout of its soort.
enum HeaderLayout {
    struct Result {
        var diagnostics: [Diagnostic] = []
        var layout: RecordLayout?
    }

    /// The findings on header `names` (line `line`) for `soort`, and the record layout they
    /// imply; no findings and no layout when the header is the layout.
    static func analyse(_ names: [String], soort: Soort, line: Int) -> Result {
        let header = names.map(Columns.normalize)
        // The accepted header that shares the most names with this one.
        let variants = soort.acceptedHeaders.map { $0.map(Columns.normalize) }
        let expected = variants.max { a, b in
            Set(a).intersection(header).count < Set(b).intersection(header).count
        } ?? variants[0]
        if header == expected { return Result() }
        let columns = soort.columns
        var result = Result()

        // Each header name to the layout column of that name (a name used twice: the first).
        var assigned = [Int](repeating: -1, count: header.count)
        var used = [Bool](repeating: false, count: expected.count)
        var duplicate = [Bool](repeating: false, count: header.count)
        for (i, n) in header.enumerated() {
            if let j = expected.indices.first(where: { expected[$0] == n && !used[$0] }) {
                assigned[i] = j
                used[j] = true
            } else if expected.contains(n) {
                duplicate[i] = true
            }
        }
        // An unknown name where a missing column would stand, with as many unknown names as
        // missing columns between the same known neighbours, is that column renamed.
        var renamed: [Int: Int] = [:]   // header position → layout column
        var p = -1
        while p < header.count {
            var q = p + 1
            while q < header.count && assigned[q] < 0 { q += 1 }
            let a = p >= 0 ? assigned[p] : -1
            let b = q < header.count ? assigned[q] : expected.count
            if a < b {
                let unknown = ((p + 1)..<q).filter { !duplicate[$0] }
                let missing = ((a + 1)..<b).filter { !used[$0] }
                if !unknown.isEmpty && unknown.count == missing.count {
                    for (i, j) in zip(unknown, missing) { renamed[i] = j }
                }
            }
            p = q
        }
        for (i, j) in renamed {
            assigned[i] = j
            used[j] = true
        }

        var explained = Set<String>()
        for j in expected.indices where !used[j] {
            result.diagnostics.append(Diagnostic(.kolomOntbreekt, soort: soort, line: line, column: columns[j],
                                                 String(j + 1), columns[j], ""))
            explained.insert(columns[j])
        }
        for (i, j) in renamed.sorted(by: { $0.key < $1.key }) {
            result.diagnostics.append(Diagnostic(.kolomOntbreekt, soort: soort, line: line, column: columns[j], value: names[i],
                                                 String(j + 1), columns[j], MessagePart.vervangenDoor(names[i])))
            explained.insert(columns[j])
        }
        for i in header.indices where assigned[i] < 0 {
            result.diagnostics.append(Diagnostic(.kolomExtra, soort: soort, line: line, value: names[i],
                                                 String(i + 1), names[i], duplicate[i] ? MessagePart.dubbel : ""))
        }

        // The order of the columns both have: ranks among them, header against layout.
        let kept = header.indices.filter { assigned[$0] >= 0 }
        let order = kept.map { assigned[$0] }.sorted()
        let rank = kept.map { i in order.firstIndex(of: assigned[i]) ?? 0 }
        var parts: [String] = []
        var done = Set<Int>()
        for k in rank.indices where rank[k] != k && !done.contains(k) {
            let m = rank[k]
            if m < rank.count, rank[m] == k {
                // Two columns that changed places: one swap.
                parts.append(MessagePart.verwisseld(columns[assigned[kept[k]]], kept[k] + 1, columns[assigned[kept[m]]], kept[m] + 1))
                done.insert(m)
            } else {
                parts.append(MessagePart.verplaatst(columns[assigned[kept[k]]], kept[k] + 1, assigned[kept[k]] + 1))
            }
            done.insert(k)
        }
        if !parts.isEmpty {
            result.diagnostics.append(Diagnostic(.kolomvolgorde, soort: soort, line: line, parts.joined(separator: "; ")))
        }

        var map = [Int](repeating: -1, count: expected.count)
        for i in header.indices where assigned[i] >= 0 { map[assigned[i]] = i }
        guard !result.diagnostics.isEmpty else { return Result() }
        result.layout = RecordLayout(explainedCount: header.count, map: map, explainedColumns: explained)
        return result
    }
}
