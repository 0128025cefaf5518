import ZienCore

extension CommandTable {
    static let showCommands: [CommandSpec] = [
        CommandSpec(
            words: ["show", "row"], group: .inzien,
            summary: "regel N van een geladen bestand: ruw, per kolom, en de meldingen",
            details: """
            Toont fysieke regel N zoals gelezen, de bytes van velden met letters buiten ASCII (zo
            zie je of de tekenset klopt), elk veld onder zijn kolomnaam en — na 'check' — de
            meldingen van die regel. Werkt direct na 'load'. Zijn er meerdere bestanden geladen,
            noem dan de soort.
            """,
            examples: ["show row 2381 leerling", "show row 1 --alles"],
            slots: [.value("N", .number), .choice("SOORT", .soort)],
            flags: [.alles],
            run: { inv in try showRow(inv) }),
        CommandSpec(
            words: ["show", "log"], group: .inzien,
            summary: "de meldingen van de laatste check, te filteren op niveau, code, regels en soort",
            details: """
            Zonder filter alle meldingen, per bestand op regelnummer. Filters mogen samen: niveaus
            (fout, waarschuwing, info), codes (geslacht-ongeldig), 'regel 2381' of 'regel 2000-2500',
            en een soort (leerling, groepen, koppel). Meerdere niveaus of codes: een van die.
            """,
            examples: ["show log fout", "show log geslacht-ongeldig regel 2000-2500 leerling --alles"],
            slots: [.choice("NIVEAU", .level, repeats: true), .choice("CODE", .code, repeats: true),
                    .keyword("regel", "N[-M]", .lineRange), .choice("SOORT", .soort)],
            flags: [.alles],
            run: { inv in
                let levels = Set(inv.all("NIVEAU").compactMap(Level.init(word:)))
                let codes = Set(inv.all("CODE"))
                let lines = inv.value("regel").flatMap(LineRange.init(parsing:))
                let soort = inv.value("SOORT").flatMap(Soort.init(word:))
                guard let report = inv.session.lastCheck else {
                    throw ShellError.noCheck
                }
                let shown = report.diagnostics.filter { d in
                    (levels.isEmpty || levels.contains(d.level)) && (codes.isEmpty || codes.contains(d.code.rawValue))
                        && (lines.map { r in d.line.map(r.contains) ?? false } ?? true) && (soort == nil || d.soort == soort)
                }
                let filtered = !levels.isEmpty || !codes.isEmpty || lines != nil || soort != nil
                return Reply(
                    text: {
                        if shown.isEmpty { return filtered ? "Geen meldingen die bij het filter passen." : "Geen meldingen." }
                        return shown.map { Render.diagnostic($0, inv.palette) }.joined(separator: "\n")
                    },
                    json: {
                        [("level", .optional(levels.count == 1 ? levels.first?.identifier : nil)),
                         ("counts", Render.countsJSON(LevelCounts(shown))),
                         ("diagnostics", .array(shown.map(Render.diagnosticJSON)))]
                    })
            }),
        CommandSpec(
            words: ["status"], group: .inzien,
            summary: "wat er geladen en gekozen is, en waar de opslag staat",
            details: "Toont de geladen bestanden, tekenset, vestiging, schooljaar, de laatste check en de opslag.",
            examples: ["status"],
            run: { inv in
                let s = inv.session
                let files = s.orderedFiles
                // The header only: status never decodes the records of a large store.
                try s.store.reload()
                let data = s.store.header
                let storePath = s.store.path ?? ":memory:"
                return Reply(
                    text: {
                        var lines = ["Opslag:     \(storePath) (formaatversie \(data.formatVersion), revisie \(data.revision))",
                                     "Vestiging:  \(s.vestiging ?? "nog niet gekozen")",
                                     "Schooljaar: \(s.schooljaar)",
                                     "Tekenset:   \(s.charset.name)"]
                        if files.isEmpty {
                            lines.append("Geladen:    niets")
                        } else {
                            lines.append("Geladen:")
                            // The whole path, so that a reader finds the file again.
                            for f in files { lines.append("  " + Render.fileLine(f, path: s.absolute(f.path))) }
                        }
                        if let r = s.lastCheck {
                            lines.append("Laatste check: \(r.status) — \(Render.counts(r.counts))")
                            if let cs = s.pendingChanges, s.pendingFouten > 0 {
                                let n = s.pendingFouten
                                lines.append("Wijzigingenset: \(Render.changeTotal(cs)) — niet in te lezen: \(n) \(n == 1 ? "fout" : "fouten") ('show log fout'); 'show changes' toont ze")
                            } else if let cs = s.pendingChanges {
                                lines.append("Wijzigingenset: \(Render.changeTotal(cs)) — 'show changes' toont ze, 'commit' leest ze in")
                            } else {
                                lines.append("Wijzigingenset: geen (ingelezen of vervallen)")
                            }
                        } else if let cs = s.pendingChanges, let year = cs.resetOf {
                            lines.append("Wijzigingenset: reset-inrichting \(year): \(Render.changeTotal(cs)) — 'show changes' toont ze, 'commit' voert ze uit")
                        } else {
                            lines.append("Laatste check: geen (of vervallen door een wijziging in de sessie)")
                        }
                        return lines.joined(separator: "\n")
                    },
                    json: {
                        [("store", .object([("path", .string(storePath)), ("formatVersion", .int(data.formatVersion)),
                                            ("revision", .int(data.revision))])),
                         ("vestiging", .optional(s.vestiging)),
                         ("schooljaar", .string(s.schooljaar.description)),
                         ("charset", .string(s.charset.name)),
                         ("files", .array(files.map(Render.fileJSON))),
                         ("checked", .bool(s.lastCheck != nil)),
                         ("pending", s.pendingChanges.map(Render.changeCountsJSON) ?? .null),
                         ("committable", .bool(s.pendingChanges != nil && s.pendingFouten == 0)),
                         ("status", .optional(s.lastCheck?.status))]
                    })
            }),
    ]

    static func showRow(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        guard let n = inv.value("N").flatMap({ Int($0) }) else {
            throw ShellError.usage("show row", .missing("N", .number), CommandTable.family("show").first { $0.name == "show row" }?.synopses ?? [])
        }
        let file: LoadedFile
        if let w = inv.value("SOORT") {
            let soort = try ZienShell.soort(w)
            guard let f = s.files[soort] else { throw ShellError.noFileOfSoort(soort.rawValue) }
            file = f
        } else {
            let files = s.orderedFiles
            guard let only = files.first else { throw ShellError.noFileLoaded }
            guard files.count == 1 else {
                throw ShellError.soortNeeded(line: n, files.map(\.soort.rawValue))
            }
            file = only
        }
        guard let raw = file.physicalLine(n) else {
            throw ShellError.lineOutOfRange(path: file.path, lines: file.lineCount, line: n)
        }
        let view = RowView(file: file, line: n, raw: raw, report: s.lastCheck)
        return Reply(text: { view.text(inv.palette) }, json: { view.json })
    }
}

/// What `show row` shows of one physical line.
struct RowView {
    let file: LoadedFile
    let line: Int
    let raw: String
    let report: CheckReport?

    enum Role { case header, blank, record(firstLine: Int, lines: Int), continuation(firstLine: Int) }

    var role: Role {
        let headerLines = file.header == .split ? 2 : file.header == .line1 ? 1 : 0
        if line <= headerLines, file.recordLines.first.map({ line < $0 }) ?? true { return .header }
        if let r = file.record(containingLine: line) {
            return r.firstLine == line ? .record(firstLine: line, lines: r.lineCount) : .continuation(firstLine: r.firstLine)
        }
        return .blank
    }

    /// (column, value) pairs of the record this line belongs to, or of the header.
    var fields: [(String?, String)] {
        let values: [String]
        switch role {
        case .header:
            values = file.headerNames
        case .blank:
            return []
        case .record, .continuation:
            guard let r = file.record(containingLine: line) else { return [] }
            values = file.withRecord(r.index) { $0.strings() }
        }
        let cols = file.soort.columns
        return values.enumerated().map { (i, v) in (i < cols.count ? cols[i] : nil, v) }
    }

    var diagnostics: [Diagnostic] {
        let first: Int
        if case .continuation(let f) = role { first = f } else { first = line }
        let source = report?.diagnostics ?? file.fileDiagnostics
        return source.filter { $0.soort == file.soort && $0.line == first }
    }

    /// Non-ASCII fields with the bytes they have in the file.
    var fileBytes: [(String, String, [UInt8])] {
        fields.compactMap { col, value in
            guard value.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            let bytes = TextDecoder.encode(value, as: file.text.charset) ?? Array(value.utf8)
            return (col ?? "?", value, bytes)
        }
    }

    var roleNote: String {
        switch role {
        case .header: return file.header == .split ? "kopregel (over regel 1 en 2, samengevoegd)" : "kopregel"
        case .blank: return "lege regel; wordt overgeslagen"
        case .record(_, let lines): return lines > 1 ? "record over regel \(line) t/m \(line + lines - 1) (regeleinde binnen aanhalingstekens)" : "record"
        case .continuation(let f): return "deel van het record dat op regel \(f) begint (regeleinde binnen aanhalingstekens)"
        }
    }

    func text(_ p: Palette) -> String {
        var out = ["\(p.bold("\(file.path) regel \(line)")) — \(roleNote); \(file.soort.rawValue), \(file.text.charset.name), scheidingsteken \(file.delimiter.label)"]
        out.append("Ruw: " + Text.display(raw, limit: 2000))
        let bytes = fileBytes
        if !bytes.isEmpty {
            out.append("Bytes in het bestand (\(file.text.charset.name)):")
            for (col, value, b) in bytes {
                out.append("  \(col): '\(Text.display(value))' = \(Render.hexBytes(Array(b.prefix(64))))\(b.count > 64 ? " …" : "")")
            }
        }
        let f = fields
        if !f.isEmpty {
            out.append("Velden (\(f.count)\(f.count != file.soort.fieldCount ? ", verwacht \(file.soort.fieldCount)" : "")):")
            let width = min(38, f.map { ($0.0 ?? "").count }.max() ?? 0)
            for (i, (col, value)) in f.enumerated() {
                let n = String(i + 1)
                let label = (col ?? "(extra veld)").padding(width)
                out.append("  \(String(repeating: " ", count: max(0, 2 - n.count)))\(n) \(label)  \(value.isEmpty ? p.dim("(leeg)") : Text.display(value, limit: 200))")
            }
        }
        if report == nil && diagnostics.isEmpty {
            out.append(p.dim("Meldingen: nog niet gecontroleerd; 'check' test het bestand"))
        } else if diagnostics.isEmpty {
            out.append("Meldingen: geen")
        } else {
            out.append("Meldingen:")
            for d in diagnostics { out.append("  " + Render.diagnostic(d, p, withSoort: false)) }
        }
        return out.joined(separator: "\n")
    }

    var json: [(String, JSONValue)] {
        var roleName: String
        var first: JSONValue = .null
        switch role {
        case .header: roleName = "kopregel"
        case .blank: roleName = "leeg"
        case .record: roleName = "record"; first = .int(line)
        case .continuation(let f): roleName = "vervolg"; first = .int(f)
        }
        return [
            ("soort", .string(file.soort.rawValue)),
            ("path", .string(file.path)),
            ("line", .int(line)),
            ("role", .string(roleName)),
            ("recordLine", first),
            ("charset", .string(file.text.charset.name)),
            ("raw", .string(raw)),
            ("bytes", .array(fileBytes.map { .object([("column", .string($0.0)), ("hex", .string(Render.hexBytes($0.2)))]) })),
            ("fields", .array(fields.map { .object([("column", .optional($0.0)), ("value", .string($0.1))]) })),
            ("checked", .bool(report != nil)),
            ("diagnostics", .array(diagnostics.map(Render.diagnosticJSON))),
        ]
    }
}
