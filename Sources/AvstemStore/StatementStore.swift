import AvstemCore
import GRDB

extension AppDatabase {
    /// Brings a parsed statement file into payment reconciliation journals: one journal per
    /// statement with new transactions. Transactions imported before (for the same bank
    /// account, whatever became of them) are skipped and counted; a file that brings nothing
    /// new is refused.
    public func importStatement(_ file: StatementFile, source: String, bankAccountNo: String?) throws -> StatementImportResult {
        try dbQueue.write { db in
            let banks = try Records.bankAccounts(db)
            var result = StatementImportResult(warnings: file.warnings)
            var alreadyImported: (statement: String, journal: Int64)?
            for (index, statement) in file.statements.enumerated() {
                let label = statement.id ?? String(index + 1)
                let (bank, note) = try Self.bankAccount(for: statement, label: label, source: source, given: bankAccountNo, banks: banks)
                if let note { result.warnings.append(note) }
                if let currency = statement.currency, currency.uppercased() != bank.currency.uppercased() {
                    throw UserError(file: source, "statement \(label): currency \(currency) does not match bank account \(bank.no) (\(bank.currency))")
                }
                if statement.entries.isEmpty {
                    result.warnings.append("statement \(label) has no transactions; nothing imported from it")
                    continue
                }
                var fresh: [(Int, StatementEntry, LocalDate)] = []
                var duplicateJournal: Int64?
                // Check the whole statement against what was imported before inserting any of
                // it: two equal transactions in one statement are two payments, not a duplicate.
                for (n, entry) in statement.entries.enumerated() {
                    guard let date = entry.transactionDate ?? statement.toDate ?? statement.date else {
                        throw UserError(file: source, "statement \(label), entry \(n + 1): no booking or value date")
                    }
                    if let currency = entry.currency, currency.uppercased() != bank.currency.uppercased() {
                        throw UserError(file: source, "statement \(label), entry \(n + 1): amount in \(currency), bank account \(bank.no) is in \(bank.currency)")
                    }
                    if let journal = try Self.importedBefore(db, bank: bank.no, entry: entry, date: date) {
                        result.skippedDuplicates += 1
                        duplicateJournal = duplicateJournal ?? journal
                        continue
                    }
                    fresh.append((n, entry, date))
                }
                if fresh.isEmpty {
                    alreadyImported = alreadyImported ?? (label, duplicateJournal ?? 0)
                    result.warnings.append("statement \(label) already imported (journal \(duplicateJournal ?? 0)); skipped")
                    continue
                }
                if let journal = duplicateJournal {
                    let skipped = statement.entries.count - fresh.count
                    result.warnings.append("statement \(label): \(skipped) transaction\(skipped == 1 ? "" : "s") already imported (journal \(journal)) skipped; its ending balance includes them")
                }
                let journalId = try createJournal(db, statement: statement, label: label, bank: bank, source: source,
                                                  lines: fresh, warnings: &result.warnings)
                result.journalIds.append(journalId)
                result.importedLines += fresh.count
            }
            if result.journalIds.isEmpty {
                if let dup = alreadyImported { throw UserError(file: source, "statement \(dup.statement) already imported (journal \(dup.journal))") }
                throw UserError(file: source, "no transactions to import")
            }
            try db.execute(sql: """
                INSERT INTO import_log (source, format, imported_at, user, statements, imported_lines, skipped_duplicates, journal_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [source, file.format, Self.now(), user, file.statements.count, result.importedLines,
                                 result.skippedDuplicates, result.journalIds.map(String.init).joined(separator: ",")])
            return result
        }
    }

    /// The bank account a statement belongs to, and a note when that was a guess.
    static func bankAccount(for statement: BankStatement, label: String, source: String, given: String?,
                            banks: [BankAccount]) throws -> (BankAccount, String?) {
        func known() -> String {
            banks.isEmpty ? "no bank accounts in the books; import bank_accounts.csv first"
                : "known: " + banks.map { b in "\(b.no) (\([b.iban, b.accountNo].compactMap { $0 }.joined(separator: ", ")))" }.joined(separator: "; ")
        }
        if let given {
            guard let bank = banks.first(where: { $0.no == given }) else {
                throw UserError(file: source, "bank account \(given) does not exist; \(known())")
            }
            if let key = accountKey(statement.account), !accountKeysMatch(key, bank) {
                return (bank, "statement \(label) is for account \(statement.account ?? key), imported into \(given) as asked")
            }
            return (bank, nil)
        }
        guard let key = accountKey(statement.account) else {
            // Some CSV exports carry no account at all; with one bank account there is no doubt.
            if banks.count == 1 { return (banks[0], "statement \(label) names no account; imported into \(banks[0].no), the only bank account") }
            throw UserError(file: source, "statement \(label) names no account; choose one with --bank-account (\(known()))")
        }
        let matches = banks.filter { accountKeysMatch(key, $0) }
        guard matches.count == 1 else {
            if matches.isEmpty {
                throw UserError(file: source, "statement \(label): account \(statement.account ?? key) is not a bank account in the books; \(known())")
            }
            throw UserError(file: source, "statement \(label): account \(statement.account ?? key) fits several bank accounts (\(matches.map(\.no).joined(separator: ", "))); choose one with --bank-account")
        }
        return (matches[0], nil)
    }

    /// Equal keys, or an IBAN whose BBAN is the other's domestic number (NO93 8601 1117 947
    /// and 8601.11.17947 are the same Norwegian account).
    static func accountKeysMatch(_ key: String, _ bank: BankAccount) -> Bool {
        let own = [accountKey(bank.iban), accountKey(bank.accountNo)].compactMap { $0 }
        func bban(_ s: String) -> String? {
            guard s.count > 4, s.prefix(2).allSatisfy({ $0.isLetter }) else { return nil }
            return String(s.dropFirst(4))
        }
        for o in own {
            if o == key { return true }
            if let b = bban(o), b == key { return true }
            if let b = bban(key), b == o { return true }
        }
        return false
    }

    /// The journal a transaction was imported into before, if it was: by bank transaction id
    /// when the bank gives one, else by date + amount + text + reference.
    static func importedBefore(_ db: Database, bank: String, entry: StatementEntry, date: LocalDate) throws -> Int64? {
        if let id = entry.bankTransactionId, !id.isEmpty {
            return try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT journal_id FROM imported_transaction WHERE bank_account = ? AND bank_transaction_id = ? LIMIT 1
                """), arguments: [bank, id])
        }
        return try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT journal_id FROM imported_transaction
            WHERE bank_account = ? AND transaction_date = ? AND amount = ? AND text = ? AND reference = ? LIMIT 1
            """), arguments: [bank, date.iso, entry.amount.minor, entry.text ?? "", entry.reference ?? ""])
    }

    private func createJournal(_ db: Database, statement: BankStatement, label: String, bank: BankAccount, source: String,
                               lines: [(Int, StatementEntry, LocalDate)], warnings: inout [String]) throws -> Int64 {
        // A statement imported while earlier ones are not yet reconciled follows them: its
        // number comes after theirs and its opening balance is their ending balance.
        let unreconciled = try Row.fetchOne(db, sql: """
            SELECT statement_no, statement_ending_balance FROM journal
            WHERE bank_account = ? AND reconciled = 0 ORDER BY id DESC LIMIT 1
            """, arguments: [bank.no])
        let usedNumbers = try String.fetchAll(db, sql: "SELECT statement_no FROM journal WHERE bank_account = ?", arguments: [bank.no])
        let statementNo = StatementNumber.next(after: usedNumbers + [bank.lastStatementNo].compactMap { $0 })
        let balanceLast = unreconciled.map { $0.money("statement_ending_balance") } ?? bank.balanceLastStatement
        if let opening = statement.openingBalance, opening != balanceLast {
            warnings.append("statement \(label): opening balance \(opening.formatted(decimals: Currency.decimals(bank.currency))) differs from the balance last statement \(balanceLast.formatted(decimals: Currency.decimals(bank.currency))) of \(bank.no)")
        }
        let sum = lines.reduce(Money.zero) { $0 + $1.1.amount }
        let ending = statement.closingBalance ?? balanceLast + sum
        let statementDate = statement.toDate ?? lines.map(\.2).max() ?? statement.date!
        try db.execute(sql: """
            INSERT INTO journal (bank_account, statement_no, statement_date, balance_last_statement, statement_ending_balance,
                                 currency, status, statement_id, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
            """, arguments: [bank.no, statementNo, statementDate.iso, balanceLast.minor, ending.minor, bank.currency,
                             statement.id, source, Self.now()])
        let journalId = db.lastInsertedRowID
        let insertLine = try db.cachedStatement(sql: """
            INSERT INTO journal_line (journal_id, line_no, transaction_date, value_date, amount, text, additional_info,
              related_party_name, related_party_account, related_party_address, related_party_city, reference,
              end_to_end_id, bank_transaction_id, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let remember = try db.cachedStatement(sql: """
            INSERT INTO imported_transaction (bank_account, bank_transaction_id, transaction_date, amount, text, reference, journal_id, line_no)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, (_, e, date)) in lines.enumerated() {
            let lineNo = i + 1
            try insertLine.execute(arguments: [journalId, lineNo, date.iso, e.valueDate?.iso, e.amount.minor, e.text ?? "",
                                               e.additionalInfo, e.relatedPartyName, e.relatedPartyAccount,
                                               e.relatedPartyAddress, e.relatedPartyCity, e.reference, e.endToEndId,
                                               e.bankTransactionId, try JSONText.encode(e.details)])
            try remember.execute(arguments: [bank.no, e.bankTransactionId.flatMap { $0.isEmpty ? nil : $0 }, date.iso,
                                             e.amount.minor, e.text ?? "", e.reference ?? "", journalId, lineNo])
        }
        try audit(db, journal: journalId, line: nil, action: AuditAction.importStatement,
                  detail: "\(source): statement \(label) → \(bank.no) statement no. \(statementNo), \(lines.count) lines")
        return journalId
    }

    public func journals() throws -> [JournalSummary] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.*,
                  (SELECT COUNT(*) FROM journal_line l WHERE l.journal_id = j.id) AS line_count,
                  (SELECT COALESCE(SUM(l.amount), 0) FROM journal_line l WHERE l.journal_id = j.id) AS total_amount,
                  (SELECT COUNT(*) FROM journal_line l WHERE l.journal_id = j.id AND (l.account_type IS NOT NULL
                     OR EXISTS (SELECT 1 FROM application a WHERE a.journal_id = l.journal_id AND a.line_no = l.line_no))) AS applied_count,
                  (SELECT COUNT(*) FROM journal_line l WHERE l.journal_id = j.id AND l.amount = l.account_amount +
                     (SELECT COALESCE(SUM(a.applied_amount), 0) FROM application a WHERE a.journal_id = l.journal_id AND a.line_no = l.line_no)
                     AND (l.account_type IS NOT NULL OR EXISTS (SELECT 1 FROM application a WHERE a.journal_id = l.journal_id AND a.line_no = l.line_no))
                  ) AS full_count
                FROM journal j ORDER BY j.id
                """).map { row in
                JournalSummary(header: try Records.header(row), lineCount: row["line_count"], appliedLineCount: row["applied_count"],
                               fullyAppliedLineCount: row["full_count"], totalAmount: row.money("total_amount"),
                               reconciled: row["reconciled"])
            }
        }
    }

    /// The journal a command works on: the given one, else the only open one.
    public func resolveJournal(_ id: Int64?) throws -> Int64 {
        try dbQueue.read { db in
            if let id {
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM journal WHERE id = ?)", arguments: [id]) ?? false else {
                    throw UserError("journal \(id) does not exist")
                }
                return id
            }
            let open = try Row.fetchAll(db, sql: """
                SELECT j.id, j.bank_account, j.statement_no, (SELECT COUNT(*) FROM journal_line l WHERE l.journal_id = j.id) AS n
                FROM journal j WHERE j.status = 'open' ORDER BY j.id
                """)
            if open.count == 1 { return open[0]["id"] }
            if open.isEmpty { throw UserError("no open journal; import a statement first (avstem statement import FILE)") }
            let list = open.map { "\($0["id"] as Int64) (\($0["bank_account"] as String) statement \($0["statement_no"] as String), \($0["n"] as Int) lines)" }
            throw UserError("several open journals: \(list.joined(separator: ", ")); choose one with --journal")
        }
    }

    /// `evidence: false` leaves the applications' evidence empty: decoding it is most of the
    /// cost of reading a large journal, and a screen needs it for one line at a time.
    public func snapshot(journalId: Int64, evidence: Bool = true) throws -> JournalSnapshot {
        try dbQueue.read { db in try Records.snapshot(db, journalId: journalId, evidence: evidence) }
    }

    /// Some lines as they stand now, with their applications (no evidence): what a screen needs
    /// to bring its copy of a large journal up to date after editing a few lines.
    public func lines(journalId: Int64, lineNos: [Int]) throws -> (lines: [JournalLine], applications: [Int: [Application]]) {
        try dbQueue.read { db in
            var lines: [JournalLine] = [], apps: [Int: [Application]] = [:]
            for no in lineNos {
                guard let line = try Records.line(db, journalId: journalId, lineNo: no) else { continue }
                lines.append(line)
                apps[no] = try Records.applications(db, journalId: journalId, lineNo: no).map { a in
                    var a = a
                    a.evidence = []
                    return a
                }
            }
            return (lines, apps)
        }
    }

    /// One line's applications with their evidence.
    public func applications(journalId: Int64, lineNo: Int) throws -> [Application] {
        try dbQueue.read { db in try Records.applications(db, journalId: journalId, lineNo: lineNo) }
    }

    /// Everything the matcher may look at for this journal's bank account.
    public func matchContext(journalId: Int64) throws -> MatchContext {
        try dbQueue.read { db in
            guard let header = try Records.header(db, id: journalId) else { throw UserError("journal \(journalId) does not exist") }
            guard let bank = try Records.bankAccount(db, no: header.bankAccountNo) else {
                throw CorruptDatabase(description: "journal \(journalId): bank account \(header.bankAccountNo) is missing")
            }
            let entries = try Records.ledgerEntries(db, where: "open = 1 AND currency = ?", [bank.currency])
            let bankEntries = try Row.fetchAll(db, sql: "SELECT * FROM bank_ledger_entry WHERE open = 1 AND bank_account = ? ORDER BY entry_no",
                                               arguments: [bank.no]).map(Records.bankLedgerEntry)
            return MatchContext(bankAccount: bank, parties: try Records.parties(db), openEntries: entries,
                                bankLedgerEntries: bankEntries, textMappings: try Records.textMappings(db))
        }
    }
}

/// Statement numbers are text ("12", "2026-007"); the next one increments the trailing digits.
enum StatementNumber {
    static func next(after used: [String]) -> String {
        func trailing(_ s: String) -> (prefix: Substring, digits: Substring) {
            let digits = s.reversed().prefix { $0.isASCII && $0.isNumber }
            let n = digits.count
            return (s.dropLast(n), s.suffix(n))
        }
        let best = used.filter { !trailing($0).digits.isEmpty }.max { a, b in
            let x = trailing(a).digits.drop { $0 == "0" }, y = trailing(b).digits.drop { $0 == "0" }
            return x.count != y.count ? x.count < y.count : x < y
        }
        guard let best else { return "1" }
        let (prefix, digits) = trailing(best)
        var chars = Array(digits)
        var i = chars.count - 1
        while i >= 0 {
            if chars[i] == "9" { chars[i] = "0"; i -= 1 } else { chars[i] = Character(String(chars[i].wholeNumberValue! + 1)); break }
        }
        return String(prefix) + (i < 0 ? "1" : "") + String(chars)
    }
}
