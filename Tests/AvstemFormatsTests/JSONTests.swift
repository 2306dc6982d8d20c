import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

final class JSONValueTests: XCTestCase {
    func testEscaping() {
        let v = JSONValue.string("a\"b\\c\nd\te\u{01}f\u{2028}æ作")
        XCTAssertEqual(v.serialized(), #""a\"b\\c\nd\te\u0001f\u2028æ作""#)
        // Foundation must read back what we wrote.
        let back = try? JSONSerialization.jsonObject(with: Data(JSONValue.array([v]).serialized().utf8)) as? [String]
        XCTAssertEqual(back, ["a\"b\\c\nd\te\u{01}f\u{2028}æ作"])
    }

    func testPrettyAndCompactKeepKeyOrder() {
        let v = JSONValue.object([("z", .int(1)), ("a", .array([.bool(true), .null])), ("m", .object([])), ("e", .array([]))])
        XCTAssertEqual(v.serialized(), """
            {
              "z": 1,
              "a": [
                true,
                null
              ],
              "m": {},
              "e": []
            }
            """)
        XCTAssertEqual(v.serialized(pretty: false), #"{"z":1,"a":[true,null],"m":{},"e":[]}"#)
        XCTAssertEqual(v["a"], .array([.bool(true), .null]))
        XCTAssertNotEqual(v, .object([("a", .array([.bool(true), .null])), ("z", .int(1)), ("m", .object([])), ("e", .array([]))]))
    }

    func testStatementJSONFollowsTheSpec() {
        let entry = StatementEntry(bookingDate: LocalDate(iso: "2026-11-01"), valueDate: LocalDate(iso: "2026-11-01"),
                                   amount: Money(minor: 50_000), currency: "NOK", text: "Faktura 103245",
                                   relatedPartyName: "Fjord Bakeri AS", relatedPartyAccount: "NO9386011117947",
                                   reference: "0001032459", endToEndId: "E2E-1", bankTransactionId: "TX-1",
                                   additionalInfo: "not in the spec", details: [.init("Amt", "500.00")])
        let bare = StatementEntry(amount: Money(minor: -1234), currency: "EUR", text: "")
        let s = BankStatement(id: "STMT-1", account: "NO9386011117947", currency: "NOK", openingBalance: Money(minor: 100_000),
                              closingBalance: Money(minor: 150_000), fromDate: LocalDate(iso: "2026-11-01"),
                              toDate: LocalDate(iso: "2026-11-01"), entries: [entry, bare])
        let json = StatementJSON.encode(StatementFile(format: "camt.053.001.02", statements: [s, BankStatement()], warnings: ["w"]))
        XCTAssertEqual(json.serialized(pretty: false), """
            {"format":"camt.053.001.02","statements":[{"id":"STMT-1","account":"NO9386011117947","currency":"NOK",\
            "opening_balance":"1000.00","closing_balance":"1500.00","from_date":"2026-11-01","to_date":"2026-11-01",\
            "entries":[{"booking_date":"2026-11-01","value_date":"2026-11-01","amount":"500.00","text":"Faktura 103245",\
            "related_party_name":"Fjord Bakeri AS","related_party_account":"NO9386011117947","reference":"0001032459",\
            "end_to_end_id":"E2E-1","bank_transaction_id":"TX-1"},{"amount":"-12.34","currency":"EUR"}]},{"entries":[]}],\
            "warnings":["w"]}
            """)
    }
}
