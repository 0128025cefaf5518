import ZienCore

extension StoreData {
    /// Pupils the store knows, with their Vertrekdatum (for `leerling-onbekend`). Mapped, not
    /// inserted again: the table keeps its layout, no key is hashed (100,000 for a board).
    public var knownPupils: [String: Day?] { leerlingen.mapValues(\.vertrekdatum) }

    /// Group codes of (schooljaar, vestiging) the store knows (for `groep-nieuw`).
    public func groupCodes(_ s: Schooljaar, _ v: String) -> Set<String> {
        let nv = Text.nfc(v)
        return Set(groepen.filter { $0.schooljaar == s && Text.nfc($0.vestiging) == nv }.map(\.code))
    }

    /// Applies change set `cs` to the records (`StoreRecords.apply`, the one way) and raises the
    /// revision (an empty change set changes no data: the revision stays); returns what undoes it. Throws `ChangeConflict` when the records are not what
    /// `cs` expects: then they are partly changed, and the caller lets go of them.
    public mutating func apply(_ cs: ChangeSet) throws(ChangeConflict) -> Undo {
        let undo = try records.apply(cs)
        if !cs.isEmpty { revision += 1 }
        return undo
    }

    /// Couplings that use vestiging `name` (a vestiging in use cannot be removed).
    public func couplingCount(vestiging name: String) -> Int {
        let n = Text.nfc(name)
        return koppelingen.reduce(0) { $0 + (Text.nfc($1.vestiging) == n ? 1 : 0) }
    }
}
