import AvstemCore
@testable import AvstemFormats
import XCTest

final class MT940Tests: XCTestCase {
    func parse(_ text: String, file: String = "test.sta") throws -> StatementFile {
        try MT940Reader().parse(Array(text.utf8), file: file)
    }

    func testBadAmountInTransactionLineNamesFileLineAndReason() {
        let text = ":20:X\n:25:NO9386011117947\n:60F:C260101NOK100,00\n:61:260102C12.50NTRFNONREF\n:62F:C260102NOK112,50\n"
        XCTAssertThrowsError(try parse(text, file: "bank.sta")) { error in
            let e = error as? UserError
            XCTAssertEqual(e?.message.hasPrefix("bank.sta:4:"), true, "\(error)")
            XCTAssertEqual(e?.message.contains("bad amount"), true, "\(error)")
        }
    }

    func testBadBalanceIsAnError() {
        XCTAssertThrowsError(try parse(":20:X\n:60F:X260101NOK100,00\n:62F:C260102NOK100,00\n")) { error in
            XCTAssertTrue("\(error)".contains("test.sta:2:"), "\(error)")
        }
    }

    func testReversalsFundsCodeAndEntryDateAcrossTheYearEnd() throws {
        let text = """
        :20:X
        :25:DE85110101002482488293
        :60F:C191231EUR100,00
        :61:1912310102RC10,00NTRFNONREF//B1
        :86:reversal of a credit
        :61:191231RD5,00NTRFNONREF
        :86:reversal of a debit
        :61:191231DR1,50NCHK123
        :62F:C191231EUR93,50
        -
        """
        let f = try parse(text)
        let e = try XCTUnwrap(f.statements.first).entries
        XCTAssertEqual(e.map(\.amount.minor), [-1000, 500, -150])
        XCTAssertEqual(e[0].bookingDate?.iso, "2020-01-02")
        XCTAssertEqual(e[0].valueDate?.iso, "2019-12-31")
        XCTAssertEqual(e[0].bankTransactionId, "B1")
        XCTAssertEqual(f.warnings, [])
    }

    func testCRLFAndLFReadTheSame() throws {
        let lf = ":20:X\n:25:NL77INGB0574908765EUR\n:60F:C140219EUR662,23\n:61:1402200220C1,56NTRFEREF//00000000001\n:86:/EREF/E1//CNTP/NL32INGB0000012345/INGBNL2A/J. Janssen///REMI/STRD/CUR/RF18539007547034/\n:62F:C140220EUR663,79\n-\n"
        let a = try parse(lf), b = try parse(lf.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertEqual(a, b)
        let e = try XCTUnwrap(a.statements.first?.entries.first)
        XCTAssertEqual(a.statements.first?.account, "NL77INGB0574908765")
        XCTAssertEqual(e.reference, "RF18539007547034")
        XCTAssertEqual(e.endToEndId, "E1")
        XCTAssertEqual(e.relatedPartyName, "J. Janssen")
        XCTAssertEqual(e.relatedPartyAccount, "NL32INGB0000012345")
    }

    func testGermanStructuredFieldWithSepaKeywordsInLatin1() throws {
        var bytes = Array(":20:X\n:25:10020030/1234567\n:60F:C260101EUR0,00\n:61:2601020102CR3000,NTRFNONREF//55555\n:86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-77?21SVWZ+Rechnung 4711 vom 0?221.01.?30DEUTDEFF?31DE02120300000000202051?32".utf8)
        bytes += [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72] // Müller in ISO-8859-1
        bytes += Array(" GmbH\n:62F:C260102EUR3000,00\n".utf8)
        let f = try MT940Reader().parse(bytes, file: "latin1.sta")
        let e = try XCTUnwrap(f.statements.first?.entries.first)
        XCTAssertEqual(e.relatedPartyName, "Müller GmbH")
        XCTAssertEqual(e.relatedPartyAccount, "DE02120300000000202051")
        XCTAssertEqual(e.text, "Rechnung 4711 vom 01.01.")
        XCTAssertEqual(e.endToEndId, "E2E-77")
        XCTAssertEqual(e.additionalInfo, "SEPA-GUTSCHRIFT")
        XCTAssertEqual(e.amount.minor, 300_000)
    }

    func testPagesAreStatementsAndBrokenChainsWarn() throws {
        let text = ":20:X\n:25:123\n:28C:1/1\n:60F:C260101EUR10,00\n:61:260101C1,00NTRF1\n:62M:C260101EUR11,00\n:60M:C260101EUR11,00\n:61:260101D2,00NTRF2\n:62F:C260101EUR99,00\n"
        let f = try parse(text)
        XCTAssertEqual(f.statements.count, 2)
        XCTAssertEqual(f.warnings.count, 1)
        XCTAssertTrue(f.warnings[0].contains("do not chain"), f.warnings[0])
    }

    func testMT942WithoutBalancesIsAnInterimReport() throws {
        let text = ":20:X\n:25:NO9386011117947\n:28C:1\n:34F:NOK0,\n:13D:2601021200+0100\n:61:260102C5,00NTRFNONREF\n:86:free text\n:90C:1NOK5,00\n-\n"
        let f = try parse(text)
        XCTAssertEqual(f.format, "mt942")
        XCTAssertEqual(f.statements.first?.entries.first?.text, "free text")
        XCTAssertEqual(f.warnings, [])
    }

    func testNotAStatementIsAUserError() {
        XCTAssertThrowsError(try parse("hello\nworld\n")) { XCTAssertTrue($0 is UserError) }
    }

    func testGeneratedFileParsesToItsOwnTotals() throws {
        let f = try MT940Reader().parse(SampleStatements.mt940(transactions: 500), file: "bench.sta")
        let s = try XCTUnwrap(f.statements.first)
        XCTAssertEqual(s.entries.count, 500)
        XCTAssertEqual(s.balancesReconcile, true)
        XCTAssertEqual(f.warnings, [])
        XCTAssertNotNil(s.entries.first?.relatedPartyName)
    }
}
