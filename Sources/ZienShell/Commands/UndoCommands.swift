import ZienCore
import ZienStore

extension CommandTable {
    static let undoCommands: [CommandSpec] = [
        CommandSpec(
            words: ["undo"], group: .doorvoeren,
            summary: "de laatste commit (import of reset) terugdraaien: klaarzetten, dan commit",
            details: """
            Zet een wijzigingenset klaar die de laatste commit die nog niet is teruggedraaid
            ongedaan maakt: koppelingen die hij beëindigde zijn weer actief met hun eigen begindatum,
            wat hij aanmaakte verdwijnt, wat hij wijzigde krijgt de waarde van ervoor. Een undo wordt
            zelf niet teruggedraaid: nog eens 'undo' gaat een commit verder terug. Geweigerd als de
            opslag sindsdien zo veranderde dat terugdraaien niet klopt (een vestiging hernoemd of
            verwijderd, een record dat er niet meer is). 'show changes' toont wat er gebeurt,
            'commit' voert het uit (in een script: commit --yes). Dossiers blijven altijd zoals ze zijn.
            """,
            examples: ["undo"],
            run: { inv in try undo(inv) }),
    ]

    // MARK: - undo

    static func undo(_ inv: Invocation) throws -> Reply {
        let s = inv.session
        try s.store.reload()
        let data = try s.store.data()
        guard let id = data.commits.last else {
            // Commits of an older store kept nothing to undo them with: say so when there are.
            let log = try s.store.importLog()
            let older = log.indices.contains { i in
                let soort = log.summary(i)["soort"]?.stringValue
                return (soort == "import" || soort == "reset-inrichting") && !Store.contains(log.texts[i], "\"undo\"")
            }
            throw ShellError.nothingToUndo(older: older)
        }
        guard let (number, entry) = try s.store.commitEntry(id) else {
            throw ShellError.undoEntryMissing
        }
        let soort = entry["soort"]?.stringValue ?? "import"
        let tijd = entry["tijd"]?.stringValue ?? ""
        let what = "\(ImportTable.kind(soort)) \(number)" + (tijd.isEmpty ? "" : " van \(tijd)")
        guard let journal = entry["undo"] else {
            throw ShellError.undoNotKept(number)
        }
        let cs: ChangeSet
        switch reverting(journal, data, what) {
        case .success(let c): cs = c
        case .failure(let conflict):
            throw ShellError.undoConflict(what, reason: conflict.message)
        }
        s.recordUndo(cs, revision: data.revision, target: UndoTarget(id: id, number: number, soort: soort, tijd: tijd))
        let total = Render.changeTotal(cs)
        return Reply(
            text: {
                "Klaargezet: \(what) terugdraaien (\(total)). 'show changes' toont wat er gebeurt; 'commit' voert het uit."
            },
            json: { [("undoes", .int(number)), ("soort", .string(soort)), ("pending", .bool(true)), ("changes", Render.changeCountsJSON(cs))] })
    }

    /// The change set that reverts the commit whose journal is `journal`, against `data` as it is.
    static func reverting(_ journal: JSONValue, _ data: StoreData, _ what: String) -> Result<ChangeSet, ChangeConflict> {
        let undo: Undo
        do { undo = try Undo(json: journal) } catch { return .failure(error) }
        do { try checkVestigingen(undo, data, what) } catch { return .failure(error) }
        do { return .success(try ChangeSet.reverting(undo, in: data.records)) } catch { return .failure(error) }
    }

    /// A vestiging that commit was about, or that a group or coupling to come back names, must
    /// still be known: a rename or removal since is a conflict (the restored records would point
    /// at a vestiging that no longer exists).
    static func checkVestigingen(_ undo: Undo, _ data: StoreData, _ what: String) throws(ChangeConflict) {
        let known = Set(data.vestigingen.map(Text.nfc))
        func check(_ v: String, _ about: String) throws(ChangeConflict) {
            guard known.contains(Text.nfc(v)) else {
                throw ChangeConflict("vestiging '\(v)' van \(about) bestaat niet meer (hernoemd of verwijderd)")
            }
        }
        if !undo.vestiging.isEmpty { try check(undo.vestiging, what) }
        for g in undo.removedGroepen { try check(g.vestiging, "groep \(g.code)") }
        for r in undo.removedKoppelingen { try check(r.koppeling.vestiging, "koppeling \(r.koppeling.soort.rawValue) \(r.koppeling.onderwerp) – \(r.koppeling.doel)") }
        // The couplings it created or changed are where it left them: each of its schooljaar,
        // and, for an import, of its vestiging (another coupling there means the store moved).
        for range in undo.createdKoppelingen {
            for i in range where i < data.koppelingen.count {
                let k = data.koppelingen[i]
                guard k.schooljaar == undo.schooljaar, undo.vestiging.isEmpty || Text.nfc(k.vestiging) == Text.nfc(undo.vestiging) else {
                    throw ChangeConflict("koppeling \(i + 1) (\(k.soort.rawValue) \(k.onderwerp) – \(k.doel)) is niet meer die van de commit")
                }
            }
        }
    }
}
