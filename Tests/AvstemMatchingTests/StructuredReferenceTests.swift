import AvstemMatching
import XCTest

final class StructuredReferenceTests: XCTestCase {
    func testKIDMod10() {
        // 000103245 with its Luhn digit 7, and the textbook Luhn number.
        XCTAssertTrue(StructuredReference.isValidKIDMod10("0001032457"))
        XCTAssertTrue(StructuredReference.isValidKIDMod10("79927398713"))
        XCTAssertFalse(StructuredReference.isValidKIDMod10("0001032459"))
        XCTAssertFalse(StructuredReference.isValidKIDMod10("79927398710"))
        XCTAssertFalse(StructuredReference.isValidKIDMod10("7992739871A"))
    }

    func testKIDMod11() {
        // 000103245: weights 4,3,2,7,6,5,4,3,2 give 52, 11 − 52 mod 11 = 3.
        XCTAssertTrue(StructuredReference.isValidKIDMod11("0001032453"))
        XCTAssertFalse(StructuredReference.isValidKIDMod11("0001032454"))
        // A Norwegian account number uses the same MOD11 (weights 5,4,3,2,7,6,5,4,3,2).
        XCTAssertTrue(StructuredReference.isValidKIDMod11("86011117947"))
        XCTAssertFalse(StructuredReference.isValidKIDMod11("86011117946"))
        // 6 × 2 = 12, 11 − 1 = 10: written "-".
        XCTAssertTrue(StructuredReference.isValidKIDMod11("6-"))
        XCTAssertFalse(StructuredReference.isValidKIDMod11("60"))
    }

    func testRFCreditorReference() {
        XCTAssertTrue(StructuredReference.isValidRF("RF18 5390 0754 7034"))
        XCTAssertTrue(StructuredReference.isValidRF("RF18539007547034"))
        XCTAssertFalse(StructuredReference.isValidRF("RF18 5390 0754 7035"))
        XCTAssertFalse(StructuredReference.isValidRF("RF19 5390 0754 7034"))
        XCTAssertFalse(StructuredReference.isValidRF("RF1"))
    }

    func testClassification() {
        XCTAssertEqual(StructuredReference.check("0001032457").method, "MOD10")
        XCTAssertEqual(StructuredReference.check("0001032453").method, "MOD11")
        XCTAssertEqual(StructuredReference.check("0001032458").kind, .kid)
        XCTAssertFalse(StructuredReference.check("0001032458").isValid)
        XCTAssertEqual(StructuredReference.check("RF18 5390 0754 7034").kind, .rf)
        XCTAssertTrue(StructuredReference.check("RF18 5390 0754 7034").isValid)
        XCTAssertEqual(StructuredReference.check("Faktura 103245").kind, .other)
        XCTAssertFalse(StructuredReference.check("Faktura 103245").hasCheckDigit)
    }
}
