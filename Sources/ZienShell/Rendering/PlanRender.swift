import ZienCore

/// The names the plan shows: the change set's own records first, then the store's
/// (`ChangeNames`); tests may answer by hand.
protocol PlanLookup {
    func leerling(_ key: String) -> Leerling?
    func medewerker(_ key: String) -> Medewerker?
    func verzorger(_ key: String, _ slot: Int) -> Verzorger?
}

extension ChangeNames: PlanLookup {}

/// The plan as lines (`show changes`) and as documents (`show changes --json`).
struct PlanRender {
    let plan: Plan
    let look: PlanLookup
    /// The change set's schooljaar, and the day its new couplings start.
    let schooljaar: Schooljaar
    let day: Day
    var palette = Palette(enabled: false)
    /// Where the list of pupils under a summary wraps.
    var width = 100

    // MARK: - Text

    /// The plan's lines, at most about `limit` (a block or summary is not cut), and how many of
    /// the plan's changes they show.
    func lines(limit: Int? = nil) -> (lines: [String], shown: Int) {
        var out: [String] = []
        var shown = 0
        func full() -> Bool { limit.map { out.count >= $0 } ?? false }
        let summaries = plan.summaries
        for (i, s) in summaries.enumerated() {
            if full() && (i == 0 || summaries[i - 1].pupils != s.pupils) { return (out, shown) }
            let n = s.pupils.count
            // The pupils once, below the last of the summaries they share.
            let last = i == summaries.count - 1 || summaries[i + 1].pupils != s.pupils
            out.append(colour(s.entry.type, "\(s.entry.type.mark) \(entryText(s.entry)) — \(n) leerlingen" + (last ? ":" : "")))
            if last {
                var list = wrapped(s.pupils.map { pupilName($0) }, indent: 4)
                // Limited: a summary of a whole board's pupils does not fill the screen alone.
                if let limit, list.count > max(limit - out.count, 10) {
                    let room = max(limit - out.count, 10)
                    let named = list.prefix(room).joined().split(separator: ",").count
                    list = Array(list.prefix(room)) + ["    … en nog \(n - named) leerlingen ('show changes --alles' toont ze)"]
                }
                out += list
            }
            shown += n * s.entry.weight
        }
        // A blank line between the summaries and the blocks, if any follow.
        if !plan.summaries.isEmpty && plan.blocks.contains(where: { !plan.summarised.contains($0.subject) }) { out.append("") }
        let gathered = Set(plan.summaries.flatMap { s in s.pupils.map { Plan.Subject.leerling($0) } })
        for block in plan.blocks {
            if plan.summarised.contains(block.subject) { continue }
            if full() { return (out, shown) }
            out.append(colour(mark(block.fate), "\(mark(block.fate).mark) \(subjectLabel(block.subject))"))
            for e in block.entries {
                guard let text = lineText(e) else { continue }
                out.append("    " + colour(e.type, "\(e.type.mark) \(text)"))
            }
            // A pupil in a summary and with changes of its own: its block shows all of them,
            // the summarised ones counted once (above).
            let inSummary = gathered.contains(block.subject)
            shown += block.entries.reduce(0) { total, e in
                total + (inSummary && isSummarised(e) ? 0 : e.weight)
            }
        }
        return (out, shown)
    }

    /// Whether `e` is gathered in one of the summaries.
    func isSummarised(_ e: Plan.Entry) -> Bool {
        guard let key = e.sameness, let k = e.leerling else { return false }
        return plan.summaries.contains { $0.entry.sameness == key && $0.pupils.contains(k) }
    }

    func mark(_ f: Plan.Fate) -> ChangeType {
        switch f {
        case .nieuw: .nieuw
        case .gewijzigd: .gewijzigd
        case .beeindigd: .beeindigd
        case .verwijderd: .verwijderd
        }
    }

    func colour(_ t: ChangeType, _ s: String) -> String {
        switch t {
        case .nieuw: palette.info(s)
        case .gewijzigd: palette.waarschuwing(s)
        case .beeindigd, .verwijderd: palette.fout(s)
        }
    }

    /// Names joined by `, `, wrapped at `width`.
    func wrapped(_ names: [String], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var out: [String] = [], line = pad
        for (i, n) in names.enumerated() {
            let piece = n + (i < names.count - 1 ? "," : "")
            if line.count > indent && line.count + 1 + piece.count > width {
                out.append(line)
                line = pad
            }
            line += (line.count > indent ? " " : "") + piece
        }
        if line.count > indent { out.append(line) }
        return out
    }

    // MARK: - Names

    func pupilName(_ key: String) -> String {
        look.leerling(key).map { "\($0.stamnr) \($0.naam)" } ?? key
    }

    func staffName(_ key: String) -> String {
        look.medewerker(key).map { "\($0.nummer) \($0.naam)" } ?? key
    }

    func subjectLabel(_ s: Plan.Subject) -> String {
        switch s {
        case .leerling(let k): "leerling \(pupilName(k))"
        case .medewerker(let k): "medewerker \(staffName(k))"
        case .groep(let code, let v): "groep \(code) (\(v), \(schooljaar))"
        }
    }

    /// `klasmentor 1`, `persoonlijke mentor`, `stamgroep`: what a coupling's slot is called.
    static func role(_ id: KoppelIdentity) -> String {
        switch id.soort {
        case .vestiging: return "vestiging"
        case .stamgroep: return "stamgroep"
        case .mentor:
            let r = Koppeling.mentorParts(id.doel)?.slot ?? id.doel
            return r == "P" ? "persoonlijke mentor" : "klasmentor \(r)"
        case .verzorger: return "koppeling met verzorger"
        case .groep: return "groep"
        case .docent: return "docent"
        }
    }

    /// A coupling's doel as people read it: the group, the mentor's name, the vestiging.
    func target(_ id: KoppelIdentity, doel: String? = nil) -> String {
        let d = doel ?? id.doel
        switch id.soort {
        case .vestiging: return id.vestiging
        case .mentor:
            return staffName(Koppeling.mentorParts(d)?.medewerker ?? d)
        case .docent: return staffName(d)
        case .verzorger:
            let name = look.verzorger(id.onderwerp, Int(d) ?? 0)?.naam ?? ""
            return name.isEmpty ? d : "\(d) \(name)"
        case .stamgroep, .groep: return d
        }
    }

    // MARK: - One entry

    /// An entry's line without its mark, or nil for a record whose block header says it all (a
    /// new or removed group).
    func lineText(_ e: Plan.Entry) -> String? {
        switch e.change.about {
        case .groep: return nil
        default: return entryText(e)
        }
    }

    /// The day a coupling change starts (a new one) or ends (an ended one), as people read it.
    func started(_ c: Change) -> String { (c.koppeling?.start ?? day).dutch }
    func ended(_ c: Change) -> String { c.koppeling?.einde?.dutch ?? c.fields.first { $0.field == "einde" }?.after ?? "?" }

    /// A new or removed record's values as the text shows them: free text quoted, `skip` left out
    /// (what the block's header already says).
    func shown(_ values: [FieldValue], skip: Set<String> = []) -> String {
        let quoted: Set<String> = ["roepnaam", "tussenvoegsel", "achternaam", "e-mail", "voorletters"]
        return values.filter { !skip.contains($0.field) }
            .map { "\($0.field) \(quoted.contains($0.field) ? Render.show($0.value) : $0.value)" }.joined(separator: ", ")
    }

    /// What an entry says, without its mark: `stamgroep 1A → 1B op 29-11-2026`.
    func entryText(_ e: Plan.Entry) -> String {
        let c = e.change
        switch c.about {
        case .leerling:
            return c.type == .nieuw || c.type == .verwijderd ? shown(c.values, skip: ["stamnr"]) : changed(c.fields)
        case .medewerker:
            if c.type == .nieuw || c.type == .verwijderd {
                let v = shown(c.values, skip: ["nummer", "roepnaam", "tussenvoegsel", "achternaam"])
                return v.isEmpty ? "geen e-mailadres" : v
            }
            return changed(c.fields)
        case .verzorger(let k, let slot):
            let name = look.verzorger(k, slot)?.naam ?? ""
            let head = "verzorger \(slot)" + (name.isEmpty ? "" : " \(name)")
            if c.type == .nieuw || c.type == .verwijderd {
                return head + ": " + shown(c.values, skip: ["voorletters", "tussenvoegsel", "achternaam"])
            }
            return head + ": " + changed(c.fields)
        case .groep(let code, let v):
            return "groep \(code) (\(v), \(schooljaar))"
        case .koppeling(let id):
            if let new = e.partner, case .koppeling(let to) = new.about {
                let end = ended(c), start = started(new)
                let when = end == start ? "op \(start)" : "einde \(end), vanaf \(start)"
                return "\(PlanRender.role(to)) \(target(id)) → \(target(to)) \(when)"
            }
            let what = "\(PlanRender.role(id)) \(target(id))"
            switch c.type {
            case .nieuw:
                var s = what
                if let extra = c.koppeling?.extra, !extra.isEmpty { s += " (ILT-code/leerjaar \(extra))" }
                s += " vanaf \(started(c))"
                if let end = c.koppeling?.einde { s += " tot \(end.dutch)" }
                return s
            case .beeindigd:
                return what + " einde \(ended(c))"
            case .gewijzigd:
                return what + ": " + changed(c.fields)
            case .verwijderd:
                guard let k = c.koppeling else { return what }
                return what + " (\(k.start.dutch) – \(k.einde?.dutch ?? ""))"
            }
        }
    }

    /// `e-mail 'a' → 'b'; post nee → ja`
    func changed(_ fields: [FieldChange]) -> String {
        fields.map { "\($0.field) \(Render.show($0.before)) → \(Render.show($0.after))" }.joined(separator: "; ")
    }

    // MARK: - JSON

    /// Every change of the plan, subject by subject (summaries are for the eye only).
    func json() -> [JSONValue] {
        plan.blocks.flatMap { b in b.entries.map { entryJSON($0) } }
    }

    func subjectJSON(_ s: Plan.Subject) -> JSONValue {
        switch s {
        case .leerling(let k): .object([("soort", .string("leerling")), ("key", .string(k)), ("label", .string(subjectLabel(s)))])
        case .medewerker(let k): .object([("soort", .string("medewerker")), ("key", .string(k)), ("label", .string(subjectLabel(s)))])
        case .groep(let code, let v):
            .object([("soort", .string("groep")), ("key", .string(code)), ("vestiging", .string(v)), ("label", .string(subjectLabel(s)))])
        }
    }

    static func field(_ name: String, _ before: JSONValue, _ after: JSONValue) -> JSONValue {
        .object([("field", .string(name)), ("before", before), ("after", after)])
    }

    static func optional(_ s: String) -> JSONValue { s.isEmpty ? .null : .string(s) }

    /// One change: kind, type and what it does (`actions`: a move ends one coupling and starts
    /// another), its subject, the coupling, and its fields before → after — a new record or
    /// coupling with every value (before null), a removed one with every value (after null).
    func entryJSON(_ e: Plan.Entry) -> JSONValue {
        let c = e.change
        var fields: [JSONValue] = []
        var doc: [(String, JSONValue)] = [
            ("kind", .string(c.kind.rawValue)),
            ("type", .string(e.type.rawValue)),
            ("actions", .array(e.actions.map { .string($0.rawValue) })),
            ("subject", subjectJSON(e.subject)),
        ]
        switch c.about {
        case .koppeling(let id):
            let now = e.koppeling ?? id
            var k: [(String, JSONValue)] = [("soort", .string(now.soort.rawValue)), ("schooljaar", .string(schooljaar.description)),
                                            ("vestiging", .string(now.vestiging)), ("doel", .string(now.doel))]
            if let former = e.formerDoel { k.append(("vorigDoel", .string(former))) }
            doc.append(("koppeling", .object(k)))
            let role = PlanRender.role(now)
            if let new = e.partner, case .koppeling(let to) = new.about {
                fields.append(PlanRender.field(role, .string(target(id)), .string(target(to))))
                fields.append(PlanRender.field("einde", .null, .string(ended(c))))
                fields.append(PlanRender.field("start", .null, .string(started(new))))
                doc.append(("date", .string((new.koppeling?.start ?? day).iso)))
            } else {
                switch c.type {
                case .nieuw:
                    fields.append(PlanRender.field(role, .null, .string(target(id))))
                    fields += c.values.map { PlanRender.field($0.field, .null, .string($0.value)) }
                    doc.append(("date", .string((c.koppeling?.start ?? day).iso)))
                case .verwijderd:
                    fields.append(PlanRender.field(role, .string(target(id)), .null))
                    fields += c.values.map { PlanRender.field($0.field, .string($0.value), .null) }
                case .beeindigd:
                    fields = c.fields.map { PlanRender.field($0.field, PlanRender.optional($0.before), PlanRender.optional($0.after)) }
                    if let end = c.koppeling?.einde { doc.append(("date", .string(end.iso))) }
                case .gewijzigd:
                    fields = c.fields.map { PlanRender.field($0.field, PlanRender.optional($0.before), PlanRender.optional($0.after)) }
                }
            }
        case .groep(let code, let v):
            let values: [(String, String)] = [("code", code), ("vestiging", v), ("schooljaar", schooljaar.description)]
            fields = values.map { c.type == .verwijderd ? PlanRender.field($0.0, .string($0.1), .null) : PlanRender.field($0.0, .null, .string($0.1)) }
        default:
            switch c.type {
            case .nieuw: fields = c.values.map { PlanRender.field($0.field, .null, .string($0.value)) }
            case .verwijderd: fields = c.values.map { PlanRender.field($0.field, .string($0.value), .null) }
            default: fields = c.fields.map { PlanRender.field($0.field, .string($0.before), .string($0.after)) }
            }
        }
        doc.append(("text", .string(entryText(e))))
        doc.append(("leerling", .optional(e.leerling)))
        doc.append(("groep", .optional(e.groepen.first)))
        doc.append(("fields", .array(fields)))
        return .object(doc)
    }
}
