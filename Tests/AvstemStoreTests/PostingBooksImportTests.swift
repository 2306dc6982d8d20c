import AvstemCore
@testable import AvstemStore
import XCTest

/// Books imported after posting: nothing posted may be overwritten or numbered twice.
final class PostingBooksImportTests: XCTestCase {
    func reconciled() throws -> (AppDatabase, Int64, PostingPlan) {
        let (db, journal) = try Fixture.journal([Fixture.tx("600.00", "Faktura 103245")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.transferDifference(journalId: journal, lineNo: 1, to: AccountRef(type: .customer, no: "C0001"))
        return (db, journal, try db.post(journalId: journal, options: PostOptions(reconcile: true)))
    }

    func testAnEntryNumberPostingUsedIsRefused() throws {
        let (db, journal, plan) = try reconciled()
        let bankEntry = try XCTUnwrap(plan.entries.first { $0.ledger == .bank })
        var books = Books()
        books.openEntries = [Fixture.entry(bankEntry.entryNo, .customer, "C0002", .invoice, "NEW-1", "75.00")]
        XCTAssertEqual(userError { try db.importBooks(books) },
                       "open_entries.csv: entry \(bankEntry.entryNo): posting already used this number for a bank entry (BANK1, journal \(journal) line 1); renumber the entry")
        XCTAssertFalse(try db.loadBooks().openEntries.contains { $0.documentNo == "NEW-1" })
        // The prepayment posting left, exported and imported back as itself, is accepted
        let prepayment = try XCTUnwrap(try db.loadBooks().openEntries.first { $0.documentType == .payment })
        books.openEntries = [prepayment]
        XCTAssertNoThrow(try db.importBooks(books))
        XCTAssertEqual(try db.checkBooks(), [])
    }

    func testReimportedBooksDoNotMoveAReconciledBankAccountBack() throws {
        // Given statement 12 reconciled: the bank account stands at 12 with 1600.00
        let (db, _, _) = try reconciled()
        XCTAssertEqual(try db.loadBooks().bankAccounts[0].lastStatementNo, "12")
        // When the ERP's books from before (statement 11, 1000.00) are imported again
        var books = Books()
        var bank = Fixture.books().bankAccounts[0]
        bank.name = "Driftskonto (ny)"
        books.bankAccounts = [bank]
        try db.importBooks(books)
        // Then the other fields change but the statement no. and balance stay
        let after = try db.loadBooks().bankAccounts[0]
        XCTAssertEqual(after.name, "Driftskonto (ny)")
        XCTAssertEqual(after.lastStatementNo, "12")
        XCTAssertEqual(after.balanceLastStatement, nok("1600.00"))
        // And once the statement is reversed, the books' values apply again
        try db.reverseStatement("12")
        bank.lastStatementNo = "11"
        bank.balanceLastStatement = nok("1000.00")
        books.bankAccounts = [bank]
        try db.importBooks(books)
        XCTAssertEqual(try db.loadBooks().bankAccounts[0].lastStatementNo, "11")
    }
}
