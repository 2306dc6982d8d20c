import AvstemCore
import GRDB

/// A posted bank statement as the history lists it.
public struct PostedStatementSummary: Sendable, Hashable {
    public var id: Int64
    public var journalId: Int64
    public var bankAccount: String
    public var statementNo: String
    public var statementDate: LocalDate
    public var balanceLastStatement: Money
    public var endingBalance: Money
    public var currency: String
    public var reconciled: Bool
    public var postedAt: String
    public var postedBy: String
    public var lineCount: Int
    public var totalAmount: Money
}

/// One posted line: what the bank sent and what it was applied to, as posted.
public struct PostedStatementLine: Sendable, Hashable {
    public var lineNo: Int
    public var transactionDate: LocalDate
    public var amount: Money
    public var appliedAmount: Money
    public var text: String
    public var relatedPartyName: String?
    public var confidence: MatchConfidence
    public var account: AccountRef?
}

extension AppDatabase {
    /// Every posted statement, newest first.
    public func postedStatements() throws -> [PostedStatementSummary] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM posted_statement_line l WHERE l.posted_statement_id = s.id) AS line_count,
                  (SELECT COALESCE(SUM(l.amount), 0) FROM posted_statement_line l WHERE l.posted_statement_id = s.id) AS total_amount
                FROM posted_statement s ORDER BY s.id DESC
                """).map { row in
                guard let date = LocalDate(iso: row["statement_date"]) else {
                    throw UserError("posted statement \(row["id"] as Int64): bad statement date '\(row["statement_date"] as String)'")
                }
                return PostedStatementSummary(
                    id: row["id"], journalId: row["journal_id"], bankAccount: row["bank_account"], statementNo: row["statement_no"],
                    statementDate: date, balanceLastStatement: row.money("balance_last_statement"),
                    endingBalance: row.money("statement_ending_balance"), currency: row["currency"], reconciled: row["reconciled"],
                    postedAt: row["posted_at"], postedBy: row["posted_by"], lineCount: row["line_count"], totalAmount: row.money("total_amount"))
            }
        }
    }

    /// The lines of one posted statement, by line number.
    public func postedStatementLines(id: Int64) throws -> [PostedStatementLine] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM posted_statement_line WHERE posted_statement_id = ? ORDER BY line_no", arguments: [id]).map { row in
                guard let date = LocalDate(iso: row["transaction_date"]) else {
                    throw UserError("posted statement \(id) line \(row["line_no"] as Int): bad date '\(row["transaction_date"] as String)'")
                }
                let type: String? = row["account_type"]
                return PostedStatementLine(
                    lineNo: row["line_no"], transactionDate: date, amount: row.money("amount"), appliedAmount: row.money("applied_amount"),
                    text: row["text"], relatedPartyName: row["related_party_name"],
                    confidence: MatchConfidence(rawValue: row["confidence"]) ?? .none,
                    account: type.flatMap(AccountType.init(rawValue:)).map { AccountRef(type: $0, no: row["account_no"] ?? "") })
            }
        }
    }
}
