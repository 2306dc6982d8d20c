import AvstemCore
@testable import AvstemMatching
import XCTest

/// Amount combinations, the amount-only policy, names cut short by the bank, and the explanation.
final class CombinationAndPolicyTests: XCTestCase {
    let fjordEntries = [Fx.entry(10, Fx.fjord, doc: "2001", "1200.00", due: "2026-10-20"),
                        Fx.entry(11, Fx.fjord, doc: "2002", "450.00", due: "2026-10-01"),
                        Fx.entry(12, Fx.fjord, doc: "2003", "799.00", due: "2026-10-10")]

    func testOneCombinationOfThePartysEntriesIsApplied() {
        let engine = Fx.engine(fjordEntries)
        let result = engine.match(lines: [Fx.line(1, "1650.00", "Innbetaling", account: Fx.payerAccount)])[0]
        // 1 200 + 450 is the only subset that sums to 1 650; paid in due-date order.
        XCTAssertEqual(result.appliedEntries, [11, 10])
        XCTAssertEqual(result.confidence, .high)
        let amount = result.applications[0].evidence.first(.amount)
        XCTAssertEqual(amount?.value, "one")
        XCTAssertEqual(amount?.detail,
                       "1 650.00 equals the sum 1 650.00 of invoice 2002 and invoice 2001; the only combination of customer C0001 Fjord Bakeri AS's 40 oldest open entries that does")
    }

    func testCombinationWithinToleranceAndWithDiscount() {
        var entries = fjordEntries
        entries[1] = Fx.entry(11, Fx.fjord, doc: "2002", "450.00", due: "2026-10-01", discount: "9.00", discountDate: "2026-11-05")
        let engine = Fx.engine(entries, bank: Fx.bank(tolerance: MatchTolerance(kind: .amount, value: 100)))
        // 1 200 + (450 − 9) = 1 641, paid 1 640.50: within the 1.00 tolerance.
        let result = engine.match(lines: [Fx.line(1, "1640.50", "Innbetaling", account: Fx.payerAccount)])[0]
        XCTAssertEqual(Set(result.appliedEntries), [10, 11])
    }

    func testSeveralCombinationsAreOfferedNotApplied() {
        let entries = [Fx.entry(10, Fx.fjord, doc: "2001", "100.00"), Fx.entry(11, Fx.fjord, doc: "2002", "200.00"),
                       Fx.entry(12, Fx.fjord, doc: "2003", "300.00"), Fx.entry(13, Fx.fjord, doc: "2004", "400.00")]
        let engine = Fx.engine(entries)
        // 500 = 100 + 400 = 200 + 300: two combinations, so none is applied, both are offered.
        let result = engine.match(lines: [Fx.line(1, "500.00", "Innbetaling", account: Fx.payerAccount)])[0]
        XCTAssertEqual(result.applications, [])
        let offered = Set(result.candidates.filter { $0.evidence.first(.amount)?.detail.contains("2 combinations fit") ?? false }.map(\.target))
        XCTAssertEqual(offered, [.ledgerEntry(10), .ledgerEntry(11), .ledgerEntry(12), .ledgerEntry(13)])
    }

    func testCombinationsAreNotSearchedWhenAnInvoiceNumberIsGiven() {
        let engine = Fx.engine(fjordEntries)
        let result = engine.match(lines: [Fx.line(1, "1650.00", "Faktura 2001", account: Fx.payerAccount)])[0]
        XCTAssertEqual(result.appliedEntries, [10])
    }

    func testCombinationSearchIsBoundedForAPartyWithManySmallEntries() {
        let many = (0..<200).map { Fx.entry(Int64(100 + $0), Fx.fjord, doc: "\(5000 + $0)", "\(10 + $0 % 7).00") }
        let engine = Fx.engine(many)
        let t0 = Date()
        let result = engine.match(lines: [Fx.line(1, "51.00", "Innbetaling", account: Fx.payerAccount)])[0]
        XCTAssertEqual(result.applications, []) // many combinations: offered, never applied
        XCTAssertLessThan(Date().timeIntervalSince(t0), 30) // a guard against an unbounded search, not a speed target
    }

    func testAmountOnlyMatchOfAnUnknownPayerIsOffered() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        let line = Fx.line(1, "12450.00", "Vipps 12345", name: "Ukjent Person")
        let result = engine.match(lines: [line])[0]
        XCTAssertEqual(result.applications, [])
        XCTAssertEqual(result.candidates.first?.target, .ledgerEntry(10))
        XCTAssertEqual(result.candidates.first?.confidence, .low)
        // Business Central's own behaviour applies it.
        let bc = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")], policy: .businessCentral)
        XCTAssertEqual(bc.match(lines: [line])[0].appliedEntries, [10])
        let x = Explanation(applications: result.applications, account: nil, candidates: result.candidates)
        XCTAssertNil(x.chosen)
        XCTAssertEqual(x.alternative?.targets, [.ledgerEntry(10)])
        XCTAssertTrue(x.reason.contains("the amount is the only evidence"), x.reason)
    }

    func testPartyOnlyMatchIsOffered() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        let line = Fx.line(1, "5000.00", "Betaling", account: Fx.payerAccount)
        let result = engine.match(lines: [line])[0]
        XCTAssertEqual(result.applications, [])
        XCTAssertEqual(result.candidates.first?.evidence.ruleCode, "low/1")
        XCTAssertTrue(result.candidates[0].evidence.first(.rule)!.detail.hasSuffix("only the party points to it, so it is offered for review, not applied"))
        let bc = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")], policy: .businessCentral)
        XCTAssertEqual(bc.match(lines: [line])[0].appliedEntries, [10])
    }

    func testOverpaymentLeavesTheDifferenceOnTheLine() {
        let entries = [Fx.entry(10, Fx.fjord, doc: "103245", "1000.00"), Fx.entry(11, Fx.fjord, doc: "103246", "300.00")]
        let result = Fx.engine(entries).match(lines: [Fx.line(1, "1100.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(result.appliedEntries, [10])
        XCTAssertEqual(result.applications.map(\.appliedAmount), [Fx.m("1000.00")])
    }

    func testNameCutAtTheBanksFieldLengthStillFindsTheParty() {
        let long = Party(type: .customer, no: "C0009", name: "Vestlandske Konditori og Bakeri for Bergen Sentrum og Omegn AS")
        let engine = Fx.engine([Fx.entry(10, long, doc: "103245", "12450.00")], parties: Fx.parties + [long])
        let cut = String(long.name.prefix(35))
        XCTAssertEqual(cut.count, 35)
        let result = engine.match(lines: [Fx.line(1, "5000.00", "Betaling", name: cut)])[0]
        XCTAssertEqual(result.candidates.first?.evidence.first(.relatedParty)?.value, "fully")
        // The same beginning, not at a field length, is too short a share of the name.
        let short = engine.match(lines: [Fx.line(1, "5000.00", "Betaling", name: String(long.name.prefix(30)))])[0]
        XCTAssertNotEqual(short.candidates.first?.evidence.first(.relatedParty)?.value, "fully")
    }

    func testLatin1FastPathAgreesWithTheGeneralOne() {
        var samples = ["Bjørnstad Rør A/S", "Ålesund Kafé ASA", "ÆRØ BYGG as", "Müller GmbH", "Ås Bygg AS", "Straße 5 × 2",
                       "Fjord-Bakeri (Bergen) ANS", "Kjøl og Frys Enk", "Aalesund  Maling", "Linnéa Sæther", "  ", "AS"]
        // Every Latin-1 letter, alone and inside a word.
        for v in 0xC0...0xFF { samples.append("X\(Unicode.Scalar(v)!)Y \(Unicode.Scalar(v)!) AS") }
        for text in samples {
            XCTAssertEqual(TextNormalisation.latin1Name(text) ?? TextNormalisation.generalName(text), TextNormalisation.generalName(text), text)
            XCTAssertEqual(TextNormalisation.place(text), TextNormalisation.generalPlace(text), text)
        }
        XCTAssertNil(TextNormalisation.latin1Name("Łódź Trading")) // beyond Latin-1: the general path
    }

    func testNameNormalisationFoldsLegalFormsAndOldSpelling() {
        XCTAssertEqual(TextNormalisation.name("Ålesund Rør A/S"), TextNormalisation.name("AALESUND ROR AS"))
        XCTAssertEqual(TextNormalisation.name("AS Fjord Bakeri"), TextNormalisation.name("Fjord Bakeri AS"))
        XCTAssertEqual(TextNormalisation.name("Fjord Bakeri ANS"), "FJORD BAKERI")
        // "Ås" folds to "AS" but is a place, not a legal form: it stays, or "Ås Bygg AS" would be just "BYGG".
        XCTAssertEqual(TextNormalisation.name("Ås Bygg AS"), "AS BYGG")
    }

    func testExplanationTellsWhyTheRunnerUpLost() {
        let entries = [Fx.entry(10, Fx.fjord, doc: "103245", "500.00"), Fx.entry(11, Fx.fjord, doc: "103246", "500.00")]
        let result = Fx.engine(entries).match(lines: [Fx.line(1, "500.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        let x = Explanation(applications: result.applications, account: nil, candidates: result.candidates)
        XCTAssertEqual(x.chosen?.targets, [.ledgerEntry(10)])
        XCTAssertEqual(x.alternative?.targets, [.ledgerEntry(11)])
        XCTAssertTrue(x.reason.hasPrefix("scores "), x.reason)
        XCTAssertTrue(x.reason.contains("document no. no instead of yes"), x.reason)
        XCTAssertFalse(x.chosen!.evidence.contains { $0.value == "runner_up" })
    }
}
