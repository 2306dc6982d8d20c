import AvstemCore

/// Amount combinations: a payment without document numbers that settles several open entries of one
/// party at once. The engine looks for sets of up to `maxSize` of the party's `oldest` open entries
/// (by due date) whose amounts due on the payment date sum to the payment within tolerance.
extension LineScorer {
    static let combinationOldest = 40
    static let combinationMaxSize = 5
    /// Search nodes per party: bounds a line's cost when a party has many small entries.
    static let combinationBudget = 50_000
    /// Combinations offered for review when more than one fits.
    static let combinationsOffered = 3

    /// Every combination (2…5 entries) of the party's oldest open entries that pays `f.amount`, up to
    /// `limit + 1` of them (enough to tell one from several), each in due-date order.
    func combinations(of p: Int32, limit: Int) -> [[Int32]] {
        let own = index.partyEntries[Int(p)].lazy.filter { eligible($0) }.prefix(LineScorer.combinationOldest)
        // Magnitudes in minor units, ascending, so a branch stops as soon as its sum is too large.
        let items = own.map { e in (index.entries[Int(e)].amountDue(on: f.date).minor.magnitude, e) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        guard items.count >= 2 else { return [] }
        let lo = f.range.lowerBound.minor.magnitude, hi = f.range.upperBound.minor.magnitude
        let (low, high) = lo <= hi ? (lo, hi) : (hi, lo)
        var found: [[Int32]] = []
        var chosen: [Int] = []
        var nodes = 0
        func search(_ start: Int, _ sum: UInt64) {
            if found.count > limit || nodes >= LineScorer.combinationBudget { return }
            for i in start..<items.count {
                nodes += 1
                let s = sum + items[i].0
                if s > high { return } // ascending: every later item is larger
                chosen.append(i)
                if s >= low && chosen.count >= 2 {
                    found.append(chosen.map { items[$0].1 })
                    if found.count > limit { chosen.removeLast(); return }
                }
                if chosen.count < LineScorer.combinationMaxSize { search(i + 1, s) }
                chosen.removeLast()
            }
        }
        search(0, 0)
        let order = Dictionary(uniqueKeysWithValues: index.partyEntries[Int(p)].enumerated().map { ($1, $0) })
        return found.map { $0.sorted { order[$0]! < order[$1]! } }
    }

    /// Candidates from amount combinations of the known parties, for a line whose text names no document
    /// and whose amount fits no single entry of those parties.
    mutating func scoreCombinations(parties: [Int32], byAccount: Set<Int32>, singles: [Scored]) -> [Scored] {
        var out: [Scored] = []
        for p in parties.sorted().prefix(3) {
            if singles.contains(where: { $0.party == p && $0.amount != .none }) { continue }
            let found = combinations(of: p, limit: LineScorer.combinationsOffered)
            guard !found.isEmpty else { continue }
            let unique = found.count == 1
            for members in found.prefix(LineScorer.combinationsOffered) {
                var s = Scored(target: .group(members))
                s.party = p
                s.partyMatch = partyMatch(p, byAccount: byAccount)
                s.doc = .no
                s.combinations = found.count
                s.due = members.reduce(Money.zero) { $0 + index.entries[Int($1)].amountDue(on: f.date) }
                s.amount = unique ? .one : .multiple
                s.inRangeCount = found.count
                s.firstEntryNo = members.map { index.entries[Int($0)].entryNo }.min() ?? 0
                s.closeness = (s.due - f.amount).magnitude.minor
                setRule(&s, rules.rule(s.partyMatch.value, s.doc, s.amount))
                out.append(s)
            }
        }
        return out
    }
}
