import AvstemCore
import AvstemMatching
import XCTest

/// Small hand-built books: a bakery that pays by bank transfer, an electrician without a known account,
/// a namesake bakery branch, and an office supplier we pay.
enum Fx {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func m(_ s: String) -> Money { try! Money.parse(s) }

    static let bank = BankAccount(no: "BANK1", name: "Driftskonto", iban: "NO8330001234567", currency: "NOK", glAccount: "1920")
    static func bank(tolerance: MatchTolerance) -> BankAccount {
        var b = bank; b.tolerance = tolerance; return b
    }

    static let fjord = Party(type: .customer, no: "C0001", name: "Fjord Bakeri AS", address: "Strandkaien 1", city: "Bergen",
                             bankAccounts: ["NO93 8601 1117 947"])
    static let nordlys = Party(type: .customer, no: "C0002", name: "Nordlys Elektro AS")
    static let fjordBranch = Party(type: .customer, no: "C0003", name: "Fjord Bakeri A/S", address: "Torget 9", city: "Ålesund")
    static let supplier = Party(type: .vendor, no: "V0001", name: "Kontorleverandøren AS", bankAccounts: ["1503.12.34567"])
    static let parties = [fjord, nordlys, supplier]

    static func entry(_ no: Int64, _ party: Party, doc: String, _ amount: String, type: DocumentType = .invoice,
                      posted: String = "2026-10-01", due: String? = nil, ext: String? = nil, ref: String? = nil,
                      currency: String = "NOK", discount: String? = nil, discountDate: String? = nil) -> LedgerEntry {
        LedgerEntry(entryNo: no, partyType: party.type, partyNo: party.no, documentType: type, documentNo: doc,
                    externalDocumentNo: ext, postingDate: d(posted), dueDate: due.map(d), currency: currency,
                    amount: m(amount), remainingAmount: m(amount), pmtDiscountDate: discountDate.map(d),
                    remainingPmtDiscPossible: discount.map(m) ?? .zero, paymentReference: ref)
    }

    static func line(_ no: Int, _ amount: String, _ text: String = "", name: String? = nil, account: String? = nil,
                     ref: String? = nil, info: String? = nil, address: String? = nil, city: String? = nil,
                     date: String = "2026-11-02") -> JournalLine {
        JournalLine(journalId: 1, lineNo: no, transactionDate: d(date), amount: m(amount), text: text, additionalInfo: info,
                    relatedPartyName: name, relatedPartyAccount: account, relatedPartyAddress: address,
                    relatedPartyCity: city, reference: ref)
    }

    static func engine(_ entries: [LedgerEntry], parties: [Party] = parties, bank: BankAccount = bank,
                       bankEntries: [BankLedgerEntry] = [], mappings: [TextMapping] = [],
                       policy: MatchPolicy = MatchPolicy()) -> MatchEngine {
        MatchEngine(context: MatchContext(bankAccount: bank, parties: parties, openEntries: entries,
                                          bankLedgerEntries: bankEntries, textMappings: mappings), policy: policy)
    }

    static let payerAccount = "NO9386011117947"
}

extension Array where Element == Evidence {
    func first(_ dimension: Evidence.Dimension) -> Evidence? { first { $0.dimension == dimension } }
    var ruleCode: String? { first(.rule)?.value }
}

extension LineMatchResult {
    var appliedEntries: [Int64] {
        applications.compactMap { if case .ledgerEntry(let n) = $0.target { return n } else { return nil } }
    }
}
