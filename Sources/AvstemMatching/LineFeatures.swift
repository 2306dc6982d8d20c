import AvstemCore
import Foundation

/// What the engine reads from one statement line, computed once per line; a class so the scorer and
/// the explainer share it rather than copy it.
final class LineFeatures: Sendable {
    let line: JournalLine
    let sign: Int
    let range: ClosedRange<Money>
    /// Token-bounded substrings of upper(text + additional info) that could be document numbers.
    let spans: Set<String>
    let reference: StructuredReference.Check?
    let referenceKey: String
    let payerAccount: String
    /// The normalised related-party name, or the normalised text when the statement gave no name.
    let nameQuery: [Unicode.Scalar]
    let nameKey: String
    let nameQueryIsText: Bool
    /// The payer's name is exactly as long as a bank's name field: it was probably cut there.
    let nameCutShort: Bool
    let address: String
    let city: String
    let upperText: String
    /// The name's words as a set (NearEvidence.wordSetKey), for the word-order path; empty below two words.
    let wordSetKey: String
    /// Digit strings that may hold a document no. with leading zeros and a check digit (NearEvidence).
    let digitStrings: [String]

    init(_ line: JournalLine, index: MatchIndex) {
        self.line = line
        sign = line.amount.sign
        range = index.bankAccount.tolerance.range(around: line.amount)
        let searchText = (line.text + " " + (line.additionalInfo ?? "")).uppercased()
        spans = index.maxDocumentLength >= 4
            ? TextNormalisation.tokenSpans(searchText, minLength: 4, maxLength: index.maxDocumentLength) : []
        let ref = line.reference?.trimmingCharacters(in: .whitespaces) ?? ""
        reference = ref.isEmpty ? nil : StructuredReference.check(ref)
        referenceKey = ref.isEmpty ? "" : TextNormalisation.reference(ref)
        payerAccount = TextNormalisation.account(line.relatedPartyAccount ?? "")
        let name = TextNormalisation.name(line.relatedPartyName ?? "")
        nameQueryIsText = name.isEmpty
        nameKey = name.isEmpty ? TextNormalisation.name(line.text) : name
        nameQuery = Array(nameKey.unicodeScalars)
        nameCutShort = !name.isEmpty && StringNearness.cutLengths.contains(line.relatedPartyName?.count ?? 0)
        address = TextNormalisation.place(line.relatedPartyAddress)
        city = TextNormalisation.place(line.relatedPartyCity)
        upperText = line.text.uppercased()
        wordSetKey = name.isEmpty ? "" : NearEvidence.wordSetKey(name)
        digitStrings = index.maxDocumentLength >= NearEvidence.minimumEmbeddedLength
            ? NearEvidence.digitStrings(searchText, reference: ref) : []
    }

    var date: LocalDate { line.transactionDate }
    var amount: Money { line.amount }
}
