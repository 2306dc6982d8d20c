import XCTest
@testable import AvstemCore

final class MoneyTests: XCTestCase {
    func testParseAndFormat() throws {
        XCTAssertEqual(try Money.parse("1234.5").minor, 123450)
        XCTAssertEqual(try Money.parse("-25.00").formatted(), "-25.00")
        XCTAssertEqual(try Money.parse("18.150").formatted(), "18.15")
        XCTAssertEqual(try Money.parse("0.05").formatted(), "0.05")
        XCTAssertEqual(try Money.parse("-0.05").formatted(), "-0.05")
        XCTAssertEqual(try Money.parse("7", decimals: 0).formatted(decimals: 0), "7")
        XCTAssertEqual(try Money.parse("1.2345", decimals: 2, extra: .round).minor, 123)
        XCTAssertEqual(try Money.parse("1.235", decimals: 2, extra: .round).minor, 124)
        XCTAssertThrowsError(try Money.parse("18.155"))
        XCTAssertThrowsError(try Money.parse("1,5"))
        XCTAssertThrowsError(try Money.parse(""))
        XCTAssertThrowsError(try Money.parse("1.2.3"))
        XCTAssertThrowsError(try Money.parse("-"))
    }

    func testScaledRounding() {
        XCTAssertEqual(Money(minor: 10000).scaled(by: 50, over: 10_000).minor, 50)
        XCTAssertEqual(Money(minor: 333).scaled(by: 1, over: 2).minor, 167)
        XCTAssertEqual(Money(minor: -333).scaled(by: 1, over: 2).minor, -167)
    }

    func testToleranceRangeNeverCrossesZero() {
        let t = MatchTolerance(kind: .amount, value: 500)
        XCTAssertEqual(t.range(around: Money(minor: 300)), Money.zero...Money(minor: 800))
        XCTAssertEqual(t.range(around: Money(minor: -300)), Money(minor: -800)...Money.zero)
        let p = MatchTolerance(kind: .percent, value: 100) // 1 %
        XCTAssertEqual(p.range(around: Money(minor: 10000)), Money(minor: 9900)...Money(minor: 10100))
    }
}

final class LocalDateTests: XCTestCase {
    func testStrictISO() {
        XCTAssertNil(LocalDate(iso: "2026-02-30"))
        XCTAssertNil(LocalDate(iso: "2026-13-01"))
        XCTAssertNil(LocalDate(iso: "2026-1-01"))
        XCTAssertNotNil(LocalDate(iso: "2024-02-29"))
        XCTAssertNil(LocalDate(iso: "2025-02-29"))
        XCTAssertEqual(LocalDate(iso: "2026-11-25")?.iso, "2026-11-25")
    }

    func testDayArithmetic() {
        let d = LocalDate(iso: "2026-12-31")!
        XCTAssertEqual(d.adding(days: 1).iso, "2027-01-01")
        XCTAssertEqual(LocalDate(iso: "2024-03-01")!.adding(days: -1).iso, "2024-02-29")
        XCTAssertEqual(LocalDate(iso: "1970-01-01")!.dayNumber, 0)
        XCTAssertLessThan(LocalDate(iso: "2026-01-31")!, LocalDate(iso: "2026-02-01")!)
    }
}
