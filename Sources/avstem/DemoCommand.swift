import ArgumentParser
import AvstemCore
import AvstemDemo
import AvstemFormats
import AvstemStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a Norwegian demo company and statement, apply automatically and open the journal.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Seed for the generator: the same seed gives the same company and statement.")
    var seed: UInt64 = 1
    @Option(help: "Number of statement lines.")
    var lines: Int = 200
    @Flag(name: .customLong("no-tui"), help: "Stop before opening the journal.")
    var noTui = false
    @OptionGroup var display: DisplayOptions

    func run() throws {
        guard (1...2_000_000).contains(lines) else { throw UserError("--lines: \(lines) is out of range (1 to 2000000)") }
        let path = database.path
        try DemoCommand.prepareFile(path)

        var config = DemoConfig()
        config.seed = seed
        config.lines = lines
        config.customers = max(300, lines * 2)
        config.vendors = max(80, lines / 2)
        let company = DemoGenerator.generate(config)

        // The demo goes through the same doors as a user's files: CSV books and a camt.053 file on disk.
        let folder = URL(fileURLWithPath: path + ".demo-files")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try BooksCSV.write(company.books, postedEntries: [], to: folder)
        try Data("avstem demo, seed \(seed)\n".utf8).write(to: folder.appendingPathComponent(DemoCommand.marker))
        let statementURL = folder.appendingPathComponent("statement-42.camt053.xml")
        try Data(CamtWriter.camt053(company.statement, messageId: "DEMO-\(seed)").utf8).write(to: statementURL)

        let db = try AppDatabase(path: path)
        try db.importBooks(try BooksCSV.read(directory: folder))
        let file = try StatementFormats.read(url: statementURL, format: "auto")
        let imported = try db.importStatement(file, source: statementURL.path, bankAccountNo: nil)
        guard let journalId = imported.journalIds.first else { throw UserError("\(statementURL.path): the demo statement gave no journal") }
        let summary = try db.applyAutomatically(journalId: journalId)

        print("Demo company in \(path) (books and statement files in \(folder.path))")
        print("Journal \(journalId): \(summary.describe())")
        if !noTui {
            try TuiCommand.open(db: db, journalId: journalId, display: display)
        }
    }

    static let marker = "AVSTEM-DEMO"

    /// The demo may replace its own earlier demo file (known by the marker in its files
    /// folder), never a real company's books.
    static func prepareFile(_ path: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return }
        let isDemo = fm.fileExists(atPath: path + ".demo-files/" + marker)
        let existing = try AppDatabase(path: path)
        let books = try existing.loadBooks()
        let empty = books.customers.isEmpty && books.vendors.isEmpty && books.bankAccounts.isEmpty
        guard empty || isDemo else {
            throw UserError("\(path): holds a company's books that are not a demo; give the demo its own file with --db")
        }
        for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: path + suffix) }
    }
}
