import ZienCore
import ZienStore

extension CommandTable {
    static let manageCommands: [CommandSpec] = [
        CommandSpec(
            words: ["vestigingen"], group: .beheer,
            summary: "de bekende vestigingen tonen",
            details: "Vestigingen staan in de opslag; de gekozen vestiging is gemarkeerd met *.",
            examples: ["vestigingen"],
            run: { inv in
                let s = inv.session
                try s.store.reload()
                let names = s.store.header.vestigingen
                return Reply(
                    text: {
                        names.isEmpty ? "Nog geen vestigingen; voeg toe met 'vestiging add NAAM'."
                            : names.map { ($0 == s.vestiging ? "* " : "  ") + $0 }.joined(separator: "\n")
                    },
                    json: { [("vestigingen", .array(names.map(JSONValue.string))), ("gekozen", .optional(s.vestiging))] })
            }),
        CommandSpec(
            words: ["vestiging", "add"], group: .beheer,
            summary: "een vestiging toevoegen",
            details: """
            De naam moet precies zo geschreven zijn als in de kolom 'Administratieve eenheid' van
            Magister. Is er nog geen vestiging gekozen, dan wordt de nieuwe gekozen.
            """,
            examples: ["vestiging add \"De Leeuwenbrug\""],
            slots: [.value("NAAM", .text, rest: true)],
            run: { inv in
                let s = inv.session
                let name = Text.nfc(Text.trimmed(inv.value("NAAM") ?? ""))
                guard !name.isEmpty else { throw ShellError.emptyName(.vestiging) }
                guard !Text.hasControl(name) else {
                    throw ShellError.controlCharacterInName(Text.visible(name))
                }
                try storeUpdate(s) { d in
                    if d.vestigingen.contains(where: { Text.nfc($0) == name }) {
                        throw ShellError.vestigingExists(name)
                    }
                    d.vestigingen.append(name)
                    d.revision += 1
                }
                let chose = s.vestiging == nil
                if chose { s.setVestiging(name) } else { s.discardCheck() }
                return Reply(
                    text: { "Vestiging '\(name)' toegevoegd" + (chose ? " en gekozen." : ".") },
                    json: { [("added", .string(name)), ("vestiging", .optional(s.vestiging))] })
            }),
        CommandSpec(
            words: ["vestiging", "rename"], group: .beheer,
            summary: "een vestiging hernoemen",
            details: "Namen met spaties tussen aanhalingstekens.",
            examples: ["vestiging rename Leeuwenburg Leeuwenbrug"],
            slots: [.value("OUD", .vestiging), .value("NIEUW", .text)],
            run: { inv in
                let s = inv.session
                let old = Text.nfc(inv.value("OUD") ?? ""), new = Text.nfc(Text.trimmed(inv.value("NIEUW") ?? ""))
                guard !new.isEmpty else { throw ShellError.emptyName(.newName) }
                guard !Text.hasControl(new) else {
                    throw ShellError.controlCharacterInName(Text.visible(new))
                }
                try storeUpdate(s) { d in
                    guard let i = d.vestigingen.firstIndex(where: { Text.nfc($0) == old }) else {
                        throw unknownVestiging(old, s)
                    }
                    if d.vestigingen.contains(where: { Text.nfc($0) == new }) {
                        throw ShellError.vestigingExists(new)
                    }
                    let oldName = d.vestigingen[i]
                    d.vestigingen[i] = new
                    // Groups and couplings follow the name.
                    d.groepen = Set(d.groepen.map { g in
                        var g = g
                        if Text.nfc(g.vestiging) == Text.nfc(oldName) { g.vestiging = new }
                        return g
                    })
                    for k in d.koppelingen.indices where Text.nfc(d.koppelingen[k].vestiging) == Text.nfc(oldName) {
                        d.koppelingen[k].vestiging = new
                    }
                    d.revision += 1
                }
                if s.vestiging.map(Text.nfc) == old { s.setVestiging(new) } else { s.discardCheck() }
                return Reply(
                    text: { "Vestiging '\(old)' heet nu '\(new)'." },
                    json: { [("renamed", .string(old)), ("to", .string(new))] })
            }),
        CommandSpec(
            words: ["vestiging", "remove"], group: .beheer,
            summary: "een vestiging verwijderen (niet zolang er koppelingen naar verwijzen)",
            details: "Verwijdert een vestiging uit de opslag. Was hij gekozen, dan is er daarna geen vestiging gekozen.",
            examples: ["vestiging remove Leeuwenburg"],
            slots: [.value("NAAM", .vestiging, rest: true)],
            run: { inv in
                let s = inv.session
                let name = Text.nfc(inv.value("NAAM") ?? "")
                try storeUpdate(s) { d in
                    guard let i = d.vestigingen.firstIndex(where: { Text.nfc($0) == name }) else {
                        throw unknownVestiging(name, s)
                    }
                    let used = d.couplingCount(vestiging: name)
                    guard used == 0 else {
                        throw ShellError.vestigingInUse(name, couplings: used)
                    }
                    d.vestigingen.remove(at: i)
                    d.revision += 1
                }
                if s.vestiging.map(Text.nfc) == name { s.setVestiging(nil) } else { s.discardCheck() }
                return Reply(
                    text: { "Vestiging '\(name)' verwijderd." },
                    json: { [("removed", .string(name))] })
            }),
    ]

    /// Runs a store update, turning store errors into command failures.
    static func storeUpdate(_ s: Session, _ change: (inout StoreData) throws -> Void) throws {
        try storeWrite { try s.store.update(change) }
    }

    /// Adds an Importoverzicht entry (not data: the revision stays).
    static func storeAppendLog(_ s: Session, _ entry: JSONValue) throws {
        try storeWrite { try s.store.appendLog(entry) }
    }

    static func storeWrite(_ write: () throws -> Void) throws {
        do {
            try write()
        } catch let e as StoreError {
            throw ShellError.store(e.message)
        } catch let e as FileWriteError {
            throw ShellError.writeFailed(e.message)
        }
    }
}
