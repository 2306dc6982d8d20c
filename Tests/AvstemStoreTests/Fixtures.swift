import AvstemCore
@testable import AvstemStore
import XCTest

func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
func nok(_ text: String) -> Money { try! Money.parse(text) }

/// A small company's books: two customers, a vendor, a bank account at statement 11 with
/// 1000.00, open invoices with and without discount, a fee mapping and one open bank entry.
enum Fixture {
    static let bankIBAN = "NO12 3456 7890 123"

    static func books() -> Books {
        var b = Books()
        b.customers = [
            Party(type: .customer, no: "C0001", name: "Fjord Bakeri AS", city: "Bergen", bankAccounts: ["NO93 8601 1117 947"]),
            Party(type: .customer, no: "C0002", name: "Nordlys Kafé"),
        ]
        b.vendors = [Party(type: .vendor, no: "V0001", name: "Kontorrekvisita AS")]
        b.glAccounts = [
            GLAccount(no: "1500", name: "Kundefordringer"), GLAccount(no: "2400", name: "Leverandørgjeld"),
            GLAccount(no: "1920", name: "Bank"), GLAccount(no: "7770", name: "Bankgebyr"),
            GLAccount(no: "7300", name: "Kontantrabatt gitt"), GLAccount(no: "7310", name: "Kontantrabatt mottatt"),
            GLAccount(no: "7790", name: "Øreavrunding"),
        ]
        b.bankAccounts = [BankAccount(no: "BANK1", name: "Driftskonto", iban: bankIBAN, currency: "NOK", glAccount: "1920",
                                      lastStatementNo: "11", balanceLastStatement: nok("1000.00"),
                                      tolerance: MatchTolerance(kind: .amount, value: 100))]
        b.openEntries = [
            entry(77, .customer, "C0001", .invoice, "103245", "500.00"),
            LedgerEntry(entryNo: 78, partyType: .customer, partyNo: "C0002", documentType: .invoice, documentNo: "103246",
                        postingDate: day("2026-10-20"), dueDate: day("2026-11-20"), currency: "NOK",
                        amount: nok("1000.00"), remainingAmount: nok("1000.00"), pmtDiscountDate: day("2026-11-10"),
                        remainingPmtDiscPossible: nok("20.00")),
            entry(79, .customer, "C0001", .invoice, "103247", "250.00"),
            entry(80, .vendor, "V0001", .invoice, "5001", "-300.00"),
            entry(81, .customer, "C0002", .creditMemo, "CM-9", "-100.00"),
        ]
        b.textMappings = [TextMapping(mappingText: "GEBYR", accountType: .gl, accountNo: "7770")]
        b.bankLedgerEntries = [BankLedgerEntry(entryNo: 900, bankAccount: "BANK1", postingDate: day("2026-10-30"),
                                               documentNo: "K-17", description: "Kortbetaling", amount: nok("-45.00"))]
        b.setup = Setup(values: ["receivables_account": "1500", "payables_account": "2400",
                                 "discount_granted_account": "7300", "discount_received_account": "7310",
                                 "tolerance_account": "7790", "currency": "NOK"])
        return b
    }

    static func entry(_ no: Int64, _ type: PartyType, _ party: String, _ doc: DocumentType, _ docNo: String, _ amount: String) -> LedgerEntry {
        LedgerEntry(entryNo: no, partyType: type, partyNo: party, documentType: doc, documentNo: docNo,
                    postingDate: day("2026-10-01"), currency: "NOK", amount: nok(amount), remainingAmount: nok(amount))
    }

    static func tx(_ amount: String, _ text: String, id: String? = nil, date: String = "2026-11-05", reference: String? = nil) -> StatementEntry {
        StatementEntry(bookingDate: day(date), valueDate: day(date), amount: nok(amount), text: text, reference: reference,
                       bankTransactionId: id, details: [StatementEntry.Detail("Ntry/AddtlNtryInf", text)])
    }

    /// A camt-like file with one statement on the fixture bank account; the closing balance
    /// agrees with the books' 1000.00 unless given.
    static func file(_ entries: [StatementEntry], id: String = "STMT-1", account: String = "NO1234567890123",
                     currency: String = "NOK", closing: Money? = nil) -> StatementFile {
        let sum = entries.reduce(Money.zero) { $0 + $1.amount }
        return StatementFile(format: "camt.053.001.02", statements: [
            BankStatement(id: id, account: account, currency: currency, openingBalance: nok("1000.00"),
                          closingBalance: closing ?? nok("1000.00") + sum, fromDate: day("2026-11-01"),
                          toDate: day("2026-11-05"), entries: entries),
        ])
    }

    /// Given the fixture books and one statement with these transactions: the database and the journal.
    static func journal(_ entries: [StatementEntry], closing: Money? = nil) throws -> (AppDatabase, Int64) {
        let db = try AppDatabase.inMemory()
        try db.importBooks(books())
        let result = try db.importStatement(file(entries, closing: closing), source: "stmt.xml", bankAccountNo: nil)
        return (db, result.journalIds[0])
    }
}

/// The user's error message, or a failure when the call succeeds or fails otherwise.
func userError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        try body()
        XCTFail("expected a user error", file: file, line: line)
    } catch let e as UserError {
        return e.message
    } catch {
        XCTFail("expected a user error, got \(error)", file: file, line: line)
    }
    return ""
}
