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
        var pkey: PersonKey
        var record: Int32
        /// Vertrekdatum as yyyymmdd, 0 when none.
        var vertrek: Int32
        /// Bit n-1 set: verzorger slot n is filled.
        var verzorgers: UInt8
        /// The text `ILT/leerjaar` of the line, its bytes packed from the lowest up, when it is
        /// short digits (at most 7 bytes: `2531/6`); 0 when the line must be read for it.
        var extra: UInt64
        /// Where `ImportData.values` holds the pupil's record, packed as the store takes it
        /// (-1: none, a pupil known only from the koppel file), and each filled verzorger's.
        var values: Int
        var verzorgerValues: SlotOffsets

        static func packExtra(_ s: RecordScanner) -> UInt64 {
            typealias L = Columns.L
            let ilt = s.fields[L.ilt], leerjaar = s.fields[L.leerjaar]
            guard ilt.end - ilt.start <= 4, leerjaar.end - leerjaar.start <= 2 else { return 0 }
            // Every call of the check's hottest loop: plain loops, no closures over the result.
            return s.withBytes(L.ilt) { p in s.withBytes(L.leerjaar) { q in
                var packed: UInt64 = 0, shift: UInt64 = 0
                for b in p {
                    guard b >= 0x30 && b <= 0x39 else { return UInt64(0) }
                    packed |= UInt64(b) << shift
                    shift += 8
                }
                packed |= 0x2F << shift
                shift += 8
                for b in q {
                    guard b >= 0x30 && b <= 0x39 else { return UInt64(0) }
                    packed |= UInt64(b) << shift
                    shift += 8
                }
                return packed
            } }
        }

        /// The text of a packed `extra` (read once per vestiging coupling when planning against a
        /// store: from the packed bytes themselves, no buffer made).
        static func unpackExtra(_ packed: UInt64) -> String {
            let length = (64 - packed.leadingZeroBitCount + 7) / 8
            return withUnsafeBytes(of: packed.littleEndian) { String(decoding: $0.prefix(length), as: UTF8.self) }
        }

        /// The pupil's key as the store writes it (made when asked: most pupils of a first
        /// import are never looked up by it before the commit).
        var key: String { pkey.text }
    }

    /// A wanted coupling, as indices: `subject` is a pupil (a group for `docent`); `target` a
    /// group (stamgroep, groep), a verzorger slot, a medewerker (docent), or medewerker × 4 +
    /// mentor slot (mentor). The identity's strings are made only when needed.
    struct Wanted: Sendable {
        var soort: KoppelSoort
        var subject: Int32
        var target: Int32
    }

    public internal(set) var soorten: Set<Soort> = []
    var files: [Soort: LoadedFile] = [:]
    var pupils: [Pupil] = []
    var pupilIndex = KeyTable<Int32>()
    var medewerkers: [String: Medewerker] = [:]
    /// Medewerker keys in the order first named; a wanted coupling refers to them by index.
    var medewerkerOrder: [String] = []
    var medewerkerIndex = KeyTable<Int32>()
    var groups: [String] = []
    var groupIndex: [String: Int32] = [:]
    var couplings: [Wanted] = []
    /// The pupils' records and their verzorgers', packed (`PackedRecord`) by the check as the
    /// store takes them: an invalid e-mail is not imported, `x` is onbekend, … (`Pupil.values`).
    var values: [UInt8] = []

    public init() {}

    /// The pupil record of pupil `i`.
    func leerling(_ i: Int) -> Leerling? {
        i < pupils.count && pupils[i].values >= 0 ? Leerling.unpack(values, at: pupils[i].values) : nil
    }

    /// Verzorger `slot` of pupil `i`, if the line fills that slot.
    func verzorger(_ i: Int, slot: Int) -> Verzorger? {
        guard i < pupils.count, case let at = pupils[i].verzorgerValues[slot], at >= 0 else { return nil }
        return Verzorger.unpack(values, at: at)
    }

    /// The prefix of a mentor coupling's doel, by mentor slot (target & 3).
    static let mentorSlots = ["1:", "2:", "P:", ""]

    /// What wanted coupling `w` couples: onderwerp (pupil key or group code) and doel; `keys`,
    /// when given, holds every pupil's key (made once for many couplings).
    func identity(_ w: Wanted, keys: [String] = []) -> (onderwerp: String, doel: String) {
        let t = Int(w.target)
        let pupil = w.soort == .docent ? "" : keys.isEmpty ? pupils[Int(w.subject)].key : keys[Int(w.subject)]
        switch w.soort {
        case .vestiging: return (pupil, "")
        case .stamgroep, .groep: return (pupil, groups[t])
        case .verzorger: return (pupil, String(t))
        case .mentor: return (pupil, ImportData.mentorSlots[t & 3] + medewerkerOrder[t >> 2])
        case .docent: return (groups[Int(w.subject)], medewerkerOrder[t])
        }
    }

    /// The date a wanted coupling ends (its pupil's Vertrekdatum), if any.
    func einde(_ w: Wanted) -> Day? {
        w.soort == .docent ? nil : Day(packed: pupils[Int(w.subject)].vertrek)
    }

    /// `ILT/leerjaar` of a vestiging coupling: packed by the check, or read from the pupil's line.
    func extra(_ w: Wanted) -> String {
        guard w.soort == .vestiging else { return "" }
        let packed = pupils[Int(w.subject)].extra
        if packed != 0 { return Pupil.unpackExtra(packed) }
        return withLine(Int(w.subject)) { $0.extra } ?? ""
    }

    /// True when `text` is the extra wanted coupling `w` has (see `extra`), compared without
    /// making a String where the check packed it.
    func extraEquals(_ w: Wanted, _ text: String) -> Bool {
        guard w.soort == .vestiging else { return text.isEmpty }
        let packed = pupils[Int(w.subject)].extra
        guard packed != 0 else { return extra(w) == text }
        var rest = packed
        for b in text.utf8 {
            guard rest != 0, UInt8(truncatingIfNeeded: rest) == b else { return false }
            rest >>= 8
        }
        return rest == 0
    }

    /// Every wanted coupling with its end date, as identities (for tests and tools).
    public func wantedCouplings(_ s: Schooljaar, _ v: String) -> [(KoppelIdentity, Day?)] {
        couplings.map { w in
            let (o, d) = identity(w)
            return (KoppelIdentity(soort: w.soort, schooljaar: s.startYear, vestiging: Text.nfc(v), onderwerp: o, doel: d), einde(w))
        }
    }

    /// The index of group `code`, added when new.
    mutating func group(_ code: String) -> Int32 {
        if let i = groupIndex[code] { return i }
        let i = Int32(groups.count)
        groups.append(code)
        groupIndex[code] = i
        return i
    }


    /// What `files` would import for the context's (S, V): the checker's by-product, for tools
    /// and tests that want the data without the findings.
    public static func read(_ files: [LoadedFile], context: CheckContext) -> ImportData {
        var c = Checker(context: context)
        _ = c.check(files)
        return c.imported
    }

    /// The e-mail address in column `i` of `s`, nil when empty or not an address (not imported).
    static func email(_ s: RecordScanner, _ i: Int) -> String? {
        s.fields[i].isEmpty || !s.withBytes(i, FieldRules.isEmail) ? nil : s.string(i)
    }

}

