import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemStore
import Foundation

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match", abstract: "Apply automatically (keeps accepted and manual lines unless --overwrite).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
    @Flag(help: "Also re-match lines the user accepted or applied manually.") var overwrite = false
    @Flag(help: "Print the journal as JSON afterwards (as `journal show --json`).") var json = false

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let id = try db.resolveJournal(journal)
        let summary = try db.applyAutomatically(journalId: id, overwriteUserDecisions: overwrite)
        if json {
            printJSON(try JournalJSON.encode(db: db, journalId: id).serialized(pretty: true))
        } else {
            print("journal \(id): \(summary.describe())")
        }
    }
}

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journal", abstract: "List and show journals.",
                                                    subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the journals.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try AppDatabase(path: database.path)
            let journals = try db.journals()
            if json {
                printJSON(JSONValue.array(journals.map { JournalJSON.summary($0) }).serialized(pretty: true))
                return
            }
            if journals.isEmpty { print("no journals"); return }
            for j in journals {
                let h = j.header
                print("\(h.id)\t\(h.status.rawValue)\t\(h.bankAccountNo)\tstatement \(h.statementNo)\t\(h.statementDate.iso)\t"
                    + "\(j.lineCount) lines, \(j.appliedLineCount) applied")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a journal (spec section 6).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try AppDatabase(path: database.path)
            let id = try db.resolveJournal(journal)
            let value = try JournalJSON.encode(db: db, journalId: id)
            if json {
                printJSON(value.serialized(pretty: true))
                return
            }
            let snap = try db.snapshot(journalId: id)
            let dec = Currency.decimals(snap.header.currency)
            for line in snap.lines {
                print("\(line.lineNo)\t\(line.transactionDate.iso)\t\(line.amount.formatted(decimals: dec))\t\(line.confidence.rawValue)\t"
                    + "\(snap.difference(of: line).formatted(decimals: dec))\t\(line.text)")
            }
        }
    }
}

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "post", abstract: "Post the journal's applied lines (one transaction).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
    @Flag(help: "Also reconcile the bank account: every line applied and the ending balance agrees.") var reconcile = false
    @Flag(help: "Post the applied lines and keep the rest in the journal.") var partial = false
    @Flag(help: "Show what would be posted and change nothing.") var preview = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let id = try db.resolveJournal(journal)
        let options = PostOptions(reconcile: reconcile, partial: partial)
        let plan = preview ? try db.postingPlan(journalId: id, options: options) : try db.post(journalId: id, options: options)
        if json {
            printJSON(JournalJSON.plan(plan, preview: preview).serialized(pretty: true))
        } else {
            print(JournalJSON.describe(plan, preview: preview))
        }
        if preview && !plan.canPost { throw ExitCode(1) }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit trail of decisions and postings.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this journal.") var journal: Int64?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let records = try db.auditLog(journalId: journal)
        if json {
            printJSON(JSONValue.array(records.map { JournalJSON.audit($0) }).serialized(pretty: true))
        } else {
            for r in records { print(JournalJSON.describe(r)) }
        }
    }
}
