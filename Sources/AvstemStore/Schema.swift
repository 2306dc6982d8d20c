import GRDB

/// The schema, as named migrations. A migration, once released, is never edited: a file
/// written by an older avstem is brought forward by running the migrations it lacks.
enum Schema {
    static let migrationNames = ["v1-books", "v1-journals", "v1-posting", "v1-audit", "v2-rules", "v2-learned", "v2-reversal"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-books") { db in try db.execute(sql: books) }
        migrator.registerMigration("v1-journals") { db in try db.execute(sql: journals) }
        migrator.registerMigration("v1-posting") { db in try db.execute(sql: posting) }
        migrator.registerMigration("v1-audit") { db in try db.execute(sql: audit) }
        migrator.registerMigration("v2-rules") { db in try db.execute(sql: rules) }
        migrator.registerMigration("v2-learned") { db in try db.execute(sql: learned) }
        migrator.registerMigration("v2-reversal") { db in try db.execute(sql: reversal) }
        return migrator
    }

    // Amounts are INTEGER minor units, dates ISO TEXT (they sort and compare as text).
    static let books = """
        CREATE TABLE party (
          type TEXT NOT NULL CHECK (type IN ('customer', 'vendor')),
          no TEXT NOT NULL,
          name TEXT NOT NULL,
          address TEXT, city TEXT, post_code TEXT, country TEXT, vat_no TEXT,
          PRIMARY KEY (type, no)
        );
        CREATE TABLE party_bank_account (
          party_type TEXT NOT NULL,
          party_no TEXT NOT NULL,
          position INTEGER NOT NULL,
          account TEXT NOT NULL,
          -- letters and digits only, upper case: what matching compares
          account_key TEXT NOT NULL,
          PRIMARY KEY (party_type, party_no, position),
          FOREIGN KEY (party_type, party_no) REFERENCES party(type, no) ON DELETE CASCADE
        );
        CREATE INDEX party_bank_account_key ON party_bank_account(account_key);
        CREATE TABLE gl_account (no TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE bank_account (
          no TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          iban TEXT, account_no TEXT,
          iban_key TEXT, account_no_key TEXT,
          currency TEXT NOT NULL,
          gl_account TEXT NOT NULL REFERENCES gl_account(no),
          last_statement_no TEXT,
          balance_last_statement INTEGER NOT NULL DEFAULT 0,
          tolerance_kind TEXT NOT NULL DEFAULT 'amount' CHECK (tolerance_kind IN ('amount', 'percent')),
          tolerance_value INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE setup (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE ledger_entry (
          entry_no INTEGER PRIMARY KEY,
          party_type TEXT NOT NULL,
          party_no TEXT NOT NULL,
          document_type TEXT NOT NULL,
          document_no TEXT NOT NULL,
          external_document_no TEXT,
          posting_date TEXT NOT NULL,
          due_date TEXT,
          currency TEXT NOT NULL,
          amount INTEGER NOT NULL,
          remaining_amount INTEGER NOT NULL,
          pmt_discount_date TEXT,
          remaining_pmt_disc_possible INTEGER NOT NULL DEFAULT 0,
          payment_reference TEXT,
          description TEXT,
          open INTEGER NOT NULL,
          -- 'import' (books) or 'posting' (a prepayment this store wrote)
          origin TEXT NOT NULL DEFAULT 'import',
          FOREIGN KEY (party_type, party_no) REFERENCES party(type, no)
        );
        CREATE INDEX ledger_entry_open ON ledger_entry(open, currency);
        CREATE INDEX ledger_entry_party ON ledger_entry(party_type, party_no);
        CREATE TABLE text_mapping (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          mapping_text TEXT NOT NULL,
          account_type TEXT NOT NULL CHECK (account_type IN ('gl', 'customer', 'vendor')),
          account_no TEXT NOT NULL,
          credit_account_no TEXT,
          UNIQUE (mapping_text, account_type, account_no)
        );
        CREATE TABLE bank_ledger_entry (
          entry_no INTEGER PRIMARY KEY,
          bank_account TEXT NOT NULL REFERENCES bank_account(no),
          posting_date TEXT NOT NULL,
          document_no TEXT,
          description TEXT,
          amount INTEGER NOT NULL,
          open INTEGER NOT NULL DEFAULT 1,
          -- set when this store posted the entry, and when a statement closed it
          journal_id INTEGER, line_no INTEGER, statement_no TEXT
        );
        CREATE INDEX bank_ledger_entry_open ON bank_ledger_entry(bank_account, open);
        CREATE INDEX bank_ledger_entry_journal ON bank_ledger_entry(journal_id);
        """

    static let journals = """
        CREATE TABLE journal (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          bank_account TEXT NOT NULL REFERENCES bank_account(no),
          statement_no TEXT NOT NULL,
          statement_date TEXT NOT NULL,
          balance_last_statement INTEGER NOT NULL,
          statement_ending_balance INTEGER NOT NULL,
          currency TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posted')),
          reconciled INTEGER NOT NULL DEFAULT 0,
          statement_id TEXT,
          source TEXT,
          created_at TEXT NOT NULL
        );
        CREATE INDEX journal_bank ON journal(bank_account, status);
        CREATE TABLE journal_line (
          journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
          line_no INTEGER NOT NULL,
          transaction_date TEXT NOT NULL,
          value_date TEXT,
          amount INTEGER NOT NULL,
          text TEXT NOT NULL,
          additional_info TEXT,
          related_party_name TEXT, related_party_account TEXT, related_party_address TEXT, related_party_city TEXT,
          reference TEXT, end_to_end_id TEXT, bank_transaction_id TEXT,
          confidence TEXT NOT NULL DEFAULT 'none',
          account_type TEXT, account_no TEXT,
          account_amount INTEGER NOT NULL DEFAULT 0,
          parent_line_no INTEGER,
          details TEXT NOT NULL DEFAULT '[]',
          PRIMARY KEY (journal_id, line_no)
        );
        CREATE TABLE application (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL,
          target_kind TEXT NOT NULL CHECK (target_kind IN ('ledger', 'bank')),
          entry_no INTEGER NOT NULL,
          applied_amount INTEGER NOT NULL,
          discount_amount INTEGER NOT NULL DEFAULT 0,
          tolerance_amount INTEGER NOT NULL DEFAULT 0,
          confidence TEXT NOT NULL,
          evidence TEXT NOT NULL DEFAULT '[]',
          FOREIGN KEY (journal_id, line_no) REFERENCES journal_line(journal_id, line_no) ON DELETE CASCADE
        );
        CREATE INDEX application_line ON application(journal_id, line_no);
        CREATE INDEX application_target ON application(target_kind, entry_no);
        CREATE TABLE line_candidate (
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL,
          rank INTEGER NOT NULL,
          target_kind TEXT NOT NULL,
          entry_no INTEGER NOT NULL,
          score INTEGER NOT NULL,
          confidence TEXT NOT NULL,
          proposed_amount INTEGER NOT NULL,
          evidence TEXT NOT NULL DEFAULT '[]',
          PRIMARY KEY (journal_id, line_no, rank),
          FOREIGN KEY (journal_id, line_no) REFERENCES journal_line(journal_id, line_no) ON DELETE CASCADE
        );
        -- Every transaction ever imported, kept when lines are posted or split, so that a
        -- transaction is recognised again whatever became of its line.
        CREATE TABLE imported_transaction (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          bank_account TEXT NOT NULL,
          bank_transaction_id TEXT,
          transaction_date TEXT NOT NULL,
          amount INTEGER NOT NULL,
          text TEXT NOT NULL,
          reference TEXT NOT NULL,
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL
        );
        CREATE INDEX imported_transaction_id ON imported_transaction(bank_account, bank_transaction_id);
        CREATE INDEX imported_transaction_key ON imported_transaction(bank_account, transaction_date, amount);
        CREATE INDEX imported_transaction_journal ON imported_transaction(journal_id);
        CREATE TABLE import_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          source TEXT NOT NULL,
          format TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          user TEXT NOT NULL,
          statements INTEGER NOT NULL,
          imported_lines INTEGER NOT NULL,
          skipped_duplicates INTEGER NOT NULL,
          journal_ids TEXT NOT NULL
        );
        """

    static let posting = """
        -- One entry-number sequence across the ledgers: numbers continue above every entry
        -- number the books already use.
        CREATE TABLE posted_entry (
          entry_no INTEGER PRIMARY KEY,
          ledger TEXT NOT NULL CHECK (ledger IN ('customer', 'vendor', 'bank', 'gl')),
          account_no TEXT NOT NULL,
          posting_date TEXT NOT NULL,
          document_no TEXT,
          description TEXT,
          amount INTEGER NOT NULL,
          applies_to_entry_no INTEGER,
          journal_id INTEGER,
          line_no INTEGER,
          posted_statement_id INTEGER
        );
        CREATE INDEX posted_entry_journal ON posted_entry(journal_id, line_no);
        CREATE INDEX posted_entry_applies ON posted_entry(applies_to_entry_no);
        -- Which posted entry closed how much of which open entry, and why.
        CREATE TABLE detailed_application (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('application', 'discount', 'tolerance')),
          entry_no INTEGER NOT NULL,
          applied_entry_no INTEGER NOT NULL,
          amount INTEGER NOT NULL,
          posting_date TEXT NOT NULL,
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL
        );
        CREATE INDEX detailed_application_applied ON detailed_application(applied_entry_no);
        CREATE TABLE posted_statement (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          journal_id INTEGER NOT NULL,
          bank_account TEXT NOT NULL,
          statement_no TEXT NOT NULL,
          statement_date TEXT NOT NULL,
          balance_last_statement INTEGER NOT NULL,
          statement_ending_balance INTEGER NOT NULL,
          currency TEXT NOT NULL,
          reconciled INTEGER NOT NULL,
          posted_at TEXT NOT NULL,
          posted_by TEXT NOT NULL
        );
        CREATE INDEX posted_statement_journal ON posted_statement(journal_id);
        CREATE TABLE posted_statement_line (
          posted_statement_id INTEGER NOT NULL REFERENCES posted_statement(id),
          journal_id INTEGER NOT NULL,
          line_no INTEGER NOT NULL,
          bank_account TEXT NOT NULL,
          transaction_date TEXT NOT NULL,
          value_date TEXT,
          amount INTEGER NOT NULL,
          applied_amount INTEGER NOT NULL,
          text TEXT NOT NULL,
          additional_info TEXT,
          related_party_name TEXT, related_party_account TEXT, related_party_address TEXT, related_party_city TEXT,
          reference TEXT, end_to_end_id TEXT, bank_transaction_id TEXT,
          confidence TEXT NOT NULL,
          account_type TEXT, account_no TEXT,
          account_amount INTEGER NOT NULL,
          parent_line_no INTEGER,
          details TEXT NOT NULL,
          applications TEXT NOT NULL,
          PRIMARY KEY (posted_statement_id, line_no)
        );
        CREATE INDEX posted_statement_line_txid ON posted_statement_line(bank_account, bank_transaction_id);
        CREATE INDEX posted_statement_line_journal ON posted_statement_line(journal_id);
        """

    static let audit = """
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          user TEXT NOT NULL,
          journal_id INTEGER,
          line_no INTEGER,
          action TEXT NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX audit_log_journal ON audit_log(journal_id);
        """
}
