import AvstemCore
import AvstemMatching
import GRDB

extension Schema {
    /// What the user's manual decisions taught: payer account → party, text → account, with counts.
    static let learned = """
        CREATE TABLE learned_choice (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('payer_account', 'text')),
          key TEXT NOT NULL,
          shown TEXT NOT NULL,
          target_type TEXT NOT NULL CHECK (target_type IN ('gl', 'customer', 'vendor')),
          target_no TEXT NOT NULL,
          count INTEGER NOT NULL CHECK (count > 0),
          last_date TEXT NOT NULL,
          UNIQUE (kind, key, target_type, target_no)
        );
        """
}

extension AuditAction {
    public static let memoryForget = "memory_forget"
}

extension AppDatabase {
    /// Everything learned, oldest first.
    public func learnedMemory() throws -> LearnedMemory {
        try dbQueue.read { try Self.learnedMemory($0) }
    }

    static func learnedMemory(_ db: Database) throws -> LearnedMemory {
        LearnedMemory(try Row.fetchAll(db, sql: "SELECT * FROM learned_choice ORDER BY id").map { row in
            LearnedChoice(id: row["id"], kind: try row.decoded("kind", as: LearnedChoice.Kind.self), key: row["key"], shown: row["shown"],
                          target: AccountRef(type: try row.decoded("target_type", as: AccountType.self), no: row["target_no"]),
                          count: row["count"], lastDate: try row.date("last_date"))
        })
    }

    /// Forgets one learned choice by id, or all of them (`id == nil`). Returns how many were forgotten.
    @discardableResult
    public func forget(id: Int64?) throws -> Int {
        try dbQueue.write { db in
            let all = try Self.learnedMemory(db).choices
            let gone = id.map { id in all.filter { $0.id == id } } ?? all
            if let id, gone.isEmpty { throw UserError("nothing learned has id \(id) (see `avstem memory list`)") }
            if let id {
                try db.execute(sql: "DELETE FROM learned_choice WHERE id = ?", arguments: [id])
            } else {
                try db.execute(sql: "DELETE FROM learned_choice")
            }
            let detail = id == nil ? "forgot all \(gone.count) learned choices" : "forgot " + Self.describe(gone[0])
            try audit(db, journal: nil, line: nil, action: AuditAction.memoryForget, detail: detail)
            return gone.count
        }
    }

    /// Accounts learned for the journal's lines that the engine left below High: suggestions to review.
    public func accountSuggestions(journalId: Int64) throws -> [AccountSuggestion] {
        try dbQueue.read { db in
            let memory = try Self.learnedMemory(db)
            guard memory.choices.contains(where: { $0.kind == .text }) else { return [] }
            return LearnedSuggestions.suggestions(for: try Records.snapshot(db, journalId: journalId, evidence: false).lines, memory: memory)
        }
    }

    /// "payer account NO9386011117947 → customer C0001, 4 times, last 2026-11-02".
    public static func describe(_ c: LearnedChoice) -> String {
        let what = c.kind == .payerAccount ? "payer account \(c.key)" : "text \"\(c.key)\""
        return "\(what) → \(c.target.type.label) \(c.target.no), \(c.timesWords), last \(c.lastDate.iso)"
    }

    // MARK: learning (inside the write that made the decision)

    /// After "apply manually": the payer's account was applied to the party of the entries (when they
    /// all belong to one party).
    func learnPayer(_ db: Database, line: JournalLine, applications: [Application]) throws {
        guard let raw = line.relatedPartyAccount, case let key = LearnedKey.account(raw), !key.isEmpty else { return }
        var parties = Set<AccountRef>()
        for a in applications {
            guard case .ledgerEntry(let no) = a.target, let entry = try Records.ledgerEntry(db, no: no) else { return }
            parties.insert(AccountRef(type: entry.partyType == .customer ? .customer : .vendor, no: entry.partyNo))
        }
        guard parties.count == 1, let party = parties.first else { return }
        try remember(db, kind: .payerAccount, key: key, shown: raw, target: party, date: line.transactionDate)
    }

    /// After a whole line was sent to an account: lines with this text go there.
    func learnText(_ db: Database, line: JournalLine, account: AccountRef) throws {
        let key = LearnedKey.text(line.text)
        guard !key.isEmpty else { return }
        try remember(db, kind: .text, key: key, shown: line.text, target: account, date: line.transactionDate)
    }

    private func remember(_ db: Database, kind: LearnedChoice.Kind, key: String, shown: String, target: AccountRef, date: LocalDate) throws {
        try db.cachedStatement(sql: """
            INSERT INTO learned_choice (kind, key, shown, target_type, target_no, count, last_date) VALUES (?, ?, ?, ?, ?, 1, ?)
            ON CONFLICT (kind, key, target_type, target_no) DO UPDATE SET count = count + 1, shown = excluded.shown,
              last_date = MAX(last_date, excluded.last_date)
            """).execute(arguments: [kind.rawValue, key, shown, target.type.rawValue, target.no, date.iso])
    }
}
