import AvstemCore
import Foundation
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

    // The 10⁵–10⁶-row reads (open entries, lines, applications) name their columns and
    // decode by position: looking a column up by name costs more than decoding it.
    static let ledgerColumns = """
        entry_no, party_type, party_no, document_type, document_no, external_document_no, posting_date, due_date,
        currency, amount, remaining_amount, pmt_discount_date, remaining_pmt_disc_possible, payment_reference, description
        """

    static func ledgerEntry(_ row: Row) throws -> LedgerEntry {
        LedgerEntry(entryNo: row[0], partyType: try row.decoded(1, as: PartyType.self), partyNo: row[2],
                    documentType: try row.decoded(3, as: DocumentType.self), documentNo: row[4], externalDocumentNo: row[5],
                    postingDate: try row.date(6), dueDate: try row.optionalDate(7), currency: row[8], amount: row.money(9),
                    remainingAmount: row.money(10), pmtDiscountDate: try row.optionalDate(11),
                    remainingPmtDiscPossible: row.money(12), paymentReference: row[13], description: row[14])
    }

    static func ledgerEntry(_ db: Database, no: Int64) throws -> LedgerEntry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ledgerColumns) FROM ledger_entry WHERE entry_no = ?"), arguments: [no])
            .map(ledgerEntry)
    }

    static func ledgerEntries(_ db: Database, where condition: String, _ arguments: StatementArguments = []) throws -> [LedgerEntry] {
        try fetch(db, "SELECT \(ledgerColumns) FROM ledger_entry WHERE \(condition) ORDER BY entry_no", arguments, ledgerEntry)
    }

    /// Decodes straight from the statement, without copying each row.
    static func fetch<T>(_ db: Database, _ sql: String, _ arguments: StatementArguments, _ decode: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { result.append(try decode(row)) }
        return result
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

    static let lineColumns = """
        journal_id, line_no, transaction_date, value_date, amount, text, additional_info, related_party_name,
        related_party_account, related_party_address, related_party_city, reference, end_to_end_id, bank_transaction_id,
        confidence, account_type, account_no, account_amount, parent_line_no, details
        """

    static func line(_ row: Row) throws -> JournalLine {
        var account: AccountRef?
        if let type: String = row[15], let no: String = row[16] {
            guard let t = AccountType(rawValue: type) else { throw CorruptDatabase(description: "account_type: '\(type)'") }
            account = AccountRef(type: t, no: no)
        }
        return JournalLine(
            journalId: row[0], lineNo: row[1], transactionDate: try row.date(2), valueDate: try row.optionalDate(3),
            amount: row.money(4), text: row[5], additionalInfo: row[6], relatedPartyName: row[7], relatedPartyAccount: row[8],
            relatedPartyAddress: row[9], relatedPartyCity: row[10], reference: row[11], endToEndId: row[12],
            bankTransactionId: row[13], confidence: try row.decoded(14, as: MatchConfidence.self), account: account,
            accountAmount: row.money(17), parentLineNo: row[18],
            details: try JSONText.decode([StatementEntry.Detail].self, row[19]) ?? [])
    }

    /// Without `details` the raw bank fields are left out: posting does not need them, and
    /// decoding them is most of the cost of reading a line.
    static func lines(_ db: Database, journalId: Int64, details: Bool = true) throws -> [JournalLine] {
        let columns = details ? lineColumns : lineColumns.replacingOccurrences(of: "parent_line_no, details", with: "parent_line_no, NULL")
        return try fetch(db, "SELECT \(columns) FROM journal_line WHERE journal_id = ? ORDER BY line_no", [journalId], line)
    }

    static func line(_ db: Database, journalId: Int64, lineNo: Int) throws -> JournalLine? {
        try Row.fetchOne(db, sql: "SELECT \(lineColumns) FROM journal_line WHERE journal_id = ? AND line_no = ?",
                         arguments: [journalId, lineNo]).map(line)
    }

    static let applicationColumns = """
        journal_id, line_no, target_kind, entry_no, applied_amount, discount_amount, tolerance_amount, confidence, evidence
        """

    static func application(_ row: Row) throws -> Application {
        Application(journalId: row[0], lineNo: row[1], target: try ApplicationTarget(kind: row[2], entryNo: row[3]),
                    appliedAmount: row.money(4), discountAmount: row.money(5), toleranceAmount: row.money(6),
                    confidence: try row.decoded(7, as: MatchConfidence.self),
                    evidence: try JSONText.decode([Evidence].self, row[8]) ?? [])
    }

    static func applications(_ db: Database, journalId: Int64, evidence: Bool = true) throws -> [Int: [Application]] {
        var result: [Int: [Application]] = [:]
        let columns = evidence ? applicationColumns : applicationColumns.replacingOccurrences(of: "confidence, evidence", with: "confidence, NULL")
        for app in try fetch(db, "SELECT \(columns) FROM application WHERE journal_id = ? ORDER BY line_no, id",
                             [journalId], application) {
            result[app.lineNo, default: []].append(app)
        }
        return result
    }

    static func applications(_ db: Database, journalId: Int64, lineNo: Int) throws -> [Application] {
        try fetch(db, "SELECT \(applicationColumns) FROM application WHERE journal_id = ? AND line_no = ? ORDER BY id",
                  [journalId, lineNo], application)
    }

    static func insert(_ db: Database, application a: Application) throws {
        try db.cachedStatement(sql: """
            INSERT INTO application (journal_id, line_no, target_kind, entry_no, applied_amount, discount_amount,
                                     tolerance_amount, confidence, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [a.journalId, a.lineNo, a.target.kind, a.target.entryNo, a.appliedAmount.minor,
                                     a.discountAmount.minor, a.toleranceAmount.minor, a.confidence.rawValue,
                                     JSONText.encode(a.evidence)])
    }

    static func snapshot(_ db: Database, journalId: Int64, evidence: Bool = true) throws -> JournalSnapshot {
        guard let header = try header(db, id: journalId) else { throw UserError("journal \(journalId) does not exist") }
        return JournalSnapshot(header: header, lines: try lines(db, journalId: journalId),
                               applications: try applications(db, journalId: journalId, evidence: evidence))
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
