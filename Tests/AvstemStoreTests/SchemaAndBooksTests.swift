import AvstemCore
@testable import AvstemStore
import GRDB
import XCTest

final class SchemaTests: XCTestCase {
    func testMigrationsCreateTheSchema() throws {
        let db = try AppDatabase.inMemory()
        let (applied, tables) = try db.dbQueue.read { d in
            (try Schema.migrator.appliedIdentifiers(d),
             Set(try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")))
        }
        XCTAssertEqual(applied, Set(Schema.migrationNames))
        for table in ["party", "party_bank_account", "gl_account", "bank_account", "setup", "ledger_entry", "text_mapping",
                      "bank_ledger_entry", "journal", "journal_line", "application", "posted_entry", "detailed_application",
                      "posted_statement", "posted_statement_line", "import_log", "audit_log"] {
            XCTAssertTrue(tables.contains(table), "missing table \(table)")
        }
    }

    func testAFileFromAnOlderVersionIsMigratedInPlace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-old-\(UUID().uuidString).sqlite").path
        defer { for ext in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + ext) } }
        // Given a file that only has the first migration, with a customer in it
        do {
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: "v1-books")
            try old.write { try $0.execute(sql: "INSERT INTO party (type, no, name) VALUES ('customer', 'C1', 'Gammel Kunde')") }
        }
        // When the current version opens it
        let db = try AppDatabase(path: path)
        // Then the rest of the schema is there and the data is kept
        XCTAssertEqual(try db.loadBooks().customers.map(\.name), ["Gammel Kunde"])
        XCTAssertEqual(try db.journals().count, 0)
        XCTAssertEqual(try db.dbQueue.read { try Schema.migrator.appliedIdentifiers($0) }, Set(Schema.migrationNames))
    }

    func testAFileThatIsNotADatabaseIsAUserError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-bad-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(String(repeating: "not a database at all ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertTrue(userError { _ = try AppDatabase(path: path) }.hasPrefix(path))
    }
}

final class BooksTests: XCTestCase {
    func testImportThenLoadGivesTheBooksBack() throws {
        let db = try AppDatabase.inMemory()
        let books = Fixture.books()
        try db.importBooks(books)
        let loaded = try db.loadBooks()
        XCTAssertEqual(loaded.customers, books.customers)
        XCTAssertEqual(loaded.vendors, books.vendors)
        XCTAssertEqual(Set(loaded.glAccounts.map(\.no)), Set(books.glAccounts.map(\.no)))
        XCTAssertEqual(loaded.bankAccounts, books.bankAccounts)
        XCTAssertEqual(loaded.openEntries, books.openEntries)
        XCTAssertEqual(loaded.textMappings.map(\.mappingText), ["GEBYR"])
        XCTAssertEqual(loaded.bankLedgerEntries, books.bankLedgerEntries)
        XCTAssertEqual(loaded.setup, books.setup)
    }

    func testImportUpsertsByKey() throws {
        // Given the books
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        // When a second import renames a customer, changes a remaining amount and a mapping's credit account
        var update = Books()
        update.customers = [Party(type: .customer, no: "C0001", name: "Fjord Bakeri og Kafé AS", bankAccounts: ["NO5512345678901"])]
        var e = Fixture.entry(77, .customer, "C0001", .invoice, "103245", "500.00")
        e.remainingAmount = nok("120.00")
        update.openEntries = [e]
        update.textMappings = [TextMapping(mappingText: "GEBYR", accountType: .gl, accountNo: "7770", creditAccountNo: "7770")]
        try db.importBooks(update)
        // Then the rows are updated, not duplicated
        let books = try db.loadBooks()
        XCTAssertEqual(books.customers.count, 2)
        XCTAssertEqual(books.customers.first { $0.no == "C0001" }?.name, "Fjord Bakeri og Kafé AS")
        XCTAssertEqual(books.customers.first { $0.no == "C0001" }?.bankAccounts, ["NO5512345678901"])
        XCTAssertEqual(books.openEntries.count, 5)
        XCTAssertEqual(books.openEntries.first { $0.entryNo == 77 }?.remainingAmount, nok("120.00"))
        XCTAssertEqual(books.textMappings.count, 1)
        XCTAssertEqual(books.textMappings[0].creditAccountNo, "7770")
    }

    func testABrokenReferenceRefusesTheImportAndKeepsNothing() throws {
        let db = try AppDatabase.inMemory()
        var books = Fixture.books()
        books.openEntries.append(Fixture.entry(82, .customer, "C9999", .invoice, "1", "10.00"))
        let message = userError { try db.importBooks(books) }
        XCTAssertEqual(message, "open_entries.csv: entry 82: customer C9999 does not exist")
        let loaded = try db.loadBooks()
        XCTAssertTrue(loaded.customers.isEmpty)
        XCTAssertTrue(loaded.glAccounts.isEmpty)
        XCTAssertTrue(loaded.openEntries.isEmpty)
    }

    func testReferencesMayPointIntoTheDatabase() throws {
        // Given the books
        let db = try AppDatabase.inMemory()
        try db.importBooks(Fixture.books())
        // When a later import holds only entries for parties that are already there
        var more = Books()
        more.openEntries = [Fixture.entry(90, .vendor, "V0001", .invoice, "5002", "-50.00")]
        try db.importBooks(more)
        // Then they are accepted
        XCTAssertEqual(try db.loadBooks().openEntries.count, 6)
    }

    func testOtherBrokenReferencesNameTheirFile() throws {
        let db = try AppDatabase.inMemory()
        var books = Fixture.books()
        books.bankAccounts[0].glAccount = "1999"
        XCTAssertEqual(userError { try db.importBooks(books) }, "bank_accounts.csv: bank account BANK1: G/L account 1999 does not exist")
        books = Fixture.books()
        books.setup.values["payables_account"] = "2499"
        XCTAssertEqual(userError { try db.importBooks(books) }, "setup.csv: payables_account: G/L account 2499 does not exist")
        books = Fixture.books()
        books.textMappings.append(TextMapping(mappingText: "HUSLEIE", accountType: .vendor, accountNo: "V0404"))
        XCTAssertEqual(userError { try db.importBooks(books) }, "text_mappings.csv: mapping 'HUSLEIE': vendor V0404 does not exist")
        books = Fixture.books()
        books.bankLedgerEntries[0].bankAccount = "BANK7"
        XCTAssertEqual(userError { try db.importBooks(books) }, "bank_ledger_entries.csv: entry 900: bank account BANK7 does not exist")
        XCTAssertTrue(try db.loadBooks().customers.isEmpty)
    }
}
