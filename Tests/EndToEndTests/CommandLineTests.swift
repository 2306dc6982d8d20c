import Foundation
import XCTest

/// The scriptable commands, driven as a user's script would: real binary, real files, exit codes.
final class CommandLineTests: BooksFolderTestCase {

    func journalJSON() throws -> [String: Any] {
        let r = try Harness.run(["journal", "show", "--db", db, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try Harness.json(r.stdout) as? [String: Any])
    }

    func testDemoMatchesAndPostsPartially() throws {
        let demo = try Harness.run(["demo", "--db", db, "--seed", "3", "--no-tui"])
        XCTAssertEqual(demo.status, 0, demo.stderr)

        let journal = try journalJSON()
        let lines = try XCTUnwrap(journal["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.count, 200)
        let allowed: Set<String> = ["none", "low", "medium", "high", "high_text_mapping", "manual", "accepted"]
        var high = 0
        for line in lines {
            let confidence = try XCTUnwrap(line["confidence"] as? String)
            XCTAssertTrue(allowed.contains(confidence), confidence)
            if confidence == "high" || confidence == "high_text_mapping" { high += 1 }
            // applied = applications + account part; difference = amount - applied (spec §6).
            let amount = try XCTUnwrap(Decimal(string: line["amount"] as! String))
            let applied = try XCTUnwrap(Decimal(string: line["applied_amount"] as! String))
            let difference = try XCTUnwrap(Decimal(string: line["difference"] as! String))
            XCTAssertEqual(amount - applied, difference)
            let apps = try XCTUnwrap(line["applications"] as? [[String: Any]])
            let appsSum = apps.reduce(Decimal(0)) { $0 + Decimal(string: $1["applied_amount"] as! String)! }
            if line["account"] is NSNull { XCTAssertEqual(appsSum, applied) }
        }
        XCTAssertGreaterThan(high, 100, "most demo lines should match with high confidence")

        // Unknown payers stay unapplied, so a full post is refused and changes nothing.
        let refused = try Harness.run(["post", "--db", db])
        XCTAssertEqual(refused.status, 1)
        XCTAssertFalse(refused.stderr.isEmpty)

        let preview = try Harness.run(["post", "--db", db, "--partial", "--preview", "--json"])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let posted = try Harness.run(["post", "--db", db, "--partial"])
        XCTAssertEqual(posted.status, 0, posted.stderr)

        let out = dir.appendingPathComponent("export")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, out.path]).status, 0)
        let rows = Harness.csv(try String(contentsOf: out.appendingPathComponent("posted_entries.csv"), encoding: .utf8))
        XCTAssertGreaterThan(rows.count, 100)
        // The G/L balances: the gl rows of posted_entries sum to zero, and every line's do too.
        var gl = Decimal(0)
        var perLine: [String: Decimal] = [:]
        for row in rows where row["ledger"] == "gl" {
            let amount = try XCTUnwrap(Decimal(string: row["amount"] ?? ""))
            gl += amount
            perLine[row["line_no"] ?? "", default: 0] += amount
        }
        XCTAssertTrue(perLine.values.allSatisfy { $0 == 0 }, "a posted line's G/L entries do not balance")
        XCTAssertEqual(gl, 0)
    }

    func testPostedEntriesExportAsAnHledgerJournalThatHledgerAccepts() throws {
        XCTAssertEqual(try Harness.run(["demo", "--db", db, "--seed", "6", "--lines", "60", "--no-tui"]).status, 0)
        XCTAssertEqual(try Harness.run(["post", "--db", db, "--partial"]).status, 0)
        let journal = dir.appendingPathComponent("books.journal")
        let r = try Harness.run(["export", "--db", db, "--hledger", journal.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOf: journal, encoding: .utf8)
        XCTAssertGreaterThan(text.components(separatedBy: "\n\n").count, 40)
        guard let hledger = ["/usr/bin/hledger", "/usr/local/bin/hledger"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("hledger is not installed")
        }
        // hledger itself reads the file: every transaction balances and the trial balance is zero.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: hledger)
        p.arguments = ["-f", journal.path, "balance", "--output-format", "csv"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let csv = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, csv)
        XCTAssertTrue(csv.contains("\"1920 Bankinnskudd DNB\""), csv)
        XCTAssertTrue(csv.split(separator: "\n").last?.hasSuffix(",\"0\"") == true, "the total is zero: \(csv)")
    }

    func testBadInputIsRefusedWithFileAndLineAndChangesNothing() throws {
        XCTAssertEqual(try Harness.run(["demo", "--db", db, "--seed", "5", "--lines", "20", "--no-tui"]).status, 0)
        let before = try Harness.run(["journal", "list", "--db", db, "--json"]).stdout

        let broken = dir.appendingPathComponent("broken.xml")
        try Data("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>".utf8).write(to: broken)
        let r = try Harness.run(["statement", "import", "--db", db, broken.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("broken.xml"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")

        let booksDir = dir.appendingPathComponent("bad-books")
        try FileManager.default.createDirectory(at: booksDir, withIntermediateDirectories: true)
        try "no,name\nC9001,Ny Kunde AS\n".write(to: booksDir.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        try "entry_no,party_type,party_no,document_type,document_no,posting_date,currency,amount,remaining_amount\n"
            .appending("990001,customer,C9001,invoice,990001,2026-02-30,NOK,100.00,100.00\n")
            .write(to: booksDir.appendingPathComponent("open_entries.csv"), atomically: true, encoding: .utf8)
        let b = try Harness.run(["books", "import", "--db", db, booksDir.path])
        XCTAssertEqual(b.status, 1)
        XCTAssertTrue(b.stderr.contains("open_entries.csv:2"), b.stderr)
        XCTAssertTrue(b.stderr.contains("2026-02-30"), b.stderr)

        // Nothing of either import was kept.
        let export = dir.appendingPathComponent("export")
        XCTAssertEqual(try Harness.run(["books", "export", "--db", db, export.path]).status, 0)
        let customers = try String(contentsOf: export.appendingPathComponent("customers.csv"), encoding: .utf8)
        XCTAssertFalse(customers.contains("C9001"))
        XCTAssertEqual(try Harness.run(["journal", "list", "--db", db, "--json"]).stdout, before)
    }

    func testSameStatementTwiceIsRefused() throws {
        XCTAssertEqual(try Harness.run(["demo", "--db", db, "--seed", "9", "--lines", "30", "--no-tui"]).status, 0)
        let statement = URL(fileURLWithPath: db + ".demo-files/statement-42.camt053.xml")
        let again = try Harness.run(["statement", "import", "--db", db, statement.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already"), again.stderr)
    }

    func testStatementParseMatchesTheFacts() throws {
        let file = Harness.testdata.appendingPathComponent("camt053/viafintech-camt_parser__053_valid_example_with_batch.xml")
        let r = try Harness.run(["statement", "parse", file.path, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try Harness.json(r.stdout) as? [String: Any])
        XCTAssertEqual((json["format"] as? String)?.hasPrefix("camt.053"), true)
        let statement = try XCTUnwrap((json["statements"] as? [[String: Any]])?.first)
        XCTAssertEqual(statement["account"] as? String, "NL18INGB00012345678")
        XCTAssertEqual(statement["opening_balance"] as? String, "7329.80")
        XCTAssertEqual((statement["entries"] as? [Any])?.count, 3)
    }

    func testUnknownCommandAndBadArgumentExitOne() throws {
        XCTAssertEqual(try Harness.run(["journal", "show", "--db", db, "--journal", "abc"]).status, 1)
        let none = try Harness.run(["journal", "show", "--db", db, "--json"])
        XCTAssertEqual(none.status, 1)
        XCTAssertFalse(none.stderr.contains("Fatal"))
    }
}
