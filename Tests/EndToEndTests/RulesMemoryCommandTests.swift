import Foundation
import XCTest

/// `avstem rules` and `avstem memory` as a user's script and a user at the journal drive them.
final class RulesMemoryCommandTests: BooksFolderTestCase {

    @discardableResult
    func ok(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try Harness.run(args + ["--db", db])
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func confidences() throws -> [String] {
        let journal = try XCTUnwrap(try Harness.json(try ok("journal", "show", "--json")) as? [String: Any])
        return try XCTUnwrap(journal["lines"] as? [[String: Any]]).map { $0["confidence"] as? String ?? "" }
    }

    func rules() throws -> [[String: Any]] {
        try XCTUnwrap(try Harness.json(try ok("rules", "list", "--json")) as? [[String: Any]])
    }

    func testRulesAreListedEditedImportedAndUsedByMatch() throws {
        try ok("demo", "--seed", "3", "--lines", "60", "--no-tui")
        let defaults = try rules()
        XCTAssertEqual(defaults.count, 26)
        let level = ["high": 3, "medium": 2, "low": 1]
        for r in defaults {
            let c = try XCTUnwrap(r["confidence"] as? String), p = try XCTUnwrap(r["priority"] as? Int)
            XCTAssertEqual(r["score"] as? Int, (level[c]! + 1) * 1000 - p, "\(r)")
        }
        let highBefore = try confidences().filter { $0 == "high" }.count
        XCTAssertGreaterThan(highBefore, 0)

        // Export, keep only the Medium and Low rules, import: `match` then finds no High.
        let exported = dir.appendingPathComponent("rules.csv")
        try ok("rules", "export", exported.path)
        let text = try String(contentsOf: exported, encoding: .utf8)
        let noHigh = text.split(separator: "\n").filter { !$0.hasPrefix("high,") }.joined(separator: "\n") + "\n"
        let reduced = dir.appendingPathComponent("no-high.csv")
        try noHigh.write(to: reduced, atomically: true, encoding: .utf8)
        XCTAssertTrue(try ok("rules", "import", reduced.path).contains("imported 14 rules"))
        try ok("match")
        XCTAssertFalse(try confidences().contains("high"))

        // A bad file names file and line, and changes nothing.
        let bad = dir.appendingPathComponent("bad.csv")
        try (noHigh + "high,1000,fully,yes,one,any,no\n").write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Harness.run(["rules", "import", "--db", db, bad.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "avstem: \(bad.path):\(noHigh.split(separator: "\n", omittingEmptySubsequences: false).count): priority 1000 is not in 1…999\n")
        XCTAssertEqual(try rules().count, 14)

        // Back to the default: the same result as before.
        try ok("rules", "reset")
        try ok("match")
        XCTAssertEqual(try confidences().filter { $0 == "high" }.count, highBefore)

        // One rule set and one deleted; a bad value is a user error.
        XCTAssertEqual(try ok("rules", "set", "--confidence", "low", "--priority", "9", "--related-party", "no", "--doc-no", "no",
                              "--amount", "no_matches", "--review-required"),
                       "added low/9 (score 1991): related party no, document no. no, amount no_matches, review required\n")
        XCTAssertEqual(try rules().count, 27)
        try ok("rules", "delete", "--confidence", "low", "--priority", "9")
        let wrong = try Harness.run(["rules", "set", "--db", db, "--confidence", "top", "--priority", "1"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.stderr, "avstem: confidence 'top' must be high, medium or low\n")
        XCTAssertEqual(try rules().count, 26)

        let audit = try ok("audit")
        for action in ["rules_import", "rules_reset", "rules_set", "rules_delete"] {
            XCTAssertTrue(audit.contains("\t\(action)\t"), "\(action) is audited")
        }
    }

    func testMemoryLearnsFromApplyingByHandInTheJournalAndForgets() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed") }
        let socket = "avstem-mem-\(UUID().uuidString.prefix(8))"
        defer { _ = try? Tmux.run(["-L", socket, "kill-server"], capture: false) }
        let tui = TuiDriver(socket: socket)
        try Tmux.run(["-L", socket, "new-session", "-d", "-s", "e2e", "-x", "160", "-y", "48",
                      "\(Harness.binary.path) demo --db \(db) --seed 4 --lines 40; sleep 60"], capture: false)
        try tui.waitFor("the journal") { try tui.screen().contains("Payment reconciliation") }
        XCTAssertEqual(try ok("memory", "list"), "nothing learned yet\n")
        XCTAssertEqual((try Harness.json(try ok("memory", "list", "--json")) as? [Any])?.count, 0)

        // A line matched by the payer's own account: remove its match and apply the same entry by hand.
        let journal = try XCTUnwrap(try Harness.json(try ok("journal", "show", "--json")) as? [String: Any])
        let lines = try XCTUnwrap(journal["lines"] as? [[String: Any]])
        func application(_ line: [String: Any]) -> [String: Any]? {
            let apps = line["applications"] as? [[String: Any]] ?? []
            return apps.count == 1 ? apps[0] : nil
        }
        let index = try XCTUnwrap(lines.firstIndex { line in
            guard line["confidence"] as? String == "high", let app = application(line) else { return false }
            let party = (app["evidence"] as? [[String: Any]])?.first { $0["dimension"] as? String == "related_party" }
            return (party?["detail"] as? String)?.hasPrefix("payer account ") == true
        })
        let lineNo = try XCTUnwrap(lines[index]["line_no"] as? Int)
        let app = try XCTUnwrap(application(lines[index]))
        try tui.send("g")
        for _ in 0..<index { try tui.send("j") }
        try tui.waitFor("line \(lineNo) selected") {
            try tui.screen().split(separator: "\n").contains {
                $0.hasPrefix("▶") && $0.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " ?*")).hasPrefix("\(lineNo) ")
            }
        }
        try tui.send("r")
        try tui.send("Enter")
        try tui.waitFor("the apply manually dialog") { try tui.screen().contains("Apply manually") }
        try tui.send("Space")
        try tui.send("Enter")
        try tui.waitFor("what was learned") { try ok("memory", "list") != "nothing learned yet\n" }
        try tui.send("q")

        // The memory lists it: this payer's account → the entry's party, once.
        let learned = try XCTUnwrap(try Harness.json(try ok("memory", "list", "--json")) as? [[String: Any]])
        XCTAssertEqual(learned.count, 1)
        XCTAssertEqual(learned[0]["kind"] as? String, "payer_account")
        XCTAssertEqual(learned[0]["target_type"] as? String, app["party_type"] as? String)
        XCTAssertEqual(learned[0]["target_no"] as? String, app["party_no"] as? String)
        XCTAssertEqual(learned[0]["count"] as? Int, 1)
        let id = try XCTUnwrap(learned[0]["id"] as? Int)
        XCTAssertTrue(try ok("memory", "list").hasPrefix("\(id)\tpayer account "))

        // Forgetting: a wrong id is a user error and changes nothing; the right one empties the memory, audited.
        let missing = try Harness.run(["memory", "forget", "--db", db, "\(id + 100)"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "avstem: nothing learned has id \(id + 100) (see `avstem memory list`)\n")
        XCTAssertEqual(try ok("memory", "forget", "\(id)"), "forgot 1 learned choice\n")
        XCTAssertEqual(try ok("memory", "list"), "nothing learned yet\n")
        XCTAssertTrue(try ok("audit").contains("\tmemory_forget\tforgot payer account "))
        XCTAssertEqual(try ok("memory", "suggest"), "no suggestions\n")
        XCTAssertEqual(try Harness.run(["memory", "forget", "--db", db]).status, 1, "an id or --all is needed")
    }
}
