/// The payment reconciliation journal: header, lines, applications.

public enum MatchConfidence: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case none, low, medium, high
    case highTextMapping = "high_text_mapping"
    case manual, accepted

    /// Order for "the highest of its applications" and for sorting: none < low < medium <
    /// high_text_mapping < high < manual < accepted (a user's decision outranks the matcher).
    public var rank: Int {
        switch self {
        case .none: return 0
        case .low: return 1
        case .medium: return 2
        case .highTextMapping: return 3
        case .high: return 4
        case .manual: return 5
        case .accepted: return 6
        }
    }

    public static func < (a: MatchConfidence, b: MatchConfidence) -> Bool { a.rank < b.rank }

    /// Low and medium matches come from review-required rules.
    public var needsReview: Bool { self == .low || self == .medium }
    /// Set by the user: automatic matching keeps it unless told to overwrite.
    public var isUserDecision: Bool { self == .manual || self == .accepted }
}

public enum JournalStatus: String, Sendable, Codable {
    case open, posted
}

public struct JournalHeader: Hashable, Sendable, Codable {
    public var id: Int64
    public var bankAccountNo: String
    public var statementNo: String
    public var statementDate: LocalDate
    public var balanceLastStatement: Money
    public var statementEndingBalance: Money
    public var currency: String
    public var status: JournalStatus

    public init(id: Int64, bankAccountNo: String, statementNo: String, statementDate: LocalDate,
                balanceLastStatement: Money, statementEndingBalance: Money, currency: String, status: JournalStatus = .open) {
        self.id = id; self.bankAccountNo = bankAccountNo; self.statementNo = statementNo
        self.statementDate = statementDate; self.balanceLastStatement = balanceLastStatement
        self.statementEndingBalance = statementEndingBalance; self.currency = currency; self.status = status
    }
}

public struct JournalLine: Hashable, Sendable, Codable {
    public var journalId: Int64
    public var lineNo: Int
    public var transactionDate: LocalDate
    public var valueDate: LocalDate?
    public var amount: Money
    public var text: String
    public var additionalInfo: String?
    public var relatedPartyName: String?
    public var relatedPartyAccount: String?
    public var relatedPartyAddress: String?
    public var relatedPartyCity: String?
    public var reference: String?
    public var endToEndId: String?
    public var bankTransactionId: String?
    /// The line's confidence: the highest of its applications', or the user's decision.
    public var confidence: MatchConfidence
    /// Set when (part of) the line goes straight to an account.
    public var account: AccountRef?
    /// How much goes to `account`.
    public var accountAmount: Money
    /// The line this one was split from by "transfer difference to account".
    public var parentLineNo: Int?
    public var details: [StatementEntry.Detail]

    public init(journalId: Int64, lineNo: Int, transactionDate: LocalDate, valueDate: LocalDate? = nil, amount: Money,
                text: String, additionalInfo: String? = nil, relatedPartyName: String? = nil,
                relatedPartyAccount: String? = nil, relatedPartyAddress: String? = nil, relatedPartyCity: String? = nil,
                reference: String? = nil, endToEndId: String? = nil, bankTransactionId: String? = nil,
                confidence: MatchConfidence = .none, account: AccountRef? = nil, accountAmount: Money = .zero,
                parentLineNo: Int? = nil, details: [StatementEntry.Detail] = []) {
        self.journalId = journalId; self.lineNo = lineNo; self.transactionDate = transactionDate
        self.valueDate = valueDate; self.amount = amount; self.text = text; self.additionalInfo = additionalInfo
        self.relatedPartyName = relatedPartyName; self.relatedPartyAccount = relatedPartyAccount
        self.relatedPartyAddress = relatedPartyAddress; self.relatedPartyCity = relatedPartyCity
        self.reference = reference; self.endToEndId = endToEndId; self.bankTransactionId = bankTransactionId
        self.confidence = confidence; self.account = account; self.accountAmount = accountAmount
        self.parentLineNo = parentLineNo; self.details = details
    }
}

/// What an application is applied to.
public enum ApplicationTarget: Hashable, Sendable, Codable {
    /// A customer or vendor ledger entry.
    case ledgerEntry(Int64)
    /// An open bank ledger entry (a payment already posted elsewhere).
    case bankLedgerEntry(Int64)
}

public struct Application: Hashable, Sendable, Codable {
    public var journalId: Int64
    public var lineNo: Int
    public var target: ApplicationTarget
    /// Money from the statement line that goes to the entry.
    public var appliedAmount: Money
    /// Discount granted/received that closes the rest of the entry.
    public var discountAmount: Money
    /// Small difference written off within the bank account's tolerance.
    public var toleranceAmount: Money
    public var confidence: MatchConfidence
    public var evidence: [Evidence]

    public init(journalId: Int64, lineNo: Int, target: ApplicationTarget, appliedAmount: Money,
                discountAmount: Money = .zero, toleranceAmount: Money = .zero,
                confidence: MatchConfidence, evidence: [Evidence] = []) {
        self.journalId = journalId; self.lineNo = lineNo; self.target = target; self.appliedAmount = appliedAmount
        self.discountAmount = discountAmount; self.toleranceAmount = toleranceAmount
        self.confidence = confidence; self.evidence = evidence
    }
}

/// The journal as the UI and `journal show` see it.
public struct JournalSnapshot: Sendable, Equatable {
    public var header: JournalHeader
    public var lines: [JournalLine]
    /// Applications keyed by line number, in application order.
    public var applications: [Int: [Application]]

    public init(header: JournalHeader, lines: [JournalLine], applications: [Int: [Application]]) {
        self.header = header; self.lines = lines; self.applications = applications
    }

    /// Where line `no` sits in `lines`. Lines are numbered in order, so the direct guess is
    /// usually right and a large journal is searched only when lines were split or removed.
    public func index(ofLine no: Int) -> Int? {
        let guess = no - 1
        if guess >= 0 && guess < lines.count && lines[guess].lineNo == no { return guess }
        return lines.firstIndex { $0.lineNo == no }
    }

    public func appliedAmount(of line: JournalLine) -> Money {
        (applications[line.lineNo] ?? []).reduce(line.accountAmount) { $0 + $1.appliedAmount }
    }

    public func difference(of line: JournalLine) -> Money { line.amount - appliedAmount(of: line) }

    public var totalApplied: Money { lines.reduce(.zero) { $0 + appliedAmount(of: $1) } }

    /// Balance last statement + applied amounts (Business Central's "balance after posting").
    public var balanceAfterPosting: Money { header.balanceLastStatement + totalApplied }
}
