import Testing
@testable import ZienCore

/// The store's writer: numbers, dates and nesting come out as the general serializer writes them.
@Suite struct JSONWriterTests {
    @Test(arguments: [0, 7, 9, 10, 99, 100, 2026, 9_999, 10_000, 99_999, 100_000, 1_234_567, -1, -2026, Int.max, Int.min])
    func intsAreWrittenAsTheirDigits(_ n: Int) {
        var w = JSONWriter()
        w.int(n)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(n))
    }

    @Test func datesAndNesting() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("a"); w.beginArray(); w.day(Day(unchecked: 2026, 8, 1)); w.day(nil); w.day(Day(unchecked: 999, 1, 9)); w.endArray()
        w.key("b"); w.beginArray(); w.beginArray(); w.int(1); w.int(2); w.endArray(); w.beginArray(); w.endArray(); w.endArray()
        w.key("c"); w.string("x\"y\n")
        w.endObject()
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == #"{"a":["2026-08-01",null,"0999-01-09"],"b":[[1,2],[]],"c":"x\"y\n"}"#)
        // Deeper than the bit set holds: commas stay right on every level, empty arrays too.
        var deep = JSONWriter()
        for _ in 0..<70 { deep.beginArray(); deep.beginArray(); deep.endArray() }
        deep.int(1)
        for _ in 0..<70 { deep.endArray() }
        let expected = String(repeating: "[[],", count: 70) + "1" + String(repeating: "]", count: 70)
        #expect(String(decoding: deep.bytes, as: UTF8.self) == expected)
    }
}
