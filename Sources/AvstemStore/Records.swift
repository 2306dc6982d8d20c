import AvstemCore
import GRDB

/// Reading the core values back from their rows. Kept in one place so every query that
/// returns a kind of row decodes it the same way.
enum Records {
    static func party(_ row: Row, bankAccounts: [String]) throws -> Party {
        Party(type: try row.decoded("type", as: PartyType.self), no: row["no"], name: row["name"],
              address: row["address"], city: row["city"], postCode: row["post_code"], country: row["country"],
              bankAccounts: bankAccounts, vatNo: row["vat_no"])
    }

    static func parties(_ db: Database) throws -> [Party] {
        var accounts: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT party_type, party_no, account FROM party_bank_account ORDER BY party_type, party_no, position") {
            let key = (row["party_type"] as String) + "\u{1}" + (row["party_no"] as String)
            accounts[key, default: []].append(row["account"])
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM party ORDER BY type, no").map { row in
            let key = (row["type"] as String) + "\u{1}" + (row["no"] as String)
            return try party(row, bankAccounts: accounts[key] ?? [])
        }
    }

    static func bankAccount(_ row: Row) throws -> BankAccount {
        BankAccount(no: row["no"], name: row["name"], iban: row["iban"], accountNo: row["account_no"],
                    currency: row["currency"], glAccount: row["gl_account"], lastStatementNo: row["last_statement_no"],
                    balanceLastStatement: row.money("balance_last_statement"),
                    tolerance: MatchTolerance(kind: try row.decoded("tolerance_kind", as: MatchTolerance.Kind.self),
                                              value: row["tolerance_value"]))
    }

    static func bankAccounts(_ db: Database) throws -> [BankAccount] {
        try Row.fetchAll(db, sql: "SELECT * FROM bank_account ORDER BY no").map(bankAccount)
    }

    static func bankAccount(_ db: Database, no: String) throws -> BankAccount? {
        try Row.fetchOne(db, sql: "SELECT * FROM bank_account WHERE no = ?", arguments: [no]).map(bankAccount)
    }

    static func ledgerEntry(_ row: Row) throws -> LedgerEntry {
        LedgerEntry(entryNo: row["entry_no"], partyType: try row.decoded("party_type", as: PartyType.self),
                    partyNo: row["party_no"], documentType: try row.decoded("document_type", as: DocumentType.self),
                    documentNo: row["document_no"], externalDocumentNo: row["external_document_no"],
                    postingDate: try row.date("posting_date"), dueDate: try row.optionalDate("due_date"),
                    currency: row["currency"], amount: row.money("amount"), remainingAmount: row.money("remaining_amount"),
                    pmtDiscountDate: try row.optionalDate("pmt_discount_date"),
                    remainingPmtDiscPossible: row.money("remaining_pmt_disc_possible"),
                    paymentReference: row["payment_reference"], description: row["description"])
    }

    static func ledgerEntry(_ db: Database, no: Int64) throws -> LedgerEntry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM ledger_entry WHERE entry_no = ?"), arguments: [no]).map(ledgerEntry)
    }

    static func bankLedgerEntry(_ row: Row) throws -> BankLedgerEntry {
        BankLedgerEntry(entryNo: row["entry_no"], bankAccount: row["bank_account"], postingDate: try row.date("posting_date"),
                        documentNo: row["document_no"], description: row["description"], amount: row.money("amount"),
                        open: row["open"])
    }

    static func bankLedgerEntry(_ db: Database, no: Int64) throws -> BankLedgerEntry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM bank_ledger_entry WHERE entry_no = ?"), arguments: [no]).map(bankLedgerEntry)
    }

    static func textMappings(_ db: Database) throws -> [TextMapping] {
        try Row.fetchAll(db, sql: "SELECT * FROM text_mapping ORDER BY id").map { row in
            TextMapping(id: row["id"], mappingText: row["mapping_text"],
                        accountType: try row.decoded("account_type", as: AccountType.self),
                        accountNo: row["account_no"], creditAccountNo: row["credit_account_no"])
        }
    }

    static func setup(_ db: Database) throws -> Setup {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setup") { values[row["key"]] = row["value"] }
        return Setup(values: values)
    }

    static func header(_ row: Row) throws -> JournalHeader {
        JournalHeader(id: row["id"], bankAccountNo: row["bank_account"], statementNo: row["statement_no"],
                      statementDate: try row.date("statement_date"), balanceLastStatement: row.money("balance_last_statement"),
                      statementEndingBalance: row.money("statement_ending_balance"), currency: row["currency"],
                      status: try row.decoded("status", as: JournalStatus.self))
    }

    static func header(_ db: Database, id: Int64) throws -> JournalHeader? {
        try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE id = ?", arguments: [id]).map(header)
    }

    static func line(_ row: Row) throws -> JournalLine {
        var account: AccountRef?
        if let type: String = row["account_type"], let no: String = row["account_no"] {
            guard let t = AccountType(rawValue: type) else { throw CorruptDatabase(description: "account_type: '\(type)'") }
            account = AccountRef(type: t, no: no)
        }
        return JournalLine(
            journalId: row["journal_id"], lineNo: row["line_no"], transactionDate: try row.date("transaction_date"),
            valueDate: try row.optionalDate("value_date"), amount: row.money("amount"), text: row["text"],
            additionalInfo: row["additional_info"], relatedPartyName: row["related_party_name"],
            relatedPartyAccount: row["related_party_account"], relatedPartyAddress: row["related_party_address"],
            relatedPartyCity: row["related_party_city"], reference: row["reference"], endToEndId: row["end_to_end_id"],
            bankTransactionId: row["bank_transaction_id"], confidence: try row.decoded("confidence", as: MatchConfidence.self),
            account: account, accountAmount: row.money("account_amount"), parentLineNo: row["parent_line_no"],
            details: try JSONText.decode([StatementEntry.Detail].self, row["details"]) ?? [])
    }

    static func lines(_ db: Database, journalId: Int64) throws -> [JournalLine] {
        try Row.fetchAll(db, sql: "SELECT * FROM journal_line WHERE journal_id = ? ORDER BY line_no", arguments: [journalId]).map(line)
    }

    static func line(_ db: Database, journalId: Int64, lineNo: Int) throws -> JournalLine? {
        try Row.fetchOne(db, sql: "SELECT * FROM journal_line WHERE journal_id = ? AND line_no = ?",
                         arguments: [journalId, lineNo]).map(line)
    }

    static func application(_ row: Row) throws -> Application {
        Application(journalId: row["journal_id"], lineNo: row["line_no"],
                    target: try ApplicationTarget(kind: row["target_kind"], entryNo: row["entry_no"]),
                    appliedAmount: row.money("applied_amount"), discountAmount: row.money("discount_amount"),
                    toleranceAmount: row.money("tolerance_amount"),
                    confidence: try row.decoded("confidence", as: MatchConfidence.self),
                    evidence: try JSONText.decode([Evidence].self, row["evidence"]) ?? [])
    }

    static func applications(_ db: Database, journalId: Int64) throws -> [Int: [Application]] {
        var result: [Int: [Application]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM application WHERE journal_id = ? ORDER BY line_no, id", arguments: [journalId]) {
            let app = try application(row)
            result[app.lineNo, default: []].append(app)
        }
        return result
    }

    static func applications(_ db: Database, journalId: Int64, lineNo: Int) throws -> [Application] {
        try Row.fetchAll(db, sql: "SELECT * FROM application WHERE journal_id = ? AND line_no = ? ORDER BY id",
                         arguments: [journalId, lineNo]).map(application)
    }

    static func insert(_ db: Database, application a: Application) throws {
        try db.cachedStatement(sql: """
            INSERT INTO application (journal_id, line_no, target_kind, entry_no, applied_amount, discount_amount,
                                     tolerance_amount, confidence, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [a.journalId, a.lineNo, a.target.kind, a.target.entryNo, a.appliedAmount.minor,
                                     a.discountAmount.minor, a.toleranceAmount.minor, a.confidence.rawValue,
                                     try JSONText.encode(a.evidence)])
    }

    static func snapshot(_ db: Database, journalId: Int64) throws -> JournalSnapshot {
        guard let header = try header(db, id: journalId) else { throw UserError("journal \(journalId) does not exist") }
        return JournalSnapshot(header: header, lines: try lines(db, journalId: journalId),
                               applications: try applications(db, journalId: journalId))
    }

    /// What lines other than (journal, line) — in open journals — already apply to a target,
    /// as the amount its remaining amount would fall by.
    static func appliedElsewhere(_ db: Database, target: ApplicationTarget, excludingJournal journalId: Int64, line lineNo: Int) throws -> Money {
        let sum = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(a.applied_amount + a.discount_amount + a.tolerance_amount), 0)
            FROM application a JOIN journal j ON j.id = a.journal_id
            WHERE j.status = 'open' AND a.target_kind = ? AND a.entry_no = ?
              AND NOT (a.journal_id = ? AND a.line_no = ?)
            """, arguments: [target.kind, target.entryNo, journalId, lineNo]) ?? 0
        return Money(minor: sum)
    }
}
