import Foundation
import XCTest

/// `journal show --json` carries, per line, an `explanation` beside the spec's keys: the chosen
/// application with its evidence, the best alternative, and why the alternative lost.
final class ExplanationJSONTests: XCTestCase {
    func testEveryLineExplainsItsDecision() throws {
        let dir = try Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("books.sqlite").path
        let demo = try Harness.run(["demo", "--db", db, "--seed", "4", "--lines", "60", "--no-tui"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let r = try Harness.run(["journal", "show", "--db", db, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let journal = try XCTUnwrap(try Harness.json(r.stdout) as? [String: Any])
        let lines = try XCTUnwrap(journal["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.count, 60)
        var explainedAlternatives = 0
        for line in lines {
            let x = try XCTUnwrap(line["explanation"] as? [String: Any], "line \(line["line_no"] ?? "?")")
            XCTAssertFalse((x["reason"] as? String ?? "").isEmpty)
            let apps = try XCTUnwrap(line["applications"] as? [[String: Any]])
            if apps.isEmpty {
                continue
            }
            // The chosen targets are exactly the line's applications, and its evidence names a rule.
            let chosen = try XCTUnwrap(x["chosen"] as? [String: Any])
            let targets = try XCTUnwrap(chosen["targets"] as? [[String: Any]]).map { $0["entry_no"] as? Int }
            XCTAssertEqual(targets, apps.map { $0["entry_no"] as? Int })
            let evidence = try XCTUnwrap(chosen["evidence"] as? [[String: Any]])
            XCTAssertTrue(evidence.contains { $0["dimension"] as? String == "rule" })
            if let alt = x["best_alternative"] as? [String: Any] {
                explainedAlternatives += 1
                XCTAssertNotNil(alt["score"] as? Int)
                XCTAssertFalse(try XCTUnwrap(alt["evidence"] as? [[String: Any]]).isEmpty)
            }
        }
        XCTAssertGreaterThan(explainedAlternatives, 0)
    }
}
