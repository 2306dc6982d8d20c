import AvstemCore
import Foundation
import GRDB

extension AppDatabase {
    /// What should always hold in the books, checked against the file: SQLite's own
    /// integrity check, every line's G/L balancing, the bank ledger agreeing with what was
    /// posted, entries' remaining amounts within their amounts, prepayments' remaining equal
    /// to their amount less what was applied, and no bank transaction posted twice. Empty
    /// when all is well.
    public func checkBooks() throws -> [String] {
        try dbQueue.read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.prefix(10).map { "integrity: \($0)" } }
            for row in try Row.fetchAll(db, sql: """
                SELECT journal_id, line_no, SUM(amount) FROM posted_entry WHERE ledger = 'gl'
                GROUP BY journal_id, line_no HAVING SUM(amount) <> 0 LIMIT 10
                """) {
                problems.append("G/L entries of journal \(row[0] as Int64? ?? 0) line \(row[1] as Int? ?? 0) sum to \(row[2] as Int64) minor units, not 0")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT b.no, COALESCE((SELECT SUM(amount) FROM posted_entry WHERE ledger = 'bank' AND account_no = b.no), 0),
                  COALESCE((SELECT SUM(amount) FROM bank_ledger_entry WHERE bank_account = b.no AND line_no IS NOT NULL), 0),
                  COALESCE((SELECT SUM(amount) FROM posted_entry WHERE ledger = 'gl' AND account_no = b.gl_account
                            AND journal_id IN (SELECT id FROM journal WHERE bank_account = b.no)), 0)
                FROM bank_account b
                """) {
                let (no, posted, ledger, gl): (String, Int64, Int64, Int64) = (row[0], row[1], row[2], row[3])
                if posted != ledger || posted != gl {
                    problems.append("bank account \(no): posted \(posted), bank ledger \(ledger), G/L \(gl) (minor units) disagree")
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT entry_no, amount, remaining_amount, open FROM ledger_entry
                WHERE (remaining_amount <> 0 AND (remaining_amount > 0) <> (amount > 0)) OR ABS(remaining_amount) > ABS(amount)
                   OR open <> (remaining_amount <> 0)
                LIMIT 10
                """) {
                problems.append("entry \(row[0] as Int64): amount \(row[1] as Int64), remaining \(row[2] as Int64), open \(row[3] as Bool)")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT e.entry_no, e.amount, e.remaining_amount, COALESCE(SUM(d.amount), 0) FROM ledger_entry e
                LEFT JOIN detailed_application d ON d.applied_entry_no = e.entry_no AND d.unapplied = 0
                WHERE e.origin = 'posting' GROUP BY e.entry_no HAVING e.remaining_amount <> e.amount - COALESCE(SUM(d.amount), 0) LIMIT 10
                """) {
                problems.append("entry \(row[0] as Int64): amount \(row[1] as Int64) less applied \(row[3] as Int64) is not its remaining \(row[2] as Int64)")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT l.bank_account, l.bank_transaction_id, COUNT(*) FROM posted_statement_line l
                JOIN posted_statement s ON s.id = l.posted_statement_id AND s.reversed_at IS NULL
                WHERE l.parent_line_no IS NULL AND COALESCE(l.bank_transaction_id, '') <> ''
                GROUP BY l.bank_account, l.bank_transaction_id HAVING COUNT(*) > 1 LIMIT 10
                """) {
                problems.append("bank transaction \(row[1] as String) on \(row[0] as String) is posted \(row[2] as Int) times")
            }
            return problems
        }
    }

    /// A fingerprint of the books and what posting wrote (entries, applications, bank
    /// accounts, journals and their lines, the archive), leaving out clock times: two files
    /// with the same digest hold the same books.
    public func booksDigest() throws -> String {
        try dbQueue.read { db in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for sql in [
                "SELECT * FROM ledger_entry ORDER BY entry_no",
                "SELECT * FROM bank_ledger_entry ORDER BY entry_no",
                "SELECT * FROM bank_account ORDER BY no",
                "SELECT * FROM posted_entry ORDER BY entry_no",
                "SELECT kind, entry_no, applied_entry_no, amount, posting_date, journal_id, line_no, unapplied FROM detailed_application ORDER BY id",
                "SELECT id, journal_id, bank_account, statement_no, reconciled, reversed_at IS NULL FROM posted_statement ORDER BY id",
                "SELECT posted_statement_id, line_no, amount, applied_amount FROM posted_statement_line ORDER BY posted_statement_id, line_no",
                "SELECT id, status, reconciled FROM journal ORDER BY id",
                "SELECT journal_id, line_no, amount, confidence, account_no, account_amount FROM journal_line ORDER BY journal_id, line_no",
                "SELECT journal_id, line_no, target_kind, entry_no, applied_amount FROM application ORDER BY id",
            ] {
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    for value in row.databaseValues {
                        for byte in value.description.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                        hash = (hash ^ 0x1f) &* 0x100_0000_01b3
                    }
                    hash = (hash ^ 0x1e) &* 0x100_0000_01b3
                }
            }
            return String(hash, radix: 16)
        }
    }
}
