/// What `check` needs to know besides the files: the store's state and the session's choices.
/// The shell fills it from the store; the core never reads the store itself.
public struct CheckContext: Sendable {
    /// Vestigingen known to the store (as stored; compared after NFC).
    public var vestigingen: [String]
    /// The vestiging to import for.
    public var vestiging: String
    public var schooljaar: Schooljaar
    /// "Today" (local date, or `ZIEN_TODAY`).
    public var today: Day
    /// Pupils the store holds: key → Vertrekdatum.
    public var knownPupils: [String: Day?]
    /// Group codes the store holds for (schooljaar, vestiging).
    public var knownGroups: Set<String>

    public init(vestigingen: [String], vestiging: String, schooljaar: Schooljaar, today: Day,
                knownPupils: [String: Day?] = [:], knownGroups: Set<String> = []) {
        self.vestigingen = vestigingen
        self.vestiging = vestiging
        self.schooljaar = schooljaar
        self.today = today
        self.knownPupils = knownPupils
        self.knownGroups = knownGroups
    }
}

/// The outcome of checking the loaded files.
public struct CheckReport: Sendable {
    /// Every finding, per file in the order leerling → groepen → koppel, by line.
    public var diagnostics: [Diagnostic]
    public var counts: LevelCounts
    /// Records checked per soort.
    public var records: [Soort: Int]

    /// `Fouten gevonden`, `Succesvol met waarschuwingen` or `Succesvol`.
    public var status: String { counts.status }
}
