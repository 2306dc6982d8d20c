import ArgumentParser
import AvstemCore
import AvstemDemo
import AvstemFormats
import AvstemMatching
import AvstemStore
import Foundation

/// Figures for the release build: `swift run -c release avstem bench`. Each suite prints what
/// an issue's acceptance asks for; peak memory is the process's, so run one suite per process
/// when its memory matters (`bench match --entries 1000000`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Print performance and accuracy figures (use a release build).")

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case all, parse, match, accuracy, store, tui, post
    }

    @Argument(help: "all, parse, match, accuracy, store, tui or post (100 000 lines; not in all).") var suite: Suite = .all
    @Option(help: "Statement lines.") var lines: Int = 10_000
    @Option(help: "Open ledger entries in the books.") var entries: Int = 100_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Flag(help: "match: also run 1/100 and 1/10 of the size first, to show how the cost grows.") var ladder = false

    func run() throws {
        print("avstem bench: \(suite.rawValue), \(lines) lines, \(entries) open entries, seed \(seed)")
        #if DEBUG
        print("warning: debug build; figures are only meaningful with -c release")
        #endif
        let company = Bench.measure("generate company and statement") { Bench.company(lines: lines, entries: entries, seed: seed) }
        if suite == .all || suite == .parse { try Bench.parse(company) }
        if suite == .all || suite == .match {
            if ladder {
                for f in [100, 10] where lines / f >= 100 {
                    Bench.match(Bench.company(lines: lines / f, entries: entries / f, seed: seed))
                }
            }
            Bench.match(company)
        }
        if suite == .all || suite == .accuracy { Bench.accuracy(seed: seed) }
        if suite == .all || suite == .store { try Bench.store(company) }
        if suite == .all || suite == .tui { try Bench.tui(lines: max(lines, 100_000), seed: seed) }
        if suite == .post { try Bench.post(lines: lines, entries: entries, seed: seed) }
        print(String(format: "peak memory (process): %.0f MB", Bench.peakMemoryMB()))
    }
}

enum Bench {
    static func company(lines: Int, entries: Int, seed: UInt64) -> GeneratedCompany {
        var c = DemoConfig()
        c.seed = seed
        c.lines = lines
        // About four open invoices per customer, a fifth of the entries from vendors.
        c.customers = max(300, entries * 4 / 5 / 4)
        c.vendors = max(80, entries / 5 / 2)
        c.invoicesPerCustomer = 1...7
        c.invoicesPerVendor = 1...3
        return DemoGenerator.generate(c)
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    @discardableResult
    static func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let t0 = now()
        let r = try body()
        print("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: " %9.3f s", now() - t0))
        return r
    }

    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(0 /* RUSAGE_SELF */, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func lines(of company: GeneratedCompany, journalId: Int64 = 1) -> [JournalLine] {
        let date = company.statement.toDate ?? LocalDate(iso: "2026-11-20")!
        return company.statement.entries.enumerated().map { JournalLine(entry: $0.element, journalId: journalId, lineNo: $0.offset + 1, fallbackDate: date) }
    }

    static func context(_ company: GeneratedCompany) -> MatchContext {
        MatchContext(bankAccount: company.books.bankAccounts[0], parties: company.books.customers + company.books.vendors,
                     openEntries: company.books.openEntries, bankLedgerEntries: company.books.bankLedgerEntries,
                     textMappings: company.books.textMappings)
    }

    // MARK: parse

    static func parse(_ company: GeneratedCompany) throws {
        print("parse (one core, best of 3)")
        let n = company.statement.entries.count
        try parseFile("camt.053", Array(CamtWriter.camt053(company.statement, messageId: "BENCH").utf8))
        try parseFile("MT940", SampleStatements.mt940(transactions: n, seed: 1))
        try parseFile("Nets OCR", SampleStatements.netsOCR(transactions: n, seed: 1))
    }

    static func parseFile(_ label: String, _ bytes: [UInt8]) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-bench-\(getpid())-\(label.filter(\.isLetter))")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let size = Double(bytes.count)
        var best = Double.infinity
        var count = 0
        for _ in 0..<3 {
            let t0 = now()
            let file = try StatementFormats.read(url: url, format: "auto")
            best = min(best, now() - t0)
            count = file.statements.reduce(0) { $0 + $1.entries.count }
        }
        print("  " + label.padding(toLength: 10, withPad: " ", startingAt: 0)
            + String(format: "%7d transactions, %6.1f MB in %.3f s: %6.1f MB/s, %8.0f transactions/s",
                     count, size / 1e6, best, size / 1e6 / best, Double(count) / best))
    }

    // MARK: match

    static func match(_ company: GeneratedCompany) {
        let n = company.statement.entries.count, m = company.books.openEntries.count
        print("match (\(n) lines x \(m) open entries)")
        let ctx = context(company)
        let journalLines = lines(of: company)
        let (engine, indexTime) = timed("build indexes") { MatchEngine(context: ctx) }
        let (results, matchTime) = timed("apply automatically") { engine.match(lines: journalLines) }
        let applied = results.filter { !$0.applications.isEmpty || $0.account != nil }.count
        print("  \(applied) of \(results.count) lines applied")
        let total = indexTime.wall + matchTime.wall
        print(String(format: "  total %.3f s wall, %.3f s cpu: %.0f entries/s indexed, %.0f lines/s matched, %.0f (lines + entries)/s",
                     total, indexTime.cpu + matchTime.cpu, Double(m) / indexTime.wall, Double(n) / matchTime.wall, Double(n + m) / total))
        print(String(format: "  peak memory so far (process): %.0f MB", peakMemoryMB()))
    }

    /// CPU seconds of the process (user + system, all threads): unlike wall time, hardly moved by other
    /// work on a shared machine, so it shows the engine's own cost.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0 /* RUSAGE_SELF */, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    /// Like `measure`, also printing CPU time, and returning both.
    static func timed<T>(_ label: String, _ body: () -> T) -> (T, (wall: Double, cpu: Double)) {
        let t0 = now(), c0 = cpuSeconds()
        let r = body()
        let wall = now() - t0, cpu = cpuSeconds() - c0
        print("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: " %9.3f s  (cpu %.3f s)", wall, cpu))
        return (r, (wall, cpu))
    }

    // MARK: accuracy

    /// The labelled set: the generator knows what each line pays.
    static func accuracy(seed: UInt64) {
        var c = DemoConfig()
        c.seed = seed
        c.lines = 5_000
        c.customers = 4_000
        c.vendors = 600
        let company = DemoGenerator.generate(c)
        let engine = MatchEngine(context: context(company))
        let journalLines = lines(of: company)
        let results = engine.match(lines: journalLines)
        var per: [Situation: (correct: Int, wrong: Int, unapplied: Int)] = [:]
        var highTotal = 0, highCorrect = 0
        for (r, truth) in zip(results, company.truth) {
            let verdict = judge(r, truth.expected)
            if verdict == .wrong, ProcessInfo.processInfo.environment["AVSTEM_BENCH_SHOW"] == truth.situation.rawValue {
                print("WRONG \(truth.situation) expected \(truth.expected) got \(r.applications.map { "\($0.target) \($0.appliedAmount)" }) \(r.account.map { "\($0)" } ?? "") conf \(r.confidence)")
                for e in r.applications.first?.evidence ?? [] { print("   \(e.dimension.rawValue) \(e.value): \(e.detail)") }
            }
            var row = per[truth.situation] ?? (0, 0, 0)
            switch verdict {
            case .correct: row.correct += 1
            case .wrong: row.wrong += 1
            case .unapplied: row.unapplied += 1
            }
            per[truth.situation] = row
            if r.confidence == .high || r.confidence == .highTextMapping {
                highTotal += 1
                if verdict == .correct { highCorrect += 1 }
            }
        }
        print("accuracy (labelled set: \(results.count) lines, \(company.books.openEntries.count) open entries, seed \(seed))")
        print("  situation                        correct    wrong  unapplied")
        var correct = 0, wrong = 0
        for s in Situation.allCases {
            guard let row = per[s] else { continue }
            correct += row.correct; wrong += row.wrong
            print("  " + s.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: " %9d %8d %10d", row.correct, row.wrong, row.unapplied))
        }
        let n = Double(results.count)
        print(String(format: "  precision of high: %.2f %% (%d of %d)", 100 * Double(highCorrect) / Double(max(1, highTotal)), highCorrect, highTotal))
        print(String(format: "  applied correctly: %.2f %%   applied wrongly: %.2f %%", 100 * Double(correct) / n, 100 * Double(wrong) / n))
        // The statement-wide assignment (used) against plain greedy line by line, on the same candidates.
        for order in AssignmentOrder.allCases {
            let (c, w, h) = headline(order == .byEvidence ? results : engine.match(lines: journalLines, order: order), company.truth)
            print("  assignment " + order.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                + String(format: " correct %.2f %%, wrong %.2f %%, precision of high %.2f %%", c, w, h))
        }
    }

    /// Correct, wrong and high-precision percentages of a run against the truth.
    static func headline(_ results: [LineMatchResult], _ truth: [LineTruth]) -> (Double, Double, Double) {
        var correct = 0, wrong = 0, high = 0, highCorrect = 0
        for (r, t) in zip(results, truth) {
            let v = judge(r, t.expected)
            if v == .correct { correct += 1 } else if v == .wrong { wrong += 1 }
            if r.confidence == .high || r.confidence == .highTextMapping { high += 1; if v == .correct { highCorrect += 1 } }
        }
        let n = Double(max(1, results.count))
        return (100 * Double(correct) / n, 100 * Double(wrong) / n, 100 * Double(highCorrect) / Double(max(1, high)))
    }

    enum Verdict { case correct, wrong, unapplied }

    static func judge(_ r: LineMatchResult, _ expected: ExpectedApplication) -> Verdict {
        let targets = Set(r.applications.map(\.target))
        if targets.isEmpty && r.account == nil { return expected == .nothing ? .correct : .unapplied }
        switch expected {
        case .nothing: return .wrong
        case .account(let a): return r.account == a && targets.isEmpty ? .correct : .wrong
        case .bankLedgerEntry(let no): return targets == [.bankLedgerEntry(no)] && r.account == nil ? .correct : .wrong
        case .entries(let nos): return targets == Set(nos.map { ApplicationTarget.ledgerEntry($0) }) && r.account == nil ? .correct : .wrong
        }
    }

    // MARK: store

    static func store(_ company: GeneratedCompany) throws {
        print("store (SQLite file, \(company.statement.entries.count) lines)")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-bench-\(getpid()).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let db = try AppDatabase(path: path)
        try measure("import books (\(company.books.openEntries.count) entries)") { try db.importBooks(company.books) }
        let file = StatementFile(format: "camt.053.001.02", statements: [company.statement])
        let imported = try measure("import statement") { try db.importStatement(file, source: "bench", bankAccountNo: nil) }
        let id = imported.journalIds[0]
        try measure("apply automatically (load, match, save)") { _ = try db.applyAutomatically(journalId: id) }
        let plan = try measure("posting plan (preview)") { try db.postingPlan(journalId: id, options: PostOptions(partial: true)) }
        try measure("post \(plan.postedLineNos.count) lines, one transaction") { _ = try db.post(journalId: id, options: PostOptions(partial: true)) }
    }

    // MARK: tui

    static func tui(lines: Int, seed: UInt64) throws {
        print("tui (frame time on a \(lines)-line journal)")
        try TuiBench.run(lines: lines, seed: seed)
    }
}
