import AvstemCore
@testable import AvstemStore
import GRDB
import XCTest

/// `statement reverse`: Business Central's undo of a posted statement.
final class PostingReversalTests: XCTestCase {
    /// A reconciled statement with every kind of line: a discount, a prepayment left by a
    /// transfer, a fee to G/L and an open bank ledger entry closed.
    func postedStatement() throws -> (AppDatabase, Int64, [PostedEntry]) {
        let (db, journal) = try Fixture.journal([Fixture.tx("980.00", "Nordlys 103246", id: "T1"),
                                                 Fixture.tx("600.00", "Faktura 103245", id: "T2"),
                                                 Fixture.tx("-25.00", "GEBYR", id: "T3"),
                                                 Fixture.tx("-45.00", "Kort", id: "T4")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(78), nok("980.00"))])
        try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(77), nok("500.00"))])
        XCTAssertEqual(try db.transferDifference(journalId: journal, lineNo: 2, to: AccountRef(type: .customer, no: "C0001")), 5)
        try db.setAccount(journalId: journal, lineNo: 3, account: AccountRef(type: .gl, no: "7770"), amount: nok("-25.00"))
        try db.applyManually(journalId: journal, lineNo: 4, applications: [(.bankLedgerEntry(900), nok("-45.00"))])
        let plan = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        return (db, journal, plan.entries)
    }

    func testReversingAReconciledStatementUndoesEverything() throws {
        let (db, journal, posted) = try postedStatement()
        let before = try db.loadBooks()
        XCTAssertEqual(before.bankAccounts[0].lastStatementNo, "12")
        XCTAssertEqual(before.bankAccounts[0].balanceLastStatement, nok("2510.00"))
        let prepaymentNo = try XCTUnwrap(posted.first { $0.ledger == .customer && $0.appliesToEntryNo == nil }?.entryNo)

        // When statement 12 is reversed
        let r = try db.reverseStatement("12")

        // Then one reversing entry per posted entry: same ledger, account and date, the opposite amount
        XCTAssertEqual(r.journalId, journal)
        XCTAssertEqual(r.entries.count, posted.count)
        for (original, reversal) in zip(posted, r.entries) {
            XCTAssertEqual(reversal.ledger, original.ledger)
            XCTAssertEqual(reversal.accountNo, original.accountNo)
            XCTAssertEqual(reversal.postingDate, original.postingDate)
            XCTAssertEqual(reversal.amount, -original.amount)
            XCTAssertEqual(reversal.appliesToEntryNo, original.ledger == .gl || original.ledger == .bank ? nil : original.entryNo)
            XCTAssertTrue(reversal.description?.hasPrefix("Reversal of entry \(original.entryNo)") ?? false)
        }
        XCTAssertEqual(r.entries.first?.entryNo, posted.last!.entryNo + 1)
        let all = try db.postedEntries()
        XCTAssertEqual(all.count, 2 * posted.count)
        XCTAssertEqual(all.filter { $0.ledger == .gl }.map(\.amount).sum(), .zero)
        for account in ["1920", "1500", "7300", "7770"] {
            XCTAssertEqual(all.filter { $0.ledger == .gl && $0.accountNo == account }.map(\.amount).sum(), .zero, account)
        }

        // The invoices are open again with their remaining amounts and discount
        let books = try db.loadBooks()
        let e77 = try XCTUnwrap(books.openEntries.first { $0.entryNo == 77 })
        let e78 = try XCTUnwrap(books.openEntries.first { $0.entryNo == 78 })
        XCTAssertEqual(e77.remainingAmount, nok("500.00"))
        XCTAssertTrue(e77.isOpen)
        XCTAssertEqual(e78.remainingAmount, nok("1000.00"))
        XCTAssertEqual(e78.remainingPmtDiscPossible, nok("20.00"))
        XCTAssertEqual(r.reopenedEntries, [77, 78])
        // The prepayment is closed by its reversal
        XCTAssertFalse(books.openEntries.contains { $0.entryNo == prepaymentNo })
        // The bank: back at statement 11, the card payment open again, the posted bank entries cancelled
        XCTAssertEqual(books.bankAccounts[0].lastStatementNo, "11")
        XCTAssertEqual(books.bankAccounts[0].balanceLastStatement, nok("1000.00"))
        XCTAssertEqual(books.bankLedgerEntries.map(\.entryNo), [900])
        XCTAssertEqual(r.reopenedBankEntries, [900])
        XCTAssertTrue(r.rolledBack)
        let bankSum = try db.dbQueue.read { try Int64.fetchOne($0, sql: "SELECT SUM(amount) FROM bank_ledger_entry WHERE journal_id = ? AND line_no IS NOT NULL", arguments: [journal]) }
        XCTAssertEqual(bankSum, 0)
        // Detailed applications are marked unapplied
        let unapplied = try db.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM detailed_application WHERE unapplied = 0 AND journal_id = ? AND kind <> 'application' OR (unapplied = 0 AND applied_entry_no IN (77, 78))", arguments: [journal]) }
        XCTAssertEqual(unapplied, 0)

        // The journal is open again with its lines applied as they were posted
        let snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.header.status, .open)
        XCTAssertEqual(snap.lines.map(\.lineNo), [1, 2, 3, 4, 5])
        XCTAssertEqual(snap.lines.map(\.amount), [nok("980.00"), nok("500.00"), nok("-25.00"), nok("-45.00"), nok("100.00")])
        XCTAssertEqual(snap.lines[4].parentLineNo, 2)
        XCTAssertEqual(snap.applications[1]?.map(\.target), [.ledgerEntry(78)])
        XCTAssertEqual(snap.applications[1]?.first?.discountAmount, nok("20.00"))
        XCTAssertEqual(snap.applications[4]?.map(\.target), [.bankLedgerEntry(900)])
        XCTAssertEqual(snap.lines[2].account, AccountRef(type: .gl, no: "7770"))
        XCTAssertTrue(snap.lines.allSatisfy { snap.difference(of: $0).isZero })
        XCTAssertEqual(try db.auditLog(journalId: journal).last?.action, AuditAction.reverseStatement)

        // And it can be posted again, writing the same entries under new numbers
        let again = try db.post(journalId: journal, options: PostOptions(reconcile: true))
        XCTAssertEqual(again.entries.map { [$0.ledger.rawValue, $0.accountNo, $0.amount.formatted()] },
                       posted.map { [$0.ledger.rawValue, $0.accountNo, $0.amount.formatted()] })
        XCTAssertEqual(try db.loadBooks().bankAccounts[0].balanceLastStatement, nok("2510.00"))
    }

    func testAReversedStatementCannotBeReversedAgain() throws {
        let (db, journal, _) = try postedStatement()
        try db.reverseStatement("12")
        let count = try db.postedEntries().count
        let message = userError { try db.reverseStatement("12") }
        XCTAssertTrue(message.hasPrefix("statement 12 was reversed already ("), message)
        XCTAssertTrue(message.hasSuffix("it cannot be reversed again"), message)
        XCTAssertEqual(try db.postedEntries().count, count)
        // Posted again, it can be reversed again (the new posting)
        try db.post(journalId: journal, options: PostOptions(reconcile: true))
        XCTAssertNoThrow(try db.reverseStatement("12"))
    }

    func testUnknownStatement() throws {
        let (db, _, _) = try postedStatement()
        XCTAssertEqual(userError { try db.reverseStatement("99") }, "no posted statement 99")
        XCTAssertEqual(userError { try db.reverseStatement("12", bankAccountNo: "BANK9") }, "no posted statement 12 of bank account BANK9")
    }

    func testAStatementReconciledOnTopRefuses() throws {
        // Given statement 12 reconciled, then statement 13 reconciled after it
        let (db, _, _) = try postedStatement()
        var file = Fixture.file([Fixture.tx("250.00", "Faktura 103247", id: "T9")], id: "STMT-2")
        file.statements[0].openingBalance = nok("2510.00")
        file.statements[0].closingBalance = nok("2760.00")
        let next = try db.importStatement(file, source: "s2", bankAccountNo: nil).journalIds[0]
        try db.applyManually(journalId: next, lineNo: 1, applications: [(.ledgerEntry(79), nok("250.00"))])
        try db.post(journalId: next, options: PostOptions(reconcile: true))
        let count = try db.postedEntries().count
        // Then reversing 12 is refused with the reason, and nothing changes
        let message = userError { try db.reverseStatement("12") }
        XCTAssertEqual(message, "statement 12 cannot be reversed: bank account BANK1 was reconciled to statement 13 after it; reverse that statement first")
        XCTAssertEqual(try db.postedEntries().count, count)
        // Reversing 13 first, then 12, works and leaves the bank at 11
        try db.reverseStatement("13")
        try db.reverseStatement("12")
        let bank = try db.loadBooks().bankAccounts[0]
        XCTAssertEqual(bank.lastStatementNo, "11")
        XCTAssertEqual(bank.balanceLastStatement, nok("1000.00"))
    }

    func testAPrepaymentUsedSinceRefuses() throws {
        // Given payments only, with 100.00 left on C0001's account
        let (db, journal) = try Fixture.journal([Fixture.tx("600.00", "Faktura 103245", id: "T2")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.transferDifference(journalId: journal, lineNo: 1, to: AccountRef(type: .customer, no: "C0001"))
        let posted = try db.post(journalId: journal, options: PostOptions())
        let prepayment = try XCTUnwrap(posted.entries.first { $0.ledger == .customer && $0.appliesToEntryNo == nil })
        // When a refund of it is posted in another statement
        var file = Fixture.file([Fixture.tx("-100.00", "Tilbakebetaling", id: "T8")], id: "STMT-2")
        file.statements[0].openingBalance = nok("1600.00")
        file.statements[0].closingBalance = nok("1500.00")
        let next = try db.importStatement(file, source: "s2", bankAccountNo: nil).journalIds[0]
        try db.applyManually(journalId: next, lineNo: 1, applications: [(.ledgerEntry(prepayment.entryNo), nok("-100.00"))])
        try db.post(journalId: next, options: PostOptions())
        // Then reversing the first is refused naming the prepayment
        let message = userError { try db.reverseStatement("12", journalId: journal) }
        XCTAssertTrue(message.contains("entry \(prepayment.entryNo) (customer C0001 payment on account -100.00) has 0.00 remaining: it was applied since"), message)
    }

    func testPaymentsOnlyStatementKeepsTheBankAccountAndPartialLinesJoinTheKeptOnes() throws {
        // Given one of two lines posted with partial, payments only
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "T1"), Fixture.tx("7.00", "ukjent", id: "T2")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.post(journalId: journal, options: PostOptions(partial: true))
        // When it is reversed
        let r = try db.reverseStatement("12")
        // Then the bank account is untouched, line 1 is back beside line 2, and 77 is open
        XCTAssertFalse(r.rolledBack)
        let books = try db.loadBooks()
        XCTAssertEqual(books.bankAccounts[0].lastStatementNo, "11")
        XCTAssertEqual(books.bankLedgerEntries.map(\.entryNo), [900])
        XCTAssertEqual(books.openEntries.first { $0.entryNo == 77 }?.remainingAmount, nok("500.00"))
        XCTAssertEqual(try db.snapshot(journalId: journal).lines.map(\.lineNo), [1, 2])
        // And the transaction is not "posted elsewhere": it posts again
        XCTAssertEqual(try db.post(journalId: journal, options: PostOptions(partial: true)).postedLineNos, [1])
    }
}
