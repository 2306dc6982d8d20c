/// The master data and open entries a journal is reconciled against: what `books import` reads.

public enum PartyType: String, Sendable, Codable, CaseIterable, Hashable {
    case customer, vendor
}

/// Where (part of) a statement line goes when it is not applied to ledger entries.
public enum AccountType: String, Sendable, Codable, CaseIterable, Hashable {
    case gl, customer, vendor
}

public struct AccountRef: Hashable, Sendable, Codable {
    public var type: AccountType
    public var no: String
    public init(type: AccountType, no: String) { self.type = type; self.no = no }
}

public struct Party: Hashable, Sendable, Codable {
    public var type: PartyType
    public var no: String
    public var name: String
    public var address: String?
    public var city: String?
    public var postCode: String?
    public var country: String?
    /// IBANs or domestic account numbers as written in the books.
    public var bankAccounts: [String]
    public var vatNo: String?

    public init(type: PartyType, no: String, name: String, address: String? = nil, city: String? = nil,
                postCode: String? = nil, country: String? = nil, bankAccounts: [String] = [], vatNo: String? = nil) {
        self.type = type; self.no = no; self.name = name; self.address = address; self.city = city
        self.postCode = postCode; self.country = country; self.bankAccounts = bankAccounts; self.vatNo = vatNo
    }
}

public struct GLAccount: Hashable, Sendable, Codable {
    public var no: String
    public var name: String
    public init(no: String, name: String) { self.no = no; self.name = name }
}

public struct MatchTolerance: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case amount, percent }
    public var kind: Kind
    /// For `.amount`: minor units. For `.percent`: hundredths of a percent (0.5 % = 50).
    public var value: Int64

    public init(kind: Kind, value: Int64) { self.kind = kind; self.value = value }
    public static let none = MatchTolerance(kind: .amount, value: 0)

    /// The closed range of amounts that match `amount` within this tolerance, never crossing zero.
    public func range(around amount: Money) -> ClosedRange<Money> {
        let delta: Money
        switch kind {
        case .amount: delta = Money(minor: value)
        case .percent: delta = amount.magnitude.scaled(by: value, over: 10_000)
        }
        var lo = amount - delta, hi = amount + delta
        if amount.minor > 0 && lo.minor < 0 { lo = .zero }
        if amount.minor < 0 && hi.minor > 0 { hi = .zero }
        return lo...hi
    }
}

public struct BankAccount: Hashable, Sendable, Codable {
    public var no: String
    public var name: String
    public var iban: String?
    public var accountNo: String?
    public var currency: String
    public var glAccount: String
    public var lastStatementNo: String?
    public var balanceLastStatement: Money
    public var tolerance: MatchTolerance

    public init(no: String, name: String, iban: String? = nil, accountNo: String? = nil, currency: String,
                glAccount: String, lastStatementNo: String? = nil, balanceLastStatement: Money = .zero,
                tolerance: MatchTolerance = .none) {
        self.no = no; self.name = name; self.iban = iban; self.accountNo = accountNo; self.currency = currency
        self.glAccount = glAccount; self.lastStatementNo = lastStatementNo
        self.balanceLastStatement = balanceLastStatement; self.tolerance = tolerance
    }
}

public enum DocumentType: String, Sendable, Codable, CaseIterable, Hashable {
    case invoice
    case creditMemo = "credit_memo"
    case financeCharge = "finance_charge"
    case reminder
    case payment
    case refund
}

/// An open (or closed) customer or vendor ledger entry. Signs as in the ledger: customer
/// invoices positive, vendor invoices negative.
public struct LedgerEntry: Hashable, Sendable, Codable {
    public var entryNo: Int64
    public var partyType: PartyType
    public var partyNo: String
    public var documentType: DocumentType
    public var documentNo: String
    public var externalDocumentNo: String?
    public var postingDate: LocalDate
    public var dueDate: LocalDate?
    public var currency: String
    public var amount: Money
    public var remainingAmount: Money
    public var pmtDiscountDate: LocalDate?
    public var remainingPmtDiscPossible: Money
    public var paymentReference: String?
    public var description: String?

    public init(entryNo: Int64, partyType: PartyType, partyNo: String, documentType: DocumentType, documentNo: String,
                externalDocumentNo: String? = nil, postingDate: LocalDate, dueDate: LocalDate? = nil, currency: String,
                amount: Money, remainingAmount: Money, pmtDiscountDate: LocalDate? = nil,
                remainingPmtDiscPossible: Money = .zero, paymentReference: String? = nil, description: String? = nil) {
        self.entryNo = entryNo; self.partyType = partyType; self.partyNo = partyNo; self.documentType = documentType
        self.documentNo = documentNo; self.externalDocumentNo = externalDocumentNo; self.postingDate = postingDate
        self.dueDate = dueDate; self.currency = currency; self.amount = amount; self.remainingAmount = remainingAmount
        self.pmtDiscountDate = pmtDiscountDate; self.remainingPmtDiscPossible = remainingPmtDiscPossible
        self.paymentReference = paymentReference; self.description = description
    }

    public var isOpen: Bool { !remainingAmount.isZero }

    /// What settles the entry when paid on `date`: the remaining amount less the possible
    /// discount while the discount date has not passed.
    public func amountDue(on date: LocalDate) -> Money {
        if let d = pmtDiscountDate, date <= d, !remainingPmtDiscPossible.isZero { return remainingAmount - remainingPmtDiscPossible }
        return remainingAmount
    }
}

public struct TextMapping: Hashable, Sendable, Codable {
    public var id: Int64?
    public var mappingText: String
    public var accountType: AccountType
    public var accountNo: String
    /// Used instead of `accountNo` for negative amounts when set.
    public var creditAccountNo: String?

    public init(id: Int64? = nil, mappingText: String, accountType: AccountType, accountNo: String, creditAccountNo: String? = nil) {
        self.id = id; self.mappingText = mappingText; self.accountType = accountType
        self.accountNo = accountNo; self.creditAccountNo = creditAccountNo
    }

    public func account(forAmount amount: Money) -> AccountRef {
        if amount.isNegative, let c = creditAccountNo, !c.isEmpty { return AccountRef(type: accountType, no: c) }
        return AccountRef(type: accountType, no: accountNo)
    }
}

/// A bank ledger entry posted elsewhere and not yet reconciled.
public struct BankLedgerEntry: Hashable, Sendable, Codable {
    public var entryNo: Int64
    public var bankAccount: String
    public var postingDate: LocalDate
    public var documentNo: String?
    public var description: String?
    public var amount: Money
    public var open: Bool

    public init(entryNo: Int64, bankAccount: String, postingDate: LocalDate, documentNo: String? = nil,
                description: String? = nil, amount: Money, open: Bool = true) {
        self.entryNo = entryNo; self.bankAccount = bankAccount; self.postingDate = postingDate
        self.documentNo = documentNo; self.description = description; self.amount = amount; self.open = open
    }
}

/// Company settings from `setup.csv`.
public struct Setup: Hashable, Sendable, Codable {
    public static let knownKeys = ["receivables_account", "payables_account", "discount_granted_account",
                                   "discount_received_account", "tolerance_account", "currency"]
    public var values: [String: String]
    public init(values: [String: String] = [:]) { self.values = values }
    public subscript(key: String) -> String? { values[key] }

    public var receivablesAccount: String? { values["receivables_account"] }
    public var payablesAccount: String? { values["payables_account"] }
    public var discountGrantedAccount: String? { values["discount_granted_account"] }
    public var discountReceivedAccount: String? { values["discount_received_account"] }
    public var toleranceAccount: String? { values["tolerance_account"] }
    public var currency: String? { values["currency"] }
}

/// Everything `books import` reads from a folder; every part optional.
public struct Books: Sendable, Equatable {
    public var customers: [Party] = []
    public var vendors: [Party] = []
    public var glAccounts: [GLAccount] = []
    public var bankAccounts: [BankAccount] = []
    public var openEntries: [LedgerEntry] = []
    public var textMappings: [TextMapping] = []
    public var bankLedgerEntries: [BankLedgerEntry] = []
    public var setup: Setup = Setup()
    public init() {}
}

/// A ledger entry created by posting: one row of `posted_entries.csv`.
public enum Ledger: String, Sendable, Codable, CaseIterable {
    case customer, vendor, bank, gl
}

public struct PostedEntry: Hashable, Sendable, Codable {
    public var entryNo: Int64
    public var ledger: Ledger
    public var accountNo: String
    public var postingDate: LocalDate
    public var documentNo: String?
    public var description: String?
    public var amount: Money
    public var appliesToEntryNo: Int64?
    public var journal: Int64?
    public var lineNo: Int?

    public init(entryNo: Int64, ledger: Ledger, accountNo: String, postingDate: LocalDate, documentNo: String?,
                description: String?, amount: Money, appliesToEntryNo: Int64? = nil, journal: Int64? = nil, lineNo: Int? = nil) {
        self.entryNo = entryNo; self.ledger = ledger; self.accountNo = accountNo; self.postingDate = postingDate
        self.documentNo = documentNo; self.description = description; self.amount = amount
        self.appliesToEntryNo = appliesToEntryNo; self.journal = journal; self.lineNo = lineNo
    }
}
