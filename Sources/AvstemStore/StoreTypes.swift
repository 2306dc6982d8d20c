import AvstemCore

/// One row of `journal list`: the header and how far the journal has come.
public struct JournalSummary: Hashable, Sendable {
    public var header: JournalHeader
    public var lineCount: Int
    /// Lines with at least one application or an account.
    public var appliedLineCount: Int
    /// Lines whose applied amount equals their amount (difference 0).
    public var fullyAppliedLineCount: Int
    public var totalAmount: Money
    /// True once a posting closed the bank side (`post --reconcile`).
    public var reconciled: Bool

    public init(header: JournalHeader, lineCount: Int, appliedLineCount: Int, fullyAppliedLineCount: Int,
                totalAmount: Money, reconciled: Bool) {
        self.header = header; self.lineCount = lineCount; self.appliedLineCount = appliedLineCount
        self.fullyAppliedLineCount = fullyAppliedLineCount; self.totalAmount = totalAmount; self.reconciled = reconciled
    }

    public var status: JournalStatus { header.status }
}

public struct StatementImportResult: Hashable, Sendable {
    /// One journal per statement that brought new transactions, in file order.
    public var journalIds: [Int64]
    public var importedLines: Int
    /// Transactions already imported for the bank account (skipped, not imported again).
    public var skippedDuplicates: Int
    /// Things the user should know that did not stop the import.
    public var warnings: [String]

    public init(journalIds: [Int64] = [], importedLines: Int = 0, skippedDuplicates: Int = 0, warnings: [String] = []) {
        self.journalIds = journalIds; self.importedLines = importedLines
        self.skippedDuplicates = skippedDuplicates; self.warnings = warnings
    }
}

/// One decision in the append-only audit log.
public struct AuditRecord: Hashable, Sendable {
    public var id: Int64
    /// ISO 8601 UTC timestamp.
    public var time: String
    public var user: String
    public var journalId: Int64?
    public var lineNo: Int?
    public var action: String
    public var detail: String

    public init(id: Int64, time: String, user: String, journalId: Int64?, lineNo: Int?, action: String, detail: String) {
        self.id = id; self.time = time; self.user = user; self.journalId = journalId; self.lineNo = lineNo
        self.action = action; self.detail = detail
    }
}

/// The `action` values the store writes into the audit log.
public enum AuditAction {
    public static let importBooks = "import_books"
    public static let importStatement = "import_statement"
    public static let autoMatch = "auto_match"
    public static let accept = "accept"
    public static let remove = "remove_applications"
    public static let manual = "apply_manually"
    public static let setAccount = "set_account"
    public static let transferDifference = "transfer_difference"
    public static let post = "post"
}
