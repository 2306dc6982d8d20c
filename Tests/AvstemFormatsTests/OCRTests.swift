import AvstemCore
@testable import AvstemFormats
import XCTest

final class OCRTests: XCTestCase {
    func record(_ s: String) -> String { s + String(repeating: "0", count: max(0, 80 - s.count)) }

    /// A transmission with one assignment of two payments, 300.00 and -50.00.
    func file(total: String = "00000000000025000", count: String = "00000002", records: String = "00000006", line30: String? = nil) -> String {
        [
            record("NY000010000080800170031000102000"),
            record("NY090020001008566000000299991042764"),
            line30 ?? record("NY09133000000012001261220101570000000000000030000" + "        12345678901234567" + "000000"),
            record("NY091331000000196368271940990385620000000160192999905123410"),
            record("NY09133000000022001261220101570-00000000000005000" + "                    00042" + "000000"),
            record("NY091331000000296368271940990385630000000160192000000000000"),
            record("NY090088" + count + records + total + "200126200126200126"),
            record("NY000089" + "00000002" + "00000008" + "00000000000025000" + "200126"),
        ].joined(separator: "\r\n") + "\r\n"
    }

    func parse(_ s: String) throws -> StatementFile { try NetsOCRReader().parse(Array(s.utf8), file: "giro.ocr") }

    func testPaymentsWithSignsKIDAndDebitAccount() throws {
        let f = try parse(file())
        let s = try XCTUnwrap(f.statements.first)
        XCTAssertEqual(s.account, "99991042764")
        XCTAssertEqual(s.entries.map(\.amount.minor), [30_000, -5_000])
        XCTAssertEqual(s.entries.map(\.reference), ["12345678901234567", "00042"])
        XCTAssertEqual(s.entries[0].bookingDate?.iso, "2026-01-20")
        XCTAssertEqual(s.entries[0].relatedPartyAccount, "99990512341")
        XCTAssertNil(s.entries[1].relatedPartyAccount)
        XCTAssertNotEqual(s.entries[0].bankTransactionId, s.entries[1].bankTransactionId)
        XCTAssertTrue(StatementFormats.readers.contains { $0 == NetsOCRReader.self })
        XCTAssertTrue(NetsOCRReader.sniff(Array(file().utf8)))
    }

    func testWrongTotalIsAnErrorNamingTheLine() {
        XCTAssertThrowsError(try parse(file(total: "00000000000025001"))) { error in
            let m = (error as? UserError)?.message ?? ""
            XCTAssertTrue(m.hasPrefix("giro.ocr:7:"), m)
            XCTAssertTrue(m.contains("total"), m)
        }
    }

    func testWrongCountsAreErrors() {
        XCTAssertThrowsError(try parse(file(count: "00000003"))) { XCTAssertTrue("\($0)".contains("3 transactions"), "\($0)") }
        XCTAssertThrowsError(try parse(file(records: "00000009"))) { XCTAssertTrue("\($0)".contains("9 records"), "\($0)") }
    }

    func testWrongRecordLengthNamesTheLine() {
        let short = String(record("NY09133000000012001261220101570000000000000030000").dropLast())
        XCTAssertThrowsError(try parse(file(line30: short))) { error in
            let m = "\(error)"
            XCTAssertTrue(m.hasPrefix("giro.ocr:3:"), m)
            XCTAssertTrue(m.contains("79 characters"), m)
        }
    }

    func testTruncatedFileIsAnError() {
        let lines = file().components(separatedBy: "\r\n")
        XCTAssertThrowsError(try parse(lines.prefix(6).joined(separator: "\n"))) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
    }

    func testGeneratedFileBalancesItsControlRecords() throws {
        let f = try NetsOCRReader().parse(SampleStatements.netsOCR(transactions: 1000), file: "bench.ocr")
        XCTAssertEqual(f.statements.first?.entries.count, 1000)
        XCTAssertEqual(f.statements.first?.entries[9].text, "Faktura 10 Bjornstad")
    }
}
