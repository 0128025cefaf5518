#if canImport(Glibc)
import Glibc
#endif

/// The process environment, read with getenv (no Foundation).
public enum ProcessEnvironment {
    public static func value(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }

    /// Every variable the shell reads, for `Session` and the store.
    public static var relevant: [String: String] {
        var d: [String: String] = [:]
        for k in ["HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "ZIEN_STORE", "ZIEN_TODAY", "ZIEN_VESTIGING", "NO_COLOR", "TERM", "COLUMNS"] {
            if let v = value(k) { d[k] = v }
        }
        return d
    }
}
