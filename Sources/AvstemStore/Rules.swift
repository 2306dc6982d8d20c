import AvstemCore
import AvstemMatching
import GRDB

extension Schema {
    /// The payment application rules (BC's "Bank Pmt. Appl. Rule"). Empty = Business Central's default
    /// matrix, which is written out the first time a rule is changed.
    static let rules = """
        CREATE TABLE match_rule (
          confidence TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
          priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 999),
          -- NULL: the dimension is not considered
          related_party TEXT CHECK (related_party IN ('fully', 'partially', 'no')),
          document_no TEXT CHECK (document_no IN ('yes', 'yes_multiple', 'no')),
          amount TEXT CHECK (amount IN ('one', 'multiple', 'no_matches')),
          direct_debit INTEGER CHECK (direct_debit IN (0, 1)),
          review_required INTEGER NOT NULL CHECK (review_required IN (0, 1)),
          PRIMARY KEY (confidence, priority)
        );
        """
}

extension AuditAction {
    public static let rulesSet = "rules_set"
    public static let rulesDelete = "rules_delete"
    public static let rulesReset = "rules_reset"
    public static let rulesImport = "rules_import"
}

extension AppDatabase {
    /// The payment application rules the engine uses, best score first. The one place rules are read.
    public func matchRules() throws -> [MatchRule] {
        try dbQueue.read { try Self.rules($0) }
    }

    /// The matching engine over `context` with the stored rules and the learned memory: what "Apply
    /// Automatically", `match`, statement import and the journal app all build.
    public func matchEngine(context: MatchContext) throws -> MatchEngine {
        var context = context
        let (rules, learned) = try dbQueue.read { db in (try Self.rules(db), try Self.learnedMemory(db)) }
        context.learned = learned
        return MatchEngine(context: context, rules: rules)
    }

    static func rules(_ db: Database) throws -> [MatchRule] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM match_rule")
        if rows.isEmpty { return RulesFile.ordered(MatchRules.businessCentralDefault) }
        return RulesFile.ordered(try rows.map { row in
            let dd: Int? = row["direct_debit"]
            return MatchRule(confidence: try row.decoded("confidence", as: MatchConfidence.self), priority: row["priority"],
                             relatedParty: try optional(row, "related_party"), documentNo: try optional(row, "document_no"),
                             amount: try optional(row, "amount"), directDebitCollection: dd.map { $0 != 0 },
                             reviewRequired: (row["review_required"] as Int? ?? 0) != 0)
        })
    }

    private static func optional<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T? where T.RawValue == String {
        let raw: String? = row[column]
        return try raw.map { _ in try row.decoded(column, as: T.self) }
    }

    /// Adds a rule, or replaces the one of the same confidence and priority. Returns the rule replaced.
    @discardableResult
    public func setRule(_ rule: MatchRule) throws -> MatchRule? {
        try RuleValues.validate(rule)
        return try dbQueue.write { db in
            try Self.seedRulesIfEmpty(db)
            let old = try Self.rules(db).first { $0.confidence == rule.confidence && $0.priority == rule.priority }
            try Self.insert(db, rule)
            try audit(db, journal: nil, line: nil, action: AuditAction.rulesSet,
                      detail: (old.map { "\(Self.describe($0)) → " } ?? "added ") + Self.describe(rule))
            return old
        }
    }

    public func deleteRule(confidence: MatchConfidence, priority: Int) throws {
        try dbQueue.write { db in
            try Self.seedRulesIfEmpty(db)
            let rules = try Self.rules(db)
            guard let old = rules.first(where: { $0.confidence == confidence && $0.priority == priority }) else {
                throw UserError("there is no \(confidence.rawValue) rule with priority \(priority) (see `avstem rules list`)")
            }
            guard rules.count > 1 else { throw UserError("the last rule cannot be deleted; `avstem rules reset` restores the default") }
            try db.execute(sql: "DELETE FROM match_rule WHERE confidence = ? AND priority = ?", arguments: [confidence.rawValue, priority])
            try audit(db, journal: nil, line: nil, action: AuditAction.rulesDelete, detail: "deleted " + Self.describe(old))
        }
    }

    /// Back to Business Central's default matrix.
    public func resetRules() throws {
        try replaceRules(MatchRules.businessCentralDefault, action: AuditAction.rulesReset, detail: "reset to Business Central's default")
    }

    /// Replaces every rule with the file's (RulesFile), all or nothing.
    public func importRules(_ text: String, file: String) throws -> Int {
        let rules = try RulesFile.parse(text, file: file)
        try replaceRules(rules, action: AuditAction.rulesImport, detail: "\(rules.count) rules from \(file)")
        return rules.count
    }

    func replaceRules(_ rules: [MatchRule], action: String, detail: String) throws {
        for r in rules { try RuleValues.validate(r) }
        try dbQueue.write { db in
            try db.execute(sql: "DELETE FROM match_rule")
            for r in rules { try Self.insert(db, r) }
            try audit(db, journal: nil, line: nil, action: action, detail: detail)
        }
    }

    static func seedRulesIfEmpty(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM match_rule") == 0 else { return }
        for r in MatchRules.businessCentralDefault { try insert(db, r) }
    }

    static func insert(_ db: Database, _ r: MatchRule) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO match_rule (confidence, priority, related_party, document_no, amount, direct_debit, review_required)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [r.confidence.rawValue, r.priority, r.relatedParty?.rawValue, r.documentNo?.rawValue,
                                     r.amount?.rawValue, r.directDebitCollection.map { $0 ? 1 : 0 }, r.reviewRequired ? 1 : 0])
    }

    /// "high/4 (score 3996): related party fully, document no. yes, amount one, review not required".
    public static func describe(_ r: MatchRule) -> String {
        var parts = ["related party \(r.relatedParty?.rawValue ?? "any")", "document no. \(r.documentNo?.rawValue ?? "any")",
                     "amount \(r.amount?.rawValue ?? "any")"]
        if let dd = r.directDebitCollection { parts.append("direct debit \(dd ? "yes" : "no")") }
        parts.append(r.reviewRequired ? "review required" : "review not required")
        return "\(r.code) (score \(r.score)): " + parts.joined(separator: ", ")
    }
}
