/// What the loaded files say for the chosen (schooljaar, vestiging), kept compact: pupils as
/// references to their file lines, couplings as small values, so that a board's files (100,000
/// pupils, most of a million couplings) plan in a fraction of a second. Records are made from
/// the lines only when needed (a changed pupil to diff, or at commit).
///
/// Built from the lines a check would import — rows of other vestigingen, with a wrong field
/// count or without a key are left out — with values cleaned as the diagnostics promise (an
/// invalid e-mail is not imported, `x` is onbekend, …).
public struct ImportData: Sendable {
    /// A pupil the files name: from the leerling file (`record` ≥ 0), or only referred to by the
    /// koppel file and known to the store (`record` = -1).
    struct Pupil: Sendable {
        var key: String
        var record: Int32
        /// Vertrekdatum as yyyymmdd, 0 when none.
        var vertrek: Int32
        /// `ILT/leerjaar` of the vestiging coupling.
        var extra: String
        /// Bit n-1 set: verzorger slot n is filled.
        var verzorgers: UInt8
    }

    /// A wanted coupling: `subject` is a pupil index, or a group index for `docent`.
    struct Wanted: Sendable {
        var soort: KoppelSoort
        var subject: Int32
        var doel: String
    }

    public internal(set) var soorten: Set<Soort> = []
    var files: [Soort: LoadedFile] = [:]
    var pupils: [Pupil] = []
    var pupilIndex = KeyTable<Int32>()
    var medewerkers: [String: Medewerker] = [:]
    var medewerkerOrder: [String] = []
    var groups: [String] = []
    var groupIndex: [String: Int32] = [:]
    var couplings: [Wanted] = []

    public init() {}

    /// The pupils the leerling file names, in file order.
    public var leerlingKeys: [String] { pupils.filter { $0.record >= 0 }.map(\.key) }

    /// The pupil record of pupil `i` (from its file line).
    func leerling(_ i: Int) -> Leerling? {
        let p = pupils[i]
        guard p.record >= 0, let file = files[.leerling] else { return nil }
        return file.withRecord(Int(p.record)) { s in
            typealias L = Columns.L
            return Leerling(key: p.key, stamnr: s.string(L.stamnr), roepnaam: s.string(L.roepnaam),
                            tussenvoegsel: s.string(L.tussenvoegsel), achternaam: s.string(L.achternaam),
                            geboortedatum: s.withBytes(L.geboortedatum, Day.parse), geslacht: ImportData.geslacht(s, L.geslacht),
                            email: ImportData.email(s, L.email), vertrekdatum: Day(packed: p.vertrek))
        }
    }

    /// Verzorger `slot` of pupil `i`.
    func verzorger(_ i: Int, slot: Int) -> Verzorger? {
        let p = pupils[i]
        guard p.record >= 0, let file = files[.leerling] else { return nil }
        return file.withRecord(Int(p.record)) { s in
            let c = Columns.L.verzorger(slot)
            return Verzorger(leerling: p.key, slot: slot, voorletters: s.string(c), tussenvoegsel: s.string(c + 1),
                             achternaam: s.string(c + 2), geslacht: ImportData.geslacht(s, c + 3), email: ImportData.email(s, c + 4),
                             post: s.withBytes(c + 5, FieldRules.post) ?? false)
        }
    }

    /// What wanted coupling `w` couples: onderwerp (pupil key or group code) and doel.
    func identity(_ w: Wanted) -> (onderwerp: String, doel: String) {
        (w.soort == .docent ? groups[Int(w.subject)] : pupils[Int(w.subject)].key, w.doel)
    }

    /// The date a wanted coupling ends (its pupil's Vertrekdatum), if any.
    func einde(_ w: Wanted) -> Day? {
        w.soort == .docent ? nil : Day(packed: pupils[Int(w.subject)].vertrek)
    }

    func extra(_ w: Wanted) -> String {
        w.soort == .vestiging ? pupils[Int(w.subject)].extra : ""
    }

    /// Every wanted coupling with its end date, as identities (for tests and tools).
    public func wantedCouplings(_ s: Schooljaar, _ v: String) -> [(KoppelIdentity, Day?)] {
        couplings.map { w in
            let (o, d) = identity(w)
            return (KoppelIdentity(soort: w.soort, schooljaar: s.startYear, vestiging: Text.nfc(v), onderwerp: o, doel: d), einde(w))
        }
    }

    static func email(_ s: RecordScanner, _ i: Int) -> String? {
        s.fields[i].isEmpty || !s.withBytes(i, FieldRules.isEmail) ? nil : s.string(i)
    }

    static func geslacht(_ s: RecordScanner, _ i: Int) -> Geslacht {
        if case .ok(let g) = s.withBytes(i, FieldRules.geslacht) { return g }
        return .onbekend
    }
}

/// Reads `ImportData` from loaded files, leerling → groepen → koppel.
public struct ImportExtractor {
    let context: CheckContext
    let chosen: String
    let chosenBytes: [UInt8]
    var data = ImportData()
    /// (group, docent) and (group, pupil) pairs already seen: the same pair twice is read once.
    var docentPairs: Set<String> = []
    var koppelPairs: Set<KoppelPair> = []

    struct KoppelPair: Hashable {
        var pupil: Int32
        var group: Int32
    }

    public init(context: CheckContext) {
        self.context = context
        chosen = Text.nfc(context.vestiging)
        chosenBytes = Array(chosen.utf8)
    }

    /// The data of `files`.
    public static func extract(_ files: [LoadedFile], context: CheckContext) -> ImportData {
        var x = ImportExtractor(context: context)
        for file in files.sorted(by: { $0.soort < $1.soort }) where file.nonTextKind == nil {
            x.data.soorten.insert(file.soort)
            x.data.files[file.soort] = file
            if file.soort == .leerling {
                x.data.pupils.reserveCapacity(file.recordCount)
                x.data.couplings.reserveCapacity(file.recordCount * 5)
            }
            file.text.bytes.withUnsafeBufferPointer { p in
                var s = RecordScanner(text: p, delimiter: file.delimiter)
                for i in 0..<file.recordCount {
                    s.position = file.recordOffsets[i]
                    s.line = file.recordLines[i]
                    _ = s.next()
                    guard s.fields.count == file.soort.fieldCount else { continue }
                    switch file.soort {
                    case .leerling: x.leerling(s, record: i)
                    case .groepen: x.groepen(s)
                    case .koppel: x.koppel(s)
                    }
                }
            }
        }
        return x.data
    }

    func inChosenVestiging(_ s: RecordScanner, _ column: Int) -> Bool {
        if s.withBytes(column, { $0.elementsEqual(chosenBytes) }) { return true }
        return Text.nfc(s.string(column)) == chosen
    }

    mutating func group(_ code: String) -> Int32 {
        if let i = data.groupIndex[code] { return i }
        let i = Int32(data.groups.count)
        data.groups.append(code)
        data.groupIndex[code] = i
        return i
    }

    mutating func medewerker(_ s: RecordScanner, number i: Int) -> String {
        let key = s.withBytes(i) { FieldRules.key($0) }
        if data.medewerkers[key] == nil {
            data.medewerkerOrder.append(key)
            data.medewerkers[key] = Medewerker(key: key, nummer: s.string(i), roepnaam: s.string(i + 1),
                                               tussenvoegsel: s.string(i + 2), achternaam: s.string(i + 3),
                                               email: ImportData.email(s, i + 4))
        }
        return key
    }

    mutating func leerling(_ s: RecordScanner, record: Int) {
        typealias L = Columns.L
        guard !s.fields[L.stamnr].isEmpty, inChosenVestiging(s, L.vestiging) else { return }
        let pkey = s.withBytes(L.stamnr) { PersonKey($0) }
        let index = Int32(data.pupils.count)
        guard data.pupilIndex.insert(pkey, index).inserted else { return }
        let vertrek = s.withBytes(L.vertrekdatum, Day.parse)?.packed ?? 0
        var slots: UInt8 = 0
        for slot in 1...3 {
            let c = L.verzorger(slot)
            if !(c..<(c + 6)).allSatisfy({ s.fields[$0].isEmpty }) { slots |= 1 << (slot - 1) }
        }
        data.pupils.append(ImportData.Pupil(key: pkey.text, record: Int32(record), vertrek: vertrek,
                                            extra: s.string(L.ilt) + "/" + s.string(L.leerjaar), verzorgers: slots))
        data.couplings.append(.init(soort: .vestiging, subject: index, doel: ""))
        if !s.fields[L.klas].isEmpty {
            let klas = s.string(L.klas)
            _ = group(klas)
            data.couplings.append(.init(soort: .stamgroep, subject: index, doel: klas))
        }
        for slot in 1...3 where slots & (1 << (slot - 1)) != 0 {
            data.couplings.append(.init(soort: .verzorger, subject: index, doel: String(slot)))
        }
        for (block, tag) in ["1:", "2:", "P:"].enumerated() {
            let c = L.mentor(block)
            guard !s.fields[c].isEmpty else { continue }
            data.couplings.append(.init(soort: .mentor, subject: index, doel: tag + medewerker(s, number: c)))
        }
    }

    mutating func groepen(_ s: RecordScanner) {
        guard !s.fields[0].isEmpty, inChosenVestiging(s, 6) else { return }
        let code = s.string(0)
        let g = group(code)
        guard !s.fields[1].isEmpty else { return }
        let m = medewerker(s, number: 1)
        guard docentPairs.insert(code + "\u{1F}" + m).inserted else { return }
        data.couplings.append(.init(soort: .docent, subject: g, doel: m))
    }

    mutating func koppel(_ s: RecordScanner) {
        guard !s.fields[0].isEmpty, !s.fields[2].isEmpty, inChosenVestiging(s, 1) else { return }
        let pkey = s.withBytes(2) { PersonKey($0) }
        var pupil: Int32
        if let i = data.pupilIndex.find(pkey) {
            pupil = data.pupilIndex.values[i]
        } else {
            // Not in the leerling file: a pupil the store knows, or an unknown one (skipped).
            guard let known = context.knownPupils[pkey.text] else { return }
            pupil = Int32(data.pupils.count)
            _ = data.pupilIndex.insert(pkey, pupil)
            data.pupils.append(ImportData.Pupil(key: pkey.text, record: -1, vertrek: known?.packed ?? 0, extra: "", verzorgers: 0))
        }
        if let d = Day(packed: data.pupils[Int(pupil)].vertrek), d < context.today { return }  // departed: skipped
        let g = group(s.string(0))
        guard koppelPairs.insert(KoppelPair(pupil: pupil, group: g)).inserted else { return }
        data.couplings.append(.init(soort: .groep, subject: pupil, doel: data.groups[Int(g)]))
    }
}
