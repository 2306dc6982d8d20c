/// Why a candidate matched: one item per dimension, kept with the application so the UI can explain it.

public enum RelatedPartyMatch: String, Sendable, Codable, Hashable, CaseIterable {
    case fully, partially, no
}

public enum DocumentMatch: String, Sendable, Codable, Hashable, CaseIterable {
    case yes
    case yesMultiple = "yes_multiple"
    case no
}

public enum AmountMatch: String, Sendable, Codable, Hashable, CaseIterable {
    case one
    case multiple
    case none = "no_matches"
}

public struct Evidence: Hashable, Sendable, Codable {
    public enum Dimension: String, Sendable, Codable, Hashable {
        case relatedParty = "related_party"
        case documentNo = "document_no"
        case reference
        case amount
        case textMapping = "text_mapping"
        case rule
        case memory
        case user
    }

    public var dimension: Dimension
    /// The dimension's value in the rule matrix's terms: `fully`, `yes_multiple`, `one`, …
    public var value: String
    /// The same in words for the user: "payer account NO93 8601 1117 947 is C0001's bank account".
    public var detail: String

    public init(_ dimension: Dimension, _ value: String, _ detail: String) {
        self.dimension = dimension; self.value = value; self.detail = detail
    }
}
