import AvstemCore
import AvstemDemo
import AvstemStore
import XCTest
@testable import AvstemUI

/// The journal app over the real store: the partial refresh after an edit must give exactly
/// the journal a full read gives, or the screen would show books that are not there.
final class StoreBackendTests: XCTestCase {
    func makeBackend() throws -> (StoreBackend, AppDatabase) { try Self.makeBackend() }

    /// A demo company's journal of 40 lines, applied automatically, in an in-memory database.
    static func makeBackend() throws -> (StoreBackend, AppDatabase) {
        var config = DemoConfig()
        config.seed = 11
        config.lines = 40
        let company = DemoGenerator.generate(config)
        let db = try AppDatabase.inMemory()
        try db.importBooks(company.books)
        let id = try db.importStatement(StatementFile(format: "camt.053.001.02", statements: [company.statement]),
                                        source: "test", bankAccountNo: nil).journalIds[0]
        _ = try db.applyAutomatically(journalId: id)
        return (try StoreBackend(db: db, journalId: id), db)
    }

    func testRefreshAfterEditsEqualsAFullRead() throws {
        let (backend, _) = try makeBackend()
        var journal = try backend.snapshot()
        let applied = journal.lines.filter { !(journal.applications[$0.lineNo] ?? []).isEmpty }.map(\.lineNo)
        XCTAssertGreaterThan(applied.count, 10)

        try backend.accept(lines: [applied[0], applied[1]])
        journal = try backend.refreshed(journal, lines: [applied[0], applied[1]])
        XCTAssertEqual(journal, try backend.snapshot())
        XCTAssertEqual(journal.lines.first { $0.lineNo == applied[0] }?.confidence, .accepted)

        try backend.removeApplications(lines: [applied[2]])
        journal = try backend.refreshed(journal, lines: [applied[2]])
        XCTAssertEqual(journal, try backend.snapshot())
        XCTAssertNil(journal.applications[applied[2]])

        // Apply the removed line manually to its best candidate again.
        let best = try XCTUnwrap(try backend.candidates(forLine: applied[2], in: journal).first)
        try backend.applyManually(line: applied[2], applications: [(best.candidate.target, best.candidate.proposedAmount)])
        journal = try backend.refreshed(journal, lines: [applied[2]])
        XCTAssertEqual(journal, try backend.snapshot())
        XCTAssertEqual(journal.lines.first { $0.lineNo == applied[2] }?.confidence, .manual)
    }

    func testDetailPaneGetsTheEvidenceTheSnapshotLeavesOut() throws {
        let (backend, _) = try makeBackend()
        let journal = try backend.snapshot()
        let line = try XCTUnwrap(journal.lines.first { !(journal.applications[$0.lineNo] ?? []).isEmpty })
        XCTAssertTrue(journal.applications[line.lineNo]!.allSatisfy { $0.evidence.isEmpty }, "the journal is read without evidence")
        let withEvidence = try backend.applications(forLine: line.lineNo, in: journal)
        XCTAssertEqual(withEvidence.map(\.target), journal.applications[line.lineNo]!.map(\.target))
        XCTAssertFalse(withEvidence[0].evidence.isEmpty)
    }
}
