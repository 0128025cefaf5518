/// How serious a finding is, as the import screen of Zien!vo shows it.
public enum Level: Int, Sendable, Comparable, CaseIterable {
    /// The line cannot be imported; the whole import is refused.
    case fout = 0
    /// The line, or part of it, is skipped or adjusted; the import can go on.
    case waarschuwing = 1
    /// Nothing to do.
    case info = 2

    /// The stable identifier used in `--json` and in `show log LEVEL`.
    public var identifier: String {
        switch self {
        case .fout: "fout"
        case .waarschuwing: "waarschuwing"
        case .info: "info"
        }
    }

    /// The word the import log shows.
    public var label: String {
        switch self {
        case .fout: "Fout"
        case .waarschuwing: "Waarschuwing"
        case .info: "Info"
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `fout`, `waarschuwing`, `info` (any case, also the plural or a unique prefix).
    public init?(word: String) {
        let w = word.lowercased()
        guard !w.isEmpty else { return nil }
        for level in Level.allCases where level.identifier.hasPrefix(w) || w == level.identifier + "en" {
            self = level
            return
        }
        return nil
    }
}

/// One finding about one file: level, stable code, physical line, column, value and Dutch text.
public struct Diagnostic: Sendable, Equatable {
    public var code: DiagnosticCode
    public var level: Level
    /// The file kind the finding belongs to; nil for findings about the session as a whole.
    public var soort: Soort?
    /// Physical, 1-based line number; nil for findings about the file as a whole.
    public var line: Int?
    /// The column name (as the header of that soort names it) where one applies.
    public var column: String?
    /// The offending value as decoded, where one applies.
    public var value: String?
    /// The Dutch message a user reads.
    public var message: String

    /// Creates a finding with the level its code carries; its message is the code's one text
    /// with `values` in its placeholders (`DiagnosticCode.message`).
    public init(_ code: DiagnosticCode, soort: Soort?, line: Int?, column: String? = nil,
                value: String? = nil, _ values: String...) {
        self.init(code, soort: soort, line: line, column: column, value: value, values: values)
    }

    public init(_ code: DiagnosticCode, soort: Soort?, line: Int?, column: String? = nil,
                value: String? = nil, values: [String]) {
        self.code = code
        self.level = code.level
        self.soort = soort
        self.line = line
        self.column = column
        self.value = value
        self.message = code.message(values)
    }

    /// A finding as an Importoverzicht entry stored it, message and level included (an entry
    /// written by an older version keeps the text it was written with).
    public init(stored code: DiagnosticCode, level: Level, soort: Soort?, line: Int?, column: String?,
                value: String?, message: String) {
        self.code = code
        self.level = level
        self.soort = soort
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }
}

/// Counts of findings per level.
public struct LevelCounts: Sendable, Equatable {
    public var fout = 0
    public var waarschuwing = 0
    public var info = 0

    public init() {}

    public init<S: Sequence>(_ diagnostics: S) where S.Element == Diagnostic {
        for d in diagnostics { add(d.level) }
    }

    public mutating func add(_ level: Level) {
        switch level {
        case .fout: fout += 1
        case .waarschuwing: waarschuwing += 1
        case .info: info += 1
        }
    }

    /// The import log's status word: `Fouten gevonden`, `Succesvol met waarschuwingen` or `Succesvol`.
    public var status: String {
        if fout > 0 { return "Fouten gevonden" }
        if waarschuwing > 0 { return "Succesvol met waarschuwingen" }
        return "Succesvol"
    }
}
