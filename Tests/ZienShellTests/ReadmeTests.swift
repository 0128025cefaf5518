import Foundation
import Testing

/// The README runs as written: the commands of its walkthrough blocks (each marked
/// `<!-- walkthrough -->`), run in one session on the files its own `zien-gen` lines make,
/// print the lines the README shows under each command, in that order (`…` in a README line
/// stands for text left out; a line that is only `…` for lines left out).
@Suite struct ReadmeTests {
    static let readmePath = URL(fileURLWithPath: Harness.testsDir + "/../../README.md").standardized.path

    struct Step {
        /// The prompt the README shows before the command (`zien Leeuwenbrug 2026-2027*> `).
        var prompt: String
        var command: String
        var expected: [String] = []
    }

    /// The `zien-gen` argument lists and the walkthrough steps of the README.
    static func walkthrough(_ text: String) -> (generate: [[String]], steps: [Step]) {
        let lines = text.components(separatedBy: "\n")
        let generate = lines.filter { $0.hasPrefix(".build/release/zien-gen ") }
            .map { $0.split(separator: " ").dropFirst().map(String.init) }
        var steps: [Step] = []
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard lines[i] == "<!-- walkthrough -->", i + 1 < lines.count, lines[i + 1] == "```" else { continue }
            i += 2
            while i < lines.count, lines[i] != "```" {
                let line = lines[i]
                if let prompt = ReadmeTests.promptEnd(line) {
                    steps.append(Step(prompt: String(line[..<prompt]), command: String(line[prompt...])))
                } else if !line.isEmpty, !steps.isEmpty {
                    steps[steps.count - 1].expected.append(line)
                }
                i += 1
            }
        }
        return (generate, steps)
    }

    /// Where the prompt of a command line ends (`zien [VESTIGING ]2026-2027[*|!]> `): the shell's
    /// own at a terminal, and what `--echo` writes before each command.
    static func promptEnd(_ line: String) -> String.Index? {
        guard line.hasPrefix("zien "), let end = line.range(of: "> ") else { return nil }
        var head = line[..<end.lowerBound]
        if head.hasSuffix("*") || head.hasSuffix("!") { head = head.dropLast() }
        let year = head.suffix(9).utf8
        guard year.count == 9, year.enumerated().allSatisfy({ $0.offset == 4 ? $0.element == 0x2D : (0x30...0x39).contains($0.element) })
        else { return nil }
        return end.upperBound
    }

    /// Whether `line` is what `pattern` shows, `…` standing for anything.
    static func matches(_ pattern: String, _ line: String) -> Bool {
        let pieces = pattern.components(separatedBy: "…")
        guard pieces.count > 1 else { return pattern == line }
        var rest = Substring(line)
        for (n, piece) in pieces.enumerated() where !piece.isEmpty {
            if n == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if n == pieces.count - 1 {
                return rest.hasSuffix(piece)
            } else {
                guard let r = rest.range(of: piece) else { return false }
                rest = rest[r.upperBound...]
            }
        }
        return true
    }

    @Test func matching() {
        #expect(ReadmeTests.matches("a … c", "a b c"))
        #expect(ReadmeTests.matches("…", "iets"))
        #expect(ReadmeTests.matches("Ruw: 1;2;…", "Ruw: 1;2;3;4"))
        #expect(!ReadmeTests.matches("Ruw: 1;2;…", "Ruw: 1;3;4"))
        #expect(!ReadmeTests.matches("x … z", "x y"))
        #expect(!ReadmeTests.matches("Status: 1", "Status: 12"))
    }

    @Test func walkthroughRunsAsWritten() throws {
        let text = try String(contentsOfFile: ReadmeTests.readmePath, encoding: .utf8)
        let (generate, steps) = ReadmeTests.walkthrough(text)
        #expect(generate.count >= 1, "geen zien-gen-regels in de README")
        #expect(steps.count >= 15, "de walkthrough van de README is te kort: \(steps.count) opdrachten")
        #expect(steps.reduce(0) { $0 + $1.expected.count } >= 30)

        let dir = NSTemporaryDirectory() + "zien-readme-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = URL(fileURLWithPath: Harness.binary).deletingLastPathComponent()
        for args in generate {
            let p = Process()
            p.executableURL = bin.appendingPathComponent("zien-gen")
            p.arguments = args
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "zien-gen \(args)")
        }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.binary)
        p.arguments = ["--echo", "--store", dir + "/proef.json"]
        var env = ProcessInfo.processInfo.environment
        env["ZIEN_TODAY"] = "2026-11-29"
        env["NO_COLOR"] = "1"
        env["HOME"] = dir
        env.removeValue(forKey: "ZIEN_STORE")
        env.removeValue(forKey: "ZIEN_VESTIGING")
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data(steps.map(\.command).joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")

        // The output of each command: from its echo to the next.
        // The prompt `--echo` writes before each is the one the README shows (its `*` and `!`).
        var segments: [[String]] = []
        var prompts: [String] = []
        for line in output {
            if let end = ReadmeTests.promptEnd(line) {
                segments.append([])
                prompts.append(String(line[..<end]))
            } else if !segments.isEmpty {
                segments[segments.count - 1].append(line)
            }
        }
        #expect(segments.count == steps.count, "\(segments.count) opdrachten uitgevoerd, \(steps.count) in de README")
        for (step, prompt) in zip(steps, prompts) {
            #expect(step.prompt == prompt, "README: '\(step.prompt)\(step.command)', maar de prompt van de shell was '\(prompt)'")
        }
        for (step, segment) in zip(steps, segments) {
            var from = 0
            for want in step.expected where want != "…" {
                guard let at = segment[from...].firstIndex(where: { ReadmeTests.matches(want, $0) }) else {
                    let shown: String = Array(segment.prefix(40)).joined(separator: "\n")
                    Issue.record("README: na '\(step.command)' staat\n  \(want)\nmaar de shell schreef:\n\(shown)")
                    break
                }
                from = at + 1
            }
        }
    }
}
