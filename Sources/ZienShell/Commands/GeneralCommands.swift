import ZienCore

extension CommandTable {
    static let generalCommands: [CommandSpec] = [
        CommandSpec(
            words: ["help"], group: .algemeen,
            summary: "de opdrachten, of uitleg en een voorbeeld van één opdracht",
            details: "Opdrachten mogen afgekort worden zolang ze eenduidig zijn: 'sh r 12' is 'show row 12'.",
            examples: ["help show row", "help"],
            slots: [.optional("OPDRACHT", .command, repeats: true)],
            run: { inv in
                let asked = inv.all("OPDRACHT")
                if asked.isEmpty {
                    return Reply(text: { overview(fit: inv.fit) }, json: {
                        [("commands", .array(all.map { .object([("name", .string($0.name)), ("synopsis", .string($0.synopses.joined(separator: " | "))),
                                                                ("group", .string($0.group.rawValue)), ("summary", .string($0.summary))]) }))]
                    })
                }
                let (spec, rest) = try resolve(asked)
                let specs = rest.isEmpty && spec.words.count == 1 ? family(spec.words[0]) : [spec]
                return Reply(
                    text: { specs.map(detail).joined(separator: "\n\n") },
                    json: { [("commands", .array(specs.map(specJSON)))] })
            }),
        CommandSpec(
            words: ["source"], group: .algemeen,
            summary: "een opgeslagen script uitvoeren",
            details: """
            Voert de opdrachten uit het bestand uit, zoals op de opdrachtregel: ; scheidt opdrachten,
            # begint commentaar. Een mislukte opdracht stopt het script en noemt de regel van het
            script. De argumenten na SCRIPT zijn in het script $1 … $9; paden in het script gelden
            vanaf de map van het script.
            """,
            examples: ["source melding-2381.zs", "source melding.zs leerling.csv"],
            slots: [.value("SCRIPT", .file), .optional("ARG", .text, repeats: true)],
            run: { inv in
                let script = inv.value("SCRIPT") ?? ""
                try inv.runner.source(path: script, arguments: inv.all("ARG"))
                return Reply(text: { "" }, json: { [("script", .string(script))] })
            }),
        CommandSpec(
            words: ["quit"], group: .algemeen,
            summary: "de shell verlaten (ook: Ctrl-D)",
            details: """
            Beëindigt de sessie. Geladen bestanden worden niet bewaard; de opslag wel. Staat er een
            wijzigingenset klaar die nog niet is ingelezen, dan vraagt de shell eerst of je wilt stoppen.
            """,
            examples: ["quit"],
            run: { inv in
                guard inv.runner.mayQuit() else { throw ShellError.notQuit }
                inv.runner.quitRequested = true
                return Reply(text: { "" }, json: { [] })
            }),
    ]

    static func overview(fit: (String) -> String = { $0 }) -> String {
        var lines = ["Opdrachten (afkorten mag zolang het eenduidig is; 'help OPDRACHT' geeft uitleg):"]
        let width = min(44, all.flatMap(\.synopses).map(\.count).max() ?? 20)
        for g in CommandGroup.allCases {
            let specs = all.filter { $0.group == g }
            guard !specs.isEmpty else { continue }
            lines.append("")
            lines.append(g.title)
            for s in specs {
                for (i, syn) in s.synopses.enumerated() {
                    if syn.count > width {
                        lines.append(fit("  \(syn)"))
                        if i == 0 { lines.append(fit("  \("".padding(width))  \(s.summary)")) }
                    } else {
                        lines.append(fit("  \(syn.padding(width))  \(i == 0 ? s.summary : "")"))
                    }
                }
            }
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// `help COMMAND`: every form, the explanation, each flag, the words with a fixed set of
    /// choices, and an example.
    static func detail(_ s: CommandSpec) -> String {
        var lines = s.synopses
        lines.append("  \(s.summary)")
        lines.append("")
        lines += s.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        let words = wordLines(s)
        if !words.isEmpty {
            lines.append("")
            lines.append("  Woorden:")
            lines += words
        }
        if !s.flags.isEmpty {
            lines.append("")
            lines.append("  Opties:")
            let w = s.flags.map { ([$0.name] + $0.aliases).joined(separator: ", ").count }.max() ?? 0
            for f in s.flags { lines.append("    \(([f.name] + f.aliases).joined(separator: ", ").padding(w))  \(f.help)") }
        }
        lines.append("")
        lines.append("  Voorbeeld: \(s.example)")
        return lines.joined(separator: "\n")
    }

    /// One line per slot that help cannot show in the synopsis alone: a long choice list, a
    /// keyword's value.
    static func wordLines(_ s: CommandSpec) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for slot in s.slots where seen.insert(slot.key).inserted {
            let label = (slot.keyword.map { $0 + " " } ?? "") + slot.name
            let text: String
            if let c = slot.kind.choices {
                text = c.count <= 8 ? c.joined(separator: ", ") : "\(slot.kind.label), zoals \(c.prefix(3).joined(separator: ", ")) (\(c.count) in totaal)"
            } else {
                text = slot.kind.label + (slot.rest ? " (de rest van de regel; spaties mogen)" : "") + (slot.repeats ? " (een of meer)" : "")
            }
            out.append("    \(label.padding(18))  \(text)\(slot.optional ? "; mag weg" : "")")
        }
        return out
    }

    static func specJSON(_ s: CommandSpec) -> JSONValue {
        .object([("name", .string(s.name)), ("synopsis", .array(s.synopses.map(JSONValue.string))),
                 ("summary", .string(s.summary)), ("details", .string(s.details)), ("example", .string(s.example)),
                 ("flags", .array(s.flags.map { .object([("name", .string($0.name)), ("aliases", .array($0.aliases.map(JSONValue.string))),
                                                         ("help", .string($0.help))]) })),
                 ("forms", .array(s.forms.map { form in .array(form.map { slot in
                     .object([("keyword", .optional(slot.keyword)), ("name", .string(slot.name)), ("kind", .string(slot.kind.label)),
                              ("optional", .bool(slot.optional)), ("repeats", .bool(slot.repeats)),
                              ("choices", slot.kind.choices.map { .array($0.map(JSONValue.string)) } ?? .null)]) }) }))])
    }
}
