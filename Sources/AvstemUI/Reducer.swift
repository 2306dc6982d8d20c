import AvstemCore
import Foundation

/// What the main loop must do after an event (htop's reaction bitmask).
public struct Reaction: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let redraw = Reaction(rawValue: 1)
    public static let quit = Reaction(rawValue: 2)
    /// The selection moved: load the detail pane once no more input is waiting, so holding a
    /// key down does not ask the books for candidates on every line passed.
    public static let loadDetail = Reaction(rawValue: 4)
}

/// Completes what the reactions deferred; the main loop calls it when input is idle, tests after each key.
public func settle(_ state: inout AppState, backend: JournalBackend) {
    if state.detailIsStale { loadDetail(&state, backend) }
}

public enum MouseKind: Sendable, Equatable { case click, wheelUp, wheelDown }

public struct MouseEvent: Sendable, Equatable {
    public var x: Int, y: Int, kind: MouseKind
    public init(x: Int, y: Int, kind: MouseKind) { self.x = x; self.y = y; self.kind = kind }
}

public enum InputEvent: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

/// Turns raw input into actions through the key map, except while an amount is typed,
/// when printable keys are text.
public func handle(_ event: InputEvent, state: inout AppState, keyMap: KeyMap, backend: JournalBackend) -> Reaction {
    var r = dispatch(event, state: &state, keyMap: keyMap, backend: backend)
    clampScrolls(&state, keyMap: keyMap)
    // An edit leaves the detail pane to be read again after the frame is drawn.
    if state.detailIsStale { r.insert(.loadDetail) }
    return r
}

/// Help and detail scroll by a line per key without knowing their length; cap them here, where
/// the key map (and so the help's length) is known, so scrolling back up answers at once.
private func clampScrolls(_ state: inout AppState, keyMap: KeyMap) {
    if case .help(var h) = state.mode {
        let most = max(0, helpLines(keyMap, first: h.context).count - (state.height - 2))
        if h.scroll > most { h.scroll = most; state.mode = .help(h) }
    }
    if state.detailScroll > 0 {
        let rows = JournalLayout(width: state.width, height: state.height).detail.height - 1
        state.detailScroll = min(state.detailScroll, max(0, detailLineCount(state) - rows))
    }
}

private func dispatch(_ event: InputEvent, state: inout AppState, keyMap: KeyMap, backend: JournalBackend) -> Reaction {
    switch event {
    case .resize(let w, let h):
        state.width = w; state.height = h
        keepSelectionVisible(&state)
        if case .applyManually(var a) = state.mode { keepApplyVisible(&a, state: state); state.mode = .applyManually(a) }
        return .redraw
    case .mouse(let m):
        return handleMouse(m, state: &state, backend: backend)
    case .key(let key):
        // A message answers the previous key; the next key starts afresh.
        state.status = nil
        if case .accountPrompt(var p) = state.mode {
            let r = editAccountPrompt(key, &p, state: &state, backend: backend)
            if case .accountPrompt = state.mode { state.mode = .accountPrompt(p) }
            return r
        }
        if case .bankDetails(let scroll) = state.mode {
            switch key {
            case .escape, .char("q"), .char("d"), .enter: state.mode = .browse
            case .down, .char("j"): state.mode = .bankDetails(scroll: min(scroll + 1, max(0, bankDetailRows(state).count - 1)))
            case .up, .char("k"): state.mode = .bankDetails(scroll: max(0, scroll - 1))
            default: return []
            }
            return .redraw
        }
        if case .columnPicker(let sel) = state.mode {
            return editColumns(key, selected: sel, state: &state)
        }
        if case .importPrompt(var p) = state.mode {
            let r = editImportPrompt(key, &p, state: &state, backend: backend)
            if case .importPrompt = state.mode { state.mode = .importPrompt(p) }
            return r
        }
        if case .history(var h) = state.mode {
            let r = editHistory(key, &h, state: &state, backend: backend)
            if case .history = state.mode { state.mode = .history(h) }
            return r
        }
        if case .confirmApplyAutomatically = state.mode {
            return confirmApplyAutomatically(key, state: &state, backend: backend)
        }
        if case .chooseConfidence(var c) = state.mode {
            let r = editConfidenceChoice(key, &c, state: &state, backend: backend)
            if case .chooseConfidence = state.mode { state.mode = .chooseConfidence(c) }
            return r
        }
        if case .search(var query) = state.mode {
            let r = editSearch(key, query: &query, state: &state, backend: backend)
            if case .search = state.mode { state.mode = .search(query) }
            return r
        }
        if case .applyManually(var a) = state.mode {
            if a.editing != nil {
                state.mode = .applyManually(a.placeholder) // `a` alone holds the rows: setting an amount copies none
                let r = editAmount(key, apply: &a, state: &state)
                state.mode = .applyManually(a)
                if let r { return r }
            } else if case .char(let c) = key, c.isNumber {
                // Typing a digit on a row starts editing its amount: fastest path for bookkeepers.
                a.editing = AmountEdit(row: a.selected, buffer: String(c))
                state.mode = .applyManually(a)
                return .redraw
            }
        }
        guard let action = keyMap.action(for: key, in: state.mode.keyContext) else {
            return []
        }
        return reduce(&state, action, backend: backend)
    }
}

/// Keys while typing an amount; nil means "not consumed, treat as an action".
private func editAmount(_ key: Key, apply a: inout ApplyState, state: inout AppState) -> Reaction? {
    guard var edit = a.editing else { return nil }
    switch key {
    case .char(let c) where state.t.isAmountCharacter(c):
        if edit.buffer.count < 20 { edit.buffer.append(c) }
        a.editing = edit
        return .redraw
    case .backspace, .delete:
        if !edit.buffer.isEmpty { edit.buffer.removeLast() }
        a.editing = edit
        return .redraw
    case .escape:
        a.editing = nil
        return .redraw
    case .enter:
        commitEdit(&a, state: &state)
        return .redraw
    default:
        return []
    }
}

private func commitEdit(_ a: inout ApplyState, state: inout AppState) {
    guard let edit = a.editing, edit.row < a.rows.count else { a.editing = nil; return }
    let t = state.t
    let text = edit.buffer.replacingOccurrences(of: "-", with: "")
    if text.allSatisfy({ $0 == " " }) {
        a.rows[edit.row].applied = nil
        a.editing = nil
        return
    }
    let typed: Money
    do { typed = try t.parseAmount(text, decimals: a.decimals) } catch {
        state.status = StatusMessage(t("%@ is not an amount", edit.buffer), isError: true)
        return
    }
    // The user types a magnitude; it takes the line's sign, as applications always do.
    let amount = a.line.amount.isNegative ? -typed : typed
    let row = a.rows[edit.row]
    if amount.isZero {
        a.rows[edit.row].applied = nil
        a.editing = nil
        return
    }
    if let why = applyProblem(a, row: edit.row, t) {
        state.status = StatusMessage(why, isError: true)
        a.editing = nil
        return
    }
    if amount.magnitude > row.row.available.magnitude {
        state.status = StatusMessage(t("%@ exceeds what is left of %@: %@", t.amount(amount, a.decimals), row.row.entry.documentNo, t.amount(row.row.available, a.decimals)), isError: true)
        return
    }
    let others = a.appliedTotal - (row.applied ?? .zero)
    if (others + amount).magnitude > a.line.amount.magnitude {
        state.status = StatusMessage(t("applying %@ would exceed the line amount %@", t.amount(amount, a.decimals), t.amount(a.line.amount, a.decimals)), isError: true)
        return
    }
    a.rows[edit.row].applied = amount
    a.editing = nil
    state.status = nil
}

/// Why the row cannot be applied (beside amounts): BC's one-account-per-line and same-sign rules.
private func applyProblem(_ a: ApplyState, row i: Int, _ t: Catalogue) -> String? {
    let r = a.rows[i].row
    if r.entry.remainingAmount.sign != a.line.amount.sign || r.entry.remainingAmount.isZero {
        return t("entry %@ has the other sign than the payment", r.entry.documentNo)
    }
    if let other = a.rows.enumerated().first(where: { $0.offset != i && $0.element.isApplied && $0.element.row.entry.accountKey != r.entry.accountKey }) {
        let e = other.element.row.entry
        return t("the line is applied to %@; a line goes to one account only", e.partyNo.isEmpty ? t("a bank entry") : e.partyNo)
    }
    return nil
}

/// Changes state for one action and says what must happen next. Backend calls happen here;
/// their errors become the status message, never a crash.
public func reduce(_ state: inout AppState, _ action: Action, backend: JournalBackend) -> Reaction {
    switch state.mode {
    case .browse: return reduceBrowse(&state, action, backend)
    case .applyManually(var a):
        // While it changes, `a` alone holds the rows: ticking one must not copy them all.
        state.mode = .applyManually(a.placeholder)
        let r = reduceApply(&state, &a, action, backend)
        if case .applyManually = state.mode { state.mode = .applyManually(a) }
        return r
    case .confirmPost(var p):
        let r = reducePost(&state, &p, action, backend)
        if case .confirmPost = state.mode { state.mode = .confirmPost(p) }
        return r
    case .help(var h):
        switch action {
        case .back, .quit, .help, .confirm: state.mode = h.returnTo
        case .moveDown: h.scroll += 1
        case .moveUp: h.scroll = max(0, h.scroll - 1)
        case .pageDown: h.scroll += max(1, state.height - 4)
        case .pageUp: h.scroll = max(0, h.scroll - max(1, state.height - 4))
        case .top: h.scroll = 0
        case .bottom: h.scroll = Int.max / 2
        default: return []
        }
        if case .help = state.mode { state.mode = .help(h) }
        return .redraw
    case .search, .accountPrompt, .chooseConfidence, .confirmApplyAutomatically, .bankDetails, .history, .importPrompt, .columnPicker:
        // Keys reach these prompts through `handle`; actions from elsewhere close them.
        state.mode = .browse
        return .redraw
    }
}

private func message(_ error: Error) -> String {
    if let u = error as? UserError { return u.message }
    return String(describing: error)
}

private func reduceBrowse(_ state: inout AppState, _ action: Action, _ backend: JournalBackend) -> Reaction {
    let layout = JournalLayout(width: state.width, height: state.height)
    if state.focus == .detail {
        switch action {
        case .moveDown: state.detailScroll += 1; return .redraw
        case .moveUp: state.detailScroll = max(0, state.detailScroll - 1); return .redraw
        case .pageDown: state.detailScroll += max(1, layout.detail.height - 2); return .redraw
        case .pageUp: state.detailScroll = max(0, state.detailScroll - max(1, layout.detail.height - 2)); return .redraw
        case .top: state.detailScroll = 0; return .redraw
        default: break
        }
    }
    switch action {
    case .moveUp: return select(&state, state.selected - 1, backend)
    case .moveDown: return select(&state, state.selected + 1, backend)
    case .pageUp: return select(&state, state.selected - layout.pageSize, backend)
    case .pageDown: return select(&state, state.selected + layout.pageSize, backend)
    case .top: return select(&state, 0, backend)
    case .bottom: return select(&state, state.rowCount - 1, backend)
    case .switchPane:
        state.focus = state.focus == .lines ? .detail : .lines
        return .redraw
    case .toggle:
        guard let line = state.currentLine else { return [] }
        if state.marked.contains(line.lineNo) { state.marked.remove(line.lineNo) } else { state.marked.insert(line.lineNo) }
        state.status = StatusMessage(state.t(state.marked.count == 1 ? "%@ line marked" : "%@ lines marked", state.marked.count))
        return select(&state, state.selected + 1, backend).union(.redraw)
    case .accept, .remove:
        let lines = state.marked.isEmpty ? (state.currentLine.map { [$0.lineNo] } ?? []) : state.marked.sorted()
        guard !lines.isEmpty else { return [] }
        do {
            if action == .accept { try backend.accept(lines: lines) } else { try backend.removeApplications(lines: lines) }
            state.marked = []
            try reload(&state, backend, lines: lines)
            let t = state.t
            let what = lines.count == 1 ? t("line %@", lines[0]) : t("%@ lines", lines.count)
            state.status = StatusMessage(action == .accept ? t("Accepted the applications of %@", what) : t("Removed the applications of %@", what))
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
        return .redraw
    case .applyManually:
        guard let line = state.currentLine else { return [] }
        do {
            state.mode = .applyManually(try makeApplyState(line, state: state, backend: backend))
            state.status = nil
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
        return .redraw
    case .post:
        var p = PostDialogState()
        refreshPlan(&p, backend)
        state.mode = .confirmPost(p)
        state.status = nil
        return .redraw
    case .help:
        state.mode = .help(HelpState(context: .journal, returnTo: .browse))
        return .redraw
    case .quit:
        return .quit
    case .back:
        if !state.marked.isEmpty { state.marked = [] }
        if state.focus == .detail { state.focus = .lines }
        state.status = nil
        return .redraw
    case .search:
        state.searchOrigin = state.selected
        state.mode = .search("")
        return .redraw
    case .previousMatch:
        guard let q = state.lastSearch else { state.status = StatusMessage(state.t("Nothing searched yet: / starts a search")); return .redraw }
        return findNext(&state, backend, matching: q, backward: true)
    case .nextFilter, .previousFilter:
        state.setFilter(action == .nextFilter ? state.lineFilter.next : state.lineFilter.previous)
        afterViewChange(&state)
        state.status = StatusMessage(state.t("Showing %@ of %@ lines: %@", state.rowCount, state.snapshot.lines.count, state.lineFilter.label(state.t)))
        return [.redraw, .loadDetail]
    case .nextSort:
        state.setSort(state.sort.next)
        afterViewChange(&state)
        state.status = StatusMessage(state.t("Sorted by %@", state.t(state.sort.label)))
        return [.redraw, .loadDetail]
    case .markAll:
        let shown = (0..<state.rowCount).map { state.snapshot.lines[state.lineIndex(atRow: $0)].lineNo }
        if !shown.isEmpty, shown.allSatisfy({ state.marked.contains($0) }) {
            state.marked.subtract(shown)
        } else {
            state.marked.formUnion(shown)
        }
        state.status = StatusMessage(state.t(state.marked.count == 1 ? "%@ line marked" : "%@ lines marked", state.marked.count))
        return .redraw
    case .acceptByConfidence:
        var counts = [Int](repeating: 0, count: ConfidenceChoiceState.levels.count)
        for i in state.snapshot.lines.indices where !state.appliedByIndex[i].isZero {
            let confidence = state.snapshot.lines[i].confidence
            guard !confidence.isUserDecision else { continue }
            for (k, level) in ConfidenceChoiceState.levels.enumerated() where confidence >= level { counts[k] += 1 }
        }
        state.mode = .chooseConfidence(ConfidenceChoiceState(counts: counts))
        return .redraw
    case .importStatement:
        state.mode = .importPrompt(ImportPromptState())
        return .redraw
    case .columns:
        state.mode = .columnPicker(selected: 1)
        return .redraw
    case .history:
        do {
            let items = try backend.history()
            state.mode = .history(HistoryState(items: items, selected: items.firstIndex { $0.kind == .openJournal && $0.id == state.snapshot.header.id } ?? 0))
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
        return .redraw
    case .bankDetails:
        guard state.currentLine != nil else { return [] }
        state.mode = .bankDetails(scroll: 0)
        return .redraw
    case .undo, .redo:
        do {
            guard let step = try action == .undo ? backend.undo() : backend.redo() else {
                state.status = StatusMessage(state.t(action == .undo ? "Nothing to undo" : "Nothing to redo"), isError: true)
                return .redraw
            }
            try reload(&state, backend, lines: step.lineNos)
            state.status = StatusMessage(state.t(action == .undo ? "Undone: " : "Redone: ") + step.what)
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
        return .redraw
    case .applyAutomatically:
        let userDecided = state.snapshot.lines.reduce(0) { $0 + ($1.confidence.isUserDecision ? 1 : 0) }
        if userDecided > 0 {
            state.mode = .confirmApplyAutomatically(userDecided: userDecided)
            return .redraw
        }
        runApplyAutomatically(&state, backend, overwrite: false)
        return .redraw
    case .transferDifference, .mapText:
        guard let line = state.currentLine else { return [] }
        let diff = state.snapshot.difference(of: line)
        if action == .transferDifference && diff.isZero {
            state.status = StatusMessage(state.t("Line %@ has no difference to transfer", line.lineNo), isError: true)
            return .redraw
        }
        let purpose: AccountPromptState.Purpose = action == .mapText ? .mapText : .transferDifference
        var p = AccountPromptState(purpose: purpose, line: line, amount: purpose == .mapText ? line.amount : diff,
                                   mappingText: String(line.text.prefix(50)))
        if let acc = line.account { p.accountType = acc.type; p.accountNo = acc.no }
        do { p.choices = try backend.accounts() } catch { state.status = StatusMessage(message(error), isError: true) }
        p.search()
        if purpose == .mapText { p.caught = caughtByMapping(p, state) }
        state.mode = .accountPrompt(p)
        return .redraw
    case .nextMatch:
        guard let q = state.lastSearch else { state.status = StatusMessage(state.t("Nothing searched yet: / starts a search")); return .redraw }
        return findNext(&state, backend, matching: q)
    case .nextReview:
        let snap = state.snapshot
        return jump(&state, backend, notFound: state.t("No line needs review")) { line in
            line.confidence.needsReview || snap.difference(of: line) != .zero
        }
    case .showNonApplied:
        state.setFilter(state.lineFilter == .notApplied ? .all : .notApplied)
        afterViewChange(&state)
        state.status = StatusMessage(state.isFiltered ? state.t("Showing %@ lines not fully applied", state.rowCount) : state.t("Showing all lines"))
        return [.redraw, .loadDetail]
    case .confirm, .editAmount, .nextOption:
        return []
    }
}

private func runApplyAutomatically(_ state: inout AppState, _ backend: JournalBackend, overwrite: Bool) {
    do {
        let summary = try backend.applyAutomatically(overwriteUserDecisions: overwrite)
        try reload(&state, backend)
        state.status = StatusMessage(state.t("Applied automatically: ") + summary + (overwrite ? state.t(" (accepted and manual lines matched again)") : ""))
    } catch {
        state.status = StatusMessage(message(error), isError: true)
    }
}

/// The column picker: Up/Down choose a column, Space shows or hides it, `<`/`>` make it
/// narrower or wider; Enter or Esc closes. The pointer column cannot be hidden.
private func editColumns(_ key: Key, selected: Int, state: inout AppState) -> Reaction {
    let n = journalColumnTitles.count
    var sel = selected
    switch key {
    case .escape, .enter, .char("q"), .char("C"): state.mode = .browse; return .redraw
    case .up, .char("k"): sel = max(1, sel - 1)
    case .down, .char("j"): sel = min(n - 1, sel + 1)
    case .char(" "):
        if state.hiddenColumns.contains(sel) { state.hiddenColumns.remove(sel) }
        else if state.hiddenColumns.count < n - 2 { state.hiddenColumns.insert(sel) }
    case .char("<"), .char("-"), .left:
        state.columnWidthChange[sel] = max(-journalColumnWidth(sel) + 2, (state.columnWidthChange[sel] ?? 0) - 1)
    case .char(">"), .char("+"), .right:
        state.columnWidthChange[sel] = min(60, (state.columnWidthChange[sel] ?? 0) + 1)
    default: return []
    }
    state.mode = .columnPicker(selected: sel)
    return .redraw
}

/// Completes a typed path as a shell does: the longest common start of the directory's
/// entries that begin with what is typed (a directory gets its "/"), and the entries when several fit.
public func completePath(_ typed: String, fileManager: FileManager = .default) -> (path: String, candidates: [String]) {
    let home = fileManager.homeDirectoryForCurrentUser.path
    let expanded = typed.hasPrefix("~/") ? home + typed.dropFirst(1) : typed
    let slash = expanded.lastIndex(of: "/")
    let dir = slash.map { String(expanded[...$0]) } ?? ""
    let stem = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
    guard let entries = try? fileManager.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return (typed, []) }
    let fits = entries.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
    guard let first = fits.first else { return (typed, []) }
    var common = first
    for f in fits.dropFirst() { while !f.hasPrefix(common) { common.removeLast() } }
    var done = dir + common
    var isDir: ObjCBool = false
    if fits.count == 1, fileManager.fileExists(atPath: done, isDirectory: &isDir), isDir.boolValue { done += "/" }
    return (done, fits.count == 1 ? [] : fits)
}

private func editImportPrompt(_ key: Key, _ p: inout ImportPromptState, state: inout AppState, backend: JournalBackend) -> Reaction {
    switch key {
    case .escape: state.mode = .browse
    case .tab:
        let before = p.path
        let (path, candidates) = completePath(before)
        p.path = path
        p.completions = candidates
        if candidates.isEmpty && path == before && !FileManager.default.fileExists(atPath: path) {
            state.status = StatusMessage(state.t("Nothing to complete for %@", p.path.isEmpty ? state.t("the current directory") : p.path))
        }
    case .char(let c): if p.path.count < 1024 { p.path.append(c); p.completions = [] }
    case .backspace, .delete: if !p.path.isEmpty { p.path.removeLast(); p.completions = [] }
    case .enter:
        let path = p.path.hasPrefix("~/") ? FileManager.default.homeDirectoryForCurrentUser.path + p.path.dropFirst(1) : p.path
        guard !path.isEmpty else { state.status = StatusMessage(state.t("Type the path of a statement file"), isError: true); return .redraw }
        do {
            let (ids, summary) = try backend.importStatement(path: path)
            guard let id = ids.first else {
                state.mode = .browse
                state.status = StatusMessage(state.t("Nothing new in %@: ", path) + summary)
                return .redraw
            }
            try backend.openJournal(id)
            let (w, h) = (state.width, state.height)
            let language = state.language
            state = AppState(snapshot: try backend.snapshot(), width: w, height: h)
            state.language = language
            state.status = StatusMessage(state.t("Imported ") + summary)
            return [.redraw, .loadDetail]
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
    default: return []
    }
    return .redraw
}

/// The journals-and-history screen: Enter opens a journal, or lists a posted statement's lines; Esc goes back a level.
private func editHistory(_ key: Key, _ h: inout HistoryState, state: inout AppState, backend: JournalBackend) -> Reaction {
    if h.statement != nil {
        switch key {
        case .escape, .char("q"), .enter: h.statement = nil; h.lines = []; h.scroll = 0
        case .down, .char("j"): h.scroll = min(h.scroll + 1, max(0, h.lines.count - 1))
        case .up, .char("k"): h.scroll = max(0, h.scroll - 1)
        case .pageDown: h.scroll = min(h.scroll + max(1, state.height - 8), max(0, h.lines.count - 1))
        case .pageUp: h.scroll = max(0, h.scroll - max(1, state.height - 8))
        default: return []
        }
        return .redraw
    }
    switch key {
    case .escape, .char("q"): state.mode = .browse
    case .down, .char("j"): h.selected = min(h.selected + 1, max(0, h.items.count - 1))
    case .up, .char("k"): h.selected = max(0, h.selected - 1)
    case .enter:
        guard let item = h.items[safe: h.selected] else { return [] }
        do {
            switch item.kind {
            case .postedStatement:
                h.lines = try backend.postedLines(statement: item.id)
                h.statement = item
                h.scroll = 0
            case .openJournal:
                try backend.openJournal(item.id)
                let (w, ht) = (state.width, state.height)
                let language = state.language
                state = AppState(snapshot: try backend.snapshot(), width: w, height: ht)
                state.language = language
                state.status = StatusMessage(state.t("Opened journal %@: %@ statement %@", item.id, item.bankAccount, item.statementNo))
                return [.redraw, .loadDetail]
            }
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
    default: return []
    }
    return .redraw
}

/// BC asks before apply automatically touches what the user decided: `k`/Enter keeps those lines, `o` overwrites them.
private func confirmApplyAutomatically(_ key: Key, state: inout AppState, backend: JournalBackend) -> Reaction {
    switch key {
    case .escape, .char("q"), .char("n"): state.mode = .browse
    case .enter, .char("k"), .char("y"): state.mode = .browse; runApplyAutomatically(&state, backend, overwrite: false)
    case .char("o"): state.mode = .browse; runApplyAutomatically(&state, backend, overwrite: true)
    default: return []
    }
    return .redraw
}

/// After the grid's rows were reordered or filtered: the selection stays on its line where shown.
private func afterViewChange(_ state: inout AppState) {
    state.scroll = max(0, state.selected - JournalLayout(width: state.width, height: state.height).grid.height / 2)
    keepSelectionVisible(&state)
    state.detailScroll = 0
}

/// Keys of the "accept at or above" chooser: arrows move, the level's first letter or Enter accepts.
private func editConfidenceChoice(_ key: Key, _ c: inout ConfidenceChoiceState, state: inout AppState, backend: JournalBackend) -> Reaction {
    let n = ConfidenceChoiceState.levels.count
    switch key {
    case .escape, .char("q"): state.mode = .browse
    case .up, .char("k"): c.selected = (c.selected + n - 1) % n
    case .down, .char("j"), .tab: c.selected = (c.selected + 1) % n
    case .enter:
        let level = c.level
        let lines = state.snapshot.lines.indices.filter { i in
            let l = state.snapshot.lines[i]
            return !l.confidence.isUserDecision && !state.appliedByIndex[i].isZero && l.confidence >= level
        }.map { state.snapshot.lines[$0].lineNo }
        state.mode = .browse
        guard !lines.isEmpty else {
            state.status = StatusMessage(state.t("No line at or above %@ is waiting to be accepted", state.t(level.label)), isError: true)
            return .redraw
        }
        do {
            try backend.accept(lines: lines)
            try reload(&state, backend, lines: lines)
            state.status = StatusMessage(state.t(lines.count == 1 ? "Accepted %@ line at or above %@" : "Accepted %@ lines at or above %@", lines.count, state.t(level.label)))
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
    default: return []
    }
    return .redraw
}

private func select(_ state: inout AppState, _ row: Int, _ backend: JournalBackend) -> Reaction {
    let clamped = max(0, min(row, state.rowCount - 1))
    guard clamped != state.selected || state.detail == nil else { return [] }
    state.selected = max(0, clamped)
    state.detailScroll = 0
    keepSelectionVisible(&state)
    return [.redraw, .loadDetail]
}

/// Typing a search: printable keys are the query, Enter searches, Esc gives up.
private func editSearch(_ key: Key, query: inout String, state: inout AppState, backend: JournalBackend) -> Reaction {
    switch key {
    case .char(let c):
        if query.count < 80 { query.append(c) }
    case .backspace, .delete:
        if !query.isEmpty { query.removeLast() }
    case .escape:
        state.mode = .browse
        return select(&state, state.searchOrigin, backend).union(.redraw)
    case .enter:
        state.mode = .browse
        guard !query.isEmpty else { return .redraw }
        state.lastSearch = query
        // Again, so the answer (wrapped, or no match) stays in the status line.
        return findNext(&state, backend, matching: query, from: state.searchOrigin, includingStart: true)
    default:
        return []
    }
    // Incremental: the first match from where the search started, as the query grows.
    guard !query.isEmpty else { return select(&state, state.searchOrigin, backend).union(.redraw) }
    let r = findNext(&state, backend, matching: query, from: state.searchOrigin, includingStart: true)
    return r.union(.redraw)
}

/// The account form: Tab/arrows move between fields, Left/Right/Space change the account
/// type, other printable keys type into the field, Enter saves through the backend.
private func editAccountPrompt(_ key: Key, _ p: inout AccountPromptState, state: inout AppState, backend: JournalBackend) -> Reaction {
    let fields = p.fields
    let at = fields.firstIndex(of: p.field) ?? 0
    switch key {
    case .escape:
        state.mode = .browse
    case .down where p.field == .number && !p.matches.isEmpty:
        p.pick = min(p.pick + 1, p.matches.count - 1)
    case .up where p.field == .number && !p.matches.isEmpty:
        p.pick = max(p.pick - 1, 0)
    case .tab, .down:
        p.field = fields[(at + 1) % fields.count]
    case .backTab, .up:
        p.field = fields[(at + fields.count - 1) % fields.count]
    case .left where p.field == .type, .right where p.field == .type, .char(" ") where p.field == .type:
        // Arrows and Space in a text field must not change the type.
        let all = AccountType.allCases
        let i = all.firstIndex(of: p.accountType) ?? 0
        p.accountType = all[(i + (key == .left ? all.count - 1 : 1)) % all.count]
    case .char(let c) where p.field == .number:
        // With a list to search, spaces belong to names; a bare number never has one.
        if p.accountNo.count < 40 && (c != " " || !p.choices.isEmpty) { p.accountNo.append(c); p.search() }
    case .char(let c) where p.field == .text:
        if p.mappingText.count < 250 { p.mappingText.append(c); p.caught = caughtByMapping(p, state) }
    case .backspace, .delete:
        if p.field == .number, !p.accountNo.isEmpty { p.accountNo.removeLast(); p.search() }
        if p.field == .text, !p.mappingText.isEmpty { p.mappingText.removeLast(); p.caught = caughtByMapping(p, state) }
    case .enter:
        let account = p.account
        guard !account.no.isEmpty else {
            state.status = StatusMessage(state.t("Type the account no. first"), isError: true)
            p.field = .number
            return .redraw
        }
        do {
            switch p.purpose {
            case .transferDifference: try backend.transferDifference(line: p.line.lineNo, to: account)
            case .mapText: try backend.mapTextToAccount(line: p.line.lineNo, mappingText: p.mappingText, account: account)
            }
            state.mode = .browse
            try reload(&state, backend)
            let t = state.t
            state.status = StatusMessage(p.purpose == .mapText
                ? t("Line %@: \"%@\" now maps to %@ %@", p.line.lineNo, p.mappingText, t(account.type.displayName), account.no)
                : t("Line %@: %@ transferred to %@ %@", p.line.lineNo, t.amount(p.amount, state.decimals), t(account.type.displayName), account.no))
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
    default:
        return []
    }
    return .redraw
}

/// How many other lines of the journal contain the mapping text (case-insensitive), as the store matches it.
func caughtByMapping(_ p: AccountPromptState, _ state: AppState) -> Int {
    let q = p.mappingText.trimmingCharacters(in: .whitespaces).lowercased()
    guard !q.isEmpty else { return 0 }
    var n = 0
    for line in state.snapshot.lines where line.lineNo != p.line.lineNo && line.text.lowercased().contains(q) { n += 1 }
    return n
}

/// The next line after the selection (wrapping) for which `matches` holds; O(lines) once per key press.
private func jump(_ state: inout AppState, _ backend: JournalBackend, notFound: String, _ matches: (JournalLine) -> Bool) -> Reaction {
    let n = state.rowCount
    guard n > 0 else { return [] }
    for step in 1...n {
        let row = (state.selected + step) % n
        if let line = state.line(atRow: row), matches(line) {
            if row <= state.selected { state.status = StatusMessage(state.t("Search wrapped to the top")) }
            return select(&state, row, backend).union(.redraw)
        }
    }
    state.status = StatusMessage(notFound, isError: true)
    return .redraw
}

/// The next (or previous) row whose text, party, reference, information or amount contains
/// `query`, wrapping around; a byte search over the journal's search index.
private func findNext(_ state: inout AppState, _ backend: JournalBackend, matching query: String, from: Int? = nil,
                      includingStart: Bool = false, backward: Bool = false) -> Reaction {
    let n = state.rowCount
    guard n > 0 else { return [] }
    let start = max(0, min(from ?? state.selected, n - 1))
    let needle = SearchIndex.needle(state.t.searchable(query))
    let view = state.view
    let index = state.searchIndex
    func look<S: Sequence<Int>>(_ rows: S) -> Int? { index.first(needle, rows: rows) { view?[$0] ?? $0 } }
    let first = includingStart ? start : (backward ? start - 1 : start + 1)
    var found: Int?
    var wrapped = false
    if backward {
        found = first >= 0 ? look(stride(from: first, through: 0, by: -1)) : nil
        if found == nil { wrapped = true; found = look(stride(from: n - 1, to: first, by: -1)) }
    } else {
        found = first < n ? look(first..<n) : nil
        if found == nil { wrapped = true; found = look(0..<min(first, n)) }
    }
    guard let row = found else {
        state.status = StatusMessage(state.t("No line matches \"%@\"", query), isError: true)
        return .redraw
    }
    if wrapped { state.status = StatusMessage(state.t(backward ? "Search wrapped to the bottom" : "Search wrapped to the top")) }
    return select(&state, row, backend).union(.redraw)
}

func keepSelectionVisible(_ state: inout AppState) {
    let rows = JournalLayout(width: state.width, height: state.height).grid.height
    if state.selected < state.scroll { state.scroll = state.selected }
    if state.selected >= state.scroll + rows { state.scroll = state.selected - rows + 1 }
    state.scroll = max(0, min(state.scroll, max(0, state.rowCount - rows)))
}

/// Loads the detail pane for the selected line: its applications with their entries and the candidates.
public func loadDetail(_ state: inout AppState, _ backend: JournalBackend) {
    state.detailNeedsReload = false
    guard let line = state.currentLine else { state.detail = nil; return }
    var d = DetailState(lineNo: line.lineNo, applied: [], candidates: [], error: nil)
    do {
        for app in try backend.applications(forLine: line.lineNo, in: state.snapshot) {
            d.applied.append(AppliedEntry(application: app, entry: try backend.entryInfo(app.target)))
        }
        d.candidates = try backend.candidates(forLine: line.lineNo, in: state.snapshot)
    } catch {
        d.error = message(error)
    }
    state.detail = d
}

/// Reads the journal again after an edit; `lines` when only those lines changed, which are
/// then updated in place (a large journal is not read or copied again).
private func reload(_ state: inout AppState, _ backend: JournalBackend, lines: [Int]? = nil) throws {
    if let lines, lines.count <= 5_000, let fresh = try backend.changedLines(lines, in: state.snapshot),
       state.updateLines(fresh.lines, applications: fresh.applications) {
        keepSelectionVisible(&state)
        state.detailNeedsReload = true
        return
    }
    state.replaceSnapshot(try lines.map { try backend.refreshed(state.snapshot, lines: $0) } ?? backend.snapshot())
    keepSelectionVisible(&state)
    loadDetail(&state, backend)
}

/// Opens the apply-manually dialog: candidate entries of the line's sign, those applied first.
public func makeApplyState(_ line: JournalLine, state: AppState, backend: JournalBackend) throws -> ApplyState {
    let current = state.snapshot.applications[line.lineNo] ?? []
    var byTarget: [ApplicationTarget: Money] = [:]
    for a in current { byTarget[a.target, default: .zero] += a.appliedAmount }
    var rows: [ApplyRow] = []
    var seen = Set<ApplicationTarget>()
    // The detail pane holds the line's candidates already when it is up to date.
    let candidates = try state.detail.flatMap { $0.lineNo == line.lineNo && !state.detailIsStale && $0.error == nil ? $0.candidates : nil }
        ?? backend.candidates(forLine: line.lineNo, in: state.snapshot)
    for c in candidates where !seen.contains(c.candidate.target) {
        let sameSign = c.entry.remainingAmount.sign == line.amount.sign && !c.entry.remainingAmount.isZero
        guard sameSign || byTarget[c.candidate.target] != nil else { continue }
        seen.insert(c.candidate.target)
        rows.append(ApplyRow(row: c, applied: byTarget[c.candidate.target]))
    }
    // An application whose entry the backend did not rank still belongs in the list.
    for a in current where !seen.contains(a.target) {
        guard let e = try backend.entryInfo(a.target) else { continue }
        seen.insert(a.target)
        let cand = Candidate(target: a.target, score: 0, confidence: a.confidence, proposedAmount: a.appliedAmount, evidence: a.evidence)
        rows.append(ApplyRow(row: CandidateRow(candidate: cand, entry: e), applied: a.appliedAmount))
    }
    // Stable: applied first, then the backend's ranking.
    let applied = rows.filter(\.isApplied), rest = rows.filter { !$0.isApplied }
    return ApplyState(line: line, decimals: state.decimals, rows: applied + rest)
}

func keepApplyVisible(_ a: inout ApplyState, state: AppState) {
    let rows = JournalLayout(width: state.width, height: state.height).applyRows.height
    if a.selected < a.scroll { a.scroll = a.selected }
    if a.selected >= a.scroll + rows { a.scroll = a.selected - rows + 1 }
    a.scroll = max(0, a.scroll)
}

private func reduceApply(_ state: inout AppState, _ a: inout ApplyState, _ action: Action, _ backend: JournalBackend) -> Reaction {
    let page = JournalLayout(width: state.width, height: state.height).applyRows.height
    func move(_ to: Int) -> Reaction {
        a.selected = max(0, min(to, a.rows.count - 1))
        keepApplyVisible(&a, state: state)
        return .redraw
    }
    switch action {
    case .moveUp: return move(a.selected - 1)
    case .moveDown: return move(a.selected + 1)
    case .pageUp: return move(a.selected - page)
    case .pageDown: return move(a.selected + page)
    case .top: return move(0)
    case .bottom: return move(a.rows.count - 1)
    case .toggle:
        guard a.selected < a.rows.count else { return [] }
        if a.rows[a.selected].isApplied {
            a.rows[a.selected].applied = nil
            state.status = nil
            return .redraw
        }
        if let why = applyProblem(a, row: a.selected, state.t) {
            state.status = StatusMessage(why, isError: true)
            return .redraw
        }
        // BC's default: as much as both the entry and the rest of the payment allow.
        let row = a.rows[a.selected].row
        let leftOnLine = a.difference
        let amount = a.proposal(for: a.selected)
        guard !amount.isZero, amount.sign == a.line.amount.sign else {
            state.status = StatusMessage(leftOnLine.isZero ? state.t("the whole payment is applied already; unapply an entry or edit its amount") : state.t("nothing is left to apply on %@", row.entry.documentNo), isError: true)
            return .redraw
        }
        a.rows[a.selected].applied = amount
        state.status = nil
        return .redraw
    case .editAmount:
        guard a.selected < a.rows.count else { return [] }
        let r = a.rows[a.selected]
        let start = r.applied ?? a.proposal(for: a.selected)
        a.editing = AmountEdit(row: a.selected, buffer: start.isZero ? "" : state.t.amount(start.magnitude, a.decimals))
        return .redraw
    case .confirm:
        let apps = a.rows.compactMap { r in r.applied.map { (r.row.candidate.target, $0) } }
        do {
            try backend.applyManually(line: a.line.lineNo, applications: apps)
            state.mode = .browse
            try reload(&state, backend, lines: [a.line.lineNo])
            state.status = StatusMessage(apps.isEmpty ? state.t("Line %@: applications removed", a.line.lineNo)
                                                      : state.t(apps.count == 1 ? "Line %@ applied to %@ entry" : "Line %@ applied to %@ entries", a.line.lineNo, apps.count))
        } catch {
            state.status = StatusMessage(message(error), isError: true)
        }
        return .redraw
    default:
        return dialogCommon(&state, action, help: .apply, returnTo: .applyManually(a))
    }
}

/// Closing a dialog and opening help work the same in every dialog.
private func dialogCommon(_ state: inout AppState, _ action: Action, help: KeyContext, returnTo: Mode) -> Reaction {
    switch action {
    case .back, .quit:
        state.mode = .browse
        state.status = nil
        return .redraw
    case .help:
        state.mode = .help(HelpState(context: help, returnTo: returnTo))
        return .redraw
    default:
        return []
    }
}

private func refreshPlan(_ p: inout PostDialogState, _ backend: JournalBackend) {
    do {
        p.plan = try backend.postingPlan(p.options)
        p.planError = nil
    } catch {
        p.plan = nil
        p.planError = message(error)
    }
}

private func reducePost(_ state: inout AppState, _ p: inout PostDialogState, _ action: Action, _ backend: JournalBackend) -> Reaction {
    switch action {
    case .moveUp: p.focus = max(0, p.focus - 1); return .redraw
    case .moveDown: p.focus = min(PostDialogState.optionCount - 1, p.focus + 1); return .redraw
    case .toggle:
        switch p.focus {
        case 0: p.choice = .paymentsOnly
        case 1: p.choice = .paymentsAndReconcile
        default: p.partial.toggle()
        }
        refreshPlan(&p, backend)
        return .redraw
    case .nextOption:
        p.choice = p.choice == .paymentsOnly ? .paymentsAndReconcile : .paymentsOnly
        p.focus = p.choice == .paymentsOnly ? 0 : 1
        refreshPlan(&p, backend)
        return .redraw
    case .confirm:
        if let plan = p.plan, !plan.canPost {
            state.status = StatusMessage(state.t("Cannot post: ") + (plan.problems.first ?? ""), isError: true)
            return .redraw
        }
        do {
            let done = try backend.post(p.options)
            state.mode = .browse
            let kept = done.keptLineNos.count
            let t = state.t
            var text = t(done.postedLineNos.count == 1 ? "Posted %@ line, %@ ledger entries" : "Posted %@ lines, %@ ledger entries", done.postedLineNos.count, done.entries.count)
            if p.options.reconcile { text += t("; bank account reconciled") }
            if kept > 0 { text += t(kept == 1 ? "; %@ line stays in the journal" : "; %@ lines stay in the journal", kept) }
            do { try reload(&state, backend) } catch { text += t(" (reload failed: %@)", message(error)) }
            state.status = StatusMessage(text)
        } catch {
            state.status = StatusMessage(message(error), isError: true)
            refreshPlan(&p, backend)
        }
        return .redraw
    default:
        return dialogCommon(&state, action, help: .post, returnTo: .confirmPost(p))
    }
}

private func handleMouse(_ m: MouseEvent, state: inout AppState, backend: JournalBackend) -> Reaction {
    let layout = JournalLayout(width: state.width, height: state.height)
    switch state.mode {
    case .browse:
        switch m.kind {
        case .wheelUp: return select(&state, state.selected - 3, backend)
        case .wheelDown: return select(&state, state.selected + 3, backend)
        case .click:
            if layout.grid.contains(x: m.x, y: m.y) {
                state.focus = .lines
                let row = state.scroll + (m.y - layout.grid.y)
                guard row < state.rowCount else { return [] }
                return select(&state, row, backend).union(.redraw)
            }
            if layout.detail.contains(x: m.x, y: m.y) { state.focus = .detail; return .redraw }
            return []
        }
    case .applyManually(var a):
        switch m.kind {
        case .wheelUp: a.selected = max(0, a.selected - 3)
        case .wheelDown: a.selected = max(0, min(a.rows.count - 1, a.selected + 3))
        case .click:
            let rect = layout.applyRows
            guard rect.contains(x: m.x, y: m.y) else { return [] }
            let row = a.scroll + (m.y - rect.y)
            guard row < a.rows.count else { return [] }
            a.selected = row
        }
        keepApplyVisible(&a, state: state)
        state.mode = .applyManually(a)
        return .redraw
    case .help(var h):
        if m.kind == .wheelDown { h.scroll += 3 } else if m.kind == .wheelUp { h.scroll = max(0, h.scroll - 3) }
        state.mode = .help(h)
        return .redraw
    case .confirmPost, .search, .accountPrompt, .chooseConfidence, .confirmApplyAutomatically, .bankDetails, .history, .importPrompt, .columnPicker:
        return []
    }
}

extension AppState {
    /// Loads the journal from the backend for a terminal of the given size.
    public static func load(backend: JournalBackend, width: Int, height: Int, language: Language = .en) throws -> AppState {
        var s = AppState(snapshot: try backend.snapshot(), width: width, height: height)
        s.language = language
        loadDetail(&s, backend)
        return s
    }
}
