import AvstemCore
import GRDB

extension AppDatabase {
    /// Upserts the books by their keys in one transaction. References are checked against
    /// the database and this import together; the first broken one refuses the whole import.
    public func importBooks(_ books: Books) throws {
        try dbQueue.write { db in
            try validate(books, db)
            try upsert(books, db)
            let counts = [("customers", books.customers.count), ("vendors", books.vendors.count),
                          ("G/L accounts", books.glAccounts.count), ("bank accounts", books.bankAccounts.count),
                          ("open entries", books.openEntries.count), ("text mappings", books.textMappings.count),
                          ("bank ledger entries", books.bankLedgerEntries.count), ("setup keys", books.setup.values.count)]
            try audit(db, journal: nil, line: nil, action: AuditAction.importBooks,
                      detail: counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
        }
    }

    private func validate(_ books: Books, _ db: Database) throws {
        func exists(_ sql: String, _ args: StatementArguments) throws -> Bool {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (\(sql))", arguments: args) ?? false
        }
        let importedGL = Set(books.glAccounts.map(\.no))
        let importedParties: [PartyType: Set<String>] = [.customer: Set(books.customers.map(\.no)),
                                                         .vendor: Set(books.vendors.map(\.no))]
        let importedBanks = Set(books.bankAccounts.map(\.no))
        func glExists(_ no: String) throws -> Bool {
            try importedGL.contains(no) || exists("SELECT 1 FROM gl_account WHERE no = ?", [no])
        }
        func partyExists(_ type: PartyType, _ no: String) throws -> Bool {
            try importedParties[type]!.contains(no) || exists("SELECT 1 FROM party WHERE type = ? AND no = ?", [type.rawValue, no])
        }
        func accountExists(_ ref: AccountRef) throws -> Bool {
            switch ref.type {
            case .gl: return try glExists(ref.no)
            case .customer: return try partyExists(.customer, ref.no)
            case .vendor: return try partyExists(.vendor, ref.no)
            }
        }

        for p in books.customers where p.type != .customer {
            throw UserError(file: "customers.csv", "\(p.no) is a \(p.type.rawValue)")
        }
        for p in books.vendors where p.type != .vendor {
            throw UserError(file: "vendors.csv", "\(p.no) is a \(p.type.rawValue)")
        }
        for b in books.bankAccounts where try !glExists(b.glAccount) {
            throw UserError(file: "bank_accounts.csv", "bank account \(b.no): G/L account \(b.glAccount) does not exist")
        }
        for e in books.openEntries {
            if try !partyExists(e.partyType, e.partyNo) {
                throw UserError(file: "open_entries.csv", "entry \(e.entryNo): \(e.partyType.rawValue) \(e.partyNo) does not exist")
            }
            if !e.remainingAmount.isZero && e.remainingAmount.sign != e.amount.sign {
                throw UserError(file: "open_entries.csv", "entry \(e.entryNo): remaining amount \(e.remainingAmount) has the opposite sign of amount \(e.amount)")
            }
            if e.remainingAmount.magnitude > e.amount.magnitude {
                throw UserError(file: "open_entries.csv", "entry \(e.entryNo): remaining amount \(e.remainingAmount) exceeds amount \(e.amount)")
            }
        }
        try Self.refuseEntryNumbersPostingUsed(books, db)
        for m in books.textMappings {
            for no in [m.accountNo, m.creditAccountNo].compactMap({ $0 }).filter({ !$0.isEmpty }) {
                let ref = AccountRef(type: m.accountType, no: no)
                if try !accountExists(ref) {
                    throw UserError(file: "text_mappings.csv", "mapping '\(m.mappingText)': \(ref.type.label) \(no) does not exist")
                }
            }
        }
        for e in books.bankLedgerEntries
        where try !(importedBanks.contains(e.bankAccount) || exists("SELECT 1 FROM bank_account WHERE no = ?", [e.bankAccount])) {
            throw UserError(file: "bank_ledger_entries.csv", "entry \(e.entryNo): bank account \(e.bankAccount) does not exist")
        }
        for key in Setup.knownKeys where key != "currency" {
            if let no = books.setup[key], !no.isEmpty, try !glExists(no) {
                throw UserError(file: "setup.csv", "\(key): G/L account \(no) does not exist")
            }
        }
    }

    private func upsert(_ books: Books, _ db: Database) throws {
        let party = try db.cachedStatement(sql: """
            INSERT INTO party (type, no, name, address, city, post_code, country, vat_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, no) DO UPDATE SET name = excluded.name, address = excluded.address, city = excluded.city,
              post_code = excluded.post_code, country = excluded.country, vat_no = excluded.vat_no
            """)
        let clearAccounts = try db.cachedStatement(sql: "DELETE FROM party_bank_account WHERE party_type = ? AND party_no = ?")
        let account = try db.cachedStatement(sql: """
            INSERT INTO party_bank_account (party_type, party_no, position, account, account_key) VALUES (?, ?, ?, ?, ?)
            """)
        for p in books.customers + books.vendors {
            try party.execute(arguments: [p.type.rawValue, p.no, p.name, p.address, p.city, p.postCode, p.country, p.vatNo])
            try clearAccounts.execute(arguments: [p.type.rawValue, p.no])
            for (i, a) in p.bankAccounts.enumerated() {
                guard let key = accountKey(a) else { continue }
                try account.execute(arguments: [p.type.rawValue, p.no, i, a, key])
            }
        }
        let gl = try db.cachedStatement(sql: """
            INSERT INTO gl_account (no, name) VALUES (?, ?) ON CONFLICT (no) DO UPDATE SET name = excluded.name
            """)
        for a in books.glAccounts { try gl.execute(arguments: [a.no, a.name]) }
        let bank = try db.cachedStatement(sql: """
            INSERT INTO bank_account (no, name, iban, account_no, iban_key, account_no_key, currency, gl_account,
                                      last_statement_no, balance_last_statement, tolerance_kind, tolerance_value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (no) DO UPDATE SET name = excluded.name, iban = excluded.iban, account_no = excluded.account_no,
              iban_key = excluded.iban_key, account_no_key = excluded.account_no_key, currency = excluded.currency,
              gl_account = excluded.gl_account,
              last_statement_no = CASE WHEN \(Self.reconciledHere) THEN last_statement_no ELSE excluded.last_statement_no END,
              balance_last_statement = CASE WHEN \(Self.reconciledHere) THEN balance_last_statement ELSE excluded.balance_last_statement END,
              tolerance_kind = excluded.tolerance_kind,
              tolerance_value = excluded.tolerance_value
            """)
        for b in books.bankAccounts {
            try bank.execute(arguments: [b.no, b.name, b.iban, b.accountNo, accountKey(b.iban), accountKey(b.accountNo),
                                         b.currency, b.glAccount, b.lastStatementNo, b.balanceLastStatement.minor,
                                         b.tolerance.kind.rawValue, b.tolerance.value])
        }
        let entry = try db.cachedStatement(sql: """
            INSERT INTO ledger_entry (entry_no, party_type, party_no, document_type, document_no, external_document_no,
                                      posting_date, due_date, currency, amount, remaining_amount, pmt_discount_date,
                                      remaining_pmt_disc_possible, payment_reference, description, open)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (entry_no) DO UPDATE SET party_type = excluded.party_type, party_no = excluded.party_no,
              document_type = excluded.document_type, document_no = excluded.document_no,
              external_document_no = excluded.external_document_no, posting_date = excluded.posting_date,
              due_date = excluded.due_date, currency = excluded.currency, amount = excluded.amount,
              remaining_amount = excluded.remaining_amount, pmt_discount_date = excluded.pmt_discount_date,
              remaining_pmt_disc_possible = excluded.remaining_pmt_disc_possible,
              payment_reference = excluded.payment_reference, description = excluded.description, open = excluded.open
            """)
        for e in books.openEntries {
            try entry.execute(arguments: [e.entryNo, e.partyType.rawValue, e.partyNo, e.documentType.rawValue, e.documentNo,
                                          e.externalDocumentNo, e.postingDate.iso, e.dueDate?.iso, e.currency,
                                          e.amount.minor, e.remainingAmount.minor, e.pmtDiscountDate?.iso,
                                          e.remainingPmtDiscPossible.minor, e.paymentReference, e.description,
                                          !e.remainingAmount.isZero])
        }
        for m in books.textMappings { try Self.upsertMapping(db, m) }
        let bankEntry = try db.cachedStatement(sql: """
            INSERT INTO bank_ledger_entry (entry_no, bank_account, posting_date, document_no, description, amount, open)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (entry_no) DO UPDATE SET bank_account = excluded.bank_account, posting_date = excluded.posting_date,
              document_no = excluded.document_no, description = excluded.description, amount = excluded.amount,
              open = excluded.open
            """)
        for e in books.bankLedgerEntries {
            try bankEntry.execute(arguments: [e.entryNo, e.bankAccount, e.postingDate.iso, e.documentNo, e.description,
                                              e.amount.minor, e.open])
        }
        let setup = try db.cachedStatement(sql: """
            INSERT INTO setup (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
        for (key, value) in books.setup.values.sorted(by: { $0.key < $1.key }) { try setup.execute(arguments: [key, value]) }
    }

    /// The books as they stand: remaining amounts after posting, bank accounts advanced by
    /// reconciliation. Open entries are the imported ones (closed ones too, with remaining
    /// 0, so an export shows what posting settled) plus prepayments posting left open.
    public func loadBooks() throws -> Books {
        try dbQueue.read { db in
            var books = Books()
            let parties = try Records.parties(db)
            books.customers = parties.filter { $0.type == .customer }
            books.vendors = parties.filter { $0.type == .vendor }
            books.glAccounts = try Row.fetchAll(db, sql: "SELECT no, name FROM gl_account ORDER BY no").map {
                GLAccount(no: $0["no"], name: $0["name"])
            }
            books.bankAccounts = try Records.bankAccounts(db)
            books.openEntries = try Records.ledgerEntries(db, where: "origin = 'import' OR open = 1")
            books.textMappings = try Records.textMappings(db)
            books.bankLedgerEntries = try Row.fetchAll(db, sql: "SELECT * FROM bank_ledger_entry WHERE open = 1 ORDER BY entry_no")
                .map(Records.bankLedgerEntry)
            books.setup = try Records.setup(db)
            return books
        }
    }

    public func postedEntries() throws -> [PostedEntry] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM posted_entry ORDER BY entry_no").map { row in
                PostedEntry(entryNo: row["entry_no"], ledger: try row.decoded("ledger", as: Ledger.self),
                            accountNo: row["account_no"], postingDate: try row.date("posting_date"),
                            documentNo: row["document_no"], description: row["description"], amount: row.money("amount"),
                            appliesToEntryNo: row["applies_to_entry_no"], journal: row["journal_id"], lineNo: row["line_no"])
            }
        }
    }
}

extension AccountType {
    /// How the account is named in messages: "G/L account 1920", "customer C0001".
    var label: String {
        switch self {
        case .gl: return "G/L account"
        case .customer: return "customer"
        case .vendor: return "vendor"
        }
    }
}

extension AppDatabase {
    /// The ledger entries with these numbers, open or closed: what `journal show` and the
    /// UI need to describe applications (party, document no.) without loading all books.
    public func ledgerEntries(_ entryNos: [Int64]) throws -> [Int64: LedgerEntry] {
        try dbQueue.read { db in
            var result: [Int64: LedgerEntry] = [:]
            for no in Set(entryNos) { result[no] = try Records.ledgerEntry(db, no: no) }
            return result
        }
    }

    public func bankLedgerEntries(_ entryNos: [Int64]) throws -> [Int64: BankLedgerEntry] {
        try dbQueue.read { db in
            var result: [Int64: BankLedgerEntry] = [:]
            for no in Set(entryNos) { result[no] = try Records.bankLedgerEntry(db, no: no) }
            return result
        }
    }
}
