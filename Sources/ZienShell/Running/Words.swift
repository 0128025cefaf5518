/// One command of a command line: its text as written (for `--echo` and hints) and its words.
public struct CommandText: Sendable, Equatable {
    public var text: String
    public var words: [String]
    /// The words that begin with a script argument or variable (`$1`, `${MAP}/x.csv`): a path
    /// in them was written on the command line, so it is relative to the working directory.
    public var fromVariables: Set<String> = []
}

/// The one grammar of a command line, in scripts, `-c`, standard input and at the prompt:
///
/// - spaces and tabs separate words; `"…"` and `'…'` group (names and paths with spaces);
/// - `;` separates commands and `#` starts a comment to the end of the line, both outside quotes;
/// - a backslash outside single quotes takes the next character as it is (`\;`, `\#`, `\$`);
/// - `$1` … `$9` and `${NAAM}` are replaced by the script's arguments and `-v` variables,
///   outside single quotes; `$$` is one `$`; a `$` before anything else is itself. The value
///   becomes part of the word as it is: a value with spaces stays one word, and a `;` or `#`
///   inside it separates or comments nothing;
/// - a line break (LF, CR or CRLF) ends a command like `;`.
///
/// Works on Unicode scalars, never on Characters (`\r\n` is one Character in Swift).
public enum CommandLexer {
    /// The commands of `line`. `variable` gives the value of `1`…`9` or a name, nil when it is
    /// not set (an error naming it).
    public static func commands(_ line: String, variable: (String) -> String? = { _ in nil }) throws(ShellError) -> [CommandText] {
        var result: [CommandText] = []
        var words: [String] = []
        var fromVariables: Set<String> = []
        var startsWithVariable = false
        var cur = String.UnicodeScalarView()
        var inWord = false
        var text = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        let scalars = Array(line.unicodeScalars)
        var i = 0

        func endWord() {
            if inWord {
                words.append(String(cur))
                if startsWithVariable { fromVariables.insert(String(cur)) }
            }
            cur = String.UnicodeScalarView()
            inWord = false
            startsWithVariable = false
        }
        func endCommand() {
            endWord()
            let t = String(text).trimmingSpaces
            if !words.isEmpty { result.append(CommandText(text: t, words: words, fromVariables: fromVariables)) }
            words = []
            fromVariables = []
            text = String.UnicodeScalarView()
        }

        while i < scalars.count {
            let c = scalars[i]
            if let q = quote {
                if c != "$" { text.append(c) }
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"" && i + 1 < scalars.count {
                    i += 1
                    text.append(scalars[i])
                    cur.append(scalars[i])
                } else if c == "$" && q == "\"" {
                    if cur.isEmpty && i > 0 && scalars[i - 1] == q { startsWithVariable = isVariable(scalars, i) }
                    i = try substitute(scalars, at: i, into: &cur, text: &text, variable: variable)
                } else {
                    cur.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"", "'":
                quote = c
                inWord = true
                text.append(c)
            case "\\":
                inWord = true
                text.append(c)
                if i + 1 < scalars.count, scalars[i + 1] != "\n", scalars[i + 1] != "\r" {
                    i += 1
                    text.append(scalars[i])
                    cur.append(scalars[i])
                } else {
                    cur.append(c)
                }
            case " ", "\t":
                endWord()
                text.append(c)
            case ";", "\n", "\r":
                endCommand()
            case "#":
                // A comment: the rest of this physical line.
                while i + 1 < scalars.count, scalars[i + 1] != "\n", scalars[i + 1] != "\r" { i += 1 }
            case "$":
                if !inWord { startsWithVariable = isVariable(scalars, i) }
                inWord = true
                i = try substitute(scalars, at: i, into: &cur, text: &text, variable: variable)
            default:
                inWord = true
                cur.append(c)
                text.append(c)
            }
            i += 1
        }
        if quote != nil { throw .unclosedQuote(String(text).trimmingSpaces) }
        endCommand()
        return result
    }

    /// Replaces the variable at `scalars[i]` (a `$`); returns the index of its last scalar.
    static func substitute(_ scalars: [Unicode.Scalar], at i: Int, into cur: inout String.UnicodeScalarView,
                           text: inout String.UnicodeScalarView, variable: (String) -> String?) throws(ShellError) -> Int {
        text.append("$")
        guard i + 1 < scalars.count else { cur.append("$"); return i }
        let next = scalars[i + 1]
        if next == "$" {
            text.append(next)
            cur.append("$")
            return i + 1
        }
        if next.value >= 0x31 && next.value <= 0x39 {
            let name = String(Character(next))
            text.append(next)
            guard let v = variable(name) else { throw .undefinedVariable(name) }
            cur.append(contentsOf: v.unicodeScalars)
            return i + 1
        }
        if next == "{" {
            var j = i + 2
            var name = String.UnicodeScalarView()
            while j < scalars.count, scalars[j] != "}", isNameScalar(scalars[j]) {
                name.append(scalars[j])
                j += 1
            }
            if j < scalars.count, scalars[j] == "}", !name.isEmpty {
                text.append(contentsOf: scalars[(i + 1)...j])
                guard let v = variable(String(name)) else { throw .undefinedVariable(String(name)) }
                cur.append(contentsOf: v.unicodeScalars)
                return j
            }
        }
        cur.append("$")
        return i
    }

    /// Whether the `$` at `i` starts `$1`…`$9` or `${…}`.
    static func isVariable(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 1 < scalars.count else { return false }
        let n = scalars[i + 1]
        return n == "{" || (n.value >= 0x31 && n.value <= 0x39)
    }

    /// Letters, digits, `_` and `-`: what `-v NAAM=WAARDE` allows in a name.
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || (s.value >= 0x30 && s.value <= 0x39) || s == "_" || s == "-"
    }

    public static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isNameScalar) && !(name.unicodeScalars.first.map { $0.value >= 0x30 && $0.value <= 0x39 } ?? true)
    }
}

/// The words of the last command of `line` (for completion); nil for an unclosed quote.
/// Variables are left as written.
public func splitWords(_ line: String) -> [String]? {
    guard let commands = try? CommandLexer.commands(line, variable: { "$" + $0 }) else { return nil }
    if let last = line.unicodeScalars.last, last == ";" { return [] }
    return commands.last?.words ?? []
}

extension String {
    var trimmingSpaces: String {
        let s = unicodeScalars
        guard let a = s.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let b = s.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(s[a...b])
    }
}

/// Quotes a word for display when it holds spaces.
func quoted(_ s: String) -> String {
    s.contains(" ") || s.isEmpty ? "'\(s)'" : s
}
