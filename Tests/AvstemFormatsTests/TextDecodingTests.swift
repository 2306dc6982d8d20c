@testable import AvstemFormats
import XCTest

final class TextDecodingTests: XCTestCase {
    func testUTF8WithAndWithoutBOM() {
        let s = "Bjørnstad Müller Łódź"
        XCTAssertEqual(TextDecoding.decode(Array(s.utf8)), s)
        XCTAssertEqual(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(s.utf8)), s)
        XCTAssertEqual(TextDecoding.detect(Array(s.utf8)), .utf8)
    }

    func testLatin1TextIsReadAsWindows1252() {
        let bytes: [UInt8] = [0x42, 0x6A, 0xF8, 0x72, 0x6E, 0x73, 0x74, 0x61, 0x64, 0x20, 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x80]
        XCTAssertEqual(TextDecoding.detect(bytes), .windows1252)
        XCTAssertEqual(TextDecoding.decode(bytes), "Bjørnstad Müller €")
        XCTAssertEqual(TextDecoding.decode(bytes[...], as: .latin1), "Bjørnstad Müller \u{80}")
    }

    func testDOSCodePageIsDetectedWhenItExplainsTheBytes() {
        // "átutalás jóváírása" in CP852: in Windows-1252 these bytes are NBSP, ¡ and ¢.
        let bytes: [UInt8] = [0xA0, 0x74, 0x75, 0x74, 0x61, 0x6C, 0xA0, 0x73, 0x20, 0x6A, 0xA2, 0x76, 0xA0, 0xA1, 0x72, 0xA0, 0x73, 0x61]
        XCTAssertEqual(TextDecoding.detect(bytes), .cp852)
        XCTAssertEqual(TextDecoding.decode(bytes), "átutalás jóváírása")
    }

    func testDeclaredCentralEuropeanEncodings() {
        // "Łódź" in Windows-1250 and ISO-8859-2.
        XCTAssertEqual(TextDecoding.decode([0xA3, 0xF3, 0x64, 0x9F][...], as: .windows1250), "Łódź")
        XCTAssertEqual(TextDecoding.decode([0xA3, 0xF3, 0x64, 0xBC][...], as: .latin2), "Łódź")
        XCTAssertEqual(TextDecoding.decode([0xA4][...], as: .latin9), "€")
    }

    func testEncodingNamesAsBanksSpellThem() {
        XCTAssertEqual(TextEncoding(name: "ISO-8859-1"), .latin1)
        XCTAssertEqual(TextEncoding(name: "1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "UTF8"), .utf8)
        XCTAssertEqual(TextEncoding(name: "ibm852"), .cp852)
        XCTAssertNil(TextEncoding(name: "klingon"))
    }

    func testInvalidUTF8IsRecognised() {
        XCTAssertFalse(TextDecoding.isValidUTF8([0xC3]))
        XCTAssertFalse(TextDecoding.isValidUTF8([0xED, 0xA0, 0x80])) // a surrogate
        XCTAssertTrue(TextDecoding.isValidUTF8(Array("æøå作".utf8)))
    }
}

final class StructuredReferenceTests: XCTestCase {
    func testCreditorReferenceAndKIDNeedValidCheckDigits() {
        XCTAssertEqual(StructuredReference.find(in: "Betaling RF18 5390 0754 7034 faktura"), "RF18539007547034")
        XCTAssertEqual(StructuredReference.find(in: "Betaling RF18539007547034 faktura"), "RF18539007547034")
        XCTAssertNil(StructuredReference.find(in: "Betaling RF19539007547034"))
        XCTAssertEqual(StructuredReference.find(in: "Innbetaling KID: 0001032457 takk"), "0001032457")
        XCTAssertTrue(StructuredReference.isKID("12345678903")) // MOD11
        XCTAssertNil(StructuredReference.find(in: "KID 0001032458"))
    }
}
