import AvstemCore
import GRDB

extension AuditAction {
    public static let reverseStatement = "reverse_statement"
}

/// What reversing a posted statement did.
public struct StatementReversal: Hashable, Sendable {
    public var journalId: Int64
    public var bankAccountNo: String
    public var statementNo: String
    /// The reversing entries, one per posted entry, in order.
    public var entries: [PostedEntry]
    /// Customer/vendor entries whose remaining amount was restored (invoices reopened).
    public var reopenedEntries: [Int64]
    /// Bank ledger entries posted elsewhere that the statement had closed, open again.
    public var reopenedBankEntries: [Int64]
    /// Lines put back into the journal, with their applications, to be applied and posted again.
    public var restoredLineNos: [Int]
    /// The bank account's last statement no. and balance went back to before the statement.
    public var rolledBack: Bool
}

extension AppDatabase {
    /// Undoes a posted statement as Business Central's undo does: every entry its postings
    /// wrote gets a reversing entry, the entries it applied to get their remaining amounts
    /// back (detailed applications marked unapplied), prepayments it left are closed by
    /// their reversal, bank ledger entries it closed are open again, a reconciled bank
    /// account goes back to the statement before, and the lines return to the journal with
    /// their applications. One IMMEDIATE transaction; refused, changing nothing, when the
    /// statement is unknown, already reversed, or something posted later builds on it.
    @discardableResult
    public func reverseStatement(_ statementNo: String, bankAccountNo: String? = nil, journalId: Int64? = nil) throws -> StatementReversal {
        try whenBusy("statement \(statementNo) cannot be reversed") { try dbQueue.writeWithoutTransaction { db in
            try Self.roomForALargeTransaction(db)
            var result: StatementReversal?
            try db.inTransaction(.immediate) {
                result = try Reverser(db: db, user: user).reverse(statementNo, bankAccountNo: bankAccountNo, journalId: journalId)
                try audit(db, journal: result!.journalId, line: nil, action: AuditAction.reverseStatement,
                          detail: "reversed \(result!.bankAccountNo) statement \(statementNo): \(result!.entries.count) reversing entries, "
                            + "\(result!.reopenedEntries.count) entries reopened, \(result!.restoredLineNos.count) lines back in the journal"
                            + (result!.rolledBack ? ", bank account back to the statement before" : ""))
                return .commit
            }
            return result!
        } }
    }
}

struct Reverser {
    let db: Database
    let user: String

    func reverse(_ statementNo: String, bankAccountNo: String?, journalId: Int64?) throws -> StatementReversal {
        // Which posting(s): every posting of one journal under this statement no.
        var filter = "statement_no = ?"
        var args: [DatabaseValueConvertible?] = [statementNo]
        if let bankAccountNo { filter += " AND bank_account = ?"; args.append(bankAccountNo) }
        if let journalId { filter += " AND journal_id = ?"; args.append(journalId) }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, journal_id, bank_account, reconciled, reversed_at, reversed_by, previous_statement_no, balance_last_statement
            FROM posted_statement WHERE \(filter) ORDER BY id
            """, arguments: StatementArguments(args))
        let what = "statement \(statementNo)" + (bankAccountNo.map { " of bank account \($0)" } ?? "")
            + (journalId.map { " (journal \($0))" } ?? "")
        guard !rows.isEmpty else { throw UserError("no posted \(what)") }
        let live = rows.filter { ($0["reversed_at"] as String?) == nil }
        guard !live.isEmpty else {
            let last = rows.last!
            throw UserError("\(what) was reversed already (\(last["reversed_at"] as String? ?? "") by \(last["reversed_by"] as String? ?? "")); it cannot be reversed again")
        }
        let journals = Dictionary(live.map { ($0["journal_id"] as Int64, $0["bank_account"] as String) }, uniquingKeysWith: { a, _ in a })
        guard journals.count == 1, let (journal, bankNo) = journals.first else {
            let list = journals.sorted { $0.key < $1.key }.map { "journal \($0.key) on \($0.value)" }.joined(separator: ", ")
            throw UserError("\(what) was posted more than once (\(list)); name one with --bank-account or --journal")
        }
        let ids: [Int64] = live.map { $0["id"] }
        let idList = ids.map(String.init).joined(separator: ",")
        let reconciled = live.contains { $0["reconciled"] as Bool }
        guard let bank = try Records.bankAccount(db, no: bankNo) else {
            throw CorruptDatabase(description: "posted statement \(statementNo): bank account \(bankNo) is missing")
        }
        guard let header = try Records.header(db, id: journal) else {
            throw CorruptDatabase(description: "posted statement \(statementNo): journal \(journal) is missing")
        }
        let decimals = Currency.decimals(header.currency)

        // Nothing posted later may build on it.
        var problems: [String] = []
        if reconciled && (bank.lastStatementNo != statementNo || bank.balanceLastStatement != header.statementEndingBalance) {
            problems.append("bank account \(bankNo) was reconciled to statement \(bank.lastStatementNo ?? "–") after it; reverse that statement first")
        }
        let closedLater = try Row.fetchAll(db, sql: """
            SELECT entry_no, statement_no FROM bank_ledger_entry
            WHERE journal_id = ? AND line_no IS NOT NULL AND open = 0 AND entry_no IN (SELECT entry_no FROM posted_entry WHERE journal_id = \(journal) AND posted_statement_id IN (\(idList)))
              AND NOT (? AND statement_no IS ?)
            ORDER BY entry_no
            """, arguments: [journal, reconciled, statementNo])
        for row in closedLater.prefix(5) {
            problems.append("bank ledger entry \(row[0] as Int64) was closed since by statement \(row[1] as String? ?? "–"); reverse that first")
        }
        let prepayments = try Records.ledgerEntries(db, where: """
            origin = 'posting' AND entry_no IN (SELECT entry_no FROM posted_entry WHERE journal_id = \(journal) AND posted_statement_id IN (\(idList)))
            """)
        for e in prepayments where !e.isOpen || e.remainingAmount != e.amount {
            problems.append("entry \(e.entryNo) (\(e.partyType.rawValue) \(e.partyNo) payment on account \(e.amount.formatted(decimals: decimals))) "
                + "has \(e.remainingAmount.formatted(decimals: decimals)) remaining: it was applied since; unapply that first")
        }
        if !problems.isEmpty { throw UserError("\(what) cannot be reversed: " + problems.joined(separator: "; ")) }

        // Reversing entries: the same ledgers, accounts and dates, the opposite amounts.
        var nextNo = try Poster.lastEntryNo(db)
        var entries: [PostedEntry] = []
        var reversalOf: [Int64: Int64] = [:]
        var statementOf: [Int64: Int64] = [:]
        // Columns by position: 10⁵ lines posted 4·10⁵ entries, and a lookup by name costs more than the rest.
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT entry_no, ledger, account_no, posting_date, document_no, description, amount, journal_id, line_no, posted_statement_id
            FROM posted_entry WHERE journal_id = \(journal) AND posted_statement_id IN (\(idList)) AND reversal_of IS NULL ORDER BY entry_no
            """)
        var dates: [String: LocalDate] = [:]
        while let row = try cursor.next() {
            let ledger = try row.decoded(1, as: Ledger.self)
            let original: Int64 = row[0]
            nextNo += 1
            let description: String? = row[5]
            let dateText: String = row[3]
            let date = try dates[dateText] ?? row.date(3)
            dates[dateText] = date
            entries.append(PostedEntry(entryNo: nextNo, ledger: ledger, accountNo: row[2], postingDate: date,
                                       documentNo: row[4], description: "Reversal of entry \(original)" + (description.map { ": \($0)" } ?? ""),
                                       amount: Money(minor: -(row[6] as Int64)),
                                       appliesToEntryNo: ledger == .customer || ledger == .vendor ? original : nil,
                                       journal: row[7], lineNo: row[8]))
            reversalOf[nextNo] = original
            statementOf[nextNo] = row[9]
        }
        var insertPosted = BatchInsert(db, """
            INSERT INTO posted_entry (entry_no, ledger, account_no, posting_date, document_no, description, amount,
                                      applies_to_entry_no, journal_id, line_no, posted_statement_id, reversal_of)
            """, columns: 12)
        var insertBank = BatchInsert(db, """
            INSERT INTO bank_ledger_entry (entry_no, bank_account, posting_date, document_no, description, amount, open, journal_id, line_no)
            """, columns: 9)
        let prepaymentNos = Set(prepayments.map(\.entryNo))
        let closePrepayment = try db.cachedStatement(sql: "UPDATE ledger_entry SET remaining_amount = 0, open = 0 WHERE entry_no = ?")
        let insertDetailed = try db.cachedStatement(sql: """
            INSERT INTO detailed_application (kind, entry_no, applied_entry_no, amount, posting_date, journal_id, line_no)
            VALUES ('application', ?, ?, ?, ?, ?, ?)
            """)
        for e in entries {
            let original = reversalOf[e.entryNo]!
            try insertPosted.add([e.entryNo, e.ledger.rawValue, e.accountNo, e.postingDate.iso, e.documentNo, e.description,
                                  e.amount.minor, e.appliesToEntryNo, e.journal, e.lineNo, statementOf[e.entryNo], original])
            switch e.ledger {
            case .bank:
                // The posting and its reversal cancel out on the bank account: both closed.
                try insertBank.add([e.entryNo, e.accountNo, e.postingDate.iso, e.documentNo, e.description, e.amount.minor, false,
                                    e.journal, e.lineNo])
            case .customer, .vendor:
                // A payment left on account is closed by its reversal.
                guard prepaymentNos.contains(original) else { break }
                try insertDetailed.execute(arguments: [e.entryNo, original, -e.amount.minor, e.postingDate.iso, e.journal, e.lineNo])
                try closePrepayment.execute(arguments: [original])
            case .gl: break
            }
        }
        try insertPosted.flush()
        try insertBank.flush()
        try db.execute(sql: """
            UPDATE bank_ledger_entry SET open = 0, statement_no = NULL
            WHERE entry_no IN (SELECT reversal_of FROM posted_entry WHERE journal_id = \(journal) AND ledger = 'bank'
                               AND posted_statement_id IN (\(idList)) AND reversal_of IS NOT NULL)
            """)

        // The entries the statement applied to get back what it took off them.
        let applied = """
            SELECT applied_entry_no AS no, SUM(amount) AS amount, SUM(CASE WHEN kind = 'discount' THEN amount ELSE 0 END) AS discount
            FROM detailed_application
            WHERE unapplied = 0 AND entry_no IN (SELECT entry_no FROM posted_entry WHERE journal_id = \(journal) AND posted_statement_id IN (\(idList)) AND reversal_of IS NULL)
            GROUP BY applied_entry_no
            """
        let reopened = try Int64.fetchAll(db, sql: "SELECT no FROM (\(applied)) ORDER BY no")
        try db.execute(sql: """
            UPDATE ledger_entry SET remaining_amount = remaining_amount + d.amount, open = (remaining_amount + d.amount) <> 0,
              remaining_pmt_disc_possible = CASE WHEN d.discount <> 0 THEN d.discount ELSE remaining_pmt_disc_possible END
            FROM (\(applied)) d WHERE ledger_entry.entry_no = d.no
            """)
        try db.execute(sql: """
            UPDATE detailed_application SET unapplied = 1
            WHERE unapplied = 0 AND entry_no IN (SELECT entry_no FROM posted_entry WHERE journal_id = \(journal) AND posted_statement_id IN (\(idList)) AND reversal_of IS NULL)
            """)

        // Bank ledger entries posted elsewhere that its lines closed are open again.
        let reopenedBank = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT json_extract(a.value, '$.entry_no') FROM posted_statement_line p, json_each(p.applications) a
            WHERE p.posted_statement_id IN (\(idList)) AND json_extract(a.value, '$.target') = 'bank'
            ORDER BY 1
            """)
        for no in reopenedBank {
            try db.execute(sql: """
                UPDATE bank_ledger_entry SET open = 1, statement_no = NULL,
                  journal_id = CASE WHEN line_no IS NULL THEN NULL ELSE journal_id END
                WHERE entry_no = ?
                """, arguments: [no])
        }

        if reconciled {
            let previousNo: String? = live.compactMap { $0["previous_statement_no"] as String? }.first ?? Self.statementBefore(statementNo)
            try db.execute(sql: "UPDATE bank_account SET last_statement_no = ?, balance_last_statement = ? WHERE no = ?",
                           arguments: [previousNo, header.balanceLastStatement.minor, bankNo])
        }

        // A journal posted in full keeps its lines (the last posting's); lines posted with
        // --partial before were taken out and come back from the archive.
        let restored = try restoreLines(journal: journal, statementIds: header.status == .posted ? Array(ids.dropLast()) : ids)
            + (header.status == .posted ? Int.fetchAll(db, sql: "SELECT line_no FROM posted_statement_line WHERE posted_statement_id = ?",
                                                       arguments: [ids.last!]) : [])
        try db.execute(sql: "UPDATE journal SET status = 'open', reconciled = 0 WHERE id = ?", arguments: [journal])
        try db.execute(sql: "UPDATE posted_statement SET reversed_at = ?, reversed_by = ? WHERE id IN (\(idList))",
                       arguments: [AppDatabase.now(), user])
        return StatementReversal(journalId: journal, bankAccountNo: bankNo, statementNo: statementNo, entries: entries,
                                 reopenedEntries: reopened, reopenedBankEntries: reopenedBank, restoredLineNos: restored.sorted(),
                                 rolledBack: reconciled)
    }

    /// "12" → "11"; a statement no. that is not a number has no known predecessor.
    static func statementBefore(_ no: String) -> String? {
        guard let n = Int(no), n > 1 else { return nil }
        return String(n - 1)
    }

    /// Puts the posted lines back into the journal, under their old numbers where those are
    /// free, with the applications they were posted with.
    private func restoreLines(journal: Int64, statementIds: [Int64]) throws -> [Int] {
        if statementIds.isEmpty { return [] }
        var taken = Set(try Int.fetchAll(db, sql: "SELECT line_no FROM journal_line WHERE journal_id = ?", arguments: [journal]))
        var next = (taken.max() ?? 0) + 1
        let archived = try Row.fetchAll(db, sql: """
            SELECT posted_statement_id, line_no, parent_line_no FROM posted_statement_line
            WHERE posted_statement_id IN (\(statementIds.map(String.init).joined(separator: ","))) ORDER BY posted_statement_id, line_no
            """)
        var newNo: [[Int64]: Int] = [:]
        for row in archived {
            let old: Int = row[1]
            var no = old
            if taken.contains(no) {
                next = max(next, (taken.max() ?? 0) + 1)
                no = next
                next += 1
            }
            taken.insert(no)
            newNo[[row[0], Int64(old)]] = no
        }
        let insertLine = try db.cachedStatement(sql: """
            INSERT INTO journal_line (journal_id, line_no, transaction_date, value_date, amount, text, additional_info,
              related_party_name, related_party_account, related_party_address, related_party_city, reference,
              end_to_end_id, bank_transaction_id, confidence, account_type, account_no, account_amount, parent_line_no, details)
            SELECT journal_id, ?, transaction_date, value_date, amount, text, additional_info,
              related_party_name, related_party_account, related_party_address, related_party_city, reference,
              end_to_end_id, bank_transaction_id, confidence, account_type, account_no, account_amount, ?, details
            FROM posted_statement_line WHERE posted_statement_id = ? AND line_no = ?
            """)
        let insertApplications = try db.cachedStatement(sql: """
            INSERT INTO application (journal_id, line_no, target_kind, entry_no, applied_amount, discount_amount, tolerance_amount,
                                     confidence, evidence)
            SELECT p.journal_id, ?, json_extract(a.value, '$.target'), json_extract(a.value, '$.entry_no'),
              json_extract(a.value, '$.applied_amount'), json_extract(a.value, '$.discount_amount'),
              json_extract(a.value, '$.tolerance_amount'), json_extract(a.value, '$.confidence'),
              COALESCE(json_extract(a.value, '$.evidence'), '[]')
            FROM posted_statement_line p, json_each(p.applications) a
            WHERE p.posted_statement_id = ? AND p.line_no = ?
            ORDER BY a.key
            """)
        var restored: [Int] = []
        for row in archived {
            let statementId: Int64 = row[0], old: Int = row[1], parent: Int? = row[2]
            let no = newNo[[statementId, Int64(old)]]!
            let newParent = parent.map { newNo[[statementId, Int64($0)]] ?? $0 }
            try insertLine.execute(arguments: [no, newParent, statementId, old])
            try insertApplications.execute(arguments: [no, statementId, old])
            restored.append(no)
        }
        return restored.sorted()
    }
}
