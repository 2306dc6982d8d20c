/// The data that flows into and out of the matching engine. The engine lives in
/// AvstemMatching; these types live here so the store can load and save them and the UI
/// can show them without depending on how matching is done.

/// Everything the engine may look at for one journal. Pure data, loaded by the store.
public struct MatchContext: Sendable {
    public var bankAccount: BankAccount
    /// Customers and vendors.
    public var parties: [Party]
    /// Open customer and vendor ledger entries (remaining amount ≠ 0).
    public var openEntries: [LedgerEntry]
    /// Open bank ledger entries of this bank account.
    public var bankLedgerEntries: [BankLedgerEntry]
    public var textMappings: [TextMapping]
    /// What the user's manual applications taught (LearnedMemory.swift): evidence, never a decision.
    public var learned: LearnedMemory = .empty

    public init(bankAccount: BankAccount, parties: [Party], openEntries: [LedgerEntry],
                bankLedgerEntries: [BankLedgerEntry] = [], textMappings: [TextMapping] = []) {
        self.bankAccount = bankAccount; self.parties = parties; self.openEntries = openEntries
        self.bankLedgerEntries = bankLedgerEntries; self.textMappings = textMappings
    }
}

/// One open entry (or account) a line could be applied to, with the evidence for it.
public struct Candidate: Hashable, Sendable {
    public var target: ApplicationTarget
    /// Business Central's rule score: (confidence + 1) × 1000 − priority; 0 when no rule fits.
    public var score: Int
    public var confidence: MatchConfidence
    /// The amount the engine would apply (what is left of the entry and the line).
    public var proposedAmount: Money
    public var evidence: [Evidence]

    public init(target: ApplicationTarget, score: Int, confidence: MatchConfidence, proposedAmount: Money, evidence: [Evidence]) {
        self.target = target; self.score = score; self.confidence = confidence
        self.proposedAmount = proposedAmount; self.evidence = evidence
    }
}

/// The engine's decision for one line.
public struct LineMatchResult: Hashable, Sendable {
    public var lineNo: Int
    public var confidence: MatchConfidence
    /// Applications to ledger entries or bank ledger entries (journalId left 0; the store fills it).
    public var applications: [Application]
    /// Set when a text-to-account mapping decided the line.
    public var account: AccountRef?
    public var accountAmount: Money
    /// The best candidates, best first, including those not applied (for the detail pane).
    public var candidates: [Candidate]

    public init(lineNo: Int, confidence: MatchConfidence, applications: [Application], account: AccountRef? = nil,
                accountAmount: Money = .zero, candidates: [Candidate] = []) {
        self.lineNo = lineNo; self.confidence = confidence; self.applications = applications
        self.account = account; self.accountAmount = accountAmount; self.candidates = candidates
    }
}
