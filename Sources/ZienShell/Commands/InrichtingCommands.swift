#if canImport(Glibc)
import Glibc
#endif
import ZienCore
import ZienStore

extension CommandTable {
    static let inrichtingCommands: [CommandSpec] = [
        CommandSpec(
            words: ["reset-inrichting"], group: .doorvoeren,
            summary: "de inrichting van een schooljaar verwijderen (Inrichting verwijderen)",
            details: """
            Zet een wijzigingenset klaar die alle koppelingen van leerlingen in het schooljaar
            verwijdert, in alle vestigingen: met vestiging, stamgroep, groepen, mentoren en
            verzorgers. Groepen die daarna geen actieve koppeling meer hebben gaan mee. Leerlingen,
            medewerkers, verzorgers, docenten van groepen, andere schooljaren en dossiers blijven.
            Zonder schooljaar: het gekozen schooljaar. Je bevestigt door het schooljaar te typen;
            in een script met --yes. 'show changes' toont wat verdwijnt, 'commit' voert het uit.
            """,
            examples: ["reset-inrichting 2026-2027", "reset-inrichting --yes"],
            slots: [.optional("JJJJ-JJJJ", .schooljaar)],
            flags: [.yes],
            run: { inv in try resetInrichting(inv) }),
        CommandSpec(
            words: ["export"], group: .doorvoeren,
            summary: "de inrichting van vestiging en schooljaar als importbestanden schrijven",
            details: """
            Schrijft wat de opslag voor de gekozen vestiging en het gekozen schooljaar weet als
            leerling-, groepen- en koppelbestand (of alleen de genoemde soort), precies in het
            formaat van Magister. Tekenset en scheidingsteken zijn die van het geladen bestand van
            die soort, anders UTF-8 (of de gekozen tekenset) en ';'. Namen: leerling.csv, … (.txt
            bij TAB). Een bestaand bestand wordt alleen met --force vervangen. Opnieuw inlezen van
            een export verandert niets.
            """,
            examples: ["export export-2026", "export export-2026 koppel --force"],
            slots: [.value("MAP", .folder), .choice("SOORT", .soort)],
            flags: [.force],
            run: { inv in try export(inv) }),
    ]

    // MARK: - reset-inrichting

    static func resetInrichting(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        let yes = inv.has(.yes)
        var year = s.schooljaar
        if let w = inv.value("JJJJ-JJJJ") {
            guard let j = Schooljaar(parsing: w) else {
                throw ShellError.notASchooljaar(w, example: Schooljaar(containing: s.today).description)
            }
            year = j
        }
        try s.store.reload()
        let data = try s.store.data()
        let cs = Planner.reset(data.records, schooljaar: year, today: s.today)
        guard !cs.isEmpty else {
            return Reply(text: { "Schooljaar \(year) heeft geen inrichting in de opslag; er is niets klaargezet." },
                         json: { [("schooljaar", .string(year.description)), ("pending", .bool(false)), ("changes", Render.changeCountsJSON(cs))] })
        }
        let removed = cs.changes.filter { $0.type == .verwijderd }
        var perSoort: [KoppelSoort: Int] = [:]
        for c in removed { if case .koppeling(let id) = c.about { perSoort[id.soort, default: 0] += 1 } }
        let couplings = perSoort.values.reduce(0, +)
        let groups = removed.count - couplings
        let what = "\(couplings) koppelingen van leerlingen ("
            + KoppelSoort.allCases.compactMap { k in perSoort[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
            + ") en \(groups) \(groups == 1 ? "groep" : "groepen") zonder actieve koppeling"
        let summary = "reset-inrichting \(year) verwijdert uit alle vestigingen: \(what). Leerlingen, medewerkers, verzorgers, docenten van groepen, andere schooljaren en dossiers blijven."
        if !yes {
            guard inv.runner.ask != nil else {
                throw ShellError.resetNeedsYes(summary: summary, year: year.description)
            }
            guard let answer = inv.runner.question("Typ het schooljaar (\(year)) om te bevestigen: ", after: summary),
                  Text.trimmed(answer) == year.description else {
                throw ShellError.resetNotConfirmed
            }
        }
        s.recordReset(cs, revision: data.revision)
        return Reply(
            text: { "Klaargezet: \(what) van \(year). 'show changes' toont wat verdwijnt; 'commit' voert het uit." },
            json: { [("schooljaar", .string(year.description)), ("pending", .bool(true)), ("changes", Render.changeCountsJSON(cs))] })
    }

    // MARK: - export

    static func export(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        let force = inv.has(.force)
        let folder = inv.value("MAP") ?? ""
        let only = try inv.value("SOORT").map(soort)
        guard !folder.isEmpty else { throw ShellError.emptyName(.exportFolder) }
        guard let v = s.vestiging else {
            throw ShellError.noVestigingChosen(forExport: true, known: [])
        }
        try s.store.reload()
        let data = try s.store.data()
        let snapshot = data.records
        let dir = inv.path(folder)

        // Everything is made before anything is written: a character the charset cannot hold
        // leaves no half export behind.
        struct Planned { var soort: Soort; var path: String; var format: ExportFormat; var bytes: [UInt8]; var rows: Int }
        var planned: [Planned] = []
        var empty: [Soort] = []
        for (soort, rows) in Exporter.rows(only.map { [$0] } ?? Soort.allCases, store: snapshot, schooljaar: s.schooljaar, vestiging: v, today: s.today) {
            let format = exportFormat(soort, s)
            guard !rows.isEmpty else { empty.append(soort); continue }
            let bytes: [UInt8]
            do {
                bytes = try Exporter.render(soort, rows, format: format)
            } catch {
                throw ShellError.exportUnencodable(error.message, soort: soort.rawValue)
            }
            planned.append(Planned(soort: soort, path: dir + "/" + soort.rawValue + "." + format.fileExtension, format: format, bytes: bytes, rows: rows.count))
        }
        if !force {
            let existing = planned.filter { FileBytes.exists($0.path) }.map(\.path)
            if !existing.isEmpty {
                throw ShellError.exportExists(existing, command: "export \(folder)\(only.map { " " + $0.rawValue } ?? "") --force")
            }
        }
        if !planned.isEmpty {
            do {
                // Every target is checked and written beside itself before the first is replaced.
                try FileBytes.makeFolder(dir)
                try FileBytes.writeAllAtomically(planned.map { ($0.path, $0.bytes) })
            } catch let e as FileWriteError {
                throw ShellError.exportFailed(e.message)
            }
        }
        let year = s.schooljaar
        return Reply(
            text: {
                var lines = ["Export van \(v), schooljaar \(year), naar \(folder):"]
                for p in planned {
                    lines.append("  \(p.soort.rawValue.padding(9)) \(p.path): \(p.rows) \(p.rows == 1 ? "regel" : "regels")"
                                 + ", \(p.format.charset.name)\(p.format.bom ? " (BOM)" : ""), scheidingsteken \(p.format.delimiter.label)")
                }
                for e in empty {
                    lines.append("  \(e.rawValue.padding(9)) niet geschreven: de opslag heeft niets voor \(v) in \(year)")
                }
                return lines.joined(separator: "\n")
            },
            json: {
                [("vestiging", .string(v)), ("schooljaar", .string(year.description)),
                 ("files", .array(planned.map { p in
                     .object([("soort", .string(p.soort.rawValue)), ("path", .string(p.path)), ("records", .int(p.rows)),
                              ("charset", .string(p.format.charset.name)), ("delimiter", .string(p.format.delimiter.character)),
                              ("bom", .bool(p.format.bom))])
                 })),
                 ("empty", .array(empty.map { .string($0.rawValue) }))]
            })
    }

    /// The loaded file's charset and delimiter for `soort`; else the charset set (UTF-8 for
    /// `auto`) and `;`.
    static func exportFormat(_ soort: Soort, _ s: Session) -> ExportFormat {
        if let f = s.files[soort], f.nonTextKind == nil {
            return ExportFormat(charset: f.text.charset, delimiter: f.delimiter, bom: f.text.hadBOM)
        }
        switch s.charset {
        case .auto, .herstel: return ExportFormat(charset: .utf8, delimiter: .semicolon, bom: false)
        case .forced(let c): return ExportFormat(charset: c, delimiter: .semicolon, bom: false)
        case .utf16WithBOM: return ExportFormat(charset: .utf16le, delimiter: .semicolon, bom: true)
        }
    }
}
