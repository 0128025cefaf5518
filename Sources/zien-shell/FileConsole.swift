#if canImport(Glibc)
import Glibc
#endif
import ZienShell

/// Writes straight to file descriptors 1 and 2 (unbuffered, so stdout and stderr keep their
/// order in a shared pipe).
final class FileConsole: Console {
    let isTerminal = isatty(1) == 1

    var width: Int? {
        var ws = winsize()
        guard isTerminal, ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return Int(ws.ws_col)
    }

    var height: Int? {
        var ws = winsize()
        guard isTerminal, ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 else { return nil }
        return Int(ws.ws_row)
    }

    /// The progress line goes to standard error, and only when that is a terminal.
    let progressShown = isatty(2) == 1

    func progress(_ text: String) {
        guard progressShown else { return }
        write(2, "\r\u{1B}[K" + text)
    }

    func out(_ text: String) { write(1, text + "\n") }
    func err(_ text: String) { write(2, text + "\n") }

    private func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { p in Glibc.write(fd, p.baseAddress.map { $0 + off }, p.count - off) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            off += n
        }
        bytes.removeAll()
    }
}

/// Ctrl-C: a flag the running command polls; it never ends the interactive shell.
enum Interrupts {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0

    static func install() {
        signal(SIGINT) { _ in Interrupts.flag = 1 }
        // Started from a program that blocks it, Ctrl-C would do nothing at all.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Forgets a Ctrl-C that no command polled (pressed during a commit, say), so that it
    /// does not swallow the next line typed.
    static func reset() { flag = 0 }

    /// True once after each Ctrl-C.
    static func take() -> Bool {
        guard flag != 0 else { return false }
        flag = 0
        return true
    }
}
