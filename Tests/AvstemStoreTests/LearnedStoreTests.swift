import AvstemCore
import AvstemMatching
@testable import AvstemStore
import XCTest

/// What the user's manual decisions teach, how it is used by the next "apply automatically", and forgotten.
final class LearnedStoreTests: XCTestCase {
    static let stranger = "NO55 1111 2222 333"

    static func tx(_ amount: String, _ text: String, id: String, account: String? = stranger, date: String = "2026-11-05") -> StatementEntry {
        StatementEntry(bookingDate: day(date), amount: nok(amount), text: text, relatedPartyAccount: account, bankTransactionId: id)
    }

    func testApplyingManuallyLearnsThePayersPartyAndCounts() throws {
        let (db, id) = try Fixture.journal([Self.tx("100.00", "Betaling", id: "A"), Self.tx("50.00", "Betaling", id: "B", date: "2026-11-04"),
                                            Self.tx("30.00", "Kontant", id: "C", account: nil),
                                            Self.tx("300.00", "Samlet", id: "D", account: "NO66 0000 1111 222")])
        try db.applyManually(journalId: id, lineNo: 1, applications: [(.ledgerEntry(78), nok("100.00"))])
        try db.applyManually(journalId: id, lineNo: 2, applications: [(.ledgerEntry(78), nok("50.00"))])
        // No payer account: nothing to learn. Entries of two parties: no one party to learn.
        try db.applyManually(journalId: id, lineNo: 3, applications: [(.ledgerEntry(79), nok("30.00"))])
        try db.applyManually(journalId: id, lineNo: 4, applications: [(.ledgerEntry(77), nok("200.00")), (.ledgerEntry(78), nok("100.00"))])
        let choices = try db.learnedMemory().choices
        XCTAssertEqual(choices.count, 1)
        XCTAssertEqual(choices[0].kind, .payerAccount)
        XCTAssertEqual(choices[0].key, "NO5511112222333")
        XCTAssertEqual(choices[0].shown, Self.stranger)
        XCTAssertEqual(choices[0].target, AccountRef(type: .customer, no: "C0002"))
        XCTAssertEqual(choices[0].count, 2)
        XCTAssertEqual(choices[0].lastDate, day("2026-11-05"))
    }

    func testALineCountsOnceAndAChangedMindMovesItsCount() throws {
        let (db, id) = try Fixture.journal([Self.tx("100.00", "Betaling", id: "A"), Self.tx("90.00", "Betaling", id: "B")])
        func learned() throws -> [String] {
            try db.learnedMemory().choices.map { "\($0.target.no) \($0.count)" }
        }
        try db.applyManually(journalId: id, lineNo: 1, applications: [(.ledgerEntry(78), nok("100.00"))])
        // The same line applied again (another amount, same party) teaches nothing new.
        try db.applyManually(journalId: id, lineNo: 1, applications: [(.ledgerEntry(78), nok("60.00"))])
        try db.applyManually(journalId: id, lineNo: 2, applications: [(.ledgerEntry(78), nok("90.00"))])
        XCTAssertEqual(try learned(), ["C0002 2"])
        // Line 1 was meant for Fjord after all: its count moves.
        try db.applyManually(journalId: id, lineNo: 1, applications: [(.ledgerEntry(79), nok("100.00"))])
        XCTAssertEqual(try learned(), ["C0002 1", "C0001 1"])
        // And line 2 too: nothing is left for Nordlys, so it is gone.
        try db.applyManually(journalId: id, lineNo: 2, applications: [(.ledgerEntry(77), nok("90.00"))])
        XCTAssertEqual(try learned(), ["C0001 2"])
    }

    func testSendingAWholeLineToAnAccountLearnsItsText() throws {
        let (db, id) = try Fixture.journal([Self.tx("-812.40", "Fjordkraft strøm faktura 88123", id: "A"),
                                            Self.tx("-99.00", "Telenor mobil 2026-10", id: "B"),
                                            Self.tx("-45.00", "Visa kortgebyr", id: "C"),
                                            Self.tx("-10.00", "Delvis", id: "D")])
        try db.setAccount(journalId: id, lineNo: 1, account: AccountRef(type: .gl, no: "7770"), amount: nok("-812.40"))
        _ = try db.transferDifference(journalId: id, lineNo: 2, to: AccountRef(type: .gl, no: "7770"))
        try db.mapTextToAccount(journalId: id, lineNo: 3, mappingText: "kortgebyr", account: AccountRef(type: .gl, no: "7770"))
        // Part of a line to an account is not what the text is about: nothing learned.
        try db.setAccount(journalId: id, lineNo: 4, account: AccountRef(type: .gl, no: "7770"), amount: nok("-4.00"))
        let keys = try db.learnedMemory().choices.map { "\($0.kind.rawValue) \($0.key) → \($0.target.no)" }
        XCTAssertEqual(keys, ["text FJORDKRAFT STRØM FAKTURA → 7770", "text TELENOR MOBIL → 7770", "text VISA KORTGEBYR → 7770"])
    }

    func testLearningFromAFailedApplicationIsRolledBack() throws {
        let (db, id) = try Fixture.journal([Self.tx("100.00", "Betaling", id: "A")])
        _ = userError { try db.applyManually(journalId: id, lineNo: 1, applications: [(.ledgerEntry(78), nok("2000.00"))]) }
        XCTAssertTrue(try db.learnedMemory().isEmpty)
    }

    func testTheNextMatchUsesWhatWasLearnedAndForgettingRestoresIt() throws {
        // Two invoices of 250.00 (Fjord 79, and one for Nordlys), a payment of 250.00 from an unknown account.
        var books = Fixture.books()
        books.openEntries.append(Fixture.entry(82, .customer, "C0002", .invoice, "200001", "250.00"))
        let db = try AppDatabase.inMemory()
        try db.importBooks(books)
        let j2 = try db.importStatement(Fixture.file([Self.tx("40.00", "Betaling", id: "A"),
                                                      Self.tx("250.00", "Betaling", id: "B", date: "2026-11-06")]),
                                        source: "s1", bankAccountNo: nil).journalIds[0]
        // The user applies that account's first payment to Nordlys by hand; the next match keeps it.
        try db.applyManually(journalId: j2, lineNo: 1, applications: [(.ledgerEntry(78), nok("40.00"))])
        _ = try db.applyAutomatically(journalId: j2)
        let learned = try XCTUnwrap(try db.snapshot(journalId: j2).applications[2]?.first)
        XCTAssertEqual(learned.target, .ledgerEntry(82))
        XCTAssertEqual(learned.confidence, .low)
        let memory = try XCTUnwrap(learned.evidence.first { $0.dimension == .memory })
        XCTAssertTrue(memory.detail.contains("applied to customer C0002 Nordlys Kafé once before (last 2026-11-05)"), memory.detail)

        // Forget it: the next match goes back to what it was without memory, and the forget is audited.
        let choice = try XCTUnwrap(try db.learnedMemory().choices.first)
        XCTAssertEqual(try db.forget(id: choice.id), 1)
        XCTAssertEqual(userError { try db.forget(id: choice.id) }, "nothing learned has id \(choice.id) (see `avstem memory list`)")
        _ = try db.applyAutomatically(journalId: j2)
        // Without memory the amount alone fits both invoices: nothing is applied, both are offered.
        XCTAssertEqual(try db.snapshot(journalId: j2).applications[2] ?? [], [])
        let offered = try db.candidates(journalId: j2, lineNo: 2)
        XCTAssertEqual(Set(offered.map(\.target)), [.ledgerEntry(79), .ledgerEntry(82)])
        XCTAssertTrue(offered.allSatisfy { c in !c.evidence.contains { $0.dimension == .memory } })
        let log = try db.auditLog(journalId: nil).filter { $0.action == AuditAction.memoryForget }
        XCTAssertEqual(log.map(\.detail), ["forgot payer account NO5511112222333 → customer C0002, once, last 2026-11-05"])
    }

    func testSuggestionsForLinesBelowHighAndForgetAll() throws {
        let (db, id) = try Fixture.journal([Self.tx("-812.40", "Fjordkraft strøm faktura 88123", id: "A"),
                                            Self.tx("-799.10", "FJORDKRAFT strøm faktura 88999", id: "B", date: "2026-11-04"),
                                            Self.tx("500.00", "Faktura 103245", id: "C", account: "NO93 8601 1117 947")])
        try db.setAccount(journalId: id, lineNo: 1, account: AccountRef(type: .gl, no: "7770"), amount: nok("-812.40"))
        _ = try db.applyAutomatically(journalId: id)
        let suggestions = try db.accountSuggestions(journalId: id)
        // Line 1 is the user's, line 3 matched High: only line 2 gets the suggestion, and nothing is applied.
        XCTAssertEqual(suggestions.map(\.lineNo), [2])
        XCTAssertEqual(suggestions[0].account, AccountRef(type: .gl, no: "7770"))
        let line2 = try db.snapshot(journalId: id).lines[1]
        XCTAssertNil(line2.account)
        XCTAssertEqual(line2.confidence, .none)

        XCTAssertEqual(try db.forget(id: nil), 1)
        XCTAssertEqual(try db.accountSuggestions(journalId: id), [])
        XCTAssertEqual(try db.auditLog(journalId: nil).last?.detail, "forgot all 1 learned choices")
    }
}
