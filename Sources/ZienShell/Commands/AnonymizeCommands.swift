#if canImport(Glibc)
import Glibc
#endif
import ZienCore
import ZienStore

extension CommandTable {
    static let anonymizeCommands: [CommandSpec] = [
        CommandSpec(
            words: ["anonimiseer"], group: .doorvoeren,
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
            examples: ["anonimiseer naar-helpdesk", "anonimiseer naar-helpdesk --force"],
            slots: [.value("MAP", .folder)],
            flags: [.force],
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
        let force = inv.has(.force)
        let folder = inv.value("MAP") ?? ""
        guard !folder.isEmpty else { throw ShellError.emptyName(.anonymizeFolder) }
        let files = s.orderedFiles
        guard !files.isEmpty else { throw ShellError.noFileLoaded }
        try s.store.reload()
        guard let v = s.vestiging else {
            // The copies are tested for the same vestiging as the originals.
            throw ShellError.noVestigingChosen(forExport: false, known: s.store.header.vestigingen)
        }
        let dir = inv.path(folder)
        var targets: [String] = []
        var shown: [String] = []
        for f in files {
            let name = f.path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? f.path
            let target = (dir.hasSuffix("/") ? dir : dir + "/") + name
            if targets.contains(target) {
                throw ShellError.anonymizeSameName(name)
            }
            if FileBytes.exists(target), let a = realPath(target), a == realPath(f.path) {
                throw ShellError.anonymizeWouldReplace(f.path)
            }
            targets.append(target)
            shown.append((folder.hasSuffix("/") ? folder : folder + "/") + name)
        }
        if !force {
            let existing = zip(targets, shown).filter { FileBytes.exists($0.0) }.map(\.1)
            if !existing.isEmpty {
                throw ShellError.anonymizeExists(existing, command: "anonimiseer \(folder) --force")
            }
        }

        let data = try s.store.data()
        let records = data.records
        let context = CheckContext(vestigingen: data.vestigingen, vestiging: v, schooljaar: s.schooljaar, today: s.today,
                                   knownPupils: data.knownPupils, knownGroups: data.groupCodes(s.schooljaar, v))
        var anonymizer = Anonymizer()
        let result: Anonymizer.Result
        do {
            guard let r = try anonymizer.run(files, charset: s.charset, context: context, store: records, cancelled: s.cancelled) else {
                throw ShellError.cancelled("Anonimiseren")
            }
            result = r
        } catch let e as Anonymizer.Refusal {
            throw ShellError.anonymizeRefused(e.message)
        }
        if let difference = result.difference { throw ShellError.anonymizeDiffers(difference) }
        do {
            try FileBytes.makeFolder(dir)
            // All or none: every copy written and synced before the first replaces anything.
            try FileBytes.writeAllAtomically(Array(zip(targets, result.copies)))
        } catch let e as FileWriteError {
            throw ShellError.anonymizeFailed(e.message)
        } catch let e as StoreError {
            throw ShellError.anonymizeFailed(e.message)
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
