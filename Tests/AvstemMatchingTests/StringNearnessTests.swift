import AvstemMatching
import XCTest

final class StringNearnessTests: XCTestCase {
    func testIdenticalAndCaseInsensitive() {
        XCTAssertEqual(StringNearness.score("Fjord Bakeri", "FJORD BAKERI"), 100)
    }

    func testRepeatedLongestSubstrings() {
        // ABCD is taken first (leftmost of the two longest), then EFGH: 8 of 8.
        XCTAssertEqual(StringNearness.score("ABCDEFGH", "ABCDXXEFGH"), 100)
        // ABC is shorter than the threshold of 4 and does not count: 4 of 8.
        XCTAssertEqual(StringNearness.score("ABCDEFGH", "ABCXEFGH"), 50)
        // Words in another order still match piece by piece: 11 of 11 against the shorter string.
        XCTAssertEqual(StringNearness.score("FJORDBAKERI", "BAKERI FJORD"), 100)
    }

    func testSubstringsBelowThresholdNeverCount() {
        XCTAssertEqual(StringNearness.score("ABC", "ABC"), 0)
        XCTAssertEqual(StringNearness.calculate("ABC", "ABC", threshold: 3, normalizingFactor: 100), 100)
    }

    func testTextShorterThan65PercentOfTheNameScoresZero() {
        XCTAssertEqual(StringNearness.score("Fjord Bakeri Bergen", "Fjord"), 0)
        // BC's raw nearness, without the 65 % rule, counts against the shorter string.
        XCTAssertEqual(StringNearness.calculate("ABCDABCD", "ABCD", threshold: 4, normalizingFactor: 100), 100)
        XCTAssertEqual(StringNearness.calculate("", "ABCD", threshold: 4, normalizingFactor: 100), 0)
    }

    func testRemovesFromTheSecondStringOnlyOnce() {
        // "ABCD" occurs twice in the name but once in the text: only one occurrence is matched.
        XCTAssertEqual(StringNearness.calculate("ABCDABCD", "ABCDXABCE", threshold: 4, normalizingFactor: 100), 50)
    }
}
