import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemStore
import Foundation

/// `avstem memory …`: what avstem learned from the user's manual applications, to read and delete.
struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory", abstract: "What matching learned from manual applications: list, forget, suggestions.",
        subcommands: [List.self, Forget.self, Suggest.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything learned: payer account → party, text → account.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let choices = try AppDatabase(path: database.path).learnedMemory().choices
            if json {
                printJSON(JSONValue.array(choices.map { c in
                    .object([("id", .number(String(c.id))), ("kind", .string(c.kind.rawValue)), ("key", .string(c.key)),
                             ("shown", .string(c.shown)), ("target_type", .string(c.target.type.rawValue)),
                             ("target_no", .string(c.target.no)), ("count", .number(String(c.count))),
                             ("last_date", .string(c.lastDate.iso))])
                }).serialized(pretty: true))
                return
            }
            if choices.isEmpty { print("nothing learned yet"); return }
            for c in choices { print("\(c.id)\t\(AppDatabase.describe(c))") }
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget one learned choice by id, or --all.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The id from `memory list`.") var id: Int64?
        @Flag(help: "Forget everything learned.") var all = false

        func validate() throws {
            if (id == nil) == !all { throw ValidationError("give an id from `avstem memory list`, or --all") }
        }

        func run() throws {
            let n = try AppDatabase(path: database.path).forget(id: all ? nil : id)
            print("forgot \(n) learned choice\(n == 1 ? "" : "s")")
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accounts learned for the journal's lines below High (suggestions only: nothing is applied).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try AppDatabase(path: database.path)
            let suggestions = try db.accountSuggestions(journalId: try db.resolveJournal(journal))
            if json {
                printJSON(JSONValue.array(suggestions.map { s in
                    .object([("line_no", .number(String(s.lineNo))), ("account_type", .string(s.account.type.rawValue)),
                             ("account_no", .string(s.account.no)), ("learned_id", .number(String(s.choice.id))),
                             ("evidence", .string(s.evidence.detail))])
                }).serialized(pretty: true))
                return
            }
            if suggestions.isEmpty { print("no suggestions"); return }
            for s in suggestions { print("line \(s.lineNo)\t\(s.account.type.rawValue) \(s.account.no)\t\(s.evidence.detail)") }
        }
    }
}
