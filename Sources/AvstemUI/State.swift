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

    public var fields: [Field] { purpose == .mapText ? [.type, .number, .text] : [.type, .number] }
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

    public var keyContext: KeyContext {
        switch self {
        case .browse, .search, .accountPrompt: return .journal
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
    /// Indices into `snapshot.lines` when a filter is on; nil shows every line.
    public private(set) var filter: [Int]?
    /// Row in the (filtered) list.
    public var selected = 0
    public var scroll = 0
    /// Line numbers marked with Space for accept/remove.
    public var marked: Set<Int> = []
    public var focus: Pane = .lines
    public var detailScroll = 0
    public var detail: DetailState?
    public var mode: Mode = .browse
    public var status: StatusMessage?
    /// What `n` searches for again.
    public var lastSearch: String?
    public var width: Int
    public var height: Int
    public var decimals: Int

    public init(snapshot: JournalSnapshot, width: Int = 80, height: Int = 24) {
        self.snapshot = snapshot
        stats = JournalStats(snapshot)
        self.width = width; self.height = height
        decimals = Currency.decimals(snapshot.header.currency)
    }

    public var rowCount: Int { filter?.count ?? snapshot.lines.count }

    public func line(atRow row: Int) -> JournalLine? {
        guard row >= 0, row < rowCount else { return nil }
        return snapshot.lines[filter?[row] ?? row]
    }

    public var currentLine: JournalLine? { line(atRow: selected) }

    /// The detail pane shows another line than the selected one (or none yet).
    public var detailIsStale: Bool { currentLine.map { detail?.lineNo != $0.lineNo } ?? (detail != nil) }

    /// Replaces the journal, keeping the selection on the same line number where it still exists.
    public mutating func replaceSnapshot(_ s: JournalSnapshot) {
        let keep = currentLine?.lineNo
        snapshot = s
        stats = JournalStats(s)
        decimals = Currency.decimals(s.header.currency)
        if filter != nil { applyNonAppliedFilter() }
        let present = Set(s.lines.map(\.lineNo))
        marked.formIntersection(present)
        if let keep, let i = rowIndex(ofLine: keep) { selected = i } else { selected = min(selected, max(0, rowCount - 1)) }
    }

    func rowIndex(ofLine no: Int) -> Int? {
        if let f = filter { return f.firstIndex { snapshot.lines[$0].lineNo == no } }
        if selected < snapshot.lines.count, snapshot.lines[selected].lineNo == no { return selected }
        return snapshot.index(ofLine: no)
    }

    mutating func applyNonAppliedFilter() {
        filter = snapshot.lines.indices.filter { snapshot.difference(of: snapshot.lines[$0]) != .zero }
    }

    mutating func clearFilter() { filter = nil }
    public var isFiltered: Bool { filter != nil }
}
