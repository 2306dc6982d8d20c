import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

final class HledgerJournalTests: XCTestCase {
    func entry(_ no: Int64, _ account: String, _ amount: String, line: Int, description: String? = "Faktura 103245") -> PostedEntry {
        PostedEntry(entryNo: no, ledger: .gl, accountNo: account, postingDate: LocalDate(iso: "2026-11-17")!, documentNo: "42",
                    description: description, amount: try! Money.parse(amount), journal: 1, lineNo: line)
    }

    func testOneBalancedTransactionPerPostedLine() {
        let entries = [
            entry(1, "1920", "980.00", line: 1), entry(2, "3085", "20.00", line: 1, description: "Discount; granted"),
            entry(3, "1500", "-1000.00", line: 1),
            PostedEntry(entryNo: 4, ledger: .customer, accountNo: "C0001", postingDate: LocalDate(iso: "2026-11-17")!,
                        documentNo: "42", description: nil, amount: try! Money.parse("-1000.00"), journal: 1, lineNo: 1),
            entry(5, "1920", "-125.00", line: 2, description: "Gebyr  giro"), entry(6, "7770", "125.00", line: 2, description: "Gebyr  giro"),
            // A KID payment's line has no text: the payer names the transaction.
            entry(7, "1920", "50.00", line: 3, description: ""), entry(8, "1500", "-50.00", line: 3, description: ""),
            PostedEntry(entryNo: 9, ledger: .customer, accountNo: "C0002", postingDate: LocalDate(iso: "2026-11-17")!,
                        documentNo: "42", description: nil, amount: try! Money.parse("-50.00"), journal: 1, lineNo: 3),
        ]
        let accounts = [GLAccount(no: "1920", name: "Bankinnskudd DNB"), GLAccount(no: "1500", name: "Kundefordringer"),
                        GLAccount(no: "3085", name: "Gitt kontantrabatt")]
        let text = HledgerJournal.write(entries: entries, accounts: accounts, parties: ["C0002": "Fjord Bakeri AS"], currency: "NOK")
        let transactions = text.components(separatedBy: "\n\n").dropFirst()
        XCTAssertEqual(transactions.count, 3, text)
        XCTAssertTrue(text.contains("2026-11-17 (42) Payment C0002 Fjord Bakeri AS  ; journal:1, line:3\n"), text)
        XCTAssertTrue(text.contains("2026-11-17 (42) Faktura 103245  ; journal:1, line:1\n"), text)
        XCTAssertTrue(text.contains("    1920 Bankinnskudd DNB  980.00 NOK\n"), text)
        XCTAssertTrue(text.contains("    3085 Gitt kontantrabatt  20.00 NOK  ; Discount, granted\n"), text)
        XCTAssertTrue(text.contains("    7770  125.00 NOK\n"), "an account without a name keeps its number: \(text)")
        XCTAssertTrue(text.contains("(42) Gebyr giro"), "double spaces would end the description early: \(text)")
        XCTAssertFalse(text.contains("C0001"), "only G/L entries belong in the journal")
        // Each transaction balances: hledger refuses one that does not.
        for t in transactions {
            let sum = t.split(separator: "\n").dropFirst().reduce(Int64(0)) { acc, row in
                let fields = row.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")
                let amount = fields[1].split(separator: " ")[0]
                return acc + (try! Money.parse(String(amount))).minor
            }
            XCTAssertEqual(sum, 0, String(t))
        }
    }
}
