import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

final class CSVParserTests: XCTestCase {
    func testQuotedFieldsCommasDoubledQuotesAndLineBreaks() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\n"
        let records = try CSV.parse(text, file: "t.csv")
        XCTAssertEqual(records.map(\.fields), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        // The record after a quoted line break starts two lines further down; the blank line is skipped.
        XCTAssertEqual(records.map(\.line), [1, 2, 5])
    }

    func testLastLineWithoutNewlineAndLoneCR() throws {
        XCTAssertEqual(try CSV.parse("a\rb,c", file: "t.csv").map(\.fields), [["a"], ["b", "c"]])
    }

    func testUnclosedQuoteNamesItsLine() {
        XCTAssertThrowsError(try CSV.parse("a,b\n1,\"open\n2,3\n", file: "t.csv")) { error in
            XCTAssertEqual((error as? UserError)?.message, "t.csv:2: quoted field is not closed")
        }
        XCTAssertThrowsError(try CSV.parse("a,b\n\"x\"y,2\n", file: "t.csv")) { error in
            XCTAssertTrue((error as? UserError)?.message.hasPrefix("t.csv:2: unexpected text after a closing quote") == true, "\(error)")
        }
    }

    func testFieldsAreQuotedOnlyWhenNeeded() {
        XCTAssertEqual(CSV.render(header: ["a", "b"], rows: [["plain æøå", "x,y"], ["say \"hi\"", "l1\nl2"]]),
                       "a,b\nplain æøå,\"x,y\"\n\"say \"\"hi\"\"\",\"l1\nl2\"\n")
    }

    func testBOMAndWindows1252AreDecoded() {
        XCTAssertEqual(CSV.decode(Data([0xEF, 0xBB, 0xBF]) + Data("no\n".utf8)), "no\n")
        XCTAssertEqual(CSV.decode(Data([0x42, 0xE6, 0x72])), "Bær")
    }
}

final class BooksCSVTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try TestData.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func put(_ name: String, _ text: String) throws { _ = try TestData.write(text, to: name, in: dir) }

    private func expectError(_ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try BooksCSV.read(directory: dir), file: file, line: line) { error in
            XCTAssertEqual((error as? UserError)?.message, message, file: file, line: line)
        }
    }

    func testEmptyFolderGivesEmptyBooks() throws {
        XCTAssertEqual(try BooksCSV.read(directory: dir), Books())
        try put("customers.csv", "")
        try put("vendors.csv", "no,name\n")
        XCTAssertEqual(try BooksCSV.read(directory: dir), Books(), "an empty file or a header alone is an empty list")
        XCTAssertThrowsError(try BooksCSV.read(directory: dir.appendingPathComponent("nope"))) { error in
            XCTAssertTrue((error as? UserError)?.message.hasSuffix("nope: no such folder") == true, "\(error)")
        }
    }

    func testReadsEveryFile() throws {
        try put("setup.csv", "key,value\nreceivables_account,1500\ncurrency,nok\n")
        try put("customers.csv", "\u{FEFF}No,NAME,Bank_Accounts,Colour,city\r\nC0001,\"Fjord Bakeri, AS\",NO93 8601 1117 947 | 1503.12.34567,blue,Bergen\r\n")
        try put("vendors.csv", "no,name\nV1,Strøm AS\n")
        try put("gl_accounts.csv", "no,name\n1920,Bank\n")
        try put("bank_accounts.csv", """
            no,name,iban,currency,gl_account,last_statement_no,balance_last_statement,match_tolerance_type,match_tolerance_value
            BANK1,Driftskonto,NO9386011117947,NOK,1920,12,1000.5,percent,0.5
            BANK2,Yen,,JPY,1921,,,amount,15
            """)
        try put("open_entries.csv", """
            entry_no,party_type,party_no,document_type,document_no,posting_date,due_date,currency,amount,remaining_amount,pmt_discount_date,remaining_pmt_disc_possible,payment_reference
            77,customer,C0001,invoice,103245,2026-10-01,2026-10-31,NOK,500.00,500,2026-10-10,10,0001032459
            78,vendor,V1,Invoice,F-9,2026-10-02,,nok,-80,-30.50,,,
            """)
        try put("text_mappings.csv", "mapping_text,account_type,account_no,credit_account_no\nGebyr,gl,7770,7771\n")
        try put("bank_ledger_entries.csv", "entry_no,bank_account,posting_date,amount,description\n5,BANK2,2026-10-03,-1200,Fee\n")

        let b = try BooksCSV.read(directory: dir)
        XCTAssertEqual(b.setup.currency, "NOK")
        XCTAssertEqual(b.setup.receivablesAccount, "1500")
        XCTAssertEqual(b.customers, [Party(type: .customer, no: "C0001", name: "Fjord Bakeri, AS", city: "Bergen",
                                           bankAccounts: ["NO93 8601 1117 947", "1503.12.34567"])])
        XCTAssertEqual(b.vendors.map(\.type), [.vendor])
        XCTAssertEqual(b.glAccounts, [GLAccount(no: "1920", name: "Bank")])
        XCTAssertEqual(b.bankAccounts[0].balanceLastStatement, Money(minor: 100_050))
        XCTAssertEqual(b.bankAccounts[0].tolerance, MatchTolerance(kind: .percent, value: 50))
        XCTAssertEqual(b.bankAccounts[0].lastStatementNo, "12")
        XCTAssertEqual(b.bankAccounts[1].tolerance, MatchTolerance(kind: .amount, value: 15), "yen have no minor unit")
        XCTAssertEqual(b.openEntries.map(\.remainingAmount), [Money(minor: 50_000), Money(minor: -3_050)])
        XCTAssertEqual(b.openEntries[0].remainingPmtDiscPossible, Money(minor: 1_000))
        XCTAssertEqual(b.openEntries[0].paymentReference, "0001032459")
        XCTAssertEqual(b.openEntries[1].documentType, .invoice)
        XCTAssertEqual(b.openEntries[1].currency, "NOK")
        XCTAssertNil(b.openEntries[1].dueDate)
        XCTAssertEqual(b.textMappings, [TextMapping(mappingText: "Gebyr", accountType: .gl, accountNo: "7770", creditAccountNo: "7771")])
        XCTAssertEqual(b.bankLedgerEntries.map(\.amount), [Money(minor: -1200)])
    }

    /// "re:PATTERN" mapping texts are regular expressions; one that cannot be used is refused with its line.
    func testRegularExpressionMappings() throws {
        let head = "mapping_text,account_type,account_no\n"
        try put("text_mappings.csv", head + "Gebyr,gl,7770\nre:^VISA .*GEBYR,gl,7790\n")
        XCTAssertEqual(try BooksCSV.read(directory: dir).textMappings.map(\.patternSource), [nil, "^VISA .*GEBYR"])
        let cases: [(String, String)] = [
            ("re:VISA (GEBYR,gl,7790", "text_mappings.csv:3 (mapping_text): 'VISA (GEBYR' is not a valid regular expression"),
            ("re:,gl,7790", "text_mappings.csv:3 (mapping_text): the regular expression after 're:' is empty"),
            ("re:X*,gl,7790", "text_mappings.csv:3 (mapping_text): 'X*' matches an empty text, so it would map every line"),
        ]
        for (row, message) in cases {
            try put("text_mappings.csv", head + "Gebyr,gl,7770\n" + row + "\n")
            expectError(message)
        }
    }

    func testRequiredCellsAndColumns() throws {
        try put("customers.csv", "no,name\nC1,A\n\n,B\n")
        expectError("customers.csv:4: column 'no' is required")
        try put("customers.csv", "no,navn\nC1,A\n")
        expectError("customers.csv:1: required column 'name' is missing")
    }

    func testBadDatesAmountsAndChoices() throws {
        let head = "entry_no,party_type,party_no,document_type,document_no,posting_date,currency,amount,remaining_amount\n"
        let good = "1,customer,C1,invoice,D1,2026-01-01,NOK,100.00,100.00\n"
        let cases: [(String, String)] = [
            ("2,customer,C1,invoice,D2,2026-02-30,NOK,1,1", "open_entries.csv:3 (posting_date): '2026-02-30' is not a date (YYYY-MM-DD)"),
            ("2,client,C1,invoice,D2,2026-02-03,NOK,1,1", "open_entries.csv:3 (party_type): 'client' is not one of customer, vendor"),
            ("2,customer,C1,bill,D2,2026-02-03,NOK,1,1", "open_entries.csv:3 (document_type): 'bill' is not one of invoice, credit_memo, finance_charge, reminder, payment, refund"),
            ("2,customer,C1,invoice,D2,2026-02-03,NOK,\"1,50\",1", "open_entries.csv:3 (amount): '1,50' is not an amount"),
            ("2,customer,C1,invoice,D2,2026-02-03,JPY,1.5,1", "open_entries.csv:3 (amount): '1.5' has more than 0 decimals"),
            ("2,customer,C1,invoice,D2,2026-02-03,kroner,1,1", "open_entries.csv:3 (currency): 'kroner' is not a currency code (three letters, like NOK)"),
            ("x,customer,C1,invoice,D2,2026-02-03,NOK,1,1", "open_entries.csv:3 (entry_no): 'x' is not a whole number"),
            ("1,customer,C1,invoice,D2,2026-02-03,NOK,1,1", "open_entries.csv:3 (entry_no): '1' is already on line 2"),
            ("2,customer,C1,invoice,D2,2026-02-03,NOK,100,-5", "open_entries.csv:3 (remaining_amount): '-5' has the opposite sign of amount '100'"),
            ("2,vendor,V1,invoice,D2,2026-02-03,NOK,-100,-150", "open_entries.csv:3 (remaining_amount): '-150' is larger than amount '-100'"),
        ]
        for (row, message) in cases {
            try put("open_entries.csv", head + good + row + "\n")
            expectError(message)
        }
    }

    func testBankAccountAndSetupValidation() throws {
        let head = "no,name,currency,gl_account,match_tolerance_type,match_tolerance_value\n"
        try put("bank_accounts.csv", head + "B1,Bank,NOK,1920,relative,1\n")
        expectError("bank_accounts.csv:2 (match_tolerance_type): 'relative' is not one of amount, percent")
        try put("bank_accounts.csv", head + "B1,Bank,NOK,1920,amount,0.005\n")
        expectError("bank_accounts.csv:2 (match_tolerance_value): '0.005' has more than 2 decimals")
        try put("bank_accounts.csv", head + "B1,Bank,NOK,1920,,\nB1,Other,NOK,1921,,\n")
        expectError("bank_accounts.csv:3 (no): 'B1' is already on line 2")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("bank_accounts.csv"))
        try put("setup.csv", "key,value\nreceivable_account,1500\n")
        expectError("setup.csv:2 (key): 'receivable_account' is not one of receivables_account, payables_account, discount_granted_account, discount_received_account, tolerance_account, currency")
    }

    func testWriteThenReadGivesTheSameBooks() throws {
        var books = Books()
        books.setup = Setup(values: ["currency": "NOK", "receivables_account": "1500", "tolerance_account": "7790"])
        books.customers = [
            Party(type: .customer, no: "C0001", name: "Fjord \"Bakeri\", AS", address: "Kaigata 4\nBakgården", city: "Bergen",
                  postCode: "5003", country: "NO", bankAccounts: ["NO93 8601 1117 947", "1503.12.34567"], vatNo: "NO999999999MVA"),
            Party(type: .customer, no: "C0002", name: "Ærlig Ølbryggeri"),
        ]
        books.vendors = [Party(type: .vendor, no: "V1", name: "Strøm AS", bankAccounts: ["DE89370400440532013000"])]
        books.glAccounts = [GLAccount(no: "1920", name: "Bank, drift")]
        books.bankAccounts = [
            BankAccount(no: "BANK1", name: "Drift", iban: "NO9386011117947", currency: "NOK", glAccount: "1920",
                        lastStatementNo: "12", balanceLastStatement: Money(minor: -100_050), tolerance: MatchTolerance(kind: .percent, value: 125)),
            BankAccount(no: "BANK2", name: "Yen", accountNo: "123", currency: "JPY", glAccount: "1921",
                        tolerance: MatchTolerance(kind: .amount, value: 15)),
        ]
        books.openEntries = [
            LedgerEntry(entryNo: 77, partyType: .customer, partyNo: "C0001", documentType: .invoice, documentNo: "103245",
                        externalDocumentNo: "PO-1", postingDate: LocalDate(iso: "2026-10-01")!, dueDate: LocalDate(iso: "2026-10-31")!,
                        currency: "NOK", amount: Money(minor: 50_000), remainingAmount: Money(minor: 20_000),
                        pmtDiscountDate: LocalDate(iso: "2026-10-10")!, remainingPmtDiscPossible: Money(minor: 1_000),
                        paymentReference: "0001032459", description: "Brød, boller"),
            LedgerEntry(entryNo: 78, partyType: .vendor, partyNo: "V1", documentType: .creditMemo, documentNo: "K-1",
                        postingDate: LocalDate(iso: "2026-10-02")!, currency: "JPY", amount: Money(minor: 1500), remainingAmount: Money(minor: 1500)),
        ]
        books.textMappings = [TextMapping(mappingText: "Gebyr, kort", accountType: .gl, accountNo: "7770", creditAccountNo: "7771"),
                              TextMapping(mappingText: "Husleie", accountType: .vendor, accountNo: "V1")]
        books.bankLedgerEntries = [BankLedgerEntry(entryNo: 5, bankAccount: "BANK2", postingDate: LocalDate(iso: "2026-10-03")!,
                                                   documentNo: "G-1", description: "Fee", amount: Money(minor: -1200))]
        let posted = [PostedEntry(entryNo: 1001, ledger: .customer, accountNo: "C0001", postingDate: LocalDate(iso: "2026-11-01")!,
                                  documentNo: "12", description: "Betaling, faktura 103245", amount: Money(minor: -30_000),
                                  appliesToEntryNo: 77, journal: 1, lineNo: 1),
                      PostedEntry(entryNo: 1002, ledger: .bank, accountNo: "BANK2", postingDate: LocalDate(iso: "2026-11-01")!,
                                  documentNo: nil, description: nil, amount: Money(minor: 300))]

        try BooksCSV.write(books, postedEntries: posted, to: dir)
        XCTAssertEqual(try BooksCSV.read(directory: dir), books)
        let postedText = try String(contentsOf: dir.appendingPathComponent("posted_entries.csv"), encoding: .utf8)
        XCTAssertEqual(postedText, """
            entry_no,ledger,account_no,posting_date,document_no,description,amount,applies_to_entry_no,journal,line_no
            1001,customer,C0001,2026-11-01,12,"Betaling, faktura 103245",-300.00,77,1,1
            1002,bank,BANK2,2026-11-01,,,300,,,

            """)
        let banks = try String(contentsOf: dir.appendingPathComponent("bank_accounts.csv"), encoding: .utf8)
        XCTAssertTrue(banks.contains("BANK1,Drift,NO9386011117947,,NOK,1920,12,-1000.50,percent,1.25\n"), banks)
    }
}
