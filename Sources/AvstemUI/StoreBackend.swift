import AvstemCore
import AvstemMatching
import AvstemStore

/// The journal app over the real books: reads and writes go to the store, candidates for
/// "apply manually" come from the matching engine over the journal's open entries.
public final class StoreBackend: JournalBackend {
    let db: AppDatabase
    public let journalId: Int64
    /// Built on first use and kept until posting changes the open entries.
    private var engine: MatchEngine?
    private var parties: [String: Party] = [:]
    /// What other open journals hold, read with the engine: it changes only when they do.
    private var otherJournals: [ApplicationTarget: Money] = [:]

    public init(db: AppDatabase, journalId: Int64) throws {
        self.db = db
        self.journalId = journalId
        _ = try db.snapshot(journalId: journalId) // fail early on a journal that does not exist
    }

    private static func key(_ type: PartyType, _ no: String) -> String { "\(type.rawValue):\(no)" }

    private func matchEngine() throws -> MatchEngine {
        if let engine { return engine }
        let context = try db.matchContext(journalId: journalId)
        parties = Dictionary(context.parties.map { (Self.key($0.type, $0.no), $0) }, uniquingKeysWith: { a, _ in a })
        otherJournals = try db.appliedInOtherJournals(journalId: journalId)
        let e = try db.matchEngine(context: context)
        engine = e
        return e
    }

    /// Applied amount per target over every line of the journal and the other open journals, for
    /// the snapshot it was computed from; the app's journal changes only through this backend,
    /// and every edit is followed by a new snapshot, which drops it.
    private var appliedInJournal: [ApplicationTarget: Money]?

    public func snapshot() throws -> JournalSnapshot {
        appliedInJournal = nil
        return try db.snapshot(journalId: journalId, evidence: false)
    }

    public func refreshed(_ journal: JournalSnapshot, lines lineNos: [Int]) throws -> JournalSnapshot {
        appliedInJournal = nil
        let fresh = try db.lines(journalId: journalId, lineNos: lineNos)
        guard fresh.lines.count == lineNos.count else { return try snapshot() } // a line went away: read it all
        var out = journal
        for line in fresh.lines {
            guard let i = out.index(ofLine: line.lineNo) else { return try snapshot() }
            out.lines[i] = line
            out.applications[line.lineNo] = fresh.applications[line.lineNo].flatMap { $0.isEmpty ? nil : $0 }
        }
        return out
    }

    public func applications(forLine lineNo: Int, in journal: JournalSnapshot) throws -> [Application] {
        guard !(journal.applications[lineNo] ?? []).isEmpty else { return [] }
        return try db.applications(journalId: journalId, lineNo: lineNo)
    }

    public func entryInfo(_ target: ApplicationTarget) throws -> EntryInfo? {
        try infos([target])[target]
    }

    private func infos(_ targets: [ApplicationTarget]) throws -> [ApplicationTarget: EntryInfo] {
        _ = try matchEngine() // fills the party names
        var ledgerNos: [Int64] = [], bankNos: [Int64] = []
        for t in targets {
            switch t {
            case .ledgerEntry(let n): ledgerNos.append(n)
            case .bankLedgerEntry(let n): bankNos.append(n)
            }
        }
        var out: [ApplicationTarget: EntryInfo] = [:]
        for (no, e) in try db.ledgerEntries(ledgerNos) {
            out[.ledgerEntry(no)] = EntryInfo(
                target: .ledgerEntry(no), partyType: e.partyType, partyNo: e.partyNo,
                partyName: parties[Self.key(e.partyType, e.partyNo)]?.name ?? "", documentType: e.documentType.rawValue,
                documentNo: e.documentNo, externalDocumentNo: e.externalDocumentNo, description: e.description,
                postingDate: e.postingDate, dueDate: e.dueDate, remainingAmount: e.remainingAmount,
                pmtDiscountDate: e.pmtDiscountDate, remainingPmtDiscPossible: e.remainingPmtDiscPossible)
        }
        for (no, b) in try db.bankLedgerEntries(bankNos) {
            out[.bankLedgerEntry(no)] = EntryInfo(
                target: .bankLedgerEntry(no), partyType: nil, partyNo: b.bankAccount, partyName: "Bank ledger entry",
                documentType: "bank", documentNo: b.documentNo ?? String(no), description: b.description,
                postingDate: b.postingDate, remainingAmount: b.open ? b.amount : .zero)
        }
        return out
    }

    public func candidates(forLine lineNo: Int) throws -> [CandidateRow] {
        try candidates(forLine: lineNo, in: try snapshot())
    }

    /// The app passes the journal it holds: re-reading it per selection would cost a read of every line.
    public func candidates(forLine lineNo: Int, in snap: JournalSnapshot) throws -> [CandidateRow] {
        guard let i = snap.index(ofLine: lineNo) else { return [] }
        let line = snap.lines[i]
        // What the journal's other lines (and other open journals) already apply: the dialog must not offer it twice.
        let engine = try matchEngine()
        if appliedInJournal == nil {
            var all = otherJournals
            for apps in snap.applications.values {
                for a in apps { all[a.target, default: .zero] += a.appliedAmount + a.discountAmount + a.toleranceAmount }
            }
            appliedInJournal = all
        }
        // Take the line's own share out for the engine and put it back after: the table is
        // large, and changing it in place costs what the line has, not what the journal has.
        let ownShare = (snap.applications[lineNo] ?? []).map { ($0.target, $0.appliedAmount + $0.discountAmount + $0.toleranceAmount) }
        for (t, m) in ownShare { appliedInJournal![t, default: .zero] -= m }
        var ranked = engine.candidates(for: line, alreadyApplied: appliedInJournal!)
        var elsewhere: [ApplicationTarget: Money] = [:]
        for c in ranked { elsewhere[c.target] = appliedInJournal![c.target] }
        for (t, m) in ownShare { appliedInJournal![t, default: .zero] += m }
        // The line's own applications always appear, first, even when the engine ranks them low.
        let own = try applications(forLine: lineNo, in: snap)
        for a in own.reversed() {
            if let i = ranked.firstIndex(where: { $0.target == a.target }) {
                ranked.insert(ranked.remove(at: i), at: 0)
            } else {
                ranked.insert(Candidate(target: a.target, score: 0, confidence: a.confidence, proposedAmount: a.appliedAmount,
                                        evidence: a.evidence), at: 0)
            }
        }
        let info = try infos(ranked.map(\.target))
        return ranked.compactMap { c in
            info[c.target].map { CandidateRow(candidate: c, entry: $0, appliedElsewhere: elsewhere[c.target] ?? .zero) }
        }
    }

    public func accept(lines: [Int]) throws { _ = try db.accept(journalId: journalId, lineNos: lines) }

    public func removeApplications(lines: [Int]) throws { try db.removeApplications(journalId: journalId, lineNos: lines) }

    public func applyManually(line: Int, applications: [(ApplicationTarget, Money)]) throws {
        try db.applyManually(journalId: journalId, lineNo: line, applications: applications)
    }

    public func applyAutomatically() throws -> String {
        try db.applyAutomatically(journalId: journalId).describe()
    }

    public func transferDifference(line: Int, to account: AccountRef) throws {
        _ = try db.transferDifference(journalId: journalId, lineNo: line, to: account)
    }

    public func mapTextToAccount(line: Int, mappingText: String, account: AccountRef) throws {
        try db.mapTextToAccount(journalId: journalId, lineNo: line, mappingText: mappingText, account: account)
        engine = nil // the engine holds the mappings
    }

    public func postingPlan(_ options: PostOptions) throws -> PostingPlan {
        try db.postingPlan(journalId: journalId, options: options)
    }

    public func post(_ options: PostOptions) throws -> PostingPlan {
        let plan = try db.post(journalId: journalId, options: options)
        engine = nil // the open entries changed
        return plan
    }
}
