/// What posting a journal will do or did. Produced by the store, shown by `post --preview`
/// and by the TUI's post dialog.

public struct PostOptions: Hashable, Sendable {
    /// Also close the bank side: every line applied and the ending balance must agree.
    public var reconcile: Bool
    /// Post the applied lines and keep the rest in the journal.
    public var partial: Bool
    public init(reconcile: Bool = false, partial: Bool = false) { self.reconcile = reconcile; self.partial = partial }
}

public struct PostingPlan: Hashable, Sendable {
    public var journalId: Int64
    public var options: PostOptions
    /// Every ledger entry that posting writes, in order (entry numbers as they will be assigned).
    public var entries: [PostedEntry]
    /// Lines that will be posted, and lines that stay in the journal (unapplied, with `partial`).
    public var postedLineNos: [Int]
    public var keptLineNos: [Int]
    /// Reasons posting is refused; empty when it can go ahead.
    public var problems: [String]

    public init(journalId: Int64, options: PostOptions, entries: [PostedEntry], postedLineNos: [Int],
                keptLineNos: [Int], problems: [String]) {
        self.journalId = journalId; self.options = options; self.entries = entries
        self.postedLineNos = postedLineNos; self.keptLineNos = keptLineNos; self.problems = problems
    }

    public var canPost: Bool { problems.isEmpty }
}
