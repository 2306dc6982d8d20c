/// What avstem learned from the user's own decisions: which party a payer's bank account was applied
/// to, and which account a transaction text was sent to. The store records it when the user applies a
/// line by hand; the engine reads it as evidence (never as a decision of its own); the user lists and
/// forgets it with `avstem memory`.

public struct LearnedChoice: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// The payer's (payee's) bank account → the customer or vendor its payment was applied to.
        case payerAccount = "payer_account"
        /// The words of a transaction text → the account the line was sent to.
        case text
    }

    public var id: Int64
    public var kind: Kind
    /// What is compared: the normalised bank account (`LearnedKey.account`) or the text's words (`LearnedKey.text`).
    public var key: String
    /// The same as the user last saw it: the account as the bank wrote it, or the line's text.
    public var shown: String
    /// The party (customer/vendor) or account the choice went to.
    public var target: AccountRef
    /// How many times the user made this choice.
    public var count: Int
    /// The transaction date of the last line it was learned from.
    public var lastDate: LocalDate

    public init(id: Int64, kind: Kind, key: String, shown: String, target: AccountRef, count: Int, lastDate: LocalDate) {
        self.id = id; self.kind = kind; self.key = key; self.shown = shown; self.target = target
        self.count = count; self.lastDate = lastDate
    }

    /// "4 times", "once".
    public var timesWords: String { count == 1 ? "once" : "\(count) times" }
}

/// Everything learned, as the matcher gets it through `MatchContext.learned`.
public struct LearnedMemory: Hashable, Sendable {
    public var choices: [LearnedChoice]

    public init(_ choices: [LearnedChoice] = []) { self.choices = choices }

    public static let empty = LearnedMemory()
    public var isEmpty: Bool { choices.isEmpty }
}

/// An account the user sent lines with a similar text to before: offered for review, never applied.
public struct AccountSuggestion: Hashable, Sendable {
    public var lineNo: Int
    public var account: AccountRef
    public var choice: LearnedChoice
    /// The words of the learned text found in the line, of how many.
    public var wordsFound: Int
    public var wordsLearned: Int
    public var evidence: Evidence

    public init(lineNo: Int, account: AccountRef, choice: LearnedChoice, wordsFound: Int, wordsLearned: Int, evidence: Evidence) {
        self.lineNo = lineNo; self.account = account; self.choice = choice
        self.wordsFound = wordsFound; self.wordsLearned = wordsLearned; self.evidence = evidence
    }
}

/// How learned keys are made, the same for recording and for matching.
public enum LearnedKey {
    /// Letters and digits only, upper case (as the matcher compares payer accounts).
    public static func account(_ text: String) -> String { IBAN.normalise(text) }

    /// The words of a text that recur from one month's transaction to the next: letters only, at least
    /// three of them, upper case, each once, in their first order. Invoice numbers, dates and amounts
    /// change every time, so digits are dropped: "Fjordkraft faktura 2026-11 kunde 88123" → "FJORDKRAFT FAKTURA KUNDE".
    public static func text(_ text: String) -> String { words(text).joined(separator: " ") }

    public static func words(_ text: String) -> [String] {
        var out: [String] = [], seen = Set<String>(), current = ""
        func flush() {
            if current.count >= 3, seen.insert(current).inserted { out.append(current) }
            current = ""
        }
        for ch in text.uppercased() {
            if ch.isLetter { current.append(ch) } else { flush() }
        }
        flush()
        return out
    }
}
