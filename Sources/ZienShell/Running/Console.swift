/// Where the shell writes: standard output for results, standard error for failures and
/// progress. Tests capture it; the executable writes to the file descriptors.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// True when output goes to a terminal (colour and progress only then).
    var isTerminal: Bool { get }
    /// Columns of the terminal, or nil.
    var width: Int? { get }
    /// Rows of the terminal, or nil.
    var height: Int? { get }
    /// Replaces the progress line on standard error (no line break); "" clears it.
    func progress(_ text: String)
}

extension Console {
    public var height: Int? { nil }
    public func progress(_ text: String) {}
}

/// A console that collects everything, for tests.
public final class CapturingConsole: Console {
    public private(set) var output = ""
    public private(set) var errors = ""
    public var isTerminal = false
    public var width: Int? = nil
    public var height: Int? = nil
    public private(set) var progressLines: [String] = []
    public init() {}
    public func progress(_ text: String) { progressLines.append(text) }
    public func out(_ text: String) { output += text + "\n" }
    public func err(_ text: String) { errors += text + "\n" }
}

/// ANSI colours, used only when the console is a terminal and `NO_COLOR` is unset.
public struct Palette: Sendable {
    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func fout(_ s: String) -> String { wrap(s, "1;31") }
    public func waarschuwing(_ s: String) -> String { wrap(s, "33") }
    public func info(_ s: String) -> String { wrap(s, "36") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func bold(_ s: String) -> String { wrap(s, "1") }

    func level(_ l: Level, _ s: String) -> String {
        switch l {
        case .fout: fout(s)
        case .waarschuwing: waarschuwing(s)
        case .info: info(s)
        }
    }
}

import ZienCore
