import XCTest
@testable import AvstemCore

final class ReferenceTests: XCTestCase {
    func testKidMod10() {
        // Luhn examples: 7992739871 → check digit 3.
        XCTAssertEqual(KID.mod10CheckDigit("7992739871"), "3")
        XCTAssertEqual(KID.validAlgorithm("79927398713"), .mod10)
        XCTAssertNil(KID.validAlgorithm("79927398714"))
        XCTAssertEqual(KID.validAlgorithm(KID.make("000103245")), .mod10)
    }

    func testKidMod11() {
        // 12345678 → weights 2..7 from the right: 8*2+7*3+6*4+5*5+4*6+3*7+2*2+1*3 = 138; 138 % 11 = 6; 11-6 = 5.
        XCTAssertEqual(KID.mod11CheckDigit("12345678"), "5")
        XCTAssertEqual(KID.validAlgorithm("123456785"), .mod11)
    }

    func testRF() {
        XCTAssertTrue(RFReference.isValid("RF18 5390 0754 7034"))
        XCTAssertTrue(RFReference.isValid("RF18539007547034"))
        XCTAssertFalse(RFReference.isValid("RF19539007547034"))
        XCTAssertTrue(RFReference.isValid(RFReference.make("103245")))
    }

    func testAccounts() {
        XCTAssertTrue(IBAN.isValid("NO93 8601 1117 947"))
        XCTAssertFalse(IBAN.isValid("NO94 8601 1117 947"))
        XCTAssertTrue(NorwegianAccountNumber.isValid("8601.11.17947"))
        XCTAssertEqual(IBAN.norwegian(account: "86011117947"), "NO9386011117947")
        XCTAssertEqual(IBAN.normalise("no93 8601.1117-947"), "NO9386011117947")
    }
}
