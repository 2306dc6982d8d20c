import AvstemCore
import AvstemUI
import XCTest

/// User stories against the in-memory books: press keys by name, assert on the model.
final class ReducerTests: AppTestCase {
    /// One action, then what the main loop does when input is idle.
    @discardableResult
    func act(_ a: Action) -> Reaction {
        let r = reduce(&state, a, backend: backend)
        settle(&state, backend: backend)
        return r
    }

    var apply: ApplyState? { if case .applyManually(let a) = state.mode { return a } else { return nil } }
    var post: PostDialogState? { if case .confirmPost(let p) = state.mode { return p } else { return nil } }

    func testMovementClampsAndLoadsDetail() {
        XCTAssertEqual(state.currentLine?.lineNo, 1)
        XCTAssertEqual(state.detail?.lineNo, 1)
        XCTAssertEqual(act(.moveDown), [.redraw, .loadDetail])
        XCTAssertEqual(state.detail?.lineNo, 2)
        XCTAssertEqual(state.detail?.applied.first?.entry?.documentNo, "2001")
        act(.moveUp); act(.moveUp)
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(act(.moveUp), [], "nothing changes at the top")
        act(.bottom)
        XCTAssertEqual(state.currentLine?.lineNo, 5)
        act(.top)
        XCTAssertEqual(state.selected, 0)
        act(.pageDown)
        XCTAssertEqual(state.selected, 4, "a page beyond the end stops at the last line")
        press(.char("g"))
        XCTAssertEqual(state.selected, 0)
    }

    func testHeldKeyLoadsTheDetailOnlyWhereTheSelectionSettles() {
        backend.journal.lines = backend.journal.lines // keep the fixture; count calls from here
        let before = backend.calls.filter { $0.hasPrefix("candidates") }.count
        for _ in 0..<3 { _ = handle(.key(.down), state: &state, keyMap: .defaults, backend: backend) }
        XCTAssertTrue(state.detailIsStale)
        XCTAssertEqual(backend.calls.filter { $0.hasPrefix("candidates") }.count, before, "no backend call while keys are pending")
        settle(&state, backend: backend)
        XCTAssertEqual(backend.calls.filter { $0.hasPrefix("candidates") }.suffix(1), ["candidates(4)"])
        XCTAssertEqual(state.detail?.lineNo, 4)
        XCTAssertFalse(state.detailIsStale)
    }

    func testSearchFindsTextPartyReferenceAndAmountAndWraps() {
        press(.char("/"), .char("ø"), .char("l"))
        XCTAssertEqual(state.mode, .search("øl"))
        XCTAssertEqual(render(state, keyMap: .defaults).row(23).hasPrefix("/øl▏"), true)
        press(.enter)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(state.currentLine?.lineNo, 2, "case-insensitive: Ærlig Øl")
        press(.char("/"), .char("-"), .char("3"), .char("2"), .char("0"), .enter)
        XCTAssertEqual(state.currentLine?.lineNo, 3, "amounts are searchable")
        press(.char("/"), .char("1"), .char("0"), .char("3"), .char("2"), .enter)
        XCTAssertEqual(state.currentLine?.lineNo, 1, "wraps to find the reference 0001032459 / text 103245")
        XCTAssertEqual(state.status?.text, "Search wrapped to the top")
        press(.char("n"))
        XCTAssertEqual(state.currentLine?.lineNo, 1, "the only match again")
        press(.char("/"), .char("z"), .char("z"), .enter)
        XCTAssertEqual(state.status, StatusMessage("No line matches \"zz\"", isError: true))
        press(.char("/"), .char("x"), .escape)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(state.lastSearch, "zz", "Esc leaves the last search alone")
    }

    func testNextReviewSkipsSettledLines() {
        press(.char("]"))
        XCTAssertEqual(state.currentLine?.lineNo, 2, "medium with a difference")
        press(.char("]"))
        XCTAssertEqual(state.currentLine?.lineNo, 3)
        press(.char("]"), .char("]"))
        XCTAssertEqual(state.currentLine?.lineNo, 2, "wraps past the settled lines 5 and 1")
    }

    func testTransferDifferenceToAccount() {
        act(.moveDown)                      // line 2: 250.00 not applied
        press(.char("t"))
        guard case .accountPrompt(let p) = state.mode else { return XCTFail("no prompt") }
        XCTAssertEqual(p.amount, Fixture.m("250.00"))
        XCTAssertEqual(p.field, .number)
        press(.enter)
        XCTAssertEqual(state.status?.text, "Type the account no. first")
        press(.char("7"), .char("7"), .char("7"), .char("0"), .backspace, .char("1"), .right)
        guard case .accountPrompt(let p2) = state.mode else { return XCTFail("prompt closed") }
        XCTAssertEqual(p2.accountNo, "7771")
        XCTAssertEqual(p2.accountType, .gl, "arrows in the number field leave the type alone")
        press(.up, .right, .right, .left, .enter)  // type field: gl → customer → vendor → customer
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(backend.journal.lines[1].account, AccountRef(type: .customer, no: "7771"))
        XCTAssertEqual(state.snapshot.difference(of: state.snapshot.lines[1]), .zero)
        XCTAssertEqual(state.status?.text, "Line 2: 250.00 transferred to Customer 7771")
    }

    func testTransferRefusedWithoutDifference() {
        press(.char("t"))                   // line 1 is fully applied
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(state.status?.isError, true)
    }

    func testMapTextToAccount() {
        act(.moveDown); act(.moveDown); act(.moveDown) // line 4: "Refusjon gebyr"
        press(.char("m"), .tab)
        guard case .accountPrompt(let p) = state.mode else { return XCTFail("no prompt") }
        XCTAssertEqual(p.field, .text)
        XCTAssertEqual(p.mappingText, "Refusjon gebyr")
        for _ in 0..<" gebyr".count { press(.backspace) }
        XCTAssertEqual({ if case .accountPrompt(let q) = state.mode { return q.mappingText } else { return "" } }(), "Refusjon")
        press(.char("x"), .backspace, .up, .char("7"), .char("7"), .char("9"), .char("0"), .enter)
        XCTAssertEqual(backend.mappings.map(\.mappingText), ["Refusjon"])
        XCTAssertEqual(state.snapshot.lines[3].confidence, .highTextMapping)
        XCTAssertEqual(state.stats.withDifference, 2)
    }

    func testBackendWithoutAccountSupportSaysSo() throws {
        final class Minimal: JournalBackend {
            let inner = Fixture.backend()
            func snapshot() throws -> JournalSnapshot { try inner.snapshot() }
            func entryInfo(_ t: ApplicationTarget) throws -> EntryInfo? { try inner.entryInfo(t) }
            func candidates(forLine l: Int) throws -> [CandidateRow] { try inner.candidates(forLine: l) }
            func accept(lines: [Int]) throws { try inner.accept(lines: lines) }
            func removeApplications(lines: [Int]) throws { try inner.removeApplications(lines: lines) }
            func applyManually(line: Int, applications: [(ApplicationTarget, Money)]) throws { try inner.applyManually(line: line, applications: applications) }
            func postingPlan(_ o: PostOptions) throws -> PostingPlan { try inner.postingPlan(o) }
            func post(_ o: PostOptions) throws -> PostingPlan { try inner.post(o) }
        }
        let b = Minimal()
        var s = try AppState.load(backend: b, width: 80, height: 24)
        for k: Key in [.down, .char("t"), .char("1"), .enter] { _ = handle(.key(k), state: &s, keyMap: .defaults, backend: b) }
        XCTAssertEqual(s.status, StatusMessage("transferring a difference to an account is not available with these books", isError: true))
        if case .accountPrompt = s.mode {} else { XCTFail("the prompt stays open so nothing typed is lost") }
    }

    func testScrollFollowsSelectionOnLongJournals() {
        var snap = Fixture.journal()
        snap.lines = (1...200).map { Fixture.line($0, "2026-11-01", "10.00", "Line \($0)") }
        snap.applications = [:]
        backend.journal = snap
        state = try! AppState.load(backend: backend, width: 80, height: 24)
        let rows = JournalLayout(width: 80, height: 24).grid.height
        act(.pageDown); act(.pageDown)
        XCTAssertGreaterThanOrEqual(state.selected, state.scroll)
        XCTAssertLessThan(state.selected, state.scroll + rows)
        act(.bottom)
        XCTAssertEqual(state.scroll, 200 - rows)
        _ = handle(.resize(width: 80, height: 40), state: &state, keyMap: .defaults, backend: backend)
        XCTAssertEqual(state.currentLine?.lineNo, 200, "a resize keeps the selection")
        XCTAssertEqual(state.scroll, 200 - JournalLayout(width: 80, height: 40).grid.height)
    }

    func testSwitchPaneScrollsDetailInsteadOfLines() {
        act(.switchPane)
        XCTAssertEqual(state.focus, .detail)
        act(.moveDown)
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(state.detailScroll, 1)
        act(.back)
        XCTAssertEqual(state.focus, .lines)
    }

    func testMarkThenAcceptMarkedLines() {
        press(.char(" "))                    // mark line 1, move to 2
        XCTAssertEqual(state.marked, [1])
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        press(.char(" "))                    // mark line 2
        press(.char("a"))
        XCTAssertEqual(backend.journal.lines[0].confidence, .accepted)
        XCTAssertEqual(backend.journal.lines[1].confidence, .accepted)
        XCTAssertEqual(state.snapshot.lines[1].confidence, .accepted, "state reloaded from the books")
        XCTAssertTrue(state.marked.isEmpty)
        XCTAssertEqual(state.stats.forReview, 0)
        XCTAssertEqual(state.status?.text, "Accepted the applications of 2 lines")
    }

    func testAcceptErrorGoesToTheStatusLine() {
        act(.moveDown); act(.moveDown)       // line 3: nothing applied
        act(.accept)
        XCTAssertEqual(state.status, StatusMessage("line 3 has no applications to accept", isError: true))
        XCTAssertEqual(state.mode, .browse)
    }

    func testApplyAutomaticallyKeepsUserDecisionsAndReloads() {
        act(.moveDown); act(.moveDown)      // line 3 has a Low candidate (1996)
        press(.char("A"))
        XCTAssertEqual(state.mode, .confirmApplyAutomatically(userDecided: 1), "line 5 is accepted: ask first")
        XCTAssertFalse(backend.calls.contains("applyAutomatically"))
        press(.enter)                       // keep the user's lines
        XCTAssertEqual(state.status?.text, "Applied automatically: 1 line applied")
        XCTAssertEqual(state.snapshot.lines[2].confidence, .low)
        XCTAssertEqual(state.detail?.applied.first?.entry?.documentNo, "INV-作-9", "the detail pane shows the new application")
        XCTAssertEqual(backend.journal.applications[5]?.first?.confidence, .accepted, "an accepted line is left alone")
    }

    func testRemoveApplications() {
        act(.remove)
        XCTAssertNil(backend.journal.applications[1])
        XCTAssertEqual(state.snapshot.lines[0].confidence, MatchConfidence.none)
        XCTAssertEqual(state.stats.withDifference, 4)
        XCTAssertEqual(state.currentLine?.lineNo, 1, "selection stays on the line")
    }

    func testBackendFailureIsShownNotThrown() {
        backend.failNext = UserError("database is locked")
        act(.remove)
        XCTAssertEqual(state.status, StatusMessage("database is locked", isError: true))
        XCTAssertNotNil(backend.journal.applications[1])
    }

    func testApplyManuallyListsSameSignEntriesAppliedFirst() throws {
        act(.moveDown)
        press(.enter)
        let a = try XCTUnwrap(apply)
        XCTAssertEqual(a.line.lineNo, 2)
        XCTAssertEqual(a.rows.map(\.row.entry.documentNo), ["2001", "2002", "CM-1"], "the negative vendor invoice is left out")
        XCTAssertEqual(a.rows[0].applied, Fixture.m("1000.00"))
        XCTAssertEqual(a.difference, Fixture.m("250.00"))
    }

    func testToggleAppliesWhatIsLeftAndConfirmWritesThrough() throws {
        act(.moveDown)
        press(.enter, .down, .char(" "))
        XCTAssertEqual(apply?.rows[1].applied, Fixture.m("250.00"))
        XCTAssertEqual(apply?.difference, .zero)
        press(.down, .char(" "))
        XCTAssertEqual(apply?.rows[2].applied, nil, "a second account is refused")
        XCTAssertEqual(state.status?.isError, true)
        XCTAssertTrue(state.status?.text.contains("one account") ?? false)
        press(.enter)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(backend.journal.applications[2]?.map(\.appliedAmount), [Fixture.m("1000.00"), Fixture.m("250.00")])
        XCTAssertEqual(state.snapshot.lines[1].confidence, .manual)
        XCTAssertEqual(state.status?.text, "Line 2 applied to 2 entries")
    }

    func testToggleOffAndOnWhenPaymentIsUsedUp() {
        press(.enter)                       // line 1, fully applied to 77
        XCTAssertEqual(apply?.rows.count, 1)
        press(.char(" "))
        XCTAssertNil(apply?.rows[0].applied)
        press(.char(" "))
        XCTAssertEqual(apply?.rows[0].applied, Fixture.m("500.00"))
    }

    func testPaymentInsideTheDiscountPeriodClosesTheEntry() {
        act(.bottom)                        // line 5: 494.50 on 2026-11-03, entry 500.00 with 5.50 discount until 2026-11-05
        press(.enter, .char(" "))
        XCTAssertNil(apply?.rows[0].applied)
        press(.char(" "))
        XCTAssertEqual(apply?.rows[0].applied, Fixture.m("494.50"))
        XCTAssertEqual(apply?.rows[0].remainingAfterPosting(on: Fixture.d("2026-11-03")), .zero)
        XCTAssertEqual(apply?.rows[0].remainingAfterPosting(on: Fixture.d("2026-11-06")), Fixture.m("5.50"), "too late for the discount")
    }

    func testStatusMessageClearsOnTheNextKey() {
        act(.moveDown); act(.moveDown)
        act(.accept)
        XCTAssertEqual(state.status?.isError, true)
        press(.char("k"))
        XCTAssertNil(state.status)
    }

    func testTypingAnAmount() {
        act(.moveDown)
        press(.enter, .down, .char("1"), .char("2"), .char("0"), .char(","), .char("5"))
        XCTAssertEqual(apply?.editing?.buffer, "120,5")
        press(.backspace, .char("7"), .char("5"))
        press(.enter)
        XCTAssertNil(apply?.editing)
        XCTAssertEqual(apply?.rows[1].applied, Fixture.m("120.75"))
        XCTAssertEqual(apply?.difference, Fixture.m("129.25"))
        XCTAssertNotNil(apply, "Enter while editing sets the amount and keeps the dialog open")
    }

    func testTypedAmountAboveRemainingIsRefused() {
        act(.moveDown)
        press(.enter, .down, .char("e"))
        XCTAssertEqual(apply?.editing?.buffer, "250.00", "editing starts from what would be applied")
        for _ in 0..<6 { press(.backspace) }
        press(.char("3"), .char("0"), .char("0"), .enter)
        XCTAssertNil(apply?.rows[1].applied)
        XCTAssertNotNil(apply?.editing, "the typed text stays so it can be corrected")
        XCTAssertTrue(state.status?.text.contains("exceeds what is left of 2002") ?? false, state.status?.text ?? "")
        press(.escape)
        XCTAssertNil(apply?.editing)
        XCTAssertNotNil(apply, "Esc first cancels the edit, not the dialog")
        press(.escape)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(backend.journal.applications[2]?.count, 1, "cancel wrote nothing")
    }

    func testNegativeLineTakesTypedMagnitudeWithItsSign() {
        act(.moveDown); act(.moveDown)      // line 3, -320.50
        press(.enter, .char("3"), .char("0"), .char("0"), .enter)
        XCTAssertEqual(apply?.rows[0].applied, Fixture.m("-300.00"))
        XCTAssertEqual(apply?.difference, Fixture.m("-20.50"))
        press(.enter)
        XCTAssertEqual(backend.journal.applications[3]?.first?.appliedAmount, Fixture.m("-300.00"))
    }

    func testPostDialogPreviewsAndRefusesWithProblems() throws {
        press(.char("p"))
        let p = try XCTUnwrap(post)
        XCTAssertEqual(p.choice, .paymentsOnly)
        XCTAssertEqual(p.plan?.problems.count, 3)
        press(.enter)
        XCTAssertTrue(state.status?.text.hasPrefix("Cannot post: line 2") ?? false)
        XCTAssertNotNil(post, "the dialog stays open")
        press(.down, .down, .char(" "))     // partial
        XCTAssertEqual(post?.options, PostOptions(reconcile: false, partial: true))
        XCTAssertEqual(post?.plan?.canPost, true)
        press(.enter)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(state.status?.text, "Posted 2 lines, 4 ledger entries; 3 lines stay in the journal")
        XCTAssertEqual(state.snapshot.lines.map(\.lineNo), [2, 3, 4])
    }

    func testPostOptionSwitchesAndEscCancels() {
        press(.char("p"), .tab)
        XCTAssertEqual(post?.choice, .paymentsAndReconcile)
        XCTAssertTrue(backend.calls.filter { $0 == "postingPlan" }.count == 2, "the preview is recomputed for the new choice")
        press(.escape)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertFalse(backend.calls.contains("post"))
    }

    func testHelpOpensFromAnyModeAndReturns() {
        press(.char("?"))
        guard case .help(let h) = state.mode else { return XCTFail("no help") }
        XCTAssertEqual(h.context, .journal)
        press(.char("j"))
        if case .help(let h2) = state.mode { XCTAssertEqual(h2.scroll, 1) }
        press(.char("q"))
        XCTAssertEqual(state.mode, .browse, "q closes help rather than quitting")
        press(.enter, .char("?"))
        press(.escape)
        XCTAssertNotNil(apply, "help returns to the dialog it came from")
    }

    func testScrollingPastTheEndOfHelpOrDetailsComesBackAtOnce() {
        press(.char("?"))
        for _ in 0..<200 { press(.down) }
        guard case .help(let h) = state.mode else { return XCTFail("no help") }
        XCTAssertLessThan(h.scroll, 60)
        let bottom = h.scroll
        press(.up)
        if case .help(let h2) = state.mode { XCTAssertEqual(h2.scroll, bottom - 1) }
        press(.escape, .tab)
        for _ in 0..<50 { press(.down) }
        XCTAssertLessThan(state.detailScroll, 20)
        XCTAssertGreaterThan(state.detailScroll, 0, "line 1's details are longer than the 80×24 pane")
    }

    func testQuitOnlyFromTheJournal() {
        press(.enter)
        XCTAssertEqual(press(.char("q")), .redraw)
        XCTAssertEqual(state.mode, .browse)
        XCTAssertEqual(press(.char("q")), .quit)
    }

    func testShowNonAppliedFilterKeepsSelection() {
        act(.moveDown)                      // line 2 has a difference
        press(.char("U"))
        XCTAssertTrue(state.isFiltered)
        XCTAssertEqual(state.rowCount, 3)
        XCTAssertEqual(state.currentLine?.lineNo, 2)
        act(.bottom)
        XCTAssertEqual(state.currentLine?.lineNo, 4)
        press(.char("U"))
        XCTAssertEqual(state.rowCount, 5)
        XCTAssertEqual(state.currentLine?.lineNo, 4)
    }

    func testMouseClickSelectsRowAndWheelScrolls() {
        let layout = JournalLayout(width: 80, height: 24)
        _ = handle(.mouse(MouseEvent(x: 5, y: layout.grid.y + 3, kind: .click)), state: &state, keyMap: .defaults, backend: backend)
        XCTAssertEqual(state.currentLine?.lineNo, 4)
        _ = handle(.mouse(MouseEvent(x: 5, y: layout.grid.y + 30, kind: .click)), state: &state, keyMap: .defaults, backend: backend)
        XCTAssertEqual(state.currentLine?.lineNo, 4, "a click below the last line changes nothing")
        _ = handle(.mouse(MouseEvent(x: 5, y: 5, kind: .wheelUp)), state: &state, keyMap: .defaults, backend: backend)
        XCTAssertEqual(state.currentLine?.lineNo, 1)
    }

    func testUnboundKeyDoesNothing() {
        let before = state
        XCTAssertEqual(press(.char("z")), [])
        XCTAssertEqual(state, before)
    }
}
