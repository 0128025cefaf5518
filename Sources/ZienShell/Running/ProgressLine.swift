import Dispatch
import Foundation

/// "check … 2,4 s (Ctrl-C breekt af)" on standard error while a command runs longer than half a
/// second, on a terminal only; cleared when the command ends, so it never mixes with output.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let console: Console
    private let started = DispatchTime.now()
    private var finished = false
    private var shown = false

    static let delay = 0.5
    static let interval = 0.2

    init(label: String, console: Console) {
        self.label = label
        self.console = console
        DispatchQueue.global().asyncAfter(deadline: .now() + ProgressLine.delay) { [self] in tick() }
    }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        shown = true
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let text = String(format: "%.1f", seconds).replacingOccurrences(of: ".", with: ",")
        console.progress("\(label) … \(text) s (Ctrl-C breekt af)")
        DispatchQueue.global().asyncAfter(deadline: .now() + ProgressLine.interval) { [self] in tick() }
    }

    /// Stops the line and clears it when it was shown.
    func end() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        if shown { console.progress("") }
    }
}
