import AvstemCore
@testable import AvstemMatching
import XCTest

/// The statement as a whole: groups, instalments, competition for one entry, mappings, bank entries,
/// locked lines, and the same answer whatever the input order.
final class AssignmentTests: XCTestCase {
    func testOneToManyPaysTheGroupInDueDateOrder() {
        let entries = [Fx.entry(10, Fx.fjord, doc: "2001", "300.00", due: "2026-11-01"),
                       Fx.entry(11, Fx.fjord, doc: "2002", "200.00", due: "2026-10-15"),
                       Fx.entry(12, Fx.fjord, doc: "2003", "999.00", due: "2026-09-01")]
        let engine = Fx.engine(entries)
        let full = engine.match(lines: [Fx.line(1, "500.00", "Fakturaer 2001, 2002", account: Fx.payerAccount)])[0]
        XCTAssertEqual(full.confidence, .high)
        XCTAssertEqual(full.appliedEntries, [11, 10])
        XCTAssertEqual(full.applications.map(\.appliedAmount), [Fx.m("200.00"), Fx.m("300.00")])
        XCTAssertEqual(full.applications[0].evidence.ruleCode, "high/2")
        XCTAssertEqual(full.applications[0].evidence.first(.documentNo)?.value, "yes_multiple")
        // Paid short: the earliest due entry is settled first, the rest goes to the next one.
        let short = engine.match(lines: [Fx.line(1, "400.00", "Fakturaer 2001, 2002", account: Fx.payerAccount)])[0]
        XCTAssertEqual(short.appliedEntries, [11, 10])
        XCTAssertEqual(short.applications.map(\.appliedAmount), [Fx.m("200.00"), Fx.m("200.00")])
    }

    func testInstalmentsShareOneEntryWhileItHasRemainingAmount() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "1000.00")])
        let lines = [Fx.line(1, "600.00", "Faktura 103245 del 1", account: Fx.payerAccount),
                     Fx.line(2, "400.00", "Faktura 103245 del 2", account: Fx.payerAccount),
                     Fx.line(3, "50.00", "Faktura 103245 del 3", account: Fx.payerAccount)]
        let results = engine.match(lines: lines)
        XCTAssertEqual(results.map(\.appliedEntries), [[10], [10], []])
        XCTAssertEqual(results.flatMap(\.applications).map(\.appliedAmount), [Fx.m("600.00"), Fx.m("400.00")])
    }

    func testCompetingLinesTheStrongerMatchWins() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "500.00")])
        // Line 1 only names the invoice; line 2 also comes from the customer's account.
        let lines = [Fx.line(1, "500.00", "Faktura 103245", name: "Ukjent"),
                     Fx.line(2, "500.00", "Faktura 103245", account: Fx.payerAccount)]
        let results = engine.match(lines: lines)
        XCTAssertEqual(results.map(\.lineNo), [1, 2])
        XCTAssertEqual(results[1].appliedEntries, [10])
        XCTAssertEqual(results[1].confidence, .high)
        XCTAssertEqual(results[0].applications, [])
        // The loser still sees the entry among its candidates, for review.
        XCTAssertEqual(results[0].candidates.first?.target, .ledgerEntry(10))
    }

    func testHighBeatsMappingAndMappingBeatsMedium() {
        let mapping = TextMapping(mappingText: "gebyr", accountType: .gl, accountNo: "7770", creditAccountNo: "7771")
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")], mappings: [mapping])
        let high = engine.match(lines: [Fx.line(1, "12450.00", "Gebyr faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(high.confidence, .high)
        XCTAssertNil(high.account)
        XCTAssertEqual(high.applications[0].evidence.first(.textMapping)?.value, "overridden")
        // Fully + document yes + wrong amount is Medium 2 (2998): the mapping (3000) wins.
        let medium = engine.match(lines: [Fx.line(1, "100.00", "Gebyr faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(medium.confidence, .highTextMapping)
        XCTAssertEqual(medium.account, AccountRef(type: .gl, no: "7770"))
        XCTAssertEqual(medium.accountAmount, Fx.m("100.00"))
        XCTAssertEqual(medium.applications, [])
        // Money out goes to the credit account.
        let out = engine.match(lines: [Fx.line(1, "-35.00", "Bankgebyr")])[0]
        XCTAssertEqual(out.account, AccountRef(type: .gl, no: "7771"))
        XCTAssertEqual(engine.textMapping(for: Fx.line(1, "-35.00", "Bankgebyr"))?.account, AccountRef(type: .gl, no: "7771"))
    }

    func testEqualCandidatesAreFlaggedForReview() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "500.00"), Fx.entry(11, Fx.fjord, doc: "103246", "500.00")])
        let result = engine.match(lines: [Fx.line(1, "500.00", "Betaling", account: Fx.payerAccount)])[0]
        // Fully, no document, two entries of that amount: Medium 3, and nothing tells them apart.
        XCTAssertEqual(result.confidence, .medium)
        XCTAssertEqual(result.appliedEntries, [10])
        XCTAssertEqual(result.applications[0].evidence.last,
                       Evidence(.rule, "tie", "invoice 103246 of customer C0001 Fjord Bakeri AS scores the same (medium/3); check which one is meant"))
        // With the invoice number in the text the other one is only the runner-up.
        let clear = engine.match(lines: [Fx.line(1, "500.00", "Faktura 103246", account: Fx.payerAccount)])[0]
        XCTAssertEqual(clear.appliedEntries, [11])
        XCTAssertEqual(clear.applications[0].evidence.last?.value, "runner_up")
        XCTAssertTrue(clear.applications[0].evidence.last!.detail.hasPrefix("next best: invoice 103245"))
    }

    func testMappingExplainsItself() {
        let mapping = TextMapping(mappingText: "Vipps", accountType: .gl, accountNo: "1580")
        let engine = Fx.engine([], mappings: [mapping, TextMapping(mappingText: "Vipps AS oppgjør", accountType: .gl, accountNo: "1581")])
        // The longer, more specific mapping text wins.
        let match = engine.textMapping(for: Fx.line(1, "300.00", "VIPPS AS OPPGJØR 2026-11-01"))
        XCTAssertEqual(match?.account, AccountRef(type: .gl, no: "1581"))
        XCTAssertEqual(match?.evidence.first(.textMapping)?.detail, "text contains \"Vipps AS oppgjør\", mapped to gl account 1581")
        XCTAssertNil(engine.textMapping(for: Fx.line(1, "300.00", "Betaling")))
    }

    func testLineResultKeepsTheBestFiveCandidates() {
        let entries = (0..<8).map { Fx.entry(Int64(10 + $0), Fx.fjord, doc: "\(7000 + $0)", "\(100 + $0).00") }
        let result = Fx.engine(entries).match(lines: [Fx.line(1, "104.00", "Betaling", account: Fx.payerAccount)])[0]
        XCTAssertEqual(result.appliedEntries, [14]) // fully, no document, one amount: High 9
        XCTAssertEqual(result.candidates.count, MatchEngine.keptCandidates)
        XCTAssertEqual(result.candidates.first?.target, .ledgerEntry(14))
        // The rest are Low 1 (fully, no document, no amount match), nearest amount first.
        XCTAssertEqual(result.candidates.dropFirst().map(\.target), [.ledgerEntry(13), .ledgerEntry(15), .ledgerEntry(12), .ledgerEntry(16)])
        XCTAssertEqual(Set(result.candidates.dropFirst().map(\.confidence)), [.low])
    }

    func testAlreadyPostedBankEntryIsPreferredToTheMapping() {
        let mapping = TextMapping(mappingText: "HUSLEIE", accountType: .gl, accountNo: "6300")
        let posted = BankLedgerEntry(entryNo: 55, bankAccount: "BANK1", postingDate: Fx.d("2026-11-01"),
                                     description: "Husleie november", amount: Fx.m("-15000.00"))
        let engine = Fx.engine([], bankEntries: [posted], mappings: [mapping])
        let result = engine.match(lines: [Fx.line(1, "-15000.00", "HUSLEIE NOVEMBER")])[0]
        XCTAssertNil(result.account)
        XCTAssertEqual(result.applications.map(\.target), [.bankLedgerEntry(55)])
        XCTAssertEqual(result.applications.map(\.appliedAmount), [Fx.m("-15000.00")])
        // Four days apart is too far.
        let late = engine.match(lines: [Fx.line(1, "-15000.00", "HUSLEIE NOVEMBER", date: "2026-11-05")])[0]
        XCTAssertEqual(late.account, AccountRef(type: .gl, no: "6300"))
    }

    func testBankEntryWithoutMappingScoresByTheRules() {
        let posted = BankLedgerEntry(entryNo: 55, bankAccount: "BANK1", postingDate: Fx.d("2026-11-03"),
                                     documentNo: "UTB-4411", amount: Fx.m("-2500.00"))
        let engine = Fx.engine([], bankEntries: [posted])
        let result = engine.match(lines: [Fx.line(1, "-2500.00", "Utbetaling UTB-4411")])[0]
        XCTAssertEqual(result.applications.map(\.target), [.bankLedgerEntry(55)])
        XCTAssertEqual(result.confidence, .medium) // no party, document yes, one amount: Medium 6
    }

    func testLockedLinesAreKeptAndConsumeTheirEntries() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "500.00"),
                                Fx.entry(11, Fx.fjord, doc: "103246", "500.00")])
        let lines = [Fx.line(1, "500.00", "Faktura 103245", account: Fx.payerAccount),
                     Fx.line(2, "500.00", "Faktura 103245", account: Fx.payerAccount)]
        let manual = Application(journalId: 1, lineNo: 1, target: .ledgerEntry(10), appliedAmount: Fx.m("500.00"), confidence: .manual)
        let results = engine.match(lines: lines, locked: [1: [manual]])
        XCTAssertEqual(results.map(\.lineNo), [2])
        // Entry 10 is used up by the user's decision; line 2 falls back to the customer's other invoice.
        XCTAssertEqual(results[0].appliedEntries, [11])
        XCTAssertEqual(results[0].confidence, .high) // fully, no document, one amount: High 9
    }

    func testManualCandidatesRespectWhatOtherLinesApply() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "1000.00"),
                                Fx.entry(20, Fx.nordlys, doc: "900001", "990.00"),
                                Fx.entry(30, Fx.supplier, doc: "KL-5501", "-990.00")])
        let line = Fx.line(1, "800.00", "Betaling", name: "Ukjent")
        let list = engine.candidates(for: line, alreadyApplied: [.ledgerEntry(10): Fx.m("700.00")])
        // Same sign only, any party, nearest amounts when nothing else points anywhere.
        XCTAssertEqual(Set(list.map(\.target)), [.ledgerEntry(10), .ledgerEntry(20)])
        XCTAssertEqual(list.first { $0.target == .ledgerEntry(10) }?.proposedAmount, Fx.m("300.00"))
        XCTAssertEqual(list.first { $0.target == .ledgerEntry(20) }?.proposedAmount, Fx.m("800.00"))
        XCTAssertEqual(engine.candidates(for: line, limit: 1).count, 1)
    }

    /// With runs of 8 lines per thread, so the statement is scored across threads as large ones are.
    func testSameResultWhateverTheInputOrder() {
        var entries: [LedgerEntry] = []
        var lines: [JournalLine] = []
        let payers = [Fx.fjord, Fx.nordlys]
        for i in 0..<60 {
            let party = payers[i % 2]
            let amount = ["100.00", "250.00", "250.00", "1000.00"][i % 4]
            entries.append(Fx.entry(Int64(100 + i), party, doc: "\(50000 + i)", amount, due: "2026-10-\(10 + i % 15)"))
        }
        for i in 0..<60 {
            let text = i % 3 == 0 ? "Faktura \(50000 + i)" : (i % 3 == 1 ? "Betaling" : "Fakturaer \(50000 + i) \(50001 + i)")
            let amount = ["100.00", "250.00", "350.00", "1000.00", "175.00"][i % 5]
            lines.append(Fx.line(i + 1, amount, text, name: i % 2 == 0 ? "Fjord Bakeri" : "Nordlys Elektro",
                                 account: i % 4 == 0 ? Fx.payerAccount : nil))
        }
        func engine(_ entries: [LedgerEntry], _ parties: [Party]) -> MatchEngine {
            MatchEngine(context: MatchContext(bankAccount: Fx.bank, parties: parties, openEntries: entries),
                        rules: MatchRules.businessCentralDefault, minimumRun: 8)
        }
        let expected = engine(entries, Fx.parties).match(lines: lines)
        XCTAssertEqual(expected, Fx.engine(entries).match(lines: lines))
        XCTAssertGreaterThan(expected.filter { !$0.applications.isEmpty }.count, 20)
        var rng = SeededRandom(seed: 7)
        for _ in 0..<3 {
            let shuffledLines = lines.shuffled(using: &rng)
            let results = engine(entries.shuffled(using: &rng), Fx.parties.shuffled(using: &rng)).match(lines: shuffledLines)
            XCTAssertEqual(results.map(\.lineNo), shuffledLines.map(\.lineNo))
            XCTAssertEqual(results.sorted { $0.lineNo < $1.lineNo }, expected)
        }
    }
}

