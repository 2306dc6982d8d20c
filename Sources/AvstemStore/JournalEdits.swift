import AvstemCore
import AvstemMatching
import Foundation
import GRDB

extension AppDatabase {
    func openHeader(_ db: Database, _ journalId: Int64) throws -> JournalHeader {
        guard let header = try Records.header(db, id: journalId) else { throw UserError("journal \(journalId) does not exist") }
        guard header.status == .open else { throw UserError("journal \(journalId) is posted; it cannot be changed") }
        return header
    }

    func existingLine(_ db: Database, _ journalId: Int64, _ lineNo: Int) throws -> JournalLine {
        guard let line = try Records.line(db, journalId: journalId, lineNo: lineNo) else {
            throw UserError("journal \(journalId) has no line \(lineNo)")
        }
        return line
    }

    func setLineDecision(_ db: Database, _ journalId: Int64, _ lineNo: Int, confidence: MatchConfidence,
                         account: AccountRef?, accountAmount: Money) throws {
        try db.cachedStatement(sql: """
            UPDATE journal_line SET confidence = ?, account_type = ?, account_no = ?, account_amount = ?
            WHERE journal_id = ? AND line_no = ?
            """).execute(arguments: [confidence.rawValue, account?.type.rawValue, account?.no, accountAmount.minor, journalId, lineNo])
    }

    func clearApplications(_ db: Database, _ journalId: Int64, _ lineNo: Int) throws {
        try db.cachedStatement(sql: "DELETE FROM application WHERE journal_id = ? AND line_no = ?").execute(arguments: [journalId, lineNo])
    }

    /// Saves "Apply Automatically": each given line's applications are replaced by the
    /// engine's, except lines the user decided (manual, accepted) unless told to overwrite.
    public func saveMatchResults(journalId: Int64, _ results: [LineMatchResult], overwriteUserDecisions: Bool) throws {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            let decimals = Currency.decimals(header.currency)
            let now = Self.now()
            let lines = Dictionary(uniqueKeysWithValues: try Records.lines(db, journalId: journalId).map { ($0.lineNo, $0) })
            let clearCandidates = try db.cachedStatement(sql: "DELETE FROM line_candidate WHERE journal_id = ? AND line_no = ?")
            let insertCandidate = try db.cachedStatement(sql: """
                INSERT INTO line_candidate (journal_id, line_no, rank, target_kind, entry_no, score, confidence, proposed_amount, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for result in results {
                guard let line = lines[result.lineNo] else { throw UserError("journal \(journalId) has no line \(result.lineNo)") }
                try clearCandidates.execute(arguments: [journalId, result.lineNo])
                for (rank, c) in result.candidates.enumerated() {
                    try insertCandidate.execute(arguments: [journalId, result.lineNo, rank, c.target.kind, c.target.entryNo, c.score,
                                                            c.confidence.rawValue, c.proposedAmount.minor, JSONText.encode(c.evidence)])
                }
                if line.confidence.isUserDecision && !overwriteUserDecisions { continue }
                try clearApplications(db, journalId, result.lineNo)
                for var app in result.applications {
                    app.journalId = journalId
                    app.lineNo = result.lineNo
                    try Records.insert(db, application: app)
                }
                let account = result.accountAmount.isZero ? nil : result.account
                try setLineDecision(db, journalId, result.lineNo, confidence: result.confidence, account: account,
                                    accountAmount: account == nil ? .zero : result.accountAmount)
                // "Nothing found" for a line that had nothing is no decision worth a log row.
                let hadNothing = line.confidence == .none && line.account == nil
                if hadNothing && result.applications.isEmpty && account == nil { continue }
                try audit(db, journal: journalId, line: result.lineNo, action: AuditAction.autoMatch,
                          detail: Self.describe(confidence: result.confidence, applications: result.applications,
                                                account: account, accountAmount: result.accountAmount, decimals: decimals)
                            + Self.describeEvidence(result.applications),
                          time: now)
            }
        }
    }

    /// The candidates the engine considered for a line, best first, as last saved.
    public func candidates(journalId: Int64, lineNo: Int) throws -> [Candidate] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM line_candidate WHERE journal_id = ? AND line_no = ? ORDER BY rank",
                             arguments: [journalId, lineNo]).map { row in
                Candidate(target: try ApplicationTarget(kind: row["target_kind"], entryNo: row["entry_no"]), score: row["score"],
                          confidence: try row.decoded("confidence", as: MatchConfidence.self),
                          proposedAmount: row.money("proposed_amount"),
                          evidence: try JSONText.decode([Evidence].self, row["evidence"]) ?? [])
            }
        }
    }

    /// "Accept Applications": the given lines' matches become the user's. Lines with nothing
    /// applied are left as they are. Returns the lines accepted.
    @discardableResult
    public func accept(journalId: Int64, lineNos: [Int]) throws -> [Int] {
        try dbQueue.write { db in
            _ = try openHeader(db, journalId)
            var accepted: [Int] = []
            for lineNo in lineNos {
                let line = try existingLine(db, journalId, lineNo)
                let apps = try Records.applications(db, journalId: journalId, lineNo: lineNo)
                guard !apps.isEmpty || line.account != nil else { continue }
                try db.execute(sql: "UPDATE journal_line SET confidence = 'accepted' WHERE journal_id = ? AND line_no = ?",
                               arguments: [journalId, lineNo])
                try audit(db, journal: journalId, line: lineNo, action: AuditAction.accept, detail: "accepted \(line.confidence.rawValue) match")
                accepted.append(lineNo)
            }
            return accepted
        }
    }

    public func removeApplications(journalId: Int64, lineNos: [Int]) throws {
        try dbQueue.write { db in
            let decimals = Currency.decimals(try openHeader(db, journalId).currency)
            for lineNo in lineNos {
                let line = try existingLine(db, journalId, lineNo)
                let apps = try Records.applications(db, journalId: journalId, lineNo: lineNo)
                try clearApplications(db, journalId, lineNo)
                try setLineDecision(db, journalId, lineNo, confidence: .none, account: nil, accountAmount: .zero)
                try audit(db, journal: journalId, line: lineNo, action: AuditAction.remove,
                          detail: "removed " + Self.describe(confidence: line.confidence, applications: apps, account: line.account,
                                                             accountAmount: line.accountAmount, decimals: decimals))
            }
        }
    }

    /// What other lines of open journals already apply to each target, excluding this line:
    /// the Apply Manually page's "remaining amount after posting" needs it.
    public func appliedElsewhere(journalId: Int64, lineNo: Int, targets: [ApplicationTarget]) throws -> [ApplicationTarget: Money] {
        try dbQueue.read { db in
            var result: [ApplicationTarget: Money] = [:]
            for t in targets { result[t] = try Records.appliedElsewhere(db, target: t, excludingJournal: journalId, line: lineNo) }
            return result
        }
    }

    /// What the other open journals apply, per target: entries they hold are not free for
    /// this journal's matching (the engine's `alreadyApplied`).
    public func appliedInOtherJournals(journalId: Int64) throws -> [ApplicationTarget: Money] {
        try dbQueue.read { db in
            var result: [ApplicationTarget: Money] = [:]
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT a.target_kind, a.entry_no, SUM(a.applied_amount + a.discount_amount + a.tolerance_amount)
                FROM application a JOIN journal j ON j.id = a.journal_id
                WHERE j.status = 'open' AND a.journal_id <> ?
                GROUP BY a.target_kind, a.entry_no
                """, arguments: [journalId])
            while let row = try cursor.next() {
                result[try ApplicationTarget(kind: row[0], entryNo: row[1])] = row.money(2)
            }
            return result
        }
    }

    /// "Apply Manually": replaces the line's applications with the user's. A payment
    /// discount is taken when the amount is exactly what settles the entry within its
    /// discount date.
    public func applyManually(journalId: Int64, lineNo: Int, applications: [(ApplicationTarget, Money)]) throws {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            let decimals = Currency.decimals(header.currency)
            func fmt(_ m: Money) -> String { m.formatted(decimals: decimals) }
            let line = try existingLine(db, journalId, lineNo)
            let prefix = "line \(lineNo)"
            var seen = Set<ApplicationTarget>()
            var total = line.accountAmount
            var apps: [Application] = []
            for (target, amount) in applications {
                guard seen.insert(target).inserted else { throw UserError("\(prefix): \(target.label) is applied twice") }
                guard !amount.isZero, amount.sign == line.amount.sign else {
                    throw UserError("\(prefix): amount \(fmt(amount)) must have the sign of the line amount \(fmt(line.amount))")
                }
                let remaining: Money
                var discount = Money.zero
                switch target {
                case .ledgerEntry(let no):
                    guard let entry = try Records.ledgerEntry(db, no: no) else { throw UserError("\(prefix): entry \(no) does not exist") }
                    guard entry.isOpen else { throw UserError("\(prefix): entry \(no) is closed") }
                    guard entry.currency.uppercased() == header.currency.uppercased() else {
                        throw UserError("\(prefix): entry \(no) is in \(entry.currency), the bank account in \(header.currency)")
                    }
                    remaining = entry.remainingAmount
                    let elsewhere = try Records.appliedElsewhere(db, target: target, excludingJournal: journalId, line: lineNo)
                    let available = remaining - elsewhere
                    guard remaining.sign == line.amount.sign else {
                        throw UserError("\(prefix): entry \(no) (\(fmt(remaining))) has the opposite sign of the line (\(fmt(line.amount)))")
                    }
                    guard available.sign == amount.sign, amount.magnitude <= available.magnitude else {
                        let others = elsewhere.isZero ? "" : ", \(fmt(elsewhere)) of it applied by other lines"
                        throw UserError("\(prefix): \(fmt(amount)) is more than entry \(no) has left (\(fmt(remaining)) remaining\(others))")
                    }
                    if elsewhere.isZero, amount != remaining, entry.amountDue(on: line.transactionDate) == amount {
                        discount = remaining - amount
                    }
                case .bankLedgerEntry(let no):
                    guard let entry = try Records.bankLedgerEntry(db, no: no) else {
                        throw UserError("\(prefix): bank ledger entry \(no) does not exist")
                    }
                    guard entry.open else { throw UserError("\(prefix): bank ledger entry \(no) is closed") }
                    guard entry.bankAccount == header.bankAccountNo else {
                        throw UserError("\(prefix): bank ledger entry \(no) belongs to bank account \(entry.bankAccount)")
                    }
                    let elsewhere = try Records.appliedElsewhere(db, target: target, excludingJournal: journalId, line: lineNo)
                    guard elsewhere.isZero else { throw UserError("\(prefix): bank ledger entry \(no) is already applied by another line") }
                    // A bank ledger entry is one movement on the account: it is matched whole or not at all.
                    guard amount == entry.amount else {
                        throw UserError("\(prefix): bank ledger entry \(no) can only be applied in full (\(fmt(entry.amount)))")
                    }
                }
                total += amount
                apps.append(Application(journalId: journalId, lineNo: lineNo, target: target, appliedAmount: amount,
                                        discountAmount: discount, confidence: .manual,
                                        evidence: [Evidence(.user, "manual", "applied manually by \(user)")]))
            }
            guard total.magnitude <= line.amount.magnitude else {
                throw UserError("\(prefix): \(fmt(total)) applied is more than the line amount \(fmt(line.amount))")
            }
            try clearApplications(db, journalId, lineNo)
            for app in apps { try Records.insert(db, application: app) }
            try learnPayer(db, line: line, applications: apps)
            let decided = !apps.isEmpty || line.account != nil
            try setLineDecision(db, journalId, lineNo, confidence: decided ? .manual : .none, account: line.account,
                                accountAmount: line.accountAmount)
            try audit(db, journal: journalId, line: lineNo, action: AuditAction.manual,
                      detail: Self.describe(confidence: .manual, applications: apps, account: nil, accountAmount: .zero, decimals: decimals))
        }
    }

    /// Sends (part of) a line straight to an account; `nil` takes that part away again.
    public func setAccount(journalId: Int64, lineNo: Int, account: AccountRef?, amount: Money) throws {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            let decimals = Currency.decimals(header.currency)
            let line = try existingLine(db, journalId, lineNo)
            let apps = try Records.applications(db, journalId: journalId, lineNo: lineNo)
            let amount = account == nil ? Money.zero : amount
            if let account {
                try Self.requireAccount(db, account, context: "line \(lineNo)")
                guard !amount.isZero, amount.sign == line.amount.sign else {
                    throw UserError("line \(lineNo): amount \(amount.formatted(decimals: decimals)) must have the sign of the line amount \(line.amount.formatted(decimals: decimals))")
                }
                let total = apps.reduce(amount) { $0 + $1.appliedAmount }
                guard total.magnitude <= line.amount.magnitude else {
                    throw UserError("line \(lineNo): \(total.formatted(decimals: decimals)) applied is more than the line amount \(line.amount.formatted(decimals: decimals))")
                }
            }
            let decided = account != nil || !apps.isEmpty
            try setLineDecision(db, journalId, lineNo, confidence: decided ? .manual : .none, account: account, accountAmount: amount)
            if let account, amount == line.amount { try learnText(db, line: line, account: account) }
            try audit(db, journal: journalId, line: lineNo, action: AuditAction.setAccount,
                      detail: account.map { "\($0.type.label) \($0.no) \(amount.formatted(decimals: decimals))" } ?? "account removed")
        }
    }

    static func requireAccount(_ db: Database, _ account: AccountRef, context: String) throws {
        let exists: Bool
        switch account.type {
        case .gl: exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM gl_account WHERE no = ?)", arguments: [account.no]) ?? false
        case .customer, .vendor:
            exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM party WHERE type = ? AND no = ?)",
                                       arguments: [account.type.rawValue, account.no]) ?? false
        }
        guard exists else { throw UserError("\(context): \(account.type.label) \(account.no) does not exist") }
    }

    /// "Transfer Difference to Account": the line keeps what is applied; a new child line
    /// carries the difference to `account`. A line with nothing applied goes to the account
    /// whole, without a split. Returns the line that carries the difference.
    public func transferDifference(journalId: Int64, lineNo: Int, to account: AccountRef) throws -> Int {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            let decimals = Currency.decimals(header.currency)
            let line = try existingLine(db, journalId, lineNo)
            try Self.requireAccount(db, account, context: "line \(lineNo)")
            let apps = try Records.applications(db, journalId: journalId, lineNo: lineNo)
            let applied = apps.reduce(line.accountAmount) { $0 + $1.appliedAmount }
            let difference = line.amount - applied
            guard !difference.isZero else { throw UserError("line \(lineNo) has no difference to transfer") }
            if applied.isZero {
                try setLineDecision(db, journalId, lineNo, confidence: .manual, account: account, accountAmount: difference)
                try learnText(db, line: line, account: account)
                try audit(db, journal: journalId, line: lineNo, action: AuditAction.transferDifference,
                          detail: "\(difference.formatted(decimals: decimals)) to \(account.type.label) \(account.no)")
                return lineNo
            }
            guard applied.sign == line.amount.sign, applied.magnitude < line.amount.magnitude else {
                throw UserError("line \(lineNo): applied \(applied.formatted(decimals: decimals)) exceeds the line amount \(line.amount.formatted(decimals: decimals)); remove applications first")
            }
            let newNo = (try Int.fetchOne(db, sql: "SELECT MAX(line_no) FROM journal_line WHERE journal_id = ?", arguments: [journalId]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO journal_line (journal_id, line_no, transaction_date, value_date, amount, text, additional_info,
                  related_party_name, related_party_account, related_party_address, related_party_city, reference,
                  end_to_end_id, bank_transaction_id, confidence, account_type, account_no, account_amount, parent_line_no, details)
                SELECT journal_id, ?, transaction_date, value_date, ?, text, additional_info,
                  related_party_name, related_party_account, related_party_address, related_party_city, reference,
                  end_to_end_id, bank_transaction_id, 'manual', ?, ?, ?, line_no, details
                FROM journal_line WHERE journal_id = ? AND line_no = ?
                """, arguments: [newNo, difference.minor, account.type.rawValue, account.no, difference.minor, journalId, lineNo])
            try db.execute(sql: "UPDATE journal_line SET amount = ? WHERE journal_id = ? AND line_no = ?",
                           arguments: [applied.minor, journalId, lineNo])
            try audit(db, journal: journalId, line: lineNo, action: AuditAction.transferDifference,
                      detail: "\(difference.formatted(decimals: decimals)) to \(account.type.label) \(account.no) on new line \(newNo)")
            return newNo
        }
    }

    /// The matcher's version and, per application, its evidence as dimension=value: what
    /// the audit trail keeps of an automatic decision after the application is gone.
    static func describeEvidence(_ applications: [Application]) -> String {
        var text = " [\(MatchEngine.version)]"
        for a in applications where !a.evidence.isEmpty {
            text += "; \(a.target.label): " + a.evidence.map { "\($0.dimension.rawValue)=\($0.value)" }.joined(separator: ", ")
        }
        return text
    }

    static func describe(confidence: MatchConfidence, applications: [Application], account: AccountRef?,
                         accountAmount: Money, decimals: Int) -> String {
        var parts = applications.map { a -> String in
            var s = "\(a.target.label) \(a.appliedAmount.formatted(decimals: decimals))"
            if !a.discountAmount.isZero { s += " + discount \(a.discountAmount.formatted(decimals: decimals))" }
            if !a.toleranceAmount.isZero { s += " + tolerance \(a.toleranceAmount.formatted(decimals: decimals))" }
            return s
        }
        if let account { parts.append("\(account.type.label) \(account.no) \(accountAmount.formatted(decimals: decimals))") }
        return "\(confidence.rawValue): " + (parts.isEmpty ? "nothing applied" : parts.joined(separator: ", "))
    }
}

extension AppDatabase {
    /// Throws away an open journal that nothing was posted from (a statement imported into
    /// the wrong bank account, say). Its transactions are forgotten, so the file can be
    /// imported again.
    public func deleteJournal(_ journalId: Int64) throws {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM posted_statement WHERE journal_id = ?)", arguments: [journalId]) ?? false {
                throw UserError("journal \(journalId) was partly posted; it cannot be deleted")
            }
            let lines = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal_line WHERE journal_id = ?", arguments: [journalId]) ?? 0
            try db.execute(sql: "DELETE FROM imported_transaction WHERE journal_id = ?", arguments: [journalId])
            try db.execute(sql: "DELETE FROM journal WHERE id = ?", arguments: [journalId])
            try audit(db, journal: journalId, line: nil, action: AuditAction.deleteJournal,
                      detail: "deleted \(header.bankAccountNo) statement \(header.statementNo) with \(lines) lines")
        }
    }
}

extension AppDatabase {
    /// BC's "Map Text to Account": remembers that transactions whose text contains
    /// `mappingText` go to `account`, and sends this line there whole.
    public func mapTextToAccount(journalId: Int64, lineNo: Int, mappingText: String, account: AccountRef) throws {
        try dbQueue.write { db in
            let header = try openHeader(db, journalId)
            let line = try existingLine(db, journalId, lineNo)
            let text = mappingText.trimmingCharacters(in: .whitespaces)
            guard !line.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UserError("line \(lineNo) has no text to map; transfer it to an account instead")
            }
            guard !text.isEmpty else { throw UserError("line \(lineNo): type the text to map; it is empty") }
            guard line.text.localizedCaseInsensitiveContains(text) else {
                throw UserError("line \(lineNo): the mapping text '\(mappingText)' does not occur in '\(line.text)'")
            }
            try Self.requireAccount(db, account, context: "line \(lineNo)")
            try Self.upsertMapping(db, TextMapping(mappingText: text, accountType: account.type, accountNo: account.no))
            try clearApplications(db, journalId, lineNo)
            try setLineDecision(db, journalId, lineNo, confidence: .highTextMapping, account: account, accountAmount: line.amount)
            try learnText(db, line: line, account: account)
            try audit(db, journal: journalId, line: lineNo, action: AuditAction.mapText,
                      detail: "'\(text)' → \(account.type.label) \(account.no) \(line.amount.formatted(decimals: Currency.decimals(header.currency)))")
        }
    }

    /// Adds a text-to-account mapping, or updates the credit account of an existing one.
    public func saveTextMapping(_ mapping: TextMapping) throws {
        if let problem = TextMapping.patternProblem(mapping.mappingText) {
            throw UserError("mapping '\(mapping.mappingText)': \(problem)")
        }
        try dbQueue.write { db in
            try Self.requireAccount(db, AccountRef(type: mapping.accountType, no: mapping.accountNo), context: "mapping '\(mapping.mappingText)'")
            try Self.upsertMapping(db, mapping)
            try audit(db, journal: nil, line: nil, action: AuditAction.mapText,
                      detail: "'\(mapping.mappingText)' → \(mapping.accountType.label) \(mapping.accountNo)")
        }
    }

    static func upsertMapping(_ db: Database, _ m: TextMapping) throws {
        let credit = m.creditAccountNo.flatMap { $0.isEmpty ? nil : $0 }
        try db.cachedStatement(sql: """
            INSERT INTO text_mapping (mapping_text, account_type, account_no, credit_account_no) VALUES (?, ?, ?, ?)
            ON CONFLICT (mapping_text, account_type, account_no) DO UPDATE SET credit_account_no = excluded.credit_account_no
            """).execute(arguments: [m.mappingText, m.accountType.rawValue, m.accountNo, credit])
    }

    /// A customer or vendor by number, for showing whose entry an application is.
    public func party(_ type: PartyType, _ no: String) throws -> Party? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM party WHERE type = ? AND no = ?", arguments: [type.rawValue, no]) else {
                return nil
            }
            let accounts = try String.fetchAll(db, sql: "SELECT account FROM party_bank_account WHERE party_type = ? AND party_no = ? ORDER BY position",
                                               arguments: [type.rawValue, no])
            return try Records.party(row, bankAccounts: accounts)
        }
    }
}
