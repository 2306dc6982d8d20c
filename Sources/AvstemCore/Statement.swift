/// A bank statement as a reader found it in a file: no books, no database.
/// The shape of `statement parse --json` (spec section 5).

public struct StatementEntry: Hashable, Sendable, Codable {
    public var bookingDate: LocalDate?
    public var valueDate: LocalDate?
    /// Money in positive, money out negative.
    public var amount: Money
    /// Only set when it differs from the statement's currency.
    public var currency: String?
    public var text: String?
    public var relatedPartyName: String?
    public var relatedPartyAccount: String?
    /// Structured reference: KID, RF creditor reference.
    public var reference: String?
    public var endToEndId: String?
    public var bankTransactionId: String?
    /// Further text the bank sent (additional entry info, purpose codes, addresses).
    public var additionalInfo: String?
    public var relatedPartyAddress: String?
    public var relatedPartyCity: String?
    /// Every raw field the reader saw, in file order, for the "bank transaction details" view.
    public var details: [Detail]

    public struct Detail: Hashable, Sendable, Codable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) { self.key = key; self.value = value }
    }

    public init(bookingDate: LocalDate? = nil, valueDate: LocalDate? = nil, amount: Money, currency: String? = nil,
                text: String? = nil, relatedPartyName: String? = nil, relatedPartyAccount: String? = nil,
                reference: String? = nil, endToEndId: String? = nil, bankTransactionId: String? = nil,
                additionalInfo: String? = nil, relatedPartyAddress: String? = nil, relatedPartyCity: String? = nil,
                details: [Detail] = []) {
        self.bookingDate = bookingDate; self.valueDate = valueDate; self.amount = amount; self.currency = currency
        self.text = text; self.relatedPartyName = relatedPartyName; self.relatedPartyAccount = relatedPartyAccount
        self.reference = reference; self.endToEndId = endToEndId; self.bankTransactionId = bankTransactionId
        self.additionalInfo = additionalInfo; self.relatedPartyAddress = relatedPartyAddress
        self.relatedPartyCity = relatedPartyCity; self.details = details
    }

    /// The date a journal line carries: booking date, else value date.
    public var transactionDate: LocalDate? { bookingDate ?? valueDate }
}

public struct BankStatement: Hashable, Sendable, Codable {
    public var id: String?
    /// IBAN or domestic account number of the statement's own account.
    public var account: String?
    public var currency: String?
    public var openingBalance: Money?
    public var closingBalance: Money?
    public var fromDate: LocalDate?
    public var toDate: LocalDate?
    /// The statement's own date (creation date), when given.
    public var date: LocalDate?
    public var entries: [StatementEntry]

    public init(id: String? = nil, account: String? = nil, currency: String? = nil, openingBalance: Money? = nil,
                closingBalance: Money? = nil, fromDate: LocalDate? = nil, toDate: LocalDate? = nil,
                date: LocalDate? = nil, entries: [StatementEntry] = []) {
        self.id = id; self.account = account; self.currency = currency; self.openingBalance = openingBalance
        self.closingBalance = closingBalance; self.fromDate = fromDate; self.toDate = toDate; self.date = date
        self.entries = entries
    }

    public var entrySum: Money { entries.reduce(.zero) { $0 + $1.amount } }

    /// True when opening + entries = closing; nil when a balance is missing.
    public var balancesReconcile: Bool? {
        guard let o = openingBalance, let c = closingBalance else { return nil }
        return o + entrySum == c
    }
}

/// What one file held.
public struct StatementFile: Hashable, Sendable, Codable {
    /// `camt.053.001.02`, `mt940`, …
    public var format: String
    public var statements: [BankStatement]
    /// Things a bookkeeper should know that do not stop the import (balances that do not chain).
    public var warnings: [String]

    public init(format: String, statements: [BankStatement], warnings: [String] = []) {
        self.format = format; self.statements = statements; self.warnings = warnings
    }
}
