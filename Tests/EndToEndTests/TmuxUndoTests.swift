import Foundation
import XCTest

/// Filters, accept-by-confidence and undo/redo in the real binary under tmux, checked in the books.
extension TmuxJournalTests {
    func testFilterAcceptAllHighUndoAndRedo() throws {
        try startDemo()
        let before = try lines()
        func confidences() throws -> [Int: String] {
            Dictionary(uniqueKeysWithValues: try lines().map { ($0["line_no"] as! Int, $0["confidence"] as! String) })
        }
        let original = Dictionary(uniqueKeysWithValues: before.map { ($0["line_no"] as! Int, $0["confidence"] as! String) })
        let review = original.values.filter { $0 == "low" || $0 == "medium" }.count
        let high = original.filter { $0.value == "high" }.map(\.key).sorted()
        XCTAssertFalse(high.isEmpty, "the demo has high matches")

        // f twice: for review; the header counts what the books say.
        try send("f")
        try send("f")
        try waitFor("the for-review filter") { try screen().contains("for review (low/medium): \(review)") }
        try send("F")
        try send("F")
        try waitFor("all lines again") { !(try screen().contains("for review (low/medium)")) }

        // Accept every high line in one step.
        try send("c")
        try waitFor("the confidence chooser") { try screen().contains("Accept every line at or above") }
        try send("Enter")
        try waitFor("high lines accepted") { try screen().contains("Accepted \(high.count) line") }
        var now = try confidences()
        for no in high { XCTAssertEqual(now[no], "accepted", "line \(no)") }
        for (no, c) in original where c != "high" { XCTAssertEqual(now[no], c, "line \(no) is not high and stays as it was") }

        // Undo puts every line back as it was; redo accepts them again.
        try send("u")
        try waitFor("the undo") { try screen().contains("Undone: accept") }
        XCTAssertEqual(try confidences(), original)
        XCTAssertEqual(try lines().map { ($0["applications"] as? [Any])?.count ?? 0 }, before.map { ($0["applications"] as? [Any])?.count ?? 0 })
        try send("C-r")
        try waitFor("the redo") { try screen().contains("Redone: accept") }
        now = try confidences()
        for no in high { XCTAssertEqual(now[no], "accepted", "line \(no) after redo") }

        try send("q")
        try waitFor("the app to exit") { try screen().contains("AVSTEM-EXIT=0") }
    }

    /// The demo company's 40-line journal in the app, at 160×48.
    func startDemo() throws {
        let command = "\(Harness.binary.path) demo --db \(db) --seed 4 --lines 40; echo AVSTEM-EXIT=$?; sleep 60"
        try Tmux.run(["-L", socket, "new-session", "-d", "-s", "e2e", "-x", "160", "-y", "48", command], capture: false)
        try waitFor("the journal") { try screen().contains("Payment reconciliation") }
    }
}
