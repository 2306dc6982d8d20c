import ArgumentParser
import AvstemCore
import AvstemFormats
import AvstemStore
import Foundation

struct BooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "books", abstract: "Import or export the books as CSV files.",
        subcommands: [Import.self, Export.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import the CSV files that DIR holds (all or nothing).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Folder with customers.csv, vendors.csv, gl_accounts.csv, bank_accounts.csv, open_entries.csv, text_mappings.csv, bank_ledger_entries.csv, setup.csv.")
        var dir: String

        func run() throws {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw UserError("\(dir): no such folder")
            }
            let books = try BooksCSV.read(directory: URL(fileURLWithPath: dir))
            let db = try AppDatabase(path: database.path)
            try db.importBooks(books)
            print("imported \(books.customers.count) customers, \(books.vendors.count) vendors, \(books.glAccounts.count) G/L accounts, "
                + "\(books.bankAccounts.count) bank accounts, \(books.openEntries.count) open entries, "
                + "\(books.textMappings.count) text mappings, \(books.bankLedgerEntries.count) bank ledger entries")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the books as they stand, plus posted_entries.csv, into DIR.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Folder to write (created when missing).")
        var dir: String

        func run() throws {
            let db = try AppDatabase(path: database.path)
            let url = URL(fileURLWithPath: dir)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try BooksCSV.write(try db.loadBooks(), postedEntries: try db.postedEntries(), to: url)
            print("exported the books to \(dir)")
        }
    }
}
