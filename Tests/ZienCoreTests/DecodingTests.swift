import Testing
@testable import ZienCore

@Suite struct DecodingTests {
    @Test func autoDetectsEachCharset() {
        #expect(TextDecoder.detect(Array("Zoë".utf8)).0 == .utf8)
        #expect(TextDecoder.detect([0xEF, 0xBB, 0xBF, 0x41]) == (.utf8, 3))
        #expect(TextDecoder.detect([0xFF, 0xFE, 0x41, 0x00]) == (.utf16le, 2))
        #expect(TextDecoder.detect([0xFE, 0xFF, 0x00, 0x41]) == (.utf16be, 2))
        #expect(TextDecoder.detect([0x5A, 0x6F, 0xEB, 0x92]).0 == .windows1252)
        #expect(TextDecoder.detect([0x5A, 0x6F, 0xEB]).0 == .iso88591)
    }

    @Test func windows1252MapsAll32HighBytesAndRoundTrips() {
        let raw: [UInt8] = Array(0x80...0x9F)
        let t = TextDecoder.decode(raw, setting: .forced(.windows1252))
        let text = String(decoding: t.bytes, as: UTF8.self)
        #expect(t.errors.isEmpty)
        #expect(text.unicodeScalars.count == 32)
        #expect(text.unicodeScalars.first == "€")
        #expect(text.unicodeScalars.map(\.value)[0x01] == 0x81)
        #expect(text.unicodeScalars.map(\.value)[0x12] == 0x2019) // ’
        #expect(TextDecoder.encode(text, as: .windows1252) == raw)
    }

    @Test func latin1NeverFailsAndRoundTrips() {
        let raw: [UInt8] = Array(0x00...0xFF)
        let t = TextDecoder.decode(raw, setting: .forced(.iso88591))
        #expect(t.errors.isEmpty)
        #expect(TextDecoder.encode(String(decoding: t.bytes, as: UTF8.self), as: .iso88591) == raw)
    }

    @Test func forcedUTF8ReportsOffsetAndByte() {
        let raw: [UInt8] = Array("ab\n".utf8) + [0x5A, 0x6F, 0xEB, 0x0A]
        let t = TextDecoder.decode(raw, setting: .forced(.utf8))
        #expect(t.errors == [DecodeError(textOffset: 5, fileOffset: 5, byte: 0xEB)])
        #expect(String(decoding: t.bytes, as: UTF8.self) == "ab\nZo\u{FFFD}\n")
        let file = load(bytes: raw, charset: .forced(.utf8))
        let d = file.fileDiagnostics.filter { $0.code == .tekenset }
        #expect(d.count == 1)
        #expect(d.first?.line == 2)
        #expect(d.first?.value == "0xEB")
    }

    @Test func utf16SurrogatesAndErrors() {
        let clef = TextDecoder.encode("a𝄞b", as: .utf16be) ?? []
        #expect(clef == [0x00, 0x61, 0xD8, 0x34, 0xDD, 0x1E, 0x00, 0x62])
        let t = TextDecoder.decode([0xFE, 0xFF] + clef, setting: .auto)
        #expect(String(decoding: t.bytes, as: UTF8.self) == "a𝄞b")
        let bad = TextDecoder.decode([0x34, 0xD8, 0x61, 0x00, 0x62], setting: .forced(.utf16le))
        #expect(bad.errors.count == 2) // unpaired high surrogate, odd trailing byte
    }

    @Test func utf16NeedsBOM() {
        let t = TextDecoder.decode(TextDecoder.encode("ab", as: .utf16le) ?? [], setting: .utf16WithBOM)
        #expect(t.problem != nil)
        let ok = TextDecoder.decode([0xFF, 0xFE] + (TextDecoder.encode("ab", as: .utf16le) ?? []), setting: .utf16WithBOM)
        #expect(ok.problem == nil)
        #expect(ok.bytes == Array("ab".utf8))
    }

    @Test func charsetNames() {
        #expect(CharsetSetting(name: "UTF8") == .forced(.utf8))
        #expect(CharsetSetting(name: "cp1252") == .forced(.windows1252))
        #expect(CharsetSetting(name: "latin1") == .forced(.iso88591))
        #expect(CharsetSetting(name: "utf-16") == .utf16WithBOM)
        #expect(CharsetSetting(name: "latin2") == nil)
        for w in CharsetSetting.words { #expect(CharsetSetting(name: w)?.name == w) }
    }

    @Test func sniffsNonText() {
        #expect(FileTypeSniffer.nonTextKind([0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8))?.contains("xlsx") == true)
        #expect(FileTypeSniffer.nonTextKind([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])?.contains("xls") == true)
        #expect(FileTypeSniffer.nonTextKind(Array("%PDF-1.4".utf8))?.contains("pdf") == true)
        #expect(FileTypeSniffer.nonTextKind(TextDecoder.encode("1A;Leeuwenbrug;1\n", as: .utf16le) ?? [])?.contains("UTF-16") == true)
        #expect(FileTypeSniffer.nonTextKind(Array("1A;x;1\n".utf8) + [UInt8](repeating: 0, count: 40)) == "een binair bestand")
        #expect(FileTypeSniffer.nonTextKind(Array("1A;Leeuwenbrug;1\n".utf8)) == nil)
        #expect(FileTypeSniffer.nonTextKind([]) == nil)
    }

    @Test func garbledTextSuggestsTheRightCharset() {
        // UTF-8 "Zoë" read as Windows-1252 is "ZoÃ«".
        let garbled = Array("ZoÃ«".utf8)
        #expect(garbled.withUnsafeBufferPointer { Mojibake.betterCharset($0, readAs: .windows1252) } == .utf8)
        let fine = Array("Zoë".utf8)
        #expect(fine.withUnsafeBufferPointer { Mojibake.betterCharset($0, readAs: .windows1252) } == nil)
        // Windows-1252 ’ (0x92) read as ISO-8859-1 is the C1 control U+0092.
        let c1 = Array("d\u{92}Hondt".utf8)
        #expect(c1.withUnsafeBufferPointer { Mojibake.betterCharset($0, readAs: .iso88591) } == .windows1252)
        #expect(fine.withUnsafeBufferPointer { Mojibake.betterCharset($0, readAs: .utf8) } == nil)
    }
}

@Suite struct LargeDecodingTests {
    /// Files of 4 MiB and more are decoded in parallel slices; the result must equal a plain
    /// byte-by-byte decoding, whatever falls on a slice boundary.
    @Test func parallelSlicesEqualAPlainDecoding() {
        var rng = UInt64(99)
        let raw: [UInt8] = (0..<(5 << 20) + 13).map { _ in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let r = UInt8(truncatingIfNeeded: rng >> 33)
            return r % 4 == 0 ? r | 0x80 : r & 0x7F
        }
        for (cs, high) in [(Charset.windows1252, Optional(cp1252High)), (.iso88591, nil)] {
            var plain: [UInt8] = []
            for b in raw {
                TextDecoder.appendUTF8(b < 0x80 ? UInt32(b) : b < 0xA0 ? high?[Int(b) - 0x80] ?? UInt32(b) : UInt32(b), to: &plain)
            }
            #expect(TextDecoder.decode(raw, setting: .forced(cs)).bytes == plain)
        }
    }
}

extension LargeDecodingTests {
    /// Large files are validated as UTF-8 in parallel slices cut at ASCII bytes; an invalid
    /// byte anywhere, also right at a cut, is found.
    @Test func parallelValidationFindsEveryInvalidByte() {
        let line = Array("Zoë;Şahin;d’Hondt\n".utf8)
        var text: [UInt8] = []
        while text.count < 5 << 20 { text += line }
        #expect(UTF8Validation.isValid(text))
        for spot in [0, text.count / 2, text.count / 2 + 1, text.count - 1] {
            var bad = text
            bad[spot] = 0xFF
            #expect(!UTF8Validation.isValid(bad), "ongeldige byte op \(spot)")
        }
    }
}
