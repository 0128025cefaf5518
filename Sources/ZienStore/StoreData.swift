import ZienCore

/// Everything the store holds, as one JSON document (SPEC.md §5).
///
/// Records are written as arrays (one per pupil, coupling, …) rather than objects: a board's
/// store holds hundreds of thousands of them, and positional arrays are a third of the size.
/// Sections this version does not interpret — the pupils' dossiers above all — are kept verbatim
/// in `other`, so no rewrite ever loses or changes them.
public struct StoreData: Sendable, Equatable {
    /// The format this build writes. Older formats are migrated on open; newer are refused.
    /// 1: vestigingen only. 2: pupils, staff, verzorgers, groups, couplings, import log.
    public static let currentFormatVersion = 2

    public var formatVersion: Int = StoreData.currentFormatVersion
    /// Raised by every change of data (vestigingen, commits); not by import-log entries.
    public var revision: Int = 0
    /// Known vestigingen, in the order they were added.
    public var vestigingen: [String] = []
    public var leerlingen: [String: Leerling] = [:]
    public var medewerkers: [String: Medewerker] = [:]
    /// By `Verzorger.id` (`leerling/slot`).
    public var verzorgers: [String: Verzorger] = [:]
    public var groepen: Set<Groep> = []
    public var koppelingen: [Koppeling] = []
    /// The Importoverzicht, oldest first.
    public var importLog: [JSONValue] = []
    /// Sections kept as read (dossiers, and anything a later version adds).
    public var other: [(String, JSONValue)] = []

    public init() {}

    public static func == (a: StoreData, b: StoreData) -> Bool {
        a.formatVersion == b.formatVersion && a.revision == b.revision && a.vestigingen == b.vestigingen
            && a.leerlingen == b.leerlingen && a.medewerkers == b.medewerkers && a.verzorgers == b.verzorgers
            && a.groepen == b.groepen && a.koppelingen == b.koppelingen && a.importLog == b.importLog
            && JSONValue.object(a.other) == JSONValue.object(b.other)
    }

    static let known: Set<String> = ["format", "formatVersion", "revision", "vestigingen", "leerlingen",
                                     "medewerkers", "verzorgers", "groepen", "koppelingen", "importlog"]
}
