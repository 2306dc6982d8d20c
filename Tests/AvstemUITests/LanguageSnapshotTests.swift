import AvstemCore
@testable import AvstemUI
import XCTest

/// Every screen and dialog at 80×24 and 160×48 in Norwegian bokmål (the English ones are in
/// SnapshotTests), plus a set in the mono theme with the attributes the terminal will draw.
final class LanguageSnapshotTests: XCTestCase {
    static let sizes = [(80, 24), (160, 48)]

    /// The screens as key sequences from the fixture journal.
    static let screens: [(String, [Key])] = [
        ("journal", [.down, .down]),
        ("apply", [.down, .enter, .down, .char(" ")]),
        // Typing a Norwegian amount: digits, a space between the thousands, decimal comma.
        ("apply-editing", [.down, .enter, .down, .char("1"), .char(" "), .char("2"), .char("0"), .char("0"), .char(","), .char("5")]),
        ("post", [.char("p"), .down, .char(" ")]),
        ("map-text", [.down, .char("m"), .char("6"), .char("9"), .char("0"), .char("0"), .tab]),
        ("transfer-difference", [.char("G"), .up, .char("t")]),
        ("account-picker", [.char("G"), .up, .char("t"), .char("a"), .down]),
        ("help", [.char("?")]),
        ("accept-by-confidence", [.char("c"), .down]),
        ("apply-automatically-ask", [.char("A")]),
        ("bank-details", [.down, .down, .char("d")]),
        ("filtered-sorted", [.char("f"), .char("s"), .char("s")]),
        ("search-typing", [.char("/"), .char("g"), .char("e"), .char("b")]),
        ("search-not-found", [.char("/"), .char("q"), .char("q"), .char("q"), .enter]),
        ("undo-status", [.char("a"), .char("u")]),
        ("import-prompt", [.char("I"), .char("~"), .char("/"), .char("s")]),
        ("column-picker", [.char("C"), .down, .down, .down, .char(" "), .char(">")]),
        ("detail-focused", [.tab]),
    ]

    func run(_ keys: [Key], _ w: Int, _ h: Int, _ language: Language) throws -> AppState {
        let b = Fixture.backend()
        b.accountChoices = [AccountChoice(type: .gl, no: "6800", name: "Bankgebyr"), AccountChoice(type: .customer, no: "C0001", name: "Fjord Bakeri AS")]
        var s = try AppState.load(backend: b, width: w, height: h, language: language)
        for k in keys { _ = handle(.key(k), state: &s, keyMap: .defaults, backend: b); settle(&s, backend: b) }
        return s
    }

    func testEveryScreenInNorwegian() throws {
        for (w, h) in Self.sizes {
            for (name, keys) in Self.screens {
                let s = try run(keys, w, h, .nb)
                assertSnapshot(render(s, keyMap: .defaults), named: "nb-\(name)-\(w)x\(h)")
            }
            var s = try run([], w, h, .nb)
            s.mode = .history(HistoryState(items: Self.historyItems))
            assertSnapshot(render(s, keyMap: .defaults), named: "nb-history-\(w)x\(h)")
            s.mode = .history(HistoryState(items: Self.historyItems, selected: 1, statement: Self.historyItems[1], lines: Self.postedLines))
            assertSnapshot(render(s, keyMap: .defaults), named: "nb-history-lines-\(w)x\(h)")
        }
    }

    /// The screens the English set lacks, so both languages cover the same ones.
    func testTheRestInEnglish() throws {
        for (w, h) in Self.sizes {
            for name in ["apply-editing", "map-text", "transfer-difference", "search-not-found", "detail-focused"] {
                let keys = Self.screens.first { $0.0 == name }!.1
                let s = try run(keys, w, h, .en)
                assertSnapshot(render(s, keyMap: .defaults), named: "en-\(name)-\(w)x\(h)")
            }
            var s = try run([], w, h, .en)
            s.mode = .history(HistoryState(items: Self.historyItems))
            assertSnapshot(render(s, keyMap: .defaults), named: "en-history-\(w)x\(h)")
        }
    }

    /// The mono theme has no colour: what tells rows apart is bold, reverse, underline and dim.
    /// The snapshot shows the text and, under it, each cell's attributes.
    func testMonoThemeScreensWithTheirAttributes() throws {
        let mono = try Theme.load(path: ThemeTests.themesDir + "/mono.toml")
        for language in Language.allCases {
            for (w, h) in Self.sizes {
                for name in ["journal", "apply", "post", "accept-by-confidence"] {
                    let keys = Self.screens.first { $0.0 == name }!.1
                    let g = render(try run(keys, w, h, language), keyMap: .defaults)
                    assertSnapshot(text: Self.withAttributes(g, mono), named: "mono-\(language.rawValue)-\(name)-\(w)x\(h)")
                }
            }
        }
    }

    /// The grid's text, then one line per row with a hex digit per cell: the sum of
    /// 1 bold, 2 reverse, 4 underline, 8 dim ("." for none).
    static func withAttributes(_ g: CellGrid, _ theme: Theme) -> String {
        var out = g.text() + "\n--- attributes: 1 bold, 2 reverse, 4 underline, 8 dim (summed, hex); . none ---\n"
        for y in 0..<g.height {
            var line = ""
            for x in 0..<g.width {
                let c = g[x, y]
                let a = theme.style(for: c.role, highlight: c.highlight).attributes.rawValue
                line += a == 0 ? "." : String(a, radix: 16)
            }
            out += line + "\n"
        }
        return out
    }

    static let historyItems = [
        HistoryItem(kind: .openJournal, id: 3, bankAccount: "NO9386011117947", statementNo: "2026-48", date: LocalDate(year: 2026, month: 11, day: 27)!,
                    lineCount: 1204, amount: Money(minor: 123_456_789), currency: "NOK", note: "12 of 1204 applied"),
        HistoryItem(kind: .postedStatement, id: 2, bankAccount: "NO9386011117947", statementNo: "2026-47", date: LocalDate(year: 2026, month: 11, day: 20)!,
                    lineCount: 5, amount: Money(minor: -32_050), currency: "NOK", note: "reconciled, posted 2026-11-21 by kari (journal 2)"),
    ]

    static let postedLines = [
        PostedLineRow(lineNo: 1, date: LocalDate(year: 2026, month: 11, day: 18)!, amount: Money(minor: 1_250_000), applied: Money(minor: 1_250_000),
                      text: "Innbetaling faktura 2001", party: "Ærlig Øl AS", confidence: .accepted, account: "C0002"),
        PostedLineRow(lineNo: 2, date: LocalDate(year: 2026, month: 11, day: 19)!, amount: Money(minor: -32_050), applied: Money(minor: -32_050),
                      text: "Kontorrekvisita 作业 Østlandet med en svært lang tekst som må kortes av", party: "作业 Trading Ltd", confidence: .manual, account: "V0001"),
    ]
}
