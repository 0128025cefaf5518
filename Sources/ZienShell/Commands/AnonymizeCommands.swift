#if canImport(Glibc)
import Glibc
#endif
import ZienCore
import ZienStore

extension CommandTable {
    static let anonymizeCommands: [CommandSpec] = [
        CommandSpec(
            words: ["anonimiseer"], group: .doorvoeren,
            synopsis: "anonimiseer MAP [--force]",
            summary: "kopieën van de geladen bestanden zonder persoonsgegevens schrijven, voor de helpdesk",
            details: """
            Schrijft van elk geladen bestand een kopie in MAP (dezelfde bestandsnaam, alleen voor
            jou leesbaar) waarin namen, tussenvoegsels, e-mailadressen, geboortedata,
            leerlingnummers en medewerkernummers vervangen zijn door verzonnen waarden van
            dezelfde vorm. Tekenset, scheidingsteken, regels, aanhalingstekens en alles wat geen
            persoonsgegeven is (vestigingen, groepscodes, ILT-codes, leerjaren, geslacht, Post
            ouder, vertrekdatum) blijven zoals ze zijn, zodat de helpdesk met dezelfde vestiging
            en hetzelfde schooljaar dezelfde meldingen op dezelfde regels krijgt. Vooraf test
            anonimiseer de kopieën zelf; geven ze andere meldingen, dan wordt er niets geschreven.
            Bestaande bestanden worden alleen met --force vervangen.
            """,
            example: "anonimiseer ~/voor-helpdesk",
            arguments: [.folder, .text], arity: 1...2,
            run: { inv in try anonymize(inv) }),
    ]

    static let helpdeskAddress = "helpdeskzienvo@gouwe-academie.nl"

    /// The path with links and `..` resolved, for an existing file.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func anonymize(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        var force = false
        var folder: String?
        for w in inv.args {
            if w == "--force" || w == "-f" {
                force = true
            } else if folder == nil {
                folder = w
            } else {
                throw CommandFailure("Gebruik: anonimiseer MAP [--force]")
            }
        }
        guard let folder else { throw CommandFailure("Gebruik: anonimiseer MAP [--force]") }
        let files = s.orderedFiles
        guard !files.isEmpty else { throw CommandFailure("Geen bestand geladen; laad eerst de bestanden van de melding met 'load BESTAND'") }
        try s.store.reload()
        guard let v = s.vestiging else {
            throw CommandFailure("Kies eerst een vestiging met 'vestiging NAAM': anonimiseer test de kopieën voor dezelfde vestiging als het origineel (bekend: \(list(s.store.header.vestigingen)))")
        }
        let dir = expandHome(folder)
        var targets: [String] = []
        var shown: [String] = []
        for f in files {
            let name = f.path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? f.path
            let target = (dir.hasSuffix("/") ? dir : dir + "/") + name
            if targets.contains(target) {
                throw CommandFailure("Niet geschreven: twee geladen bestanden heten '\(name)'; geef ze verschillende namen en laad ze opnieuw")
            }
            if FileBytes.exists(target), let a = realPath(target), a == realPath(expandHome(f.path)) {
                throw CommandFailure("Niet geschreven: \(f.path) zou zichzelf vervangen; kies een andere map")
            }
            targets.append(target)
            shown.append((folder.hasSuffix("/") ? folder : folder + "/") + name)
        }
        if !force {
            let existing = zip(targets, shown).filter { FileBytes.exists($0.0) }.map(\.1)
            if !existing.isEmpty {
                throw CommandFailure("Niet geschreven: \(existing.joined(separator: ", ")) \(existing.count == 1 ? "bestaat" : "bestaan") al. Vervangen? 'anonimiseer \(folder) --force'")
            }
        }

        let data = try s.store.data()
        let context = CheckContext(vestigingen: data.vestigingen, vestiging: v, schooljaar: s.schooljaar, today: s.today,
                                   knownPupils: data.knownPupils, knownGroups: data.groupCodes(s.schooljaar, v))
        var anonymizer = Anonymizer()
        let result: Anonymizer.Result
        do {
            guard let r = try anonymizer.run(files, charset: s.charset, context: context, store: data.snapshot, cancelled: s.cancelled) else {
                throw CommandFailure("Anonimiseren afgebroken; er is niets geschreven", exitCode: 130)
            }
            result = r
        } catch let e as Anonymizer.Refusal {
            throw CommandFailure("Niet geschreven: \(e.message)")
        }
        if let difference = result.difference {
            throw CommandFailure("Niet geschreven: de kopie geeft niet dezelfde meldingen als het origineel (\(difference)). Er is niets geschreven; meld dit aan de helpdesk zonder bestand")
        }
        do {
            try FileBytes.makeFolder(dir)
            for (target, bytes) in zip(targets, result.copies) { try FileBytes.writeAtomically(bytes, to: target) }
        } catch let e as FileWriteError {
            throw CommandFailure("Anonimiseren mislukt: \(e.message)")
        }

        let replaced = anonymizer.replaced
        let year = s.schooljaar
        let counts = result.original.report.counts
        let copies = result.copy.files
        let charsetWord = s.charset == .auto ? nil : s.charset.name
        return Reply(
            text: {
                var lines = ["Geanonimiseerde kopie in \(folder) (zelf getest: dezelfde meldingen als het origineel, \(Render.counts(counts))):"]
                for (f, target) in zip(copies, shown) {
                    lines.append("  \(f.soort.rawValue.padding(9)) \(target): \(f.recordCount) records op \(f.lineCount) regels, \(f.text.charset.name)")
                }
                let made = PersonalKind.allCases.compactMap { k in replaced[k].map { k.counted($0) } }
                lines.append("Vervangen: " + (made.isEmpty ? "niets (er staan geen persoonsgegevens in)" : made.joined(separator: ", ")) + ".")
                lines.append("Zoals ze waren: vestigingen, groepscodes, ILT-codes, leerjaren, geslacht, Post ouder en vertrekdatum.")
                lines.append("Stuur de bestanden in \(folder) naar \(helpdeskAddress) met het regelnummer van de melding,"
                             + " vestiging \(v) en schooljaar \(year)\(charsetWord.map { " en charset \($0)" } ?? "").")
                return lines.joined(separator: "\n")
            },
            json: {
                [("folder", .string(folder)), ("vestiging", .string(v)), ("schooljaar", .string(year.description)),
                 ("files", .array(zip(copies, shown).map { f, target in
                     .object([("soort", .string(f.soort.rawValue)), ("path", .string(target)), ("records", .int(f.recordCount)),
                              ("lines", .int(f.lineCount)), ("charset", .string(f.text.charset.name))])
                 })),
                 ("replaced", .object(PersonalKind.allCases.compactMap { k in replaced[k].map { (k.identifier, .int($0)) } })),
                 ("selfcheck", .object([("same", .bool(true)), ("counts", Render.countsJSON(counts))]))]
            })
    }
}
