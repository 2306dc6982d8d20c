import AvstemCore
import AvstemStore
import XCTest

/// `re:` mappings saved from the journal are checked like imported ones: a bad pattern changes nothing.
final class PatternMappingStoreTests: XCTestCase {
    func testABadPatternIsRefusedAndAGoodOneKept() throws {
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        let bad = TextMapping(mappingText: "re:VISA (GEBYR", accountType: .gl, accountNo: "7770")
        XCTAssertEqual(userError { try db.saveTextMapping(bad) },
                       "mapping 're:VISA (GEBYR': 'VISA (GEBYR' is not a valid regular expression")
        XCTAssertEqual(try db.loadBooks().textMappings.map(\.mappingText), ["GEBYR"])
        try db.saveTextMapping(TextMapping(mappingText: "re:^VISA .*GEBYR", accountType: .gl, accountNo: "7770"))
        XCTAssertEqual(Set(try db.loadBooks().textMappings.map(\.mappingText)), ["GEBYR", "re:^VISA .*GEBYR"])
    }
}
