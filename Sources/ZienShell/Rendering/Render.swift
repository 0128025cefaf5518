import ZienCore

/// Text and JSON forms of the core's values, in one place.
enum Render {
    /// `Fout  leerling regel 2381, kolom Geslacht: Geslacht moet … [geslacht-ongeldig]`
    static func diagnostic(_ d: Diagnostic, _ p: Palette, withSoort: Bool = true) -> String {
        var place: [String] = []
        if withSoort, let s = d.soort { place.append(s.rawValue) }
        place.append(d.line.map { "regel \($0)" } ?? "bestand")
        var head = place.joined(separator: " ")
        if let c = d.column { head += ", kolom \(c)" }
        let label = d.level.label.padding(12)
        return "\(p.level(d.level, label)) \(head): \(Text.display(d.message, limit: 600)) \(p.dim("[\(d.code.rawValue)]"))"
    }

    static func diagnosticJSON(_ d: Diagnostic) -> JSONValue {
        .object([
            ("level", .string(d.level.identifier)),
            ("code", .string(d.code.rawValue)),
            ("soort", .optional(d.soort?.rawValue)),
            ("line", d.line.map(JSONValue.int) ?? .null),
            ("column", .optional(d.column)),
            ("value", .optional(d.value)),
            ("message", .string(d.message)),
        ])
    }

    /// A finding as `diagnosticJSON` wrote it (the import log), or nil for an unknown code.
    static func diagnostic(json d: JSONValue) -> Diagnostic? {
        guard let code = d["code"]?.stringValue.flatMap(DiagnosticCode.init(rawValue:)) else { return nil }
        // The level as logged (older entries end in an Info line "… en nog N meldingen").
        return Diagnostic(stored: code, level: d["level"]?.stringValue.flatMap(Level.init(word:)) ?? code.level,
                          soort: d["soort"]?.stringValue.flatMap(Soort.init(rawValue:)), line: d["line"]?.intValue,
                          column: d["column"]?.stringValue, value: d["value"]?.stringValue,
                          message: d["message"]?.stringValue ?? code.summary)
    }

    static func countsJSON(_ c: LevelCounts) -> JSONValue {
        .object([("fout", .int(c.fout)), ("waarschuwing", .int(c.waarschuwing)), ("info", .int(c.info))])
    }

    /// `1 fout, 3 waarschuwingen, 12 info`
    static func counts(_ c: LevelCounts) -> String {
        "\(c.fout) \(c.fout == 1 ? "fout" : "fouten"), \(c.waarschuwing) \(c.waarschuwing == 1 ? "waarschuwing" : "waarschuwingen"), \(c.info) info"
    }

    static func fileJSON(_ f: LoadedFile) -> JSONValue {
        .object([
            ("soort", .string(f.soort.rawValue)),
            ("path", .string(f.path)),
            ("charset", .string(f.text.charset.name)),
            ("delimiter", .string(f.delimiter.character)),
            ("header", .bool(f.header != .none)),
            ("records", .int(f.recordCount)),
            ("lines", .int(f.lineCount)),
        ])
    }

    /// `leerling  leerling.csv: 3000 records op 3001 regels, windows-1252, ';', kopregel`
    static func fileLine(_ f: LoadedFile, path: String? = nil) -> String {
        "\(f.soort.rawValue.padding(9)) " + fileDetails(f, path: path)
    }

    /// `leerling.csv: 3000 records op 3001 regels, windows-1252, ';', kopregel`
    static func fileDetails(_ f: LoadedFile, path: String? = nil) -> String {
        if let kind = f.nonTextKind {
            return "\(path ?? f.path): geen tekstbestand maar \(kind)"
        }
        var parts = ["\(f.recordCount) \(f.recordCount == 1 ? "record" : "records") op \(f.lineCount) \(f.lineCount == 1 ? "regel" : "regels")",
                     f.text.charset.name + (f.text.hadBOM ? " (BOM)" : ""),
                     "scheidingsteken \(f.delimiter.label)"]
        switch f.header {
        case .none: parts.append("geen kopregel")
        case .line1: parts.append("kopregel op regel 1")
        case .split: parts.append("kopregel over regel 1 en 2")
        }
        return "\(path ?? f.path): " + parts.joined(separator: ", ")
    }

    static func hexBytes(_ bytes: [UInt8]) -> String {
        bytes.map { b in
            let h = String(b, radix: 16, uppercase: true)
            return h.count == 1 ? "0" + h : h
        }.joined(separator: " ")
    }
}

extension String {
    /// Pads with spaces to `width` characters (never cuts).
    func padding(_ width: Int) -> String {
        let n = count
        return n >= width ? self : self + String(repeating: " ", count: width - n)
    }
}

extension Render {
    /// `12 nieuw, 40 gewijzigd, 0 beëindigd` over all kinds (and `, 7 verwijderd` when a reset
    /// removes), or `geen`.
    static func changeTotal(_ cs: ChangeSet) -> String {
        let t = cs.counts.values.reduce(ChangeCounts(), +)
        guard t.total > 0 else { return "geen" }
        return "\(t.nieuw) nieuw, \(t.gewijzigd) gewijzigd, \(t.beeindigd) beëindigd" + (t.verwijderd > 0 ? ", \(t.verwijderd) verwijderd" : "")
    }

    static func changeCountsJSON(_ cs: ChangeSet) -> JSONValue {
        let counts = cs.counts
        return .object(ChangeKind.allCases.map { k in
            let c = counts[k] ?? ChangeCounts()
            return (k.rawValue, .object(ChangeType.allCases.map { ($0.rawValue, .int(c[$0])) }))
        })
    }

    /// A row of the counts table: the label, then the cells in columns (the last unpadded).
    static func row(_ label: String, _ cells: [String]) -> String {
        "  \(label.padding(12)) " + cells.enumerated().map { $0 < cells.count - 1 ? $1.padding(11) : $1 }.joined()
    }

    static func show(_ s: String) -> String { s.isEmpty ? "(leeg)" : "'\(Text.display(s))'" }
}
