import ZienCore
import ZienStore

extension CommandTable {
    static let loadCommands: [CommandSpec] = [
        CommandSpec(
            words: ["load"], group: .laden,
            synopsis: "load BESTAND [as leerling|groepen|koppel]",
            summary: "een exportbestand in de sessie laden",
            details: """
            Leest het bestand en herkent tekenset, scheidingsteken (; of TAB), kopregel en soort.
            Met 'as SOORT' bepaal je de soort zelf. Een bestand van dezelfde soort wordt vervangen.
            Een bestand dat niet te lezen is (bestaat niet, is een map, geen toestemming) geeft een
            fout; wat er verder mis is met het bestand meldt 'check'.
            """,
            example: "load leerlingen.csv as leerling",
            arguments: [.file, .text, .soort], arity: 1...3,
            run: { inv in
                let path = inv.args[0]
                var soort: Soort?
                if inv.args.count > 1 {
                    guard inv.args.count == 3, inv.args[1].lowercased() == "as" else {
                        throw CommandFailure("Gebruik: load BESTAND [as leerling|groepen|koppel] (staat er een spatie in de naam? zet hem tussen aanhalingstekens)")
                    }
                    soort = try ZienShell.soort(inv.args[2])
                }
                let raw: [UInt8]
                do {
                    guard let r = try FileBytes.read(expandHome(path), limit: LoadedFile.maxBytes) else {
                        throw CommandFailure("Kan '\(path)' niet laden: het bestand bestaat niet")
                    }
                    raw = r
                } catch let e as FileReadError {
                    throw CommandFailure("Kan '\(path)' niet laden: \(e.message)")
                }
                let file = LoadedFile(path: path, raw: raw, charset: inv.session.charset, soort: soort)
                // Ctrl-C while reading: the file is not taken into the session.
                if inv.session.cancelled() { throw CommandFailure("Load afgebroken; de sessie is zoals ervoor", exitCode: 130) }
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
            synopsis: "unload [leerling|groepen|koppel]",
            summary: "geladen bestanden uit de sessie halen",
            details: "Zonder soort gaan alle geladen bestanden uit de sessie. Het bestand zelf blijft staan.",
            example: "unload koppel",
            arguments: [.soort], arity: 0...1,
            run: { inv in
                let gone = inv.session.removeFiles(try inv.arg(0).map(ZienShell.soort))
                return Reply(
                    text: { gone.isEmpty ? "Er was geen bestand geladen." : "Uit de sessie: " + gone.map { "\($0.path) (\($0.soort.rawValue))" }.joined(separator: ", ") },
                    json: { [("unloaded", .array(gone.map { .string($0.path) }))] })
            }),
        CommandSpec(
            words: ["charset"], group: .laden,
            synopsis: "charset [auto|utf-8|windows-1252|iso-8859-1|utf-16|utf-16le|utf-16be]",
            summary: "de tekenset tonen of kiezen",
            details: """
            'auto' (standaard) kiest per bestand: BOM, anders geldige UTF-8, anders Windows-1252 als
            bytes 0x80-0x9F voorkomen, anders ISO-8859-1. Een gekozen tekenset geldt voor alle
            geladen bestanden, die opnieuw gelezen worden. Namen niet goed overgekomen? Probeer
            utf-8, dan windows-1252, dan iso-8859-1.
            """,
            example: "charset windows-1252",
            arguments: [.charset], arity: 0...1,
            run: { inv in
                let s = inv.session
                if let w = inv.arg(0) {
                    guard let c = CharsetSetting(name: w) else {
                        var msg = "Onbekende tekenset '\(w)'"
                        if let g = Text.suggestion(for: w, among: CharsetSetting.words) { msg += " (bedoelde je '\(g)'?)" }
                        throw CommandFailure(msg + "; kies uit " + CharsetSetting.words.joined(separator: ", "))
                    }
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
        throw CommandFailure("Onbekende soort '\(word)'; kies leerling, groepen of koppel")
    }
    return s
}

/// `~/x` → `$HOME/x`.
func expandHome(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    let home = ProcessEnvironment.value("HOME") ?? ""
    return home + path.dropFirst()
}
