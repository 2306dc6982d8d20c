import AvstemCore
import GRDB

extension AppDatabase {
    /// What posting would write now, and why it would be refused. Changes nothing.
    public func postingPlan(journalId: Int64, options: PostOptions) throws -> PostingPlan {
        try dbQueue.read { db in try Poster(db: db, journalId: journalId, options: options).plan().plan }
    }

    /// Posts the journal in one IMMEDIATE transaction: the plan is worked out again inside
    /// it, so an entry another process closed meanwhile refuses the posting instead of
    /// being applied twice. All of it lands, or nothing does.
    @discardableResult
    public func post(journalId: Int64, options: PostOptions) throws -> PostingPlan {
        try whenBusy("journal \(journalId) cannot be posted") { try dbQueue.writeWithoutTransaction { db in
            try Self.roomForALargeTransaction(db)
            var plan: PostingPlan?
            try db.inTransaction(.immediate) {
                let poster = Poster(db: db, journalId: journalId, options: options)
                let work = try poster.plan()
                guard work.plan.canPost else {
                    throw UserError("journal \(journalId) cannot be posted: " + work.plan.problems.joined(separator: "; "))
                }
                try poster.write(work, user: user)
                let list = { (nos: [Int]) in NumberRanges.describe(nos) }
                try audit(db, journal: journalId, line: nil, action: AuditAction.post,
                          detail: work.reconcileOnly ? "reconciled (payments posted before)"
                            : "posted lines \(list(work.plan.postedLineNos)): \(work.plan.entries.count) entries"
                              + (options.reconcile ? ", reconciled" : "")
                              + (work.plan.keptLineNos.isEmpty ? "" : "; kept lines \(list(work.plan.keptLineNos))"))
                plan = work.plan
                return .commit
            }
            return plan!
        } }
    }
}

/// Works out a journal's posting and writes it. Signs follow the ledgers: an application's
/// applied, discount and tolerance amounts carry the line's sign, and the applied entry's
/// remaining amount falls by their sum.
struct Poster {
    let db: Database
    let journalId: Int64
    let options: PostOptions

    struct Work {
        var plan: PostingPlan
        var header: JournalHeader
        var bank: BankAccount
        var lines: [JournalLine]
        var applications: [Int: [Application]]
        /// Customer/vendor entries posting leaves open (payments on account).
        var openPartyEntries: [LedgerEntry] = []
        var bankEntries: [Int64] = []
        var reductions: [Int64: Money] = [:]
        var discountTaken: Set<Int64> = []
        var closedBankEntries: [Int64] = []
        var reconcileOnly = false
        var detailed: [(kind: String, entryNo: Int64, appliedEntryNo: Int64, amount: Money, date: LocalDate, lineNo: Int)] = []
    }

    struct AppliedEntry {
        var partyType: PartyType
        var partyNo: String
        var documentNo: String
        var remainingAmount: Money
        var isOpen: Bool { !remainingAmount.isZero }
    }

    func plan() throws -> Work {
        guard let header = try Records.header(db, id: journalId) else { throw UserError("journal \(journalId) does not exist") }
        guard let bank = try Records.bankAccount(db, no: header.bankAccountNo) else {
            throw CorruptDatabase(description: "journal \(journalId): bank account \(header.bankAccountNo) is missing")
        }
        let decimals = Currency.decimals(header.currency)
        func fmt(_ m: Money) -> String { m.formatted(decimals: decimals) }
        let lines = try Records.lines(db, journalId: journalId, details: false)
        let applications = try Records.applications(db, journalId: journalId, evidence: false)
        var work = Work(plan: PostingPlan(journalId: journalId, options: options, entries: [], postedLineNos: [], keptLineNos: [], problems: []),
                        header: header, bank: bank, lines: lines, applications: applications)
        var problems: [String] = []
        guard header.status == .open else {
            // Payments posted without --reconcile leave the bank side open; reconciling
            // such a journal later only closes the bank side.
            let reconciled = try Bool.fetchOne(db, sql: "SELECT reconciled FROM journal WHERE id = ?", arguments: [journalId]) ?? false
            if options.reconcile && !reconciled {
                work.reconcileOnly = true
                work.plan.problems = try reconcileProblems(header, bank, currentLines: [], fmt)
            } else {
                work.plan.problems = ["journal \(journalId) is already posted" + (reconciled ? " and reconciled" : "")]
            }
            return work
        }
        let snapshot = JournalSnapshot(header: header, lines: lines, applications: applications)

        // Which lines go.
        var posted: [JournalLine] = []
        var notApplied: [String] = [], withDifference: [String] = []
        for line in lines {
            let apps = applications[line.lineNo] ?? []
            let applied = snapshot.appliedAmount(of: line)
            let anything = !apps.isEmpty || line.account != nil
            if !anything && !line.amount.isZero {
                if options.partial { work.plan.keptLineNos.append(line.lineNo) } else {
                    notApplied.append("line \(line.lineNo) (\(line.transactionDate.iso) \(fmt(line.amount)) \(line.text)) is not applied")
                }
            } else if applied != line.amount {
                if options.partial { work.plan.keptLineNos.append(line.lineNo) } else {
                    withDifference.append("line \(line.lineNo): applied \(fmt(applied)) of \(fmt(line.amount)), difference \(fmt(line.amount - applied)); transfer the difference or change the applications")
                }
            } else {
                posted.append(line)
            }
        }
        // A statement of 10⁵ lines must not produce a message of 10⁵ lines.
        for (list, what) in [(notApplied, "not applied"), (withDifference, "with a difference")] {
            problems += list.prefix(5)
            if list.count > 5 { problems.append("\(list.count - 5) more lines \(what)") }
        }
        work.plan.postedLineNos = posted.map(\.lineNo)
        if posted.isEmpty && problems.isEmpty { problems.append("journal \(journalId) has no applied line to post") }

        if options.reconcile {
            if !work.plan.keptLineNos.isEmpty {
                let kept = work.plan.keptLineNos
                let shown = kept.prefix(10).map(String.init).joined(separator: ", ") + (kept.count > 10 ? " and \(kept.count - 10) more" : "")
                problems.append("reconciling needs every line applied; not applied: lines \(shown)")
            }
            problems += try reconcileProblems(header, bank, currentLines: lines, fmt)
        }

        // One join instead of a lookup per line: a statement has up to 10⁵ of them.
        var postedElsewhere: [Int: (String, Int64)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT l.line_no, l.bank_transaction_id, MIN(p.journal_id)
            FROM journal_line l
            JOIN posted_statement_line p ON p.bank_account = ? AND p.bank_transaction_id = l.bank_transaction_id
                                         AND p.journal_id <> l.journal_id
                                         AND p.posted_statement_id NOT IN (SELECT id FROM posted_statement WHERE reversed_at IS NOT NULL)
            WHERE l.journal_id = ? AND l.parent_line_no IS NULL AND l.bank_transaction_id <> ''
            GROUP BY l.line_no
            """, arguments: [bank.no, journalId]) {
            postedElsewhere[row[0]] = (row[1], row[2])
        }
        for line in posted {
            if let (tx, other) = postedElsewhere[line.lineNo] {
                problems.append("line \(line.lineNo): bank transaction \(tx) is already posted (journal \(other))")
            }
        }

        let setup = try Records.setup(db)
        var missingSetup = Set<String>()
        func setupAccount(_ key: String) -> String {
            if let v = setup[key], !v.isEmpty { return v }
            missingSetup.insert(key)
            return ""
        }

        var nextNo = try Self.lastEntryNo(db)
        var entries: [PostedEntry] = []
        var appliedByEntry: [Int64: (total: Money, lines: [Int])] = [:]
        // Only what posting uses of the applied entries: decoding whole entries (dates and all)
        // was a fifth of planning a 10⁵-line journal.
        var entryCache: [Int64: AppliedEntry] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT entry_no, party_type, party_no, document_no, remaining_amount FROM ledger_entry
            WHERE entry_no IN (SELECT entry_no FROM application WHERE journal_id = ? AND target_kind = 'ledger')
            """, arguments: [journalId])
        while let row = try cursor.next() {
            entryCache[row[0]] = AppliedEntry(partyType: try row.decoded(1, as: PartyType.self), partyNo: row[2], documentNo: row[3],
                                              remainingAmount: row.money(4))
        }

        for line in posted {
            let apps = applications[line.lineNo] ?? []
            let doc = header.statementNo, date = line.transactionDate, text = line.text
            var party: [PostedEntry] = [], gl: [PostedEntry] = []
            func newEntry(_ ledger: Ledger, _ account: String, _ amount: Money, appliesTo: Int64? = nil, description: String? = nil) -> PostedEntry {
                nextNo += 1
                return PostedEntry(entryNo: nextNo, ledger: ledger, accountNo: account, postingDate: date, documentNo: doc,
                                   description: description ?? text, amount: amount, appliesToEntryNo: appliesTo,
                                   journal: journalId, lineNo: line.lineNo)
            }
            var glLines: [(String, Money, String?)] = []
            var bankPart = line.amount
            for app in apps {
                switch app.target {
                case .bankLedgerEntry(let no):
                    bankPart -= app.appliedAmount
                    let entry = try Records.bankLedgerEntry(db, no: no)
                    if entry == nil || !entry!.open || entry!.bankAccount != bank.no || entry!.amount != app.appliedAmount {
                        problems.append("line \(line.lineNo): bank ledger entry \(no) is no longer open for \(fmt(app.appliedAmount)) on \(bank.no) (changed since it was applied)")
                    }
                    work.closedBankEntries.append(no)
                case .ledgerEntry(let no):
                    guard let entry = entryCache[no] else {
                        problems.append("line \(line.lineNo): entry \(no) no longer exists")
                        continue
                    }
                    let ledger: Ledger = entry.partyType == .customer ? .customer : .vendor
                    let settled = app.appliedAmount + app.discountAmount + app.toleranceAmount
                    appliedByEntry[no, default: (.zero, [])].total += settled
                    appliedByEntry[no]!.lines.append(line.lineNo)
                    work.reductions[no, default: .zero] += settled
                    let payment = newEntry(ledger, entry.partyNo, -app.appliedAmount, appliesTo: no)
                    party.append(payment)
                    work.detailed.append(("application", payment.entryNo, no, app.appliedAmount, date, line.lineNo))
                    let control = setupAccount(entry.partyType == .customer ? "receivables_account" : "payables_account")
                    glLines.append((control, -settled, nil))
                    if !app.discountAmount.isZero {
                        let e = newEntry(ledger, entry.partyNo, -app.discountAmount, appliesTo: no,
                                         description: "Payment discount \(entry.documentNo)")
                        party.append(e)
                        work.detailed.append(("discount", e.entryNo, no, app.discountAmount, date, line.lineNo))
                        work.discountTaken.insert(no)
                        let key = entry.partyType == .customer ? "discount_granted_account" : "discount_received_account"
                        glLines.append((setupAccount(key), app.discountAmount, "Payment discount \(entry.documentNo)"))
                    }
                    if !app.toleranceAmount.isZero {
                        let e = newEntry(ledger, entry.partyNo, -app.toleranceAmount, appliesTo: no,
                                         description: "Payment tolerance \(entry.documentNo)")
                        party.append(e)
                        work.detailed.append(("tolerance", e.entryNo, no, app.toleranceAmount, date, line.lineNo))
                        glLines.append((setupAccount("tolerance_account"), app.toleranceAmount, "Payment tolerance \(entry.documentNo)"))
                    }
                }
            }
            if let account = line.account, !line.accountAmount.isZero {
                let m = line.accountAmount
                switch account.type {
                case .gl:
                    if try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM gl_account WHERE no = ?)"), arguments: [account.no]) ?? false) {
                        problems.append("line \(line.lineNo): G/L account \(account.no) does not exist")
                    }
                    glLines.append((account.no, -m, nil))
                case .customer, .vendor:
                    let type: PartyType = account.type == .customer ? .customer : .vendor
                    let ledger: Ledger = type == .customer ? .customer : .vendor
                    let onAccount = newEntry(ledger, account.no, -m)
                    party.append(onAccount)
                    work.openPartyEntries.append(LedgerEntry(
                        entryNo: onAccount.entryNo, partyType: type, partyNo: account.no,
                        documentType: Self.paymentType(type, lineAmount: line.amount), documentNo: doc, postingDate: date,
                        currency: header.currency, amount: -m, remainingAmount: -m, description: text))
                    glLines.append((setupAccount(type == .customer ? "receivables_account" : "payables_account"), -m, nil))
                }
            }
            entries += party
            if !bankPart.isZero {
                let bankEntry = newEntry(.bank, bank.no, bankPart)
                entries.append(bankEntry)
                work.bankEntries.append(bankEntry.entryNo)
                gl.append(newEntry(.gl, bank.glAccount, bankPart))
            }
            for (account, amount, description) in glLines where !amount.isZero {
                gl.append(newEntry(.gl, account, amount, description: description))
            }
            entries += gl
        }

        for (no, use) in appliedByEntry.sorted(by: { $0.key < $1.key }) {
            guard let entry = entryCache[no] else { continue }
            let linesText = "line" + (use.lines.count > 1 ? "s " : " ") + use.lines.map(String.init).joined(separator: ", ")
            if !entry.isOpen || entry.remainingAmount.sign != use.total.sign || use.total.magnitude > entry.remainingAmount.magnitude {
                problems.append("\(linesText): entry \(no) (\(entry.partyType.rawValue) \(entry.partyNo) \(entry.documentNo)) has \(fmt(entry.remainingAmount)) remaining but \(fmt(use.total)) is applied; it changed since it was applied")
            }
        }
        for key in missingSetup.sorted() { problems.append("setup: \(key) is not set") }
        work.plan.entries = entries
        work.plan.problems = problems
        return work
    }

    /// The statement must take the bank account from its last balance to the ending balance.
    /// Lines posted earlier (with --partial, or before a later reconcile) are in the archive.
    func reconcileProblems(_ header: JournalHeader, _ bank: BankAccount, currentLines: [JournalLine],
                           _ fmt: (Money) -> String) throws -> [String] {
        var problems: [String] = []
        let earlier = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(amount), 0) FROM posted_statement_line
            WHERE journal_id = ? AND posted_statement_id NOT IN (SELECT id FROM posted_statement WHERE reversed_at IS NOT NULL)
            """,
                                         arguments: [journalId]) ?? 0
        let sum = currentLines.reduce(Money(minor: earlier)) { $0 + $1.amount }
        if header.balanceLastStatement + sum != header.statementEndingBalance {
            problems.append("balance last statement \(fmt(header.balanceLastStatement)) + lines \(fmt(sum)) = \(fmt(header.balanceLastStatement + sum)), not the statement ending balance \(fmt(header.statementEndingBalance))")
        }
        if bank.balanceLastStatement != header.balanceLastStatement {
            problems.append("bank account \(bank.no) stands at \(fmt(bank.balanceLastStatement)) after statement \(bank.lastStatementNo ?? "–"), this statement starts from \(fmt(header.balanceLastStatement)); reconcile the statements before it first")
        }
        return problems
    }

    /// The highest entry number any ledger uses: posted entries continue above it.
    static func lastEntryNo(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT MAX(n) FROM (SELECT MAX(entry_no) AS n FROM ledger_entry UNION ALL SELECT MAX(entry_no) FROM bank_ledger_entry
                                UNION ALL SELECT MAX(entry_no) FROM posted_entry)
            """) ?? 0
    }

    static func paymentType(_ party: PartyType, lineAmount: Money) -> DocumentType {
        switch party {
        case .customer: return lineAmount.isNegative ? .refund : .payment
        case .vendor: return lineAmount.isNegative ? .payment : .refund
        }
    }

    func write(_ work: Work, user: String) throws {
        let header = work.header
        let reconcile = options.reconcile
        if work.reconcileOnly {
            try closeBankSide(header)
            try db.execute(sql: "UPDATE journal SET reconciled = 1 WHERE id = ?", arguments: [journalId])
            return
        }
        let now = AppDatabase.now()
        try db.execute(sql: """
            INSERT INTO posted_statement (journal_id, bank_account, statement_no, statement_date, balance_last_statement,
              statement_ending_balance, currency, reconciled, posted_at, posted_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [journalId, header.bankAccountNo, header.statementNo, header.statementDate.iso,
                             header.balanceLastStatement.minor, header.statementEndingBalance.minor, header.currency,
                             reconcile, now, user])
        let statementId = db.lastInsertedRowID

        let bankEntryNos = Set(work.bankEntries)
        var insertPosted = BatchInsert(db, """
            INSERT INTO posted_entry (entry_no, ledger, account_no, posting_date, document_no, description, amount,
                                      applies_to_entry_no, journal_id, line_no, posted_statement_id)
            """, columns: 11)
        var insertBank = BatchInsert(db, """
            INSERT INTO bank_ledger_entry (entry_no, bank_account, posting_date, document_no, description, amount, open,
                                           journal_id, line_no, statement_no)
            """, columns: 10)
        var isoDates: [LocalDate: String] = [:]
        for e in work.plan.entries {
            let date = isoDates[e.postingDate] ?? e.postingDate.iso
            isoDates[e.postingDate] = date
            try insertPosted.add([e.entryNo, e.ledger.rawValue, e.accountNo, date, e.documentNo,
                                  e.description, e.amount.minor, e.appliesToEntryNo, e.journal, e.lineNo, statementId])
            if bankEntryNos.contains(e.entryNo) {
                try insertBank.add([e.entryNo, e.accountNo, date, e.documentNo, e.description,
                                    e.amount.minor, !reconcile, journalId, e.lineNo, reconcile ? header.statementNo : nil])
            }
        }
        try insertPosted.flush()
        try insertBank.flush()
        for e in work.openPartyEntries {
            try db.execute(sql: """
                INSERT INTO ledger_entry (entry_no, party_type, party_no, document_type, document_no, posting_date, currency,
                                          amount, remaining_amount, description, open, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'posting')
                """, arguments: [e.entryNo, e.partyType.rawValue, e.partyNo, e.documentType.rawValue, e.documentNo,
                                 e.postingDate.iso, e.currency, e.amount.minor, e.remainingAmount.minor, e.description])
        }
        // One UPDATE … FROM for all the entries instead of a statement each.
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS posting_reduction (entry_no INTEGER PRIMARY KEY, amount INTEGER, discount INTEGER)")
        try db.execute(sql: "DELETE FROM temp.posting_reduction")
        var insertReduction = BatchInsert(db, "INSERT INTO temp.posting_reduction (entry_no, amount, discount)", columns: 3)
        for (no, reduction) in work.reductions { try insertReduction.add([no, reduction.minor, work.discountTaken.contains(no)]) }
        try insertReduction.flush()
        try db.execute(sql: """
            UPDATE ledger_entry SET remaining_amount = remaining_amount - r.amount,
              open = (remaining_amount - r.amount) <> 0,
              remaining_pmt_disc_possible = CASE WHEN r.discount THEN 0 ELSE remaining_pmt_disc_possible END
            FROM temp.posting_reduction r WHERE ledger_entry.entry_no = r.entry_no
            """)
        var insertDetailed = BatchInsert(db, """
            INSERT INTO detailed_application (kind, entry_no, applied_entry_no, amount, posting_date, journal_id, line_no)
            """, columns: 7)
        for d in work.detailed {
            try insertDetailed.add([d.kind, d.entryNo, d.appliedEntryNo, d.amount.minor, isoDates[d.date] ?? d.date.iso, journalId, d.lineNo])
        }
        try insertDetailed.flush()
        for no in work.closedBankEntries {
            try db.cachedStatement(sql: "UPDATE bank_ledger_entry SET open = 0, statement_no = ?, journal_id = COALESCE(journal_id, ?) WHERE entry_no = ?")
                .execute(arguments: [header.statementNo, journalId, no])
        }

        try archive(work, statementId: statementId)

        if reconcile { try closeBankSide(header) }
        if work.plan.keptLineNos.isEmpty {
            try db.execute(sql: "UPDATE journal SET status = 'posted', reconciled = ? WHERE id = ?", arguments: [reconcile, journalId])
        } else {
            for lineNo in work.plan.postedLineNos {
                try db.cachedStatement(sql: "DELETE FROM journal_line WHERE journal_id = ? AND line_no = ?").execute(arguments: [journalId, lineNo])
            }
        }
    }

    /// Closes the bank entries this journal posted (also those of earlier partial postings)
    /// and advances the bank account to this statement.
    private func closeBankSide(_ header: JournalHeader) throws {
        // What the bank account stood at before, so that reversing the statement can put it back.
        try db.execute(sql: """
            UPDATE posted_statement SET previous_statement_no = (SELECT last_statement_no FROM bank_account WHERE no = ?)
            WHERE journal_id = ? AND reversed_at IS NULL
            """, arguments: [header.bankAccountNo, journalId])
        try db.execute(sql: "UPDATE bank_ledger_entry SET open = 0, statement_no = ? WHERE journal_id = ? AND open = 1",
                       arguments: [header.statementNo, journalId])
        try db.execute(sql: "UPDATE bank_account SET last_statement_no = ?, balance_last_statement = ? WHERE no = ?",
                       arguments: [header.statementNo, header.statementEndingBalance.minor, header.bankAccountNo])
        // Earlier partial postings of the statement are reconciled with it.
        try db.execute(sql: "UPDATE posted_statement SET reconciled = 1 WHERE journal_id = ? AND reversed_at IS NULL", arguments: [journalId])
    }

    /// Copies the posted lines into the archive inside SQLite: their details are already
    /// JSON there, and re-coding 10⁵ lines in Swift would cost more than the rest of posting.
    private func archive(_ work: Work, statementId: Int64) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS posting_line (line_no INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.posting_line")
        let mark = try db.cachedStatement(sql: "INSERT INTO temp.posting_line (line_no) VALUES (?)")
        for lineNo in work.plan.postedLineNos { try mark.execute(arguments: [lineNo]) }
        try db.execute(sql: """
            INSERT INTO posted_statement_line (posted_statement_id, journal_id, line_no, bank_account, transaction_date, value_date,
              amount, applied_amount, text, additional_info, related_party_name, related_party_account, related_party_address,
              related_party_city, reference, end_to_end_id, bank_transaction_id, confidence, account_type, account_no,
              account_amount, parent_line_no, details, applications)
            SELECT ?, l.journal_id, l.line_no, ?, l.transaction_date, l.value_date,
              l.amount, l.account_amount + COALESCE(a.applied, 0), l.text, l.additional_info, l.related_party_name,
              l.related_party_account, l.related_party_address, l.related_party_city, l.reference, l.end_to_end_id,
              l.bank_transaction_id, l.confidence, l.account_type, l.account_no, l.account_amount, l.parent_line_no,
              l.details, COALESCE(a.list, '[]')
            FROM journal_line l
            JOIN temp.posting_line p ON p.line_no = l.line_no
            LEFT JOIN (
              SELECT line_no, SUM(applied_amount) AS applied,
                json_group_array(json_object('target', target_kind, 'entry_no', entry_no, 'applied_amount', applied_amount,
                  'discount_amount', discount_amount, 'tolerance_amount', tolerance_amount, 'confidence', confidence,
                  'evidence', json(evidence))) AS list
              FROM application WHERE journal_id = ? GROUP BY line_no
            ) a ON a.line_no = l.line_no
            WHERE l.journal_id = ?
            """, arguments: [statementId, work.header.bankAccountNo, journalId, journalId])
    }
}
