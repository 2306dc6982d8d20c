import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// Every camt file in the shared test data against the facts in its `.json`.
final class CamtFixtureTests: XCTestCase {
    func testEveryCamtFixtureMatchesItsFacts() throws {
        var checked = 0
        for folder in ["camt052", "camt053", "camt054"] {
            for url in try TestData.files(in: folder, ext: "xml") {
                try FixtureFacts.check(url, balanceWarning: .perStatement, formatHasVersion: true)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 18, "the fixtures were not found at \(TestData.statements.path)")
    }

    func testAutoDetectsEveryCamtFixture() throws {
        for folder in ["camt052", "camt053", "camt054"] {
            for url in try TestData.files(in: folder, ext: "xml") {
                XCTAssertEqual(try StatementFormats.detect(url: url), "camt", url.lastPathComponent)
            }
        }
    }
}
