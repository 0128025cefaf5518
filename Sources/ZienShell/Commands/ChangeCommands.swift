import ZienCore
import ZienStore

extension CommandTable {
    static let changeCommands: [CommandSpec] = [
        CommandSpec(
            words: ["show", "changes"], group: .inzien,
            summary: "wat een commit zou veranderen, als een plan: aantallen, dan per leerling, medewerker en groep",
            details: """
            Toont de wijzigingenset van de laatste check: per soort (leerlingen, medewerkers,
            verzorgers, groepen, koppelingen) het aantal nieuw, gewijzigd en beëindigd en het
            totaal; dan dezelfde wijziging voor meer leerlingen één keer, met de leerlingen eronder;
            dan per leerling, medewerker en groep zijn regels: + nieuw (met de gegevens), ~ gewijzigd
            (veld: voor → na; een andere stamgroep, mentor of vestiging is één regel met de datum),
            - beëindigd, x verwijderd. Filters mogen samen. Na 1000 regels stopt hij; --alles toont
            alles, --json elke wijziging apart met de velden voor en na.
            """,
            examples: ["show changes koppelingen beeindigd", "show changes leerling 10234 --alles", "show changes groep 1A nieuw",
                       "show changes leerling 10234 --json"],
            slots: [.choice("SOORT", .changeKind, repeats: true), .choice("TYPE", .changeType, repeats: true),
                    .keyword("leerling", "STAMNR", .stamnr, group: 1), .keyword("groep", "CODE", .groep, group: 1)],
            flags: [.alles, .json],
            run: { inv in try showChanges(inv) }),
        CommandSpec(
            words: ["commit"], group: .doorvoeren,
            summary: "de wijzigingenset inlezen, alles of niets (Bestand inlezen)",
            details: """
            Schrijft de wijzigingenset van de laatste check in één keer naar de opslag, of niets.
            Geweigerd als de check een Fout vond (exit 3), als er geen check is of de sessie sinds de
            check veranderde (exit 1), of als een andere sessie de opslag sindsdien wijzigde (exit 1:
            check opnieuw). Beëindigt de import meer dan een kwart van de actieve koppelingen, dan
            vraagt commit om 'ja' (in een script: commit --yes).
            """,
            examples: ["commit", "commit --yes"],
            flags: [.yes],
            run: { inv in try commit(inv) }),
        CommandSpec(
            words: ["show", "imports"], group: .inzien,
            summary: "het Importoverzicht: elke check en commit; met N één met zijn meldingen",
            details: """
            Toont elke regel van het Importoverzicht (store.log naast de opslag): nummer, tijd, soort
            (test, import, reset of undo), schooljaar, vestiging, status, aantallen fout/waarschuwing/
            info en de bestanden met hun volledige naam. Een geweigerde commit staat er ook, met de
            reden. Met N: die ene regel met zijn wijzigingen en meldingen.
            """,
            examples: ["show imports 1", "show imports --alles"],
            slots: [.optional("N", .number)],
            flags: [.alles],
            run: { inv in try showImports(inv) }),
        CommandSpec(
            words: ["show", "leerling"], group: .inzien,
            summary: "wat de opslag van een leerling weet, met koppelingen",
            details: "Gegevens, verzorgers en alle koppelingen (elk schooljaar) met begin- en einddatum.",
            examples: ["show leerling 10234"],
            slots: [.value("STAMNR", .stamnr)],
            run: { inv in try showLeerling(inv) }),
        CommandSpec(
            words: ["show", "groep"], group: .inzien,
            summary: "wat de opslag van een groep weet: docenten en leerlingen",
            details: "Per schooljaar en vestiging: de groep met haar docenten en leerlingen, met data.",
            examples: ["show groep 1A"],
            slots: [.value("CODE", .groep)],
            run: { inv in try showGroep(inv) }),
    ]

    // MARK: - show changes

    static func showChanges(_ inv: Invocation) throws -> Reply {
        let kinds = Set(inv.all("SOORT").compactMap(ChangeKind.init(rawValue:)))
        let types = Set(inv.all("TYPE").compactMap(ChangeType.init(rawValue:)))
        let pupil = inv.value("leerling").map(FieldRules.key)
        let group = inv.value("groep")
        let limit = inv.has(.alles) ? nil : showChangesLimit
        guard let cs = inv.session.pendingChanges else {
            throw ShellError.noChangeSet
        }
        let all = cs.changes
        // A move is a change, and an end and a start: each of those types asks for it.
        let plan = Plan(all) { e in
            (kinds.isEmpty || kinds.contains(e.kind)) && (types.isEmpty || types.contains(e.type) || e.actions.contains(where: types.contains))
                && (pupil == nil || e.leerling == pupil) && (group.map { e.groepen.contains($0) } ?? true)
        }
        let names = cs.names(try inv.session.store.data().records)
        let render = PlanRender(plan: plan, look: names, schooljaar: cs.schooljaar, day: cs.day, palette: inv.palette,
                                width: min(max(inv.console.width ?? 100, 40), 160))
        let counts = cs.counts
        let fouten = inv.session.pendingFouten
        return Reply(
            text: {
                // The verwijderd column only when something is removed (a reset, an undo): an import never removes.
                let removes = counts.values.contains { $0.verwijderd > 0 }
                let types = cs.resetOf == nil && !removes ? [ChangeType.nieuw, .gewijzigd, .beeindigd] : ChangeType.allCases
                let undo = inv.session.pendingUndo
                var lines = [undo.map { "Undo van \($0.description)" + (cs.vestiging.isEmpty ? ", alle vestigingen:" : " (\(cs.vestiging), schooljaar \(cs.schooljaar)):") }
                                 ?? cs.resetOf.map { "Reset van de inrichting van schooljaar \($0), alle vestigingen:" }
                                 ?? "Wijzigingen voor \(inv.session.vestiging ?? "?"), schooljaar \(inv.session.schooljaar):",
                             Render.row("", types.map(\.word))]
                for k in ChangeKind.allCases {
                    let c = counts[k] ?? ChangeCounts()
                    lines.append(Render.row(k.rawValue, types.map { String(c[$0]) }))
                }
                lines.append("Totaal: " + Render.changeTotal(cs) + (cs.endsMany ? " — let op: veel koppelingen eindigen (veel-beeindigd)" : ""))
                if fouten > 0 { lines.append("Niet in te lezen: de check vond \(fouten) \(fouten == 1 ? "fout" : "fouten") ('show log fout').") }
                if plan.total != all.count { lines.append("Filter: \(plan.total) van \(all.count) wijzigingen") }
                if plan.total > 0 { lines.append("") }
                let (body, shown) = render.lines(limit: limit)
                lines += body
                if shown < plan.total {
                    lines.append("… en nog \(plan.total - shown) wijzigingen; 'show changes --alles' toont alles, of filter op soort, nieuw|gewijzigd|beeindigd, leerling STAMNR of groep CODE")
                }
                return lines.joined(separator: "\n")
            },
            json: {
                [("counts", Render.changeCountsJSON(cs)),
                 ("endsMany", .bool(cs.endsMany)),
                 ("committable", .bool(fouten == 0)),
                 ("total", .int(plan.total)),
                 ("changes", .array(render.json()))]
            })
    }

    /// Lines `show changes` prints before it says how to see the rest (`--alles`: all).
    static let showChangesLimit = 1000

    // MARK: - commit

    static func commit(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        let yes = inv.has(.yes)
        guard let cs = s.pendingChanges, let revision = s.checkedRevision else {
            throw ShellError.nothingToCommit(sinceCheck: false)
        }
        let files = s.orderedFiles
        let entry: JSONValue
        let undoing = s.pendingUndo
        if let target = undoing {
            // Stale before anything is asked: the undo was made against this revision. The
            // refusal is recorded too (SPEC §4).
            try s.store.reload()
            let now = s.store.header.revision
            if now != revision {
                record(inv, refused(undoLogEntry(s, target, cs), "een andere sessie wijzigde de opslag sinds de undo (revisie \(revision) → \(now))"))
                throw ShellError.staleStore(redo: "undo", from: revision, to: now)
            }
            if !yes {
                let total = Render.changeTotal(cs)
                let preface = ShellError.undoPreface(target, total)
                guard inv.runner.ask != nil else {
                    throw ShellError.undoNeedsYes(target, total: total)
                }
                guard inv.runner.question("Terugdraaien? Typ 'ja': ", after: preface)?.trimmingSpacesAndCase == "ja" else {
                    throw ShellError.undoNotConfirmed
                }
            }
            entry = undoLogEntry(s, target, cs)
        } else if let year = cs.resetOf {
            // Confirmed when the reset was asked for: no second question.
            entry = resetLogEntry(s, year, cs)
        } else {
            guard let report = s.lastCheck, let logged = s.lastCheckLogged else {
                throw ShellError.nothingToCommit(sinceCheck: true)
            }
            if report.counts.fout > 0 {
                let f = report.counts.fout
                record(inv, withReason(logEntry(s, files, logged, report.counts, nil, mode: "import geweigerd"), "de check vond \(f) \(f == 1 ? "fout" : "fouten")"),
                       what: "import")
                throw ShellError.commitRefusedFout(report.counts.fout)
            }
            // Stale before any question: a 'ja' for a change set that cannot be applied is a
            // question for nothing.
            try s.store.reload()
            let now = s.store.header.revision
            if now != revision {
                record(inv, withReason(logEntry(s, files, logged, report.counts, cs, mode: "import geweigerd"),
                                       "een andere sessie wijzigde de opslag sinds de check (revisie \(revision) → \(now))"))
                throw ShellError.staleStore(redo: "check", from: revision, to: now)
            }
            if cs.endsMany && !yes {
                let preface = "Deze import beëindigt \(cs.ending) van de \(cs.activeBefore) actieve koppelingen van \(s.vestiging ?? "?") in \(s.schooljaar) (veel-beeindigd)."
                guard inv.runner.ask != nil else {
                    throw ShellError.commitNeedsYes(ending: cs.ending, active: cs.activeBefore)
                }
                guard inv.runner.question("Doorgaan? Typ 'ja': ", after: preface)?.trimmingSpacesAndCase == "ja" else {
                    throw ShellError.commitAborted
                }
            }
            entry = logEntry(s, files, logged, report.counts, cs, mode: "import")
        }
        let redo = undoing != nil ? "undo" : cs.resetOf == nil ? "check" : "reset-inrichting"
        var stale: String?
        do {
            try s.store.commit(cs, reverting: undoing?.id, logEntry: { _ in entry }) { d in
                guard d.revision == revision else {
                    stale = "een andere sessie wijzigde de opslag sinds de \(redo) (revisie \(revision) → \(d.revision))"
                    throw ShellError.staleStore(redo: redo, from: revision, to: d.revision)
                }
            }
        } catch {
            if let stale {
                // The refusal is recorded too, with its reason (SPEC §4).
                record(inv, refused(entry, stale))
            }
            switch error {
            case let e as StoreError: throw ShellError.store(e.message)
            case let e as FileWriteError: throw ShellError.commitWriteFailed(e.message)
            default: throw error
            }
        }
        s.changesCommitted()
        let data = s.store.header
        if let target = undoing {
            return Reply(
                text: { "Teruggedraaid: \(target.description) (\(Render.changeTotal(cs))). Opslag revisie \(data.revision)." },
                json: { [("committed", .bool(true)), ("undid", .int(target.number)), ("revision", .int(data.revision)), ("changes", Render.changeCountsJSON(cs))] })
        }
        if let year = cs.resetOf {
            let c = cs.counts
            return Reply(
                text: { "Inrichting van \(year) verwijderd: \(c[.koppelingen]?.verwijderd ?? 0) koppelingen en \(c[.groepen]?.verwijderd ?? 0) groepen. Opslag revisie \(data.revision)." },
                json: { [("committed", .bool(true)), ("revision", .int(data.revision)), ("changes", Render.changeCountsJSON(cs))] })
        }
        return Reply(
            text: { cs.isEmpty ? "Niets te doen: de wijzigingenset is leeg. (Vastgelegd in het Importoverzicht.)"
                : "Ingelezen: \(Render.changeTotal(cs)). Opslag revisie \(data.revision)." },
            json: { [("committed", .bool(true)), ("revision", .int(data.revision)), ("changes", Render.changeCountsJSON(cs))] })
    }

    /// The Importoverzicht entry of a committed undo: which commit it reverts, its counts.
    static func undoLogEntry(_ s: Session, _ target: UndoTarget, _ cs: ChangeSet) -> JSONValue {
        let base = logEntry(s, mode: "undo", files: [], schooljaar: cs.schooljaar, vestiging: cs.vestiging.isEmpty ? nil : cs.vestiging,
                            counts: LevelCounts(), changes: cs, diagnostics: [], left: nil, summary: [])
        guard case .object(let pairs) = base else { return base }
        return .object(pairs + [("terugdraait", .int(target.number)), ("terugdraaitId", .string(target.id))])
    }

    /// A commit's `entry` as refused: its soort `… geweigerd`, with the reason (`reden`).
    static func refused(_ entry: JSONValue, _ reason: String) -> JSONValue {
        guard case .object(let pairs) = entry else { return entry }
        return withReason(.object(pairs.map { $0.0 == "soort" ? ($0.0, .string(($0.1.stringValue ?? "import") + " geweigerd")) : $0 }), reason)
    }

    /// Appends a refused commit's (or import's) entry to the Importoverzicht; when that fails
    /// the refusal stands, and stderr says it is not recorded.
    static func record(_ inv: Invocation, _ refusal: JSONValue, what: String = "commit") {
        do {
            try storeAppendLog(inv.session, refusal)
        } catch {
            let why = (error as? ShellError)?.message ?? "\(error)"
            inv.console.err("Let op: de geweigerde \(what) staat niet in het Importoverzicht: \(why)")
        }
    }

    // MARK: - show imports

    /// `entry` with the reason it was refused (`reden`), for `show imports`.
    static func withReason(_ entry: JSONValue, _ reason: String) -> JSONValue {
        guard case .object(let pairs) = entry else { return entry }
        return .object(pairs + [("reden", .string(Text.cut(reason, at: loggedTextLimit)))])
    }

    static func showImports(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        // The log alone: the records are not decoded.
        let log = try s.store.importLog()
        if let w = inv.value("N") {
            guard let n = Int(w), n >= 1, n <= log.count else {
                throw ShellError.noSuchImport(w, count: log.count)
            }
            let e = log[n - 1]
            let diags = e["diagnostics"]?.arrayValue ?? []
            return Reply(
                text: {
                    var lines = ImportTable(rows: [ImportTable.Row(e, number: n)]).lines(width: inv.console.width)
                    if case .object(let pairs)? = e["changes"] {
                        let removes = pairs.contains { ($0.1["verwijderd"]?.intValue ?? 0) > 0 }
                        let types = removes ? ChangeType.allCases : [.nieuw, .gewijzigd, .beeindigd]
                        lines.append("Wijzigingen: " + pairs.map { k, v in
                            "\(k) " + types.map { String(v[$0.rawValue]?.intValue ?? 0) }.joined(separator: "/")
                        }.joined(separator: ", ") + " (" + types.map(\.word).joined(separator: "/") + ")")
                    }
                    // The summary the check printed, as the entry keeps it (an older entry: made
                    // from its findings and the counts of those it left out).
                    let rows = Summary.rows(json: e["summary"]) ?? Summary.rows(stored: diags.compactMap(Render.diagnostic(json:)), left: e["weggelaten"])
                    let summary = Summary.text(rows, inv.palette)
                    if !summary.isEmpty { lines.append(contentsOf: summary) }
                    lines.append(diags.isEmpty ? "Meldingen: geen" : "Meldingen:")
                    for d in diags.compactMap(Render.diagnostic(json:)) {
                        lines.append("  " + Render.diagnostic(d, inv.palette))
                    }
                    if case .object(let left)? = e["weggelaten"], !left.isEmpty {
                        let total = left.reduce(0) { $0 + ($1.1.intValue ?? 0) }
                        lines.append("  … en nog \(total) meldingen, niet bewaard ("
                                     + left.map { "\($0.0) \($0.1.intValue ?? 0)" }.joined(separator: ", ") + ")")
                    }
                    return lines.joined(separator: "\n")
                },
                json: {
                    let rows = Summary.rows(json: e["summary"]) ?? Summary.rows(stored: diags.compactMap(Render.diagnostic(json:)), left: e["weggelaten"])
                    return [("number", .int(n)), ("entry", e), ("summary", Summary.json(rows))]
                })
        }
        return Reply(
            text: {
                log.isEmpty ? "Het Importoverzicht is leeg: nog geen check of commit."
                    : ImportTable(rows: ImportTable.rows(log.indices.map(log.summary)))
                        .lines(width: inv.console.width).joined(separator: "\n")
            },
            json: {
                [("imports", .array(log.indices.map { i in
                    .object([("number", .int(i + 1))] + (log.summary(i).objectPairs ?? []))
                }))]
            })
    }

    // MARK: - show leerling / show groep

    static func showLeerling(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        try s.store.reload()
        let data = try s.store.data()
        let stamnr = inv.value("STAMNR") ?? ""
        let key = FieldRules.key(stamnr)
        guard let l = data.leerlingen[key] else {
            throw ShellError.pupilNotInStore(stamnr)
        }
        let verzorgers = (1...3).compactMap { data.verzorgers["\(key)/\($0)"] }
        let couplings = data.koppelingen.filter { $0.onderwerp == key && $0.soort != .docent }
            .sorted { ($0.schooljaar, $0.soort, $0.start) < ($1.schooljaar, $1.soort, $1.start) }
        return Reply(
            text: {
                var lines = ["Leerling \(l.stamnr): \(l.naam)",
                             "  geboortedatum \(l.geboortedatum?.dutch ?? "onbekend"), geslacht \(l.geslacht.rawValue), e-mail \(l.email ?? "-")"
                                + (l.vertrekdatum.map { ", vertrekdatum \($0.dutch)" } ?? "")]
                for v in verzorgers {
                    lines.append("  verzorger \(v.slot): \(v.naam) (\(v.geslacht.rawValue)), e-mail \(v.email ?? "-"), post \(v.post ? "ja" : "nee")")
                }
                lines.append(couplings.isEmpty ? "Koppelingen: geen" : "Koppelingen:")
                for k in couplings { lines.append("  " + describe(k, data, today: s.today)) }
                return lines.joined(separator: "\n")
            },
            json: {
                [("leerling", .object([("key", .string(l.key)), ("stamnr", .string(l.stamnr)), ("roepnaam", .string(l.roepnaam)),
                                       ("tussenvoegsel", .string(l.tussenvoegsel)), ("achternaam", .string(l.achternaam)),
                                       ("geboortedatum", .optional(l.geboortedatum?.iso)), ("geslacht", .string(l.geslacht.rawValue)),
                                       ("email", .optional(l.email)), ("vertrekdatum", .optional(l.vertrekdatum?.iso))])),
                 ("verzorgers", .array(verzorgers.map { .object([("slot", .int($0.slot)), ("naam", .string($0.naam)), ("email", .optional($0.email)), ("post", .bool($0.post))]) })),
                 ("koppelingen", .array(couplings.map(couplingJSON)))]
            })
    }

    static func showGroep(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        try s.store.reload()
        let data = try s.store.data()
        let code = inv.value("CODE") ?? ""
        let groups = data.groepen.filter { $0.code == code }.sorted { ($0.schooljaar, $0.vestiging) < ($1.schooljaar, $1.vestiging) }
        guard !groups.isEmpty else { throw ShellError.groupNotInStore(code) }
        let couplings = data.koppelingen.filter { k in
            (k.soort == .docent && k.onderwerp == code) || ((k.soort == .groep || k.soort == .stamgroep) && k.doel == code)
        }.sorted { ($0.schooljaar, $0.soort, $0.onderwerp) < ($1.schooljaar, $1.soort, $1.onderwerp) }
        return Reply(
            text: {
                var lines: [String] = []
                for g in groups {
                    let mine = couplings.filter { $0.schooljaar == g.schooljaar && $0.vestiging == g.vestiging }
                    let active = mine.filter { $0.isActive(on: s.today) }.count
                    lines.append("Groep \(code) — \(g.vestiging), \(g.schooljaar): \(active) actieve koppelingen")
                    for k in mine { lines.append("  " + describe(k, data, today: s.today)) }
                }
                return lines.joined(separator: "\n")
            },
            json: {
                [("groepen", .array(groups.map { .object([("code", .string($0.code)), ("vestiging", .string($0.vestiging)), ("schooljaar", .string($0.schooljaar.description))]) })),
                 ("koppelingen", .array(couplings.map(couplingJSON)))]
            })
    }

    static func describe(_ k: Koppeling, _ d: StoreData, today: Day) -> String {
        let period = "\(k.start.dutch) – \(k.einde?.dutch ?? "")".padding(25)
        let state = k.isActive(on: today) ? "actief   " : "beëindigd"
        let what: String
        switch k.soort {
        case .vestiging: what = "vestiging \(k.vestiging) (ILT-code/leerjaar \(k.extra))"
        case .stamgroep: what = "stamgroep \(k.doel)"
        case .mentor:
            let parts = Koppeling.mentorParts(k.doel)
            let m = parts.flatMap { d.medewerkers[$0.medewerker] }
            what = "\(parts?.slot == "P" ? "persoonlijke mentor" : "klasmentor \(parts?.slot ?? "")") \(m.map { "\($0.nummer) \($0.naam)" } ?? k.doel)"
        case .verzorger: what = "verzorger \(k.doel)"
        case .docent: what = "docent \(d.medewerkers[k.doel].map { "\($0.nummer) \($0.naam)" } ?? k.doel)"
        case .groep: what = "leerling \(d.leerlingen[k.onderwerp].map { "\($0.stamnr) \($0.naam)" } ?? k.onderwerp) in groep \(k.doel)"
        }
        let who = k.soort == .groep || k.soort == .stamgroep ? (k.soort == .stamgroep ? "leerling \(d.leerlingen[k.onderwerp]?.stamnr ?? k.onderwerp) – " : "") : ""
        return "\(k.schooljaar) \(state) \(period) \(who)\(what)"
    }

    static func couplingJSON(_ k: Koppeling) -> JSONValue {
        .object([("soort", .string(k.soort.rawValue)), ("schooljaar", .string(k.schooljaar.description)),
                 ("vestiging", .string(k.vestiging)), ("onderwerp", .string(k.onderwerp)), ("doel", .string(k.doel)),
                 ("extra", .string(k.extra)), ("start", .string(k.start.iso)), ("einde", .optional(k.einde?.iso))])
    }
}

extension JSONValue {
    var objectPairs: [(String, JSONValue)]? { if case .object(let p) = self { return p }; return nil }
}

extension String {
    var trimmingSpacesAndCase: String { Text.trimmed(self).lowercased() }
}
