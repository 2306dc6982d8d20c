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
            // Statements of these formats often carry no id, so the balance warning is checked per file.
            try FixtureFacts.check(url, balanceWarning: .perFile)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, minimum, "the fixtures were not found at \(TestData.statements.path)")
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
