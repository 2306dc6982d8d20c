import ArgumentParser
import AvstemCore
import AvstemStore
import Foundation

/// "Apply Manually" for scripts: replaces a line's applications with the given ones.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Apply a journal line manually to entries (replaces its applications).",
        discussion: "Targets: ENTRY_NO or bank:ENTRY_NO, each with =AMOUNT; a single target without an amount takes the line amount. No target removes the applications.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
    @Option(help: "The line no.") var line: Int
    @Argument(help: "ENTRY_NO[=AMOUNT] or bank:ENTRY_NO[=AMOUNT].") var targets: [String] = []

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let id = try db.resolveJournal(journal)
        guard let journalLine = try db.snapshot(journalId: id, evidence: false).lines.first(where: { $0.lineNo == line }) else {
            throw UserError("journal \(id) has no line \(line)")
        }
        var applications: [(ApplicationTarget, Money)] = []
        for text in targets {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let bank = parts[0].hasPrefix("bank:")
            guard let no = Int64(bank ? String(parts[0].dropFirst(5)) : parts[0]) else {
                throw UserError("'\(text)': expected ENTRY_NO[=AMOUNT] or bank:ENTRY_NO[=AMOUNT]")
            }
            let amount: Money
            if parts.count == 2 {
                do { amount = try Money.parse(parts[1]) } catch { throw UserError("'\(text)': '\(parts[1])' is not an amount") }
            } else {
                guard targets.count == 1 else { throw UserError("'\(text)': give the amount (=AMOUNT) when applying to several entries") }
                amount = journalLine.amount
            }
            applications.append((bank ? .bankLedgerEntry(no) : .ledgerEntry(no), amount))
        }
        try db.applyManually(journalId: id, lineNo: line, applications: applications)
        print("journal \(id) line \(line): " + (applications.isEmpty ? "applications removed"
            : applications.map { "\($0.0.name) \($0.1.formatted())" }.joined(separator: ", ")))
    }
}

private extension ApplicationTarget {
    var name: String {
        switch self {
        case .ledgerEntry(let n): return "entry \(n)"
        case .bankLedgerEntry(let n): return "bank ledger entry \(n)"
        }
    }
}
