import AvstemCore
import AvstemStore
import XCTest
@testable import AvstemUI

/// The journals-and-history screen over the real store.
final class HistoryTests: XCTestCase {
    func press(_ keys: Key..., state: inout AppState, backend: JournalBackend) {
        for k in keys { _ = handle(.key(k), state: &state, keyMap: .defaults, backend: backend); settle(&state, backend: backend) }
    }

    func testPostedStatementIsListedWithItsLinesAndEscGoesBack() throws {
        let (backend, db) = try StoreBackendTests.makeBackend()
        var state = try AppState.load(backend: backend, width: 160, height: 48)
        press(.char("J"), state: &state, backend: backend)
        guard case .history(let h) = state.mode else { return XCTFail("no history screen: \(String(describing: state.status))") }
        XCTAssertEqual(h.items.map(\.kind), [.openJournal])
        XCTAssertTrue(render(state, keyMap: .defaults).text().contains("open here"))
        press(.escape, state: &state, backend: backend)
        XCTAssertEqual(state.mode, .browse)

        // Post the fully applied lines; the statement appears in the history with them.
        let plan = try backend.post(PostOptions(reconcile: false, partial: true))
        state.replaceSnapshot(try backend.snapshot())
        press(.char("J"), state: &state, backend: backend)
        guard case .history(let h2) = state.mode else { return XCTFail("no history screen") }
        let posted = try XCTUnwrap(h2.items.firstIndex { $0.kind == .postedStatement })
        XCTAssertEqual(h2.items[posted].lineCount, plan.postedLineNos.count)
        for _ in 0..<posted { press(.down, state: &state, backend: backend) }
        press(.enter, state: &state, backend: backend)
        guard case .history(let h3) = state.mode else { return XCTFail("left the history") }
        XCTAssertEqual(h3.lines.map(\.lineNo), plan.postedLineNos.sorted())
        XCTAssertEqual(try db.postedStatements().count, 1)
        let screen = render(state, keyMap: .defaults).text()
        XCTAssertTrue(screen.contains("Posted statement"), screen)
        press(.escape, state: &state, backend: backend)
        guard case .history(let h4) = state.mode else { return XCTFail("Esc leaves the lines first") }
        XCTAssertNil(h4.statement)
        press(.escape, state: &state, backend: backend)
        XCTAssertEqual(state.mode, .browse)
    }

    func testEnterOnTheOpenJournalKeepsItAndAnUnknownJournalIsRefused() throws {
        let (backend, db) = try StoreBackendTests.makeBackend()
        // A second statement for the same books: another journal.
        let other = try XCTUnwrap(try db.journals().first)
        var state = try AppState.load(backend: backend, width: 160, height: 48)
        XCTAssertThrowsError(try backend.openJournal(999))
        press(.char("J"), .enter, state: &state, backend: backend)
        XCTAssertEqual(state.snapshot.header.id, other.header.id, "Enter on the journal open here keeps it")
        XCTAssertEqual(state.mode, .browse)
    }
}
