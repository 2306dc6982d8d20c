import AvstemCore

/// How the related party of a candidate was recognised.
struct PartyMatch: Sendable {
    /// `name`: another party has the same name; `nearToSeveral`: the names differ, but the text is as
    /// near to another party's (a name the bank cut short: "FJORD BAKERI BERGEN S").
    /// `wordOrder`: the payer's name has the party's words in another order ("Hansen Ola"), never more
    /// than partially: a namesake writes the same words.
    enum How: Sendable { case account, nameAndAddress, uniqueName, name, nearToSeveral, learned, wordOrder, none }
    var value: RelatedPartyMatch
    var how: How
    var nearness: Int
}

/// Working memory reused across the lines of one run, so the name search allocates nothing per line.
struct ScoringScratch {
    /// The same payer name recurs across a statement; its parties are looked up once.
    var nameCache: [String: [(Int32, Int)]] = [:]
    /// Per party: how many of the pieces it is filed under the line's name has (0 = not touched).
    var hits: [UInt8]
    var touched: [Int32] = []

    init(partyCount: Int) { hits = [UInt8](repeating: 0, count: partyCount) }
}

/// How a candidate entry's document was found in the line.
enum DocumentEvidence: Sendable {
    case documentNo
    case externalDocumentNo
    case reference(StructuredReference.Check)
    /// Near evidence (NearEvidence.swift): the reference is one digit off the entry's, or the document
    /// no. sits inside a longer digit string. Weaker than the cases above: never makes a match High.
    case referenceSlip(ReferenceSlip)
    case embedded(EmbeddedDocument)

    var isNear: Bool {
        switch self {
        case .referenceSlip, .embedded: return true
        case .documentNo, .externalDocumentNo, .reference: return false
        }
    }
}

/// One scored candidate of one line: a single entry, a one-to-many group, a bank ledger entry or a mapping.
struct Scored: Sendable {
    /// A single entry has its own case so that scoring thousands of them allocates no arrays.
    enum Target { case entry(Int32), group([Int32]), bank(Int32), mapping(Int) }
    var target: Target
    var party: Int32 = -1
    var partyMatch = PartyMatch(value: .no, how: .none, nearness: 0)
    var doc: DocumentMatch = .no
    var docEvidence: [DocumentEvidence] = []
    var amount: AmountMatch = .none
    /// Open entries of the same ledger whose amount is in the line's range (bank entries: same amount, ±2 days).
    var inRangeCount = 0
    /// What settles the target on the line's date (sum for groups).
    var due: Money = .zero
    var rule: MatchRule?
    /// For a group found by its amounts alone: how many combinations of the party's entries fit (0 otherwise).
    var combinations = 0
    /// Set when a reference with a failing check digit was kept from making the match High.
    var cappedForCheckDigit = false
    /// Set when only near evidence (a reference one digit off, an embedded document no.) points to the
    /// entry's document: it may not make the match High.
    var cappedForNearEvidence = false
    /// A reference one digit off is the only document evidence: offered for review, never applied.
    var reviewOnly = false
    var score = 0
    var confidence: MatchConfidence = .none
    var firstEntryNo: Int64 = 0
    var closeness: Int64 = 0

    /// Nothing but the amount points to this entry: the party is not recognised and no document was found.
    var amountOnly: Bool { kindOrder == 0 && partyMatch.value == .no && doc == .no }
    /// Only the party points to this entry: no document, and the amount does not fit.
    var partyOnly: Bool { kindOrder == 0 && partyMatch.value != .no && doc == .no && amount == .none }

    var entryCount: Int {
        if case .group(let e) = target { return e.count }
        return 1
    }

    /// The ledger entries of a single or group candidate, in the order they are paid.
    var entryList: [Int32]? {
        switch target {
        case .entry(let e): return [e]
        case .group(let es): return es
        case .bank, .mapping: return nil
        }
    }

    /// Kind order at equal score: ledger entries, then an already-posted bank entry (preferred to posting
    /// a mapping again), then the mapping.
    var kindOrder: Int {
        switch target {
        case .entry, .group: return 0
        case .bank: return 1
        case .mapping: return 2
        }
    }

    /// Best first: higher score, more entries, ledger before bank before mapping, closer amount, lower
    /// entry no. Every part is an id or amount, so the order never depends on input order.
    var rankKey: (Int, Int, Int, Int64, Int64) { (-score, -entryCount, kindOrder, closeness, firstEntryNo) }

    /// Sorts by rank through a key array: comparing integers, not moving whole candidates around.
    static func ranked(_ list: [Scored]) -> [Scored] {
        let keys = list.map(\.rankKey)
        return list.indices.sorted { keys[$0] < keys[$1] }.map { list[$0] }
    }
}

/// Finds and scores the candidates of one line. Caches the related-party verdict per party, because a
/// line usually has several candidate entries of the same party.
struct LineScorer {
    let index: MatchIndex
    let rules: RuleTable
    let f: LineFeatures
    var partyCache: [Int32: PartyMatch] = [:]
    /// The four-character pieces of the line's name, built on first use.
    var queryPieces: GramSet?
    /// Parties the name search found near the line's name (nil when it did not run).
    var nearParties: Set<Int32>?
    /// In-range counts per ledger, and the first in-range entries (capped; the count is exact).
    var inRangeCount = [0, 0]
    var inRangeEntries: [[Int32]] = [[], []]

    /// Caps what amount alone may bring in: a known party's entries in range are added through the party
    /// (partyEntries), so the rest are other parties' entries, which at best are offered as amount-only
    /// candidates for review; scoring hundreds of equal amounts would buy nothing.
    static let amountCandidateCap = 12
    static let partyCandidateCap = 50
    static let namePostingBudget = 5_000
    static let ownPieceListCap = 1_000
    static let nameCheckCap = 500

    /// Entries used up by the user's decisions on other lines: BC takes them out of the candidate pool.
    let excluded: Set<Int32>

    init(index: MatchIndex, rules: RuleTable, features: LineFeatures, excluded: Set<Int32> = []) {
        self.index = index; self.rules = rules; self.f = features; self.excluded = excluded
        guard f.sign != 0 else { return }
        for ledger in 0..<2 { scanAmountRange(ledger) }
    }

    private mutating func scanAmountRange(_ ledger: Int) {
        // Plain integer arrays only: a common amount (a membership fee) can put thousands of entries in range.
        let day = f.date.dayNumber
        var count = 0, found: [Int32] = []
        func take(_ e: Int32) {
            if !excluded.isEmpty && excluded.contains(e) { return }
            count += 1
            if found.count < LineScorer.amountCandidateCap { found.append(e) }
        }
        let rem = index.byRemaining[ledger]
        let d = Int32(clamping: day)
        for k in rem.range(f.range) {
            // An entry whose discount still runs is counted by its discounted amount, below.
            if rem.postingDay[k] > d || d <= rem.discountUntilDay[k] { continue }
            take(rem.items[k])
        }
        let disc = index.byDiscounted[ledger]
        for k in disc.range(f.range) {
            if disc.postingDay[k] > d || d > disc.discountUntilDay[k] { continue }
            take(disc.items[k])
        }
        inRangeCount[ledger] = count
        inRangeEntries[ledger] = found.sorted()
    }

    // MARK: related party

    /// Parties whose bank account (as the books write it, normalised) the payer's account contains.
    func partiesByAccount() -> Set<Int32> {
        var out = Set<Int32>()
        let acct = Array(f.payerAccount.utf8)
        for length in index.accountLengths where length <= acct.count {
            for start in 0...(acct.count - length) {
                out.formUnion(index.accountIndex[String(decoding: acct[start..<start + length], as: UTF8.self)] ?? [])
            }
        }
        return out
    }

    /// Parties whose name is near the line's name (or text), with their nearness. Parties come from the
    /// piece index (see MatchIndex.gramIndex); only those whose name is covered by shared pieces to 95 %
    /// of the shorter length are worth BC's quadratic nearness.
    ///
    /// Pieces are visited rarest first within a budget of postings, a safety net that keeps a line's cost
    /// bounded when very many names consist of the same common pieces.
    func partiesByName(_ scratch: inout ScoringScratch) -> [(Int32, Int)] {
        let q = f.nameQuery
        guard q.count >= StringNearness.threshold else { return [] }
        var queryGrams = Set(MatchIndex.grams(q))
        queryGrams.remove(0)
        let present = GramSet(Array(queryGrams))
        // Parties filed under their rarest pieces, plus every party holding one of the query's two rarest
        // pieces: a query shorter than the name (cut short by the bank) must be nearly all in the name,
        // but it may miss the name's rarest pieces. Not needed when no name is longer than the query.
        // Only short lists: a piece thousands of names share ("BAKERI") singles nobody out, and checking
        // every holder would make a line's cost grow with the size of the books.
        let ownRarest = q.count >= index.maxNameLength ? [] : queryGrams.compactMap { index.fullGramIndex[$0] }
            .filter { $0.count <= LineScorer.ownPieceListCap }
            .sorted { ($0.count, $0.first ?? 0) < ($1.count, $1.first ?? 0) }.prefix(2)
        let lists = queryGrams.compactMap { index.gramIndex[$0] }
            .sorted { ($0.count, $0.first ?? 0) < ($1.count, $1.first ?? 0) }
        var visited = 0
        for list in lists where visited < LineScorer.namePostingBudget {
            visited += list.count
            for p in list {
                let h = scratch.hits[Int(p)]
                if h == 0 { scratch.touched.append(p) }
                if h < 200 { scratch.hits[Int(p)] = h + 1 }
            }
        }
        // A party found through the query's own rarest pieces is always checked (a name cut short by the bank).
        for list in ownRarest where visited < LineScorer.namePostingBudget {
            visited += list.count
            for p in list {
                if scratch.hits[Int(p)] == 0 { scratch.touched.append(p) }
                scratch.hits[Int(p)] = 200
            }
        }
        var out: [(Int32, Int)] = []
        var checks = 0
        index.flatGrams.withUnsafeBufferPointer { grams in
            for p in scratch.touched {
                let i = Int(p)
                let hits = scratch.hits[i]
                scratch.hits[i] = 0
                // Nearness 95 leaves few of a name's pieces out of the text: a party with fewer than three of
                // its four rarest pieces there is far off (it shares a word such as "BYGG" or a city).
                if Int(hits) < min(index.partyFiledPieces[i], 3) { continue }
                // A bound on the work per line, whatever the size of the books (lists are visited rarest
                // first, so the parties met first are the likeliest).
                checks += 1
                if checks > LineScorer.nameCheckCap { continue }
                let nameLength = index.partyNameLength[i]
                if q.count * 100 < nameLength * StringNearness.minimumTextShare && !f.nameCutShort { continue }
                let needed = (95 * min(nameLength, q.count) + 99) / 100
                let pieces = UnsafeBufferPointer(rebasing: grams[index.gramStart[i]..<index.gramStart[i + 1]])
                guard LineScorer.coveredPositions(pieces, present: present) >= needed else { continue }
                let n = StringNearness.nameScore(index.partyName[i], q, cutShort: f.nameCutShort)
                if n >= 95 { out.append((p, n)) }
            }
        }
        scratch.touched.removeAll(keepingCapacity: true)
        return out.sorted { $0.0 < $1.0 }
    }

    /// How many characters of a name lie inside one of its four-character pieces that the query also
    /// has: an upper bound on what BC's nearness can match, since it only counts common substrings of
    /// length four or more.
    static func coveredPositions(_ grams: UnsafeBufferPointer<UInt64>, present: GramSet) -> Int {
        var covered = 0, coveredUntil = 0
        // A piece holding a wide scalar cannot be looked up, so it counts as covered (the bound stays an upper bound).
        for (i, g) in grams.enumerated() where g == 0 || present.contains(g) {
            covered += i + 4 - max(i, coveredUntil)
            coveredUntil = i + 4
        }
        return covered
    }

    /// Whether party p's name can reach nearness 95 with the line's name: the share of the text, then how
    /// much of the name lies in four-character pieces the text also has (see coveredPositions).
    mutating func mayReach95(_ p: Int32) -> Bool {
        let i = Int(p), q = f.nameQuery
        guard q.count >= StringNearness.threshold else { return false }
        let nameLength = index.partyNameLength[i]
        if q.count * 100 < nameLength * StringNearness.minimumTextShare && !f.nameCutShort { return false }
        if queryPieces == nil {
            var grams = Set(MatchIndex.grams(q)); grams.remove(0)
            queryPieces = GramSet(Array(grams))
        }
        let needed = (95 * min(nameLength, q.count) + 99) / 100
        return index.flatGrams.withUnsafeBufferPointer { grams in
            LineScorer.coveredPositions(UnsafeBufferPointer(rebasing: grams[index.gramStart[i]..<index.gramStart[i + 1]]),
                                        present: queryPieces!) >= needed
        }
    }

    mutating func partyMatch(_ p: Int32, byAccount: Set<Int32>) -> PartyMatch {
        if p < 0 { return PartyMatch(value: .no, how: .none, nearness: 0) }
        if byAccount.contains(p) { return PartyMatch(value: .fully, how: .account, nearness: 100) }
        if let cached = partyCache[p] { return cached }
        // Most candidates come from the amount index and belong to parties whose name shares next to
        // nothing with the payer's: the piece bound rules them out without BC's quadratic nearness
        // (nearness -1 = "below 95", worked out only if the evidence is shown).
        guard mayReach95(p) else {
            let result = wordOrderMatch(p) ?? PartyMatch(value: .no, how: .none, nearness: -1)
            partyCache[p] = result
            return result
        }
        let n = StringNearness.nameScore(index.partyName[Int(p)], f.nameQuery, cutShort: f.nameCutShort)
        var result = wordOrderMatch(p, nearness: n) ?? PartyMatch(value: .no, how: .none, nearness: n)
        if n >= 95 {
            let i = Int(p)
            if !f.address.isEmpty && !f.city.isEmpty && f.address == index.partyAddress[i] && f.city == index.partyCity[i] {
                result = PartyMatch(value: .fully, how: .nameAndAddress, nearness: n)
            } else if !index.partyNameUnique[i] {
                result = PartyMatch(value: .partially, how: .name, nearness: n)
            } else if let near = nearParties, near != [p] {
                // BC upgrades a unique name to fully; but when the text is as near to other parties' names,
                // the name does not single this party out, and a wrong High costs more than a review.
                result = PartyMatch(value: .partially, how: .nearToSeveral, nearness: n)
            } else {
                result = PartyMatch(value: .fully, how: .uniqueName, nearness: n)
            }
        }
        partyCache[p] = result
        return result
    }

    /// "partially" when the payer's name has exactly party p's words in another order; never "fully",
    /// since a namesake (or a husband and wife) writes the same words.
    func wordOrderMatch(_ p: Int32, nearness: Int = -1) -> PartyMatch? {
        guard !f.wordSetKey.isEmpty, index.wordOrder.keys[Int(p)] == f.wordSetKey else { return nil }
        return PartyMatch(value: .partially, how: .wordOrder, nearness: nearness)
    }

    // MARK: candidates

    func eligible(_ e: Int32) -> Bool {
        let entry = index.entries[Int(e)]
        return entry.remainingAmount.sign == f.sign && entry.postingDate <= f.date && !excluded.contains(e)
    }

    /// Every candidate of the line, scored, best first.
    mutating func scoreAll(extraEntries: [Int32] = [], scratch: inout ScoringScratch) -> [Scored] {
        guard f.sign != 0 else { return [] }
        let byAccount = partiesByAccount()
        let byName: [(Int32, Int)]
        if !byAccount.isEmpty {
            // The payer is known by account. Entries of a party found only by name could at best score Low
            // (no document, no amount: those would have been found through their own indexes), below the
            // known party's own entries, so the name search is skipped.
            byName = []
        } else if let cached = scratch.nameCache[f.nameKey] {
            byName = cached
        } else {
            byName = partiesByName(&scratch)
            scratch.nameCache[f.nameKey] = byName
        }
        if byAccount.isEmpty { nearParties = Set(byName.map(\.0)) }

        var documents: [Int32: [DocumentEvidence]] = [:]
        if let check = f.reference, !f.referenceKey.isEmpty {
            for e in index.referenceIndex[f.referenceKey] { documents[e, default: []].append(.reference(check)) }
        }
        for span in f.spans {
            for e in index.documentIndex[span] { documents[e, default: []].append(.documentNo) }
            for e in index.externalDocumentIndex[span] { documents[e, default: []].append(.externalDocumentNo) }
        }

        // A structured reference equal to no entry's may be one typing slip off an entry's; a long digit
        // string may hold a document no. with leading zeros and a check digit. Near evidence only: looked
        // for where no exact evidence points to the entry.
        if let check = f.reference, check.kind != .other, !f.referenceKey.isEmpty, index.referenceIndex[f.referenceKey].isEmpty {
            for (e, slip) in NearEvidence.slips(f.referenceKey, compact: check.compact, index: index) where documents[e] == nil {
                documents[e] = [.referenceSlip(slip)]
            }
        }
        for (e, found) in NearEvidence.embedded(f.digitStrings, index: index) {
            if let known = documents[e], !known.allSatisfy(\.isNear) { continue }
            documents[e, default: []].append(.embedded(found))
        }
        let exactDocuments = documents.contains { !$0.value.allSatisfy(\.isNear) }

        var pool = Set<Int32>(documents.keys)
        for ledger in 0..<2 { pool.formUnion(inRangeEntries[ledger]) }
        var knownParties = byAccount.union(byName.map(\.0))
        // The payer's name with a party's words in another order ("Hansen Ola" for "Ola Hansen").
        if byAccount.isEmpty { knownParties.formUnion(index.wordOrder.parties(f.wordSetKey)) }
        for p in knownParties {
            let own = index.partyEntries[Int(p)]
            if own.count <= LineScorer.partyCandidateCap {
                pool.formUnion(own)
            } else {
                pool.formUnion(own.prefix(LineScorer.partyCandidateCap / 5))
                // The party's own entries whose amount fits (the amount index keeps only the first few of all parties').
                for e in own {
                    let entry = index.entries[Int(e)]
                    if f.range.contains(entry.amountDue(on: f.date)) || f.range.contains(entry.remainingAmount) { pool.insert(e) }
                }
            }
        }
        pool.formUnion(extraEntries)
        pool.formUnion(learnedPool(known: knownParties))

        var scored: [Scored] = []
        var groups: [Int32: [Int32]] = [:]
        for e in pool where eligible(e) {
            let evidence = (documents[e] ?? []).sortedForDisplay()
            let s = scoreEntry(e, documents: evidence, byAccount: byAccount)
            if !s.docEvidence.isEmpty && !s.cappedForNearEvidence && !s.reviewOnly && s.doc != .no && s.party >= 0 {
                groups[s.party, default: []].append(e)
            }
            scored.append(s)
        }
        for (p, members) in groups where members.count >= 2 {
            scored.append(scoreGroup(p, members: members, byAccount: byAccount))
        }
        if !exactDocuments && !knownParties.isEmpty {
            scored += scoreCombinations(parties: Array(knownParties), byAccount: byAccount, singles: scored)
        }
        scored.append(contentsOf: scoreBankEntries())
        applyLearned(&scored)
        return Scored.ranked(scored)
    }

    mutating func scoreEntry(_ e: Int32, documents: [DocumentEvidence], byAccount: Set<Int32>) -> Scored {
        let entry = index.entries[Int(e)]
        var s = Scored(target: .entry(e))
        s.party = index.entryParty[Int(e)]
        s.partyMatch = partyMatch(s.party, byAccount: byAccount)
        s.due = entry.amountDue(on: f.date)
        // Inside the discount period a customer may still pay the full amount: that settles the
        // entry too (without the discount), so it must not count as an amount mismatch.
        if s.due != entry.remainingAmount && !f.range.contains(s.due) && f.range.contains(entry.remainingAmount) {
            s.due = entry.remainingAmount
        }
        s.inRangeCount = inRangeCount[MatchIndex.ledger(entry.partyType)]
        s.amount = f.range.contains(s.due) ? (s.inRangeCount == 1 ? .one : .multiple) : .none
        s.firstEntryNo = entry.entryNo
        s.closeness = (s.due - f.amount).magnitude.minor
        // A document no. inside a longer digit string counts only when the amount fits too: a long digit
        // string holds many numbers, and one of them being some invoice's is no evidence by itself.
        let documents = s.amount == .none ? documents.filter { if case .embedded = $0 { return false }; return true } : documents
        s.docEvidence = documents
        s.doc = documents.isEmpty ? .no : .yes
        if !documents.isEmpty && documents.allSatisfy(\.isNear) {
            scoreNearEvidence(&s, documents)
            return s
        }
        // A reference whose check digit fails may be a typo that equals someone else's reference.
        let onlyUncheckedReference = !documents.isEmpty && documents.allSatisfy {
            if case .reference(let c) = $0 { return c.hasCheckDigit && !c.isValid }
            return false
        }
        var rule = rules.rule(s.partyMatch.value, s.doc, s.amount)
        if onlyUncheckedReference, let r = rule, r.confidence == .high {
            rule = rules.ruleWithoutHighFromDocument(s.partyMatch.value, s.doc, s.amount)
            s.cappedForCheckDigit = true
        }
        setRule(&s, rule)
        return s
    }

    /// Near evidence (a reference one digit off, an embedded document no.) may lift a candidate, never to
    /// High. When the candidate applies without it (say a known payer and a unique amount), it is scored
    /// as without it and the near evidence is only shown; a reference one digit off alone is never applied.
    func scoreNearEvidence(_ s: inout Scored, _ documents: [DocumentEvidence]) {
        let rp = s.partyMatch.value
        var plain = s
        plain.doc = .no
        setRule(&plain, rules.rule(rp, .no, s.amount))
        if rules.applies(plain) {
            s.doc = .no
            setRule(&s, plain.rule)
            return
        }
        setRule(&s, rules.ruleWithoutHighFromDocument(rp, .yes, s.amount))
        s.cappedForNearEvidence = true
        s.reviewOnly = !documents.contains { if case .embedded = $0 { return true }; return false }
    }

    mutating func scoreGroup(_ p: Int32, members: [Int32], byAccount: Set<Int32>) -> Scored {
        let order = index.partyEntries[Int(p)]
        let set = Set(members)
        let ordered = order.filter { set.contains($0) }
        var s = Scored(target: .group(ordered))
        s.party = p
        s.partyMatch = partyMatch(p, byAccount: byAccount)
        s.doc = .yesMultiple
        s.due = ordered.reduce(Money.zero) { $0 + index.entries[Int($1)].amountDue(on: f.date) }
        // The group is the one match unless single entries of the ledger also fit the amount.
        s.inRangeCount = inRangeCount[MatchIndex.ledger(index.parties[Int(p)].type)]
        s.amount = f.range.contains(s.due) ? (s.inRangeCount == 0 ? .one : .multiple) : .none
        s.firstEntryNo = ordered.map { index.entries[Int($0)].entryNo }.min() ?? 0
        s.closeness = (s.due - f.amount).magnitude.minor
        setRule(&s, rules.rule(s.partyMatch.value, s.doc, s.amount))
        return s
    }

    /// Open bank ledger entries with the line's amount posted within two days: a payment already booked
    /// elsewhere, which the line should close rather than post again.
    func scoreBankEntries() -> [Scored] {
        let matches = (index.bankEntriesByAmount[f.amount.minor] ?? []).filter {
            abs(index.bankEntries[Int($0)].postingDate.dayNumber - f.date.dayNumber) <= 2
        }
        let mapped = textMapping() != nil
        return matches.map { b in
            let entry = index.bankEntries[Int(b)]
            var s = Scored(target: .bank(b))
            s.amount = matches.count == 1 ? .one : .multiple
            s.inRangeCount = matches.count
            s.due = entry.amount
            s.firstEntryNo = entry.entryNo
            s.closeness = Int64(abs(entry.postingDate.dayNumber - f.date.dayNumber))
            if let doc = entry.documentNo?.uppercased(), doc.count >= 4, f.spans.contains(doc) {
                s.doc = .yes; s.docEvidence = [.documentNo]
            }
            if let d = entry.description, !d.isEmpty {
                let n = StringNearness.nameScore(Array(TextNormalisation.name(d).unicodeScalars),
                                                 Array(TextNormalisation.name(f.line.text).unicodeScalars))
                if n >= 95 { s.partyMatch = PartyMatch(value: .partially, how: .name, nearness: n) }
            }
            if mapped {
                // BC prefers the already-posted entry over posting the mapping again.
                s.score = MatchRules.textMappingScore; s.confidence = .highTextMapping
            } else {
                setRule(&s, rules.rule(s.partyMatch.value, s.doc, s.amount))
            }
            return s
        }
    }

    /// The first text-to-account mapping (longest text first) that fits the line's text: contained in it,
    /// or for a `re:` mapping, its pattern found in it (MappingMatcher).
    func textMapping() -> Int? {
        index.mappingMatcher.first(text: f.line.text, upperText: f.upperText)
    }

    func setRule(_ s: inout Scored, _ rule: MatchRule?) {
        s.rule = rule
        s.score = rule?.score ?? 0
        s.confidence = rule?.confidence ?? .none
    }
}

extension Array where Element == DocumentEvidence {
    /// Reference first (the strongest evidence), then document no., then external document no.
    func sortedForDisplay() -> [DocumentEvidence] {
        func rank(_ d: DocumentEvidence) -> Int {
            switch d {
            case .reference: return 0
            case .documentNo: return 1
            case .externalDocumentNo: return 2
            case .referenceSlip: return 3
            case .embedded: return 4
            }
        }
        var seen = Set<Int>()
        return sorted { rank($0) < rank($1) }.filter { seen.insert(rank($0)).inserted }
    }
}
