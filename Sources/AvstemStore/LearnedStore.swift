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
        -- the journal lines each choice was learned from: a line counts once, applying it again adds nothing
        CREATE TABLE learned_source (
          choice_id INTEGER NOT NULL REFERENCES learned_choice(id) ON DELETE CASCADE,
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL,
          PRIMARY KEY (journal_id, line_no, choice_id)
        );
        CREATE INDEX learned_source_choice ON learned_source(choice_id);
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
        try remember(db, kind: .payerAccount, key: key, shown: raw, target: party, line: line)
    }

    /// After a whole line was sent to an account: lines with this text go there.
    func learnText(_ db: Database, line: JournalLine, account: AccountRef) throws {
        let key = LearnedKey.text(line.text)
        guard !key.isEmpty else { return }
        try remember(db, kind: .text, key: key, shown: line.text, target: account, line: line)
    }

    /// Counts the line once per kind: applying it again teaches nothing new, and applying it elsewhere
    /// moves its count from the earlier choice (forgotten when no line is left for it) to the new one.
    private func remember(_ db: Database, kind: LearnedChoice.Kind, key: String, shown: String, target: AccountRef, line: JournalLine) throws {
        let earlier = try Row.fetchAll(db, sql: """
            SELECT c.id, c.key, c.target_type, c.target_no FROM learned_source s JOIN learned_choice c ON c.id = s.choice_id
            WHERE s.journal_id = ? AND s.line_no = ? AND c.kind = ?
            """, arguments: [line.journalId, line.lineNo, kind.rawValue])
        for row in earlier {
            let id: Int64 = row["id"]
            if row["key"] == key && row["target_type"] == target.type.rawValue && row["target_no"] == target.no { return }
            try db.execute(sql: "DELETE FROM learned_source WHERE choice_id = ? AND journal_id = ? AND line_no = ?",
                           arguments: [id, line.journalId, line.lineNo])
            try db.execute(sql: "UPDATE learned_choice SET count = count - 1 WHERE id = ? AND count > 1", arguments: [id])
            if db.changesCount == 0 { try db.execute(sql: "DELETE FROM learned_choice WHERE id = ?", arguments: [id]) }
        }
        try db.cachedStatement(sql: """
            INSERT INTO learned_choice (kind, key, shown, target_type, target_no, count, last_date) VALUES (?, ?, ?, ?, ?, 1, ?)
            ON CONFLICT (kind, key, target_type, target_no) DO UPDATE SET count = count + 1, shown = excluded.shown,
              last_date = MAX(last_date, excluded.last_date)
            """).execute(arguments: [kind.rawValue, key, shown, target.type.rawValue, target.no, line.transactionDate.iso])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM learned_choice WHERE kind = ? AND key = ? AND target_type = ? AND target_no = ?",
                                    arguments: [kind.rawValue, key, target.type.rawValue, target.no])
        try db.execute(sql: "INSERT INTO learned_source (choice_id, journal_id, line_no) VALUES (?, ?, ?)",
                       arguments: [id, line.journalId, line.lineNo])
    }
}
