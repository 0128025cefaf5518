/// What the loaded files say for the chosen (schooljaar, vestiging): the records and the
/// couplings each file owns. Built from the lines a check would import (rows of other
/// vestigingen, with a wrong field count or without a key are left out), with values cleaned as
/// the diagnostics promise (an invalid e-mail is not imported, `x` is onbekend, …).
public struct ImportData: Sendable {
    public var leerlingen: [String: Leerling] = [:]
    public var medewerkers: [String: Medewerker] = [:]
    public var verzorgers: [String: Verzorger] = [:]
    public var groepen: Set<String> = []
    /// Wanted couplings, by identity, with ILT/leerjaar and the Vertrekdatum that ends them.
    public var koppelingen: [KoppelIdentity: Wanted] = [:]
    /// Keys in the order the files name them, so the change set reads like the files (and no
    /// sort of hundreds of thousands of entries is needed).
    public var leerlingOrder: [String] = []
    public var medewerkerOrder: [String] = []
    public var verzorgerOrder: [String] = []
    public var groepOrder: [String] = []
    public var koppelOrder: [KoppelIdentity] = []

    /// A wanted coupling's attributes.
    public struct Wanted: Sendable, Equatable {
        public var extra: String
        public var einde: Day?
    }
    /// The soorten whose files were loaded (each is the whole truth for its own couplings).
    public var soorten: Set<Soort> = []

    public init() {}
}

/// Reads `ImportData` from loaded files.
public struct ImportExtractor {
    let context: CheckContext
    let chosen: String
    var data = ImportData()

    public init(context: CheckContext) {
        self.context = context
        chosen = Text.nfc(context.vestiging)
    }

    /// The data of `files`, leerling → groepen → koppel.
    public static func extract(_ files: [LoadedFile], context: CheckContext) -> ImportData {
        var x = ImportExtractor(context: context)
        for file in files.sorted(by: { $0.soort < $1.soort }) where file.nonTextKind == nil {
            x.data.soorten.insert(file.soort)
            file.text.bytes.withUnsafeBufferPointer { p in
                var s = RecordScanner(text: p, delimiter: file.delimiter)
                for i in 0..<file.recordCount {
                    s.position = file.recordOffsets[i]
                    s.line = file.recordLines[i]
                    _ = s.next()
                    guard s.fields.count == file.soort.fieldCount else { continue }
                    switch file.soort {
                    case .leerling: x.leerling(s)
                    case .groepen: x.groepen(s)
                    case .koppel: x.koppel(s)
                    }
                }
            }
        }
        return x.data
    }

    func inChosenVestiging(_ s: RecordScanner, _ column: Int) -> Bool {
        Text.nfc(s.string(column)) == chosen
    }

    func email(_ s: RecordScanner, _ i: Int) -> String? {
        s.fields[i].isEmpty || !s.withBytes(i, FieldRules.isEmail) ? nil : s.string(i)
    }

    func geslacht(_ s: RecordScanner, _ i: Int) -> Geslacht {
        if case .ok(let g) = s.withBytes(i, FieldRules.geslacht) { return g }
        return .onbekend
    }

    mutating func couple(_ soort: KoppelSoort, _ onderwerp: String, _ doel: String, extra: String = "", einde: Day? = nil) {
        let id = KoppelIdentity(soort: soort, schooljaar: context.schooljaar.startYear, vestiging: chosen,
                                onderwerp: onderwerp, doel: doel)
        // The first mention wins, as for medewerkers.
        guard data.koppelingen[id] == nil else { return }
        data.koppelingen[id] = ImportData.Wanted(extra: extra, einde: einde)
        data.koppelOrder.append(id)
    }

    mutating func group(_ code: String) {
        if data.groepen.insert(code).inserted { data.groepOrder.append(code) }
    }

    mutating func medewerker(_ s: RecordScanner, number i: Int) -> String {
        let key = s.withBytes(i) { FieldRules.key($0) }
        if data.medewerkers[key] == nil {
            data.medewerkerOrder.append(key)
            data.medewerkers[key] = Medewerker(key: key, nummer: s.string(i), roepnaam: s.string(i + 1),
                                               tussenvoegsel: s.string(i + 2), achternaam: s.string(i + 3), email: email(s, i + 4))
        }
        return key
    }

    mutating func leerling(_ s: RecordScanner) {
        typealias L = Columns.L
        guard inChosenVestiging(s, L.vestiging), !s.fields[L.stamnr].isEmpty else { return }
        let key = s.withBytes(L.stamnr) { FieldRules.key($0) }
        guard data.leerlingen[key] == nil else { return }
        data.leerlingOrder.append(key)
        let vertrek = s.withBytes(L.vertrekdatum, Day.parse)
        data.leerlingen[key] = Leerling(
            key: key, stamnr: s.string(L.stamnr), roepnaam: s.string(L.roepnaam), tussenvoegsel: s.string(L.tussenvoegsel),
            achternaam: s.string(L.achternaam), geboortedatum: s.withBytes(L.geboortedatum, Day.parse),
            geslacht: geslacht(s, L.geslacht), email: email(s, L.email), vertrekdatum: vertrek)
        let ilt = s.string(L.ilt), leerjaar = s.string(L.leerjaar)
        couple(.vestiging, key, "", extra: "\(ilt)/\(leerjaar)", einde: vertrek)
        let klas = s.string(L.klas)
        if !klas.isEmpty {
            group(klas)
            couple(.stamgroep, key, klas, einde: vertrek)
        }
        for slot in 1...3 {
            let c = L.verzorger(slot)
            if (c..<(c + 6)).allSatisfy({ s.fields[$0].isEmpty }) { continue }
            let v = Verzorger(leerling: key, slot: slot, voorletters: s.string(c), tussenvoegsel: s.string(c + 1),
                              achternaam: s.string(c + 2), geslacht: geslacht(s, c + 3), email: email(s, c + 4),
                              post: s.withBytes(c + 5, FieldRules.post) ?? false)
            if data.verzorgers.updateValue(v, forKey: v.id) == nil { data.verzorgerOrder.append(v.id) }
            couple(.verzorger, key, String(slot), einde: vertrek)
        }
        for (block, tag) in ["1", "2", "P"].enumerated() {
            let c = L.mentor(block)
            guard !s.fields[c].isEmpty else { continue }
            let m = medewerker(s, number: c)
            couple(.mentor, key, "\(tag):\(m)", einde: vertrek)
        }
    }

    mutating func groepen(_ s: RecordScanner) {
        guard inChosenVestiging(s, 6), !s.fields[0].isEmpty else { return }
        let code = s.string(0)
        group(code)
        guard !s.fields[1].isEmpty else { return }
        let m = medewerker(s, number: 1)
        couple(.docent, code, m)
    }

    mutating func koppel(_ s: RecordScanner) {
        guard inChosenVestiging(s, 1), !s.fields[0].isEmpty, !s.fields[2].isEmpty else { return }
        let key = s.withBytes(2) { FieldRules.key($0) }
        let vertrek: Day??
        if let l = data.leerlingen[key] { vertrek = .some(l.vertrekdatum) } else { vertrek = context.knownPupils[key] }
        guard let departure = vertrek else { return }              // unknown pupil: skipped
        if let d = departure, d < context.today { return }         // departed: skipped
        let code = s.string(0)
        group(code)
        couple(.groep, key, code, einde: departure)
    }
}
