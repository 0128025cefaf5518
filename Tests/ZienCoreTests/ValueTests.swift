import Testing
@testable import ZienCore

@Suite struct ValueTests {
    @Test func dates() {
        #expect(Day(parsing: "01-02-2012") == Day(year: 2012, month: 2, day: 1))
        #expect(Day(parsing: "1-2-2012") == Day(year: 2012, month: 2, day: 1))
        #expect(Day(parsing: "2012-02-29") == Day(year: 2012, month: 2, day: 29))
        #expect(Day(parsing: "29-02-2013") == nil)
        #expect(Day(parsing: "31-02-2012") == nil)
        #expect(Day(parsing: "2012/02/01") == nil)
        #expect(Day(parsing: "12-2012") == nil)
        #expect(Day(parsing: "") == nil)
        #expect(Day(unchecked: 2026, 12, 31).next == Day(unchecked: 2027, 1, 1))
        #expect(Day(unchecked: 2012, 2, 1).dutch == "01-02-2012")
        #expect(Day(unchecked: 2012, 2, 1).iso == "2012-02-01")
    }

    @Test func schooljaar() {
        #expect(Schooljaar(containing: Day(unchecked: 2026, 7, 31)).description == "2025-2026")
        #expect(Schooljaar(containing: Day(unchecked: 2026, 8, 1)).description == "2026-2027")
        #expect(Schooljaar(parsing: "2026-2027")?.startYear == 2026)
        #expect(Schooljaar(parsing: "2026-2028") == nil)
        #expect(Schooljaar(parsing: "twintig") == nil)
    }

    func with<R>(_ s: String, _ f: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(s.utf8).withUnsafeBufferPointer(f)
    }

    @Test func fieldRules() {
        #expect(FieldRules.key("001234") == "1234")
        #expect(FieldRules.key("0000") == "0")
        #expect(FieldRules.key("A0012") == "A0012")
        #expect(with("Man", FieldRules.geslacht) == .ok(.man))
        #expect(with("x", FieldRules.geslacht) == .alsOnbekend)
        #expect(with("2381", FieldRules.geslacht) == .invalid)
        #expect(with("", FieldRules.geslacht) == .empty)
        #expect(with("WAAR", FieldRules.post) == true)
        #expect(with("", FieldRules.post) == false)
        #expect(with("misschien", FieldRules.post) == nil)
        #expect(with("jan@school.nl", FieldRules.isEmail))
        #expect(!with("jan@school", FieldRules.isEmail))
        #expect(!with("jan@@school.nl", FieldRules.isEmail))
        #expect(!with("jan janssen@school.nl", FieldRules.isEmail))
        #expect(with("372", FieldRules.isILT))
        #expect(!with("37a", FieldRules.isILT))
        #expect(with("6", FieldRules.leerjaar) == 6)
        #expect(with("7", FieldRules.leerjaar) == nil)
    }

    @Test func suggestions() {
        #expect(Text.suggestion(for: "Leeuwenburg", among: ["Leeuwenbrug", "Het Baken"]) == "Leeuwenbrug")
        #expect(Text.suggestion(for: "Zuidas", among: ["Leeuwenbrug", "Het Baken"]) == nil)
        #expect(Text.display("a\nb\u{0}\tc\u{92}d\u{A0}e\u{200B}") == "aU+000AbU+0000U+0009cU+0092dU+00A0eU+200B")
        #expect(Text.display("Zoë Brontë-d’Hondt 😀") == "Zoë Brontë-d’Hondt 😀")
    }

    @Test func jsonRoundTrip() throws {
        let v = JSONValue.object([("a", .string("Zoë \"d’Hondt\"\n\t\u{1}")), ("b", .array([.int(-3), .bool(true), .null]))])
        #expect(try JSONValue.parse(Array(v.serialized.utf8)) == v)
        #expect(try JSONValue.parse(Array("\"\\u00eb\\ud834\\udd1e\"".utf8)) == .string("ë𝄞"))
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array("{\"a\": }".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(String(repeating: "[", count: 500).utf8)) }
    }
}

/// Every code of SPEC.md §3 exists with its level and a message.
@Suite struct DiagnosticCodeTests {
    static let spec: [(String, Level)] = [
        ("verkeerd-bestandstype", .fout), ("leeg-bestand", .fout), ("verkeerd-aantal-velden", .fout),
        ("kopregel-gesplitst", .waarschuwing), ("kolomvolgorde", .fout), ("kolom-ontbreekt", .fout),
        ("kolom-extra", .fout), ("verkeerde-soort", .fout), ("tekenset", .fout),
        ("verkeerde-tekenset", .waarschuwing), ("geen-leerlingnummer", .fout), ("geen-achternaam", .fout),
        ("geen-geslacht", .fout), ("geslacht-ongeldig", .fout), ("geslacht-als-onbekend", .waarschuwing),
        ("geen-geboortedatum", .waarschuwing), ("geslacht-verzorger-ongeldig", .waarschuwing),
        ("geen-ilt-code", .fout), ("geen-leerjaar", .fout), ("ongeldige-datum", .fout),
        ("dubbel-leerlingnummer", .fout), ("medewerker-tegenstrijdig", .waarschuwing),
        ("onbekende-vestiging", .fout), ("andere-vestiging", .waarschuwing), ("ongeldig-emailadres", .waarschuwing),
        ("ongeldige-post-waarde", .waarschuwing), ("geen-ouders", .info), ("geen-mentoren", .info),
        ("geen-mentorgroep", .info), ("leerling-onbekend", .waarschuwing), ("leerling-vertrokken", .waarschuwing),
        ("veel-beeindigd", .waarschuwing), ("groep-nieuw", .info), ("technische-fout", .fout),
    ]

    @Test func everySpecCodeExists() {
        for (raw, level) in DiagnosticCodeTests.spec {
            let code = DiagnosticCode(rawValue: raw)
            #expect(code != nil, "\(raw) ontbreekt")
            #expect(code?.level == level, "\(raw) heeft niveau \(String(describing: code?.level))")
            #expect(code?.summary.isEmpty == false)
        }
        #expect(Set(DiagnosticCode.all.map(\.rawValue)).count == DiagnosticCode.all.count)
    }
}

/// A journal from `store.log` is input: values no commit writes are refused, never a trap.
@Suite struct UndoJournalBoundsTests {
    /// `json` with the value at `key` (top level) replaced.
    static func replacing(_ json: JSONValue, _ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let pairs) = json else { return json }
        return .object(pairs.map { $0.0 == key ? ($0.0, value) : $0 })
    }

    @Test func outOfRangeValuesAreRefused() throws {
        var u = Undo()
        u.schooljaar = Schooljaar(startYear: 2026)
        u.vestiging = "Leeuwenbrug"
        u.day = Day(unchecked: 2026, 11, 29)
        u.createdKoppelingen = [0..<3]
        let good = u.json
        #expect(try Undo(json: good) == u)
        for year in [Int.max, Int.min, 1899, 2200] {
            #expect(throws: ChangeConflict.self) { _ = try Undo(json: Self.replacing(good, "schooljaar", .int(year))) }
        }
        guard case .object(let created)? = good["created"] else {
            Issue.record("no created section")
            return
        }
        let huge = JSONValue.object(created.map { $0.0 == "koppelingen" ? ($0.0, .array([.array([.int(0), .int(Int.max)])])) : $0 })
        #expect(throws: ChangeConflict.self) { _ = try Undo(json: Self.replacing(good, "created", huge)) }
    }
}
