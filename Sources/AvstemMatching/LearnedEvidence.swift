import AvstemCore

/// The learned memory, looked up the way the engine needs it: payer account → the parties it was applied to.
///
/// How the memory counts: a payer account the user applied to a party before raises that party's related
/// party dimension from `no` to `partially` (never to `fully`: a payer may pay for someone else), and a
/// candidate raised that way takes the best rule below High: every High comes from evidence that is High
/// without the memory. So memory moves a line up for review, and never makes it High on its own.
struct LearnedIndex: Sendable {
    struct PartyRecord: Sendable {
        let party: Int32
        let choice: LearnedChoice
    }

    /// Per normalised payer account, the parties it was applied to, most often first.
    let byAccount: [String: [PartyRecord]]
    let texts: [(words: [String], choice: LearnedChoice)]

    static let empty = LearnedIndex(.empty, partyByKey: [:])

    init(_ memory: LearnedMemory, partyByKey: [MatchIndex.PartyKey: Int32]) {
        var accounts: [String: [PartyRecord]] = [:]
        var texts: [(words: [String], choice: LearnedChoice)] = []
        for c in memory.choices {
            switch c.kind {
            case .payerAccount:
                let type: PartyType
                switch c.target.type {
                case .customer: type = .customer
                case .vendor: type = .vendor
                case .gl: continue
                }
                guard !c.key.isEmpty, let p = partyByKey[MatchIndex.PartyKey(type: type, no: c.target.no)] else { continue }
                accounts[c.key, default: []].append(PartyRecord(party: p, choice: c))
            case .text:
                let words = LearnedKey.words(c.key)
                if !words.isEmpty { texts.append((words, c)) }
            }
        }
        byAccount = accounts.mapValues { records in
            records.sorted { ($1.choice.count, $0.party) < ($0.choice.count, $1.party) }
        }
        self.texts = texts.sorted { $0.choice.id < $1.choice.id }
    }

    func parties(forAccount account: String) -> [PartyRecord] {
        account.isEmpty ? [] : byAccount[account] ?? []
    }

    /// The account lines with this text went to before: the learned text whose words are all (or all but
    /// one of four or more) in the line's text, most words found first, then most often used, then latest.
    func suggestion(for line: JournalLine) -> AccountSuggestion? {
        guard !texts.isEmpty else { return nil }
        let lineWords = Set(LearnedKey.words(line.text + " " + (line.additionalInfo ?? "")))
        guard !lineWords.isEmpty else { return nil }
        var best: (found: Int, choice: LearnedChoice, learned: Int)?
        for (words, choice) in texts {
            let found = words.filter(lineWords.contains).count
            let allowedMissing = words.count >= 4 ? 1 : 0
            guard found >= words.count - allowedMissing else { continue }
            let key = (found, choice.count, choice.lastDate.dayNumber, -choice.id)
            if let b = best, (b.found, b.choice.count, b.choice.lastDate.dayNumber, -b.choice.id) >= key { continue }
            best = (found, choice, words.count)
        }
        guard let best else { return nil }
        let account = best.choice.target
        let words = "text \"\(line.text)\" has \(best.found) of the \(best.learned) words of \"\(best.choice.key)\", sent to "
            + "\(LearnedWords.account(account)) \(best.choice.timesWords) before (last \(best.choice.lastDate.iso)); "
            + "a suggestion only: transfer or map the text to use it"
        return AccountSuggestion(lineNo: line.lineNo, account: account, choice: best.choice, wordsFound: best.found,
                                 wordsLearned: best.learned, evidence: Evidence(.memory, "account_suggestion", words))
    }
}

enum LearnedWords {
    static func account(_ a: AccountRef) -> String {
        switch a.type {
        case .gl: return "G/L account \(a.no)"
        case .customer: return "customer \(a.no)"
        case .vendor: return "vendor \(a.no)"
        }
    }
}

extension LineScorer {
    /// Entries of the parties the payer's account was applied to before, which neither account nor name
    /// brought in: without them a learned party's entry could not be a candidate at all.
    func learnedPool(known: Set<Int32>) -> [Int32] {
        var out: [Int32] = []
        for r in index.learned.parties(forAccount: f.payerAccount) where !known.contains(r.party) {
            out += index.partyEntries[Int(r.party)].prefix(LineScorer.partyCandidateCap)
        }
        return out
    }

    /// Raises the related party of candidates whose party the payer's account was applied to before from
    /// `no` to `partially`, and scores them again. A candidate so raised gets at most the best rule below
    /// High, and keeps its old rule when the new one would not score higher.
    func applyLearned(_ scored: inout [Scored]) {
        let records = index.learned.parties(forAccount: f.payerAccount)
        guard !records.isEmpty else { return }
        let learned = Set(records.map(\.party))
        for i in scored.indices where scored[i].party >= 0 && scored[i].partyMatch.value == .no && learned.contains(scored[i].party) {
            var s = scored[i]
            if case .bank = s.target { continue }
            let before = s.rule
            var rule = rules.rule(.partially, s.doc, s.amount)
            if let r = rule, r.confidence == .high { rule = rules.ruleBelowHigh(.partially, s.doc, s.amount) }
            guard let new = rule, new.score > (before?.score ?? 0) else { continue }
            s.partyMatch = PartyMatch(value: .partially, how: .learned, nearness: s.partyMatch.nearness)
            setRule(&s, new)
            scored[i] = s
        }
    }
}

extension Explainer {
    /// The related party of a candidate that only the memory points to.
    func learnedPartyEvidence(_ s: Scored) -> Evidence {
        let party = index.partyLabel(s.party)
        let record = index.learned.parties(forAccount: features.payerAccount).first { $0.party == s.party }
        return Evidence(.relatedParty, s.partyMatch.value.rawValue,
                        "\(payerWord) account \(features.payerAccount) is not among \(party)'s bank accounts, "
                            + "but its payments were applied to \(party) \(record?.choice.timesWords ?? "once") before")
    }

    /// "payer account … was applied to customer C0001 Fjord Bakeri AS 4 times before (last 2026-10-02)",
    /// whenever the memory knows the candidate's party for this payer, whether it changed the score or not.
    func memoryEvidence(_ s: Scored) -> [Evidence] {
        guard s.party >= 0 else { return [] }
        let records = index.learned.parties(forAccount: features.payerAccount)
        guard let r = records.first(where: { $0.party == s.party }) else { return [] }
        let others = records.count - 1
        let also = others == 0 ? "" : "; also to \(others) other part\(others == 1 ? "y" : "ies")"
        return [Evidence(.memory, "payer_account",
                         "\(payerWord) account \(features.payerAccount) was applied to \(index.partyLabel(s.party)) "
                            + "\(r.choice.timesWords) before (last \(r.choice.lastDate.iso))\(also)")]
    }
}

extension MatchEngine {
    /// The account lines with a similar text were sent to before, for a line the engine left below High:
    /// a High match (or a text mapping, or the user's own decision) wins over a learned suggestion, as in
    /// Business Central a high match wins over a mapping. Never applied by the engine.
    public func accountSuggestion(for line: JournalLine, confidence: MatchConfidence) -> AccountSuggestion? {
        LearnedSuggestions.suggestion(for: line, confidence: confidence, index: index.learned)
    }
}

/// Suggestions without building a whole engine (the store's `memory suggest` reads only texts).
public enum LearnedSuggestions {
    public static func suggestions(for lines: [JournalLine], memory: LearnedMemory) -> [AccountSuggestion] {
        let index = LearnedIndex(memory, partyByKey: [:])
        return lines.compactMap { suggestion(for: $0, confidence: $0.confidence, index: index) }
    }

    static func suggestion(for line: JournalLine, confidence: MatchConfidence, index: LearnedIndex) -> AccountSuggestion? {
        guard confidence < .highTextMapping, line.account == nil else { return nil }
        return index.suggestion(for: line)
    }
}
