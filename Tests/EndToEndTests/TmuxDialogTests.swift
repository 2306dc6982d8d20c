import Foundation
import XCTest

/// Transfer a difference and map a text through the account picker, and apply manually with
/// a typed amount, in the real binary under tmux; each checked in the books afterwards.
extension TmuxJournalTests {
    func testTransferMapAndApplyWithAnEditedAmount() throws {
        try startDemo()
        let all = try lines()
        func account(_ no: Int) throws -> String { String(describing: try line(no)["account"] ?? "nil") }

        // Transfer: the first line not fully applied goes to G/L 7770, found by its number.
        let open = try XCTUnwrap(all.first { $0["difference"] as? String != "0.00" })
        let openNo = open["line_no"] as! Int
        try send("f")
        try transferFirstShownLine(openNo, typing: "777")
        XCTAssertTrue(try account(openNo).contains("7770"))
        // Undo takes it back, redo does it again.
        try send("u")
        try waitFor("the undo") { try account(openNo) == "nil" || account(openNo).contains("null") || account(openNo).contains("<null>") }
        try send("C-r")
        try waitFor("the redo") { try account(openNo).contains("7770") }

        // Map text: the first line with a text, to G/L 7770, found by name; the dialog counts what else it catches.
        try send("F")
        let textRow = try XCTUnwrap(all.indices.first { !((all[$0]["text"] as? String) ?? "").isEmpty })
        let first = all[textRow]["line_no"] as! Int
        let text = try XCTUnwrap(all[textRow]["text"] as? String)
        try select(row: textRow, lineNo: first)
        try send("m")
        try waitFor("the map dialog") { try screen().contains("Map text to account") }
        for c in "kortgeb" { try send(String(c)) }
        try waitFor("the picker's match") { try screen().contains("▶ G/L account  7770") }
        XCTAssertTrue(try screen().contains("Would also catch"))
        try send("Enter")
        try waitFor("line \(first) mapped") { try line(first)["confidence"] as? String == "high_text_mapping" }
        XCTAssertTrue(try account(first).contains("7770"))
        let export = dir.appendingPathComponent("export")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, export.path]).status, 0)
        let mappings = try String(contentsOf: export.appendingPathComponent("text_mappings.csv"), encoding: .utf8)
        XCTAssertTrue(mappings.contains(String(text.prefix(50)).trimmingCharacters(in: .whitespaces)), mappings)

        // Apply manually with a typed amount: a high line's entry gets 100.00 of it.
        let high = try XCTUnwrap(all.indices.first { i in
            i > 0 && all[i]["confidence"] as? String == "high" && (all[i]["applications"] as? [Any])?.count == 1
                && (Decimal(string: all[i]["amount"] as? String ?? "") ?? 0) > 100
        })
        let highNo = all[high]["line_no"] as! Int
        try select(row: high, lineNo: highNo)
        try send("r")
        try waitFor("line \(highNo) removed") { (try line(highNo)["applications"] as? [Any])?.isEmpty == true }
        try send("Enter")
        try waitFor("the apply manually dialog") { try screen().contains("Apply manually") }
        for c in "100" { try send(String(c)) }
        try send("Enter")          // sets the typed amount
        try waitFor("the typed amount") { try screen().contains("Applied amount 100.00") }
        try send("Enter")          // applies
        try waitFor("line \(highNo) applied with 100.00") {
            (try line(highNo)["applications"] as? [[String: Any]])?.first?["applied_amount"] as? String == "100.00"
        }
        XCTAssertEqual(try line(highNo)["confidence"] as? String, "manual")

        try send("q")
        try waitFor("the app to exit") { try screen().contains("AVSTEM-EXIT=0") }
    }

    /// Selects the first row (line `no`), opens "transfer difference", finds G/L 7770 by typing
    /// `typing` into the picker, saves, and waits until the books show no difference left.
    func transferFirstShownLine(_ no: Int, typing: String) throws {
        try select(row: 0, lineNo: no)
        try send("t")
        try waitFor("the transfer dialog for line \(no)") { try screen().contains("Transfer difference to account — line \(no)") }
        for c in typing { try send(String(c)) }
        try waitFor("the picker's match") { try screen().contains("▶ G/L account  7770       Bank- og kortgebyrer") }
        try send("Enter")
        try waitFor("line \(no) transferred") { try line(no)["difference"] as? String == "0.00" }
    }
}
