import AvstemCore
import AvstemDemo
import AvstemStore
import Foundation

extension Bench {
    /// Posting a statement of `lines` (at least 100 000) lines in one transaction, reconciled,
    /// into a database file: what issue 5 asks to stay under 10 s. Lines the matcher leaves
    /// open are sent to a G/L account first (not timed), so that every line posts.
    static func post(lines: Int, entries: Int, seed: UInt64) throws {
        let count = max(lines, 100_000)
        let company = company(lines: count, entries: max(entries, count), seed: seed)
        print("post (SQLite file, \(company.statement.entries.count) statement lines)")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-bench-post-\(getpid()).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        // AVSTEM_BENCH_POST_DB keeps the prepared journal (or reuses it) for profiling runs.
        let kept = ProcessInfo.processInfo.environment["AVSTEM_BENCH_POST_DB"]
        let reuse = kept.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if let kept, reuse { try copyDatabase(kept, to: path) }
        let db = try AppDatabase(path: path)
        let id: Int64
        if reuse {
            id = try db.resolveJournal(nil)
        } else {
            try db.importBooks(company.books)
            let file = StatementFile(format: "camt.053.001.02", statements: [company.statement])
            id = try db.importStatement(file, source: "bench", bankAccountNo: nil).journalIds[0]
            try prepare(db, id)
            try db.checkpoint()
            if let kept { try copyDatabase(path, to: kept) }
        }
        // The log the preparation left is not posting's to copy back.
        try db.checkpoint()
        var options = PostOptions(reconcile: true)
        let plan = try measure("posting plan (preview)") { try db.postingPlan(journalId: id, options: options) }
        if !plan.canPost {
            print("  cannot reconcile (\(plan.problems.first ?? "")); posting payments only")
            options = PostOptions()
        }
        let statementNo = try db.snapshot(journalId: id, evidence: false).header.statementNo
        let posted = try measureCPU("post, one transaction") { try db.post(journalId: id, options: options) }
        print("  posted \(posted.postedLineNos.count) journal lines, \(posted.entries.count) entries"
            + (options.reconcile ? ", reconciled" : ""))
        try measure("checkpoint (log into the file)") { try db.checkpoint() }
        try measureCPU("reverse the statement, one transaction") { _ = try db.reverseStatement(statementNo, journalId: id) }
        try measure("checkpoint (log into the file)") { try db.checkpoint() }
    }

    /// Wall time and this process's CPU time (user + system): on a shared machine the wall
    /// time also holds the time spent waiting for a core.
    @discardableResult
    static func measureCPU<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        func cpu() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let (t0, c0) = (now(), cpu())
        let r = try body()
        print("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: " %9.3f s  (cpu %.3f s)", now() - t0, cpu() - c0))
        return r
    }

    static func copyDatabase(_ source: String, to target: String) throws {
        for ext in ["", "-wal"] {
            try? FileManager.default.removeItem(atPath: target + ext)
            if FileManager.default.fileExists(atPath: source + ext) { try FileManager.default.copyItem(atPath: source + ext, toPath: target + ext) }
        }
    }

    static func prepare(_ db: AppDatabase, _ id: Int64) throws {
        try measure("apply automatically (not posting)") { _ = try db.applyAutomatically(journalId: id) }
        let suspense = AccountRef(type: .gl, no: "7798")
        try measure("send the rest to G/L (not posting)") {
            let snap = try db.snapshot(journalId: id, evidence: false)
            for line in snap.lines where !snap.difference(of: line).isZero {
                if snap.appliedAmount(of: line).isZero {
                    try db.setAccount(journalId: id, lineNo: line.lineNo, account: suspense, amount: line.amount)
                } else {
                    _ = try db.transferDifference(journalId: id, lineNo: line.lineNo, to: suspense)
                }
            }
        }
    }
}
