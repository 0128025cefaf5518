import Foundation
import ZienCore

/// The files the transcript tests (and the README's walk-through) use, written into a folder.
/// Everything comes from `SchoolGenerator`, plus a few hand-made defects.
public enum FixtureSet {
    /// Column numbers (0-based) of the leerling file used below.
    typealias L = Columns.L

    /// Writes every fixture into `dir` (created when missing).
    public static func write(to dir: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func put(_ name: String, _ bytes: [UInt8]) throws {
            let path = dir + "/" + name
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard fm.createFile(atPath: path, contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown)
            }
        }
        func school(_ sub: String, _ configure: (inout SchoolGenerator) -> Void) throws {
            var g = SchoolGenerator(pupils: 60, seed: 7, otherVestigingShare: 0.1)
            configure(&g)
            let ext = g.format.delimiter == .tab ? "txt" : "csv"
            try put("\(sub)/leerling.\(ext)", g.file(.leerling))
            try put("\(sub)/groepen.\(ext)", g.file(.groepen))
            var k = g
            k.format.header = .none
            try put("\(sub)/koppel.\(ext)", k.file(.koppel))
        }
        try school("school") { _ in }
        try school("cp1252") { $0.format.charset = .windows1252; $0.format.crlf = true }
        try school("latin1") { $0.format.charset = .iso88591 }
        try school("utf16le") { $0.format.charset = .utf16le; $0.format.bom = true; $0.format.delimiter = .tab; $0.format.crlf = true }
        try school("utf16be") { $0.format.charset = .utf16be; $0.format.bom = true; $0.format.delimiter = .tab }
        try school("bom") { $0.format.bom = true; $0.format.finalNewline = false }
        try school("tab") { $0.format.delimiter = .tab }
        try school("split") { $0.format.header = .split; $0.format.crlf = true }
        try school("noheader") { $0.format.header = .none }
        // A filtered export of the same school: only the first 15 pupils (ends most couplings).
        let whole = SchoolGenerator(pupils: 60, seed: 7, otherVestigingShare: 0.1)
        try put("kwart/leerling.csv", whole.render(.leerling, Array(whole.leerlingRows().prefix(15))))

        // The same school a week later: a class move, a mentor swap, new pupils, one gone.
        // `weekbasis` is the school as committed, `weeklater` its export a week on.
        let base = SchoolGenerator(pupils: 200, seed: 12, otherVestigingShare: 0.05)
        var bare = base
        bare.format.header = .none
        try put("weekbasis/leerling.csv", base.file(.leerling))
        try put("weekbasis/groepen.csv", base.file(.groepen))
        try put("weekbasis/koppel.csv", bare.file(.koppel))
        let week = base.weekLater()
        try put("weeklater/leerling.csv", base.render(.leerling, week.leerling))
        try put("weeklater/groepen.csv", base.render(.groepen, week.groepen))
        try put("weeklater/koppel.csv", bare.render(.koppel, week.koppel))
        // A school whose first import has more than a thousand lines to show.
        try school("groot") { $0.pupils = 160; $0.otherVestigingShare = 0 }

        // The manual's example: Geslacht 2381 on line 2381 of a 3000-pupil Windows-1252 file.
        var big = SchoolGenerator(pupils: 3000, seed: 2381)
        big.format.charset = .windows1252
        big.format.crlf = true
        try put("melding2381/leerling.csv", big.file(.leerling, defects: [.init(line: 2381, column: L.geslacht, value: "2381")]))

        try put("helpdesk/leerling.csv", helpdesk())
        // A UTF-8 export opened as Windows-1252 (Excel) and saved as UTF-8 again: the names are
        // garbled in the file itself. Line 5 holds right text that only looks odd.
        var twice = SchoolGenerator(pupils: 5, seed: 12)
        twice.format.charset = .utf8
        func garbled(_ s: String) -> String {
            String(decoding: TextDecoder.decode(Array(s.utf8), setting: .forced(.windows1252)).bytes, as: UTF8.self)
        }
        try put("dubbel/leerling.csv", twice.render(.leerling, twice.leerlingRows(), defects: [
            .init(line: 2, column: L.achternaam, value: garbled("Brontë")), .init(line: 3, column: L.tussenvoegsel, value: garbled("d’")),
            .init(line: 3, column: L.achternaam, value: garbled("Kılıç")), .init(line: 4, column: L.roepnaam, value: garbled("Łukasz")),
            .init(line: 5, column: L.roepnaam, value: "JOÃO"), .init(line: 5, column: L.achternaam, value: "5×€10 Ærø"),
            .init(line: 6, column: L.roepnaam, value: garbled("Nguyễn")),
        ]))

        try put("defects/leerling.csv", leerlingDefects())
        try put("defects/koppel.csv", Array("""
        1-ne;Leeuwenbrug;50001
        1-ne;Leeuwenbrug;050001
        1-ne;Leeuwenbrug;50002
        9Z;Leeuwenbrug;50001
        1-ne;Leeuwenbrug;99999
        1-ne;Leeuwenburg;50001
        1-ne;Het Baken;50001
        ;Leeuwenbrug;50001
        1-ne;Leeuwenbrug

        """.utf8))
        try put("defects/groepen.csv", Array("""
        groep code;docent nummer;docent voornaam;docent tussenvoegsel;docent achternaam;docent email;vestiging naam
        1A;2100;Arjan;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1B;2101;Olav;;Brand;olav.brand@example.com;Leeuwenbrug
        1C;2102;Klaasjan;;Løite;klaasjan.loite@example.com;Leeuwenbrug
        1D;2103;Marieke;van der;Have;mvdh@example.com;Leeuwenbrug
        1E;2100;Arjan;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1F;2100;Arjen;;Maatman;arjan.maatman@example.com;Leeuwenbrug
        1G;;;;;;Leeuwenbrug
        1H;2104;Piet;;Puk;piet@@example;Leeuwenbrug
        ;2104;Piet;;Puk;piet@example.com;Leeuwenbrug
        2A;2105;Els;;Ros;els@example.com;Leeuwenburg

        """.utf8))
        // The manual's groepen file with Magister's own header, TAB-separated.
        try put("magister/groepen.txt", Array("""
        Klas/Lesgroep\tStamnummer.Docent\tRoepnaam.Docent\tTussenv.Docent\tAchternaam.Docent\tE-mail.Docent\tKlas/Lesgroep.Administratieve eenheid
        1A\t2100\tArjan\t\tMaatman\tarjan.maatman@example.com\tLeeuwenbrug

        """.utf8))
        try put("quoted/koppel.csv", Array("Klas/Lesgroep;Administratieve eenheid;Stamnr\r\n\"1A\";\"Leeuwen\r\nbrug\";10234\r\n\"1\"\"B\";Leeuwenbrug;\"10\r\n235\"\r\n1C;Leeuwenbrug;10236\r\n\r\n1D ; Leeuwenbrug ; 10237".utf8))
        try put("broken/unterminated.csv", Array("1A;Leeuwenbrug;10234\n\"1B;Leeuwenbrug;10235\n1C;Leeuwenbrug;10236\n".utf8))
        try put("broken/empty.csv", [])
        try put("broken/header-only.csv", Array("Klas/Lesgroep;Administratieve eenheid;Stamnr\n".utf8))
        try put("broken/blank-lines.csv", Array("\n\n   \n".utf8))
        try put("broken/nul.csv", Array("1A;Leeuwenbrug;10234\n".utf8) + [UInt8](repeating: 0, count: 64) + Array("\n".utf8))
        try put("broken/export.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml xl/workbook.xml".utf8) + [0, 0, 0, 1, 2, 3])
        try put("broken/export.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        try put("broken/handleiding.pdf", Array("%PDF-1.7\n%\u{00E2}\u{00E3}\n1 0 obj\n".utf8) + [0, 0, 1, 2])
        try put("broken/long-line.csv", [UInt8](repeating: 0x61, count: 10 * 1024 * 1024) + Array(";b;c\n".utf8))
        try put("broken/utf16-no-bom.csv", Array(TextDecoder.encode("1A;Leeuwenbrug;10234\n", as: .utf16le) ?? []))
        try put("broken/bad-utf8.csv", Array("1A;Leeuwenbrug;10234\n1B;Leeuwenbr".utf8) + [0xFC] + Array("g;10235\n".utf8))
        try put("broken/cp1252-bytes.csv", Array("1A;Leeuwenbrug;10234\nZo".utf8) + [0xEB, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x80, 0x92] + Array(";Leeuwenbrug;10235\n".utf8))
        // A leerling layout whose columns 4 and 6 changed places (header and records alike, as
        // Magister writes them); line 3 also holds 2381 in the Geslacht column.
        var cols = Columns.leerling
        cols.swapAt(3, 5)
        var order = SchoolGenerator(pupils: 3, seed: 3)
        order.format.header = .line1
        let swapped = order.leerlingRows().map { row -> [String] in
            var r = row
            r.swapAt(3, 5)
            return r
        }
        try put("broken/kolomvolgorde.csv", order.render(.leerling, swapped, defects: [.init(line: 3, column: 3, value: "2381")], header: cols))
        // UTF-8 names: read as windows-1252 they come out garbled (ZoÃ«).
        var garbled = SchoolGenerator(pupils: 5, seed: 11)
        garbled.format.charset = .utf8
        try put("garbled/leerling.csv", garbled.render(.leerling, garbled.leerlingRows(), defects: [
            .init(line: 2, column: L.roepnaam, value: "Zoë"), .init(line: 3, column: L.tussenvoegsel, value: "d’"),
        ]))
    }

    /// The helpdesk's case (issue 11): a school of 3000 pupils, a tenth of them at 'Het Baken',
    /// which the store does not know yet, and `2381` in the Geslacht column of line 2381.
    public static func helpdesk() -> [UInt8] {
        var g = SchoolGenerator(pupils: 3000, seed: 2381, otherVestigingShare: 0.1)
        g.format.charset = .windows1252
        g.format.crlf = true
        return g.file(.leerling, defects: [.init(line: 2381, column: L.geslacht, value: "2381"),
                                           .init(line: 2381, column: L.vestiging, value: "Leeuwenbrug")])
    }

    /// A leerling file with one defect per line, for every leerling code of SPEC.md §3.
    public static func leerlingDefects() -> [UInt8] {
        let g = SchoolGenerator(pupils: 30, seed: 5)
        let mentor = [L.mentor(0), L.mentor(0) + 1, L.mentor(0) + 2, L.mentor(0) + 3, L.mentor(0) + 4]
        var d: [SchoolGenerator.Defect] = []
        func set(_ line: Int, _ col: Int, _ v: String) { d.append(.init(line: line, column: col, value: v)) }
        set(2, L.stamnr, "50001")
        set(3, L.stamnr, "50002"); set(3, L.vertrekdatum, "01-09-2026")
        set(4, L.stamnr, "")
        set(5, L.achternaam, "")
        set(6, L.geslacht, "")
        set(7, L.geslacht, "2381")
        set(8, L.geslacht, "X")
        set(9, L.geboortedatum, "")
        set(10, L.geboortedatum, "31-02-2012")
        set(11, L.ilt, "")
        set(12, L.leerjaar, "7")
        set(13, L.stamnr, "012345")
        set(14, L.stamnr, "12345")
        set(15, L.vestiging, "Leeuwenburg")
        set(16, L.vestiging, "Het Baken")
        set(17, L.email, "jan@@example")
        for c in 0..<6 { set(18, L.verzorger(1) + c, ["A.", "", "Jansen", "v", "a@example.nl", "misschien"][c]) }
        for c in 0..<18 { set(19, L.verzorger(1) + c, "") }
        for c in 0..<15 { set(20, L.mentor(0) + c, "") }
        set(21, L.klas, "")
        for c in 0..<6 { set(22, L.verzorger(1) + c, ["B.", "de", "Boer", "q", "b@example.nl", "nee"][c]) }
        for (i, c) in mentor.enumerated() { set(23, c, ["9999", "Piet", "", "Puk", "p.puk@example.nl"][i]) }
        for (i, c) in mentor.enumerated() { set(24, c, ["09999", "Piet", "", "Pukkel", "p.puk@example.nl"][i]) }
        set(25, 45, "extra")
        set(26, L.vertrekdatum, "2026-13-01")
        for (i, c) in mentor.enumerated() { set(27, c, ["", "Jan", "", "Zonder", ""][i]) }
        return g.render(.leerling, g.leerlingRows(), defects: d)
    }
}
