import Foundation
import XCTest

/// Two avstem processes apply the same invoice in their own journals and post at the same
/// time: exactly one succeeds, the other is told which line and which entry, and nothing is
/// lost or posted twice.
final class PostingConcurrencyTests: BooksFolderTestCase {

    /// Open customer invoices that the demo journal does not apply: (entry no, remaining, document no).
    func freeInvoices() throws -> [(Int, String, String)] {
        let export = dir.appendingPathComponent("export")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, export.path]).status, 0)
        let show = try Harness.run(["journal", "show", "--journal", "1", "--db", db, "--json"])
        let journal = try XCTUnwrap(try Harness.json(show.stdout) as? [String: Any])
        var used = Set<Int>()
        for line in journal["lines"] as? [[String: Any]] ?? [] {
            for app in line["applications"] as? [[String: Any]] ?? [] { used.insert(app["entry_no"] as? Int ?? 0) }
        }
        let rows = Harness.csv(try String(contentsOf: export.appendingPathComponent("open_entries.csv"), encoding: .utf8))
        return rows.compactMap { r in
            guard r["party_type"] == "customer", r["document_type"] == "invoice", let no = Int(r["entry_no"] ?? ""),
                  !used.contains(no), r["amount"] == r["remaining_amount"] else { return nil }
            return (no, r["remaining_amount"]!, r["document_no"]!)
        }
    }

    /// A one-line statement (generic CSV profile) paying `amount`, imported without matching.
    func importStatement(_ name: String, amount: String, text: String) throws -> Int {
        let file = dir.appendingPathComponent("\(name).csv")
        try """
            Date,Amount,Text,Name,Account,Reference,Balance,Currency,Transaction ID
            2026-11-25,\(amount),\(text),Kunde,,,,NOK,\(name)

            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try Harness.run(["statement", "import", file.path, "--format", "csv:generic", "--bank-account", "BANK1",
                                 "--no-match", "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func testTwoProcessesApplyingAndPostingTheSameEntry() throws {
        XCTAssertEqual(try Harness.run(["demo", "--db", db, "--seed", "3", "--no-tui"]).status, 0)
        let invoices = try freeInvoices()
        XCTAssertGreaterThanOrEqual(invoices.count, 3)
        for (round, (entry, amount, document)) in invoices.prefix(3).enumerated() {
            // Given two journals, each with a payment of the same invoice
            let journals = [try importStatement("A\(round)", amount: amount, text: "Faktura \(document)"),
                            try importStatement("B\(round)", amount: amount, text: "Faktura \(document) igjen")]
            // When two processes each apply it and post, at the same time
            let results = Array(repeating: [Harness.Result](), count: 2)
            let box = ResultsBox(results), path = db
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let j = String(journals[i])
                let apply = try? Harness.run(["apply", "--journal", j, "--line", "1", String(entry), "--db", path])
                let post = try? Harness.run(["post", "--journal", j, "--db", path])
                box.set(i, [apply, post].compactMap { $0 })
            }
            // Then exactly one posts
            let outcomes = box.value
            let posted = outcomes.map { $0.count == 2 && $0.allSatisfy { $0.status == 0 } }
            XCTAssertEqual(posted.filter { $0 }.count, 1, "round \(round): \(outcomes)")
            // And the other is told which line and which entry, as a user error (not a crash)
            let loser = try XCTUnwrap(outcomes.indices.first { !posted[$0] })
            let messages = outcomes[loser].map(\.stderr).joined()
            XCTAssertTrue(outcomes[loser].allSatisfy { $0.status == 0 || $0.status == 1 }, messages)
            XCTAssertTrue(messages.contains("line 1") && messages.contains("entry \(entry)"), messages)
            XCTAssertFalse(messages.contains("internal error"), messages)
            // Nothing lost: the loser's journal is still open with its line, the winner's posted
            let list = try Harness.json(try Harness.run(["journal", "list", "--json", "--db", db]).stdout) as? [[String: Any]] ?? []
            let status = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? Int ?? 0, $0["status"] as? String ?? "") })
            XCTAssertEqual(status[journals[loser]], "open")
            XCTAssertEqual(status[journals[1 - loser]], "posted")
        }
        // And the books hold: the invoices closed once, nothing posted twice
        let check = try Harness.run(["check", "--db", db])
        XCTAssertEqual(check.status, 0, check.stdout)
        let export = dir.appendingPathComponent("after")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, export.path]).status, 0)
        let posted = Harness.csv(try String(contentsOf: export.appendingPathComponent("posted_entries.csv"), encoding: .utf8))
        for (entry, amount, _) in invoices.prefix(3) {
            let payments = posted.filter { $0["applies_to_entry_no"] == String(entry) }
            XCTAssertEqual(payments.map { $0["amount"] }, ["-" + amount], "entry \(entry)")
        }
    }
}

/// The two runs' results, written from concurrentPerform's threads.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [[Harness.Result]]
    init(_ results: [[Harness.Result]]) { self.results = results }
    func set(_ i: Int, _ r: [Harness.Result]) { lock.lock(); results[i] = r; lock.unlock() }
    var value: [[Harness.Result]] { lock.lock(); defer { lock.unlock() }; return results }
}
