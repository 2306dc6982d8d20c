import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// Every MT940, Nets OCR, OFX and CSV file in the shared test data against the facts in its
/// `.json`, compared as SOURCES.md says: absent keys are not asserted, text/names/accounts
/// without white space, `balances_reconcile: false` must show up as a warning.
final class OtherFormatsFixtureTests: XCTestCase {
    static let folders: [(folder: String, format: String)] = [("mt940", "mt940"), ("ocr", "nets-ocr"), ("ofx", "ofx"), ("csv", "csv")]

    static func fixtures(_ folder: String) throws -> [URL] {
        let dir = TestData.statements.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension != "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testMT940FixturesMatchTheirFacts() throws { try checkFolder("mt940", minimum: 12) }
    func testOCRFixturesMatchTheirFacts() throws { try checkFolder("ocr", minimum: 2) }
    func testOFXFixturesMatchTheirFacts() throws { try checkFolder("ofx", minimum: 5) }
    func testCSVFixturesMatchTheirFacts() throws { try checkFolder("csv", minimum: 7) }

    func checkFolder(_ folder: String, minimum: Int) throws {
        var checked = 0
        for url in try Self.fixtures(folder) {
            try check(url)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, minimum, "the fixtures were not found at \(TestData.statements.path)")
    }

    private func check(_ url: URL) throws {
        let name = url.lastPathComponent
        let facts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathExtension("json"))) as? [String: Any])
        let file: StatementFile
        do { file = try StatementFormats.read(url: url) } catch {
            return XCTFail("\(name): \(error)")
        }
        if let format = facts["format"] as? String {
            XCTAssertTrue(file.format.hasPrefix(format), "\(name): format \(file.format), expected \(format)")
        }
        let statements = try XCTUnwrap(facts["statements"] as? [[String: Any]])
        XCTAssertEqual(file.statements.count, statements.count, "\(name): statement count")
        for (i, (want, got)) in zip(statements, file.statements).enumerated() {
            let at = "\(name) statement \(i + 1)"
            let decimals = Currency.decimals(got.currency ?? "")
            compare(want["account"], got.account, squeeze: true, at, "account")
            compare(want["currency"], got.currency, squeeze: false, at, "currency")
            compare(want["opening_balance"], got.openingBalance?.formatted(decimals: decimals), squeeze: false, at, "opening_balance")
            compare(want["closing_balance"], got.closingBalance?.formatted(decimals: decimals), squeeze: false, at, "closing_balance")
            compare(want["id"], got.id, squeeze: false, at, "id")
            compare(want["from_date"], got.fromDate?.iso, squeeze: false, at, "from_date")
            compare(want["to_date"], got.toDate?.iso, squeeze: false, at, "to_date")
            if let n = want["entry_count"] as? Int { XCTAssertEqual(got.entries.count, n, "\(at): entry_count") }
            compare(want["entry_sum"], got.entrySum.formatted(decimals: decimals), squeeze: false, at, "entry_sum")
            let entries = want["entries"] as? [[String: Any]] ?? []
            XCTAssertGreaterThanOrEqual(got.entries.count, entries.count, "\(at): entries")
            for (k, (we, ge)) in zip(entries, got.entries).enumerated() {
                let eat = "\(at) entry \(k + 1)"
                let ccy = ge.currency ?? got.currency ?? ""
                compare(we["booking_date"], ge.bookingDate?.iso, squeeze: false, eat, "booking_date")
                compare(we["value_date"], ge.valueDate?.iso, squeeze: false, eat, "value_date")
                compare(we["amount"], ge.amount.formatted(decimals: Currency.decimals(ccy)), squeeze: false, eat, "amount")
                compare(we["currency"], ge.currency, squeeze: false, eat, "currency")
                compare(we["text"], ge.text, squeeze: true, eat, "text")
                compare(we["related_party_name"], ge.relatedPartyName, squeeze: true, eat, "related_party_name")
                compare(we["related_party_account"], ge.relatedPartyAccount, squeeze: true, eat, "related_party_account")
                compare(we["reference"], ge.reference, squeeze: false, eat, "reference")
                compare(we["end_to_end_id"], ge.endToEndId, squeeze: false, eat, "end_to_end_id")
                compare(we["bank_transaction_id"], ge.bankTransactionId, squeeze: false, eat, "bank_transaction_id")
                XCTAssertFalse(ge.details.isEmpty, "\(eat): raw details missing")
            }
        }
        if let reconcile = facts["balances_reconcile"] as? Bool {
            let warned = file.warnings.contains { $0.contains("balance") }
            XCTAssertEqual(warned, !reconcile, "\(name): balance warning expected \(!reconcile), warnings \(file.warnings)")
        }
    }

    private func compare(_ want: Any?, _ got: String?, squeeze: Bool, _ at: String, _ key: String) {
        guard let want else { return }
        guard let w = want as? String else { return XCTFail("\(at): \(key) is not a string in the facts") }
        func norm(_ s: String?) -> String? { squeeze ? s.map { String($0.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }) } : s }
        XCTAssertEqual(norm(got), norm(w), "\(at): \(key)")
    }
}

final class FormatDetectionTests: XCTestCase {
    func testAutoPicksTheRightReaderForEveryFixture() throws {
        for (folder, format) in OtherFormatsFixtureTests.folders {
            for url in try OtherFormatsFixtureTests.fixtures(folder) {
                XCTAssertEqual(try StatementFormats.detect(url: url), format, url.lastPathComponent)
            }
        }
    }

    func testUnknownProfileIsAUserErrorNamingTheFile() throws {
        let url = try XCTUnwrap(OtherFormatsFixtureTests.fixtures("csv").first)
        XCTAssertThrowsError(try StatementFormats.read(url: url, format: "csv:nosuch")) { error in
            XCTAssertTrue((error as? UserError)?.message.hasPrefix(url.lastPathComponent) == true, "\(error)")
            XCTAssertTrue("\(error)".contains("knab"), "\(error)")
        }
    }

    func testExplicitFormatsReadTheirFiles() throws {
        let mt = try XCTUnwrap(OtherFormatsFixtureTests.fixtures("mt940").first)
        XCTAssertEqual(try StatementFormats.read(url: mt, format: "mt940").format, "mt940")
        let ocr = try XCTUnwrap(OtherFormatsFixtureTests.fixtures("ocr").first)
        XCTAssertEqual(try StatementFormats.read(url: ocr, format: "nets-ocr").format, "nets-ocr")
        let knab = try XCTUnwrap(OtherFormatsFixtureTests.fixtures("csv").first { $0.lastPathComponent.contains("Knab") })
        XCTAssertEqual(try StatementFormats.read(url: knab, format: "csv:knab").format, "csv:knab")
        XCTAssertThrowsError(try StatementFormats.read(url: knab, format: "csv:ing-nl")) { XCTAssertTrue("\($0)".contains("header row"), "\($0)") }
    }
}
