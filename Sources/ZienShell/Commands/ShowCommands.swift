import ZienCore

extension CommandTable {
    static let showCommands: [CommandSpec] = [
        CommandSpec(
            words: ["show", "row"], group: .inzien,
            summary: "regel N van een geladen bestand, of de regel van een leerling: meldingen, ruw, bytes, per kolom",
            details: """
            Toont eerst — na 'check' — de meldingen van regel N, dan de regel zoals gelezen (alle
            regels van een record met een regeleinde binnen aanhalingstekens), de bytes zoals ze in
            het bestand staan van elk veld met tekens buiten ASCII of die de tekenset niet kan
            lezen, en elk veld onder zijn kolomnaam. Lopen regels en records uiteen door eerdere
            regeleinden binnen aanhalingstekens, dan zegt het welk record dit is en waardoor.
            Werkt direct na 'load'. Zijn er meerdere bestanden geladen, noem dan de soort.
            'show row stamnr 17139' zoekt de regel van die leerling in het leerlingbestand en
            toont ook de regels van het koppelbestand die de leerling noemen.
            """,
            examples: ["show row 2381 leerling", "show row 1 --alles", "show row stamnr 17139"],
            forms: [[.value("N", .number), .choice("SOORT", .soort)],
                    [.keyword("stamnr", "STAMNR", .stamnr, optional: false)]],
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
                            } else if let cs = s.pendingChanges, cs.isEmpty {
                                lines.append("Wijzigingenset: geen — de opslag bevat al wat de bestanden zeggen")
                            } else if let cs = s.pendingChanges {
                                lines.append("Wijzigingenset: \(Render.changeTotal(cs)) — 'show changes' toont ze, 'commit' leest ze in")
                            } else {
                                lines.append("Wijzigingenset: geen (ingelezen of vervallen)")
                            }
                        } else if let cs = s.pendingChanges, let undo = s.pendingUndo {
                            lines.append("Wijzigingenset: undo van \(undo.description): \(Render.changeTotal(cs)) — 'show changes' toont ze, 'commit' voert ze uit")
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
                         ("undoes", s.pendingUndo.map { .int($0.number) } ?? .null),
                         ("status", .optional(s.lastCheck?.status))]
                    })
            }),
    ]

    static func showRow(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        let stamnr = inv.value("stamnr")
        let number = inv.value("N").flatMap { Int($0) }
        let soortWord = inv.value("SOORT")
        if let stamnr { return try showPupilRow(inv, stamnr) }
        guard let n = number else {
            throw ShellError.usage("show row", .missing("N", .number), CommandTable.family("show").first { $0.name == "show row" }?.synopses ?? [])
        }
        let file: LoadedFile
        if let w = soortWord {
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
        guard file.physicalLine(n) != nil else {
            throw ShellError.lineOutOfRange(path: file.path, lines: file.lineCount, line: n)
        }
        let view = RowView(file: file, line: n, report: s.lastCheck)
        return Reply(text: { view.text(inv.palette) }, json: { view.json })
    }

    /// `show row stamnr STAMNR`: the pupil's line in the leerling file, as `show row N`, and
    /// the koppel lines that name the pupil.
    static func showPupilRow(_ inv: Invocation, _ stamnr: String) throws -> Reply {
        let s = inv.session
        let key = PersonKey(stamnr)
        let leerling = s.files[.leerling]
        let koppel = s.files[.koppel]
        guard leerling != nil || koppel != nil else {
            throw ShellError.noPupilFileLoaded
        }
        let record = leerling.flatMap { f in f.recordIndex(key: key, column: f.layout?.map?[Columns.L.stamnr] ?? Columns.L.stamnr) }
        let view = leerling.flatMap { f in record.map { RowView(file: f, line: f.recordLines[$0], report: s.lastCheck) } }
        let koppelLines: [(Int, String)] = koppel.map { f in
            f.recordIndices(key: key, column: 2).map { i in (f.recordLines[i], f.physicalLine(f.recordLines[i]) ?? "") }
        } ?? []
        guard view != nil || !koppelLines.isEmpty else {
            throw ShellError.pupilNotInFiles(stamnr, [leerling?.path, koppel?.path].compactMap { $0 })
        }
        return Reply(
            text: {
                var out: [String] = []
                if let view { out.append(view.text(inv.palette)) } else if let f = leerling {
                    out.append("Leerling \(stamnr) staat niet in \(f.path)")
                }
                if let f = koppel {
                    out.append(koppelLines.isEmpty ? "\(f.path): geen regels met leerling \(stamnr)"
                                                   : "\(f.path): \(koppelLines.count) \(koppelLines.count == 1 ? "regel noemt" : "regels noemen") leerling \(stamnr):")
                    for (line, raw) in koppelLines { out.append("  regel \(line): \(Text.display(raw, limit: 200))") }
                }
                return out.joined(separator: "\n")
            },
            json: {
                (view?.json ?? [("line", .null)])
                    + [("stamnr", .string(stamnr)),
                       ("koppel", .array(koppelLines.map { .object([("line", .int($0.0)), ("raw", .string($0.1))]) }))]
            })
    }
}

/// What `show row` shows of one physical line.
struct RowView {
    let file: LoadedFile
    let line: Int
    let report: CheckReport?

    enum Role { case header, blank, record(index: Int, lines: ClosedRange<Int>), continuation(index: Int, lines: ClosedRange<Int>) }

    var role: Role {
        let headerLines = file.header == .split ? 2 : file.header == .line1 ? 1 : 0
        if line <= headerLines, file.recordLines.first.map({ line < $0 }) ?? true { return .header }
        if let r = file.record(containingLine: line) {
            let lines = r.firstLine...(r.firstLine + r.lineCount - 1)
            return r.firstLine == line ? .record(index: r.index, lines: lines) : .continuation(index: r.index, lines: lines)
        }
        return .blank
    }

    /// The physical lines shown raw: every line of the record this line belongs to.
    var rawLines: ClosedRange<Int> {
        switch role {
        case .record(_, let lines), .continuation(_, let lines): return lines
        case .header: return 1...(file.header == .split ? 2 : 1)
        case .blank: return line...line
        }
    }

    var recordIndex: Int? {
        switch role {
        case .record(let i, _), .continuation(let i, _): return i
        default: return nil
        }
    }

    /// (column, value, text range in the file) of the record this line belongs to, or of the
    /// header.
    var fields: [(column: String?, value: String, range: Range<Int>?)] {
        let cols = file.soort.columns
        switch role {
        case .header:
            return file.headerNames.enumerated().map { (i, v) in (i < cols.count ? cols[i] : nil, v, nil) }
        case .blank:
            return []
        case .record(let index, _), .continuation(let index, _):
            let values = file.withRecord(index) { $0.strings() }
            let ranges = file.fieldRanges(record: index)
            return values.enumerated().map { (i, v) in (i < cols.count ? cols[i] : nil, v, i < ranges.count ? ranges[i] : nil) }
        }
    }

    var diagnostics: [Diagnostic] {
        let first = rawLines.lowerBound
        let source = report?.diagnostics ?? file.fileDiagnostics
        return source.filter { $0.soort == file.soort && $0.line == first }
    }

    /// The fields outside ASCII, or that the charset could not read, with their bytes as they
    /// are in the file.
    var fileBytes: [(column: String, value: String, bytes: ArraySlice<UInt8>)] {
        fields.compactMap { col, value, range in
            guard let range, value.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            return (col ?? "?", value, file.fileBytes(ofText: range))
        }
    }

    var roleNote: String {
        switch role {
        case .header: return file.header == .split ? "kopregel (over regel 1 en 2, samengevoegd)" : "kopregel"
        case .blank: return "lege regel; wordt overgeslagen"
        case .record(_, let lines): return lines.count > 1 ? "record over regel \(lines.lowerBound) t/m \(lines.upperBound) (regeleinde binnen aanhalingstekens)" : "record"
        case .continuation(_, let lines): return "deel van het record dat op regel \(lines.lowerBound) begint (regeleinde binnen aanhalingstekens)"
        }
    }

    /// When records before this line span several lines (or blank lines lie between), line
    /// numbers and record numbers part: which record this is, and where the shift comes from.
    var shiftNote: String? {
        guard recordIndex != nil, let s = file.shift(before: line), !s.multiLine.isEmpty || s.blank > 0 else { return nil }
        let headerLines = file.header == .split ? 2 : file.header == .line1 ? 1 : 0
        var causes: [String] = []
        if !s.multiLine.isEmpty {
            let shown = s.multiLine.prefix(5).map { "regel \($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
            causes.append("\(s.multiLine.count) \(s.multiLine.count == 1 ? "eerder record loopt" : "eerdere records lopen") over meer regels door een regeleinde binnen aanhalingstekens (\(shown)\(s.multiLine.count > 5 ? ", …" : ""))")
        }
        if s.blank > 0 { causes.append("\(s.blank) lege \(s.blank == 1 ? "regel wordt" : "regels worden") overgeslagen") }
        return "Regel \(rawLines.lowerBound) is record \(s.record) (gegevensregel \(s.record)\(headerLines > 0 ? ", na de kopregel" : "")): "
            + causes.joined(separator: " en ") + ". Een melding 'regel \(s.record + headerLines)' in een programma dat records telt, is deze regel."
    }

    func text(_ p: Palette) -> String {
        var out = ["\(p.bold("\(file.path) regel \(line)")) — \(roleNote); \(file.soort.rawValue), \(file.text.charset.name), scheidingsteken \(file.delimiter.label)"]
        // The line's findings first: that is what the helpdesk came for.
        if report == nil && diagnostics.isEmpty {
            out.append(p.dim("Meldingen: nog niet gecontroleerd; 'check' test het bestand"))
        } else if diagnostics.isEmpty {
            out.append("Meldingen: geen")
        } else {
            out.append("Meldingen:")
            for d in diagnostics { out.append("  " + Render.diagnostic(d, p, withSoort: false)) }
        }
        if let note = shiftNote { out.append(note) }
        let lines = rawLines
        if lines.count == 1 {
            out.append("Ruw: " + Text.display(file.physicalLine(lines.lowerBound) ?? "", limit: 2000))
        } else {
            out.append("Ruw (regel \(lines.lowerBound) t/m \(lines.upperBound)):")
            for n in lines { out.append("  \(n): " + Text.display(file.physicalLine(n) ?? "", limit: 2000)) }
        }
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
            let width = min(38, f.map { ($0.column ?? "").count }.max() ?? 0)
            for (i, field) in f.enumerated() {
                let n = String(i + 1)
                let label = (field.column ?? "(extra veld)").padding(width)
                out.append("  \(String(repeating: " ", count: max(0, 2 - n.count)))\(n) \(label)  \(field.value.isEmpty ? p.dim("(leeg)") : Text.display(field.value, limit: 200))")
            }
        }
        return out.joined(separator: "\n")
    }

    var json: [(String, JSONValue)] {
        var roleName: String
        var first: JSONValue = .null
        switch role {
        case .header: roleName = "kopregel"
        case .blank: roleName = "leeg"
        case .record(_, let l): roleName = "record"; first = .int(l.lowerBound)
        case .continuation(_, let l): roleName = "vervolg"; first = .int(l.lowerBound)
        }
        let shift = recordIndex != nil ? file.shift(before: line) : nil
        return [
            ("soort", .string(file.soort.rawValue)),
            ("path", .string(file.path)),
            ("line", .int(line)),
            ("role", .string(roleName)),
            ("recordLine", first),
            ("record", shift.map { .int($0.record) } ?? .null),
            ("lines", .array(rawLines.map { .int($0) })),
            ("charset", .string(file.text.charset.name)),
            ("raw", .string(rawLines.compactMap { file.physicalLine($0) }.joined(separator: "\n"))),
            ("bytes", .array(fileBytes.map { .object([("column", .string($0.column)), ("hex", .string(Render.hexBytes(Array($0.bytes))))]) })),
            ("fields", .array(fields.map { .object([("column", .optional($0.column)), ("value", .string($0.value))]) })),
            ("checked", .bool(report != nil)),
            ("diagnostics", .array(diagnostics.map(Render.diagnosticJSON))),
        ]
    }
}
