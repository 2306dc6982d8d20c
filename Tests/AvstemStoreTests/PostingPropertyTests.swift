import AvstemCore
@testable import AvstemStore
import GRDB
import XCTest

/// Invariants over many generated journals: after any sequence of apply, accept, remove,
/// transfer, map to account, post (with and without partial/reconcile), reverse and import,
/// the books hold. A refused step changes nothing. Seeded: a failure names its seed.
final class PostingPropertyTests: XCTestCase {
    struct World {
        var db: AppDatabase
        var random: SeededRandom
        /// Remaining amounts as the books were imported: what applications are counted from.
        var imported: [Int64: Money]
        var statements = 0
        var transactions = 0
        var log: [String] = []
    }

    func testInvariantsHoldOverGeneratedJournals() throws {
        var done: [String: Int] = [:]
        defer { print("property steps done: \(done.sorted { $0.key < $1.key })") }
        for seed in UInt64(1)...40 {
            var world = try makeWorld(seed: seed)
            for step in 0..<20 {
                let before = try world.db.booksDigest()
                let (what, refused) = try act(&world)
                world.log.append("\(step): \(what)" + (refused.map { " → refused: \($0)" } ?? ""))
                done[String(what.prefix { $0 != " " }) + (refused == nil ? "" : " refused"), default: 0] += 1
                let context = "seed \(seed), steps:\n" + world.log.joined(separator: "\n")
                if refused != nil {
                    XCTAssertEqual(try world.db.booksDigest(), before, "a refused step changed the books; \(context)")
                }
                try assertInvariants(world, context)
                if (testRun?.totalFailureCount ?? 0) > 0 { return }
            }
        }
        // The sequences did reach the steps that matter, not only refusals.
        for kind in ["post", "reverse", "apply", "transfer", "import"] {
            XCTAssertGreaterThan(done[kind] ?? 0, 10, "\(kind) succeeded too rarely: \(done)")
        }
    }

    // MARK: - Generation

    func makeWorld(seed: UInt64) throws -> World {
        var random = SeededRandom(seed: seed)
        var books = Fixture.books()
        for i in 0..<random.int(4...9) {
            let customer = random.chance(0.8)
            let cents = random.int(1...5000) * 100 + random.int(0...99)
            var e = Fixture.entry(Int64(100 + i), customer ? .customer : .vendor, customer ? random.pick(["C0001", "C0002"]) : "V0001",
                                  .invoice, "\(7000 + i)", Money(minor: Int64(customer ? cents : -cents)).formatted())
            if customer && random.chance(0.3) {
                e.pmtDiscountDate = day("2026-12-31")
                e.remainingPmtDiscPossible = Money(minor: Int64(cents / 50))
            }
            books.openEntries.append(e)
        }
        let db = try AppDatabase.inMemory()
        try db.importBooks(books)
        var world = World(db: db, random: random, imported: [:])
        world.imported = Dictionary(uniqueKeysWithValues: books.openEntries.map { ($0.entryNo, $0.remainingAmount) })
        _ = try importStatement(&world)
        return world
    }

    /// A statement paying some open entries (in full, in part, too much, less the discount)
    /// and some unknown amounts.
    @discardableResult
    func importStatement(_ w: inout World) throws -> Int64? {
        let open = try w.db.loadBooks().openEntries.filter(\.isOpen)
        var txs: [StatementEntry] = []
        for _ in 0..<w.random.int(2...6) {
            w.transactions += 1
            let amount: Money
            if let e = open.isEmpty ? nil : w.random.pick(open), w.random.chance(0.8) {
                switch w.random.int(0...3) {
                case 0: amount = e.remainingAmount
                case 1: amount = Money(minor: e.remainingAmount.minor / 2 == 0 ? e.remainingAmount.minor : e.remainingAmount.minor / 2)
                case 2: amount = e.remainingAmount + Money(minor: e.remainingAmount.isNegative ? -1000 : 1000)
                default: amount = e.remainingAmount - e.remainingPmtDiscPossible
                }
            } else {
                amount = Money(minor: Int64(w.random.int(-50000...50000)) | 1)
            }
            txs.append(Fixture.tx(amount.formatted(), "Betaling \(w.transactions)", id: "TX-\(w.transactions)"))
        }
        w.statements += 1
        let result = try w.db.importStatement(Fixture.file(txs, id: "S-\(w.statements)"), source: "gen", bankAccountNo: nil)
        return result.journalIds.first
    }

    // MARK: - Steps

    /// One random step; returns what it was and, when the store refused it, the message.
    func act(_ w: inout World) throws -> (String, String?) {
        let db = w.db
        let open = try db.journals().filter { $0.status == .open }.map(\.header.id)
        let posted = try db.dbQueue.read {
            try Row.fetchAll($0, sql: "SELECT DISTINCT statement_no, journal_id FROM posted_statement WHERE reversed_at IS NULL")
        }.map { ($0[0] as String, $0[1] as Int64) }
        let roll = w.random.int(0...99)
        func attempt(_ what: String, _ body: () throws -> Void) throws -> (String, String?) {
            do { try body(); return (what, nil) } catch let e as UserError { return (what, e.message) }
        }
        if roll < 8 || open.isEmpty {
            if open.count >= 3 { return ("nothing", nil) }
            return try attempt("import a statement") { try importStatement(&w) }
        }
        let journal = w.random.pick(open)
        let snap = try db.snapshot(journalId: journal, evidence: false)
        guard !snap.lines.isEmpty else { return ("nothing", nil) }
        let line = w.random.pick(snap.lines)
        let difference = snap.difference(of: line)
        let entries = try db.loadBooks().openEntries.filter { $0.isOpen && $0.remainingAmount.sign == line.amount.sign }
        switch roll {
        case 8..<35:
            guard let e = entries.isEmpty ? nil : w.random.pick(entries) else { return ("nothing", nil) }
            let want = w.random.chance(0.7) ? difference : line.amount
            let amount = want.magnitude < e.remainingAmount.magnitude ? want : e.remainingAmount
            return try attempt("apply journal \(journal) line \(line.lineNo) to entry \(e.entryNo) \(amount.formatted())") {
                try db.applyManually(journalId: journal, lineNo: line.lineNo, applications: [(.ledgerEntry(e.entryNo), amount)])
            }
        case 35..<42:
            return try attempt("apply journal \(journal) line \(line.lineNo) to bank entry 900") {
                try db.applyManually(journalId: journal, lineNo: line.lineNo, applications: [(.bankLedgerEntry(900), nok("-45.00"))])
            }
        case 42..<47:
            return try attempt("accept journal \(journal) line \(line.lineNo)") { try db.accept(journalId: journal, lineNos: [line.lineNo]) }
        case 47..<52:
            return try attempt("remove journal \(journal) line \(line.lineNo)") { try db.removeApplications(journalId: journal, lineNos: [line.lineNo]) }
        case 52..<64:
            let to = w.random.pick([AccountRef(type: .gl, no: "7770"), AccountRef(type: .customer, no: "C0001"), AccountRef(type: .vendor, no: "V0001")])
            return try attempt("transfer journal \(journal) line \(line.lineNo) difference to \(to.no)") {
                _ = try db.transferDifference(journalId: journal, lineNo: line.lineNo, to: to)
            }
        case 64..<88:
            let options = PostOptions(reconcile: w.random.chance(0.5), partial: w.random.chance(0.6))
            return try attempt("post journal \(journal) reconcile \(options.reconcile) partial \(options.partial)") {
                try db.post(journalId: journal, options: options)
            }
        default:
            guard let (no, j) = posted.isEmpty ? nil : w.random.pick(posted) else { return ("nothing", nil) }
            return try attempt("reverse statement \(no) (journal \(j))") { try db.reverseStatement(no, journalId: j) }
        }
    }

    // MARK: - Invariants

    func assertInvariants(_ w: World, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let db = w.db
        XCTAssertEqual(try db.checkBooks(), [], context, file: file, line: line)
        try db.dbQueue.read { d in
            // The G/L sums to zero.
            XCTAssertEqual(try Int64.fetchOne(d, sql: "SELECT COALESCE(SUM(amount), 0) FROM posted_entry WHERE ledger = 'gl'"), 0, context,
                           file: file, line: line)
            // Every entry's remaining amount is its amount (as imported, or as posted) less everything applied to it.
            let applied = Dictionary(uniqueKeysWithValues: try Row.fetchAll(d, sql: """
                SELECT applied_entry_no, SUM(amount) FROM detailed_application WHERE unapplied = 0 GROUP BY applied_entry_no
                """).map { ($0[0] as Int64, Money(minor: $0[1])) })
            for row in try Row.fetchAll(d, sql: "SELECT entry_no, amount, remaining_amount, origin FROM ledger_entry") {
                let no: Int64 = row[0]
                let start = row[3] as String == "import" ? w.imported[no] ?? .zero : Money(minor: row[1])
                XCTAssertEqual(Money(minor: row[2]), start - (applied[no] ?? .zero), "entry \(no); \(context)", file: file, line: line)
            }
            // The bank account holds the opening balance plus everything posted.
            let bankLedger = try Int64.fetchOne(d, sql: "SELECT SUM(amount) FROM bank_ledger_entry") ?? 0
            let postedLines = try Int64.fetchOne(d, sql: """
                SELECT COALESCE(SUM(l.amount), 0) FROM posted_statement_line l
                JOIN posted_statement s ON s.id = l.posted_statement_id AND s.reversed_at IS NULL
                """) ?? 0
            let closedBankEntries = try Int64.fetchOne(d, sql: """
                SELECT COALESCE(SUM(json_extract(a.value, '$.applied_amount')), 0) FROM posted_statement_line l
                JOIN posted_statement s ON s.id = l.posted_statement_id AND s.reversed_at IS NULL, json_each(l.applications) a
                WHERE json_extract(a.value, '$.target') = 'bank'
                """) ?? 0
            XCTAssertEqual(bankLedger, -4500 + postedLines - closedBankEntries, "bank ledger; \(context)", file: file, line: line)
            let reconciled = try Int64.fetchOne(d, sql: """
                SELECT COALESCE(SUM(l.amount), 0) FROM posted_statement_line l
                JOIN posted_statement s ON s.id = l.posted_statement_id AND s.reversed_at IS NULL AND s.reconciled = 1
                """) ?? 0
            XCTAssertEqual(try Int64.fetchOne(d, sql: "SELECT balance_last_statement FROM bank_account"), 100_000 + reconciled,
                           "bank balance; \(context)", file: file, line: line)
            // No bank transaction is posted twice.
            XCTAssertEqual(try Int.fetchOne(d, sql: """
                SELECT COUNT(*) FROM (SELECT bank_transaction_id FROM posted_statement_line l
                  JOIN posted_statement s ON s.id = l.posted_statement_id AND s.reversed_at IS NULL
                  WHERE l.parent_line_no IS NULL GROUP BY bank_transaction_id HAVING COUNT(*) > 1)
                """), 0, "a transaction posted twice; \(context)", file: file, line: line)
        }
    }
}
