import ZienCore
import ZienStore

extension CommandTable {
    static let loadCommands: [CommandSpec] = [
        CommandSpec(
            words: ["load"], group: .laden,
            summary: "een exportbestand in de sessie laden",
            details: """
            Leest het bestand en herkent tekenset, scheidingsteken (; of TAB), kopregel en soort.
            Met 'as SOORT' bepaal je de soort zelf. Een bestand van dezelfde soort wordt vervangen.
            Een bestand dat niet te lezen is (bestaat niet, is een map, geen toestemming) geeft een
            fout; wat er verder mis is met het bestand meldt 'check'.
            """,
            examples: ["load leerlingen.csv as leerling", "load koppel.csv"],
            slots: [.value("BESTAND", .file), .keyword("as", "SOORT", .soort)],
            run: { inv in
                let path = inv.path(inv.value("BESTAND") ?? "")
                let soort = try inv.value("as").map(ZienShell.soort)
                // A check will need the store too: decoded on another core while this is read.
                inv.session.store.prepare()
                let raw: [UInt8]
                do {
                    guard let r = try FileBytes.read(path, limit: LoadedFile.maxBytes) else {
                        throw ShellError.cannotRead(.load, path, reason: nil)
                    }
                    raw = r
                } catch let e as FileReadError {
                    throw ShellError.cannotRead(.load, path, reason: e.message)
                }
                let file = LoadedFile(path: path, raw: raw, charset: inv.session.charset, soort: soort)
                // Ctrl-C while reading: the file is not taken into the session.
                if inv.session.cancelled() { throw ShellError.cancelled("Load") }
                let replaced = inv.session.files[file.soort]
                inv.session.setFile(file)
                let notable = file.fileDiagnostics.filter { $0.level != .info }
                return Reply(
                    text: {
                        var lines = ["Geladen als \(file.soort.rawValue) (\(file.soortSource)): " + Render.fileDetails(file)]
                        if let r = replaced { lines.append("Vervangt \(r.path).") }
                        for d in notable.prefix(5) { lines.append(Render.diagnostic(d, inv.palette, withSoort: false)) }
                        if notable.count > 5 { lines.append("… en nog \(notable.count - 5) meldingen over het bestand; 'check' toont ze allemaal") }
                        return lines.joined(separator: "\n")
                    },
                    json: {
                        [("file", Render.fileJSON(file)), ("soortSource", .string(file.soortSource)),
                         ("replaced", .optional(replaced?.path)),
                         ("diagnostics", .array(file.fileDiagnostics.map(Render.diagnosticJSON)))]
                    })
            }),
        CommandSpec(
            words: ["unload"], group: .laden,
            summary: "geladen bestanden uit de sessie halen",
            details: "Zonder soort gaan alle geladen bestanden uit de sessie. Het bestand zelf blijft staan.",
            examples: ["unload koppel"],
            slots: [.choice("SOORT", .soort)],
            run: { inv in
                let gone = inv.session.removeFiles(try inv.value("SOORT").map(ZienShell.soort))
                return Reply(
                    text: { gone.isEmpty ? "Er was geen bestand geladen." : "Uit de sessie: " + gone.map { "\($0.path) (\($0.soort.rawValue))" }.joined(separator: ", ") },
                    json: { [("unloaded", .array(gone.map { .string($0.path) }))] })
            }),
        CommandSpec(
            words: ["charset"], group: .laden,
            summary: "de tekenset tonen of kiezen",
            details: """
            'auto' (standaard) kiest per bestand: BOM, anders geldige UTF-8, anders Windows-1252 als
            bytes 0x80-0x9F voorkomen, anders ISO-8859-1. Een gekozen tekenset geldt voor alle
            geladen bestanden, die opnieuw gelezen worden. Namen niet goed overgekomen? Probeer
            utf-8, dan windows-1252, dan iso-8859-1. Staat 'BrontÃ«' al zo in het bestand (een
            UTF-8-export die in Excel is geopend en weer opgeslagen), dan leest 'herstel' het als
            UTF-8 en herstelt zulke velden in het geheugen; het bestand zelf blijft zoals het is.
            """,
            examples: ["charset windows-1252", "charset herstel"],
            slots: [.choice("TEKENSET", .charset)],
            run: { inv in
                let s = inv.session
                if let w = inv.value("TEKENSET") {
                    guard let c = CharsetSetting(name: w) else { throw ShellError.unknownChoice(w, .charset) }
                    s.setCharset(c)
                }
                let files = s.orderedFiles
                return Reply(
                    text: {
                        var lines = ["Tekenset: \(s.charset.name)"]
                        for f in files {
                            let errors = f.fileDiagnostics.filter { $0.code == .tekenset }.count
                            lines.append("  \(f.path): gelezen als \(f.text.charset.name)" + (errors > 0 ? " — \(errors) \(errors == 1 ? "regel" : "regels") niet te lezen (zie check)" : ""))
                        }
                        return lines.joined(separator: "\n")
                    },
                    json: {
                        [("charset", .string(s.charset.name)),
                         ("files", .array(files.map(Render.fileJSON)))]
                    })
            }),
    ]
}

/// A soort as the user wrote it, or a failure that names the choices.
func soort(_ word: String) throws -> Soort {
    guard let s = Soort(word: word) else {
        throw ShellError.unknownChoice(word, .soort)
    }
    return s
}

/// `~/x` → `$HOME/x`.
func expandHome(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    let home = ProcessEnvironment.value("HOME") ?? ""
    return home + path.dropFirst()
}
