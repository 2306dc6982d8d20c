import AvstemCore
import AvstemMatching
import XCTest

/// One dimension at a time: related party, document no., reference, amount, and the candidate requirements.
final class DimensionTests: XCTestCase {
    let invoice = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00")

    func evidence(_ engine: MatchEngine, _ line: JournalLine, entry: Int64 = 10) -> [Evidence] {
        engine.candidates(for: line).first { $0.target == .ledgerEntry(entry) }?.evidence ?? []
    }

    // MARK: related party

    func testPayerAccountContainingThePartysDomesticAccountIsFully() {
        var party = Fx.fjord
        party.bankAccounts = ["8601.11.17947"]
        let engine = Fx.engine([invoice], parties: [party])
        let e = evidence(engine, Fx.line(1, "100.00", "Betaling", account: "NO93 8601 1117 947"))
        XCTAssertEqual(e.first(.relatedParty)?.value, "fully")
        XCTAssertTrue(e.first(.relatedParty)!.detail.contains("belongs to customer C0001 Fjord Bakeri AS"))
    }

    func testNameFoldsCaseAccentsAndLegalForm() {
        let engine = Fx.engine([Fx.entry(30, Fx.supplier, doc: "KL-5501", "-800.00")])
        let line = Fx.line(1, "-800.00", "Betaling", name: "KONTORLEVERANDOREN A/S")
        let e = evidence(engine, line, entry: 30)
        // Unique name among the parties: upgraded to fully.
        XCTAssertEqual(e.first(.relatedParty)?.value, "fully")
        XCTAssertTrue(e.first(.relatedParty)!.detail.contains("nearness 100"))
        XCTAssertTrue(e.first(.relatedParty)!.detail.contains("no other party has that name"))
    }

    func testNamesakesArePartialUnlessAddressAndCityAgree() {
        let engine = Fx.engine([invoice], parties: Fx.parties + [Fx.fjordBranch])
        let plain = evidence(engine, Fx.line(1, "100.00", "Betaling", name: "Fjord Bakeri"))
        XCTAssertEqual(plain.first(.relatedParty)?.value, "partially")
        let withAddress = evidence(engine, Fx.line(1, "100.00", "Betaling", name: "Fjord Bakeri",
                                                   address: "Strandkaien 1", city: "BERGEN"))
        XCTAssertEqual(withAddress.first(.relatedParty)?.value, "fully")
        XCTAssertTrue(withAddress.first(.relatedParty)!.detail.contains("address and city are the same"))
    }

    func testTextIsUsedWhenTheNameIsEmpty() {
        let engine = Fx.engine([invoice])
        let e = evidence(engine, Fx.line(1, "100.00", "Innbetaling fra Fjord Bakeri"))
        XCTAssertEqual(e.first(.relatedParty)?.value, "fully")
        XCTAssertTrue(e.first(.relatedParty)!.detail.contains("the text"))
    }

    func testNameTruncatedByTheBankStillFindsTheParty() {
        // Nearness counts against the shorter string, so a name cut short by the bank still scores 100.
        let branches = ["Sentrum", "Lufthavn", "Nord", "Sør", "Vest"].enumerated().map { i, place in
            Party(type: .customer, no: "C001\(i)", name: "Fjord Bakeri Bergen \(place) AS")
        }
        let entry = Fx.entry(10, branches[0], doc: "103245", "12450.00")
        let engine = Fx.engine([entry], parties: branches)
        let result = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "FJORD BAKERI BERGEN S")])[0]
        XCTAssertEqual(result.appliedEntries, [10])
        XCTAssertEqual(result.applications.first?.evidence.first(.relatedParty)?.value, "partially")
        XCTAssertEqual(result.applications.first?.evidence.ruleCode, "medium/8") // partially, no document, one amount
        XCTAssertTrue(result.applications[0].evidence.first(.relatedParty)!.detail.contains("as near to another party's name"))
        // Found by the name alone (the amount points nowhere): the party's entries come from the name search.
        // Only the party points to it (low/3), so it is offered, not applied.
        let byName = engine.match(lines: [Fx.line(1, "5000.00", "Betaling", name: "FJORD BAKERI BERGEN S")])[0]
        XCTAssertEqual(byName.appliedEntries, [])
        XCTAssertEqual(byName.candidates.first?.target, .ledgerEntry(10))
        XCTAssertEqual(byName.candidates.first?.evidence.ruleCode, "low/3") // partially, no document, no amount
    }

    func testUnrelatedNameIsNo() {
        let engine = Fx.engine([invoice])
        let e = evidence(engine, Fx.line(1, "12450.00", "Betaling", name: "Fjellheim Sport"))
        XCTAssertEqual(e.first(.relatedParty)?.value, "no")
    }

    // MARK: document no.

    func testDocumentNoMustBeABoundedToken() {
        let engine = Fx.engine([invoice])
        for text in ["Faktura: 103245.", "103245", "INV/103245/2026"] {
            XCTAssertEqual(evidence(engine, Fx.line(1, "100.00", text)).first(.documentNo)?.value, "yes", text)
        }
        // Glued to letters or digits: BC's token test does not find it (nor the embedded rule: no leading zeros).
        for text in ["Faktura103245", "1032451"] {
            XCTAssertEqual(evidence(engine, Fx.line(1, "12450.00", text)).first(.documentNo)?.value, "no", text)
        }
        // Inside a zero-padded KID, BC's token test does not find it either; avstem's embedded rule does,
        // as near evidence (NearEvidenceTests).
        XCTAssertEqual(evidence(engine, Fx.line(1, "12450.00", "KID 0001032457")).first(.documentNo)?.detail,
                       "103245 found inside 0001032457 (after its leading zeros), and the amount fits")
    }

    func testAdditionalInfoAndExternalDocumentNo() {
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ext: "PO-7781")
        let engine = Fx.engine([entry])
        let e = evidence(engine, Fx.line(1, "100.00", "Betaling", info: "Deres ref PO-7781"))
        XCTAssertEqual(e.first(.documentNo)?.value, "yes")
        XCTAssertEqual(e.first(.documentNo)?.detail, "external document no. PO-7781 of invoice 103245 found in the text")
    }

    func testShortDocumentNumbersNeverMatch() {
        let engine = Fx.engine([Fx.entry(10, Fx.fjord, doc: "245", "12450.00")])
        XCTAssertEqual(evidence(engine, Fx.line(1, "100.00", "Faktura 245")).first(.documentNo)?.value, "no")
    }

    // MARK: reference

    func testValidKIDEqualToPaymentReference() {
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ref: "1032457")
        let engine = Fx.engine([entry])
        let e = evidence(engine, Fx.line(1, "100.00", "Betaling", ref: "0001032457"))
        XCTAssertEqual(e.first(.documentNo)?.value, "yes")
        XCTAssertEqual(e.first(.reference),
                       Evidence(.reference, "yes", "KID 0001032457 equals invoice 103245's payment reference; check digit valid (MOD10)"))
    }

    func testKIDWithFailingCheckDigitNeverMakesHighByItself() {
        // Unknown payer, amount matched by two entries: with document yes this is High 10.
        let entries = [Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ref: "0001032458"),
                       Fx.entry(20, Fx.nordlys, doc: "900001", "12450.00", ref: "0001032457")]
        let engine = Fx.engine(entries)
        let bad = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "Ukjent", ref: "0001032458")])[0]
        XCTAssertEqual(bad.appliedEntries, [10])
        XCTAssertEqual(bad.confidence, .medium)
        XCTAssertTrue(bad.applications[0].evidence.first(.reference)!.detail.contains("check digit is not valid"))
        XCTAssertTrue(bad.applications[0].evidence.first(.rule)!.detail.contains("not High"))
        let good = engine.match(lines: [Fx.line(1, "12450.00", "Betaling", name: "Ukjent", ref: "0001032457")])[0]
        XCTAssertEqual(good.appliedEntries, [20])
        XCTAssertEqual(good.confidence, .high)
        XCTAssertEqual(good.applications[0].evidence.ruleCode, "high/10")
    }

    func testRFReference() {
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "12450.00", ref: "RF18539007547034")
        let e = evidence(Fx.engine([entry]), Fx.line(1, "100.00", "", ref: "RF18 5390 0754 7034"))
        XCTAssertEqual(e.first(.reference)?.detail,
                       "RF reference RF18 5390 0754 7034 equals invoice 103245's payment reference; check digit valid (mod 97)")
    }

    // MARK: amount

    func testAmountOneMultipleNone() {
        let engine = Fx.engine([invoice, Fx.entry(11, Fx.fjord, doc: "103300", "700.00"),
                                Fx.entry(20, Fx.nordlys, doc: "900001", "700.00")])
        XCTAssertEqual(evidence(engine, Fx.line(1, "12450.00", "x")).first(.amount)?.value, "one")
        let multiple = evidence(engine, Fx.line(1, "700.00", "x"), entry: 11).first(.amount)
        XCTAssertEqual(multiple?.value, "multiple")
        XCTAssertTrue(multiple!.detail.contains("2 open customer entries are in range"))
        let none = evidence(engine, Fx.line(1, "12000.00", "103245"), entry: 10).first(.amount)
        XCTAssertEqual(none, Evidence(.amount, "no_matches", "12 000.00 differs from the remaining amount of invoice 103245 (12 450.00)"))
    }

    func testDiscountBeforeDiscountDateClosesTheEntry() {
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "1000.00", discount: "20.00", discountDate: "2026-11-10")
        let engine = Fx.engine([entry])
        let early = engine.match(lines: [Fx.line(1, "980.00", "Faktura 103245", account: Fx.payerAccount, date: "2026-11-05")])[0]
        XCTAssertEqual(early.confidence, .high)
        XCTAssertEqual(early.applications.map(\.appliedAmount), [Fx.m("980.00")])
        XCTAssertEqual(early.applications.map(\.discountAmount), [Fx.m("20.00")])
        XCTAssertTrue(early.applications[0].evidence.first(.amount)!.detail.contains("less 20.00 discount (until 2026-11-10)"))
        // After the discount date the discounted amount no longer matches and no discount is given.
        let late = engine.match(lines: [Fx.line(1, "980.00", "Faktura 103245", account: Fx.payerAccount, date: "2026-11-12")])[0]
        XCTAssertEqual(late.confidence, .medium)
        XCTAssertEqual(late.applications.map(\.discountAmount), [.zero])
        XCTAssertEqual(late.applications.map(\.appliedAmount), [Fx.m("980.00")])
    }

    func testFullPaymentInsideTheDiscountPeriodClosesWithoutDiscount() {
        // Paying the whole amount early is not a mismatch: the entry closes, no discount is taken,
        // and nothing is left over to spill onto the party's other invoices.
        let entry = Fx.entry(10, Fx.fjord, doc: "103245", "1000.00", discount: "20.00", discountDate: "2026-11-10")
        let other = Fx.entry(11, Fx.fjord, doc: "103246", "500.00")
        let engine = Fx.engine([entry, other])
        let full = engine.match(lines: [Fx.line(1, "1000.00", "Faktura 103245", account: Fx.payerAccount, date: "2026-11-05")])[0]
        XCTAssertEqual(full.confidence, .high)
        XCTAssertEqual(full.applications.map(\.target), [.ledgerEntry(10)])
        XCTAssertEqual(full.applications.map(\.appliedAmount), [Fx.m("1000.00")])
        XCTAssertEqual(full.applications.map(\.discountAmount), [.zero])
    }

    func testVendorPaymentTakesTheReceivedDiscount() {
        // Vendor invoices are negative, as is the payment that settles them.
        let bill = Fx.entry(30, Fx.supplier, doc: "KL-5501", "-1000.00", discount: "-20.00", discountDate: "2026-11-10")
        let engine = Fx.engine([bill])
        let paid = engine.match(lines: [Fx.line(1, "-980.00", "Faktura KL-5501", account: "1503 12 34567")])[0]
        XCTAssertEqual(paid.confidence, .high)
        XCTAssertEqual(paid.applications.map(\.appliedAmount), [Fx.m("-980.00")])
        XCTAssertEqual(paid.applications.map(\.discountAmount), [Fx.m("-20.00")])
        XCTAssertEqual(paid.applications[0].evidence.first(.relatedParty)?.detail,
                       "payee account 15031234567 belongs to vendor V0001 Kontorleverandøren AS")
    }

    func testToleranceClosesUnderAndOverpayments() {
        let engine = Fx.engine([invoice], bank: Fx.bank(tolerance: MatchTolerance(kind: .amount, value: 500)))
        let under = engine.match(lines: [Fx.line(1, "12447.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(under.confidence, .high)
        XCTAssertEqual(under.applications[0].appliedAmount, Fx.m("12447.00"))
        XCTAssertEqual(under.applications[0].toleranceAmount, Fx.m("3.00"))
        let over = engine.match(lines: [Fx.line(1, "12452.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(over.applications[0].appliedAmount, Fx.m("12452.00"))
        XCTAssertEqual(over.applications[0].toleranceAmount, Fx.m("-2.00"))
        // Beyond the tolerance: a partial payment, no write-off.
        let beyond = engine.match(lines: [Fx.line(1, "12440.00", "Faktura 103245", account: Fx.payerAccount)])[0]
        XCTAssertEqual(beyond.applications[0].appliedAmount, Fx.m("12440.00"))
        XCTAssertEqual(beyond.applications[0].toleranceAmount, .zero)
    }

    func testWithoutToleranceNearAmountsDoNotMatch() {
        let engine = Fx.engine([invoice])
        let e = evidence(engine, Fx.line(1, "12447.00", "Faktura 103245", account: Fx.payerAccount))
        XCTAssertEqual(e.first(.amount)?.value, "no_matches")
        XCTAssertEqual(engine.match(lines: [Fx.line(1, "12447.00", "Faktura 103245")])[0].applications[0].toleranceAmount, .zero)
    }

    func testPercentTolerance() {
        // 0.5 % of 12 400.00 = 62.00: 12 450.00 is in range.
        let engine = Fx.engine([invoice], bank: Fx.bank(tolerance: MatchTolerance(kind: .percent, value: 50)))
        XCTAssertEqual(evidence(engine, Fx.line(1, "12400.00", "x")).first(.amount)?.value, "one")
        XCTAssertEqual(evidence(engine, Fx.line(1, "12300.00", "103245")).first(.amount)?.value, "no_matches")
    }

    // MARK: requirements

    func testOnlySameSignEntriesAreCandidates() {
        let credit = Fx.entry(12, Fx.fjord, doc: "KR-1001", "-500.00", type: .creditMemo)
        let vendorInvoice = Fx.entry(30, Fx.supplier, doc: "KL-5501", "-500.00")
        let engine = Fx.engine([invoice, credit, vendorInvoice])
        let incoming = engine.candidates(for: Fx.line(1, "500.00", "KR-1001 KL-5501", account: Fx.payerAccount))
        XCTAssertEqual(incoming.map(\.target), [.ledgerEntry(10)])
        let refund = engine.match(lines: [Fx.line(2, "-500.00", "Kreditnota KR-1001", account: Fx.payerAccount)])[0]
        XCTAssertEqual(refund.appliedEntries, [12])
        XCTAssertEqual(refund.confidence, .high)
    }

    func testFutureEntriesOtherCurrenciesAndPaymentsAreNotCandidates() {
        let future = Fx.entry(40, Fx.fjord, doc: "104000", "100.00", posted: "2026-11-20")
        let euro = Fx.entry(41, Fx.fjord, doc: "104001", "100.00", currency: "EUR")
        let payment = Fx.entry(42, Fx.fjord, doc: "104002", "100.00", type: .payment)
        let engine = Fx.engine([future, euro, payment])
        XCTAssertEqual(engine.candidates(for: Fx.line(1, "100.00", "104000 104001 104002", account: Fx.payerAccount)), [])
    }
}
