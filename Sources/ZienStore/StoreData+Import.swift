import ZienCore

extension StoreData {
    /// What the planner needs to see of the store.
    public var snapshot: StoreSnapshot {
        StoreSnapshot(leerlingen: leerlingen, medewerkers: medewerkers, verzorgers: verzorgers,
                      groepen: groepen, koppelingen: koppelingen)
    }

    /// Pupils the store knows, with their Vertrekdatum (for `leerling-onbekend`).
    public var knownPupils: [String: Day?] {
        var d: [String: Day?] = [:]
        d.reserveCapacity(leerlingen.count)
        for (k, l) in leerlingen { d[k] = l.vertrekdatum }
        return d
    }

    /// Group codes of (schooljaar, vestiging) the store knows (for `groep-nieuw`).
    public func groupCodes(_ s: Schooljaar, _ v: String) -> Set<String> {
        let nv = Text.nfc(v)
        return Set(groepen.filter { $0.schooljaar == s && Text.nfc($0.vestiging) == nv }.map(\.code))
    }

    /// Applies a change set computed against this revision, and raises the revision. Without
    /// `addingNew`, see `StoreSnapshot.apply(_:addingNew:)`.
    public mutating func apply(_ cs: ChangeSet, addingNew: Bool = true) {
        var s = snapshot
        // Release our references first, so the snapshot's collections are unique and change in place.
        leerlingen = [:]; medewerkers = [:]; verzorgers = [:]; groepen = []; koppelingen = []
        s.apply(cs, addingNew: addingNew)
        leerlingen = s.leerlingen
        medewerkers = s.medewerkers
        verzorgers = s.verzorgers
        groepen = s.groepen
        koppelingen = s.koppelingen
        revision += 1
    }

    /// Couplings that use vestiging `name` (a vestiging in use cannot be removed).
    public func couplingCount(vestiging name: String) -> Int {
        let n = Text.nfc(name)
        return koppelingen.reduce(0) { $0 + (Text.nfc($1.vestiging) == n ? 1 : 0) }
    }
}
