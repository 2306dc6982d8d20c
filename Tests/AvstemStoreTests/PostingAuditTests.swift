import AvstemCore
@testable import AvstemStore
import Foundation
import XCTest

/// The audit trail: every application decision and every posting, with time and user.
final class PostingAuditTests: XCTestCase {
    func testEveryDecisionAndPostingIsRecorded() throws {
        // Given a journal applied automatically, then worked on by hand, posted and reversed
        let (db, journal) = try Fixture.journal([Fixture.tx("500.00", "Faktura 103245", id: "T1"),
                                                 Fixture.tx("300.00", "Faktura 103247", id: "T2"),
                                                 Fixture.tx("-25.00", "GEBYR", id: "T3")])
        _ = try db.applyAutomatically(journalId: journal)
        try db.accept(journalId: journal, lineNos: [1])
        try db.removeApplications(journalId: journal, lineNos: [2])
        try db.applyManually(journalId: journal, lineNo: 2, applications: [(.ledgerEntry(79), nok("250.00"))])
        try db.transferDifference(journalId: journal, lineNo: 2, to: AccountRef(type: .customer, no: "C0001"))
        try db.post(journalId: journal, options: PostOptions(reconcile: true))
        try db.reverseStatement("12")

        // Then the trail holds each step in order, for this journal, with the user and a time
        let log = try db.auditLog(journalId: journal)
        let actions = log.map(\.action).filter { $0 != AuditAction.importStatement }
        XCTAssertEqual(actions, [AuditAction.autoMatch, AuditAction.autoMatch, AuditAction.autoMatch, AuditAction.accept,
                                 AuditAction.remove, AuditAction.manual, AuditAction.transferDifference, AuditAction.post,
                                 AuditAction.reverseStatement])
        let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        XCTAssertTrue(log.allSatisfy { $0.user == user && $0.journalId == journal })
        XCTAssertTrue(log.allSatisfy { $0.time.hasPrefix("20") && $0.time.hasSuffix("Z") }, "\(log.map(\.time))")
        // The automatic decision keeps the matcher's version and its evidence
        let auto = try XCTUnwrap(log.first { $0.action == AuditAction.autoMatch && $0.lineNo == 1 })
        XCTAssertTrue(auto.detail.contains("entry 77 500.00"), auto.detail)
        XCTAssertTrue(auto.detail.contains("[avstem-match 1]"), auto.detail)
        XCTAssertTrue(auto.detail.contains("entry 77: ") && auto.detail.contains("document_no=yes"), auto.detail)
        // Removal says what was removed; the transfer where the difference went; the posting what it wrote
        XCTAssertTrue(log.first { $0.action == AuditAction.remove }!.detail.hasPrefix("removed "))
        XCTAssertEqual(log.first { $0.action == AuditAction.transferDifference }?.detail, "50.00 to customer C0001 on new line 4")
        XCTAssertTrue(log.first { $0.action == AuditAction.post }!.detail.contains("posted lines 1–4:"))
        XCTAssertTrue(log.last!.detail.hasPrefix("reversed BANK1 statement 12: "), log.last!.detail)
        // And the whole trail holds the books import too, without a journal
        XCTAssertEqual(try db.auditLog(journalId: nil).first?.action, AuditAction.importBooks)
    }
}
