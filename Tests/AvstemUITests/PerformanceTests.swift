import AvstemCore
import AvstemUI
import Foundation
import XCTest

/// A frame must cost the same on a 100 000-line journal as on a small one: only the
/// visible rows are read.
final class PerformanceTests: XCTestCase {
    func journalState(lines n: Int) throws -> (AppState, InMemoryJournalBackend) {
        var snap = Fixture.journal()
        snap.lines = (1...n).map { Fixture.line($0, "2026-11-01", "\($0 % 997).50", "Innbetaling faktura \($0) æøå 作") }
        snap.applications = [:]
        let backend = InMemoryJournalBackend(journal: snap, entries: [])
        return (try AppState.load(backend: backend, width: 160, height: 48), backend)
    }

    /// Seconds for `frames` page moves, each followed by a full render.
    func timeFrames(_ state: inout AppState, _ backend: JournalBackend, frames: Int) -> TimeInterval {
        let start = Date()
        for _ in 0..<frames {
            _ = handle(.key(.pageDown), state: &state, keyMap: .defaults, backend: backend)
            _ = render(state, keyMap: .defaults)
        }
        return Date().timeIntervalSince(start)
    }

    func testHundredThousandLinesCostNoMorePerFrameThanAHundred() throws {
        var (small, smallBackend) = try journalState(lines: 2_000)
        var (big, bigBackend) = try journalState(lines: 100_000)
        // Warm up, then measure the same number of frames on both.
        _ = timeFrames(&small, smallBackend, frames: 5)
        let smallTime = timeFrames(&small, smallBackend, frames: 40)
        let bigTime = timeFrames(&big, bigBackend, frames: 40)

        _ = handle(.key(.end), state: &big, keyMap: .defaults, backend: bigBackend)
        XCTAssertEqual(big.currentLine?.lineNo, 100_000)
        XCTAssertTrue(render(big, keyMap: .defaults).text().contains("Innbetaling faktura 100000"))
        // Fifty times the lines: any per-frame walk over them would show as a many-fold slowdown.
        XCTAssertLessThan(bigTime, smallTime * 3 + 0.05, "100 000 lines: \(bigTime) s, 2 000 lines: \(smallTime) s for 40 frames")
    }
}
