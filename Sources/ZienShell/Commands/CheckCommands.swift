import ZienCore
import ZienStore

extension CommandTable {
    static let checkCommands: [CommandSpec] = [
        CommandSpec(
            words: ["vestiging"], group: .controleren,
            summary: "de vestiging tonen of kiezen waarvoor je importeert",
            details: """
            Regels van een andere vestiging worden overgeslagen (Waarschuwing andere-vestiging).
            De vestiging moet bekend zijn: 'vestigingen' toont ze, 'vestiging add NAAM' voegt toe.
            """,
            examples: ["vestiging Leeuwenbrug"],
            slots: [.optional("NAAM", .vestiging, rest: true)],
            run: { inv in
                let s = inv.session
                try s.store.reload()
                if let given = inv.value("NAAM") {
                    let name = Text.nfc(given)
                    guard let known = s.store.header.vestigingen.first(where: { Text.nfc($0) == name }) else {
                        throw unknownVestiging(name, s)
                    }
                    s.setVestiging(known)
                }
                let v = s.vestiging
                return Reply(
                    text: { v.map { "Vestiging: \($0)" } ?? "Nog geen vestiging gekozen; kies met 'vestiging NAAM' (bekend: \(list(s.store.header.vestigingen)))." },
                    json: { [("vestiging", .optional(v))] })
            }),
        CommandSpec(
            words: ["schooljaar"], group: .controleren,
            summary: "het schooljaar tonen of kiezen (standaard het huidige)",
            details: "Een schooljaar loopt van 1 augustus tot en met 31 juli en heet bijvoorbeeld 2026-2027.",
            examples: ["schooljaar 2026-2027"],
            slots: [.optional("JJJJ-JJJJ", .schooljaar)],
            run: { inv in
                let s = inv.session
                if let w = inv.value("JJJJ-JJJJ") {
                    guard let j = Schooljaar(parsing: w) else {
                        throw ShellError.notASchooljaar(w, example: Schooljaar(containing: s.today).description)
                    }
                    s.setSchooljaar(j)
                }
                let j = s.schooljaar
                return Reply(
                    text: { "Schooljaar: \(j) (\(j.first.dutch) t/m \(j.last.dutch))" },
                    json: { [("schooljaar", .string(j.description))] })
            }),
        CommandSpec(
            words: ["check"], group: .controleren,
            summary: "de geladen bestanden testen (Bestand testen)",
            details: """
            Controleert elke regel van de geladen bestanden (leerling → groepen → koppel) voor de
            gekozen vestiging en het gekozen schooljaar en toont het resultaat: Fout (de import
            wordt geweigerd), Waarschuwing (regel aangepast of overgeslagen) en Info.
            Vindt check een Fout, dan gaat een script gewoon door en eindigt met code 3.
            """,
            examples: ["check", "check --alles"],
            flags: [.alles],
            run: { inv in try runCheck(inv) }),
    ]

    static func unknownVestiging(_ name: String, _ s: Session) -> ShellError {
        let names = s.store.header.vestigingen
        return .unknownVestiging(name, suggestion: Text.suggestion(for: name, among: names), known: names)
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "geen" : names.map { "'\($0)'" }.joined(separator: ", ")
    }

    static let checkShown = 50

    static func runCheck(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        let shownLimit = inv.has(.alles) ? Int.max : checkShown
        let files = s.orderedFiles
        guard !files.isEmpty else { throw ShellError.noFileLoaded }
        try s.store.reload()
        guard let v = s.vestiging else {
            throw ShellError.noVestigingChosen(forExport: false, known: s.store.header.vestigingen)
        }
        // The lines are checked while the store is read (on another core): they need nothing of
        // it; only what crosses lines asks which pupils and groups the store knows.
        var checker = Checker(context: CheckContext(vestigingen: s.store.header.vestigingen, vestiging: v, schooljaar: s.schooljaar,
                                                    today: s.today), cancelled: s.cancelled)
        let store = s.store
        let (read, passes) = withUnsafeMutablePointer(to: &checker) { p in
            let checking = UncheckedSendable(p)
            return concurrently({ Result { try store.data() } }, { checking.value.pointee.linePasses(files) })
        }
        let data = try read.get()
        guard let passes else { throw ShellError.cancelled("Check") }
        // The pupils' records are compared with the store's on the other cores while the groepen
        // and koppel lines are crossed.
        let records = data.records
        var recordPart: Background<Planner.RecordPlan>?
        var report = checker.crossPasses(passes, knownPupils: data.knownPupils, knownGroups: data.groupCodes(s.schooljaar, v),
                                         afterLeerling: { pupils in recordPart = Background { Planner.records(pupils, store: records) } })
        let context = checker.context
        let imported = checker.imported
        let changes = Planner.plan(imported, store: records, context: context, records: recordPart?.wait())
        // Ctrl-C after the lines were read (while planning): the result is not kept either.
        if s.cancelled() { throw ShellError.cancelled("Check") }
        if changes.endsMany {
            let d = Diagnostic(.veelBeeindigd, soort: nil, line: nil, value: String(changes.ending),
                               String(changes.ending), String(changes.activeBefore), v, s.schooljaar.description)
            report.diagnostics.append(d)
            report.counts.add(d.level)
        }
        // What the Importoverzicht keeps of the findings, made once: the commit's entry (and
        // a refused one's) takes it again.
        let logged = loggedFindings(report)
        s.recordCheck(report, changes: changes, revision: data.revision, logged: logged)
        let summaryRows = logged.summary
        // Every check lands in the Importoverzicht; a log entry is not data (revision unchanged).
        do {
            try storeAppendLog(s, logEntry(s, files, logged, report.counts, changes, mode: "test"))
        } catch let e as CommandFailure {
            // The check itself stands; only its record is missing. Say so, on stderr.
            inv.console.err("Let op: deze check staat niet in het Importoverzicht: \(e.message)")
        }
        return Reply(
            text: {
                let p = inv.palette
                var lines = ["Check voor vestiging \(v), schooljaar \(s.schooljaar):"]
                for f in files { lines.append("  " + Render.fileLine(f)) }
                let status = report.counts.fout > 0 ? p.fout(report.status) : report.counts.waarschuwing > 0 ? p.waarschuwing(report.status) : p.bold(report.status)
                lines.append("Status: \(status) — \(Render.counts(report.counts))")
                lines.append("Wijzigingen: " + Render.changeTotal(changes) + (changes.isEmpty ? "" : " ('show changes' toont ze)"))
                // The summary first; on a terminal every Fout code must be on the first screen,
                // so the Fout rows lose their hints to a block after the rows when they would
                // not fit.
                var summary = Summary.text(summaryRows, p)
                if let height = inv.console.height, !summary.isEmpty {
                    let foutRows = summary.prefix { !$0.contains("Waarschuwing ") && !$0.contains("Info ") }
                    let used = (lines + foutRows).reduce(0) { $0 + Pager.wrap(Substring($1), width: inv.console.width ?? Int.max).count }
                    if used + 3 > height - 2 { summary = Summary.text(summaryRows, p, hintsAfter: true) }
                }
                if !summary.isEmpty { lines.append("") }
                lines.append(contentsOf: summary)
                // Then the findings themselves, Fout first (Info only on request).
                let shown = report.diagnostics.filter { $0.level == .fout } + report.diagnostics.filter { $0.level == .waarschuwing }
                if !shown.isEmpty { lines.append("") }
                for d in shown.prefix(shownLimit) { lines.append(Render.diagnostic(d, p)) }
                if shown.count > shownLimit {
                    lines.append("… en nog \(shown.count - shownLimit) meldingen; 'show log fout' of 'show log waarschuwing' toont ze allemaal")
                }
                if report.counts.info > 0 { lines.append("\(report.counts.info) info-meldingen: 'show log info'") }
                return lines.joined(separator: "\n")
            },
            json: {
                [("status", .string(report.status)),
                 ("vestiging", .string(v)),
                 ("schooljaar", .string(s.schooljaar.description)),
                 ("files", .array(files.map(Render.fileJSON))),
                 ("counts", Render.countsJSON(report.counts)),
                 ("summary", Summary.json(summaryRows)),
                 ("diagnostics", .array(report.diagnostics.map(Render.diagnosticJSON))),
                 ("changes", Render.changeCountsJSON(changes))]
            },
            more: "show log --alles")
    }

    /// Fout and Waarschuwing kept per log entry, and Info (a board's file has thousands: no
    /// verzorger, no mentor) only the first hundred; the rest is counted per code. Every entry
    /// is written again with each later store write, and the full list is in the session
    /// (`show log`).
    static let loggedDiagnostics = 10_000
    static let loggedInfo = 100

    /// The findings an Importoverzicht entry keeps, in report order and cut (`cutForLog`), the
    /// count per code of what was left out (an object under `weggelaten`, not a finding:
    /// `technische-fout` is for the unexpected only), and the check's summary.
    static func loggedFindings(_ report: CheckReport) -> LoggedFindings {
        var kept: [JSONValue] = []
        var info = 0, other = 0
        var left: [DiagnosticCode: Int] = [:]
        for d in report.diagnostics {
            if d.level == .info ? info < loggedInfo : other < loggedDiagnostics {
                kept.append(cutForLog(Render.diagnosticJSON(d)))
                if d.level == .info { info += 1 } else { other += 1 }
            } else {
                left[d.code, default: 0] += 1
            }
        }
        let summary = Summary.rows(report.diagnostics)
        guard !left.isEmpty else { return LoggedFindings(kept: kept, left: nil, summary: summary) }
        let perCode = left.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        return LoggedFindings(kept: kept, left: .object(perCode.map { ($0.key.rawValue, .int($0.value)) }), summary: summary)
    }

    /// The Importoverzicht entry of a committed `reset-inrichting`: no files, no findings, every
    /// vestiging.
    static func resetLogEntry(_ s: Session, _ year: Schooljaar, _ changes: ChangeSet) -> JSONValue {
        logEntry(s, mode: "reset-inrichting", files: [], schooljaar: year, vestiging: nil, counts: LevelCounts(),
                 changes: changes, diagnostics: [], left: nil, summary: [])
    }

    /// An entry of the Importoverzicht for a check or commit of the loaded files.
    static func logEntry(_ s: Session, _ files: [LoadedFile], _ logged: LoggedFindings, _ counts: LevelCounts, _ changes: ChangeSet?,
                         mode: String) -> JSONValue {
        logEntry(s, mode: mode, files: files, schooljaar: s.schooljaar, vestiging: s.vestiging, counts: counts,
                 changes: changes, diagnostics: logged.kept, left: logged.left, summary: logged.summary)
    }

    /// A stored value is cut at 200 characters, any other text of an entry at 1000: 200 rows
    /// with a 200 KB e-mail made 40 MB per check (SPEC.md §4). Applied where entries are made,
    /// so it holds wherever the log is kept.
    static let loggedValueLimit = 200
    static let loggedTextLimit = 1000

    /// `v` with every string cut: `value` fields at `loggedValueLimit`, paths at 4096 (PATH_MAX), the
    /// rest at `loggedTextLimit`.
    static func cutForLog(_ v: JSONValue, key: String? = nil) -> JSONValue {
        switch v {
        case .string(let t):
            return .string(Text.cut(t, at: key == "value" ? loggedValueLimit : key == "path" ? 4096 : loggedTextLimit))
        case .array(let items): return .array(items.map { cutForLog($0) })
        case .object(let pairs): return .object(pairs.map { (Text.cut($0.0, at: loggedTextLimit), cutForLog($0.1, key: $0.0)) })
        default: return v
        }
    }

    /// `diagnostics` are cut already (`loggedFindings`): a board's check keeps 5,000, and its
    /// commit's entry takes them again.
    static func logEntry(_ s: Session, mode: String, files: [LoadedFile], schooljaar: Schooljaar, vestiging: String?,
                         counts: LevelCounts, changes: ChangeSet?, diagnostics: [JSONValue], left: JSONValue?,
                         summary: [SummaryRow]) -> JSONValue {
        let pairs: [(String, JSONValue)] = [
            ("tijd", .string(s.clock())),
            ("soort", .string(mode)),
            ("files", .array(files.map { .object([("soort", .string($0.soort.rawValue)), ("path", .string(s.absolute($0.path))),
                                                 ("charset", .string($0.text.charset.name))]) })),
            ("schooljaar", .string(schooljaar.description)),
            ("vestiging", .optional(vestiging)),
            ("status", .string(counts.status)),
            ("counts", Render.countsJSON(counts)),
            ("changes", changes.map(Render.changeCountsJSON) ?? .null),
            ("summary", Summary.json(summary)),
        ]
        return .object(pairs.map { ($0.0, cutForLog($0.1, key: $0.0)) } + [("diagnostics", .array(diagnostics))]
            + (left.map { [("weggelaten", cutForLog($0))] } ?? []))
    }
}

/// What an Importoverzicht entry keeps of a check's findings (`CommandTable.loggedFindings`).
struct LoggedFindings {
    var kept: [JSONValue]
    var left: JSONValue?
    var summary: [SummaryRow]
}
