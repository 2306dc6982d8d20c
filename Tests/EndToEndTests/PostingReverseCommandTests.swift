import Foundation
import XCTest

/// `avstem statement reverse NO` as a script would use it.
final class PostingReverseCommandTests: XCTestCase {
    func testReverseAPostedStatementThenRefuseTheSecondTime() throws {
        let dir = try Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("books.sqlite").path
        XCTAssertEqual(try Harness.run(["demo", "--db", db, "--seed", "3", "--no-tui"]).status, 0)
        let before = try Harness.run(["check", "--digest", "--db", db])
        XCTAssertEqual(try Harness.run(["post", "--partial", "--db", db]).status, 0)

        let reverse = try Harness.run(["statement", "reverse", "42", "--db", db])
        XCTAssertEqual(reverse.status, 0, reverse.stderr)
        XCTAssertTrue(reverse.stdout.hasPrefix("reversed BANK1 statement 42 (journal 1): "), reverse.stdout)
        XCTAssertTrue(reverse.stdout.contains("are back in journal 1, applied as posted"), reverse.stdout)
        let after = try Harness.run(["check", "--digest", "--db", db])
        XCTAssertEqual(after.status, 0, after.stdout)
        XCTAssertNotEqual(after.stdout, before.stdout, "the reversal is recorded, not erased")

        let again = try Harness.run(["statement", "reverse", "42", "--db", db])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.hasPrefix("avstem: statement 42 was reversed already ("), again.stderr)
        let unknown = try Harness.run(["statement", "reverse", "7", "--db", db])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "avstem: no posted statement 7\n")
        // The journal is open again and posts again
        XCTAssertEqual(try Harness.run(["post", "--partial", "--db", db]).status, 0)
    }
}
