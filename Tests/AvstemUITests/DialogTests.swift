import AvstemCore
import AvstemUI
import XCTest

/// The account picker, the mapping dialog's count and the apply-automatically question.
final class DialogTests: AppTestCase {
    override func prepare(_ backend: InMemoryJournalBackend) {
        backend.accountChoices = [
            AccountChoice(type: .gl, no: "6800", name: "Bankgebyr"),
            AccountChoice(type: .gl, no: "7790", name: "Andre kostnader"),
            AccountChoice(type: .customer, no: "C0001", name: "Fjord Bakeri AS"),
            AccountChoice(type: .vendor, no: "V0001", name: "作业 Trading Ltd"),
        ]
    }

    var prompt: AccountPromptState? { if case .accountPrompt(let p) = state.mode { return p } else { return nil } }

    func testAccountPickerFindsByNameAndNumberAndSavesThePick() {
        press(.char("G"), .up)
        XCTAssertEqual(state.currentLine?.lineNo, 4)
        press(.char("t"))
        XCTAssertEqual(prompt?.choices.count, 4)
        XCTAssertEqual(prompt?.matches, [])
        type("geb")
        XCTAssertEqual(prompt?.matches, [0], "Bankgebyr by name")
        press(.backspace, .backspace, .backspace)
        type("c000")
        XCTAssertEqual(prompt?.matches, [2], "a customer by number, case-insensitive")
        press(.backspace, .backspace, .backspace, .backspace)
        type("a")
        XCTAssertEqual(prompt?.matches, [0, 1, 2, 3], "names containing a: Bankgebyr, Andre kostnader, Fjord Bakeri AS, 作业 Trading Ltd")
        press(.down, .down, .down, .down)
        XCTAssertEqual(prompt?.pick, 3, "the pick stops at the last match")
        press(.up)
        XCTAssertEqual(prompt?.account, AccountRef(type: .customer, no: "C0001"))
        let screen = render(state, keyMap: .defaults).text()
        XCTAssertTrue(screen.contains("▶ Customer     C0001      Fjord Bakeri AS"), screen)
        press(.enter)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(backend.journal.lines[3].account, AccountRef(type: .customer, no: "C0001"))
        XCTAssertEqual(state.snapshot.lines[3].account, AccountRef(type: .customer, no: "C0001"))
    }

    func testTypedNumberWithoutMatchIsUsedAsTyped() {
        press(.char("G"), .up, .char("t"))
        type("9999")
        XCTAssertEqual(prompt?.matches, [])
        XCTAssertEqual(prompt?.account, AccountRef(type: .gl, no: "9999"))
        press(.escape)
        XCTAssertEqual(state.mode, .browse, "Esc backs out without saving")
        XCTAssertNil(backend.journal.lines[3].account)
    }

    func testMapDialogCountsTheOtherLinesItWouldCatch() {
        press(.char("m"))                                   // line 1: "Faktura 103245"
        XCTAssertEqual(prompt?.mappingText, "Faktura 103245")
        XCTAssertEqual(prompt?.caught, 0)
        press(.tab)
        XCTAssertEqual(prompt?.field, .text)
        for _ in 0..<" 103245".count { press(.backspace) }
        XCTAssertEqual(prompt?.caught, 1, "line 2 says 'faktura 2001'")
        XCTAssertTrue(render(state, keyMap: .defaults).text().contains("Would also catch 1 other line"))
    }

    func testApplyAutomaticallyAsksBeforeOverwritingAndEscCancels() {
        press(.char("A"))
        XCTAssertEqual(state.mode, .confirmApplyAutomatically(userDecided: 1))
        XCTAssertTrue(render(state, keyMap: .defaults).text().contains("1 line is accepted or applied manually."))
        press(.escape)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertFalse(backend.calls.contains("applyAutomatically"), "Esc runs nothing")
        press(.char("A"), .char("o"))
        XCTAssertTrue(backend.calls.contains("applyAutomatically"))
        XCTAssertEqual(state.status?.text, "Applied automatically: 3 lines applied (accepted and manual lines matched again)")
        XCTAssertEqual(backend.journal.applications[2]?.first?.target, .ledgerEntry(80), "line 2 matched again to its best candidate")
    }
}
