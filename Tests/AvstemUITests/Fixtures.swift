import AvstemCore
import AvstemUI
import Foundation

/// A small journal with Norwegian and CJK text, used by the reducer and snapshot tests.
enum Fixture {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func m(_ s: String) -> Money { try! Money.parse(s) }

    static let header = JournalHeader(id: 1, bankAccountNo: "BANK1", statementNo: "12", statementDate: d("2026-11-03"),
                                      balanceLastStatement: m("1000.00"), statementEndingBalance: m("2999.00"), currency: "NOK")

    static func line(_ no: Int, _ date: String, _ amount: String, _ text: String, party: String? = nil,
                     reference: String? = nil, confidence: MatchConfidence = .none) -> JournalLine {
        JournalLine(journalId: 1, lineNo: no, transactionDate: d(date), amount: m(amount), text: text,
                    relatedPartyName: party, reference: reference, confidence: confidence)
    }

    static func entry(_ no: Int64, _ type: PartyType, _ party: String, _ name: String, _ doc: String, _ remaining: String,
                      docType: String = "invoice", ext: String? = nil, due: String? = nil,
                      discDate: String? = nil, disc: String = "0.00") -> EntryInfo {
        EntryInfo(target: .ledgerEntry(no), partyType: type, partyNo: party, partyName: name, documentType: docType,
                  documentNo: doc, externalDocumentNo: ext, postingDate: d("2026-10-01"), dueDate: due.map(d),
                  remainingAmount: m(remaining), pmtDiscountDate: discDate.map(d), remainingPmtDiscPossible: m(disc))
    }

    static let entries: [EntryInfo] = [
        entry(77, .customer, "C0001", "Fjord Bakeri AS", "103245", "500.00", due: "2026-11-15"),
        entry(78, .customer, "C0002", "Ærlig Øl AS", "2001", "1000.00", due: "2026-10-31"),
        entry(80, .customer, "C0002", "Ærlig Øl AS", "2002", "250.00", ext: "PO-7", due: "2026-11-30"),
        entry(79, .customer, "C0003", "Båtservice Nord", "2001234", "500.00", due: "2026-11-20", discDate: "2026-11-05", disc: "5.50"),
        entry(90, .vendor, "V0001", "作业 Trading Ltd", "INV-作-9", "-320.50", due: "2026-11-10"),
        entry(91, .vendor, "V0001", "作业 Trading Ltd", "INV-作-10", "-100.00"),
        entry(92, .vendor, "V0002", "Østfold Kontor", "CM-1", "40.00", docType: "credit_memo"),
    ]

    static let evidenceLine1 = [
        Evidence(.relatedParty, "fully", "payer account NO9386011117947 is C0001's bank account"),
        Evidence(.documentNo, "yes", "invoice 103245 found in the text"),
        Evidence(.amount, "one", "500.00 is the only open entry within the tolerance"),
    ]

    static func journal() -> JournalSnapshot {
        let lines = [
            line(1, "2026-11-01", "500.00", "Faktura 103245", party: "Fjord Bakeri AS", reference: "0001032459", confidence: .high),
            line(2, "2026-11-02", "1250.00", "Betaling Ærlig Øl & Å-bryggeri faktura 2001", party: "Ærlig Øl AS", confidence: .medium),
            {
                var l = line(3, "2026-11-02", "-320.50", "Kontorrekvisita 作业 Østlandet", party: "作业 Trading Ltd")
                l.bankTransactionId = "TX-3"
                l.details = [.init("BkTxCd", "PMNT/ICDT/DMCT"), .init("Ustrd", "Kontorrekvisita 作业 Østlandet")]
                return l
            }(),
            line(4, "2026-11-03", "75.00", "Refusjon gebyr"),
            line(5, "2026-11-03", "494.50", "Innbetaling KID 0020012346", party: "Båtservice Nord", reference: "0020012346", confidence: .accepted),
        ]
        let apps: [Int: [Application]] = [
            1: [Application(journalId: 1, lineNo: 1, target: .ledgerEntry(77), appliedAmount: m("500.00"), confidence: .high, evidence: evidenceLine1)],
            2: [Application(journalId: 1, lineNo: 2, target: .ledgerEntry(78), appliedAmount: m("1000.00"), confidence: .medium,
                            evidence: [Evidence(.relatedParty, "partially", "name Ærlig Øl AS is 96 % near the payer's name"),
                                       Evidence(.documentNo, "yes", "invoice 2001 found in the text")])],
            5: [Application(journalId: 1, lineNo: 5, target: .ledgerEntry(79), appliedAmount: m("494.50"), discountAmount: m("5.50"),
                            confidence: .accepted, evidence: [Evidence(.reference, "yes", "KID 0020012346 (MOD10 valid) is invoice 2001234's payment reference")])],
        ]
        return JournalSnapshot(header: header, lines: lines, applications: apps)
    }

    static func candidate(_ no: Int64, _ score: Int, _ conf: MatchConfidence, _ amount: String, _ ev: [Evidence] = []) -> Candidate {
        Candidate(target: .ledgerEntry(no), score: score, confidence: conf, proposedAmount: m(amount), evidence: ev)
    }

    static func backend() -> InMemoryJournalBackend {
        InMemoryJournalBackend(journal: journal(), entries: entries, candidates: [
            1: [candidate(77, 3996, .high, "500.00", evidenceLine1)],
            2: [candidate(80, 2994, .medium, "250.00", [Evidence(.documentNo, "no", "no document number in the text"),
                                                        Evidence(.amount, "one", "250.00 is the rest of the payment")]),
                candidate(92, 1996, .low, "40.00"),
                candidate(90, 0, .none, "-320.50")],
            3: [candidate(90, 1996, .low, "-320.50", [Evidence(.relatedParty, "partially", "name 作业 Trading Ltd found in the text"),
                                                      Evidence(.amount, "one", "320.50 matches one open entry")]),
                candidate(91, 0, .none, "-100.00")],
        ])
    }
}
