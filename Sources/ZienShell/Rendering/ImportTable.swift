import ZienCore

/// The Importoverzicht as a table (`show imports`): aligned columns at any terminal width, file
/// names always whole. On a wide terminal (or no terminal) each entry is one row, with its
/// files in the last column; on a narrow one the row keeps number, time, kind and counts, and
/// status, schooljaar, vestiging and files follow on lines of their own beneath it. A refused
/// commit has its reason on the line below.
struct ImportTable {
    /// One entry as the table shows it.
    struct Row {
        var number: Int
        var tijd: String
        /// test, import, reset or undo.
        var kind: String
        var schooljaar: String
        var vestiging: String
        var status: String
        /// Fout/Waarschuwing/Info.
        var counts: String
        var files: [String]
        /// Why a commit was refused, for a refused one.
        var reason: String?
        /// For an undo: the number of the entry it reverts; for a commit: of the undo that reverted it.
        var undoes: Int?
        var undoneBy: Int?

        init(_ e: JSONValue, number: Int) {
            self.number = number
            tijd = e["tijd"]?.stringValue ?? ""
            let soort = e["soort"]?.stringValue ?? ""
            let refused = soort.hasSuffix(" geweigerd") || e["geweigerd"]?.boolValue == true
            let base = refused && soort.hasSuffix(" geweigerd") ? String(soort.dropLast(" geweigerd".count)) : soort
            kind = ImportTable.kind(base)
            schooljaar = e["schooljaar"]?.stringValue ?? ""
            vestiging = e["vestiging"]?.stringValue ?? "alle"
            status = refused ? "Geweigerd" : e["status"]?.stringValue ?? ""
            let c = e["counts"]
            counts = "\(c?["fout"]?.intValue ?? 0)/\(c?["waarschuwing"]?.intValue ?? 0)/\(c?["info"]?.intValue ?? 0)"
            files = (e["files"]?.arrayValue ?? []).map { f in
                "\(f["soort"]?.stringValue ?? "?") \(f["path"]?.stringValue ?? "?") (\(f["charset"]?.stringValue ?? "?"))"
            }
            reason = e["reden"]?.stringValue ?? (refused ? "" : nil)
            if reason?.isEmpty == true, let f = c?["fout"]?.intValue, f > 0 {
                reason = "de check vond \(f) \(f == 1 ? "fout" : "fouten")"
            }
            undoes = e["terugdraait"]?.intValue
        }

        /// The lines beneath the row: why it was refused, what it undid or what undid it.
        var notes: [String] {
            (reason.map { ["reden: " + $0] } ?? []) + (undoes.map { ["draait \($0) terug"] } ?? [])
                + (undoneBy.map { ["teruggedraaid door \($0)"] } ?? [])
        }
    }

    /// The rows of a whole log: each commit that an undo reverted knows which one did.
    static func rows(_ entries: [JSONValue]) -> [Row] {
        var rows = entries.enumerated().map { Row($1, number: $0 + 1) }
        var byID: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            if let id = e["id"]?.stringValue { byID[id] = i }
            if let target = e["terugdraaitId"]?.stringValue, let t = byID[target] { rows[t].undoneBy = i + 1 }
        }
        return rows
    }

    /// The kind of entry as the table names it: the log's `soort` in one word.
    static func kind(_ soort: String) -> String {
        switch soort {
        case "reset-inrichting": return "reset"
        case "": return "?"
        default: return soort
        }
    }

    static let headers = ["Nr", "Tijd", "Soort", "Schooljaar", "Vestiging", "Status", "F/W/I", "Bestanden"]
    static let gap = 2
    /// Room the files need beside the other columns before a row is laid out on one line.
    static let fileRoom = 24

    var rows: [Row]

    /// The table's lines for a terminal of `width` columns (nil: no terminal, no limit).
    func lines(width: Int?) -> [String] {
        func cells(_ r: Row) -> [String] { [String(r.number), r.tijd, r.kind, r.schooljaar, r.vestiging, r.status, r.counts] }
        var widths = ImportTable.headers.dropLast().map(\.count)
        for r in rows {
            for (i, c) in cells(r).enumerated() { widths[i] = max(widths[i], c.count) }
        }
        let wide = widths.reduce(0, +) + ImportTable.gap * widths.count
        if let width, wide + ImportTable.fileRoom > width {
            return narrow(width: width)
        }
        let filesAt = wide
        var out = [ImportTable.line(Array(ImportTable.headers.dropLast()), widths) + pad(ImportTable.gap) + "Bestanden"]
        for r in rows {
            var first = ImportTable.line(cells(r), widths)
            let room = width.map { $0 - filesAt }
            let joined = r.files.joined(separator: ", ")
            var more: [String] = []
            if r.files.isEmpty {
                first = ImportTable.trimmed(first)
            } else if room == nil || joined.count <= room ?? 0 {
                first += pad(ImportTable.gap) + joined
            } else {
                // One file a line in the files column; a name longer than the room goes on a line
                // of its own beneath the row, whole.
                let indent = widths[0] + ImportTable.gap
                var onRow = false
                for f in r.files {
                    if f.count <= room ?? 0 {
                        if onRow { more.append(pad(filesAt) + f) } else { first += pad(ImportTable.gap) + f; onRow = true }
                    } else {
                        more.append(pad(indent) + f)
                    }
                }
                if !onRow { first = ImportTable.trimmed(first) }
            }
            out.append(first)
            out += more
            let at = widths[0] + ImportTable.gap
            for note in r.notes { out += ImportTable.wrap(note, indent: at, width: width) }
        }
        return out
    }

    /// Number, time, kind and counts in columns; the rest beneath, indented to the time.
    func narrow(width: Int) -> [String] {
        let picked = [0, 1, 2, 6]
        func cells(_ r: Row) -> [String] { [String(r.number), r.tijd, r.kind, r.counts] }
        var widths = picked.map { ImportTable.headers[$0].count }
        for r in rows {
            for (i, c) in cells(r).enumerated() { widths[i] = max(widths[i], c.count) }
        }
        let indent = widths[0] + ImportTable.gap
        var out = [ImportTable.trimmed(ImportTable.line(picked.map { ImportTable.headers[$0] }, widths))]
        for r in rows {
            out.append(ImportTable.trimmed(ImportTable.line(cells(r), widths)))
            out += ImportTable.wrap("\(r.status) · \(r.schooljaar) · \(r.vestiging)", indent: indent, width: width)
            out += r.files.map { pad(indent) + $0 }
            for note in r.notes { out += ImportTable.wrap(note, indent: indent, width: width) }
        }
        return out
    }

    /// Cells padded to their columns, `gap` apart.
    static func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { i, c in
            c + String(repeating: " ", count: max(0, widths[i] - c.count))
        }.joined(separator: String(repeating: " ", count: gap))
    }

    static func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    /// `text` in lines of at most `width` columns, each indented; words are never cut (a word
    /// longer than the room has a line of its own).
    static func wrap(_ text: String, indent: Int, width: Int?) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        guard let width, indent + text.count > width else { return [prefix + text] }
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if indent + line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                out.append(prefix + line)
                line = String(word)
            }
        }
        if !line.isEmpty { out.append(prefix + line) }
        return out
    }
}

private func pad(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
