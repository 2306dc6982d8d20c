import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemMatching
import AvstemStore
import Foundation

/// `avstem rules …`: the payment application rules (BC's matrix) as data, listed and edited.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List and edit the payment application rules (score = (confidence + 1) × 1000 − priority).",
        subcommands: [List.self, Set.self, Delete.self, Reset.self, Import.self, Export.self])

    static func json(_ r: MatchRule) -> JSONValue {
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object([
            ("confidence", .string(r.confidence.rawValue)), ("priority", .number(String(r.priority))), ("score", .number(String(r.score))),
            ("related_party", opt(r.relatedParty?.rawValue)), ("document_no", opt(r.documentNo?.rawValue)),
            ("amount", opt(r.amount?.rawValue)), ("direct_debit", r.directDebitCollection.map { .bool($0) } ?? .null),
            ("review_required", .bool(r.reviewRequired)),
        ])
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The rules, best score first.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let rules = try AppDatabase(path: database.path).matchRules()
            if json {
                printJSON(JSONValue.array(rules.map(RulesCommand.json)).serialized(pretty: true))
                return
            }
            print("confidence\tpriority\tscore\trelated party\tdocument no.\tamount\tdirect debit\treview required")
            for r in rules {
                print([r.confidence.rawValue, String(r.priority), String(r.score), r.relatedParty?.rawValue ?? "any",
                       r.documentNo?.rawValue ?? "any", r.amount?.rawValue ?? "any",
                       r.directDebitCollection.map { $0 ? "yes" : "no" } ?? "any", r.reviewRequired ? "yes" : "no"].joined(separator: "\t"))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rule, or replace the one with the same confidence and priority.",
            discussion: "Dimension values: related party fully|partially|no|any, document no. yes|yes_multiple|no|any, amount one|multiple|no_matches|any, direct debit yes|no|any. `any` (the default) = not considered.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "high, medium or low.") var confidence: String
        @Option(help: "1…999; lower wins among rules of one confidence.") var priority: String
        @Option(help: "fully, partially, no or any.") var relatedParty = "any"
        @Option(help: "yes, yes_multiple, no or any.") var docNo = "any"
        @Option(help: "one, multiple, no_matches or any.") var amount = "any"
        @Option(help: "yes, no or any (BC's rule High 1).") var directDebit = "any"
        @Flag(help: "Matches by this rule are marked for review.") var reviewRequired = false

        func run() throws {
            let rule = try RuleValues.rule(confidence: confidence, priority: priority, relatedParty: relatedParty, documentNo: docNo,
                                           amount: amount, directDebit: directDebit, reviewRequired: reviewRequired ? "yes" : "no")
            let old = try AppDatabase(path: database.path).setRule(rule)
            print((old == nil ? "added " : "replaced ") + AppDatabase.describe(rule))
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the rule with this confidence and priority.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "high, medium or low.") var confidence: String
        @Option(help: "The rule's priority.") var priority: Int

        func run() throws {
            let c = try RuleValues.confidence(confidence)
            try AppDatabase(path: database.path).deleteRule(confidence: c, priority: priority)
            print("deleted \(c.rawValue) rule \(priority)")
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Back to Business Central's default rules.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AppDatabase(path: database.path).resetRules()
            print("rules reset to Business Central's default (\(MatchRules.businessCentralDefault.count) rules)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace every rule with a rules file's (CSV, see README).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The rules file.") var file: String

        func run() throws {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw UserError(file: file, "cannot read the file as UTF-8 text")
            }
            let count = try AppDatabase(path: database.path).importRules(text, file: file)
            print("imported \(count) rules from \(file)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the rules to a file that `rules import` reads.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The rules file to write.") var file: String

        func run() throws {
            let rules = try AppDatabase(path: database.path).matchRules()
            do {
                try RulesFile.format(rules).write(toFile: file, atomically: true, encoding: .utf8)
            } catch {
                throw UserError(file: file, "cannot write: \(error.localizedDescription)")
            }
            print("exported \(rules.count) rules to \(file)")
        }
    }
}
