import ZienCore

/// A part of the command line, run in the order given (as psql runs its `-c` and `-f`).
public enum StartPart: Sendable, Equatable {
    /// The text of a `-c` and its number (0 when there is only one).
    case commands(String, Int)
    /// A script file and its arguments (`$1`…`$9`).
    case script(String, [String])
}

/// A bad invocation of `zien-shell` (exit 2): a typed case with one Dutch text, also for what
/// swift-argument-parser finds (its English messages are mapped in `dutch(_:)`).
public enum InvocationError: Error, Sendable, Equatable {
    case unknownOption(String, suggestion: String?)
    case missingValue(String)
    case unexpectedValue(String, String)
    case extraArgument(String)
    case badVariable(String)
    case emptyStore(fromEnvironment: Bool)
    /// Something the parser said that has no case here: never shown in English.
    case other

    /// The options, for suggestions.
    static let options = ["--store", "-c", "-f", "-v", "--vestiging", "--json", "--echo", "--help", "-h", "--version"]
    static let valueNames = ["--store": "PAD", "-c": "OPDRACHTEN", "-f": "SCRIPT", "-v": "NAAM=WAARDE", "--vestiging": "NAAM"]

    public var message: String {
        switch self {
        case .unknownOption(let o, let s):
            return "onbekende optie '\(o)'" + (s.map { " (bedoelde je '\($0)'?)" } ?? "")
        case .missingValue(let o):
            return "optie '\(o)' mist een waarde: \(o) \(InvocationError.valueNames[o] ?? "WAARDE")"
        case .unexpectedValue(let o, let v):
            return "optie '\(o)' neemt geen waarde, maar kreeg '\(v)'"
        case .extraArgument(let a):
            return "onverwacht argument '\(a)': met -c of -f geef je een script met -f (zien-shell -c '…' -f \(a))"
        case .badVariable(let v):
            return "-v verwacht NAAM=WAARDE (een naam van letters, cijfers, _ of -), niet '\(v)'"
        case .emptyStore(let env):
            return "\(env ? "ZIEN_STORE" : "--store") is leeg; geef het pad van de opslag (of :memory:)"
        case .other:
            return "verkeerde aanroep"
        }
    }

    public static let hint = "'zien-shell --help' toont hoe het moet."

    /// swift-argument-parser's message (`ZienShellCommand.message(for:)`) as our case.
    public static func dutch(_ english: String) -> InvocationError {
        func quoted(after prefix: String) -> String? {
            guard let r = english.range(of: prefix) else { return nil }
            let rest = english[r.upperBound...]
            guard let end = rest.firstIndex(of: "'") else { return nil }
            return String(rest[..<end])
        }
        if let o = quoted(after: "Unknown option '") {
            return .unknownOption(o, suggestion: Text.suggestion(for: o, among: options))
        }
        if let o = quoted(after: "Missing value for '") {
            return .missingValue(String(o.split(separator: " ").first ?? Substring(o)))
        }
        if let o = quoted(after: "The option '"), let v = quoted(after: "but '") {
            return .unexpectedValue(o, v)
        }
        if let a = quoted(after: "nexpected argument '") ?? quoted(after: "unexpected arguments: '") {
            return .extraArgument(a)
        }
        return .other
    }

    /// The parts of the command line in the order given. `commands` and `files` are the `-c`
    /// and `-f` values as parsed; their order is read back from `arguments`. `script` is
    /// SCRIPT and its arguments.
    public static func parts(_ commands: [String], _ files: [String], _ script: [String], arguments: [String]) throws(InvocationError) -> [StartPart] {
        if let first = script.first, first.count > 1, first.hasPrefix("-") {
            if let eq = first.firstIndex(of: "="), options.contains(String(first[..<eq])) {
                throw .unexpectedValue(String(first[..<eq]), String(first[first.index(after: eq)...]))
            }
            throw .unknownOption(first, suggestion: Text.suggestion(for: first, among: options))
        }
        if let first = script.first, !(commands.isEmpty && files.isEmpty) { throw .extraArgument(first) }
        if let first = script.first { return [.script(first, Array(script.dropFirst()))] }
        // The order of -c and -f as given.
        var order: [Character] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "-c" || a == "-f" {
                order.append(a == "-c" ? "c" : "f")
                i += 2
                continue
            }
            if ["--store", "-v", "--vestiging"].contains(a) { i += 2; continue }
            i += 1
        }
        if order.filter({ $0 == "c" }).count != commands.count || order.filter({ $0 == "f" }).count != files.count {
            order = Array(repeating: "c", count: commands.count) + Array(repeating: "f", count: files.count)
        }
        var c = 0, f = 0
        var parts: [StartPart] = []
        for o in order {
            if o == "c" {
                parts.append(.commands(commands[c], commands.count > 1 ? c + 1 : 0))
                c += 1
            } else {
                parts.append(.script(files[f], []))
                f += 1
            }
        }
        return parts
    }

    /// `zien-shell --help`.
    public static let help = """
        zien-shell — de importshell van Zien!vo: Magister-exports (leerling, groepen, koppel) laden,
        regel voor regel testen en alles of niets inlezen.

        Gebruik:
          zien-shell [OPTIES]                  interactief op een terminal, anders opdrachten van standaardinvoer
          zien-shell [OPTIES] SCRIPT [ARG…]    een opgeslagen script; ARG… zijn $1 … $9 in het script
          zien-shell [OPTIES] -c OPDRACHTEN    opdrachten, gescheiden door ;
          zien-shell [OPTIES] -f SCRIPT        een opgeslagen script

        Opties:
          -c OPDRACHTEN       opdrachten uitvoeren; mag vaker, samen met -f, in de gegeven volgorde
          -f SCRIPT           een script uitvoeren; mag vaker
          -v NAAM=WAARDE      een variabele: ${NAAM} in scripts en opdrachten (een letterlijke $ is $$)
          --store PAD         het opslagbestand, of :memory: voor een wegwerpopslag
                              (standaard $ZIEN_STORE, anders ~/.local/share/zien-shell/store.json)
          --vestiging NAAM    de vestiging kiezen bij de start (ook ZIEN_VESTIGING); een opslag met
                              precies één vestiging kiest die vanzelf
          --json              elke opdracht schrijft één JSON-document op één regel
          --echo              elke opdracht met zijn prompt herhalen vóór zijn uitvoer (voor een transcript)
          --version           de versie tonen
          -h, --help          deze hulp tonen

        Omgeving: ZIEN_STORE, ZIEN_VESTIGING, ZIEN_TODAY=jjjj-mm-dd (vandaag vastzetten), NO_COLOR.

        Afsluitcodes:
          0  alles gelukt
          1  een opdracht mislukte; een script stopt bij de eerste
          2  verkeerde aanroep
          3  een check vond een Fout, of commit werd geweigerd om een Fout

        Voorbeelden:
          zien-shell --store :memory: -c 'vestiging add Leeuwenbrug; load leerling.csv; check; show row 2381'
          zien-shell melding-2381.zs leerling.csv
          zien-shell --vestiging Leeuwenbrug -v MAP=export -c 'check' -f inlezen.zs

        In de shell toont 'help' alle opdrachten en 'help OPDRACHT' één met zijn woorden en opties.

        """
}
