import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemStore
import Foundation

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement", abstract: "Read bank statement files.",
        subcommands: [Parse.self, Import.self, Profiles.self, Reverse.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse a statement file and print what it holds (no database).")
        @Argument(help: "The statement file.") var file: String
        @Option(help: "auto, camt, mt940, nets-ocr, ofx or csv:PROFILE.") var format = "auto"
        @Flag(help: "Print JSON (spec section 5).") var json = false

        func run() throws {
            let parsed = try StatementFormats.read(url: URL(fileURLWithPath: file), format: format)
            if json {
                printJSON(StatementJSON.encode(parsed).serialized(pretty: true))
            } else {
                print("\(file): \(parsed.format)")
                for s in parsed.statements {
                    let dec = Currency.decimals(s.currency ?? "")
                    print("  statement \(s.id ?? "-") account \(s.account ?? "-") \(s.currency ?? ""): "
                        + "\(s.entries.count) entries, sum \(s.entrySum.formatted(decimals: dec)), "
                        + "opening \(s.openingBalance?.formatted(decimals: dec) ?? "-"), closing \(s.closingBalance?.formatted(decimals: dec) ?? "-")")
                }
            }
            for w in parsed.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a statement into a payment reconciliation journal and apply automatically.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The statement file.") var file: String
        @Option(help: "auto, camt, mt940, nets-ocr, ofx or csv:PROFILE.") var format = "auto"
        @Option(name: .customLong("bank-account"), help: "The bank account no. (default: found by the statement's IBAN/account).")
        var bankAccount: String?
        @Flag(name: .customLong("no-match"), help: "Do not apply automatically.") var noMatch = false

        func run() throws {
            let parsed = try StatementFormats.read(url: URL(fileURLWithPath: file), format: format)
            for w in parsed.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
            let db = try AppDatabase(path: database.path)
            let result = try db.importStatement(parsed, source: file, bankAccountNo: bankAccount)
            for id in result.journalIds where !noMatch {
                let summary = try db.applyAutomatically(journalId: id)
                FileHandle.standardError.write(Data("journal \(id): \(summary.describe())\n".utf8))
            }
            if result.skippedDuplicates > 0 {
                FileHandle.standardError.write(Data("skipped \(result.skippedDuplicates) transaction(s) already imported\n".utf8))
            }
            print(result.journalIds.map(String.init).joined(separator: "\n"))
        }
    }

    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the CSV profiles (built-in and your own in $XDG_CONFIG_HOME/avstem/profiles).")
        @Argument(help: "Show this profile's definition (TOML).") var name: String?

        func run() throws {
            let profiles = try CSVProfiles.all()
            if let name {
                guard let p = profiles.first(where: { $0.name == name }) else {
                    throw UserError("no CSV profile '\(name)' (see avstem statement profiles)")
                }
                print(p.toml)
                return
            }
            let width = profiles.map(\.name.count).max() ?? 0
            for p in profiles {
                print(p.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + p.description
                    + (p.origin == "built-in" ? "" : "  (\(p.origin))"))
            }
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reverse a posted statement: reversing entries, entries reopened, its lines back in the journal.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The statement no. (as `journal list` shows it).") var no: String
        @Option(name: .customLong("bank-account"), help: "The bank account, when statements of several share the no.")
        var bankAccount: String?
        @Option(help: "The journal, when the statement no. was posted from several.") var journal: Int64?

        func run() throws {
            let db = try AppDatabase(path: database.path)
            let r = try db.reverseStatement(no, bankAccountNo: bankAccount, journalId: journal)
            // A statement of 10⁵ lines must not print 10⁵ numbers.
            func list<N: BinaryInteger>(_ nos: [N]) -> String { NumberRanges.describe(nos, maxRuns: 20) }
            print("reversed \(r.bankAccountNo) statement \(r.statementNo) (journal \(r.journalId)): \(r.entries.count) reversing entries"
                + (r.entries.isEmpty ? "" : " \(r.entries.first!.entryNo)–\(r.entries.last!.entryNo)"))
            print("entries reopened: \(list(r.reopenedEntries))")
            if !r.reopenedBankEntries.isEmpty { print("bank ledger entries open again: \(list(r.reopenedBankEntries))") }
            if r.rolledBack { print("bank account \(r.bankAccountNo) is back at the statement before") }
            print("lines \(list(r.restoredLineNos)) are back in journal \(r.journalId), applied as posted")
        }
    }
}
