import AvstemCore
import GRDB

extension AppDatabase {
    /// In the bank account upsert: statements reconciled in this file moved the account on;
    /// books exported from the ERP before then must not move it back.
    static let reconciledHere = """
        EXISTS (SELECT 1 FROM posted_statement s WHERE s.bank_account = bank_account.no AND s.reconciled = 1 AND s.reversed_at IS NULL)
        """

    /// Posting numbers its entries above every number the books used. An imported entry that
    /// takes a number posting already gave to another entry would be two entries under one
    /// number; refuse it (a prepayment posting left, imported back as the same entry, is fine).
    static func refuseEntryNumbersPostingUsed(_ books: Books, _ db: Database) throws {
        let numbers = books.openEntries.map(\.entryNo) + books.bankLedgerEntries.map(\.entryNo)
        guard let low = numbers.min(), let high = numbers.max() else { return }
        var posted: [Int64: (ledger: String, account: String, amount: Int64, journal: Int64?, line: Int?)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT entry_no, ledger, account_no, amount, journal_id, line_no FROM posted_entry WHERE entry_no BETWEEN ? AND ?
            """, arguments: [low, high]) {
            posted[row[0]] = (row[1], row[2], row[3], row[4], row[5])
        }
        if posted.isEmpty { return }
        func used(_ no: Int64, _ p: (ledger: String, account: String, amount: Int64, journal: Int64?, line: Int?)) -> String {
            "entry \(no): posting already used this number for a \(p.ledger) entry (\(p.account)"
                + (p.journal.map { ", journal \($0)" } ?? "") + (p.line.map { " line \($0)" } ?? "") + "); renumber the entry"
        }
        for e in books.openEntries {
            guard let p = posted[e.entryNo] else { continue }
            let sameEntry = p.ledger == e.partyType.rawValue && p.account == e.partyNo && p.amount == e.amount.minor
            if !sameEntry { throw UserError(file: "open_entries.csv", used(e.entryNo, p)) }
        }
        for e in books.bankLedgerEntries {
            guard let p = posted[e.entryNo] else { continue }
            let sameEntry = p.ledger == "bank" && p.account == e.bankAccount && p.amount == e.amount.minor
            if !sameEntry { throw UserError(file: "bank_ledger_entries.csv", used(e.entryNo, p)) }
        }
    }
}
