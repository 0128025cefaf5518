/// Output at a terminal: lines wrapped at word boundaries to the terminal's width, and cut to
/// one screenful counted in screen rows after that wrapping.
enum Pager {
    /// The columns `s` takes on a terminal: ANSI colour sequences take none, East Asian wide
    /// characters and emoji two, combining marks none.
    static func width(_ s: Substring) -> Int {
        var n = 0
        var inEscape = false
        for u in s.unicodeScalars {
            if inEscape {
                if u == "m" { inEscape = false }
                continue
            }
            if u == "\u{1B}" { inEscape = true; continue }
            n += columns(u)
        }
        return n
    }

    static func columns(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x20D0...0x20FF: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: return 2
        default: return 1
        }
    }

    /// `line` as screen rows of at most `width` columns, broken after a space where one is
    /// (a word longer than a row is cut); continuation rows keep the line's indentation.
    static func wrap(_ line: Substring, width: Int) -> [Substring] {
        guard width >= 20, Pager.width(line) > width else { return [line] }
        let indent = min(line.prefix { $0 == " " }.count, width / 3)
        var rows: [Substring] = []
        var rest = line
        var first = true
        while !rest.isEmpty {
            let room = first ? width : width - indent
            if Pager.width(rest) <= room {
                rows.append(first ? rest : Substring(String(repeating: " ", count: indent) + rest))
                break
            }
            // The longest prefix that fits, then back to the last space in it.
            var used = 0
            var end = rest.startIndex
            var lastSpace: String.Index?
            var i = rest.startIndex
            var inEscape = false
            while i < rest.endIndex {
                let ch = rest[i]
                var w = 0
                for u in ch.unicodeScalars {
                    if inEscape { if u == "m" { inEscape = false }; continue }
                    if u == "\u{1B}" { inEscape = true; continue }
                    w += columns(u)
                }
                if used + w > room { break }
                used += w
                if ch == " " { lastSpace = i }
                i = rest.index(after: i)
                end = i
            }
            var cut = end
            if let s = lastSpace, s > rest.startIndex, rest.distance(from: rest.startIndex, to: s) > room / 3 { cut = rest.index(after: s) }
            if cut == rest.startIndex { cut = rest.index(after: rest.startIndex) }
            var piece = rest[..<cut]
            while piece.last == " " { piece = piece.dropLast() }
            rows.append(first ? piece : Substring(String(repeating: " ", count: indent) + piece))
            rest = rest[cut...].drop { $0 == " " }
            first = false
        }
        return rows
    }

    /// `text` wrapped to `width` (nil: as it is).
    static func wrapped(_ text: String, width: Int?) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let width else { return lines }
        return lines.flatMap { wrap($0, width: width) }
    }

    /// The first screenful of `text` on a terminal of `height` rows and `width` columns, with a
    /// last row that says how much follows and which command shows it all (`more`); the whole
    /// text, wrapped, when it fits.
    static func screenful(_ text: String, height: Int?, width: Int?, more: String, dim: (String) -> String) -> String {
        let rows = wrapped(text, width: width)
        guard let height, height >= 8 else { return rows.joined(separator: "\n") }
        // One row for the hint, one for the prompt that follows.
        let room = height - 2
        guard rows.count > room else { return rows.joined(separator: "\n") }
        // The hint itself may wrap; the rows it takes come off the text.
        func hint(_ rest: Int) -> [Substring] {
            wrap(Substring("… nog \(rest) \(rest == 1 ? "regel" : "regels") (\(rows.count) in totaal). Alles tonen: '\(more)'"),
                 width: width ?? Int.max)
        }
        let shown = max(1, room - hint(rows.count).count)
        return (rows.prefix(shown) + hint(rows.count - shown).map { Substring(dim(String($0))) }).joined(separator: "\n")
    }
}
