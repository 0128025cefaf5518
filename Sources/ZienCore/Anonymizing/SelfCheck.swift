/// `anonimiseer` checks its copies before it writes them (SPEC.md §8): the copies, read with the
/// session's charset and soorten, checked for the same vestiging and schooljaar against the
/// store seen through the same pseudonyms, must give what the originals give against the
/// store — how each file reads, every diagnostic's (level, code, soort, line, column), the
/// counts, and the change set's counts.
public enum SelfCheck {
    /// One side of the comparison.
    public struct Outcome {
        public var files: [LoadedFile]
        public var report: CheckReport
        public var changes: ChangeSet
    }

    /// Checks and plans `files` as `check` does.
    public static func run(_ files: [LoadedFile], context: CheckContext, store: StoreRecords,
                           cancelled: @escaping @Sendable () -> Bool = { false }) -> Outcome? {
        var checker = Checker(context: context, cancelled: cancelled)
        guard let report = checker.check(files) else { return nil }
        let changes = Planner.plan(checker.imported, store: store, context: context)
        return Outcome(files: files, report: report, changes: changes)
    }

    /// The copies of `originals` as the session would read them.
    public static func reread(_ originals: [LoadedFile], copies: [[UInt8]], charset: CharsetSetting) -> [LoadedFile] {
        zip(originals, copies).map { f, bytes in
            LoadedFile(path: f.path, raw: bytes, charset: charset, soort: f.soortSource == "opgegeven" ? f.soort : nil)
        }
    }

    /// The first way the copy differs from the original, in Dutch; nil when it does not.
    public static func firstDifference(_ a: Outcome, _ b: Outcome) -> String? {
        for (x, y) in zip(a.files, b.files) {
            let name = x.soort.rawValue
            func differs(_ what: String, _ p: String, _ q: String) -> String? {
                p == q ? nil : "\(name): \(what) \(p) in het origineel, \(q) in de kopie"
            }
            if let d = differs("soort", x.soort.rawValue, y.soort.rawValue)
                ?? differs("tekenset", x.text.charset.name + (x.text.hadBOM ? " met BOM" : ""), y.text.charset.name + (y.text.hadBOM ? " met BOM" : ""))
                ?? differs("scheidingsteken", x.delimiter.label, y.delimiter.label)
                ?? differs("kopregel", "\(x.header)", "\(y.header)")
                ?? differs("aantal regels", String(x.lineCount), String(y.lineCount))
                ?? differs("aantal records", String(x.recordCount), String(y.recordCount)) {
                return d
            }
            if x.recordLines != y.recordLines {
                let i = zip(x.recordLines, y.recordLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
                return "\(name): record \(i + 1) begint op regel \(x.recordLines[i]) in het origineel, op regel \(y.recordLines[i]) in de kopie"
            }
        }
        let p = a.report.diagnostics, q = b.report.diagnostics
        for (i, (x, y)) in zip(p, q).enumerated() where !same(x, y) {
            return "melding \(i + 1): \(describe(x)) in het origineel, \(describe(y)) in de kopie"
        }
        if p.count != q.count {
            let extra = p.count > q.count ? p[q.count] : q[p.count]
            return p.count > q.count ? "melding \(q.count + 1) (\(describe(extra))) ontbreekt in de kopie"
                : "de kopie geeft een melding meer: \(describe(extra))"
        }
        if a.report.counts != b.report.counts { return "de aantallen meldingen verschillen" }
        let ca = a.changes.counts, cb = b.changes.counts
        for kind in ChangeKind.allCases {
            let x = ca[kind] ?? ChangeCounts(), y = cb[kind] ?? ChangeCounts()
            for t in ChangeType.allCases where x[t] != y[t] {
                return "wijzigingen \(kind.rawValue) \(t.word): \(x[t]) in het origineel, \(y[t]) in de kopie"
            }
        }
        if a.changes.endsMany != b.changes.endsMany { return "veel-beeindigd verschilt" }
        return nil
    }

    static func same(_ x: Diagnostic, _ y: Diagnostic) -> Bool {
        x.level == y.level && x.code == y.code && x.soort == y.soort && x.line == y.line && x.column == y.column
    }

    static func describe(_ d: Diagnostic) -> String {
        var s = "\(d.level.label) \(d.code.rawValue)"
        if let so = d.soort { s += " \(so.rawValue)" }
        if let l = d.line { s += " regel \(l)" }
        if let c = d.column { s += ", kolom \(c)" }
        return s
    }
}

extension Anonymizer {
    /// The copies of `files` and the self-check's verdict on them.
    public struct Result {
        public var copies: [[UInt8]]
        public var original: SelfCheck.Outcome
        public var copy: SelfCheck.Outcome
        /// The first difference between the copies' findings and the originals'; nil when none.
        public var difference: String?
    }

    /// Makes the copies of `files` (as `charset` reads them) and checks them against the
    /// originals for `context` and `store`; nil when cancelled.
    public mutating func run(_ files: [LoadedFile], charset: CharsetSetting, context: CheckContext, store: StoreRecords,
                             cancelled: @escaping @Sendable () -> Bool = { false }) throws(Refusal) -> Result? {
        learn(files)
        var copies: [[UInt8]] = []
        for f in files { copies.append(try rewrite(f)) }
        guard let original = SelfCheck.run(files, context: context, store: store, cancelled: cancelled) else { return nil }
        var seen = context
        seen.knownPupils = pseudonymizer.knownPupils(context.knownPupils)
        let view = pseudonymizer.snapshot(store)
        let reread = SelfCheck.reread(files, copies: copies, charset: charset)
        guard let copy = SelfCheck.run(reread, context: seen, store: view, cancelled: cancelled) else { return nil }
        return Result(copies: copies, original: original, copy: copy, difference: SelfCheck.firstDifference(original, copy))
    }
}
