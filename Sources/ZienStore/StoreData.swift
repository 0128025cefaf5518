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
    /// 3: the import log moved out of the document into `store.log` beside it (`LogFile`).
    public static let currentFormatVersion = 3

    public var formatVersion: Int = StoreData.currentFormatVersion
    /// Raised by every change of data (vestigingen, commits); not by import-log entries.
    public var revision: Int = 0
    /// Known vestigingen, in the order they were added.
    public var vestigingen: [String] = []
    /// Pupils, medewerkers, verzorgers (by `Verzorger.id`), groups and couplings: what change
    /// sets are planned against and applied to.
    public var records = StoreRecords()
    public var leerlingen: [String: Leerling] {
        get { records.leerlingen }
        _modify { yield &records.leerlingen }
        set { records.leerlingen = newValue }
    }
    public var medewerkers: [String: Medewerker] {
        get { records.medewerkers }
        _modify { yield &records.medewerkers }
        set { records.medewerkers = newValue }
    }
    public var verzorgers: [String: Verzorger] {
        get { records.verzorgers }
        _modify { yield &records.verzorgers }
        set { records.verzorgers = newValue }
    }
    public var groepen: Set<Groep> {
        get { records.groepen }
        _modify { yield &records.groepen }
        set { records.groepen = newValue }
    }
    public var koppelingen: [Koppeling] {
        get { records.koppelingen }
        _modify { yield &records.koppelingen }
        set { records.koppelingen = newValue }
    }
    /// The Importoverzicht entries still inside a document of format 2, oldest first: moved
    /// out into `store.log` by the next write (`Store`). Not data: left out of `==`.
    public var legacyLog: ImportLog = []
    /// The commits `undo` can revert, oldest first: the `id` of each one's Importoverzicht entry
    /// (which holds what undoes it). A commit pushes its id, the commit of an undo pops it; at most
    /// `StoreData.undoDepth` are kept. Not data: left out of `==`.
    public var commits: [String] = []
    public static let undoDepth = 100
    /// Sections kept as read (dossiers, and anything a later version adds).
    public var other: [(String, JSONValue)] = []

    public init() {}

    public static func == (a: StoreData, b: StoreData) -> Bool {
        a.formatVersion == b.formatVersion && a.revision == b.revision && a.vestigingen == b.vestigingen
            && a.records == b.records
            && JSONValue.object(a.other) == JSONValue.object(b.other)
    }

    static let known: Set<String> = ["format", "formatVersion", "revision", "vestigingen", "commits", "leerlingen",
                                     "medewerkers", "verzorgers", "groepen", "koppelingen", "importlog"]
}

/// The Importoverzicht (read from `store.log`, or from an old document): its entries kept as
/// their JSON text. A board's entry holds thousands of
/// diagnostics (some 1.4 MB), and a year of weekly checks a hundred entries: read as text (the
/// text checked, not built) and written back as text, they cost little on every open and
/// commit; an entry is parsed when it is shown.
public struct ImportLog: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// Each entry's JSON text, as read or as the writer made it.
    public private(set) var texts: [[UInt8]]

    public init(_ entries: [JSONValue] = []) {
        texts = []
        for e in entries { append(e) }
    }

    public init(arrayLiteral entries: JSONValue...) { self.init(entries) }

    /// Entries as read (from a document, each checked to be one JSON value, or the log's lines).
    init(texts: [[UInt8]]) { self.texts = texts }

    public var startIndex: Int { 0 }
    public var endIndex: Int { texts.count }

    /// Entry `i`, parsed (`.null` if its text is not a value, which reading a document rules out).
    public subscript(i: Int) -> JSONValue { (try? JSONValue.parse(texts[i])) ?? .null }

    /// Entry `i` without its diagnostics, which are read past without being made: what the
    /// list of `show imports` shows (a board's entry holds thousands of them).
    public func summary(_ i: Int) -> JSONValue {
        var p = StoreDecoder(texts[i])
        var pairs: [(String, JSONValue)] = []
        do {
            try p.expect(0x7B)
            if !p.take(0x7D) {
                repeat {
                    let key = try p.string()
                    try p.expect(0x3A)
                    if ImportLog.heavy.contains(key) { try p.skipValue() } else { pairs.append((key, try p.value())) }
                } while p.take(0x2C)
                try p.expect(0x7D)
            }
        } catch {
            // Not an object (a hand-made entry): the whole entry, as it parses.
            if case .object(let all) = self[i] { return .object(all.filter { !ImportLog.heavy.contains($0.0) }) }
            return self[i]
        }
        return .object(pairs)
    }

    /// What the list leaves out of each entry: its diagnostics and what undoes a commit (both
    /// can be megabytes for a board).
    static let heavy: Set<String> = ["diagnostics", "undo"]

    public mutating func append(_ entry: JSONValue) {
        var w = JSONWriter(capacity: 1024)
        w.value(entry)
        texts.append(w.bytes)
    }

    /// Equal when the entries are (whatever the spacing of their texts).
    public static func == (a: ImportLog, b: ImportLog) -> Bool { a.elementsEqual(b) }
}
