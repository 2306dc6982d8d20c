import XCTest
import AvstemCore
@testable import AvstemDemo

final class DemoGeneratorTests: XCTestCase {
    func testSameSeedSameCompany() {
        var c = DemoConfig(); c.seed = 7
        let a = DemoGenerator.generate(c), b = DemoGenerator.generate(c)
        XCTAssertEqual(a.books, b.books)
        XCTAssertEqual(a.statement, b.statement)
        c.seed = 8
        XCTAssertNotEqual(DemoGenerator.generate(c).statement, a.statement)
    }

    func testStatementIsConsistentWithTheBooks() throws {
        let g = DemoGenerator.generate(DemoConfig())
        XCTAssertEqual(g.statement.entries.count, 200)
        XCTAssertEqual(g.truth.count, 200)
        XCTAssertEqual(g.statement.balancesReconcile, true)
        XCTAssertGreaterThanOrEqual(g.books.customers.count, 300)
        let entries = Dictionary(uniqueKeysWithValues: g.books.openEntries.map { ($0.entryNo, $0) })
        var paid = Set<Int64>()
        var instalments: [Int64: Money] = [:]
        for (line, truth) in zip(g.statement.entries, g.truth) {
            if case .entries(let nos) = truth.expected {
                for n in nos {
                    let e = try! XCTUnwrap(entries[n])
                    XCTAssertEqual(e.remainingAmount.sign, line.amount.sign, "\(truth.situation) pays an entry of the other sign")
                    if truth.situation == .instalment {
                        instalments[n, default: .zero] += line.amount
                        continue
                    }
                    XCTAssertTrue(paid.insert(n).inserted, "entry \(n) paid by two lines")
                }
            }
            if truth.situation == .amountCombination, case .entries(let nos) = truth.expected {
                XCTAssertGreaterThanOrEqual(nos.count, 2)
                XCTAssertEqual(nos.reduce(Money.zero) { $0 + entries[$1]!.remainingAmount }, line.amount)
            }
            if truth.situation == .discountTaken, case .entries(let nos) = truth.expected, let e = entries[nos[0]] {
                XCTAssertLessThanOrEqual(line.bookingDate!, try XCTUnwrap(e.pmtDiscountDate), "paid after the discount date")
                XCTAssertEqual(line.amount, e.remainingAmount - e.remainingPmtDiscPossible)
            }
            if truth.situation == .kidPayment, let r = line.reference { XCTAssertNotNil(KID.validAlgorithm(r)) }
            if truth.situation == .wrongCheckDigit, let r = line.reference { XCTAssertNil(KID.validAlgorithm(r)) }
            if case .entries(let nos) = truth.expected, let e = entries[nos[0]], let kid = e.paymentReference {
                switch truth.situation {
                case .referenceOneDigitOff:
                    let r = Array(try XCTUnwrap(line.reference)), k = Array(kid)
                    let differ = r.indices.filter { r[$0] != k[$0] }
                    XCTAssertEqual(r.count, k.count)
                    XCTAssertTrue(differ.count == 1 || (differ.count == 2 && differ[1] == differ[0] + 1
                        && r[differ[0]] == k[differ[1]] && r[differ[1]] == k[differ[0]]), "\(r) is not one slip off \(k)")
                case .kidInText:
                    XCTAssertTrue(line.text?.hasSuffix(" " + kid) == true)
                    XCTAssertNil(line.reference)
                case .nameWordOrder:
                    let party = g.books.customers.first { $0.no == e.partyNo }!
                    let name = try XCTUnwrap(line.relatedPartyName)
                    XCTAssertEqual(Set(name.split(separator: " ")), Set(party.name.split(separator: " ")))
                default: break
                }
            }
        }
        // Two instalments pay an invoice exactly (the last one may be cut off by the statement's length).
        for (n, sum) in instalments where !paid.contains(n) && sum == entries[n]!.remainingAmount { paid.insert(n) }
        XCTAssertTrue(instalments.keys.filter { !paid.contains($0) }.count <= 1, "instalments that do not add up")
        // Every situation of an ordinary day shows up in the demo.
        let seen = Set(g.truth.map(\.situation))
        for s in [Situation.kidPayment, .invoiceNoInText, .severalInvoices, .vendorPayment, .recurringCost, .unknownPayer] {
            XCTAssertTrue(seen.contains(s), "\(s) missing")
        }
        for p in g.books.customers + g.books.vendors {
            for a in p.bankAccounts { XCTAssertTrue(NorwegianAccountNumber.isValid(a) || IBAN.isValid(a), a) }
        }
    }

    func testCamtWriterBatchesKidPayments() {
        let g = DemoGenerator.generate(DemoConfig())
        let xml = CamtWriter.camt053(g.statement, messageId: "M1")
        XCTAssertTrue(xml.contains("camt.053.001.02"))
        XCTAssertTrue(xml.contains("<Btch><NbOfTxs>"))
        XCTAssertEqual(xml.components(separatedBy: "<TxDtls>").count - 1, g.statement.entries.count)
    }
}
