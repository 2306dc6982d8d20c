import AvstemCore
import AvstemMatching
import XCTest

/// Every rule of Business Central's default matrix, reached through a line and books built so that the
/// candidate has exactly that rule's dimension values.
final class RuleMatrixTests: XCTestCase {
    func testDefaultMatrixHasBCsRulesScoresAndReviewFlags() {
        let rules = MatchRules.businessCentralDefault
        XCTAssertEqual(rules.filter { $0.confidence == .high }.count, 12)
        XCTAssertEqual(rules.filter { $0.confidence == .medium }.count, 9)
        XCTAssertEqual(rules.filter { $0.confidence == .low }.count, 5)
        XCTAssertTrue(rules.filter { $0.confidence != .high }.allSatisfy(\.reviewRequired))
        XCTAssertFalse(rules.filter { $0.confidence == .high }.contains(where: \.reviewRequired))
        XCTAssertEqual(rules.first { $0.confidence == .high && $0.priority == 4 }?.score, 3996)
        XCTAssertEqual(rules.map(\.score).min(), 1995)
        XCTAssertEqual(Fx.engine([]).applyThreshold, 1995)
        // High 1 needs a direct-debit collection; without one it must not fit every candidate.
        let high1 = rules.first { $0.confidence == .high && $0.priority == 1 }!
        XCTAssertFalse(high1.fits(relatedParty: .no, documentNo: .no, amount: .none))
    }

    /// Builds a line whose candidate invoice 103245 (entry 10) has the given dimension values.
    func scenario(_ rp: RelatedPartyMatch, _ doc: DocumentMatch, _ amt: AmountMatch,
                  policy: MatchPolicy = .businessCentral) -> (MatchEngine, JournalLine) {
        var entries = [Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")]
        var text = "Betaling"
        var total = "12450.00"
        switch doc {
        case .yes: text = "Faktura 103245"
        case .yesMultiple:
            entries.append(Fx.entry(11, Fx.fjord, doc: "103246", "550.00"))
            text = "Faktura 103245 og 103246"; total = "13000.00"
        case .no: break
        }
        if amt == .multiple { entries.append(Fx.entry(20, Fx.nordlys, doc: "900001", total)) }
        let amount = amt == .none ? "5000.00" : total
        let line: JournalLine
        switch rp {
        case .fully: line = Fx.line(1, amount, text, name: "Fjord Bakeri", account: Fx.payerAccount)
        case .partially: line = Fx.line(1, amount, text, name: "Fjord Bakeri")
        case .no: line = Fx.line(1, amount, text, name: "Ukjent Person")
        }
        return (Fx.engine(entries, parties: Fx.parties + [Fx.fjordBranch], policy: policy), line)
    }

    func testEveryDefaultRuleIsReachedAndApplied() {
        for rule in MatchRules.businessCentralDefault where rule.directDebitCollection == nil {
            let (engine, line) = scenario(rule.relatedParty!, rule.documentNo!, rule.amount ?? .none)
            let label = "rule \(rule.code)"
            let candidate = engine.candidates(for: line).first { $0.target == .ledgerEntry(10) }
            XCTAssertEqual(candidate?.evidence.ruleCode, rule.code, label)
            XCTAssertEqual(candidate?.score, rule.score, label)
            XCTAssertEqual(candidate?.confidence, rule.confidence, label)
            let result = engine.match(lines: [line])[0]
            XCTAssertEqual(result.confidence, rule.confidence, label)
            XCTAssertEqual(result.appliedEntries.first, 10, label)
        }
    }

    /// Low 4 and Low 5 (unknown party, no document, amount fits) rest on the amount alone, Low 1 and Low 3
    /// (party known, no document, amount does not fit) on the party alone. By default avstem scores and
    /// offers such a candidate but does not apply it; every other rule still applies.
    func testSingleEvidenceRulesAreOfferedNotApplied() {
        for rule in MatchRules.businessCentralDefault where rule.directDebitCollection == nil {
            let (engine, line) = scenario(rule.relatedParty!, rule.documentNo!, rule.amount ?? .none, policy: MatchPolicy())
            let label = "rule \(rule.code)"
            let amountOnly = rule.relatedParty == .no && rule.documentNo == .no
            let partyOnly = rule.relatedParty != .no && rule.documentNo == .no && rule.amount == AmountMatch.none
            let result = engine.match(lines: [line])[0]
            if partyOnly {
                XCTAssertEqual(result.appliedEntries, [], label)
                continue
            }
            XCTAssertEqual(result.appliedEntries.isEmpty, amountOnly, label)
            if amountOnly {
                XCTAssertEqual(result.confidence, MatchConfidence.none, label)
                let offered = result.candidates.first { $0.target == .ledgerEntry(10) }
                XCTAssertEqual(offered?.confidence, rule.confidence, label)
                XCTAssertTrue(offered?.evidence.first(.rule)?.detail.contains("offered for review, not applied") ?? false, label)
            }
        }
    }

    func testNothingFitsBelowTheLowRules() {
        // Unknown payer, no document, wrong amount: the entry is listed for manual work but not applied.
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        let line = Fx.line(1, "12000.00", "Betaling", name: "Ukjent Person")
        XCTAssertEqual(engine.match(lines: [line])[0].applications, [])
        XCTAssertEqual(engine.match(lines: [line])[0].confidence, MatchConfidence.none)
        let manual = engine.candidates(for: line)
        XCTAssertEqual(manual.map(\.target), [.ledgerEntry(10)])
        XCTAssertEqual(manual.first?.score, 0)
        XCTAssertEqual(manual.first?.evidence.ruleCode, "none")
    }

    func testEvidenceReadsLikeABookkeepersNote() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        let line = Fx.line(1, "12450.00", "Faktura 103245", name: "Fjord Bakeri AS", account: "NO93 8601 1117 947")
        let app = engine.match(lines: [line])[0].applications[0]
        XCTAssertEqual(app.confidence, .high)
        XCTAssertEqual(app.evidence.first(.relatedParty),
                       Evidence(.relatedParty, "fully", "payer account NO9386011117947 belongs to customer C0001 Fjord Bakeri AS"))
        XCTAssertEqual(app.evidence.first(.documentNo), Evidence(.documentNo, "yes", "invoice 103245 found in the text"))
        XCTAssertEqual(app.evidence.first(.amount), Evidence(.amount, "one", "12 450.00 equals the remaining amount of invoice 103245"))
        XCTAssertEqual(app.evidence.first(.rule),
                       Evidence(.rule, "high/4", "High, rule 4: related party fully, document no. yes, amount one match"))
    }
}
