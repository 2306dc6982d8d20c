import AvstemCore

/// What the app shows and where the user is. Screens render it; only the reducer changes it.

public enum Pane: Sendable, Equatable { case lines, detail }

/// Footer figures, computed once per snapshot so a frame never walks all lines.
public struct JournalStats: Sendable, Equatable {
    public var lineCount = 0
    public var forReview = 0
    public var withDifference = 0
    public var notApplied = 0
    public var totalIn = Money.zero
    public var totalOut = Money.zero
    public var totalApplied = Money.zero
    public var balanceLastStatement = Money.zero
    public var endingBalance = Money.zero

    public init(_ s: JournalSnapshot) {
        balanceLastStatement = s.header.balanceLastStatement
        endingBalance = s.header.statementEndingBalance
        lineCount = s.lines.count
        for line in s.lines {
            let applied = s.appliedAmount(of: line)
            totalApplied += applied
            if line.amount.isNegative { totalOut += line.amount } else { totalIn += line.amount }
            if line.confidence.needsReview { forReview += 1 }
            if applied != line.amount { withDifference += 1 }
            if applied.isZero { notApplied += 1 }
        }
    }

    mutating func add(_ line: JournalLine, applied: Money) { count(line, applied: applied, sign: 1) }
    mutating func remove(_ line: JournalLine, applied: Money) { count(line, applied: applied, sign: -1) }

    private mutating func count(_ line: JournalLine, applied: Money, sign: Int) {
        let k = Int64(sign)
        totalApplied = Money(minor: totalApplied.minor + k * applied.minor)
        if line.amount.isNegative { totalOut = Money(minor: totalOut.minor + k * line.amount.minor) }
        else { totalIn = Money(minor: totalIn.minor + k * line.amount.minor) }
        if line.confidence.needsReview { forReview += sign }
        if applied != line.amount { withDifference += sign }
        if applied.isZero { notApplied += sign }
    }

    /// Balance last statement + applied amounts, as Business Central shows it.
    public var balanceAfterPosting: Money { balanceLastStatement + totalApplied }
    /// What the statement lines add up to: compared with the ending balance before reconciling.
    public var computedEndingBalance: Money { balanceLastStatement + totalIn + totalOut }
    /// Statement ending balance − balance after posting: zero when everything is applied and the statement chains.
    public var difference: Money { endingBalance - balanceAfterPosting }
}

/// An application of the current line with the entry it points at (nil when the entry is gone).
public struct AppliedEntry: Sendable, Equatable {
    public var application: Application
    public var entry: EntryInfo?
}

/// The detail pane's data for the selected line, loaded when the selection settles on it.
public struct DetailState: Sendable, Equatable {
    public var lineNo: Int
    public var applied: [AppliedEntry]
    public var candidates: [CandidateRow]
    public var error: String?
}

public struct ApplyRow: Sendable, Equatable {
    public var row: CandidateRow
    /// The amount applied to this entry from the line; nil when not applied.
    public var applied: Money?

    public var isApplied: Bool { applied != nil }

    /// What settles the entry when paid on `date`: BC grants the possible payment discount
    /// while its date has not passed.
    public func amountDue(on date: LocalDate) -> Money {
        let e = row.entry
        if let dd = e.pmtDiscountDate, date <= dd, !e.remainingPmtDiscPossible.isZero { return row.available - e.remainingPmtDiscPossible }
        return row.available
    }

    /// The entry's remaining amount once this journal's applications are posted; paying the
    /// discounted amount in time closes the entry.
    public func remainingAfterPosting(on date: LocalDate) -> Money {
        guard let applied else { return row.available }
        let due = amountDue(on: date)
        if due != row.available, applied == due { return .zero }
        return row.available - applied
    }
}

/// Typing an amount into the selected row of the apply-manually dialog.
public struct AmountEdit: Sendable, Equatable {
    public var row: Int
    public var buffer: String
}

/// BC page 1292: the candidate entries of the line's sign, the ones already applied first.
public struct ApplyState: Sendable, Equatable {
    public var line: JournalLine
    public var decimals: Int
    public var rows: [ApplyRow]
    public var selected: Int = 0
    public var scroll: Int = 0
    public var editing: AmountEdit?

    public var appliedTotal: Money { rows.reduce(.zero) { $0 + ($1.applied ?? .zero) } }

    /// The dialog without its rows, to stand in the app state while the reducer changes the real one.
    var placeholder: ApplyState { ApplyState(line: line, decimals: decimals, rows: []) }

    /// What toggling or editing a row proposes: the entry's amount due, capped by what is left of the payment.
    func proposal(for i: Int) -> Money {
        let due = rows[i].amountDue(on: line.transactionDate)
        let left = difference
        return left.magnitude < due.magnitude ? left : due
    }
    public var difference: Money { line.amount - appliedTotal }
}

public enum PostChoice: Sendable, Equatable { case paymentsOnly, paymentsAndReconcile }

public struct PostDialogState: Sendable, Equatable {
    public var choice: PostChoice = .paymentsOnly
    public var partial = false
    /// 0 and 1 are the two choices, 2 the partial switch.
    public var focus = 0
    public var plan: PostingPlan?
    public var planError: String?

    public var options: PostOptions { PostOptions(reconcile: choice == .paymentsAndReconcile, partial: partial) }
    public static let optionCount = 3
}

/// The small form behind "Transfer difference to account" and "Map text to account".
public struct AccountPromptState: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case transferDifference
        case mapText
    }
    public enum Field: Int, Sendable, Equatable, CaseIterable { case type, number, text }

    public var purpose: Purpose
    public var line: JournalLine
    /// The amount that will go to the account.
    public var amount: Money
    public var accountType: AccountType = .gl
    public var accountNo = ""
    public var mappingText: String
    public var field: Field = .number
    /// Every account the picker can offer; `matches` are those the typed text finds (indices).
    public var choices: [AccountChoice] = []
    public var matches: [Int] = []
    /// The highlighted match; Enter takes it.
    public var pick = 0
    /// Map text: how many other lines of the journal the mapping text would also catch.
    public var caught: Int?

    public var fields: [Field] { purpose == .mapText ? [.type, .number, .text] : [.type, .number] }

    /// The account Enter saves to: the highlighted match, else the typed number with the chosen type.
    public var account: AccountRef {
        if let i = matches[safe: pick] { return AccountRef(type: choices[i].type, no: choices[i].no) }
        return AccountRef(type: accountType, no: accountNo)
    }

    /// Finds the accounts whose number or name contains the typed text (case-insensitive), exact numbers first.
    public mutating func search() {
        let q = accountNo.lowercased()
        pick = 0
        guard !q.isEmpty else { matches = []; return }
        var exact: [Int] = [], starts: [Int] = [], other: [Int] = []
        for (i, c) in choices.enumerated() {
            let no = c.no.lowercased()
            if no == q { exact.append(i) } else if no.hasPrefix(q) { starts.append(i) }
            else if no.contains(q) || c.name.lowercased().contains(q) { other.append(i) }
        }
        matches = exact + starts + other
    }
}

public struct ConfidenceChoiceState: Sendable, Equatable {
    /// From the most certain down; accepting "at or above" a level takes the ones above it too.
    public static let levels: [MatchConfidence] = [.high, .highTextMapping, .medium, .low]
    public var selected = 0
    /// Lines (with something applied, not yet the user's) at or above each level.
    public var counts: [Int]
    public var level: MatchConfidence { Self.levels[selected] }
}

public struct HistoryState: Sendable, Equatable {
    public var items: [HistoryItem]
    public var selected = 0
    /// The posted statement whose lines are shown, with them.
    public var statement: HistoryItem?
    public var lines: [PostedLineRow] = []
    public var scroll = 0
}

public struct ImportPromptState: Sendable, Equatable {
    public var path = ""
    /// What Tab found when the typed path fits several entries.
    public var completions: [String] = []
}

public struct HelpState: Sendable, Equatable {
    public var scroll = 0
    /// The screen's key table the help opened from, shown first.
    public var context: KeyContext
    public var returnTo: Mode
}

public indirect enum Mode: Sendable, Equatable {
    case browse
    case applyManually(ApplyState)
    case confirmPost(PostDialogState)
    case help(HelpState)
    /// Typing a search query at the bottom of the journal.
    case search(String)
    case accountPrompt(AccountPromptState)
    /// "Accept every line at or above …": the confidence to accept from.
    case chooseConfidence(ConfidenceChoiceState)
    /// Apply automatically when accepted or manual lines exist: keep them, or overwrite them.
    case confirmApplyAutomatically(userDecided: Int)
    /// Every field of the line's bank transaction, scrolled by this many rows.
    case bankDetails(scroll: Int)
    /// Open journals and posted statements; Enter opens a journal or shows a statement's lines.
    case history(HistoryState)
    /// The path of a statement file to import; Tab completes it.
    case importPrompt(ImportPromptState)
    /// Choosing the grid's columns and their widths; the selected column's index.
    case columnPicker(selected: Int)

    public var keyContext: KeyContext {
        switch self {
        case .browse, .search, .accountPrompt, .chooseConfidence, .confirmApplyAutomatically, .bankDetails, .history, .importPrompt, .columnPicker: return .journal
        case .applyManually: return .apply
        case .confirmPost: return .post
        case .help: return .help
        }
    }
}

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

public struct AppState: Sendable, Equatable {
    public private(set) var snapshot: JournalSnapshot
    public private(set) var stats: JournalStats
    /// Applied amount (applications + account amount) per line index, kept beside the lines so
    /// filters and the footer never look applications up for every line.
    public private(set) var appliedByIndex: [Money] = []
    /// Indices into `snapshot.lines` in the order the grid shows them; nil shows every line in statement order.
    public private(set) var view: [Int]?
    public private(set) var sort: SortKey = .statement
    public private(set) var lineFilter: LineFilter = .all
    var orders = StaticOrders()
    var searchIndex = SearchIndex()
    /// Row in the (filtered) list.
    public var selected = 0
    public var scroll = 0
    /// Line numbers marked with Space for accept/remove.
    public var marked: Set<Int> = []
    public var focus: Pane = .lines
    public var detailScroll = 0
    public var detail: DetailState?
    /// The grid's columns the user hid (by index in the column table) and how much wider
    /// (or narrower, negative) each is than its default.
    public var hiddenColumns: Set<Int> = []
    public var columnWidthChange: [Int: Int] = [:]
    /// The selected line was edited: the detail pane is read again when input is idle.
    public var detailNeedsReload = false
    public var mode: Mode = .browse
    public var status: StatusMessage?
    /// What `n` searches for again.
    public var lastSearch: String?
    /// The row a search started from: typing searches from there, Esc goes back to it.
    public var searchOrigin = 0
    public var width: Int
    public var height: Int
    public var decimals: Int
    /// The language of every label, message and number on screen.
    public var language: Language = .en
    public var t: Catalogue { Catalogue(language) }

    public init(snapshot: JournalSnapshot, width: Int = 80, height: Int = 24) {
        self.snapshot = snapshot
        stats = JournalStats(snapshot)
        self.width = width; self.height = height
        decimals = Currency.decimals(snapshot.header.currency)
        reindex()
    }

    private mutating func reindex() {
        appliedByIndex = snapshot.lines.map { snapshot.appliedAmount(of: $0) }
        orders = StaticOrders(snapshot.lines)
        searchIndex = SearchIndex(snapshot.lines, decimals: decimals)
    }

    public var rowCount: Int { view?.count ?? snapshot.lines.count }

    /// Index into `snapshot.lines` of a grid row.
    public func lineIndex(atRow row: Int) -> Int { view?[row] ?? row }

    public func line(atRow row: Int) -> JournalLine? {
        guard row >= 0, row < rowCount else { return nil }
        return snapshot.lines[lineIndex(atRow: row)]
    }

    public func applied(atRow row: Int) -> Money { appliedByIndex[lineIndex(atRow: row)] }

    public var currentLine: JournalLine? { line(atRow: selected) }

    /// The detail pane shows another line than the selected one (or none yet).
    public var detailIsStale: Bool { detailNeedsReload || (currentLine.map { detail?.lineNo != $0.lineNo } ?? (detail != nil)) }

    /// Replaces the journal, keeping the selection on the same line number where it still exists.
    public mutating func replaceSnapshot(_ s: JournalSnapshot) {
        let keep = currentLine?.lineNo
        snapshot = s
        stats = JournalStats(s)
        decimals = Currency.decimals(s.header.currency)
        reindex()
        let present = Set(s.lines.map(\.lineNo))
        marked.formIntersection(present)
        rebuildView(keeping: keep)
    }

    /// Brings a few lines up to date in place: the footer figures, filters and search text
    /// change by what those lines changed, so the cost does not grow with the journal.
    /// False when a line is not in the journal (the caller reads it whole then).
    public mutating func updateLines(_ lines: [JournalLine], applications: [Int: [Application]]) -> Bool {
        var at: [Int] = []
        for l in lines {
            guard let i = snapshot.index(ofLine: l.lineNo) else { return false }
            at.append(i)
        }
        let keep = currentLine?.lineNo
        for (l, i) in zip(lines, at) {
            let oldApplied = appliedByIndex[i]
            stats.remove(snapshot.lines[i], applied: oldApplied)
            let apps = applications[l.lineNo].flatMap { $0.isEmpty ? nil : $0 }
            let textChanged = snapshot.lines[i].text != l.text || snapshot.lines[i].amount != l.amount
            snapshot.lines[i] = l
            snapshot.applications[l.lineNo] = apps
            let applied = snapshot.appliedAmount(of: l)
            appliedByIndex[i] = applied
            stats.add(l, applied: applied)
            if textChanged { searchIndex.update(i, l, decimals: decimals) }
        }
        if view != nil || sort == .confidence || sort == .review { rebuildView(keeping: keep) }
        return true
    }

    func rowIndex(ofLine no: Int) -> Int? {
        if selected < rowCount, let l = line(atRow: selected), l.lineNo == no { return selected }
        guard let i = snapshot.index(ofLine: no) else { return nil }
        guard let v = view else { return i }
        return v.firstIndex(of: i)
    }

    /// Reads single fields of the line: copying whole lines (strings and all) would cost more than the test.
    func matches(_ i: Int, _ f: LineFilter) -> Bool {
        switch f {
        case .all: return true
        case .notApplied: return appliedByIndex[i] != snapshot.lines[i].amount
        case .forReview: return snapshot.lines[i].confidence.needsReview
        case .withDifference: return !appliedByIndex[i].isZero && appliedByIndex[i] != snapshot.lines[i].amount
        case .confidence(let c): return snapshot.lines[i].confidence == c
        }
    }

    /// Orders and filters the lines again, keeping the selection on `keep` where it is still shown.
    mutating func rebuildView(keeping keep: Int?) {
        let n = snapshot.lines.count
        var base: [Int]?
        switch sort {
        case .statement: base = nil
        case .date: base = orders.date.count == n ? orders.date : nil
        case .amount: base = orders.amount.count == n ? orders.amount : nil
        case .confidence, .review:
            // Counting sort on a small key: linear, and stable in statement order.
            var buckets = [[Int]](repeating: [], count: 8)
            for i in 0..<n {
                let confidence = snapshot.lines[i].confidence
                let b: Int
                if sort == .confidence { b = confidence.rank } else {
                    b = confidence.needsReview ? (confidence == .low ? 0 : 1) : (appliedByIndex[i] != snapshot.lines[i].amount ? 2 : 3)
                }
                buckets[b].append(i)
            }
            base = buckets.flatMap { $0 }
        }
        if lineFilter == .all {
            view = base
        } else if let base {
            view = base.filter { matches($0, lineFilter) }
        } else {
            view = (0..<n).filter { matches($0, lineFilter) }
        }
        if let keep, let r = rowIndex(ofLine: keep) { selected = r } else { selected = min(selected, max(0, rowCount - 1)) }
    }

    public mutating func setSort(_ s: SortKey) {
        let keep = currentLine?.lineNo
        sort = s
        rebuildView(keeping: keep)
    }

    public mutating func setFilter(_ f: LineFilter) {
        let keep = currentLine?.lineNo
        lineFilter = f
        rebuildView(keeping: keep)
    }

    public var isFiltered: Bool { lineFilter != .all }
}
