import AvstemCore
import AvstemTerminal
import AvstemUI
import XCTest

/// Drives the real ncurses adapter on /dev/null (no TTY needed) and reads back what reached
/// the curses screen.
final class TerminalTests: XCTestCase {
    let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    func testDrawsWideAndAccentedCharactersIntoCurses() throws {
        let term = try Terminal(headlessWidth: 30, height: 4, theme: .fallback)
        defer { term.restore() }
        XCTAssertEqual(term.width, 30)
        XCTAssertEqual(term.height, 4)
        var g = CellGrid(width: 30, height: 4)
        g.put("Ærlig Øl på Ålesund", x: 0, y: 0, width: 30, role: .header)
        g.put("作业 Trading", x: 2, y: 1, width: 20, role: .confidence(.high), highlight: .selected)
        g.put("e\u{301}té", x: 0, y: 2, width: 5)
        g.put("corner", x: 24, y: 3, width: 6, align: .right)
        term.draw(g)
        XCTAssertEqual(term.screenText(), g.text())

        // A second frame changes one row; unchanged cells are skipped but the screen must match.
        g.put("-320.50", x: 0, y: 2, width: 10, role: .amountNegative)
        term.draw(g)
        XCTAssertEqual(term.screenText(), g.text())
    }

    func testRendersTheJournalScreenThroughCursesInEveryShippedTheme() throws {
        let themes = themesDir
        let header = JournalHeader(id: 1, bankAccountNo: "BANK1", statementNo: "7", statementDate: LocalDate(iso: "2026-11-01")!,
                                   balanceLastStatement: .zero, statementEndingBalance: Money(minor: 10_000), currency: "NOK")
        let line = JournalLine(journalId: 1, lineNo: 1, transactionDate: LocalDate(iso: "2026-11-01")!, amount: Money(minor: 10_000),
                               text: "Innbetaling 作业 æøå", relatedPartyName: "Båtservice", confidence: .low)
        let backend = InMemoryJournalBackend(journal: JournalSnapshot(header: header, lines: [line], applications: [:]), entries: [])
        for name in ["dark", "light", "high-contrast", "colour-blind", "mono"] {
            let theme = try Theme.load(path: themes.appendingPathComponent(name + ".toml").path)
            let term = try Terminal(headlessWidth: 80, height: 24, theme: theme)
            let state = try AppState.load(backend: backend, width: term.width, height: term.height)
            let grid = render(state, keyMap: .defaults)
            term.draw(grid)
            XCTAssertEqual(term.screenText(), grid.text(), name)
            XCTAssertTrue(term.screenText().contains("Innbetaling 作业 æøå"), name)
            term.restore()
        }
    }

    func testThemeRolesBecomeCursesAttributesAndColours() throws {
        let dark = try Theme.load(path: themesDir.appendingPathComponent("dark.toml").path)
        let mono = try Theme.load(path: themesDir.appendingPathComponent("mono.toml").path)
        var g = CellGrid(width: 20, height: 2)
        g.put("High", x: 0, y: 0, width: 10, role: .confidence(.high), highlight: .selected)
        g.put("Low", x: 0, y: 1, width: 10, role: .confidence(.low))

        let rich = try Terminal(headlessWidth: 20, height: 2, theme: dark, term: "xterm-256color")
        rich.draw(g)
        XCTAssertEqual(rich.attributes(x: 0, y: 0), [.bold], "256 colours: the selection is a background colour")
        XCTAssertTrue(rich.hasColour(x: 0, y: 0))
        XCTAssertTrue(rich.hasColour(x: 0, y: 1))
        rich.restore()

        let eight = try Terminal(headlessWidth: 20, height: 2, theme: dark, term: "xterm")
        eight.draw(g)
        XCTAssertEqual(eight.attributes(x: 0, y: 0), [.bold, .reverse], "8 colours cannot show color24: reverse instead")
        eight.restore()

        let plain = try Terminal(headlessWidth: 20, height: 2, theme: mono, term: "xterm-256color")
        plain.draw(g)
        XCTAssertEqual(plain.attributes(x: 0, y: 0), [.bold, .reverse])
        XCTAssertEqual(plain.attributes(x: 0, y: 1), [.underline])
        XCTAssertFalse(plain.hasColour(x: 0, y: 1), "mono never uses colour pairs")
        plain.restore()
    }

    func testRestoreIsIdempotent() throws {
        let term = try Terminal(headlessWidth: 10, height: 2, theme: .monoFallback)
        term.restore()
        term.restore()
    }

    func testCharacterCodesBecomeKeys() {
        XCTAssertEqual(Terminal.key(forCharacter: 27), .escape)
        XCTAssertEqual(Terminal.key(forCharacter: 13), .enter)
        XCTAssertEqual(Terminal.key(forCharacter: 10), .enter)
        XCTAssertEqual(Terminal.key(forCharacter: 9), .tab)
        XCTAssertEqual(Terminal.key(forCharacter: 127), .backspace)
        XCTAssertEqual(Terminal.key(forCharacter: 3), .ctrl("c"))
        XCTAssertEqual(Terminal.key(forCharacter: 0x20), .char(" "))
        XCTAssertEqual(Terminal.key(forCharacter: 0xE5), .char("å"))
        XCTAssertEqual(Terminal.key(forCharacter: 0x4F5C), .char("作"))
        XCTAssertNil(Terminal.key(forCharacter: 0))
    }
}
