import AvstemCore
import XCTest

final class NumberRangesTests: XCTestCase {
    func testConsecutiveNumbersBecomeRunsSortedAndOnce() {
        XCTAssertEqual(NumberRanges.describe([5, 1, 2, 3, 44, 42, 45, 46, 3]), "1–3, 5, 42, 44–46")
        XCTAssertEqual(NumberRanges.describe([Int]()), "none")
        XCTAssertEqual(NumberRanges.describe([Int64(7)]), "7")
        XCTAssertEqual(NumberRanges.describe(Array(1...100_000)), "1–100000")
    }

    func testRunsBeyondTheLimitAreCounted() {
        // Odd numbers 1…19 are ten runs of one; after three, seven numbers are left out.
        XCTAssertEqual(NumberRanges.describe(Array(stride(from: 1, through: 19, by: 2)), maxRuns: 3), "1, 3, 5 and 7 more")
        XCTAssertEqual(NumberRanges.describe([1, 2, 3, 10, 11, 20], maxRuns: 2), "1–3, 10–11 and 1 more")
        XCTAssertEqual(NumberRanges.describe([1, 2, 3, 10, 11], maxRuns: 2), "1–3, 10–11")
    }
}
