import ZienCore

/// Everything the store holds, as one JSON document.
///
/// Sections this version does not interpret yet are kept verbatim in `other`, so a rewrite
/// never loses them.
public struct StoreData: Sendable, Equatable {
    /// The format this build writes. Older formats are migrated on open; newer are refused.
    public static let currentFormatVersion = 1

    public var formatVersion: Int = StoreData.currentFormatVersion
    /// Raised by every change of data (vestigingen, commits); not by import-log entries.
    public var revision: Int = 0
    /// Known vestigingen, in the order they were added.
    public var vestigingen: [String] = []
    /// Sections kept as read (pupils, couplings, dossiers, import log, …).
    public var other: [(String, JSONValue)] = []

    public init() {}

    public static func == (a: StoreData, b: StoreData) -> Bool {
        a.formatVersion == b.formatVersion && a.revision == b.revision && a.vestigingen == b.vestigingen
            && JSONValue.object(a.other) == JSONValue.object(b.other)
    }

    /// The document as written to disk.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("format", .string("zien-shell-store")),
            ("formatVersion", .int(formatVersion)),
            ("revision", .int(revision)),
            ("vestigingen", .array(vestigingen.map(JSONValue.string))),
        ]
        pairs.append(contentsOf: other)
        return .object(pairs)
    }

    /// Reads a document, migrating older formats; throws for a newer or corrupt one.
    public init(json: JSONValue) throws {
        guard case .object(let pairs) = json, json["format"]?.stringValue == "zien-shell-store" else {
            throw StoreError("dit is geen opslagbestand van zien-shell")
        }
        guard let version = json["formatVersion"]?.intValue else {
            throw StoreError("het opslagbestand heeft geen formaatversie")
        }
        if version > StoreData.currentFormatVersion {
            throw StoreError("het opslagbestand heeft formaatversie \(version); deze zien-shell kent tot en met versie \(StoreData.currentFormatVersion). Gebruik een nieuwere zien-shell.")
        }
        guard version >= 1 else { throw StoreError("onbekende formaatversie \(version)") }
        // Migrations from older versions go here, one step per version.
        formatVersion = StoreData.currentFormatVersion
        revision = json["revision"]?.intValue ?? 0
        guard let list = json["vestigingen"]?.arrayValue else {
            throw StoreError("het opslagbestand mist de lijst met vestigingen")
        }
        vestigingen = try list.map {
            guard let s = $0.stringValue else { throw StoreError("een vestiging in het opslagbestand is geen tekst") }
            return s
        }
        let known: Set<String> = ["format", "formatVersion", "revision", "vestigingen"]
        other = pairs.filter { !known.contains($0.0) }
    }
}
