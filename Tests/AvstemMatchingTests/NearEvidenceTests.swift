import AvstemCore
@testable import AvstemMatching
import XCTest

/// Near evidence: references one digit off, document numbers inside longer digit strings, names in
/// another word order, and text mappings written as regular expressions.
final class NearEvidenceTests: XCTestCase {
    /// KID 0001032457: payload 000103245, MOD10 check digit 7.
    let invoice = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ref: "0001032457")

    func candidate(_ r: LineMatchResult, _ entry: Int64) -> Candidate? {
        r.candidates.first { $0.target == .ledgerEntry(entry) }
    }

    // MARK: references one digit off

    func testReferenceWithOneDigitSubstitutedIsOfferedNeverApplied() {
        let engine = Fx.engine([invoice, Fx.entry(20, Fx.nordlys, doc: "900001", "700.00", ref: "0009000014")])
        let r = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "Ukjent", ref: "0001032657")])[0]
        XCTAssertEqual(r.applications, [], "a reference one digit off is never applied on its own")
        let c = candidate(r, 10)
        XCTAssertEqual(c?.confidence, .medium)
        XCTAssertEqual(c?.evidence.first(.reference),
                       Evidence(.reference, "near", "KID 0001032657 is one digit off invoice 103245's payment reference 0001032457: digit 8 is 6 where it has 4; for review, never applied on its own"))
        XCTAssertTrue(c!.evidence.first(.rule)!.detail.contains("one digit off, so it is offered for review, not applied"))
        XCTAssertNil(candidate(r, 20), "entry 20's reference is more than one digit away")
    }

    func testReferenceWithTwoAdjacentDigitsSwapped() {
        let engine = Fx.engine([invoice])
        let r = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "Ukjent", ref: "0001032547")])[0]
        XCTAssertEqual(r.applications, [])
        XCTAssertEqual(candidate(r, 10)?.evidence.first(.reference)?.detail.contains("digits 8 and 9 (54) are swapped"), true)
        XCTAssertNotEqual(candidate(r, 10)?.confidence, .high)
    }

    func testRFReferenceOneDigitOff() {
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ref: "RF18539007547034")
        let r = Fx.engine([entry]).match(lines: [Fx.line(1, "12450.00", "x", name: "Ukjent", ref: "RF18539007547043")])[0]
        XCTAssertEqual(r.applications, [])
        XCTAssertEqual(candidate(r, 10)?.evidence.first(.reference)?.detail,
                       "RF reference RF18539007547043 is one digit off invoice 103245's payment reference RF18539007547034: digits 15 and 16 (43) are swapped; for review, never applied on its own")
    }

    /// The slip adds nothing to a candidate that applies on its other evidence; it is only shown.
    func testSlipBesideAKnownPayerAndAmountKeepsTheirRule() {
        let r = Fx.engine([invoice]).match(lines: [Fx.line(1, "12450.00", "x", account: Fx.payerAccount, ref: "0001032657")])[0]
        XCTAssertEqual(r.appliedEntries, [10])
        XCTAssertEqual(r.applications[0].evidence.ruleCode, "high/9", "fully, no document, one amount")
        XCTAssertEqual(r.applications[0].evidence.first(.reference)?.value, "near")
    }

    func testAnExactReferenceSuppressesTheNearSearchAndShortReferencesHaveNone() {
        let other = Fx.entry(20, Fx.nordlys, doc: "900001", "12450.00", ref: "0001032467")
        let engine = Fx.engine([invoice, other])
        let exact = engine.match(lines: [Fx.line(1, "12450.00", "x", name: "Ukjent", ref: "0001032457")])[0]
        XCTAssertEqual(exact.appliedEntries, [10])
        XCTAssertNil(candidate(exact, 20)?.evidence.first(.reference))
        let short = Fx.engine([Fx.entry(30, Fx.fjord, doc: "777777", "12450.00", ref: "1234")])
        let r = short.match(lines: [Fx.line(1, "12450.00", "x", name: "Ukjent", ref: "1235")])[0]
        XCTAssertNil(candidate(r, 30)?.evidence.first(.reference))
    }

    // MARK: document numbers inside longer digit strings

    func testDocumentNoAfterLeadingZerosAndBeforeACheckDigit() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        let r = engine.match(lines: [Fx.line(1, "12450.00", "KID 0001032459", name: "Ukjent")])[0]
        XCTAssertEqual(r.appliedEntries, [10])
        XCTAssertEqual(r.confidence, .medium, "near evidence never makes High")
        XCTAssertEqual(r.applications[0].evidence.first(.documentNo),
                       Evidence(.documentNo, "yes", "103245 found inside 0001032459 (after its leading zeros), and the amount fits"))
        XCTAssertTrue(r.applications[0].evidence.first(.rule)!.detail.contains("not High: the document evidence is near"))
        // In the reference field, with two trailing digits.
        let ref = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "Ukjent", ref: "000010324501")])[0]
        XCTAssertEqual(ref.appliedEntries, [10])
        XCTAssertEqual(ref.applications[0].evidence.first(.documentNo)?.detail.hasPrefix("103245 found inside 000010324501"), true)
    }

    func testEmbeddedDocumentNoNeedsTheAmountAndThePosition() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")])
        func docValue(_ text: String, _ amount: String) -> String? {
            let line = Fx.line(1, amount, text, name: "Ukjent")
            return engine.candidates(for: line).first { $0.target == .ledgerEntry(10) }?.evidence.first(.documentNo)?.value
        }
        XCTAssertEqual(docValue("KID 0001032459", "12450.00"), "yes")
        XCTAssertEqual(docValue("KID 0001032459", "12000.00"), "no", "a number inside a digit string counts only with the amount")
        XCTAssertEqual(docValue("ref 0910324500", "12450.00"), "no", "not right after the leading zeros")
        XCTAssertEqual(docValue("ref 1032459", "12450.00"), "no", "no leading zeros: not a padded reference")
        XCTAssertEqual(docValue("ref 0001032459999", "12450.00"), "no", "more than two digits after it")
        XCTAssertEqual(docValue("ref 00010324", "12450.00"), "no", "a prefix of the number is not the number")
    }

    // MARK: name word order

    func testNameInAnotherWordOrderIsPartiallyNeverFully() {
        let ola = Party(type: .customer, no: "C0010", name: "Ola Hansen")
        let bygg = Party(type: .customer, no: "C0011", name: "Bygg Nordic AS")
        let engine = Fx.engine([Fx.entry(10, ola, doc: "778899", "5000.00"), Fx.entry(11, bygg, doc: "778900", "8000.00")],
                               parties: Fx.parties + [ola, bygg])
        let r = engine.match(lines: [Fx.line(1, "5000.00", "Betaling", name: "Hansen Ola"),
                                     Fx.line(2, "8000.00", "Betaling", name: "NORDIC BYGG A/S")])
        XCTAssertEqual(r[0].appliedEntries, [10])
        XCTAssertEqual(r[0].applications[0].evidence.first(.relatedParty),
                       Evidence(.relatedParty, "partially", "name \"Hansen Ola\" has the words of customer C0010 Ola Hansen's name in another order; only partially, since a namesake would too"))
        XCTAssertEqual(r[0].confidence, .medium)
        XCTAssertEqual(r[1].appliedEntries, [11])
        XCTAssertEqual(r[1].applications[0].evidence.first(.relatedParty)?.value, "partially")
        // Other words, or a word missing, are no match.
        let other = engine.match(lines: [Fx.line(1, "5000.00", "Betaling", name: "Hansen Kari")])[0]
        XCTAssertEqual(other.appliedEntries, [])
        XCTAssertEqual(candidate(other, 10)?.evidence.first(.relatedParty)?.value, "no")
    }

    // MARK: regular-expression text mappings

    func testRegularExpressionMapping() {
        let mappings = [TextMapping(mappingText: "re:^VISA .*GEBYR", accountType: .gl, accountNo: "7790"),
                        TextMapping(mappingText: "HUSLEIE", accountType: .gl, accountNo: "6300")]
        let engine = Fx.engine([invoice], mappings: mappings)
        let r = engine.match(lines: [Fx.line(1, "-45.00", "Visa 4411 gebyr november"),
                                     Fx.line(2, "-45.00", "Gebyr Visa"),
                                     Fx.line(3, "-9000.00", "VISA husleie GEBYR"),
                                     Fx.line(4, "-9000.00", "Husleie desember")])
        XCTAssertEqual(r[0].account, AccountRef(type: .gl, no: "7790"))
        XCTAssertEqual(r[0].confidence, .highTextMapping)
        XCTAssertEqual(engine.textMapping(for: Fx.line(1, "-45.00", "VISA 1 GEBYR"))?.evidence,
                       [Evidence(.textMapping, "high_text_mapping", "text matches the pattern \"^VISA .*GEBYR\", mapped to gl account 7790")])
        XCTAssertNil(r[1].account, "the pattern is anchored at the start")
        XCTAssertEqual(r[2].account, AccountRef(type: .gl, no: "7790"), "the longer mapping text first, whatever its kind")
        XCTAssertEqual(r[3].account, AccountRef(type: .gl, no: "6300"))
    }

    func testHighEntryMatchWinsOverAPatternMapping() {
        let engine = Fx.engine([invoice], mappings: [TextMapping(mappingText: "re:faktura \\d+", accountType: .gl, accountNo: "3000")])
        let r = engine.match(lines: [Fx.line(1, "12450.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(r.appliedEntries, [10])
        XCTAssertEqual(r.confidence, .high)
        XCTAssertNil(r.account)
        let mapped = engine.match(lines: [Fx.line(1, "300.00", "Faktura 55")])[0]
        XCTAssertEqual(mapped.account, AccountRef(type: .gl, no: "3000"))
    }

    // MARK: determinism

    /// The near paths, shuffled books and statement, scored across threads: the same result.
    func testNearEvidenceIsTheSameWhateverTheInputOrder() {
        let ola = Party(type: .customer, no: "C0010", name: "Ola Hansen")
        let parties = Fx.parties + [ola]
        var entries: [LedgerEntry] = [], lines: [JournalLine] = []
        for i in 0..<40 {
            let party = [Fx.fjord, Fx.nordlys, ola][i % 3]
            let payload = String(format: "%09d", 200_000 + i)
            entries.append(Fx.entry(Int64(100 + i), party, doc: "\(200_000 + i)", ["100.00", "250.00", "400.00"][i % 3],
                                    ref: KID.make(payload)))
        }
        for i in 0..<40 {
            let kid = KID.make(String(format: "%09d", 200_000 + i))
            var slipped = Array(kid); slipped.swapAt(7, 8)
            let amount = ["100.00", "250.00", "400.00"][i % 3]
            switch i % 4 {
            case 0: lines.append(Fx.line(i + 1, amount, "Betaling", name: "Ukjent", ref: String(slipped)))
            case 1: lines.append(Fx.line(i + 1, amount, "KID \(kid)", name: "Ukjent"))
            case 2: lines.append(Fx.line(i + 1, amount, "Innbetaling", name: "Hansen Ola"))
            default: lines.append(Fx.line(i + 1, "-45.00", "VISA \(i) GEBYR"))
            }
        }
        let mappings = [TextMapping(mappingText: "re:^VISA \\d+ GEBYR", accountType: .gl, accountNo: "7790"),
                        TextMapping(mappingText: "re:^VISA", accountType: .gl, accountNo: "7791")]
        func engine(_ e: [LedgerEntry], _ p: [Party], _ m: [TextMapping]) -> MatchEngine {
            MatchEngine(context: MatchContext(bankAccount: Fx.bank, parties: p, openEntries: e, textMappings: m),
                        rules: MatchRules.businessCentralDefault, minimumRun: 8)
        }
        let expected = engine(entries, parties, mappings).match(lines: lines)
        XCTAssertGreaterThan(expected.filter { !$0.applications.isEmpty }.count, 10)
        XCTAssertEqual(expected.filter { $0.account != nil }.count, 10)
        var rng = SeededRandom(seed: 11)
        for _ in 0..<3 {
            let shuffled = lines.shuffled(using: &rng)
            let results = engine(entries.shuffled(using: &rng), parties.shuffled(using: &rng), mappings.shuffled(using: &rng))
                .match(lines: shuffled)
            XCTAssertEqual(results.sorted { $0.lineNo < $1.lineNo }, expected)
        }
    }
}
