/// Recognises files that are not delimited text at all: Excel, zip, pdf and other binaries.
public enum FileTypeSniffer {
    /// A Dutch description of what the file is when it is not text (`een Excel-bestand (xlsx)`),
    /// or nil when it looks like text.
    /// With `utf16` (a forced UTF-16 charset) zero bytes are expected and only signatures count.
    public static func nonTextKind(_ raw: [UInt8], utf16: Bool = false) -> String? {
        func starts(_ magic: [UInt8]) -> Bool {
            raw.count >= magic.count && Array(raw[0..<magic.count]) == magic
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            let head = raw.prefix(4096)
            if contains(head, "xl/") || contains(head, "[Content_Types].xml") && contains(head, "sheet") {
                return "een Excel-bestand (xlsx)"
            }
            if contains(head, "[Content_Types].xml") { return "een Office-document (zip)" }
            return "een zip-bestand"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "een Excel-bestand (xls)" }
        if starts(Array("%PDF".utf8)) { return "een pdf-bestand" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "een afbeelding (png)" }
        if starts([0xFF, 0xD8, 0xFF]) { return "een afbeelding (jpeg)" }
        if starts(Array("GIF8".utf8)) { return "een afbeelding (gif)" }
        if starts([0x1F, 0x8B]) { return "een gzip-bestand" }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return "een 7z-archief" }
        if starts(Array("Rar!".utf8)) { return "een rar-archief" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "een programma (ELF)" }
        if starts(Array("SQLite format 3".utf8)) { return "een SQLite-database" }
        if starts(Array("<?xml".utf8)) || starts(Array("<html".utf8)) || starts(Array("<!DOCTYPE".utf8)) {
            if contains(raw.prefix(4096), "urn:schemas-microsoft-com:office:spreadsheet") {
                return "een Excel-bestand (xml-spreadsheet)"
            }
        }
        if TextDecoder.bom(raw) != nil || utf16 { return nil }
        // Control bytes other than TAB, LF, CR, FF and SUB in the first 8 KiB: binary.
        let sample = raw.prefix(8192)
        guard !sample.isEmpty else { return nil }
        var nul = 0, control = 0
        for b in sample {
            if b == 0 { nul += 1 } else if b < 0x20 && b != 9 && b != 10 && b != 13 && b != 12 && b != 0x1A { control += 1 }
        }
        if nul * 4 >= sample.count && looksLikeUTF16WithoutBOM(sample) {
            return "UTF-16-tekst zonder BOM (kies charset utf-16le of utf-16be)"
        }
        if nul >= 8 || nul * 100 > sample.count || control * 10 > sample.count {
            return "een binair bestand"
        }
        return nil
    }

    /// Text in UTF-16 without BOM: most byte pairs have exactly one zero byte, on the same side.
    static func looksLikeUTF16WithoutBOM(_ sample: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(sample)
        var highZero = 0, lowZero = 0
        var k = 0
        while k + 1 < bytes.count {
            let a = bytes[k], b = bytes[k + 1]
            if a != 0 && b == 0 { lowZero += 1 } else if a == 0 && b != 0 { highZero += 1 }
            k += 2
        }
        let pairs = bytes.count / 2
        return pairs > 0 && max(highZero, lowZero) * 10 >= pairs * 6
    }

    static func contains(_ hay: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= hay.count, let first = n.first else { return false }
        var i = hay.startIndex
        while i + n.count <= hay.endIndex {
            if hay[i] == first && Array(hay[i..<(i + n.count)]) == n { return true }
            i += 1
        }
        return false
    }
}
