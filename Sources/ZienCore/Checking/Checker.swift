#if canImport(Glibc)
import Glibc
#endif

/// Checks loaded files line by line (SPEC.md §3), leerling → groepen → koppel, each seeing what
/// the earlier ones would create. Pure: reads the files and the context, returns findings.
public struct Checker {
    public let context: CheckContext
    /// Vestigingen by NFC name, for exact matching.
    let vestigingByName: Set<String>
    let chosen: String
    let chosenBytes: [UInt8]

    // State shared across files of one check.
    var pupilsInImport: [PersonKey: Day?] = [:]
    var groupsInImport: Set<String> = []
    /// Whether a later file needs the pupils and groups an earlier one creates.
    var tracksPupils = false
    var tracksGroups = false
    var medewerkers: [PersonKey: (signature: UInt64, line: Int, soort: Soort, values: String)] = [:]
    var diagnostics: [Diagnostic] = []
    var cancelled: () -> Bool

    /// Creates a checker; `cancelled` is polled between records (Ctrl-C).
    public init(context: CheckContext, cancelled: @escaping () -> Bool = { false }) {
        self.context = context
        self.vestigingByName = Set(context.vestigingen.map(Text.nfc))
        self.chosen = Text.nfc(context.vestiging)
        self.chosenBytes = Array(chosen.utf8)
        self.cancelled = cancelled
    }

    /// Checks every file; nil when cancelled.
    public mutating func check(_ files: [LoadedFile]) -> CheckReport? {
        var records: [Soort: Int] = [:]
        tracksPupils = files.contains { $0.soort == .koppel }
        tracksGroups = files.contains { $0.soort != .leerling }
        for file in files.sorted(by: { $0.soort < $1.soort }) {
            diagnostics.append(contentsOf: file.fileDiagnostics)
            records[file.soort] = file.recordCount
            guard file.nonTextKind == nil else { continue }
            let ok: Bool = file.text.bytes.withUnsafeBufferPointer { p in
                var scanner = RecordScanner(text: p, delimiter: file.delimiter)
                var rows = RowChecker(file: file)
                if file.soort == .leerling { rows.seenKeys.reserveCapacity(file.recordCount) }
                for i in 0..<file.recordCount {
                    if i & 1023 == 0 && cancelled() { return false }
                    scanner.position = file.recordOffsets[i]
                    scanner.line = file.recordLines[i]
                    _ = scanner.next()
                    rows.line = scanner.recordLine
                    switch file.soort {
                    case .leerling: checkLeerling(&scanner, &rows)
                    case .groepen: checkGroepen(&scanner, &rows)
                    case .koppel: checkKoppel(&scanner, &rows)
                    }
                }
                groupsInImport.formUnion(rows.newGroups)
                return true
            }
            if !ok { return nil }
        }
        diagnostics.sort(by: Checker.order)
        return CheckReport(diagnostics: diagnostics, counts: LevelCounts(diagnostics), records: records)
    }

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let sa = a.soort ?? .leerling, sb = b.soort ?? .leerling
        if sa != sb { return sa < sb }
        return (a.line ?? 0) < (b.line ?? 0)
    }

    /// Per-file cursor: soort, current line, findings made for it.
    struct RowChecker {
        let file: LoadedFile
        var line = 0
        var seenKeys: [PersonKey: Int] = [:]
        var seenPairs: Set<String> = []
        var newGroups: Set<String> = []
    }

    mutating func emit(_ code: DiagnosticCode, _ rows: RowChecker, column: String? = nil,
                       value: String? = nil, _ message: String) {
        diagnostics.append(Diagnostic(code, soort: rows.file.soort, line: rows.line, column: column,
                                      value: value, message: message))
    }

    /// Checks the field count; false (after a Fout) when it is wrong.
    mutating func fieldCountOK(_ s: RecordScanner, _ rows: RowChecker) -> Bool {
        let expected = rows.file.soort.fieldCount
        guard s.fields.count != expected else { return true }
        emit(.verkeerdAantalVelden, rows, value: String(s.fields.count),
             "Verkeerd aantal velden op regel \(rows.line): \(s.fields.count) gevonden, \(expected) verwacht")
        return false
    }

    /// Checks the vestiging column; true when the row belongs to the chosen vestiging.
    mutating func vestigingOK(_ s: RecordScanner, _ rows: RowChecker, column i: Int, what: String) -> Bool {
        // Nearly every row names the chosen vestiging: compare bytes before making Strings.
        if s.withBytes(i, { $0.elementsEqual(chosenBytes) }) { return true }
        let name = Text.nfc(s.string(i))
        let column = rows.file.soort.columns[i]
        if !vestigingByName.contains(name) {
            var msg = "Onbekende vestiging gevonden: '\(Text.display(name))'"
            if let guess = Text.suggestion(for: name, among: context.vestigingen) {
                msg += " (bedoelde je '\(guess)'?)"
            } else if context.vestigingen.isEmpty {
                msg += "; er zijn nog geen vestigingen (vestiging add NAAM)"
            }
            emit(.onbekendeVestiging, rows, column: column, value: name, msg)
            return false
        }
        guard vestigingByName.contains(chosen) else {
            emit(.onbekendeVestiging, rows, column: column, value: chosen, "De gekozen vestiging '\(chosen)' is niet (meer) bekend")
            return false
        }
        if name != chosen {
            emit(.andereVestiging, rows, column: column, value: name,
                 "Vestiging van \(what) ('\(name)') is anders dan gekozen vestiging ('\(chosen)'); regel overgeslagen")
            return false
        }
        return true
    }

    /// A garbled field (wrong charset) gives one Waarschuwing per line.
    mutating func checkCharset(_ s: RecordScanner, _ rows: RowChecker) {
        let cs = rows.file.text.charset
        guard cs == .windows1252 || cs == .iso88591, mightBeGarbled(s, latin1: cs == .iso88591) else { return }
        for i in 0..<s.fields.count {
            if let better = s.withBytes(i, { Mojibake.betterCharset($0, readAs: cs) }) {
                let cols = rows.file.soort.columns
                emit(.verkeerdeTekenset, rows, column: i < cols.count ? cols[i] : nil, value: s.string(i),
                     "Tekst '\(Text.display(s.string(i)))' lijkt met de verkeerde tekenset gelezen (\(cs.name)); probeer charset \(better.name)")
                return
            }
        }
    }

    /// Cheap pre-check on the whole record. UTF-8 read as a single-byte charset shows a lead
    /// byte as U+00C2–U+00F4 (`C3 82`–`C3 B4`) directly followed by what a continuation byte
    /// becomes: U+0080–U+00BF (`C2 xx`) or one of Windows-1252's 0x80–0x9F characters
    /// (`E2 80/82/84 xx`, `C5 xx`, `C6 92`, `CB xx`). ISO-8859-1 misreads show C1 controls
    /// (`C2 80`–`C2 9F`). Records without either skip the per-field check.
    func mightBeGarbled(_ s: RecordScanner, latin1: Bool) -> Bool {
        let p = s.text
        guard let base = p.baseAddress else { return false }
        let end = min(s.position, p.count)
        var i = s.recordStart
        // memchr (vectorised) finds the rare 0xC3/0xC2 bytes; the record's ASCII is skipped fast.
        while i < end - 2, let hit = memchr(base + i, 0xC3, end - 2 - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let n = p[k + 1], c = p[k + 2]
            if n >= 0x82 && n <= 0xB4 && (c == 0xC2 || c == 0xE2 || c == 0xC5 || c == 0xC6 || c == 0xCB) { return true }
            i = k + 1
        }
        guard latin1 else { return false }
        i = s.recordStart
        while i < end - 1, let hit = memchr(base + i, 0xC2, end - 1 - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[k + 1] >= 0x80 && p[k + 1] <= 0x9F { return true }
            i = k + 1
        }
        return false
    }

    /// Records a medewerker and warns when the same number came with other data earlier.
    mutating func medewerker(_ s: RecordScanner, _ rows: RowChecker, number i: Int, fields: [Int], role: String) {
        let key = s.withBytes(i) { PersonKey($0) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in fields {
            s.withBytes(f) { p in
                for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
            h = (h ^ 0x1F) &* 0x100_0000_01b3
        }
        if let first = medewerkers[key] {
            if first.signature != h {
                let now = fields.map { s.string($0) }.filter { !$0.isEmpty }.joined(separator: " ")
                let where_ = first.soort == rows.file.soort ? "regel \(first.line)" : "regel \(first.line) van het \(first.soort.rawValue)bestand"
                emit(.medewerkerTegenstrijdig, rows, column: rows.file.soort.columns[i], value: key.text,
                     "Medewerker \(key) (\(role)) heeft hier andere gegevens ('\(Text.display(now))') dan op \(where_) ('\(Text.display(first.values))'); de eerste worden gebruikt")
            }
        } else {
            let values = fields.map { s.string($0) }.filter { !$0.isEmpty }.joined(separator: " ")
            medewerkers[key] = (h, rows.line, rows.file.soort, values)
        }
    }

    mutating func email(_ s: RecordScanner, _ rows: RowChecker, _ i: Int, of whom: String) {
        guard !s.fields[i].isEmpty, !s.withBytes(i, FieldRules.isEmail) else { return }
        emit(.ongeldigEmailadres, rows, column: rows.file.soort.columns[i], value: s.string(i),
             "Ongeldig e-mailadres van \(whom): '\(Text.display(s.string(i)))'; het veld wordt niet ingelezen")
    }

    mutating func groupSeen(_ code: String, _ rows: inout RowChecker) {
        guard !context.knownGroups.contains(code), !groupsInImport.contains(code),
              !rows.newGroups.contains(code) else { return }
        rows.newGroups.insert(code)
        emit(.groepNieuw, rows, column: rows.file.soort.columns[0], value: code,
             "Groep '\(Text.display(code))' is nog niet bekend en wordt aangemaakt in vestiging '\(chosen)'")
    }
}
