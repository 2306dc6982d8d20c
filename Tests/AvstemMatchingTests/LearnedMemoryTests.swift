import AvstemCore
import AvstemMatching
import XCTest

/// The learned memory as evidence: a payer account the user applied to a party before raises that
/// party's related-party dimension to `partially`, says so in words, never makes a match High, and
/// forgetting it gives the engine's earlier answer back.
final class LearnedMemoryTests: XCTestCase {
    static let strangerAccount = "NO11 2222 3333 444"

    static func payer(_ party: Party, times: Int, id: Int64 = 1, account: String = strangerAccount) -> LearnedChoice {
        LearnedChoice(id: id, kind: .payerAccount, key: LearnedKey.account(account), shown: account,
                      target: AccountRef(type: party.type == .customer ? .customer : .vendor, no: party.no),
                      count: times, lastDate: Fx.d("2026-10-02"))
    }

    func engine(_ entries: [LedgerEntry], memory: [LearnedChoice], rules: [MatchRule] = MatchRules.businessCentralDefault) -> MatchEngine {
        var context = MatchContext(bankAccount: Fx.bank, parties: Fx.parties, openEntries: entries)
        context.learned = LearnedMemory(memory)
        return MatchEngine(context: context, rules: rules)
    }

    /// Two customers with an open invoice of the same amount, and a payment from an account nobody knows.
    let twins = [Fx.entry(1, Fx.fjord, doc: "103245", "250.00"), Fx.entry(2, Fx.nordlys, doc: "200001", "250.00")]
    let payment = Fx.line(1, "250.00", "Betaling", account: strangerAccount)

    func testALearnedPayerAccountDecidesBetweenEqualAmountsAndForgettingUndoesIt() throws {
        // Without memory both invoices fit equally (no party, no document, amount: multiple): an amount
        // alone is not enough to apply, so both are offered for review and nothing is applied.
        let before = engine(twins, memory: []).match(lines: [payment])[0]
        XCTAssertEqual(before.appliedEntries, [])
        XCTAssertEqual(Set(before.candidates.map(\.target)), [.ledgerEntry(1), .ledgerEntry(2)])

        // When the user applied this account's payments to Nordlys three times
        let learned = engine(twins, memory: [Self.payer(Fx.nordlys, times: 3)]).match(lines: [payment])[0]
        // Then Nordlys' invoice wins, as a partial related-party match, still for review
        XCTAssertEqual(learned.appliedEntries, [2])
        XCTAssertEqual(learned.confidence, .low)
        let evidence = learned.applications[0].evidence
        XCTAssertEqual(evidence.ruleCode, "low/2")
        let party = try XCTUnwrap(evidence.first(.relatedParty))
        XCTAssertEqual(party.value, "partially")
        XCTAssertEqual(party.detail, "payer account NO1122223333444 is not among customer C0002 Nordlys Elektro AS's bank accounts, "
                       + "but its payments were applied to customer C0002 Nordlys Elektro AS 3 times before")
        let memory = try XCTUnwrap(evidence.first(.memory))
        XCTAssertEqual(memory.value, "payer_account")
        XCTAssertEqual(memory.detail, "payer account NO1122223333444 was applied to customer C0002 Nordlys Elektro AS 3 times before (last 2026-10-02)")

        // Forgetting it (an empty memory) gives the earlier answer back, to the evidence.
        let forgotten = engine(twins, memory: []).match(lines: [payment])[0]
        XCTAssertEqual(forgotten, before)
    }

    func testMemoryNeverMakesAMatchHigh() {
        // An invoice number in the text and the exact amount, from an unknown account: Medium 6.
        let entries = [Fx.entry(3, Fx.nordlys, doc: "200002", "730.00")]
        let line = Fx.line(1, "730.00", "Faktura 200002", account: Self.strangerAccount)
        XCTAssertEqual(engine(entries, memory: []).match(lines: [line])[0].applications.first?.evidence.ruleCode, "medium/6")
        // With memory the values are (partially, yes, one): High 8 in the matrix, but memory may not
        // make a High; the best rule below it is Medium 5.
        let r = engine(entries, memory: [Self.payer(Fx.nordlys, times: 9)]).match(lines: [line])[0]
        XCTAssertEqual(r.confidence, .medium)
        XCTAssertEqual(r.applications.first?.evidence.ruleCode, "medium/5")

        // Even a rule set that makes (partially, no, one) High cannot be reached through memory alone.
        var rules = MatchRules.businessCentralDefault
        rules.append(MatchRule(confidence: .high, priority: 20, relatedParty: .partially, documentNo: .no, amount: .one))
        let plain = Fx.line(2, "730.00", "Betaling", account: Self.strangerAccount)
        // Without memory the amount alone fits Low 4, which is offered for review, not applied.
        let unraised = engine(entries, memory: [], rules: rules).match(lines: [plain])[0]
        XCTAssertEqual(unraised.appliedEntries, [])
        XCTAssertEqual(unraised.candidates.first?.evidence.ruleCode, "low/4")
        let raised = engine(entries, memory: [Self.payer(Fx.nordlys, times: 9)], rules: rules).match(lines: [plain])[0]
        XCTAssertEqual(raised.confidence, .medium)
        XCTAssertEqual(raised.applications.first?.evidence.ruleCode, "medium/8")
    }

    func testALearnedPartyWithoutAnyOtherEvidenceBecomesACandidate() {
        // The amount fits nothing and the text names nothing: only the memory points to Nordlys.
        let entries = [Fx.entry(4, Fx.nordlys, doc: "200003", "999.00")]
        let line = Fx.line(1, "120.00", "Betaling", account: Self.strangerAccount)
        XCTAssertTrue(engine(entries, memory: []).candidates(for: line, limit: 5).allSatisfy { $0.score == 0 })
        let withMemory = engine(entries, memory: [Self.payer(Fx.nordlys, times: 2)]).candidates(for: line, limit: 5)
        XCTAssertEqual(withMemory.first?.target, .ledgerEntry(4))
        XCTAssertEqual(withMemory.first?.evidence.ruleCode, "low/3")
    }

    func testMemoryConfirmsAKnownPayerInWordsWithoutChangingTheScore() throws {
        let entries = [Fx.entry(1, Fx.fjord, doc: "103245", "250.00")]
        let line = Fx.line(1, "250.00", "Faktura 103245", account: Fx.payerAccount)
        let plain = engine(entries, memory: []).match(lines: [line])[0]
        let learned = engine(entries, memory: [Self.payer(Fx.fjord, times: 4, account: Fx.payerAccount)]).match(lines: [line])[0]
        XCTAssertEqual(learned.confidence, plain.confidence)
        XCTAssertEqual(learned.applications[0].evidence.ruleCode, plain.applications[0].evidence.ruleCode)
        XCTAssertEqual(learned.applications[0].evidence.first(.relatedParty), plain.applications[0].evidence.first(.relatedParty))
        let memory = try XCTUnwrap(learned.applications[0].evidence.first(.memory))
        XCTAssertTrue(memory.detail.contains("customer C0001 Fjord Bakeri AS 4 times before"), memory.detail)
        XCTAssertNil(plain.applications[0].evidence.first(.memory))
    }

    func testALearnedTextSuggestsAnAccountOnlyBelowHigh() throws {
        let learned = LearnedChoice(id: 7, kind: .text, key: LearnedKey.text("Fjordkraft strøm faktura 2026-10"), shown: "Fjordkraft strøm faktura 2026-10",
                                    target: AccountRef(type: .gl, no: "6340"), count: 3, lastDate: Fx.d("2026-10-15"))
        XCTAssertEqual(learned.key, "FJORDKRAFT STRØM FAKTURA")
        let memory = LearnedMemory([learned])
        var open = Fx.line(1, "-812.40", "FJORDKRAFT Strøm faktura 88123 nov")
        var matched = Fx.line(2, "-812.40", "Fjordkraft strøm faktura 88124")
        matched.confidence = .high
        let other = Fx.line(3, "-812.40", "Fjordkraft kundeservice")
        let s = LearnedSuggestions.suggestions(for: [open, matched, other], memory: memory)
        XCTAssertEqual(s.map(\.lineNo), [1])
        XCTAssertEqual(s[0].account, AccountRef(type: .gl, no: "6340"))
        XCTAssertEqual(s[0].evidence.dimension, .memory)
        XCTAssertTrue(s[0].evidence.detail.contains("G/L account 6340 3 times before (last 2026-10-15)"), s[0].evidence.detail)
        // The engine offers the same, and nothing for a line the user already sent somewhere.
        let engine = engine([], memory: [learned])
        XCTAssertEqual(engine.accountSuggestion(for: open, confidence: .none)?.account.no, "6340")
        open.account = AccountRef(type: .gl, no: "7770")
        XCTAssertNil(engine.accountSuggestion(for: open, confidence: .manual))
    }

    func testTextKeysDropDigitsShortWordsAndRepeats() {
        XCTAssertEqual(LearnedKey.text("Fjordkraft faktura 2026-11 kunde 88123 AS faktura"), "FJORDKRAFT FAKTURA KUNDE")
        XCTAssertEqual(LearnedKey.text("12345 / 2026"), "")
        XCTAssertEqual(LearnedKey.account("no93 8601.1117.947"), "NO9386011117947")
    }
}
