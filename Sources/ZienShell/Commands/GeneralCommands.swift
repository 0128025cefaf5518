import ZienCore

extension CommandTable {
    static let generalCommands: [CommandSpec] = [
        CommandSpec(
            words: ["help"], group: .algemeen,
            synopsis: "help [OPDRACHT]",
            summary: "de opdrachten, of uitleg en een voorbeeld van één opdracht",
            details: "Opdrachten mogen afgekort worden zolang ze eenduidig zijn: 'sh r 12' is 'show row 12'.",
            example: "help show row",
            arguments: [.command], arity: 0...2,
            run: { inv in
                if inv.args.isEmpty {
                    return Reply(text: { overview(fit: inv.fit) }, json: {
                        [("commands", .array(all.map { .object([("name", .string($0.name)), ("synopsis", .string($0.synopsis)),
                                                                ("group", .string($0.group.rawValue)), ("summary", .string($0.summary))]) }))]
                    })
                }
                let (spec, rest) = try resolve(inv.args)
                let specs = rest.isEmpty && spec.words.count == 1 ? family(spec.words[0]) : [spec]
                return Reply(
                    text: { specs.map(detail).joined(separator: "\n\n") },
                    json: { [("commands", .array(specs.map { .object([("name", .string($0.name)), ("synopsis", .string($0.synopsis)),
                                                                     ("summary", .string($0.summary)), ("details", .string($0.details)),
                                                                     ("example", .string($0.example))]) }))] })
            }),
        CommandSpec(
            words: ["source"], group: .algemeen,
            synopsis: "source SCRIPT",
            summary: "een opgeslagen script uitvoeren",
            details: """
            Voert de opdrachten uit het bestand uit, één per regel; regels met # zijn commentaar.
            Een mislukte opdracht stopt het script en noemt de regel van het script.
            """,
            example: "source melding-2381.zs",
            arguments: [.file], arity: 1...1,
            run: { inv in
                try inv.runner.source(path: inv.args[0])
                return Reply(text: { "" }, json: { [("script", .string(inv.args[0]))] })
            }),
        CommandSpec(
            words: ["quit"], group: .algemeen,
            synopsis: "quit",
            summary: "de shell verlaten (ook: Ctrl-D)",
            details: """
            Beëindigt de sessie. Geladen bestanden worden niet bewaard; de opslag wel. Staat er een
            wijzigingenset klaar die nog niet is ingelezen, dan vraagt de shell eerst of je wilt stoppen.
            """,
            example: "quit",
            arguments: [], arity: 0...0,
            run: { inv in
                guard inv.runner.mayQuit() else { throw CommandFailure("Niet afgesloten; 'commit' leest de wijzigingenset in") }
                inv.runner.quitRequested = true
                return Reply(text: { "" }, json: { [] })
            }),
    ]

    static func overview(fit: (String) -> String = { $0 }) -> String {
        var lines = ["Opdrachten (afkorten mag zolang het eenduidig is; 'help OPDRACHT' geeft uitleg):"]
        let width = all.map(\.synopsis.count).max() ?? 20
        for g in CommandGroup.allCases {
            let specs = all.filter { $0.group == g }
            guard !specs.isEmpty else { continue }
            lines.append("")
            lines.append(g.title)
            for s in specs { lines.append(fit("  \(s.synopsis.padding(min(width, 44)))  \(s.summary)")) }
        }
        return lines.joined(separator: "\n")
    }

    static func detail(_ s: CommandSpec) -> String {
        "\(s.synopsis)\n  \(s.summary)\n\n" + s.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            + "\n\n  Voorbeeld: \(s.example)"
    }
}
