/// A character encoding a file was read in.
public enum Charset: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"

    /// The name used in messages, `status` and `--json`.
    public var name: String { rawValue }

    /// The byte-order mark that announces this charset at the start of a file; none for the
    /// single-byte charsets.
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16le: [0xFF, 0xFE]
        case .utf16be: [0xFE, 0xFF]
        case .windows1252, .iso88591: []
        }
    }
}

/// What the user chose with `charset`: detection from the bytes, or one forced encoding.
public enum CharsetSetting: Sendable, Equatable {
    case auto
    case forced(Charset)
    /// `utf-16`: UTF-16 in the byte order its BOM names; a file without BOM cannot be read.
    case utf16WithBOM
    /// `herstel`: UTF-8, with doubly encoded fields (`BrontÃ«`) repaired in memory.
    case herstel

    /// Every word `charset` accepts, for completion and help.
    public static let words = ["auto", "utf-8", "windows-1252", "iso-8859-1", "utf-16", "utf-16le", "utf-16be", "herstel"]

    /// Parses a charset name as users write it (`UTF8`, `cp1252`, `latin1`, `utf-16le`, …).
    public init?(name: String) {
        let n = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        switch n {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .forced(.utf8)
        case "windows-1252", "cp1252", "win1252", "windows1252", "ansi": self = .forced(.windows1252)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-latin-1": self = .forced(.iso88591)
        case "utf-16", "utf16", "unicode": self = .utf16WithBOM
        case "herstel", "repair": self = .herstel
        case "utf-16le", "utf16le": self = .forced(.utf16le)
        case "utf-16be", "utf16be": self = .forced(.utf16be)
        default: return nil
        }
    }

    /// The name as `charset` shows it.
    public var name: String {
        switch self {
        case .auto: "auto"
        case .forced(let c): c.name
        case .utf16WithBOM: "utf-16"
        case .herstel: "herstel"
        }
    }
}

/// Windows-1252's 0x80–0x9F. The five bytes Microsoft left undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) map to the C1 control of the same value, as the WHATWG encoding standard does, so that
/// decoding never fails and encoding back gives the same bytes.
let cp1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
]

/// The Windows-1252 byte of a Unicode scalar, or nil when it has none.
func cp1252Byte(_ scalar: UInt32) -> UInt8? {
    if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return UInt8(scalar) }
    if let i = cp1252High.firstIndex(of: scalar) { return UInt8(0x80 + i) }
    return nil
}
