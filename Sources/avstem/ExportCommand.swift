import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export what posting wrote, for plain-text accounting.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("hledger"), help: "Write the posted G/L entries as an hledger journal to FILE.")
    var hledger: String

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let books = try db.loadBooks()
        let currency = books.setup.currency ?? books.bankAccounts.first?.currency ?? "NOK"
        let parties = Dictionary((books.customers + books.vendors).map { ($0.no, $0.name) }, uniquingKeysWith: { a, _ in a })
        let text = HledgerJournal.write(entries: try db.postedEntries(), accounts: books.glAccounts, parties: parties, currency: currency)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: hledger))
        } catch {
            throw UserError(file: hledger, "cannot be written: \(error.localizedDescription)")
        }
        print("wrote \(text.components(separatedBy: "\n\n").count - 1) transactions to \(hledger)")
    }
}
