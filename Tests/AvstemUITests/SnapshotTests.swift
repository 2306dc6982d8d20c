import AvstemCore
import AvstemUI
import XCTest

final class SnapshotTests: XCTestCase {
    func state(_ w: Int, _ h: Int, backend: InMemoryJournalBackend) throws -> AppState {
        try AppState.load(backend: backend, width: w, height: h)
    }

    func press(_ keys: [Key], _ s: inout AppState, _ b: JournalBackend) {
        for k in keys { _ = handle(.key(k), state: &s, keyMap: .defaults, backend: b); settle(&s, backend: b) }
    }

    func testJournalScreens() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let b = Fixture.backend()
            var s = try state(w, h, backend: b)
            press([.down, .down], &s, b) // line 3: unapplied, with CJK text
            assertSnapshot(render(s, keyMap: .defaults), named: "journal-\(w)x\(h)")
        }
    }

    func testApplyManuallyDialog() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let b = Fixture.backend()
            var s = try state(w, h, backend: b)
            press([.down, .enter, .down, .char(" ")], &s, b) // line 2; apply invoice 2002 too
            assertSnapshot(render(s, keyMap: .defaults), named: "apply-\(w)x\(h)")
        }
    }

    func testApplyManuallyWhileEditingAmount() throws {
        let b = Fixture.backend()
        var s = try state(80, 24, backend: b)
        press([.down, .enter, .down, .char("1"), .char("2"), .char(","), .char("5")], &s, b)
        assertSnapshot(render(s, keyMap: .defaults), named: "apply-editing-80x24")
    }

    func testPostDialog() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let b = Fixture.backend()
            var s = try state(w, h, backend: b)
            press([.char("p"), .down, .char(" ")], &s, b) // choose "payments and reconcile"
            assertSnapshot(render(s, keyMap: .defaults), named: "post-\(w)x\(h)")
        }
    }

    func testTransferDifferenceDialog() throws {
        let b = Fixture.backend()
        var s = try state(80, 24, backend: b)
        press([.down, .char("m"), .char("6"), .char("9"), .char("0"), .char("0"), .tab], &s, b)
        assertSnapshot(render(s, keyMap: .defaults), named: "map-text-80x24")
    }

    func testHelpScreen() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let b = Fixture.backend()
            var s = try state(w, h, backend: b)
            press([.char("?")], &s, b)
            assertSnapshot(render(s, keyMap: .defaults), named: "help-\(w)x\(h)")
        }
    }

    /// The text dump cannot show colour, so check the roles the theme will colour.
    func testRowsCarryTheirRoles() throws {
        let b = Fixture.backend()
        let s = try state(80, 24, backend: b)
        let g = render(s, keyMap: .defaults)
        let layout = JournalLayout(width: 80, height: 24)
        func roles(_ y: Int, _ text: String) -> Cell? {
            let row = g.row(y)
            guard let r = row.range(of: text) else { return nil }
            return g[row.distance(from: row.startIndex, to: r.lowerBound), y]
        }
        XCTAssertEqual(roles(layout.grid.y, "High")?.role, Role("confidence.high"))
        XCTAssertEqual(roles(layout.grid.y, "High")?.highlight, .selected)
        XCTAssertEqual(roles(layout.grid.y + 1, "Medium")?.role, Role("confidence.medium"))
        XCTAssertEqual(roles(layout.grid.y + 1, "Medium")?.highlight, Highlight.none)
        XCTAssertEqual(roles(layout.grid.y + 2, "-320.50")?.role, .amountNegative)
        XCTAssertEqual(roles(layout.grid.y + 4, "Accepted")?.role, Role("confidence.accepted"))
        let mono = try Theme.load(path: ThemeTests.themesDir + "/mono.toml")
        XCTAssertEqual(mono.style(for: "confidence.high", highlight: .selected).attributes, [.bold, .reverse])
    }

    func testTooSmallWindowSaysSo() throws {
        let s = try state(40, 10, backend: Fixture.backend())
        XCTAssertTrue(render(s, keyMap: .defaults).text().contains("too small"))
    }

    func testNewDialogsAndGridViews() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let screens: [(String, [Key])] = [
                ("accept-by-confidence", [.char("c"), .down]),
                ("apply-automatically-ask", [.char("A")]),
                ("bank-details", [.down, .down, .char("d")]),
                ("filtered-sorted", [.char("f"), .char("s"), .char("s")]),
                ("search-typing", [.char("/"), .char("g"), .char("e"), .char("b")]),
                ("undo-status", [.char("a"), .char("u")]),
                ("import-prompt", [.char("I"), .char("~"), .char("/"), .char("s")]),
                ("column-picker", [.char("C"), .down, .down, .down, .char(" "), .char(">")]),
            ]
            for (name, keys) in screens {
                let b = Fixture.backend()
                var s = try state(w, h, backend: b)
                press(keys, &s, b)
                assertSnapshot(render(s, keyMap: .defaults), named: "\(name)-\(w)x\(h)")
            }
        }
    }

    func testAccountPickerDialog() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let b = Fixture.backend()
            b.accountChoices = [AccountChoice(type: .gl, no: "6800", name: "Bankgebyr"), AccountChoice(type: .gl, no: "7790", name: "Andre kostnader"),
                                AccountChoice(type: .customer, no: "C0001", name: "Fjord Bakeri AS"), AccountChoice(type: .vendor, no: "V0001", name: "作业 Trading Ltd")]
            var s = try state(w, h, backend: b)
            press([.char("G"), .up, .char("t"), .char("a"), .down], &s, b)
            assertSnapshot(render(s, keyMap: .defaults), named: "account-picker-\(w)x\(h)")
        }
    }
}
