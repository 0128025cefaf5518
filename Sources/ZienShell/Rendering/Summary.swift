import ZienCore

/// The summary a check prints after its Status line (SPEC.md §3 "How a check reports"): one row
/// per (level, code), Fout first, with the count, the first lines and what to do in the
/// manual's words. It is kept in the Importoverzicht entry, so `show imports N` shows the same.
struct SummaryRow: Equatable {
    var level: Level
    var code: String
    var count: Int
    /// The first lines (up to five): soort and physical line; line nil for the file as a whole.
    var lines: [Place]
    var hint: String?

    struct Place: Equatable {
        var soort: String?
        var line: Int?
    }

    static let shownLines = 5
}

enum Summary {
    /// The rows of `diagnostics`: Fout, then Waarschuwing, then Info; within a level the code
    /// met first comes first. One pass, so a board's 20,000 findings cost little.
    static func rows(_ diagnostics: [Diagnostic]) -> [SummaryRow] {
        // Per code its row, found by the code (not its text): a board's check has tens of
        // thousands of findings.
        var index: [DiagnosticCode: Int] = [:]
        var rows: [SummaryRow] = []
        // onbekende-vestiging: each unknown name with its count, in order of appearance.
        var unknown: [String: Int] = [:]
        var unknownOrder: [String] = []
        for i in diagnostics.indices {
            let code = diagnostics[i].code
            let n: Int
            if let k = index[code] {
                n = k
            } else {
                n = rows.count
                index[code] = n
                rows.append(SummaryRow(level: diagnostics[i].level, code: code.rawValue, count: 0, lines: [], hint: code.hint))
            }
            rows[n].count += 1
            if rows[n].lines.count < SummaryRow.shownLines {
                rows[n].lines.append(.init(soort: diagnostics[i].soort?.rawValue, line: diagnostics[i].line))
            }
            if code == .onbekendeVestiging, let name = diagnostics[i].value {
                if unknown[name] == nil { unknownOrder.append(name) }
                unknown[name, default: 0] += 1
            }
        }
        if !unknownOrder.isEmpty, let n = index[.onbekendeVestiging] {
            rows[n].hint = vestigingHint(unknownOrder.map { ($0, unknown[$0] ?? 0) })
        }
        // Fout first, then Waarschuwing, then Info; in order of appearance within each.
        return rows.enumerated().sorted { a, b in
            a.element.level != b.element.level ? a.element.level < b.element.level : a.offset < b.offset
        }.map(\.element)
    }

    /// The rows of an entry that kept no summary: its stored findings, plus the per-code counts
    /// of those it left out (`weggelaten`).
    static func rows(stored diagnostics: [Diagnostic], left: JSONValue?) -> [SummaryRow] {
        var rows = Summary.rows(diagnostics)
        if case .object(let pairs)? = left {
            for (code, n) in pairs {
                let extra = n.intValue ?? 0
                if let i = rows.firstIndex(where: { $0.code == code }) {
                    rows[i].count += extra
                } else if let c = DiagnosticCode(rawValue: code) {
                    rows.append(SummaryRow(level: c.level, code: code, count: extra, lines: [], hint: c.hint))
                }
            }
            rows = rows.enumerated().sorted { a, b in a.element.level != b.element.level ? a.element.level < b.element.level : a.offset < b.offset }.map(\.element)
        }
        return rows
    }

    /// The manual's advice for unknown vestigingen, with each name and what to type.
    static func vestigingHint(_ names: [(String, Int)]) -> String {
        let list = names.prefix(5).map { "'\(Text.display($0.0))' \($0.1)×" }.joined(separator: ", ")
            + (names.count > 5 ? ", en nog \(names.count - 5)" : "")
        let add = names.prefix(3).map { "vestiging add \"\(Text.display($0.0))\"" }.joined(separator: "; ")
        return "\(list): voeg de vestiging toe aan Zien! (\(add)) of filter deze leerlingen uit de export. Let erop dat de vestiging exact hetzelfde geschreven moet zijn."
    }

    /// `leerling regel 12, 40, 77` — the soort named where rows of several soorten mix.
    static func places(_ row: SummaryRow) -> String {
        var parts: [String] = []
        var last: String?? = .none
        for p in row.lines {
            let line = p.line.map(String.init) ?? "bestand"
            if last == .some(p.soort) {
                parts[parts.count - 1] += ", " + line
            } else {
                parts.append((p.soort.map { $0 + " " } ?? "") + (p.line == nil ? "" : "regel ") + line)
                last = .some(p.soort)
            }
        }
        return parts.joined(separator: "; ") + (row.count > row.lines.count ? ", …" : "")
    }

    static func json(_ rows: [SummaryRow]) -> JSONValue {
        .array(rows.map { r in
            .object([("level", .string(r.level.identifier)), ("code", .string(r.code)), ("count", .int(r.count)),
                     ("lines", .array(r.lines.map { p in p.line.map(JSONValue.int) ?? .null })),
                     ("soorten", .array(r.lines.map { .optional($0.soort) })),
                     ("hint", .optional(r.hint))])
        })
    }

    /// The rows an Importoverzicht entry stored; nil for an entry without a summary.
    static func rows(json: JSONValue?) -> [SummaryRow]? {
        guard let list = json?.arrayValue else { return nil }
        return list.compactMap { r in
            guard let code = r["code"]?.stringValue, let level = r["level"]?.stringValue.flatMap(Level.init(word:)) else { return nil }
            let lines = r["lines"]?.arrayValue ?? []
            let soorten = r["soorten"]?.arrayValue ?? []
            let places = lines.indices.map { i in
                SummaryRow.Place(soort: i < soorten.count ? soorten[i].stringValue : nil, line: lines[i].intValue)
            }
            return SummaryRow(level: level, code: code, count: r["count"]?.intValue ?? 0, lines: places, hint: r["hint"]?.stringValue)
        }
    }

    /// The summary's text: a title, then per row `Fout  300× onbekende-vestiging  regel 12, …`
    /// with its hint on the next line (a hint shown once where several codes share it). With
    /// `hintsAfter`, the Fout rows come without their hints and the hints follow all rows, so
    /// that every Fout code fits on the first screen.
    static func text(_ rows: [SummaryRow], _ p: Palette, hintsAfter: Bool = false) -> [String] {
        guard !rows.isEmpty else { return [] }
        let codeWidth = min(28, rows.map(\.code.count).max() ?? 0)
        let countWidth = rows.map { String($0.count).count }.max() ?? 1
        var out = ["Samenvatting:"]
        var shown = Set<String>()
        var later: [String] = []
        for r in rows {
            let count = String(repeating: " ", count: countWidth - String(r.count).count) + "\(r.count)×"
            out.append("  " + p.level(r.level, r.level.label.padding(12)) + " \(count) \(r.code.padding(codeWidth))  \(places(r))")
            guard let hint = r.hint, !shown.contains(hint) else { continue }
            shown.insert(hint)
            if hintsAfter {
                later.append("  \(r.code): \(hint)")
            } else {
                out.append("      " + p.dim(hint))
            }
        }
        if !later.isEmpty { out.append("Wat te doen:"); out.append(contentsOf: later) }
        return out
    }
}
