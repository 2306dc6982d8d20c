import AvstemCore
import AvstemMatching
@testable import AvstemStore
import XCTest

/// The payment application rules as data: read, edited, imported, audited, and used by matching.
final class RulesStoreTests: XCTestCase {
    let defaults = RulesFile.ordered(MatchRules.businessCentralDefault)

    func auditActions(_ db: AppDatabase) throws -> [String] { try db.auditLog(journalId: nil).map(\.action) }

    func testAFreshDatabaseHasBusinessCentralsDefaultRules() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertEqual(try db.matchRules(), defaults)
        XCTAssertEqual(try db.matchRules().count, 26)
        // Listed best score first; the score is (confidence + 1) × 1000 − priority.
        let scores = try db.matchRules().map(\.score)
        XCTAssertEqual(scores, scores.sorted(by: >))
        XCTAssertEqual(try db.matchRules().first { $0.code == "medium/3" }?.score, 2997)
    }

    func testSetAddsOrReplacesByConfidenceAndPriorityAndIsAudited() throws {
        let db = try AppDatabase.inMemory()
        let replaced = MatchRule(confidence: .medium, priority: 3, relatedParty: .fully, documentNo: .no, amount: .one, reviewRequired: true)
        let old = try db.setRule(replaced)
        XCTAssertEqual(old?.amount, .multiple)
        var rules = try db.matchRules()
        XCTAssertEqual(rules.count, 26)
        XCTAssertEqual(rules.first { $0.code == "medium/3" }, replaced)

        let added = MatchRule(confidence: .low, priority: 9, relatedParty: .no, documentNo: .no, amount: AmountMatch.none, reviewRequired: true)
        XCTAssertNil(try db.setRule(added))
        rules = try db.matchRules()
        XCTAssertEqual(rules.count, 27)
        XCTAssertEqual(rules.last, added)
        XCTAssertEqual(try auditActions(db), [AuditAction.rulesSet, AuditAction.rulesSet])
        XCTAssertTrue(try db.auditLog(journalId: nil)[0].detail.contains("amount multiple"))
        XCTAssertTrue(try db.auditLog(journalId: nil)[0].detail.contains("→ medium/3 (score 2997)"))
    }

    func testInvalidRulesAreRefusedAndChangeNothing() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertEqual(userError { try db.setRule(MatchRule(confidence: .high, priority: 0)) }, "priority 0 is not in 1…999")
        XCTAssertEqual(userError { try db.setRule(MatchRule(confidence: .manual, priority: 3)) }, "confidence 'manual' must be high, medium or low")
        XCTAssertEqual(userError { try db.deleteRule(confidence: .low, priority: 9) },
                       "there is no low rule with priority 9 (see `avstem rules list`)")
        XCTAssertEqual(try db.matchRules(), defaults)
        XCTAssertEqual(try auditActions(db), [])
    }

    func testDeleteAndResetAndTheLastRuleStays() throws {
        let db = try AppDatabase.inMemory()
        try db.deleteRule(confidence: .high, priority: 4)
        XCTAssertEqual(try db.matchRules().count, 25)
        XCTAssertNil(try db.matchRules().first { $0.code == "high/4" })
        try db.resetRules()
        XCTAssertEqual(try db.matchRules(), defaults)
        _ = try db.importRules("high,5,fully,yes,one,any,no\n", file: "one.csv")
        XCTAssertEqual(userError { try db.deleteRule(confidence: .high, priority: 5) },
                       "the last rule cannot be deleted; `avstem rules reset` restores the default")
        XCTAssertEqual(try db.matchRules().count, 1)
        XCTAssertEqual(try auditActions(db), [AuditAction.rulesDelete, AuditAction.rulesReset, AuditAction.rulesImport])
    }

    func testExportThenImportGivesTheSameRules() throws {
        let db = try AppDatabase.inMemory()
        try db.setRule(MatchRule(confidence: .low, priority: 7, relatedParty: .partially, documentNo: nil, amount: .one,
                                 directDebitCollection: false, reviewRequired: true))
        let text = RulesFile.format(try db.matchRules())
        let other = try AppDatabase.inMemory()
        XCTAssertEqual(try other.importRules(text, file: "rules.csv"), 27)
        XCTAssertEqual(try other.matchRules(), try db.matchRules())
        XCTAssertTrue(text.contains("low,7,partially,any,one,no,yes\n"), text)
        XCTAssertTrue(text.contains("high,1,any,any,any,yes,no\n"), text)
    }

    func testABadRulesFileNamesFileLineAndReasonAndChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        try db.setRule(MatchRule(confidence: .low, priority: 9, reviewRequired: true))
        let before = try db.matchRules()
        let audited = try auditActions(db).count
        let good = "# my rules\n" + RulesFile.header + "\nhigh,2,fully,yes,one,any,no\n\n"
        let cases: [(String, String)] = [
            (good + "high,0,fully,yes,one,any,no\n", "r.csv:5: priority 0 is not in 1…999"),
            (good + "top,2,fully,yes,one,any,no\n", "r.csv:5: confidence 'top' must be high, medium or low"),
            (good + "high,3,maybe,yes,one,any,no\n", "r.csv:5: related party 'maybe' must be fully, partially, no or any"),
            (good + "high,3,fully,perhaps,one,any,no\n", "r.csv:5: document no. 'perhaps' must be yes, yes_multiple, no or any"),
            (good + "high,3,fully,yes,two,any,no\n", "r.csv:5: amount 'two' must be one, multiple, no_matches or any"),
            (good + "high,3,fully,yes,one,sometimes,no\n", "r.csv:5: direct_debit 'sometimes' must be yes, no or any"),
            (good + "high,3,fully,yes,one,any,maybe\n", "r.csv:5: review_required 'maybe' must be yes or no"),
            (good + "high,3,fully,yes\n", "r.csv:5: expected 7 fields (\(RulesFile.header)), found 4"),
            (good + "high,x,fully,yes,one,any,no\n", "r.csv:5: priority 'x' is not a number"),
            (good + "HIGH,2,no,no,one,any,no\n", "r.csv:5: high priority 2 is already defined on line 3"),
            ("confidence,prio\n", "r.csv:1: the header must be \(RulesFile.header)"),
            ("# nothing\n\n", "r.csv: no rules in the file (an empty rule set would match nothing)"),
        ]
        for (text, message) in cases {
            XCTAssertEqual(userError { _ = try db.importRules(text, file: "r.csv") }, message)
        }
        XCTAssertEqual(try db.matchRules(), before)
        XCTAssertEqual(try auditActions(db).count, audited)
    }

    func testMatchingUsesTheStoredRulesAndTheDefaultChangesNothing() throws {
        // A payment from Fjord's own account naming invoice 103245 with its exact amount: High 4.
        let tx = StatementEntry(bookingDate: day("2026-11-05"), amount: nok("500.00"), text: "Faktura 103245",
                                relatedPartyAccount: "NO93 8601 1117 947", bankTransactionId: "TX-1")
        let (db, id) = try Fixture.journal([tx])
        _ = try db.applyAutomatically(journalId: id)
        let first = try db.snapshot(journalId: id)
        XCTAssertEqual(first.lines[0].confidence, .high)
        XCTAssertEqual(first.applications[1]?.first?.evidence.first { $0.dimension == .rule }?.value, "high/4")

        // The same default written out explicitly gives the same result, to the evidence.
        try db.resetRules()
        _ = try db.applyAutomatically(journalId: id)
        XCTAssertEqual(try db.snapshot(journalId: id).applications, first.applications)

        // Without High 4 the best fitting rule is Medium 2 (fully, yes, any amount).
        try db.deleteRule(confidence: .high, priority: 4)
        _ = try db.applyAutomatically(journalId: id)
        let second = try db.snapshot(journalId: id)
        XCTAssertEqual(second.lines[0].confidence, .medium)
        XCTAssertEqual(second.applications[1]?.first?.evidence.first { $0.dimension == .rule }?.value, "medium/2")
    }
}
