extension JournalLine {
    /// The journal line a statement entry becomes on import. `fallbackDate` is used when the
    /// bank gave neither booking nor value date (the statement's date).
    public init(entry e: StatementEntry, journalId: Int64, lineNo: Int, fallbackDate: LocalDate) {
        self.init(journalId: journalId, lineNo: lineNo, transactionDate: e.transactionDate ?? fallbackDate,
                  valueDate: e.valueDate, amount: e.amount, text: e.text ?? "", additionalInfo: e.additionalInfo,
                  relatedPartyName: e.relatedPartyName, relatedPartyAccount: e.relatedPartyAccount,
                  relatedPartyAddress: e.relatedPartyAddress, relatedPartyCity: e.relatedPartyCity,
                  reference: e.reference, endToEndId: e.endToEndId, bankTransactionId: e.bankTransactionId,
                  details: e.details)
    }
}
