extension Schema {
    /// Undoing a posted statement: which statements were reversed and by whom, which entry a
    /// reversing entry cancels, which detailed applications were unapplied, and the bank
    /// account's statement no. before a reconcile (so reversing it can put it back).
    static let reversal = """
        ALTER TABLE posted_statement ADD COLUMN reversed_at TEXT;
        ALTER TABLE posted_statement ADD COLUMN reversed_by TEXT;
        ALTER TABLE posted_statement ADD COLUMN previous_statement_no TEXT;
        ALTER TABLE posted_entry ADD COLUMN reversal_of INTEGER;
        ALTER TABLE detailed_application ADD COLUMN unapplied INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX posted_statement_no ON posted_statement(bank_account, statement_no);
        """
}
