import Foundation
import XCTest

/// Post and reconcile from the app: the differences go to an account through the picker,
/// then "post payments and reconcile bank account"; the books show every line posted.
extension TmuxJournalTests {
    func testTransferEveryDifferenceThenPostAndReconcile() throws {
        try startDemo()
        let open = try lines().filter { $0["difference"] as? String != "0.00" }.map { $0["line_no"] as! Int }
        XCTAssertFalse(open.isEmpty)
        try send("f")                                  // not fully applied
        for no in open { try transferFirstShownLine(no, typing: "7770") }
        try waitFor("an empty filter") { try screen().contains("No line is not fully applied") }

        try send("p")
        try waitFor("the post dialog") { try screen().contains("Post payments and reconcile bank account") }
        try send("Down")
        try send("Space")
        try waitFor("reconcile chosen, ready") { try screen().contains("(•) Post payments and reconcile") && screen().contains("Ready to post.") }
        try send("Enter")
        try waitFor("the posting") { try screen().contains("bank account reconciled") }
        let r = try Harness.run(["journal", "show", "--db", db, "--journal", "1", "--json"])
        let json = try XCTUnwrap(try Harness.json(r.stdout) as? [String: Any], r.stderr)
        let header = try XCTUnwrap(json["journal"] as? [String: Any])
        XCTAssertEqual(header["status"] as? String, "posted")
        XCTAssertEqual(header["balance_after_posting"] as? String, header["statement_ending_balance"] as? String)
        let export = dir.appendingPathComponent("export")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, export.path]).status, 0)
        let posted = Harness.csv(try String(contentsOf: export.appendingPathComponent("posted_entries.csv"), encoding: .utf8))
        // A line partly applied keeps its applications and a child line carries the difference (as BC splits it).
        let all = try XCTUnwrap(json["lines"] as? [[String: Any]])
        for no in open {
            let carriers = [no] + all.filter { $0["parent_line_no"] as? Int == no }.map { $0["line_no"] as! Int }
            XCTAssertTrue(posted.contains { row in carriers.contains { "\($0)" == row["line_no"] } && row["account_no"] == "7770" },
                          "line \(no)'s difference posted to 7770")
        }
        try send("q")
        try waitFor("the app to exit") { try screen().contains("AVSTEM-EXIT=0") }
    }
}
