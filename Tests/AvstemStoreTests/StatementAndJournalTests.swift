import AvstemCore
@testable import AvstemStore
import XCTest

final class StatementImportTests: XCTestCase {
    func testImportCreatesAJournalFollowingTheBankAccount() throws {
        // Given the books (BANK1 at statement 11, 1000.00)
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        // When a statement for its IBAN, written differently, is imported
        let file = Fixture.file([Fixture.tx("500.00", "Faktura 103245", id: "TX-1"),
                                 Fixture.tx("-25.00", "GEBYR", id: "TX-2", date: "2026-11-03")],
                                account: "no12 3456.7890.123")
        let result = try db.importStatement(file, source: "nov.xml", bankAccountNo: nil)
        // Then one journal with the statement's lines, numbered after the last statement
        XCTAssertEqual(result.importedLines, 2)
        XCTAssertEqual(result.skippedDuplicates, 0)
        let snap = try db.snapshot(journalId: result.journalIds[0])
        XCTAssertEqual(snap.header.bankAccountNo, "BANK1")
        XCTAssertEqual(snap.header.statementNo, "12")
        XCTAssertEqual(snap.header.statementDate, day("2026-11-05"))
        XCTAssertEqual(snap.header.balanceLastStatement, nok("1000.00"))
        XCTAssertEqual(snap.header.statementEndingBalance, nok("1475.00"))
        XCTAssertEqual(snap.header.status, .open)
        XCTAssertEqual(snap.lines.map(\.amount), [nok("500.00"), nok("-25.00")])
        XCTAssertEqual(snap.lines.map(\.bankTransactionId), ["TX-1", "TX-2"])
        XCTAssertEqual(snap.lines[1].transactionDate, day("2026-11-03"))
        XCTAssertEqual(snap.lines[0].details, [StatementEntry.Detail("Ntry/AddtlNtryInf", "Faktura 103245")])
        XCTAssertEqual(snap.lines[0].confidence, .none)
        let log = try db.dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM import_log WHERE source = 'nov.xml' AND imported_lines = 2") }
        XCTAssertEqual(log, 1)
    }

    func testTheDomesticAccountNumberFindsAnIBANAccount() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        let result = try db.importStatement(Fixture.file([Fixture.tx("1.00", "x")], account: "3456.78.90123"), source: "a.sta", bankAccountNo: nil)
        XCTAssertEqual(try db.snapshot(journalId: result.journalIds[0]).header.bankAccountNo, "BANK1")
    }

    func testTheSameStatementTwiceIsRefused() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")])
        let message = userError {
            _ = try db.importStatement(Fixture.file([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")]), source: "again.xml", bankAccountNo: nil)
        }
        XCTAssertEqual(message, "again.xml: statement STMT-1 already imported (journal \(journal))")
        XCTAssertEqual(try db.journals().count, 1)
    }

    func testKnownTransactionsAreSkippedAndTheNextStatementFollowsTheOpenJournal() throws {
        // Given an imported statement (one transaction with an id, one without)
        let (db, first) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "TX-1"),
                                               Fixture.tx("-25.00", "GEBYR", reference: "R1")])
        // When an overlapping statement arrives: the same two and a new one
        let file = Fixture.file([Fixture.tx("500.00", "Faktura 103245 (again)", id: "TX-1"),
                                 Fixture.tx("-25.00", "GEBYR", reference: "R1"),
                                 Fixture.tx("-25.00", "GEBYR", reference: "R2")], id: "STMT-2")
        let result = try db.importStatement(file, source: "b.xml", bankAccountNo: nil)
        // Then only the new one is imported, into a journal after the first
        XCTAssertEqual(result.importedLines, 1)
        XCTAssertEqual(result.skippedDuplicates, 2)
        XCTAssertTrue(result.warnings.contains("statement STMT-2: 2 transactions already imported (journal \(first)) skipped; its ending balance includes them"),
                      "\(result.warnings)")
        let snap = try db.snapshot(journalId: result.journalIds[0])
        XCTAssertEqual(snap.lines.map(\.reference), ["R2"])
        XCTAssertEqual(snap.header.statementNo, "13")
        let firstHeader = try db.snapshot(journalId: first).header
        XCTAssertEqual(snap.header.balanceLastStatement, firstHeader.statementEndingBalance)
    }

    func testAnUnknownAccountIsRefusedListingTheKnownOnes() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        let message = userError {
            _ = try db.importStatement(Fixture.file([Fixture.tx("1.00", "x")], account: "DE89370400440532013000"), source: "x.xml", bankAccountNo: nil)
        }
        XCTAssertTrue(message.hasPrefix("x.xml: statement STMT-1: account DE89370400440532013000 is not a bank account"), message)
        XCTAssertTrue(message.contains("BANK1 (NO12 3456 7890 123)"), message)
        XCTAssertTrue(userError {
            _ = try db.importStatement(Fixture.file([Fixture.tx("1.00", "x")]), source: "x.xml", bankAccountNo: "BANK9")
        }.contains("bank account BANK9 does not exist"))
        XCTAssertEqual(try db.journals().count, 0)
    }

    func testTheCurrencyMustMatch() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        let message = userError {
            _ = try db.importStatement(Fixture.file([Fixture.tx("1.00", "x")], currency: "EUR"), source: "e.xml", bankAccountNo: nil)
        }
        XCTAssertEqual(message, "e.xml: statement STMT-1: currency EUR does not match bank account BANK1 (NOK)")
    }

    func testStatementNumbersIncrementTheirTrailingDigits() {
        XCTAssertEqual(StatementNumber.next(after: []), "1")
        XCTAssertEqual(StatementNumber.next(after: ["11"]), "12")
        XCTAssertEqual(StatementNumber.next(after: ["2026-009", "2026-010"]), "2026-011")
        XCTAssertEqual(StatementNumber.next(after: ["99", "100"]), "101")
        XCTAssertEqual(StatementNumber.next(after: ["9"]), "10")
    }
}

final class JournalTests: XCTestCase {
    func testResolveJournalNeedsExactlyOneOpenJournal() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        XCTAssertTrue(userError { _ = try db.resolveJournal(nil) }.hasPrefix("no open journal"))
        let a = try db.importStatement(Fixture.file([Fixture.tx("1.00", "a")]), source: "a", bankAccountNo: nil).journalIds[0]
        XCTAssertEqual(try db.resolveJournal(nil), a)
        let b = try db.importStatement(Fixture.file([Fixture.tx("2.00", "b")], id: "S2"), source: "b", bankAccountNo: nil).journalIds[0]
        let message = userError { _ = try db.resolveJournal(nil) }
        XCTAssertTrue(message.contains("\(a) (BANK1 statement 12, 1 lines)") && message.contains("\(b) (BANK1 statement 13"), message)
        XCTAssertEqual(try db.resolveJournal(b), b)
        XCTAssertEqual(userError { _ = try db.resolveJournal(99) }, "journal 99 does not exist")
    }

    func testMatchContextHoldsWhatTheMatcherMayUse() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245")])
        var eur = Books()
        eur.openEntries = [LedgerEntry(entryNo: 95, partyType: .customer, partyNo: "C0001", documentType: .invoice, documentNo: "E1",
                                       postingDate: day("2026-10-01"), currency: "EUR", amount: nok("10.00"), remainingAmount: nok("10.00"))]
        try db.importBooks(eur)
        let context = try db.matchContext(journalId: journal)
        XCTAssertEqual(context.bankAccount.no, "BANK1")
        XCTAssertEqual(context.parties.count, 3)
        XCTAssertEqual(context.openEntries.map(\.entryNo), [77, 78, 79, 80, 81])
        XCTAssertEqual(context.bankLedgerEntries.map(\.entryNo), [900])
        XCTAssertEqual(context.textMappings.map(\.accountNo), ["7770"])
    }

    func testSavedMatchesKeepTheUsersDecisionsUnlessOverwritten() throws {
        // Given two lines, the second applied manually
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("250.00", "Faktura 103247")])
        try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(79), nok("250.00"))])
        // When the matcher proposes something for both
        let evidence = [Evidence(.documentNo, "yes", "103245 in the text")]
        let results = [
            LineMatchResult(lineNo: 1, confidence: .high, applications: [
                Application(journalId: 0, lineNo: 0, target: .ledgerEntry(77), appliedAmount: nok("500.00"), confidence: .high, evidence: evidence)],
                candidates: [Candidate(target: .ledgerEntry(77), score: 3996, confidence: .high, proposedAmount: nok("500.00"), evidence: evidence)]),
            LineMatchResult(lineNo: 2, confidence: .low, applications: [
                Application(journalId: 0, lineNo: 0, target: .ledgerEntry(77), appliedAmount: nok("250.00"), confidence: .low)]),
        ]
        try db.saveMatchResults(journalId: journal, results, overwriteUserDecisions: false)
        // Then the first is saved with its evidence and the manual one is kept
        var snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.lines[0].confidence, .high)
        XCTAssertEqual(snap.applications[1]?.map(\.target), [.ledgerEntry(77)])
        XCTAssertEqual(snap.applications[1]?.first?.evidence, evidence)
        XCTAssertEqual(snap.applications[1]?.first?.journalId, journal)
        XCTAssertEqual(snap.lines[1].confidence, .manual)
        XCTAssertEqual(snap.applications[2]?.map(\.target), [.ledgerEntry(79)])
        XCTAssertEqual(try db.candidates(journalId: journal, lineNo: 1).map(\.score), [3996])
        // And when told to overwrite, the manual decision goes
        try db.saveMatchResults(journalId: journal, [results[1]], overwriteUserDecisions: true)
        snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.lines[1].confidence, .low)
        XCTAssertEqual(snap.applications[2]?.map(\.target), [.ledgerEntry(77)])
        XCTAssertEqual(try db.auditLog(journalId: journal).map(\.action).filter { $0 != AuditAction.importStatement },
                       [AuditAction.manual, AuditAction.autoMatch, AuditAction.autoMatch])
    }

    func testAcceptAndRemove() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("7.00", "ukjent")])
        try db.saveMatchResults(journalId: journal, [LineMatchResult(lineNo: 1, confidence: .medium, applications: [
            Application(journalId: 0, lineNo: 1, target: .ledgerEntry(77), appliedAmount: nok("500.00"), confidence: .medium)])],
            overwriteUserDecisions: false)
        XCTAssertEqual(try db.accept(journalId: journal, lineNos: [1, 2]), [1])
        var snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.lines.map(\.confidence), [.accepted, .none])
        try db.removeApplications(journalId: journal, lineNos: [1])
        snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.lines[0].confidence, .none)
        XCTAssertNil(snap.applications[1])
        let summary = try db.journals()[0]
        XCTAssertEqual(summary.lineCount, 2)
        XCTAssertEqual(summary.appliedLineCount, 0)
        XCTAssertEqual(try db.auditLog(journalId: journal).suffix(2).map(\.action), [AuditAction.accept, AuditAction.remove])
    }
}

final class ApplyManuallyTests: XCTestCase {
    func testAValidApplicationIsSavedAsManual() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("750.00", "Fjord Bakeri")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00")), (.ledgerEntry(79), nok("250.00"))])
        let snap = try db.snapshot(journalId: journal)
        XCTAssertEqual(snap.lines[0].confidence, .manual)
        XCTAssertEqual(snap.applications[1]?.map(\.appliedAmount), [nok("500.00"), nok("250.00")])
        XCTAssertEqual(snap.difference(of: snap.lines[0]), .zero)
        XCTAssertEqual(try db.journals()[0].fullyAppliedLineCount, 1)
    }

    func testTheDiscountIsTakenWhenTheAmountSettlesTheEntryInTime() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("980.00", "Nordlys 103246", date: "2026-11-05")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(78), nok("980.00"))])
        let app = try XCTUnwrap(try db.snapshot(journalId: journal).applications[1]?.first)
        XCTAssertEqual(app.discountAmount, nok("20.00"))
    }

    func testInvalidApplicationsAreRefused() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "a"), Fixture.tx("300.00", "b"), Fixture.tx("-300.00", "c")])
        XCTAssertEqual(userError { try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(80), nok("300.00"))]) },
                       "line 1: entry 80 (-300.00) has the opposite sign of the line (500.00)")
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 3, applications: [(.ledgerEntry(77), nok("-300.00"))]) }
            .contains("opposite sign"))
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(79), nok("400.00"))]) }
            .contains("more than entry 79 has left"))
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(77), nok("-1.00"))]) }
            .contains("must have the sign of the line"))
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(77), nok("310.00"))]) }
            .contains("more than the line amount"))
        XCTAssertEqual(userError { try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(4711), nok("1.00"))]) },
                       "line 1: entry 4711 does not exist")
        XCTAssertTrue(userError { try db.applyManually(journalId: journal, lineNo: 1, applications: [(.bankLedgerEntry(900), nok("1.00"))]) }
            .contains("can only be applied in full (-45.00)"))
        // What another line applies is not available twice
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("300.00"))])
        let message = userError { try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(77), nok("300.00"))]) }
        XCTAssertEqual(message, "line 2: 300.00 is more than entry 77 has left (500.00 remaining, 300.00 of it applied by other lines)")
        try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(77), nok("200.00"))])
        let other = try db.importStatement(Fixture.file([Fixture.tx("9.00", "z")], id: "S9"), source: "z", bankAccountNo: nil).journalIds[0]
        XCTAssertEqual(try db.appliedInOtherJournals(journalId: other), [.ledgerEntry(77): nok("500.00")])
        XCTAssertEqual(try db.appliedInOtherJournals(journalId: journal), [:])
        XCTAssertEqual(try db.appliedElsewhere(journalId: journal, lineNo: 2, targets: [.ledgerEntry(77)])[.ledgerEntry(77)], nok("300.00"))
        // Nothing of the refused attempts was saved
        XCTAssertNil(try db.snapshot(journalId: journal).applications[3])
    }

    func testSetAccountChecksTheAccountAndTheAmount() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("-25.00", "GEBYR")])
        XCTAssertEqual(userError { try db.setAccount(journalId: journal, lineNo: 1, account: AccountRef(type: .gl, no: "9999"), amount: nok("-25.00")) },
                       "line 1: G/L account 9999 does not exist")
        XCTAssertTrue(userError { try db.setAccount(journalId: journal, lineNo: 1, account: AccountRef(type: .gl, no: "7770"), amount: nok("-30.00")) }
            .contains("more than the line amount"))
        try db.setAccount(journalId: journal, lineNo: 1, account: AccountRef(type: .gl, no: "7770"), amount: nok("-25.00"))
        let line = try db.snapshot(journalId: journal).lines[0]
        XCTAssertEqual(line.account, AccountRef(type: .gl, no: "7770"))
        XCTAssertEqual(line.accountAmount, nok("-25.00"))
        XCTAssertEqual(line.confidence, .manual)
    }
}

final class DeleteJournalTests: XCTestCase {
    func testADeletedJournalsStatementCanBeImportedAgain() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("300.00"))])
        try db.deleteJournal(journal)
        XCTAssertEqual(try db.journals().count, 0)
        XCTAssertEqual(userError { _ = try db.snapshot(journalId: journal) }, "journal \(journal) does not exist")
        let again = try db.importStatement(Fixture.file([Fixture.tx("500.00", "Faktura 103245", id: "TX-1")]), source: "s", bankAccountNo: nil)
        XCTAssertEqual(again.importedLines, 1)
        // The deleted journal's applications no longer hold the entry
        XCTAssertEqual(try db.appliedElsewhere(journalId: again.journalIds[0], lineNo: 1, targets: [.ledgerEntry(77)])[.ledgerEntry(77)], .zero)
        XCTAssertEqual(try db.auditLog(journalId: journal).last?.action, AuditAction.deleteJournal)
    }

    func testAPartlyPostedJournalIsKept() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245"), Fixture.tx("1.00", "x")])
        try db.applyManually(journalId: journal, lineNo: 1, applications: [(.ledgerEntry(77), nok("500.00"))])
        try db.post(journalId: journal, options: PostOptions(partial: true))
        XCTAssertEqual(userError { try db.deleteJournal(journal) }, "journal \(journal) was partly posted; it cannot be deleted")
    }
}

final class TextMappingTests: XCTestCase {
    func testMapTextToAccountSavesTheMappingAndSendsTheLineThere() throws {
        // Given a line sent in part to the wrong account
        let (db, journal) = try Fixture.journal([Fixture.tx("-99.00", "Husleie desember")])
        try db.setAccount(journalId: journal, lineNo: 1, account: AccountRef(type: .gl, no: "7770"), amount: nok("-50.00"))
        // When its text is mapped to the vendor
        try db.mapTextToAccount(journalId: journal, lineNo: 1, mappingText: "HUSLEIE", account: AccountRef(type: .vendor, no: "V0001"))
        // Then the whole line goes to the vendor and the mapping is kept for next time
        let line = try db.snapshot(journalId: journal).lines[0]
        XCTAssertEqual(line.account, AccountRef(type: .vendor, no: "V0001"))
        XCTAssertEqual(line.accountAmount, nok("-99.00"))
        XCTAssertEqual(line.confidence, .highTextMapping)
        XCTAssertTrue(try db.matchContext(journalId: journal).textMappings.contains {
            $0.mappingText == "HUSLEIE" && $0.accountType == .vendor && $0.accountNo == "V0001"
        })
        XCTAssertEqual(userError {
            try db.mapTextToAccount(journalId: journal, lineNo: 1, mappingText: "STRØM", account: AccountRef(type: .gl, no: "7770"))
        }, "line 1: the mapping text 'STRØM' does not occur in 'Husleie desember'")
        XCTAssertEqual(try db.party(.vendor, "V0001")?.name, "Kontorrekvisita AS")
    }

    func testMappingAnEmptyTextSaysWhatIsMissingAndChangesNothing() throws {
        let (db, journal) = try Fixture.journal([Fixture.tx("-99.00", ""), Fixture.tx("-12.00", "Gebyr", id: "B")])
        let before = try db.snapshot(journalId: journal)
        XCTAssertEqual(userError {
            try db.mapTextToAccount(journalId: journal, lineNo: 1, mappingText: "", account: AccountRef(type: .gl, no: "7770"))
        }, "line 1 has no text to map; transfer it to an account instead")
        XCTAssertEqual(userError {
            try db.mapTextToAccount(journalId: journal, lineNo: 2, mappingText: "  ", account: AccountRef(type: .gl, no: "7770"))
        }, "line 2: type the text to map; it is empty")
        XCTAssertEqual(try db.snapshot(journalId: journal), before)
        XCTAssertTrue(try db.matchContext(journalId: journal).textMappings.allSatisfy { $0.mappingText != "" })
    }
}
