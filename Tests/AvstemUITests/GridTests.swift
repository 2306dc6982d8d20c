import AvstemCore
import AvstemUI
import XCTest

/// Filters, sorting, marking, accept by confidence, search and undo on the in-memory books.
final class GridTests: AppTestCase {

    var shownLines: [Int] { (0..<state.rowCount).map { state.line(atRow: $0)!.lineNo } }

    /// The figures kept up to date line by line must equal a count over the whole journal.
    func assertFiguresAgree(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(state.stats, JournalStats(state.snapshot), "footer figures", file: file, line: line)
        XCTAssertEqual(state.appliedByIndex, state.snapshot.lines.map { state.snapshot.appliedAmount(of: $0) }, file: file, line: line)
    }

    func testFilterCycleShowsEachKindOfLine() {
        XCTAssertEqual(shownLines, [1, 2, 3, 4, 5])
        press(.char("f"))
        XCTAssertEqual(state.lineFilter, .notApplied)
        XCTAssertEqual(shownLines, [2, 3, 4])
        press(.char("f"))
        XCTAssertEqual(state.lineFilter, .forReview)
        XCTAssertEqual(shownLines, [2])
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        press(.char("f"))
        XCTAssertEqual(state.lineFilter, .withDifference)
        XCTAssertEqual(shownLines, [2])
        press(.char("f"))
        XCTAssertEqual(state.lineFilter, .confidence(.none))
        XCTAssertEqual(shownLines, [3, 4])
        XCTAssertEqual(state.status?.text, "Showing 2 of 5 lines: confidence None")
        press(.char("F"), .char("F"), .char("F"), .char("F"))
        XCTAssertEqual(state.lineFilter, .all)
        XCTAssertEqual(shownLines, [1, 2, 3, 4, 5])
        // Lines 3 and 4 do not have a difference: the selection went back to line 2, and stayed there.
        XCTAssertEqual(state.currentLine?.lineNo, 2)
    }

    func testSortOrdersAndKeepsTheSelectedLine() {
        press(.down)                                  // line 2
        press(.char("s"))
        XCTAssertEqual(state.sort, .date)
        XCTAssertEqual(shownLines, [1, 2, 3, 4, 5])
        press(.char("s"))
        XCTAssertEqual(state.sort, .amount)
        XCTAssertEqual(shownLines, [3, 4, 5, 1, 2])
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        XCTAssertEqual(state.selected, 4)
        press(.char("s"))
        XCTAssertEqual(state.sort, .confidence)
        XCTAssertEqual(shownLines, [3, 4, 2, 1, 5])
        press(.char("s"))
        XCTAssertEqual(state.sort, .review)
        XCTAssertEqual(shownLines, [2, 3, 4, 1, 5], "medium first, then lines with a difference, then the rest")
        press(.char("s"))
        XCTAssertEqual(state.sort, .statement)
        XCTAssertEqual(shownLines, [1, 2, 3, 4, 5])
    }

    func testMarkAllMarksWhatTheFilterShowsAndAcceptActsOnThem() {
        press(.char("f"), .char("f"))                 // for review: line 2
        press(.char("*"))
        XCTAssertEqual(state.marked, [2])
        press(.char("F"), .char("F"))
        press(.char("*"))
        XCTAssertEqual(state.marked, [1, 2, 3, 4, 5])
        press(.char("*"))
        XCTAssertEqual(state.marked, [], "a second * unmarks what is shown")
    }

    func testAcceptByConfidenceAcceptsEveryLineAtOrAbove() {
        press(.char("c"))
        guard case .chooseConfidence(let c) = state.mode else { return XCTFail("no chooser") }
        XCTAssertEqual(c.level, .high)
        XCTAssertEqual(c.counts, [1, 1, 2, 2], "line 1 is high, line 2 medium; line 5 is accepted already")
        press(.down, .down)                           // medium
        press(.enter)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(backend.journal.lines.map(\.confidence), [.accepted, .accepted, .none, .none, .accepted])
        XCTAssertEqual(state.snapshot.lines.map(\.confidence), [.accepted, .accepted, .none, .none, .accepted])
        XCTAssertEqual(state.status?.text, "Accepted 2 lines at or above Medium")
        assertFiguresAgree()
        press(.char("c"), .escape)
        XCTAssertEqual(state.mode, .browse)
    }

    func testIncrementalSearchMovesAsYouTypeAndEscGoesBack() {
        press(.char("/"))
        type("ref")
        XCTAssertEqual(state.currentLine?.lineNo, 4, "Refusjon gebyr")
        press(.backspace)
        XCTAssertEqual(state.currentLine?.lineNo, 3, "'re' first occurs in line 3's 'Kontorrekvisita'")
        press(.escape)
        XCTAssertEqual(state.currentLine?.lineNo, 1)
        XCTAssertNil(state.lastSearch)
    }

    func testSearchNextAndPreviousWrapAndFindNonAsciiAndAmounts() {
        press(.char("/"))
        type("ærlig")
        press(.enter)
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        XCTAssertEqual(state.lastSearch, "ærlig")
        press(.char("/"))
        type("faktura")
        press(.enter)
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        press(.char("n"))
        XCTAssertEqual(state.currentLine?.lineNo, 1)
        XCTAssertEqual(state.status?.text, "Search wrapped to the top")
        press(.char("N"))
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        XCTAssertEqual(state.status?.text, "Search wrapped to the bottom")
        press(.char("/"))
        type("-320.50")
        XCTAssertEqual(state.currentLine?.lineNo, 3)
        press(.escape, .char("/"))
        type("作业")
        XCTAssertEqual(state.currentLine?.lineNo, 3)
        press(.escape, .char("/"))
        type("zzz")
        XCTAssertEqual(state.status?.text, "No line matches \"zzz\"")
    }

    func testSearchSeesLinesChangedInPlace() {
        press(.char("f"))                              // not applied: 2, 3, 4
        press(.char("/"))
        type("gebyr")
        press(.enter)
        XCTAssertEqual(state.currentLine?.lineNo, 4)
        XCTAssertEqual(state.selected, 2, "the row in the filtered list")
    }

    func testUndoAndRedoOfAcceptRemoveAndApplyManually() {
        let original = backend.journal
        press(.char("a"))                              // accept line 1
        press(.down, .char("r"))                       // remove line 2
        XCTAssertEqual(backend.journal.lines[1].confidence, .none)
        assertFiguresAgree()
        press(.char("u"))
        XCTAssertEqual(state.status?.text, "Undone: remove line 2")
        XCTAssertEqual(backend.journal.lines[1].confidence, .medium)
        XCTAssertEqual(state.snapshot.applications[2]?.first?.appliedAmount, Fixture.m("1000.00"))
        assertFiguresAgree()
        press(.char("u"))
        XCTAssertEqual(state.status?.text, "Undone: accept line 1")
        XCTAssertEqual(backend.journal, original)
        XCTAssertEqual(state.snapshot, original)
        press(.char("u"))
        XCTAssertEqual(state.status, StatusMessage("Nothing to undo", isError: true))
        press(.ctrl("r"))
        XCTAssertEqual(state.status?.text, "Redone: accept line 1")
        XCTAssertEqual(state.snapshot.lines[0].confidence, .accepted)
        // A new edit drops what could be redone.
        press(.char("a"))
        press(.ctrl("r"))
        XCTAssertEqual(state.status, StatusMessage("Nothing to redo", isError: true))
        assertFiguresAgree()
    }

    func testUndoAfterPostingIsRefused() {
        press(.char("c"), .enter)                      // accept high
        press(.char("p"))
        press(.down, .down, .char(" "))                // post applied lines only
        press(.enter)
        XCTAssertTrue(state.status?.text.hasPrefix("Posted") ?? false, state.status?.text ?? "")
        press(.char("u"))
        XCTAssertEqual(state.status, StatusMessage("Nothing to undo", isError: true))
    }

    func testFiguresStayRightThroughEdits() {
        press(.down, .enter)                           // apply line 2 manually
        press(.down, .char(" "), .enter)               // add entry 80's 250.00
        XCTAssertEqual(state.snapshot.difference(of: state.currentLine!), .zero)
        assertFiguresAgree()
        press(.char("f"))
        XCTAssertEqual(shownLines, [3, 4], "line 2 is fully applied now")
        press(.char("g"))
        press(.char("m"))
        guard case .accountPrompt = state.mode else { return XCTFail("no prompt") }
        type("6800")
        press(.enter)
        assertFiguresAgree()
        XCTAssertEqual(shownLines, [4], "mapped line 3 left the not-applied filter")
        XCTAssertEqual(state.currentLine?.lineNo, 4)
        press(.char("u"))
        XCTAssertEqual(shownLines, [3, 4])
        XCTAssertEqual(backend.mappings, [], "undoing the mapping takes the mapping back too")
        assertFiguresAgree()
    }
}

/// The column picker: hide, show and resize the grid's columns.
final class ColumnPickerTests: AppTestCase {
    func header() -> String { String(render(state, keyMap: .defaults).text().split(separator: "\n")[2]) }

    func testHideAndWidenColumns() {
        XCTAssertTrue(header().contains("Related party"))
        press(.char("C"))
        XCTAssertEqual(state.mode, .columnPicker(selected: 1))
        press(.down, .down, .down)                     // 1 No. → 2 Date → 3 Text → 4 Related party
        press(.char(" "))
        XCTAssertEqual(state.hiddenColumns, [4])
        XCTAssertFalse(header().contains("Related party"))
        press(.up)                                     // Text
        for _ in 0..<5 { press(.char(">")) }
        XCTAssertEqual(state.columnWidthChange[3], 5)
        press(.char("<"))
        XCTAssertEqual(state.columnWidthChange[3], 4)
        press(.escape)
        XCTAssertEqual(state.mode, .browse)
        // Without the party there is room for the applied amounts, and the wider text shows more.
        let screen = render(state, keyMap: .defaults).text()
        XCTAssertTrue(screen.contains("Betaling Ærlig Øl …"), screen)
        XCTAssertTrue(header().contains("Applied"))
        press(.char("C"), .down, .down, .down, .char(" "), .escape)
        XCTAssertEqual(state.hiddenColumns, [])
        XCTAssertTrue(header().contains("Related party"))
    }

    func testTheLastColumnsCannotAllBeHidden() {
        press(.char("C"))
        for _ in 0..<12 { press(.char(" "), .down) }
        XCTAssertEqual(state.hiddenColumns.count, journalColumnTitlesCount - 2)
    }

    var journalColumnTitlesCount: Int { 10 }
}
