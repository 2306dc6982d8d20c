import AvstemCore

/// One row of Business Central's "Bank Pmt. Appl. Rule" table: the confidence a candidate gets when its
/// dimensions have the given values. A nil dimension is "not considered" (matches any value).
public struct MatchRule: Hashable, Sendable, Codable {
    public var confidence: MatchConfidence
    /// 1…999; lower wins among rules of the same confidence.
    public var priority: Int
    public var relatedParty: RelatedPartyMatch?
    public var documentNo: DocumentMatch?
    public var amount: AmountMatch?
    /// BC's rule High 1 matches direct-debit collections only; nil = not considered.
    public var directDebitCollection: Bool?
    public var reviewRequired: Bool

    public init(confidence: MatchConfidence, priority: Int, relatedParty: RelatedPartyMatch? = nil,
                documentNo: DocumentMatch? = nil, amount: AmountMatch? = nil, directDebitCollection: Bool? = nil,
                reviewRequired: Bool = false) {
        self.confidence = confidence; self.priority = priority; self.relatedParty = relatedParty
        self.documentNo = documentNo; self.amount = amount; self.directDebitCollection = directDebitCollection
        self.reviewRequired = reviewRequired
    }

    /// BC's score: (confidence + 1) × 1000 − priority, with None 0, Low 1, Medium 2, High 3.
    public var score: Int { (MatchRule.level(confidence) + 1) * 1000 - priority }

    static func level(_ c: MatchConfidence) -> Int {
        switch c {
        case .none: return 0
        case .low: return 1
        case .medium: return 2
        case .high, .highTextMapping, .manual, .accepted: return 3
        }
    }

    public func fits(relatedParty rp: RelatedPartyMatch, documentNo doc: DocumentMatch, amount amt: AmountMatch,
                     directDebitCollection dd: Bool = false) -> Bool {
        (relatedParty == nil || relatedParty == rp) && (documentNo == nil || documentNo == doc)
            && (amount == nil || amount == amt) && (directDebitCollection == nil || directDebitCollection == dd)
    }

    /// "high/4": the rule's short name in evidence.
    public var code: String { "\(confidence.rawValue)/\(priority)" }
}

public enum MatchRules {
    /// Business Central's default matrix (reference-behaviour.md §2). Priorities are BC's, so "High, rule 4"
    /// means the same here as there.
    public static let businessCentralDefault: [MatchRule] = {
        let f = RelatedPartyMatch.fully, p = RelatedPartyMatch.partially, n = RelatedPartyMatch.no
        let y = DocumentMatch.yes, ym = DocumentMatch.yesMultiple, dn = DocumentMatch.no
        let one = AmountMatch.one, mul = AmountMatch.multiple, none = AmountMatch.none
        let high: [(RelatedPartyMatch?, DocumentMatch?, AmountMatch?)] = [
            (f, ym, one), (f, ym, mul), (f, y, one), (f, y, mul), (p, ym, one), (p, ym, mul),
            (p, y, one), (f, dn, one), (n, y, mul), (n, ym, one), (n, ym, mul),
        ]
        let medium: [(RelatedPartyMatch?, DocumentMatch?, AmountMatch?)] = [
            (f, ym, nil), (f, y, nil), (f, dn, mul), (p, ym, nil), (p, y, nil), (n, y, one), (n, ym, nil),
            (p, dn, one), (n, y, nil),
        ]
        let low: [(RelatedPartyMatch?, DocumentMatch?, AmountMatch?)] = [
            (f, dn, none), (p, dn, mul), (p, dn, none), (n, dn, one), (n, dn, mul),
        ]
        var rules = [MatchRule(confidence: .high, priority: 1, directDebitCollection: true)]
        for (i, r) in high.enumerated() {
            rules.append(MatchRule(confidence: .high, priority: i + 2, relatedParty: r.0, documentNo: r.1, amount: r.2))
        }
        for (i, r) in medium.enumerated() {
            rules.append(MatchRule(confidence: .medium, priority: i + 1, relatedParty: r.0, documentNo: r.1, amount: r.2,
                                   reviewRequired: true))
        }
        for (i, r) in low.enumerated() {
            rules.append(MatchRule(confidence: .low, priority: i + 1, relatedParty: r.0, documentNo: r.1, amount: r.2,
                                   reviewRequired: true))
        }
        return rules
    }()

    /// Score of a text-to-account mapping: above every Medium rule, below every real High one.
    public static let textMappingScore = 3000
}

/// Where avstem departs from Business Central on purpose: a wrong application costs the bookkeeper more
/// than an empty line, so a candidate resting on one piece of evidence is offered for review, not applied.
public struct MatchPolicy: Hashable, Sendable {
    /// BC's Low 4 and Low 5 apply an entry of an unknown party only because its amount fits. On a real
    /// statement most such lines are someone else's money (a refund, an unknown payer, an invoice of the
    /// same amount). `true` restores BC's behaviour.
    public var appliesAmountOnly: Bool
    /// BC's Low 1 and Low 3 apply some entry of a party recognised by account or name although neither a
    /// document nor the amount points to it: which entry is meant is a guess. `true` restores BC's behaviour.
    public var appliesPartyOnly: Bool

    public init(appliesAmountOnly: Bool = false, appliesPartyOnly: Bool = false) {
        self.appliesAmountOnly = appliesAmountOnly; self.appliesPartyOnly = appliesPartyOnly
    }

    /// Business Central's own behaviour.
    public static let businessCentral = MatchPolicy(appliesAmountOnly: true, appliesPartyOnly: true)
}

/// The rules resolved once for every combination of dimension values, so scoring a candidate is a table look-up.
struct RuleTable: Sendable {
    private let best: [MatchRule?]
    private let bestBelowHigh: [MatchRule?]
    /// Candidates scoring below this are listed but never applied.
    let threshold: Int
    /// Whether a candidate with a single piece of evidence is applied (see MatchPolicy).
    let policy: MatchPolicy

    init(_ rules: [MatchRule], policy: MatchPolicy = MatchPolicy()) {
        self.policy = policy
        let ordered = rules.filter { $0.confidence != .none }.sorted { $0.score > $1.score }
        var best: [MatchRule?] = [], belowHigh: [MatchRule?] = []
        for rp in RelatedPartyMatch.allCases {
            for doc in DocumentMatch.allCases {
                for amt in AmountMatch.allCases {
                    let fitting = ordered.filter { $0.fits(relatedParty: rp, documentNo: doc, amount: amt) }
                    best.append(fitting.first)
                    belowHigh.append(fitting.first { MatchRule.level($0.confidence) < 3 })
                }
            }
        }
        self.best = best
        self.bestBelowHigh = belowHigh
        self.threshold = ordered.map(\.score).min() ?? Int.max
    }

    func rule(_ rp: RelatedPartyMatch, _ doc: DocumentMatch, _ amt: AmountMatch) -> MatchRule? {
        best[RuleTable.slot(rp, doc, amt)]
    }

    /// The best rule when the document evidence may not lift a candidate to High by itself (a reference
    /// whose check digit fails): the better of "as if no document matched" and any non-High rule.
    func ruleWithoutHighFromDocument(_ rp: RelatedPartyMatch, _ doc: DocumentMatch, _ amt: AmountMatch) -> MatchRule? {
        let candidates = [rule(rp, .no, amt), bestBelowHigh[RuleTable.slot(rp, doc, amt)]].compactMap { $0 }
        return candidates.max { $0.score < $1.score }
    }

    /// The best rule below High for these values (the learned memory may not lift a candidate to High).
    func ruleBelowHigh(_ rp: RelatedPartyMatch, _ doc: DocumentMatch, _ amt: AmountMatch) -> MatchRule? {
        bestBelowHigh[RuleTable.slot(rp, doc, amt)]
    }

    private static func slot(_ rp: RelatedPartyMatch, _ doc: DocumentMatch, _ amt: AmountMatch) -> Int {
        let r = RelatedPartyMatch.allCases.firstIndex(of: rp)!, d = DocumentMatch.allCases.firstIndex(of: doc)!
        let a = AmountMatch.allCases.firstIndex(of: amt)!
        return (r * 3 + d) * 3 + a
    }
}

extension RuleTable {
    /// Whether the greedy pass may apply this candidate: it scores at least the lowest rule (or is a text
    /// mapping), and is more than an amount alone unless the policy allows that.
    func applies(_ s: Scored) -> Bool {
        if s.confidence == .highTextMapping { return true }
        guard s.score >= threshold else { return false }
        // A reference one digit off an entry's is for the reviewer to confirm (NearEvidence.swift).
        if s.reviewOnly { return false }
        // Several combinations of a party's entries fit the amount: which one is meant is the reviewer's call.
        if s.combinations > 1 { return false }
        if s.amountOnly && !policy.appliesAmountOnly { return false }
        if s.partyOnly && !policy.appliesPartyOnly { return false }
        return true
    }
}
