/// Splits a command line into words: spaces separate, `"…"` and `'…'` group (so vestiging
/// names and paths may hold spaces), a backslash escapes the next character outside single
/// quotes. Returns nil for an unclosed quote.
public func splitWords(_ line: String) -> [String]? {
    var words: [String] = []
    var cur = ""
    var inWord = false
    var quote: Character?
    var escape = false
    for ch in line {
        if escape {
            cur.append(ch)
            escape = false
            continue
        }
        if let q = quote {
            if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escape = true } else { cur.append(ch) }
            continue
        }
        if ch == "\"" || ch == "'" {
            quote = ch
            inWord = true
        } else if ch == "\\" {
            escape = true
            inWord = true
        } else if ch == " " || ch == "\t" {
            if inWord { words.append(cur); cur = ""; inWord = false }
        } else {
            cur.append(ch)
            inWord = true
        }
    }
    if quote != nil { return nil }
    if escape { cur.append("\\") }
    if inWord { words.append(cur) }
    return words
}

/// Splits `-c 'a; b'` into commands at `;` outside quotes.
public func splitCommands(_ text: String) -> [String] {
    var parts: [String] = []
    var cur = ""
    var quote: Character?
    for ch in text {
        if let q = quote {
            if ch == q { quote = nil }
            cur.append(ch)
        } else if ch == "\"" || ch == "'" {
            quote = ch
            cur.append(ch)
        } else if ch == ";" || ch == "\n" {
            parts.append(cur)
            cur = ""
        } else {
            cur.append(ch)
        }
    }
    parts.append(cur)
    return parts
}

/// Quotes a word for display when it holds spaces.
func quoted(_ s: String) -> String {
    s.contains(" ") || s.isEmpty ? "'\(s)'" : s
}
