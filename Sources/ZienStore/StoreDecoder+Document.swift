import Dispatch
import ZienCore
#if canImport(Glibc)
import Glibc
#endif

/// The document and its sections: which section is read where (on which thread), and the
/// references between them checked.
extension StoreDecoder {
    /// The whole document.
    mutating func document() throws -> StoreData {
        // The couplings, more than half of a board's document, and the verzorgers, about as
        // large as the pupils, are read on other threads at the same time, from where the
        // writer's layout puts them: three readings of about equal size, so that no core waits
        // for one long reading at the end.
        guard let couplingsAt = StoreDecoder.sectionAhead(",\"koppelingen\":", in: bytes) else { return try document(ahead: Ahead()).0 }
        let carersAt = StoreDecoder.sectionAhead(",\"verzorgers\":", in: bytes)
        let bytes = self.bytes.storage
        let (couplings, (carers, rest)) = concurrently({ () -> Result<([Koppeling], Int, StoreLayout.Rows?, References), Error> in
            var c = StoreDecoder(bytes)
            c.i = couplingsAt.value
            return Result { (try c.koppelingen(), c.i, c.layout.koppelingen, c.refs) }
        }, {
            concurrently({ () -> Result<([String: Verzorger], Int, StoreLayout.KeyedRows?), Error>? in
                carersAt.map { at in
                    var c = StoreDecoder(bytes)
                    c.i = at.value
                    return Result { (try c.verzorgers(), c.i, c.layout.verzorgers) }
                }
            }, { () -> Result<(StoreData, Ahead.Used, StoreLayout), Error> in
                var m = StoreDecoder(bytes)
                return Result {
                    let (d, used) = try m.document(ahead: Ahead(koppelingen: couplingsAt, verzorgers: carersAt))
                    return (d, used, m.layout)
                }
            })
        })
        // A section read ahead counts only when it was the one such section and ended exactly
        // where its line does, where the other reading went on. A document laid out otherwise
        // was read whole by the other reading; a failure is read again in one pass, for its
        // message.
        func onePass() throws -> StoreData {
            layout = StoreLayout()
            return try document(ahead: Ahead()).0
        }
        guard case .success(let (whole, used, restLayout)) = rest else { return try onePass() }
        var d = whole, joined = restLayout
        if used.verzorgers {
            guard case .success(let (rows, end, rowsLayout))? = carers, end == carersAt?.end else { return try onePass() }
            d.verzorgers = rows
            joined.verzorgers = rowsLayout
        }
        if used.koppelingen {
            guard case .success(let (rows, end, rowsLayout, refs)) = couplings, end == couplingsAt.end else { return try onePass() }
            d.koppelingen = rows
            joined.koppelingen = rowsLayout
            try StoreDecoder.checkReferences(d, refs)
        }
        layout = joined
        return d
    }

    /// Sections another reading takes (see `document()`): where each one's value starts and
    /// its line ends.
    struct Ahead: Sendable {
        var koppelingen: (value: Int, end: Int)?
        var verzorgers: (value: Int, end: Int)?
        /// Which of them the reading skipped.
        struct Used: Sendable {
            var koppelingen = false
            var verzorgers = false
        }
    }

    /// Skips a section's value when another reading takes it (`at`, see `document()`) and it
    /// starts here, just past the section's key.
    mutating func skipAhead(_ at: (value: Int, end: Int)?) -> Bool {
        space()
        guard let at, at.value == i else { return false }
        i = at.end
        return true
    }

    /// Where the value of a large section starts in the writer's layout (a line `,"name":[…]`),
    /// and where that line ends; nil for documents too small to bother or laid out otherwise.
    static func sectionAhead(_ start: String, in bytes: Bytes) -> (value: Int, end: Int)? {
        bytes.withUnsafeBufferPointer { sectionAhead(start, in: $0) }
    }

    static func sectionAhead(_ start: String, in bytes: [UInt8]) -> (value: Int, end: Int)? {
        bytes.withUnsafeBufferPointer { sectionAhead(start, in: $0) }
    }

    static func sectionAhead(_ start: String, in bytes: UnsafeBufferPointer<UInt8>) -> (value: Int, end: Int)? {
        guard bytes.count > 1 << 20, let line = sectionLine(start, in: bytes) else { return nil }
        return (line.value, line.end ?? bytes.count)
    }

    /// In the writer's layout every top-level section is a line of its own (JSON text holds no
    /// raw line break, so every LF is the writer's): where the value of the line that starts
    /// with `start` begins, and where that line ends (nil: at no LF). Jumps from LF to LF.
    static func sectionLine(_ start: String, in bytes: [UInt8]) -> (value: Int, end: Int?)? {
        bytes.withUnsafeBufferPointer { sectionLine(start, in: $0) }
    }

    static func sectionLine(_ start: String, in b: UnsafeBufferPointer<UInt8>) -> (value: Int, end: Int?)? {
        let marker = Array(("\n" + start).utf8)
        guard let base = b.baseAddress else { return nil }
        func lf(from i: Int) -> Int? {
            memchr(base + i, 0x0A, b.count - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        }
        var at = 0
        while at < b.count, let line = lf(from: at) {
            if line + marker.count <= b.count, memcmp(base + line, marker, marker.count) == 0 {
                let value = line + marker.count
                return (value, value < b.count ? lf(from: value) : nil)
            }
            at = line + 1
        }
        return nil
    }

    /// The verzorgers' array of arrays, by id.
    mutating func verzorgers() throws -> [String: Verzorger] {
        let reserve = lineLeft() / 75
        var list: [String: Verzorger] = [:]
        list.reserveCapacity(reserve)
        var starts: [UInt32] = []
        starts.reserveCapacity(reserve)
        var ordered = true
        var last: String?
        var pupil = Recent()
        space()
        irregular = false
        let count = try rows(starts: &starts) { r in
            let v = Verzorger(leerling: try r.string(&pupil), slot: try r.sep { try $0.slot() }, voorletters: try r.sep { try $0.string() },
                              tussenvoegsel: try r.sep { try $0.string() }, achternaam: try r.sep { try $0.string() },
                              geslacht: try r.sep { try $0.geslacht() }, email: try r.sep { try $0.optionalString() },
                              post: try r.sep { try $0.bool() })
            let id = v.id
            guard list.updateValue(v, forKey: id) == nil else { throw r.fail("verzorger '\(id)' staat er twee keer in") }
            if ordered, let last, !(last < id) { ordered = false }
            last = id
        }
        if ordered, let rows = regularRows(starts, count: count) { layout.verzorgers = StoreLayout.KeyedRows(rows: rows) }
        return list
    }

    /// One coupling in this many has its offset noted (`StoreLayout.Rows`).
    static let couplingStride = 32

    /// The couplings' array of arrays.
    mutating func koppelingen() throws -> [Koppeling] {
        var list: [Koppeling] = []
        let reserve = lineLeft() / 60
        list.reserveCapacity(reserve)
        var starts: [UInt32] = []
        starts.reserveCapacity(reserve / StoreDecoder.couplingStride + 1)
        var vestiging = Recent(), onderwerp = Recent(), extra = Recent()
        var startDay = RecentDay(), endDay = RecentDay()
        var doel = [Recent](repeating: Recent(), count: KoppelSoort.allCases.count)
        var refs = References()
        var lastPupil: String?
        // The groups already noted: exactly, and in front of that a small cache by the code's
        // bytes (a board has a few hundred groups; hashing one per row was most of the check).
        var seen: Set<Groep> = []
        var recentGroups = [Groep?](repeating: nil, count: 64)
        space()
        irregular = false
        let count = try rows(starts: &starts, every: StoreDecoder.couplingStride) { r in
            guard let name = r.plainRange(), let soort = r.koppelSoort(name) else { throw r.fail("onbekende koppeling") }
            let s = try r.sep { try $0.schooljaar() }
            let v = try r.sep { try $0.string(&vestiging) }, o = try r.sep { try $0.string(&onderwerp) }
            let d = try r.sep { try $0.string(&doel[soort.index]) }, x = try r.sep { try $0.string(&extra) }
            guard let start = try r.sep({ try $0.day(&startDay) }) else { throw r.fail("begindatum ontbreekt") }
            let einde = try r.sep { try $0.day(&endDay) }
            let row = list.count
            list.append(Koppeling(soort: soort, schooljaar: s, vestiging: v, onderwerp: o, doel: d,
                                  extra: x, start: start, einde: einde))
            // A docent coupling names a group code and may outlive its group (`checkReferences`).
            guard soort != .docent else { return }
            if soort == .groep {
                var h = 0
                for b in d.utf8 { h = h &* 31 &+ Int(b) }
                let slot = h & 63
                if let g = recentGroups[slot], g.code == d, g.vestiging == v, g.schooljaar == s {
                    // Noted before.
                } else {
                    let g = Groep(schooljaar: s, vestiging: v, code: d)
                    recentGroups[slot] = g
                    if seen.insert(g).inserted { refs.groupRows.append(Int32(truncatingIfNeeded: row)) }
                }
            }
            if o != lastPupil {
                refs.pupilRows.append(Int32(truncatingIfNeeded: row))
                lastPupil = o
            }
        }
        layout.koppelingen = regularRows(starts, every: StoreDecoder.couplingStride, count: count)
        self.refs = refs
        return list
    }

    /// The whole document; the sections `ahead` names, found where it says, are skipped:
    /// other readings take them. Also says which it skipped.
    mutating func document(ahead: Ahead) throws -> (StoreData, Ahead.Used) {
        var used = Ahead.Used()
        var d = StoreData()
        var format: String?, version: Int?
        var sawVestigingen = false
        var seen: Set<String> = []
        try expect(0x7B)
        if take(0x7D) { throw StoreError("dit is geen opslagbestand van zien-shell") }
        repeat {
            let keyAt = i
            let key = try string()
            guard seen.insert(key).inserted else {
                i = keyAt
                throw fail("het onderdeel '\(key)' staat er twee keer in")
            }
            try expect(0x3A)
            switch key {
            case "format": format = try string()
            case "formatVersion":
                version = try int()
                if let v = version, v > StoreData.currentFormatVersion {
                    throw StoreError("het opslagbestand heeft formaatversie \(v); deze zien-shell kent tot en met versie \(StoreData.currentFormatVersion). Gebruik een nieuwere zien-shell.")
                }
            case "revision": d.revision = try natural("de revisie")
            case "vestigingen":
                sawVestigingen = true
                try expect(0x5B)
                if !take(0x5D) {
                    repeat { d.vestigingen.append(try string()) } while take(0x2C)
                    try expect(0x5D)
                }
            case "commits":
                try expect(0x5B)
                if !take(0x5D) {
                    repeat { d.commits.append(try string()) } while take(0x2C)
                    try expect(0x5D)
                }
            case "leerlingen":
                let reserve = lineLeft() / 110
                d.leerlingen.reserveCapacity(reserve)
                var starts: [UInt32] = []
                starts.reserveCapacity(reserve)
                var ordered = true
                var last: String?
                space()
                irregular = false
                let count = try rows(starts: &starts) { r in
                    let l = Leerling(key: try r.string(), stamnr: try r.sep { try $0.string() }, roepnaam: try r.sep { try $0.string() },
                                     tussenvoegsel: try r.sep { try $0.string() }, achternaam: try r.sep { try $0.string() },
                                     geboortedatum: try r.sep { try $0.day() }, geslacht: try r.sep { try $0.geslacht() },
                                     email: try r.sep { try $0.optionalString() }, vertrekdatum: try r.sep { try $0.day() })
                    guard d.leerlingen.updateValue(l, forKey: l.key) == nil else { throw r.fail("leerling '\(l.key)' staat er twee keer in") }
                    if ordered, let last, !(last < l.key) { ordered = false }
                    last = l.key
                }
                if ordered, let rows = regularRows(starts, count: count) { layout.leerlingen = StoreLayout.KeyedRows(rows: rows) }
            case "medewerkers":
                try rows { r in
                    let m = Medewerker(key: try r.string(), nummer: try r.sep { try $0.string() }, roepnaam: try r.sep { try $0.string() },
                                       tussenvoegsel: try r.sep { try $0.string() }, achternaam: try r.sep { try $0.string() },
                                       email: try r.sep { try $0.optionalString() })
                    guard d.medewerkers.updateValue(m, forKey: m.key) == nil else { throw r.fail("medewerker '\(m.key)' staat er twee keer in") }
                }
            case "verzorgers":
                if skipAhead(ahead.verzorgers) {
                    used.verzorgers = true
                } else {
                    d.verzorgers = try verzorgers()
                }
            case "groepen":
                try rows { r in
                    let g = Groep(schooljaar: try r.schooljaar(), vestiging: try r.sep { try $0.string() }, code: try r.sep { try $0.string() })
                    guard d.groepen.insert(g).inserted else { throw r.fail("groep '\(g.code)' (\(g.vestiging), \(g.schooljaar)) staat er twee keer in") }
                }
            case "koppelingen":
                if skipAhead(ahead.koppelingen) {
                    // Checked where they were read.
                    used.koppelingen = true
                } else {
                    d.koppelingen += try koppelingen()
                }
            case "importlog":
                let texts = try logEntries()
                // Format 2 kept the log in the document: moved out by the next write.
                d.legacyLog = ImportLog(texts: d.legacyLog.texts + texts)
            default:
                d.other.append((key, try value()))
            }
        } while take(0x2C)
        try expect(0x7D)
        space()
        guard i == bytes.count else { throw fail("tekst na het einde") }
        guard format == "zien-shell-store" else { throw StoreError("dit is geen opslagbestand van zien-shell") }
        guard let v = version, v >= 1 else { throw StoreError("het opslagbestand heeft geen (geldige) formaatversie") }
        guard sawVestigingen else { throw StoreError("het opslagbestand mist de lijst met vestigingen") }
        // Version 1 had vestigingen only; its other sections simply start empty (the migration).
        d.formatVersion = StoreData.currentFormatVersion
        if !used.koppelingen { try StoreDecoder.checkReferences(d, refs) }
        return (d, used)
    }

    /// Couplings the writer never writes: a pupil's coupling to a pupil the store does not hold,
    /// or a pupil–group coupling to a group it does not hold. (A docent coupling may outlive its
    /// group: a reset removes groups without active couplings and keeps ended docent couplings;
    /// a stamgroep is no group record.)
    static func checkReferences(_ d: StoreData, _ refs: References) throws {
        // Rows ascending in both lists: the first failure of either kind is the one named. The
        // couplings hold more than 2^31 rows in no document this reads (its size is checked
        // against the 32-bit offsets of `StoreLayout` first).
        guard d.koppelingen.count <= Int(Int32.max) else { return try checkEveryReference(d) }
        var missingGroup: Int?
        for row in refs.groupRows {
            let k = d.koppelingen[Int(row)]
            if !d.groepen.contains(Groep(schooljaar: k.schooljaar, vestiging: k.vestiging, code: k.doel)) {
                missingGroup = Int(row)
                break
            }
        }
        // Looked up by index, not by value: loading each pupil's record missed the cache. In
        // slices on all cores (a board's store names 100,000 pupils); the first row missing one
        // is the first of the slices' first.
        let pupils = d.leerlingen, couplings = d.koppelingen, rows = refs.pupilRows
        let before = missingGroup ?? Int.max
        let missing = inSlices(rows.count, minimum: StoreDecoder.referenceSlice) { range -> Int? in
            for n in range {
                let row = Int(rows[n])
                if row >= before { return nil }
                if pupils.index(forKey: couplings[row].onderwerp) == nil { return row }
            }
            return nil
        }
        if let row = missing.compactMap({ $0 }).min() {
            throw StoreError("koppeling \(row + 1) verwijst naar een onbekende leerling '\(couplings[row].onderwerp)'")
        }
        if let n = missingGroup {
            let k = d.koppelingen[n]
            throw StoreError("koppeling \(n + 1) verwijst naar een onbekende groep '\(k.doel)' (\(k.vestiging), \(k.schooljaar))")
        }
    }

    /// Runs of a pupil's couplings from which their pupils are looked up in slices.
    static let referenceSlice = 4_096

    /// Every coupling checked in order (for a document too large for the gathered rows).
    static func checkEveryReference(_ d: StoreData) throws {
        var lastPupil: String?
        for (n, k) in d.koppelingen.enumerated() {
            switch k.soort {
            case .docent: continue
            case .groep:
                guard d.groepen.contains(Groep(schooljaar: k.schooljaar, vestiging: k.vestiging, code: k.doel)) else {
                    throw StoreError("koppeling \(n + 1) verwijst naar een onbekende groep '\(k.doel)' (\(k.vestiging), \(k.schooljaar))")
                }
            default: break
            }
            if k.onderwerp == lastPupil { continue }
            guard d.leerlingen[k.onderwerp] != nil else {
                throw StoreError("koppeling \(n + 1) verwijst naar een onbekende leerling '\(k.onderwerp)'")
            }
            lastPupil = k.onderwerp
        }
    }
}
