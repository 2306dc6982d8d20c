import AvstemCore
@testable import AvstemMatching
import XCTest

/// The hand-rolled pieces of the hot paths give exactly what the plain ways they replaced gave.
final class HotPathTests: XCTestCase {
    func testGroupedAmountsAgreeWithMoneyFormatting() {
        // The old way: Money.formatted, then spaces between thousands of the whole part.
        func plain(_ minor: Int64, _ decimals: Int) -> String {
            let text = Money(minor: minor).magnitude.formatted(decimals: decimals)
            let whole = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
            let rest = text.dropFirst(whole.count)
            var grouped = ""
            for (i, c) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(" ") }
                grouped.append(c)
            }
            return (minor < 0 ? "-" : "") + grouped + rest
        }
        XCTAssertEqual(Explainer.grouped(minor: 1_245_000, decimals: 2), "12 450.00")
        XCTAssertEqual(Explainer.grouped(minor: -5, decimals: 2), "-0.05")
        XCTAssertEqual(Explainer.grouped(minor: 0, decimals: 2), "0.00")
        XCTAssertEqual(Explainer.grouped(minor: 1_234_567, decimals: 0), "1 234 567")
        for minor: Int64 in [1, 9, 10, 99, 100, 999, 1000, 100_000, 123_456_789, -1_000_000, 987_654_321_012, -42] {
            for decimals in [0, 2, 3] {
                XCTAssertEqual(Explainer.grouped(minor: minor, decimals: decimals), plain(minor, decimals), "\(minor) with \(decimals) decimals")
            }
        }
    }

    func testDocumentIndexFindsEveryValueOfAKeyInInsertionOrder() {
        var map = MultiMap(capacity: 2)
        // More keys than the capacity asked for: the table grows and keeps every key findable.
        for i in 0..<100 { map.insert("INV\(1000 + i)", Int32(i)) }
        map.insert("INV1005", 500)
        map.insert("INV1005", 501)
        XCTAssertEqual(map["INV1005"], [5, 500, 501])
        XCTAssertEqual(map["INV1099"], [99])
        XCTAssertEqual(map["INV1100"], [])
        XCTAssertEqual(map["INV100"], [], "a prefix of a key is no key")
        XCTAssertEqual(map[""], [])
        map.insert("ÆRØ-7", 7)
        XCTAssertEqual(map["ÆRØ-7"], [7])
    }
}
