import AvstemCore
import AvstemStore
import XCTest
@testable import AvstemUI

/// Undo and redo over the real store: every edit comes back exactly, a transfer's new line
/// goes, a mapping goes, and nothing posted comes back.
final class StoreUndoTests: XCTestCase {
    func makeBackend() throws -> (StoreBackend, AppDatabase) {
        try StoreBackendTests.makeBackend()
    }

    /// The journal with evidence, so applications compare whole.
    func full(_ db: AppDatabase, _ backend: StoreBackend) throws -> JournalSnapshot { try db.snapshot(journalId: backend.journalId) }

    func testEachEditUndoesToTheExactJournalAndRedoes() throws {
        let (backend, db) = try makeBackend()
        let original = try full(db, backend)
        let applied = original.lines.filter { !(original.applications[$0.lineNo] ?? []).isEmpty }.map(\.lineNo)
        let unapplied = try XCTUnwrap(original.lines.first { $0.lineNo == applied[3] })

        try backend.accept(lines: [applied[0], applied[1]])
        let afterAccept = try full(db, backend)
        try backend.removeApplications(lines: [applied[2]])
        let best = try XCTUnwrap(try backend.candidates(forLine: applied[2], in: try backend.snapshot()).first)
        try backend.applyManually(line: applied[2], applications: [(best.candidate.target, best.candidate.proposedAmount)])
        try backend.removeApplications(lines: [unapplied.lineNo])
        try backend.transferDifference(line: unapplied.lineNo, to: AccountRef(type: .gl, no: try XCTUnwrap(db.accountList().first { $0.type == .gl }?.no)))
        XCTAssertNotEqual(try full(db, backend), afterAccept)

        XCTAssertEqual(try backend.undo()?.what, "transfer the difference of line \(unapplied.lineNo)")
        XCTAssertEqual(try backend.undo()?.what, "remove line \(unapplied.lineNo)")
        XCTAssertEqual(try backend.undo()?.what, "apply line \(applied[2]) manually")
        XCTAssertEqual(try backend.undo()?.what, "remove line \(applied[2])")
        XCTAssertEqual(try full(db, backend), afterAccept)
        XCTAssertEqual(try backend.undo()?.what, "accept 2 lines")
        XCTAssertEqual(try full(db, backend), original)
        XCTAssertNil(try backend.undo())

        XCTAssertEqual(try backend.redo()?.what, "accept 2 lines")
        XCTAssertEqual(try full(db, backend), afterAccept)
        _ = try backend.redo(); _ = try backend.redo(); _ = try backend.redo(); _ = try backend.redo()
        XCTAssertEqual(try full(db, backend).lines.first { $0.lineNo == unapplied.lineNo }?.account?.type, .gl)
        XCTAssertNil(try backend.redo())
    }

    func testTransferSplitIsUndoneWithItsNewLine() throws {
        let (backend, db) = try makeBackend()
        let original = try full(db, backend)
        // A line applied in part: take half of an applied line's application away.
        let line = try XCTUnwrap(original.lines.first { l in (original.applications[l.lineNo] ?? []).count == 1 && l.amount.minor > 200 })
        let app = original.applications[line.lineNo]![0]
        try backend.applyManually(line: line.lineNo, applications: [(app.target, Money(minor: app.appliedAmount.minor / 2))])
        let gl = try XCTUnwrap(db.accountList().first { $0.type == .gl }?.no)
        try backend.transferDifference(line: line.lineNo, to: AccountRef(type: .gl, no: gl))
        XCTAssertEqual(try full(db, backend).lines.count, original.lines.count + 1, "the difference went to a new line")
        _ = try backend.undo()
        XCTAssertEqual(try full(db, backend).lines.count, original.lines.count)
        _ = try backend.undo()
        XCTAssertEqual(try full(db, backend), original)
        _ = try backend.redo(); _ = try backend.redo()
        XCTAssertEqual(try full(db, backend).lines.count, original.lines.count + 1, "redo brings the split back")
    }

    func testMapTextUndoTakesTheMappingBack() throws {
        let (backend, db) = try makeBackend()
        let before = try db.loadBooks().textMappings
        let journal = try backend.snapshot()
        let line = try XCTUnwrap(journal.lines.first { $0.text.count >= 6 })
        let gl = try XCTUnwrap(db.accountList().first { $0.type == .gl }?.no)
        let text = String(line.text.prefix(6))
        try backend.mapTextToAccount(line: line.lineNo, mappingText: text, account: AccountRef(type: .gl, no: gl))
        XCTAssertEqual(try db.loadBooks().textMappings.count, before.count + 1)
        _ = try backend.undo()
        XCTAssertEqual(try db.loadBooks().textMappings, before)
        XCTAssertEqual(try full(db, backend).lines.first { $0.lineNo == line.lineNo }, line)
    }

    func testPostingEndsUndoAndARestoreNeverBringsBackAPostedLine() throws {
        let (backend, db) = try makeBackend()
        let journal = try backend.snapshot()
        let applied = journal.lines.filter { l in journal.appliedAmount(of: l) == l.amount }.map(\.lineNo)
        try backend.accept(lines: [applied[0]])
        let state = try db.captureLines(journalId: backend.journalId, lineNos: [applied[0]])
        _ = try backend.post(PostOptions(reconcile: false, partial: true))
        XCTAssertNil(try backend.undo(), "posting clears the history")
        XCTAssertThrowsError(try db.restoreLines(state)) { error in
            XCTAssertTrue("\(error)".contains("posted"), "\(error)")
        }
    }
}
