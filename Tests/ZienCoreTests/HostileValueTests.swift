import Testing
import ZienCore
import ZienFixtures

/// Issue 10 item 1: values that input reaches are bounded before any arithmetic; a value out of
/// range is a diagnostic or a refusal, never a trap.
@Suite struct HostileValueTests {
    static let longDigits = ["9999999999999999999", "99999999999999999999999999", "18446744073709551616",
                             "01-01-99999999999999999999", "99999999999999999999-01-01", "1-99999999999999999999-2012",
                             "9223372036854775807-01-01", "2012-09223372036854775807-01", "00000000000000000001-01-2012"]

    @Test(arguments: longDigits) func aDateOfManyDigitsIsNoDate(_ text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test func datesAtTheEdgesStayDates() {
        #expect(Day(parsing: "31-12-2200") != nil)
        #expect(Day(parsing: "2200-12-31")?.next.year == 2201)
        #expect(Day(parsing: "01-01-1900") != nil)
        #expect(Day(parsing: "0001-01-01") == nil)
        #expect(Schooljaar(parsing: "99999999999999999999-2027") == nil)
        #expect(Schooljaar(parsing: "9223372036854775807") == nil)
        #expect(Schooljaar(parsing: "2200-2201") != nil)
    }

    /// The 19-digit date in Geboortedatum and in Vertrekdatum (columns 4 and 7, from 0) is an `ongeldige-datum` Fout on its
    /// line, through the whole check.
    @Test(arguments: [4, 7]) func aLongDateInAFileIsAFinding(column: Int) {
        for value in HostileValueTests.longDigits {
            let f = leerlingFile(pupils: 3, [.init(line: 2, column: column, value: value)])
            let ds = check([f])
            #expect(ds.contains { $0.code.rawValue == "ongeldige-datum" && $0.line == 2 }, "\(value) in kolom \(column)")
        }
    }

    /// Stamnrs and medewerker numbers of any length are keys, never numbers that overflow.
    @Test func longKeysAreText() {
        let long = String(repeating: "9", count: 40)
        #expect(PersonKey(long).text == long)
        #expect(PersonKey("000" + long) == PersonKey(long))
        #expect(PersonKey("0000000000000000000000000001").text == "1")
        let f = leerlingFile(pupils: 3, [.init(line: 2, column: 0, value: long), .init(line: 3, column: 30, value: long + long)])
        _ = check([f])
    }
}
