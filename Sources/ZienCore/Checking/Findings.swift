/// Collects the findings of one file while its records are checked.
struct Findings {
    let soort: Soort
    var line = 0
    var list: [Diagnostic] = []

    init(soort: Soort) { self.soort = soort }

    /// A finding on the current line; `values` fill the code's message.
    mutating func emit(_ code: DiagnosticCode, column: String? = nil, value: String? = nil, _ values: String...) {
        list.append(Diagnostic(code, soort: soort, line: line, column: column, value: value, values: values))
    }
}

/// A Stamnr or medewerker number as a plain value: facts stay trivially copyable (no reference
/// counting on the hot path). A number is kept; a text key is read again from its record when
/// needed (rare).
struct CompactKey {
    var number: UInt64
    /// 1: `number` is the key; 2: the key is text, in the record.
    var kind: UInt8

    /// No key (an empty Stamnr).
    static let none = CompactKey(number: 0, kind: 0)

    init(number: UInt64, kind: UInt8) {
        self.number = number
        self.kind = kind
    }

    init(_ key: PersonKey) {
        if key.other == nil {
            number = key.number
            kind = 1
        } else {
            number = 0
            kind = 2
        }
    }

    /// The full key; `column` of record `record` of `file` holds it.
    func key(record: Int, column: Int, in file: LoadedFile) -> PersonKey {
        kind == 1 ? PersonKey(number: number) : file.withRecord(record) { s in s.withBytes(column) { PersonKey($0) } }
    }
}

/// A medewerker named on a line: number, a hash of the other fields, and where they stand.
struct MedewerkerFact {
    var key: CompactKey
    var signature: UInt64
    var record: Int32
    var column: Int8
    /// Index into `LineRules.roles`.
    var role: Int8
}

/// What the cross-line checks need from one leerling line (trivially copyable).
struct LeerlingFact {
    var record: Int32
    var line: Int32
    /// Stamnr; kind 0 when empty.
    var key: CompactKey
    /// Vertrekdatum as yyyymmdd, 0 when none.
    var vertrek: Int32
    var mentorCount: Int8
    var mentors: (MedewerkerFact, MedewerkerFact, MedewerkerFact)
    /// What the import needs besides: the Klas, and which verzorger slots are filled.
    var klas: String
    var verzorgers: UInt8
    /// `ILT/leerjaar` packed (see `ImportData.Pupil.extra`).
    var extra: UInt64 = 0
    /// Where the chunk's `values` hold the pupil's record and each filled verzorger slot's
    /// (-1: none), packed (`PackedRecord`).
    var values = -1
    var verzorgerValues = SlotOffsets()

    /// The offsets moved by `base` (the chunk's bytes joined after others).
    mutating func rebase(by base: Int) {
        if values >= 0 { values += base }
        for slot in 1...3 where verzorgerValues[slot] >= 0 { verzorgerValues[slot] += base }
    }
}

/// An offset per verzorger slot (1–3), -1 for none: a tuple, so that no array is made per line.
struct SlotOffsets: Sendable {
    var offsets: (Int, Int, Int) = (-1, -1, -1)

    subscript(slot: Int) -> Int {
        get { slot == 1 ? offsets.0 : slot == 2 ? offsets.1 : slot == 3 ? offsets.2 : -1 }
        set {
            switch slot {
            case 1: offsets.0 = newValue
            case 2: offsets.1 = newValue
            case 3: offsets.2 = newValue
            default: break
            }
        }
    }
}

/// What the cross-line checks need from one groepen line.
struct GroepenFact {
    var line: Int
    var code: String?
    var docent: MedewerkerFact?
}

/// What the cross-line checks need from one koppel line.
struct KoppelFact {
    var line: Int
    var code: String
    var key: PersonKey
    var written: String
}

/// The facts of one file, per soort.
enum FileFacts {
    case leerling([LeerlingFact])
    case groepen([GroepenFact])
    case koppel([KoppelFact])
}
