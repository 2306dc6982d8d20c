import AvstemUI
import XCTest

final class CellGridTests: XCTestCase {
    func testDisplayWidths() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("æøå ÆØÅ"), 7)
        XCTAssertEqual(DisplayWidth.of("作业"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining accent adds no column")
        XCTAssertEqual(DisplayWidth.of("\u{301}"), 0, "a lone combining mark occupies nothing")
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth forms are wide")
        XCTAssertEqual(DisplayWidth.of("한"), 2)
        XCTAssertEqual(DisplayWidth.of("\t"), 0)
    }

    func testTruncateMarksTheCutAndRespectsWideCharacters() {
        XCTAssertEqual(DisplayWidth.truncate("Fjord Bakeri AS", to: 8), "Fjord B…")
        XCTAssertEqual(DisplayWidth.truncate("short", to: 8), "short")
        // 作业作业 is 8 columns; in 5 columns only two wide characters fit before the ellipsis.
        XCTAssertEqual(DisplayWidth.truncate("作业作业", to: 5), "作业…")
        XCTAssertEqual(DisplayWidth.truncate("作业作业", to: 4), "作…")
        XCTAssertEqual(DisplayWidth.truncate("abc", to: 0), "")
    }

    func testPutNeverSpillsIntoTheNextColumn() {
        var g = CellGrid(width: 20, height: 1)
        g.put("Right", x: 10, y: 0, width: 10)
        g.put("A very long text indeed", x: 0, y: 0, width: 9)
        XCTAssertEqual(g.row(0), "A very l… Right     ")
    }

    func testAlignment() {
        var g = CellGrid(width: 12, height: 3)
        g.put("1.00", x: 0, y: 0, width: 12, align: .right)
        g.put("mid", x: 0, y: 1, width: 12, align: .center)
        g.put("æøå", x: 0, y: 2, width: 5, align: .right)
        XCTAssertEqual(g.row(0), "        1.00")
        XCTAssertEqual(g.row(1), "    mid     ")
        XCTAssertEqual(g.row(2), "  æøå       ")
    }

    func testWideCharactersTakeTwoCellsAndTheTextDumpIsTheDisplay() {
        var g = CellGrid(width: 6, height: 1)
        g.put("作a", x: 0, y: 0, width: 6)
        XCTAssertEqual(g[0, 0].text, "作")
        XCTAssertTrue(g[1, 0].isContinuation)
        XCTAssertEqual(g[2, 0].text, "a")
        XCTAssertEqual(g.text(), "作a\n")
    }

    func testWideCharacterThatWouldStraddleTheEdgeIsNotHalfDrawn() {
        var g = CellGrid(width: 6, height: 1)
        g.put("ab作", x: 0, y: 0, width: 3)
        XCTAssertEqual(g.row(0), "ab…   ")
        XCTAssertFalse(g[3, 0].isContinuation)
    }

    func testOverwritingHalfAWideCharacterClearsTheOtherHalf() {
        var g = CellGrid(width: 4, height: 1)
        g.put("作作", x: 0, y: 0, width: 4)
        g.put("x", x: 1, y: 0, width: 1)
        XCTAssertEqual(g.row(0), " x作")
        XCTAssertFalse(g[1, 0].isContinuation)
        g.put("y", x: 2, y: 0, width: 1)
        XCTAssertEqual(g.row(0), " xy ")
    }

    func testCombiningMarksStayWithTheirBase() {
        var g = CellGrid(width: 5, height: 1)
        g.put("Re\u{301}al", x: 0, y: 0, width: 5)
        XCTAssertEqual(g[1, 0].text, "e\u{301}")
        XCTAssertEqual(g[2, 0].text, "a")
        XCTAssertEqual(g.row(0), "Re\u{301}al ")
    }

    func testControlCharactersCannotMoveTheCursor() {
        var g = CellGrid(width: 8, height: 1)
        g.put("a\tb\nc", x: 0, y: 0, width: 8)
        XCTAssertEqual(g.row(0), "a b c   ")
    }

    func testPutOutsideTheGridIsIgnored() {
        var g = CellGrid(width: 4, height: 1)
        g.put("x", x: 0, y: 5, width: 4)
        g.put("abcdef", x: -2, y: 0, width: 4)
        XCTAssertEqual(g.row(0), "c…  ", "the text is fitted to its span, then clipped to the grid")
    }

    func testColumnLayoutDropsLowPriorityColumnsAndSharesSpareWidth() {
        let cols = [Column("a", width: 4), Column("b", width: 10, flex: 2), Column("c", width: 6, priority: 2),
                    Column("d", width: 4, priority: 1), Column("e", width: 1, flex: 1, priority: 3)]
        let wide = Column.layout(cols, total: 40)
        XCTAssertEqual(wide.map(\.index), [0, 1, 2, 3, 4])
        XCTAssertEqual(wide.map(\.width), [4, 10 + 7, 6, 4, 1 + 4], "11 spare columns shared 2:1, remainder to the last")
        XCTAssertEqual(wide.last!.x + wide.last!.width, 40)
        let narrow = Column.layout(cols, total: 20)
        XCTAssertEqual(narrow.map(\.index), [0, 1, 3])
        XCTAssertEqual(narrow.map(\.x), [0, 5, 16])
    }
}
