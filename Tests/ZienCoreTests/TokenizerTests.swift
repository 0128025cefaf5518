import Testing
@testable import ZienCore

@Suite struct TokenizerTests {
    func records(_ text: String, _ d: Delimiter = .semicolon) -> [(line: Int, lines: Int, fields: [String], open: Bool)] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { p in
            var s = RecordScanner(text: p, delimiter: d)
            var out: [(Int, Int, [String], Bool)] = []
            while s.next() { out.append((s.recordLine, s.recordLineCount, s.strings(), s.unterminatedQuote)) }
            return out
        }
    }

    @Test func lineEndingsAndLineNumbers() {
        let r = records("a;b\r\nc;d\ne;f\rg;h")
        #expect(r.map(\.line) == [1, 2, 3, 4])
        #expect(r.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(physicalLineStarts(Array("a\r\nb\nc\rd".utf8)) == [0, 3, 5, 7])
        #expect(physicalLineStarts(Array("a\nb\n".utf8)) == [0, 2])
    }

    @Test func quotesHoldDelimitersQuotesAndLineBreaks() {
        let r = records("\"1;A\";\"zeg \"\"hoi\"\"\";x\n\"regel\r\nbreuk\";\"twee\nregels\nhier\";y\nz;z;z\n")
        #expect(r.count == 3)
        #expect(r[0].fields == ["1;A", "zeg \"hoi\"", "x"])
        #expect(r[1].line == 2)
        #expect(r[1].lines == 4)
        #expect(r[1].fields == ["regel\r\nbreuk", "twee\nregels\nhier", "y"])
        #expect(r[2].line == 6)
    }

    @Test func spacesAroundFieldsAreTrimmed() {
        #expect(records(" a ; \"b \" ;c\t\n").first?.fields == ["a", "b ", "c"])
        #expect(records(" a \t b\n", .tab).first?.fields == ["a", "b"])
    }

    @Test func unterminatedQuoteDoesNotSwallowTheFile() {
        let r = records("a;b\n\"c;d\ne;f\n")
        #expect(r.map(\.line) == [1, 2, 3])
        #expect(r[1].open)
        #expect(r[1].fields == ["\"c", "d"])
        #expect(r[2].fields == ["e", "f"])
    }

    @Test func delimiterDetection() {
        #expect(Delimiter.detect(in: Array("a\tb\tc;d\n".utf8)) == .tab)
        #expect(Delimiter.detect(in: Array("a;b;c\td\n".utf8)) == .semicolon)
        #expect(Delimiter.detect(in: Array("abc\n".utf8)) == .semicolon)
    }

    @Test func blankLinesAreSkippedButCounted() {
        let f = load("1A;Leeuwenbrug;1\n\n   \n;;\n1B;Leeuwenbrug;2")
        #expect(f.recordLines == [1, 5])
        #expect(f.lineCount == 5)
        #expect(f.physicalLine(5) == "1B;Leeuwenbrug;2")
        #expect(f.physicalLine(6) == nil)
    }

    @Test func recordContainingLine() {
        let f = load("Klas/Lesgroep;Administratieve eenheid;Stamnr\n\"1\nA\";Leeuwenbrug;1\n1B;Leeuwenbrug;2\n")
        #expect(f.header == .line1)
        #expect(f.record(containingLine: 2)?.firstLine == 2)
        #expect(f.record(containingLine: 3)?.firstLine == 2)
        #expect(f.record(containingLine: 4)?.firstLine == 4)
        #expect(f.record(containingLine: 1) == nil)
    }

    @Test func randomBytesNeverTrap() {
        var rng = UInt64(12345)
        let alphabet: [UInt8] = [0x3B, 0x09, 0x22, 0x0A, 0x0D, 0x20, 0x41, 0x31, 0x00, 0xC3, 0xAB, 0x80, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF]
        for n in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<(n % 97) {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                let r = Int(rng >> 33)
                bytes.append(r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : alphabet[r % alphabet.count])
            }
            for setting in [CharsetSetting.auto, .forced(.utf8), .forced(.utf16be), .utf16WithBOM] {
                for soort in [nil, Soort.leerling, .groepen, .koppel] {
                    let f = load(bytes: bytes, charset: setting, soort: soort)
                    _ = check([f])
                    for line in 0...(f.lineCount + 1) { _ = f.physicalLine(line); _ = f.record(containingLine: line) }
                }
            }
        }
    }
}
