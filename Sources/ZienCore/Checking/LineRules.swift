#if canImport(Glibc)
import Glibc
#endif

/// The checks that need nothing but the line itself and the context (SPEC.md §1, §3): field
/// count, vestiging, values, e-mail, charset. Immutable, so chunks of a large file can be checked
/// on several cores at once; what crosses lines (duplicates, medewerkers, groups, pupils) is
/// returned as facts for `Checker` to combine in line order.
struct LineRules: Sendable {
    let context: CheckContext
    /// Vestigingen by NFC name, for exact matching.
    let vestigingByName: Set<String>
    let chosen: String
    let chosenBytes: [UInt8]
    /// The chosen vestiging is one the store knows (else every row is onbekende-vestiging).
    let chosenKnown: Bool

    init(context: CheckContext) {
        self.context = context
        vestigingByName = Set(context.vestigingen.map(Text.nfc))
        chosen = Text.nfc(context.vestiging)
        chosenBytes = Array(chosen.utf8)
        chosenKnown = vestigingByName.contains(chosen)
    }

    static let roles = ["klasmentor 1", "klasmentor 2", "persoonlijke mentor", "docent"]

    // MARK: - Shared rules

    /// Checks the field count; false (after a Fout) when it is wrong.
    func fieldCountOK(_ s: RecordScanner, _ f: inout Findings) -> Bool {
        let expected = f.soort.fieldCount
        guard s.fields.count != expected else { return true }
        f.emit(.verkeerdAantalVelden, value: String(s.fields.count), String(f.line), String(s.fields.count), String(expected))
        return false
    }

    /// Checks the vestiging column; true when the row belongs to the chosen vestiging.
    func vestigingOK(_ s: RecordScanner, _ f: inout Findings, column i: Int, what: String) -> Bool {
        // Nearly every row names the chosen vestiging: compare bytes before making Strings.
        if chosenKnown, s.withBytes(i, { p in
            p.count == chosenBytes.count && chosenBytes.withUnsafeBufferPointer { c in
                guard let a = p.baseAddress, let b = c.baseAddress else { return p.isEmpty }
                return memcmp(a, b, p.count) == 0
            }
        }) { return true }
        let name = Text.nfc(s.string(i))
        let column = f.soort.columns[i]
        if !vestigingByName.contains(name) {
            var detail = ""
            if let guess = Text.suggestion(for: name, among: context.vestigingen) {
                detail = MessagePart.bedoeldeJe(guess)
            } else if context.vestigingen.isEmpty {
                detail = MessagePart.nogGeenVestigingen
            }
            f.emit(.onbekendeVestiging, column: column, value: name, name, detail)
            return false
        }
        guard chosenKnown else {
            f.emit(.onbekendeVestiging, column: column, value: chosen, chosen, MessagePart.gekozenNietBekend)
            return false
        }
        if name != chosen {
            f.emit(.andereVestiging, column: column, value: name, what, name, chosen)
            return false
        }
        return true
    }

    /// A garbled field gives one Waarschuwing per line (SPEC.md §2): UTF-8 read as a
    /// single-byte charset (try utf-8), Windows-1252 read as ISO-8859-1 (try windows-1252), or
    /// text doubly encoded in the file itself (no charset reads it right: `charset herstel`).
    func checkCharset(_ s: RecordScanner, _ f: inout Findings, charset cs: Charset) {
        let singleByte = cs == .windows1252 || cs == .iso88591
        guard Mojibake.mightBeGarbled(s, latin1: cs == .iso88591) else { return }
        let cols = f.soort.columns
        for i in 0..<s.fields.count {
            let column = i < cols.count ? cols[i] : nil
            if let repaired = s.withBytes(i, Mojibake.repaired) {
                let text = s.string(i)
                f.emit(.verkeerdeTekenset, column: column, value: text, text, repaired,
                       singleByte ? MessagePart.gelezenAls(cs.name, better: Charset.utf8.name) : MessagePart.inHetBestand)
                return
            }
            if cs == .iso88591, s.withBytes(i, { Mojibake.betterCharset($0, readAs: cs) }) == .windows1252 {
                let text = s.string(i)
                f.emit(.verkeerdeTekenset, column: column, value: text, text, Mojibake.reread(text, as: .windows1252) ?? text,
                       MessagePart.gelezenAls(cs.name, better: Charset.windows1252.name))
                return
            }
        }
    }

    /// True when column `i` holds an e-mail address that is imported (not empty, valid).
    @discardableResult
    func email(_ s: RecordScanner, _ f: inout Findings, _ i: Int, of whom: @autoclosure () -> String) -> Bool {
        if s.fields[i].isEmpty { return false }
        if s.withBytes(i, FieldRules.isEmail) { return true }
        f.emit(.ongeldigEmailadres, column: f.soort.columns[i], value: s.string(i), whom(), s.string(i))
        return false
    }

    /// The medewerker whose number stands in column `i`, with a hash of the next `count` fields.
    func medewerker(_ s: RecordScanner, record: Int, number i: Int, fields: Range<Int>, role: Int8) -> MedewerkerFact {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in fields {
            s.withBytes(c) { p in
                for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
            h = (h ^ 0x1F) &* 0x100_0000_01b3
        }
        return MedewerkerFact(key: CompactKey(s.withBytes(i) { PersonKey($0) }), signature: h, record: Int32(record),
                              column: Int8(i), role: role)
    }

    func invalidDate(_ s: RecordScanner, _ f: inout Findings, _ i: Int) {
        let col = f.soort.columns[i]
        f.emit(.ongeldigeDatum, column: col, value: s.string(i), col, s.string(i),
               MessagePart.datum(wellFormed: s.withBytes(i, Day.isWellFormed)))
    }
}

extension LineRules {
    /// Checks records `range` of `file` on their own; the chunk's findings and facts.
    static func run(_ rules: LineRules, _ file: LoadedFile, _ text: UnsafeBufferPointer<UInt8>,
                    _ range: Range<Int>, _ cancelled: @Sendable () -> Bool) -> Checker.Chunk {
        var chunk = Checker.Chunk()
        var scanner = RecordScanner(text: text, delimiter: file.delimiter)
        var f = Findings(soort: file.soort)
        let charset = file.text.charset
        var leerling: [LeerlingFact] = [], groepen: [GroepenFact] = [], koppel: [KoppelFact] = []
        switch file.soort {
        case .leerling:
            leerling.reserveCapacity(range.count)
            chunk.values.reserveCapacity(range.count * 160)
        case .groepen: groepen.reserveCapacity(range.count)
        case .koppel: koppel.reserveCapacity(range.count)
        }
        let layout = file.layout
        // A charset that cannot read some bytes is one `tekenset` for the file: the fields it
        // garbled (U+FFFD) give no findings of their own.
        let unreadable = !file.text.errors.isEmpty
        var spare: [FieldSpan] = []
        for i in range {
            if (i - range.lowerBound) & 1023 == 0 && cancelled() {
                chunk.cancelled = true
                return chunk
            }
            scanner.position = file.recordOffsets[i]
            scanner.line = file.recordLines[i]
            _ = scanner.next()
            f.line = scanner.recordLine
            let before = f.list.count
            var explained: Set<String>?
            if let layout, scanner.fields.count == layout.explainedCount {
                // The file's verdict explains this record: read it as its header says, or not
                // at all (a file of another soort).
                guard let map = layout.map else { continue }
                scanner.fields.remap(map, spare: &spare)
                explained = layout.explainedColumns
            }
            // A record read through the header's map gives findings but no facts: the cross-line
            // checks read records in the layout's order, and the file cannot be imported.
            let keep = explained == nil
            switch file.soort {
            case .leerling:
                let mark = chunk.values.count
                if let x = rules.leerling(scanner, record: i, charset: charset, &f, values: &chunk.values), keep {
                    leerling.append(x)
                } else {
                    chunk.values.removeSubrange(mark...)
                }
            case .groepen: if let x = rules.groepen(scanner, record: i, charset: charset, &f), keep { groepen.append(x) }
            case .koppel: if let x = rules.koppel(scanner, charset: charset, &f), keep { koppel.append(x) }
            }
            if f.list.count > before && (explained != nil || unreadable) {
                let columns = explained ?? []
                let kept = f.list[before...].filter { d in
                    !(d.column.map(columns.contains) ?? false) && !(d.value?.contains("\u{FFFD}") ?? false)
                }
                f.list.removeSubrange(before...)
                f.list.append(contentsOf: kept)
            }
        }
        chunk.findings = f.list
        switch file.soort {
        case .leerling: chunk.facts = .leerling(leerling)
        case .groepen: chunk.facts = .groepen(groepen)
        case .koppel: chunk.facts = .koppel(koppel)
        }
        return chunk
    }
}

/// The number of cores to check on.
public enum ProcessorCount {
    public static let value: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()
}
