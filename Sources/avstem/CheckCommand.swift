import ArgumentParser
import AvstemCore
import AvstemStore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the books file: SQLite integrity, balanced G/L, bank ledger, remaining amounts, nothing posted twice.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Also print a digest of the books (equal digests: equal books).") var digest = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: database.path) else { throw UserError(file: database.path, "no such file") }
        let db = try AppDatabase(path: database.path)
        let problems = try db.checkBooks()
        if digest { print("digest \(try db.booksDigest())") }
        for p in problems { print(p) }
        if !problems.isEmpty { throw ExitCode(1) }
        print("ok")
    }
}
