import AvstemCore
@testable import AvstemStore
import XCTest

/// Posting, entry by entry. The fixture's highest entry number is 900 (an open bank ledger
/// entry), so posted entries are numbered from 901.
final class PostingTests: XCTestCase {
    struct Row: Equatable, CustomStringConvertible {
        var ledger: Ledger, account: String, amount: String, appliesTo: Int64?
        init(_ ledger: Ledger, _ account: String, _ amount: String, _ appliesTo: Int64? = nil) {
            self.ledger = ledger; self.account = account; self.amount = amount; self.appliesTo = appliesTo
        }
        var description: String { "\(ledger.rawValue) \(account) \(amount)" + (appliesTo.map { " → \($0)" } ?? "") }
    }

    func rows(_ entries: [PostedEntry]) -> [Row] {
        entries.map { Row($0.ledger, $0.accountNo, $0.amount.formatted(), $0.appliesToEntryNo) }
    }

    /// Every line's G/L entries sum to zero.
    func assertBalanced(_ entries: [PostedEntry], file: StaticString = #filePath, line: UInt = #line) {
        let byLine = Dictionary(grouping: entries.filter { $0.ledger == .gl }, by: { $0.lineNo ?? -1 })
        for (lineNo, gl) in byLine {
            XCTAssertEqual(gl.map(\.amount).sum(), .zero, "G/L of line \(lineNo) does not balance", file: file, line: line)
        }
    }

    func remaining(_ db: AppDatabase, _ entryNo: Int64) throws -> Money? {
        try db.loadBooks().openEntries.first { $0.entryNo == entryNo }?.remainingAmount
    }

    /// Given one statement line applied manually to one entry, when the journal is posted.
    func postOneLine(_ amount: String, _ text: String, to target: ApplicationTarget,
                     options: PostOptions = PostOptions()) throws -> (AppDatabase, Int64, PostingPlan) {
        let (db, journal) = try Fixture.journal([Fixture.tx(amount, text)])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(target, nok(amount))])
        return (db, journal, try db.post(journalId: journal, options: options))
    }

    func testAFullPayment() throws {
        // Given a line applied in full to invoice 77
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        // When it is posted
        let plan = try db.post(journalId: journal, options: PostOptions())
        // Then a payment applied to the invoice, the bank entry and balanced G/L entries
        XCTAssertEqual(rows(plan.entries), [Row(.customer, "C0001", "-500.00", 77), Row(.bank, "BANK1", "500.00"),
                                            Row(.gl, "1920", "500.00"), Row(.gl, "1500", "-500.00")])
        XCTAssertEqual(plan.entries.map(\.entryNo), [901, 902, 903, 904])
        XCTAssertTrue(plan.entries.allSatisfy { $0.documentNo == "12" && $0.postingDate == day("2026-11-05") && $0.journal == journal })
        XCTAssertEqual(plan.entries[0].description, "Faktura 103245")
        XCTAssertEqual(try db.postedEntries(), plan.entries)
        XCTAssertEqual(try remaining(db, 77), .zero)
        XCTAssertFalse(try db.matchContext(journalId: journal).openEntries.contains { $0.entryNo == 77 })
        XCTAssertEqual(try db.snapshot(journalId: journal).header.status, .posted)
        // Without reconcile the bank side stays open
        let books = try db.loadBooks()
        XCTAssertEqual(books.bankAccounts[0].lastStatementNo, "11")
        XCTAssertTrue(books.bankLedgerEntries.contains { $0.entryNo == 902 && $0.amount == nok("500.00") })
        XCTAssertEqual(try db.auditLog(journalId: journal).last?.action, AuditAction.post)
    }

    func testAPartialPaymentLeavesTheRestOpen() throws {
        let (db, journal, plan) = try postOneLine("200.00", "Avdrag 103245", to: .ledgerEntry(77))
        XCTAssertEqual(rows(plan.entries), [Row(.customer, "C0001", "-200.00", 77), Row(.bank, "BANK1", "200.00"),
                                            Row(.gl, "1920", "200.00"), Row(.gl, "1500", "-200.00")])
        XCTAssertEqual(try remaining(db, 77), nok("300.00"))
        XCTAssertTrue(try db.matchContext(journalId: journal).openEntries.contains { $0.entryNo == 77 })
    }

    func testADiscountTaken() throws {
        let (db, _, plan) = try postOneLine("980.00", "Nordlys 103246", to: .ledgerEntry(78))
        XCTAssertEqual(rows(plan.entries), [Row(.customer, "C0002", "-980.00", 78), Row(.customer, "C0002", "-20.00", 78),
                                            Row(.bank, "BANK1", "980.00"), Row(.gl, "1920", "980.00"),
                                            Row(.gl, "1500", "-1000.00"), Row(.gl, "7300", "20.00")])
        assertBalanced(plan.entries)
        XCTAssertEqual(try remaining(db, 78), .zero)
        XCTAssertEqual(try db.loadBooks().openEntries.first { $0.entryNo == 78 }?.remainingPmtDiscPossible, .zero)
    }

    func testAToleranceWriteOff() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("249.50", "103247")])
        try db.saveMatchResults(journalId: journal, [LineMatchResult(lineNo: 1, confidence: .high, applications: [
            Application(journalId: 0, lineNo: 1, target: .ledgerEntry(79), appliedAmount: nok("249.50"),
                        toleranceAmount: nok("0.50"), confidence: .high)])], overwriteUserDecisions: false)
        let plan = try db.post(journalId: journal, options: PostOptions())
        XCTAssertEqual(rows(plan.entries), [Row(.customer, "C0001", "-249.50", 79), Row(.customer, "C0001", "-0.50", 79),
                                            Row(.bank, "BANK1", "249.50"), Row(.gl, "1920", "249.50"),
                                            Row(.gl, "1500", "-250.00"), Row(.gl, "7790", "0.50")])
        assertBalanced(plan.entries)
        XCTAssertEqual(try remaining(db, 79), .zero)
    }

    func testAVendorPayment() throws {
        let (db, _, plan) = try postOneLine("-300.00", "Kontorrekvisita 5001", to: .ledgerEntry(80))
        XCTAssertEqual(rows(plan.entries), [Row(.vendor, "V0001", "300.00", 80), Row(.bank, "BANK1", "-300.00"),
                                            Row(.gl, "1920", "-300.00"), Row(.gl, "2400", "300.00")])
        XCTAssertEqual(try remaining(db, 80), .zero)
    }

    func testATextMappedFee() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("-25.00", "GEBYR NOVEMBER")])
        try db.saveMatchResults(journalId: journal, [LineMatchResult(lineNo: 1, confidence: .highTextMapping, applications: [],
                                                                     account: AccountRef(type: .gl, no: "7770"), accountAmount: nok("-25.00"))],
                                overwriteUserDecisions: false)
        let plan = try db.post(journalId: journal, options: PostOptions())
        XCTAssertEqual(rows(plan.entries), [Row(.bank, "BANK1", "-25.00"), Row(.gl, "1920", "-25.00"), Row(.gl, "7770", "25.00")])
    }

    func testABankLedgerEntryApplicationClosesItAndPostsNothingAgain() throws {
        let (db, journal, plan) = try postOneLine("-45.00", "Kortbetaling", to: .bankLedgerEntry(900))
        XCTAssertEqual(plan.entries, [])
        XCTAssertEqual(plan.postedLineNos, [1])
        XCTAssertFalse(try db.loadBooks().bankLedgerEntries.contains { $0.entryNo == 900 })
        XCTAssertEqual(try db.snapshot(journalId: journal).header.status, .posted)
    }

    func testTransferDifferenceSplitsTheLine() throws {
        // Given 600.00 paid for the 500.00 invoice
        let (db, journal) = try Fixture.journal([Fixture.tx("600.00", "Faktura 103245")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        // When the difference goes to the customer's account
        let newLine = try db.transferDifference(journalId: journal, lineNo: 1, to: AccountRef(type: .customer, no: "C0001"))
        // Then the line keeps 500.00 and a child line carries 100.00
        let snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(newLine, 2)
        XCTAssertEqual(snap.lines.map(\.amount), [nok("500.00"), nok("100.00")])
        XCTAssertEqual(snap.lines[1].parentLineNo, 1)
        XCTAssertEqual(snap.lines[1].account, AccountRef(type: .customer, no: "C0001"))
        XCTAssertEqual(snap.lines.map { snap.difference(of: $0) }, [.zero, .zero])
        // And posting leaves the 100.00 as an open payment on the customer's account
        let plan = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        XCTAssertEqual(rows(plan.entries), [Row(.customer, "C0001", "-500.00", 77), Row(.bank, "BANK1", "500.00"),
                                            Row(.gl, "1920", "500.00"), Row(.gl, "1500", "-500.00"),
                                            Row(.customer, "C0001", "-100.00"), Row(.bank, "BANK1", "100.00"),
                                            Row(.gl, "1920", "100.00"), Row(.gl, "1500", "-100.00")])
        assertBalanced(plan.entries)
        let prepayment = try XCTUnwrap(try db.loadBooks().openEntries.first { $0.entryNo == plan.entries[4].entryNo })
        XCTAssertEqual(prepayment.remainingAmount, nok("-100.00"))
        XCTAssertEqual(prepayment.documentType, .payment)
    }

    func testReconcileAdvancesTheBankAccountAndClosesTheBankSide() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("-25.00", "GEBYR")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.setAccount(journalId: journal, lineNo: 2, account: AccountRef(type: .gl, no: "7770"), amount: nok("-25.00"))
        let preview = try db.postingPlan(journalId: journal, options: PostOptions(reconcile: true))
        XCTAssertTrue(preview.canPost, preview.problems.joined(separator: "; "))
        XCTAssertTrue(try db.postedEntries().isEmpty, "a preview writes nothing")
        let plan = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        XCTAssertEqual(plan.entries, preview.entries)
        assertBalanced(plan.entries)
        let books = try db.loadBooks()
        XCTAssertEqual(books.bankAccounts[0].lastStatementNo, "12")
        XCTAssertEqual(books.bankAccounts[0].balanceLastStatement, nok("1475.00"))
        XCTAssertEqual(books.bankLedgerEntries.map(\.entryNo), [900], "the posted bank entries are closed")
        XCTAssertEqual(try db.journals()[0].reconciled, true)
        // The next statement follows the reconciled one
        let next = try db.importStatement(Fixture.file([Fixture.tx("1.00", "neste")], id: "STMT-2"), source: "n", bankAccountNo: nil)
        let header = try db.snapshot(journalId: next.journalIds[0]).header
        XCTAssertEqual(header.statementNo, "13")
        XCTAssertEqual(header.balanceLastStatement, nok("1475.00"))
    }

    func testReconcileNeedsTheEndingBalanceToAgree() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245")], closing: nok("1600.00"))
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        let message = userError { try db.post(journalId: journal, options: PostOptions(reconcile: true)) }
        XCTAssertTrue(message.contains("balance last statement 1000.00 + lines 500.00 = 1500.00, not the statement ending balance 1600.00"), message)
        XCTAssertTrue(try db.postedEntries().isEmpty)
        // Posting payments only is still possible
        XCTAssertTrue(try db.postingPlan(journalId: journal, options: PostOptions()).canPost)
    }

    func testPostingTwiceIsRefused() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.post(journalId: journal, options: PostOptions())
        let count = try db.postedEntries().count
        XCTAssertEqual(userError { try db.post(journalId: journal, options: PostOptions()) },
                       "journal \(journal) cannot be posted: journal \(journal) is already posted")
        XCTAssertEqual(try db.postedEntries().count, count)
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 1, applications: []) }.contains("is posted"))
    }

    func testUnappliedLinesRefuseUnlessPartial() throws {
        // Given one applied line, one not applied and one with a difference
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("7.00", "ukjent"),
                                                 Fixture.tx("300.00", "103247")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.applyManually(journalId: journal, lineNo: 3, applications: [(.ledgerEntry(79), nok("250.00"))])
        // Then posting all of it is refused, naming both lines
        let plan = try db.postingPlan(journalId: journal, options: PostOptions())
        XCTAssertEqual(plan.problems, ["line 2 (2026-11-05 7.00 ukjent) is not applied",
                                       "line 3: applied 250.00 of 300.00, difference 50.00; transfer the difference or change the applications"])
        XCTAssertThrowsError(try db.post(journalId: journal, options: PostOptions()))
        XCTAssertTrue(try db.postedEntries().isEmpty)
        // And with partial the applied line is posted, the others stay in the open journal
        let partial = try db.post(journalId: journal, options: PostOptions(partial: true))
        XCTAssertEqual(partial.postedLineNos, [1])
        XCTAssertEqual(partial.keptLineNos, [2, 3])
        let snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.header.status, .open)
        XCTAssertEqual(snap.lines.map(\.lineNo), [2, 3])
        XCTAssertEqual(try remaining(db, 77), .zero)
        // A posted transaction is still known: importing it again is refused
        XCTAssertTrue(userError {
            _ = try db.importStatement(Fixture.file([Fixture.tx("500.00", "Faktura 103245")], id: "X"), source: "again", bankAccountNo: nil)
        }.contains("already imported (journal \(journal))"))
    }

    func testMissingSetupAccountsAreProblems() throws {
        let db = try AppDatabase.inMemory()
        var books = Fixture.books()
        books.setup = Setup(values: ["currency": "NOK"])
        try db.importBooks(books)
        let journal = try db.importStatement(Fixture.file([Fixture.tx("980.00", "103246")]), source: "s", bankAccountNo: nil).journalIds[0]
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(78), nok("980.00"))])
        let plan = try db.postingPlan(journalId: journal, options: PostOptions())
        XCTAssertEqual(plan.problems, ["setup: discount_granted_account is not set", "setup: receivables_account is not set"])
    }

    func testAnEntryClosedByAnotherProcessRefusesThePostingAndWritesNothing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-race-\(UUID().uuidString).sqlite").path
        defer { for ext in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + ext) } }
        // Given a journal whose line is applied to invoice 77
        let mine = try AppDatabase(path: path)
        try mine.importBooks(Fixture.books())
        let journal = try mine.importStatement(Fixture.file([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("-25.00", "GEBYR")]),
                                               source: "s", bankAccountNo: nil).journalIds[0]
        try mine.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try mine.setAccount(journalId: journal, lineNo: 2, account: AccountRef(type: .gl, no: "7770"), amount: nok("-25.00"))
        XCTAssertTrue(try mine.postingPlan(journalId: journal, options: PostOptions()).canPost)
        // When another process closes the invoice meanwhile
        let theirs = try AppDatabase(path: path)
        var closing = Books()
        var closed = Fixture.entry(77, .customer, "C0001", .invoice, "103245", "500.00")
        closed.remainingAmount = .zero
        closing.openEntries = [closed]
        try theirs.importBooks(closing)
        // Then posting is refused naming the line and the entry, and nothing is written
        let message = userError { try mine.post(journalId: journal, options: PostOptions()) }
        XCTAssertTrue(message.contains("line 1: entry 77 (customer C0001 103245) has 0.00 remaining but 500.00 is applied"), message)
        XCTAssertTrue(try mine.postedEntries().isEmpty)
        XCTAssertEqual(try mine.snapshot(journalId: journal).header.status, .open)
        XCTAssertEqual(try mine.loadBooks().bankLedgerEntries.map(\.entryNo), [900])
    }
}

final class LaterReconciliationTests: XCTestCase {
    func testPaymentsPostedFirstAreReconciledLater() throws {
        // Given a journal posted as payments only
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.post(journalId: journal, options: PostOptions())
        let entries = try db.postedEntries()
        XCTAssertEqual(try db.loadBooks().bankLedgerEntries.count, 2)
        // When it is posted again with reconcile
        let plan = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        // Then only the bank side closes: no new entries, the bank account advances
        XCTAssertEqual(plan.entries, [])
        XCTAssertEqual(try db.postedEntries(), entries)
        let books = try db.loadBooks()
        XCTAssertEqual(books.bankAccounts[0].lastStatementNo, "12")
        XCTAssertEqual(books.bankAccounts[0].balanceLastStatement, nok("1500.00"))
        XCTAssertEqual(books.bankLedgerEntries.map(\.entryNo), [900])
        XCTAssertEqual(userError { try db.post(journalId: journal, options: PostOptions(reconcile: true)) },
                       "journal \(journal) cannot be posted: journal \(journal) is already posted and reconciled")
    }

    func testAPartlyPostedJournalReconcilesWithAllItsLines() throws {
        // Given a journal of which one line was posted with partial
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("-300.00", "5001")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.post(journalId: journal, options: PostOptions(partial: true))
        XCTAssertTrue(userError { try db.post(journalId: journal, options: PostOptions(reconcile: true)) }.contains("line 2"))
        // When the rest is applied and posted with reconcile
        try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(80), nok("-300.00"))])
        let plan = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        // Then the statement balances over both postings and the bank side closes
        XCTAssertEqual(plan.postedLineNos, [2])
        let books = try db.loadBooks()
        XCTAssertEqual(books.bankAccounts[0].balanceLastStatement, nok("1200.00"))
        XCTAssertEqual(books.bankLedgerEntries.map(\.entryNo), [900])
        XCTAssertEqual(try db.snapshot(journalId: journal).header.status, .posted)
    }
}

final class StatementImportEdgeTests: XCTestCase {
    func testAStatementAlreadyImportedIsSkippedWhenTheFileBringsAnother() throws {
        let (db, first) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")])
        var file = Fixture.file([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")])
        var second = Fixture.file([Fixture.tx("-25.00", "GEBYR", id: "TX-2")], id: "STMT-2").statements[0]
        second.openingBalance = nok("1500.00")
        second.closingBalance = nok("1475.00")
        file.statements.append(second)
        let result = try db.importStatement(file, source: "two.sta", bankAccountNo: nil)
        XCTAssertEqual(result.journalIds.count, 1)
        XCTAssertEqual(result.skippedDuplicates, 1)
        XCTAssertEqual(result.warnings, ["statement STMT-1 already imported (journal \(first)); skipped"])
        XCTAssertEqual(try db.snapshot(journalId: result.journalIds[0]).lines.map(\.bankTransactionId), ["TX-2"])
    }

    func testAStatementWithoutAccountGoesToTheOnlyBankAccount() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        var file = Fixture.file([Fixture.tx("1.00", "x")])
        file.statements[0].account = nil
        let result = try db.importStatement(file, source: "plain.csv", bankAccountNo: nil)
        XCTAssertEqual(result.warnings, ["statement STMT-1 names no account; imported into BANK1, the only bank account"])
        XCTAssertEqual(try db.ledgerEntries([77, 4711]).keys.sorted(), [77])
    }
}
