import Foundation
import Testing
import ZienCore
import ZienFixtures
@testable import ZienShell
import ZienStore

/// What `check` puts first (SPEC.md §3 "How a check reports") and how a terminal shows it.
@Suite struct SummaryTests {
    static let fixtures: String = {
        let dir = NSTemporaryDirectory() + "zien-summary-\(getpid())"
        try? FixtureSet.write(to: dir)
        return dir
    }()

    /// The first screen `check` shows at a terminal of `rows` × `columns` after `setup`.
    static func firstScreen(_ setup: [String], rows: Int, columns: Int) throws -> (screen: [String], report: CheckReport?) {
        let session = Session(store: try Store(path: ":memory:"), today: Day(unchecked: 2026, 11, 29))
        let console = CapturingConsole()
        let runner = ScriptRunner(session: session, console: console, json: false, palette: Palette(enabled: false))
        for line in setup { #expect(runner.execute(line) == nil, "\(line)") }
        console.isTerminal = true
        console.height = rows
        console.width = columns
        let before = console.output.count
        _ = runner.run(ListReader(["check"]), origin: .terminal, interactive: true)
        let out = String(console.output.dropFirst(before))
        return (out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), session.lastCheck)
    }

    static let cases: [[String]] = [
        ["vestiging add Leeuwenbrug", "load \(fixtures)/helpdesk/leerling.csv"],
        ["vestiging add Leeuwenbrug", "load \(fixtures)/defects/leerling.csv", "load \(fixtures)/defects/groepen.csv",
         "load \(fixtures)/defects/koppel.csv"],
        ["vestiging add Leeuwenbrug", "load \(fixtures)/broken/kolomvolgorde.csv", "load \(fixtures)/defects/koppel.csv"],
        ["vestiging add Leeuwenbrug", "load \(fixtures)/cp1252/leerling.csv", "charset utf-8", "load \(fixtures)/defects/groepen.csv"],
    ]

    /// Every distinct Fout code, with its first line, is on the first screen of a 40-row
    /// terminal, however many other findings there are — at 120 and at 80 columns.
    @Test(arguments: [120, 80])
    func everyFoutCodeIsOnTheFirstScreen(columns: Int) throws {
        for setup in SummaryTests.cases {
            let (screen, report) = try SummaryTests.firstScreen(setup, rows: 40, columns: columns)
            let fouts = report?.diagnostics.filter { $0.level == .fout } ?? []
            #expect(!fouts.isEmpty)
            #expect(screen.count <= 39, "\(screen.count) rijen")
            #expect(screen.allSatisfy { Pager.width(Substring($0)) <= columns })
            var firstLine: [String: Int?] = [:]
            for d in fouts where firstLine[d.code.rawValue] == nil { firstLine[d.code.rawValue] = .some(d.line) }
            for (code, line) in firstLine {
                let row = screen.first { $0.contains(" \(code) ") || $0.hasSuffix(" \(code)") }
                #expect(row != nil, "\(code) staat niet op het eerste scherm:\n\(screen.joined(separator: "\n"))")
                if let line, let row { #expect(row.contains("regel \(line)"), "\(code): regel \(line) ontbreekt in '\(row)'") }
            }
            // The hint points to a command that shows, not to one that checks again.
            if let last = screen.last, last.contains("Alles tonen") { #expect(last.contains("'show log --alles'")) }
        }
    }

    @Test func theHelpdeskSummaryNamesTheUnknownVestigingAndWhatToType() throws {
        let (screen, _) = try SummaryTests.firstScreen(SummaryTests.cases[0], rows: 40, columns: 200)
        let text = screen.joined(separator: "\n")
        #expect(text.contains("onbekende-vestiging"))
        #expect(text.contains("'Het Baken' 326×"))
        #expect(text.contains("vestiging add \"Het Baken\""))
        #expect(text.contains("filter deze leerlingen uit de export"))
        #expect(text.contains("geslacht-ongeldig") && text.contains("regel 2381"))
        // The Geslacht row comes before any Info row.
        let g = screen.firstIndex { $0.contains("geslacht-ongeldig") } ?? Int.max
        let i = screen.firstIndex { $0.contains("Info ") } ?? Int.max
        #expect(g < i)
    }

    @Test func rowsCountPerCodeFoutFirst() {
        var ds: [Diagnostic] = []
        ds.append(Diagnostic(.geenOuders, soort: .leerling, line: 2))
        for n in 0..<7 { ds.append(Diagnostic(.onbekendeVestiging, soort: .leerling, line: 3 + n, value: n < 5 ? "Het Baken" : "Zuid", n < 5 ? "Het Baken" : "Zuid", "")) }
        ds.append(Diagnostic(.andereVestiging, soort: .koppel, line: 4, "de groep", "Het Baken", "Leeuwenbrug"))
        ds.append(Diagnostic(.geslachtOngeldig, soort: .leerling, line: 2381, "2381"))
        let rows = Summary.rows(ds)
        #expect(rows.map(\.code) == ["onbekende-vestiging", "geslacht-ongeldig", "andere-vestiging", "geen-ouders"])
        #expect(rows[0].count == 7 && rows[0].lines.map(\.line) == [3, 4, 5, 6, 7])
        #expect(rows[0].hint?.hasPrefix("'Het Baken' 5×, 'Zuid' 2×: voeg de vestiging toe aan Zien! (vestiging add \"Het Baken\"; vestiging add \"Zuid\")") == true)
        #expect(Summary.places(rows[0]) == "leerling regel 3, 4, 5, 6, 7, …")
        // Stored and read back, the rows are the same.
        #expect(Summary.rows(json: Summary.json(rows)) == rows)
    }
}

/// The pager counts screen rows after wrapping and wraps at word boundaries.
@Suite struct PagerTests {
    @Test func wrapsAtWordBoundaries() {
        let line: Substring = "Fout         leerling regel 2381, kolom Geslacht: Geslacht moet 'man', 'vrouw', 'onbekend'/ 'v', 'm', 'o' zijn"
        let rows = Pager.wrap(line, width: 40)
        #expect(rows.count > 1)
        #expect(rows.allSatisfy { Pager.width($0) <= 40 })
        // No word is cut: joined again, the words are the line's words.
        #expect(rows.flatMap { $0.split(separator: " ") } == line.split(separator: " "))
        #expect(Pager.wrap("kort", width: 40) == ["kort"])
        // A word longer than a row is cut, never lost.
        let long = Substring(String(repeating: "x", count: 95))
        #expect(Pager.wrap(long, width: 40).map(\.count).reduce(0, +) == 95)
    }

    @Test func aScreenfulIsCountedInRowsAfterWrapping() {
        // 10 lines of 19 words: 4 rows each at 40 columns, 40 rows, more than a 20-row screen holds.
        let line = String(repeating: "woord ", count: 19)
        let text = Array(repeating: line, count: 10).joined(separator: "\n")
        let shown = Pager.screenful(text, height: 20, width: 40, more: "show log --alles", dim: { $0 })
        let rows = shown.split(separator: "\n")
        #expect(rows.count == 18)
        #expect(rows.allSatisfy { Pager.width($0) <= 40 })
        // The hint wraps too, and says how much follows and which command shows it.
        #expect(rows.suffix(2).joined(separator: " ").contains("nog 24 regels (40 in totaal). Alles tonen: 'show log --alles'"))
        // What fits is shown whole.
        #expect(Pager.screenful("a\nb", height: 20, width: 40, more: "x", dim: { $0 }) == "a\nb")
    }
}
