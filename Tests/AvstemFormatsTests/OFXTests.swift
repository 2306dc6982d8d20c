import AvstemCore
@testable import AvstemFormats
import XCTest

final class OFXTests: XCTestCase {
    let sgmlHeader = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\n\r\n"

    func body(_ trn: String) -> String {
        "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>NOK<BANKACCTFROM><BANKID>1<ACCTID>86011117947<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n<BANKTRANLIST><DTSTART>20260101<DTEND>20260131\r\n\(trn)</BANKTRANLIST><LEDGERBAL><BALAMT>1500.00<DTASOF>20260131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n"
    }

    func testSGMLInWindows1252WithUnclosedTags() throws {
        var bytes = Array((sgmlHeader + "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>NOK<BANKACCTFROM><ACCTID>86011117947</BANKACCTFROM><BANKTRANLIST>\r\n<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260102120000.000[+1:CET]<TRNAMT>500,00<FITID>F1<NAME>Bj").utf8)
        bytes.append(0xF8) // ø in Windows-1252
        bytes += Array("rnstad R&amp;R AS<MEMO>Faktura 103245<CHECKNUM>77</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>1500<DTASOF>20260131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>".utf8)
        let f = try OFXReader().parse(bytes, file: "bank.ofx")
        let e = try XCTUnwrap(f.statements.first?.entries.first)
        XCTAssertEqual(e.relatedPartyName, "Bjørnstad R&R AS")
        XCTAssertEqual(e.text, "Faktura 103245")
        XCTAssertEqual(e.amount.minor, 50_000)
        XCTAssertEqual(e.bookingDate?.iso, "2026-01-02")
        XCTAssertEqual(e.bankTransactionId, "F1")
        XCTAssertEqual(e.additionalInfo, "check 77")
        XCTAssertEqual(f.statements.first?.closingBalance?.minor, 150_000)
        XCTAssertNil(f.statements.first?.openingBalance)
        XCTAssertTrue(OFXReader.sniff(bytes))
    }

    func testTruncatedOFXIsAnError() {
        let text = sgmlHeader + body("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260102<TRNAMT>-5.00<FITID>1</STMTTRN>")
        let cut = String(text.prefix(text.count - 60))
        XCTAssertThrowsError(try OFXReader().parse(Array(cut.utf8), file: "cut.ofx")) { error in
            let m = "\(error)"
            XCTAssertTrue(m.hasPrefix("cut.ofx:"), m)
            XCTAssertTrue(m.contains("truncated"), m)
        }
    }

    func testBadAmountNamesTheElement() {
        let text = sgmlHeader + body("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260102<TRNAMT>five<FITID>1</STMTTRN>")
        XCTAssertThrowsError(try OFXReader().parse(Array(text.utf8), file: "amt.ofx")) { error in
            let m = "\(error)"
            XCTAssertTrue(m.hasPrefix("amt.ofx:11 "), m)
            XCTAssertTrue(m.contains("STMTTRN/TRNAMT"), m)
        }
    }

    func testXMLCreditCardAndBankInOneFile() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200" VERSION="211"?>
        <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKACCTFROM><ACCTID>1</ACCTID></BANKACCTFROM>
        <BANKTRANLIST><STMTTRN><TRNAMT>-1.00</TRNAMT><DTPOSTED>20260101</DTPOSTED><FITID>a</FITID><PAYEE><NAME>Łódź Sp.</NAME></PAYEE></STMTTRN></BANKTRANLIST>
        <LEDGERBAL><BALAMT>10.00</BALAMT></LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
        <CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>EUR</CURDEF><CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM>
        <LEDGERBAL><BALAMT>-3.00</BALAMT></LEDGERBAL></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>
        """
        let f = try OFXReader().parse(Array(xml.utf8), file: "x.ofx")
        XCTAssertEqual(f.statements.map(\.account), ["1", "4111"])
        XCTAssertEqual(f.statements[0].entries.first?.relatedPartyName, "Łódź Sp.")
        XCTAssertEqual(f.statements[1].closingBalance?.minor, -300)
    }
}
