import AvstemCore
@testable import AvstemUI
import Foundation
import XCTest

final class LanguageTests: XCTestCase {
    let nb = Catalogue(.nb), en = Catalogue(.en)

    func testLanguageFromCodesAndEnvironment() {
        XCTAssertEqual(Language(code: "nb"), .nb)
        XCTAssertEqual(Language(code: "nb_NO.UTF-8"), .nb)
        XCTAssertEqual(Language(code: "no_NO"), .nb)
        XCTAssertEqual(Language(code: "nn_NO.UTF-8"), .nb)
        XCTAssertEqual(Language(code: "en_GB.UTF-8"), .en)
        XCTAssertEqual(Language(code: "C.UTF-8"), .en)
        XCTAssertNil(Language(code: "de_DE.UTF-8"))
        XCTAssertNil(Language(code: "nbx"))
        // LC_ALL wins over LC_MESSAGES over LANG; empty variables do not count.
        XCTAssertEqual(Language.fromEnvironment(["LANG": "nb_NO.UTF-8"]), .nb)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "nb_NO", "LANG": "en_US"]), .nb)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "de_DE.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment([:]), .en)
    }

    func testNorwegianAmountsGroupThousandsWithNoBreakSpaceAndUseDecimalComma() {
        func m(_ s: String) -> Money { try! Money.parse(s) }
        XCTAssertEqual(nb.amount(m("1234.56"), 2), "1\u{00A0}234,56")
        XCTAssertEqual(nb.amount(m("-1234567.00"), 2), "-1\u{00A0}234\u{00A0}567,00")
        XCTAssertEqual(nb.amount(m("999.99"), 2), "999,99")
        XCTAssertEqual(nb.amount(m("-0.50"), 2), "-0,50")
        XCTAssertEqual(nb.amount(m("100000"), 2), "100\u{00A0}000,00")
        XCTAssertEqual(nb.amount(Money(minor: 1234567), 0), "1\u{00A0}234\u{00A0}567")
        // English keeps what avstem always showed.
        XCTAssertEqual(en.amount(m("-1234567.00"), 2), "-1234567.00")
        // One column per character: a right-aligned column stays aligned.
        XCTAssertEqual(DisplayWidth.of(nb.amount(m("1234.56"), 2)), 8)
    }

    func testNorwegianDates() {
        let d = LocalDate(year: 2026, month: 11, day: 5)!
        XCTAssertEqual(nb.date(d), "05.11.2026")
        XCTAssertEqual(en.date(d), "2026-11-05")
    }

    func testAmountInputAcceptsTheLanguagesFormat() throws {
        for text in ["1234,56", "1 234,56", "1\u{00A0}234,56", "1\u{202F}234,56", "1234.56"] {
            XCTAssertEqual(try nb.parseAmount(text, decimals: 2), Money(minor: 123456), text)
        }
        XCTAssertEqual(try en.parseAmount("1234.56", decimals: 2), Money(minor: 123456))
        XCTAssertEqual(try en.parseAmount("1234,56", decimals: 2), Money(minor: 123456))
        XCTAssertThrowsError(try en.parseAmount("1 234.56", decimals: 2))
        XCTAssertThrowsError(try nb.parseAmount("12a4", decimals: 2))
        XCTAssertTrue(nb.isAmountCharacter(" "))
        XCTAssertFalse(en.isAmountCharacter(" "))
    }

    func testArgumentsFillThePlaceholdersInOrder() {
        XCTAssertEqual(nb("Line %@ applied to %@ entries", 3, 2), "Linje 3 utlignet mot 2 poster")
        XCTAssertEqual(en("Line %@ applied to %@ entries", 3, 2), "Line 3 applied to 2 entries")
        XCTAssertEqual(nb.count(1, "line", "lines"), "1 linje")
        XCTAssertEqual(nb.count(4, "line", "lines"), "4 linjer")
    }

    /// Every string the UI code looks up, and every label the enums give it, has its
    /// Norwegian text: a string added in English only fails here.
    func testEveryUIStringHasANorwegianTranslation() throws {
        var missing: [String] = []
        func check(_ key: String, _ from: String) { if !key.isEmpty, !Catalogue.hasTranslation(key) { missing.append("\(from): \(key)") } }
        for a in Action.allCases {
            // Navigation actions have no status-line hint (it falls back to the action's name).
            if a.hint != a.rawValue { check(a.hint, "hint") }
            for ctx in KeyContext.allCases { check(a.help(in: ctx), "help") }
        }
        for ctx in KeyContext.allCases { check(ctx.title, "context") }
        for c in MatchConfidence.allCases { check(c.label, "confidence") }
        for s in SortKey.allCases { check(s.label, "sort") }
        for f in [LineFilter.all, .notApplied, .forReview, .withDifference] { check(f.label, "filter") }
        for a in AccountType.allCases { check(a.displayName, "account type") }
        for title in journalColumnTitles where title != "" && title != "#" { check(title, "column") }

        // The literal keys in the UI sources: t("…"), t(cond ? "…" : "…"), Column("…"), t.count(n, "…", "…").
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/AvstemUI").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Strings") }
        XCTAssertTrue(files.contains("Render.swift"))
        let literal = #""((?:[^"\\]|\\.)*)""#
        let patterns = [#"\bt\(\s*"# + literal, #"\bt\([^"()]*\?\s*"# + literal + #"\s*:\s*"# + literal,
                        #"Column\("# + literal, #"\.count\([^,]+,\s*"# + literal + #",\s*"# + literal]
        var found = 0
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            for p in patterns {
                let re = try NSRegularExpression(pattern: p)
                for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    for g in 1..<m.numberOfRanges {
                        guard let r = Range(m.range(at: g), in: text) else { continue }
                        let key = String(text[r]).replacingOccurrences(of: "\\\"", with: "\"")
                        if key == "#" || key == "✓" { continue }
                        found += 1
                        check(key, f)
                    }
                }
            }
        }
        XCTAssertGreaterThan(found, 150, "the scan found the UI's strings")
        XCTAssertEqual(missing, [], "strings without Norwegian text")
    }
}

extension LanguageTests {
    func testALongAmountDropsItsGroupingBeforeItsDigits() {
        let m = Money(minor: -123_456_789)
        XCTAssertEqual(nb.amount(m, 2, width: 13), "-1\u{00A0}234\u{00A0}567,89")
        XCTAssertEqual(nb.amount(m, 2, width: 11), "-1234567,89")
        XCTAssertEqual(en.amount(m, 2, width: 8), "-1234567.89", "English has nothing to drop")
    }

    /// In Norwegian, typing `1 0,5` (a space between digits, decimal comma) applies 10.50.
    func testApplyDialogTakesANorwegianAmount() throws {
        let b = Fixture.backend()
        var s = try AppState.load(backend: b, width: 80, height: 24, language: .nb)
        for k: Key in [.down, .enter, .down, .char("e"), .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace,
                       .char("1"), .char(" "), .char("0"), .char(","), .char("5"), .enter] {
            _ = handle(.key(k), state: &s, keyMap: .defaults, backend: b)
            settle(&s, backend: b)
        }
        guard case .applyManually(let a) = s.mode else { return XCTFail("left the dialog: \(String(describing: s.status))") }
        XCTAssertNil(a.editing, String(describing: s.status))
        XCTAssertEqual(a.rows[1].applied, Money(minor: 1050))
        XCTAssertTrue(render(s, keyMap: .defaults).text().contains("10,50"))
    }
}

extension LanguageTests {
    /// What the store backend words itself (undo steps, history notes) follows the language too.
    func testStoreBackendWordsUndoAndHistoryInNorwegian() throws {
        let (backend, _) = try StoreBackendTests.makeBackend()
        backend.language = .nb
        let snapshot = try backend.snapshot()
        let applied = try XCTUnwrap(snapshot.lines.first { !(snapshot.applications[$0.lineNo] ?? []).isEmpty }).lineNo
        var s = try AppState.load(backend: backend, width: 80, height: 24, language: .nb)
        s.selected = try XCTUnwrap(snapshot.lines.firstIndex { $0.lineNo == applied })
        for k: Key in [.char("a"), .char("u")] { _ = handle(.key(k), state: &s, keyMap: .defaults, backend: backend); settle(&s, backend: backend) }
        XCTAssertEqual(s.status?.text, "Angret: godta linje \(applied)")
        let open = try XCTUnwrap(try backend.history().first { $0.kind == .openJournal })
        XCTAssertTrue(open.note.contains("fullt utlignet · åpen her"), open.note)
    }
}

extension LanguageTests {
    func testSearchFindsAnAmountTypedTheNorwegianWay() throws {
        XCTAssertEqual(nb.searchable("1 250,00"), "1250.00")
        XCTAssertEqual(nb.searchable("-320,5"), "-320.5")
        XCTAssertEqual(nb.searchable("Faktura 2001"), "Faktura 2001")
        XCTAssertEqual(en.searchable("1 250,00"), "1 250,00")
        let b = Fixture.backend()
        var s = try AppState.load(backend: b, width: 80, height: 24, language: .nb)
        for k: Key in [.char("/"), .char("1"), .char(" "), .char("2"), .char("5"), .char("0"), .char(","), .char("0"), .enter] {
            _ = handle(.key(k), state: &s, keyMap: .defaults, backend: b)
            settle(&s, backend: b)
        }
        XCTAssertEqual(s.currentLine?.lineNo, 2, String(describing: s.status))
    }
}

extension LanguageTests {
    /// The Latin fast path gives the same widths as the full Unicode one.
    func testLatinWidthsAgreeWithTheUnicodeTables() {
        for v in UInt32(0)..<0x300 {
            let s = Unicode.Scalar(v)!
            let expected: Int
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { expected = 0 }
            else if [.nonspacingMark, .enclosingMark, .format].contains(s.properties.generalCategory) { expected = 0 }
            else { expected = 1 }
            XCTAssertEqual(DisplayWidth.of(scalar: s), expected, "U+\(String(v, radix: 16))")
        }
        let text = "Kontoutdragets sluttsaldo 1\u{00A0}234,56 Ærlig Øl Å"
        XCTAssertEqual(DisplayWidth.of(text), 45)
        XCTAssertEqual(DisplayWidth.of(text), text.reduce(0) { $0 + DisplayWidth.of($1) })
        XCTAssertEqual(DisplayWidth.of("e\u{0301}"), 1, "a combining mark still joins its base")
        XCTAssertEqual(DisplayWidth.of("作业 Øst"), 8)
    }
}
