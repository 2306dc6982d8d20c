import AvstemCore
import Foundation

/// A text-to-account mapping that fits a line, with the account it posts to.
public struct TextMappingMatch: Hashable, Sendable {
    public var mapping: TextMapping
    public var account: AccountRef
    public var evidence: [Evidence]
}

/// Business Central's "Apply Automatically" (codeunit 1255), built on indexes so that a statement of
/// 10⁵ lines against 10⁶ open entries is matched in seconds rather than BC's minutes per line.
public final class MatchEngine: Sendable {
    let index: MatchIndex
    let ruleTable: RuleTable
    public let rules: [MatchRule]

    /// How many candidates a line result keeps for the detail pane.
    public static let keptCandidates = 5

    /// Lines per thread below which matching stays on one thread.
    let minimumRun: Int

    public convenience init(context: MatchContext, rules: [MatchRule] = MatchRules.businessCentralDefault,
                            policy: MatchPolicy = MatchPolicy()) {
        self.init(context: context, rules: rules, policy: policy, minimumRun: 256)
    }

    /// Tests lower `minimumRun` to run small statements across threads.
    init(context: MatchContext, rules: [MatchRule], policy: MatchPolicy = MatchPolicy(), minimumRun: Int) {
        index = MatchIndex(context)
        self.rules = rules
        ruleTable = RuleTable(rules, policy: policy)
        self.minimumRun = minimumRun
    }

    /// Candidates scoring below this are listed but not applied (1995 with the default rules).
    public var applyThreshold: Int { ruleTable.threshold }

    /// Apply automatically. `locked` = applications of lines the user decided (manual/accepted); those
    /// lines are not re-matched but their applications consume entries. Returns one result per line not
    /// locked, in input order.
    public func match(lines: [JournalLine], locked: [Int: [Application]] = [:], order: AssignmentOrder = .byEvidence) -> [LineMatchResult] {
        var state = AssignmentState(index: index)
        for (_, apps) in locked { for a in apps { state.consume(a) } }
        let usedUp = Set(state.usedEntries.compactMap { e, used in
            let remaining = index.entries[Int(e)].remainingAmount
            return (remaining - used).sign == remaining.sign ? nil : e
        })

        let open = lines.filter { locked[$0.lineNo] == nil }
        // Lines are scored independently, so each core takes a run of lines with its own scratch memory.
        let perLine: [(LineFeatures, [Scored])] = Parallel.map(open.count, minimumRun: minimumRun) { range in
            var scratch = ScoringScratch(partyCount: index.parties.count)
            return range.map { li in
                let line = open[li]
                let f = LineFeatures(line, index: index)
                var scorer = LineScorer(index: index, rules: ruleTable, features: f, excluded: usedUp)
                var list = scorer.scoreAll(scratch: &scratch)
                if let m = scorer.textMapping() {
                    var s = Scored(target: .mapping(m))
                    s.score = MatchRules.textMappingScore; s.confidence = .highTextMapping; s.due = line.amount
                    list = Scored.ranked(list + [s])
                }
                // Keep what the greedy pass may apply and what the line shows; a line scores a hundred
                // candidates or more, and holding them all for 10⁵ lines costs more memory than the indexes.
                let lastApplicable = list.lastIndex { ruleTable.applies($0) } ?? -1
                if list.count > max(lastApplicable + 1, MatchEngine.keptCandidates * 2) {
                    list.removeSubrange(max(lastApplicable + 1, MatchEngine.keptCandidates * 2)...)
                }
                return (f, list)
            }
        }
        var pairs: [PairKey] = []
        for (li, (f, list)) in perLine.enumerated() {
            for (ci, s) in list.enumerated() where ruleTable.applies(s) {
                pairs.append(PairKey(s, lineNo: f.line.lineNo, line: li, candidate: ci))
            }
        }

        // Greedy over all lines at once, best score first, so a strong match elsewhere in the statement
        // takes an entry before a weak one here can.
        switch order {
        case .byEvidence: pairs.sort()
        case .lineByLine: pairs.sort { ($0.line, $0.candidate) < ($1.line, $1.candidate) }
        }
        var outcome = open.map { LineOutcome(remaining: $0.amount) }
        for p in pairs {
            state.assign(perLine[p.line].1[p.candidate], candidate: p.candidate, line: perLine[p.line].0, outcome: &outcome[p.line])
        }

        let outcomes = outcome
        return Parallel.map(open.count, minimumRun: minimumRun) { range in
            range.map { li in
                let (f, list) = perLine[li]
                let o = outcomes[li]
                // Evidence is put into words here, on every core, not in the greedy pass (one thread), and
                // once per candidate: the applied one is usually also the first one kept.
                var worded: [Int: [Evidence]] = [:]
                let kept = candidates(from: list, features: f, alreadyApplied: [:], limit: MatchEngine.keptCandidates, worded: &worded)
                let confidence = o.applications.map(\.confidence).max() ?? (o.account != nil ? .highTextMapping : .none)
                let explainer = Explainer(index: index, features: f)
                let notes = explainer.warnings(applied: o.applications, list: list)
                let applications = zip(o.applications, o.sources).map { a, source in
                    var a = a
                    if worded[source] == nil { worded[source] = explainer.evidence(list[source], rules: ruleTable) }
                    a.evidence = worded[source]! + notes
                    return a
                }
                return LineMatchResult(lineNo: f.line.lineNo, confidence: confidence, applications: applications,
                                       account: o.account, accountAmount: o.accountAmount, candidates: kept)
            }
        }
    }

    /// For "apply manually": candidate entries of the same sign as the line (any party), ranked by score
    /// then by how close their amount is; `alreadyApplied` = what other lines apply per target
    /// (proposedAmount respects it).
    public func candidates(for line: JournalLine, alreadyApplied: [ApplicationTarget: Money] = [:], limit: Int = 200) -> [Candidate] {
        let f = LineFeatures(line, index: index)
        var scorer = LineScorer(index: index, rules: ruleTable, features: f)
        var scratch = ScoringScratch(partyCount: index.parties.count)
        let list = scorer.scoreAll(extraEntries: nearestAmounts(f, count: limit), scratch: &scratch)
        return candidates(from: list, features: f, alreadyApplied: alreadyApplied, limit: limit)
    }

    /// The mapping "Map Text to Account" set up for this line's text, if any.
    public func textMapping(for line: JournalLine) -> TextMappingMatch? {
        let f = LineFeatures(line, index: index)
        let scorer = LineScorer(index: index, rules: ruleTable, features: f)
        guard let m = scorer.textMapping() else { return nil }
        let mapping = index.mappings[m]
        let account = mapping.account(forAmount: line.amount)
        return TextMappingMatch(mapping: mapping, account: account,
                                evidence: Explainer(index: index, features: f).mappingEvidence(mapping, account))
    }

    /// Entries of the line's sign nearest its amount, so "apply manually" always has something to offer.
    func nearestAmounts(_ f: LineFeatures, count: Int) -> [Int32] {
        var out: [(Int64, Int32)] = []
        for ledger in 0..<2 {
            let sorted = index.byRemaining[ledger]
            let at = sorted.lowerBound(f.amount.minor)
            var lo = at - 1, hi = at, taken = 0
            while taken < count && (lo >= 0 || hi < sorted.amounts.count) {
                let dLo = lo >= 0 ? abs(sorted.amounts[lo] - f.amount.minor) : Int64.max
                let dHi = hi < sorted.amounts.count ? abs(sorted.amounts[hi] - f.amount.minor) : Int64.max
                let k: Int
                if dHi <= dLo { k = hi; hi += 1 } else { k = lo; lo -= 1 }
                let e = sorted.items[k]
                if sorted.amounts[k].signum() == Int64(f.sign) && index.entryPostingDay[Int(e)] <= f.date.dayNumber {
                    out.append((abs(sorted.amounts[k] - f.amount.minor), e)); taken += 1
                }
            }
        }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(count).map(\.1)
    }

    func candidates(from list: [Scored], features f: LineFeatures, alreadyApplied: [ApplicationTarget: Money], limit: Int) -> [Candidate] {
        var worded: [Int: [Evidence]] = [:]
        return candidates(from: list, features: f, alreadyApplied: alreadyApplied, limit: limit, worded: &worded)
    }

    /// `worded`: evidence by position in `list`, filled in for the candidates kept, for the caller to reuse.
    func candidates(from list: [Scored], features f: LineFeatures, alreadyApplied: [ApplicationTarget: Money], limit: Int,
                    worded: inout [Int: [Evidence]]) -> [Candidate] {
        let explainer = Explainer(index: index, features: f)
        var out: [Candidate] = []
        var seen = Set<ApplicationTarget>()
        for (position, s) in list.enumerated() {
            if out.count >= limit { break }
            let targets: [(ApplicationTarget, Money)]
            switch s.target {
            case .mapping: continue
            case .bank(let b):
                let entry = index.bankEntries[Int(b)]
                targets = [(.bankLedgerEntry(entry.entryNo), entry.amount)]
            case .entry, .group:
                targets = (s.entryList ?? []).map { e in
                    let entry = index.entries[Int(e)]
                    return (.ledgerEntry(entry.entryNo), entry.amountDue(on: f.date))
                }
            }
            let evidence = explainer.evidence(s, rules: ruleTable)
            worded[position] = evidence
            for (target, due) in targets where out.count < limit && seen.insert(target).inserted {
                let open = due - (alreadyApplied[target] ?? .zero)
                let proposed = open.sign == f.sign ? (open.magnitude < f.amount.magnitude ? open : f.amount) : .zero
                out.append(Candidate(target: target, score: s.score, confidence: s.confidence,
                                     proposedAmount: proposed, evidence: evidence))
            }
        }
        return out
    }
}

/// How the statement's lines share the open entries.
public enum AssignmentOrder: String, Sendable, CaseIterable {
    /// Over the whole statement, strongest evidence first: a line that competes for an entry with a
    /// better-evidenced line falls back to its own next candidate. The default.
    case byEvidence = "by evidence"
    /// Plain greedy in statement order: each line takes its best candidate still open (for comparison).
    case lineByLine = "line by line"
}

/// A (line, candidate) pair reduced to its sort key: the greedy pass sorts every pair of the statement,
/// and comparing plain integers keeps that cheap. The order is Scored.rankKey, then line no.
struct PairKey: Comparable {
    let key: (Int, Int, Int, Int64, Int64)
    let lineNo: Int
    let line: Int
    let candidate: Int

    init(_ s: Scored, lineNo: Int, line: Int, candidate: Int) {
        key = s.rankKey
        self.lineNo = lineNo; self.line = line; self.candidate = candidate
    }

    static func < (a: PairKey, b: PairKey) -> Bool { a.key != b.key ? a.key < b.key : a.lineNo < b.lineNo }
    static func == (a: PairKey, b: PairKey) -> Bool { a.key == b.key && a.lineNo == b.lineNo }
}

/// What the greedy pass has given one line so far.
struct LineOutcome: Sendable {
    var remaining: Money
    var applications: [Application] = []
    /// For each application, the number of the candidate in the line's list it came from.
    var sources: [Int] = []
    var account: AccountRef?
    var accountAmount: Money = .zero
    /// "One account per line": the party (or bank) the line is applied to.
    var accountKey: String?
}

/// How much of each entry the applications made so far have consumed (applied + discount + tolerance).
struct AssignmentState {
    let index: MatchIndex
    var usedEntries: [Int32: Money] = [:]
    var usedBank: [Int32: Money] = [:]

    init(index: MatchIndex) { self.index = index }

    mutating func consume(_ a: Application) {
        switch a.target {
        case .ledgerEntry(let no):
            if let e = index.entryIndex(no: no) { usedEntries[e, default: .zero] += a.appliedAmount + a.discountAmount + a.toleranceAmount }
        case .bankLedgerEntry(let no):
            if let b = index.bankEntries.firstIndex(where: { $0.entryNo == no }) { usedBank[Int32(b), default: .zero] += a.appliedAmount }
        }
    }

    /// Applies candidate `s` (number `candidate` in the line's list) as far as the line and the entries
    /// allow; the applications' evidence is filled in later from `o.sources`.
    mutating func assign(_ s: Scored, candidate: Int, line f: LineFeatures, outcome o: inout LineOutcome) {
        guard !o.remaining.isZero else { return }
        switch s.target {
        case .mapping(let m):
            guard o.applications.isEmpty, o.account == nil else { return }
            o.account = index.mappings[m].account(forAmount: f.amount)
            o.accountAmount = o.remaining
            o.remaining = .zero
        case .bank(let b):
            guard o.accountKey == nil || o.accountKey == "bank" else { return }
            let entry = index.bankEntries[Int(b)]
            let open = entry.amount - (usedBank[b] ?? .zero)
            guard open.sign == f.sign else { return }
            let applied = open.magnitude < o.remaining.magnitude ? open : o.remaining
            usedBank[b, default: .zero] += applied
            o.remaining -= applied
            o.accountKey = "bank"
            o.applications.append(Application(journalId: 0, lineNo: f.line.lineNo, target: .bankLedgerEntry(entry.entryNo),
                                              appliedAmount: applied, confidence: s.confidence))
            o.sources.append(candidate)
        case .entry, .group:
            let es = s.entryList ?? []
            let key = s.party >= 0 ? "party \(s.party)" : "entry \(es[0])"
            guard o.accountKey == nil || o.accountKey == key else { return }
            // A line already applied goes on to another candidate only for a named document (an instalment
            // of another invoice in the text); what an overpayment leaves stays on the line as a difference.
            if !o.applications.isEmpty && s.doc == .no { return }
            for e in es where !o.remaining.isZero {
                guard let app = apply(e, line: f, remaining: o.remaining, allowTolerance: es.count == 1, confidence: s.confidence)
                else { continue }
                o.applications.append(app)
                o.sources.append(candidate)
                o.remaining -= app.appliedAmount
                o.accountKey = key
            }
        }
    }

    /// Applies what is left of entry `e` to the line: the smaller of the two; closes the entry with its
    /// payment discount when the discounted amount is paid, and with the tolerance when the difference
    /// is within the bank account's tolerance.
    mutating func apply(_ e: Int32, line f: LineFeatures, remaining: Money, allowTolerance: Bool, confidence: MatchConfidence) -> Application? {
        let entry = index.entries[Int(e)]
        let open = entry.remainingAmount - (usedEntries[e] ?? .zero)
        guard open.sign == entry.remainingAmount.sign, !open.isZero else { return nil }
        var discountOpen = entry.amountDue(on: f.date) != entry.remainingAmount
        if discountOpen && (remaining - open).magnitude < (remaining - (open - entry.remainingPmtDiscPossible)).magnitude {
            // The payment is nearer the full amount than the discounted one: the payer did not take the discount.
            discountOpen = false
        }
        let available = discountOpen ? open - entry.remainingPmtDiscPossible : open
        guard available.sign == open.sign, !available.isZero else { return nil }

        var applied = available.magnitude < remaining.magnitude ? available : remaining
        var tolerance = Money.zero
        let tol = index.bankAccount.tolerance
        if allowTolerance, tol.value > 0, available != remaining, tol.range(around: remaining).contains(available) {
            // Under- or overpaid by no more than the tolerance: the line pays the entry off.
            applied = remaining
            tolerance = available - remaining
        }
        var discount = Money.zero
        if discountOpen && applied + tolerance == available { discount = open - available }
        usedEntries[e, default: .zero] += applied + tolerance + discount
        return Application(journalId: 0, lineNo: f.line.lineNo, target: .ledgerEntry(entry.entryNo), appliedAmount: applied,
                           discountAmount: discount, toleranceAmount: tolerance, confidence: confidence)
    }
}

enum Parallel {
    /// `body` over `0..<count` in contiguous runs on every core, results in index order. Small inputs stay
    /// on the calling thread: spreading a few hundred lines costs more than it saves.
    static func map<T: Sendable>(_ count: Int, minimumRun: Int = 256, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
        let runs = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / minimumRun))
        if runs == 1 { return body(0..<count) }
        var parts = [[T]](repeating: [], count: runs)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: runs) { r in
                slots.base[r] = body(count * r / runs..<count * (r + 1) / runs)
            }
        }
        return parts.flatMap { $0 }
    }

    /// Each iteration writes only its own slot, and the array outlives the concurrent loop, so sharing
    /// the pointer is safe although the compiler cannot see it.
    private struct Slots<T>: @unchecked Sendable { let base: UnsafeMutablePointer<[T]> }
}
