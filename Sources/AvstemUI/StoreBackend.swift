import AvstemCore
import AvstemFormats
import Foundation
import AvstemMatching
import AvstemStore

/// The journal app over the real books: reads and writes go to the store, candidates for
/// "apply manually" come from the matching engine over the journal's open entries.
public final class StoreBackend: JournalBackend {
    let db: AppDatabase
    public private(set) var journalId: Int64
    /// The language of the undo descriptions and history notes this backend words.
    public var language: Language = .en
    private var t: Catalogue { Catalogue(language) }
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

    // MARK: edits, each remembered for undo

    private var undoStack: [(JournalLinesState, UndoStep)] = []
    private var redoStack: [(JournalLinesState, UndoStep)] = []

    /// Captures what `lines` (nil: every line) look like, runs the edit, and keeps the capture for undo.
    private func edit<T>(_ what: String, lines: [Int]?, mappings: Bool = false, _ body: () throws -> T) throws -> T {
        let before = try db.captureLines(journalId: journalId, lineNos: lines, mappings: mappings)
        let result = try body()
        undoStack.append((before, UndoStep(what: what, lineNos: lines)))
        if undoStack.count > 200 { undoStack.removeFirst() }
        redoStack = []
        return result
    }

    private func describe(_ lines: [Int]) -> String { lines.count == 1 ? t("line %@", lines[0]) : t("%@ lines", lines.count) }

    public func undo() throws -> UndoStep? { try step(from: &undoStack, to: &redoStack) }
    public func redo() throws -> UndoStep? { try step(from: &redoStack, to: &undoStack) }

    /// Restores the newest state of one stack and pushes what it replaced onto the other.
    private func step(from: inout [(JournalLinesState, UndoStep)], to: inout [(JournalLinesState, UndoStep)]) throws -> UndoStep? {
        guard let (state, step) = from.last else { return nil }
        let inverse = try db.restoreLines(state)
        from.removeLast()
        let done = UndoStep(what: step.what, lineNos: inverse.touchedLineNos)
        to.append((inverse, done))
        afterRestore(state)
        return done
    }

    /// A restore of some lines is followed by `changedLines`, which keeps the applied-per-entry
    /// table in step; only text mappings going back need the engine built again.
    private func afterRestore(_ state: JournalLinesState) {
        if state.lineNos == nil { appliedInJournal = nil }
        if state.includesMappings { engine = nil }
    }

    public func accept(lines: [Int]) throws {
        try edit(t("accept %@", describe(lines)), lines: lines) { _ = try db.accept(journalId: journalId, lineNos: lines) }
    }

    public func removeApplications(lines: [Int]) throws {
        try edit(t("remove %@", describe(lines)), lines: lines) { try db.removeApplications(journalId: journalId, lineNos: lines) }
    }

    public func applyManually(line: Int, applications: [(ApplicationTarget, Money)]) throws {
        try edit(t("apply line %@ manually", line), lines: [line]) {
            try db.applyManually(journalId: journalId, lineNo: line, applications: applications)
        }
    }

    public func applyAutomatically() throws -> String { try applyAutomatically(overwriteUserDecisions: false) }

    public func applyAutomatically(overwriteUserDecisions: Bool) throws -> String {
        try edit(t("apply automatically"), lines: nil) {
            try db.applyAutomatically(journalId: journalId, overwriteUserDecisions: overwriteUserDecisions).describe()
        }
    }

    public func history() throws -> [HistoryItem] {
        let open = try db.journals().filter { $0.header.status == .open }.map { j in
            HistoryItem(kind: .openJournal, id: j.header.id, bankAccount: j.header.bankAccountNo, statementNo: j.header.statementNo,
                        date: j.header.statementDate, lineCount: j.lineCount, amount: j.totalAmount, currency: j.header.currency,
                        note: t("%@ of %@ fully applied", j.fullyAppliedLineCount, j.lineCount) + (j.header.id == journalId ? t(" · open here") : ""))
        }
        let posted = try db.postedStatements().map { p in
            HistoryItem(kind: .postedStatement, id: p.id, bankAccount: p.bankAccount, statementNo: p.statementNo, date: p.statementDate,
                        lineCount: p.lineCount, amount: p.totalAmount, currency: p.currency,
                        note: (p.reconciled ? t("reconciled, ") : "") + t("posted %@ by %@ (journal %@)", LocalDate(iso: String(p.postedAt.prefix(10))).map(t.date) ?? String(p.postedAt.prefix(10)), p.postedBy, p.journalId))
        }
        return open + posted
    }

    public func openJournal(_ id: Int64) throws {
        guard id != journalId else { return }
        let journal = try db.snapshot(journalId: id, evidence: false)
        guard journal.header.status == .open else { throw UserError(t("journal %@ is posted; its statement is in the history", id)) }
        journalId = id
        engine = nil; otherJournals = [:]; appliedInJournal = nil
        undoStack = []; redoStack = [] // undo belongs to the journal it was done in
    }

    public func postedLines(statement id: Int64) throws -> [PostedLineRow] {
        try db.postedStatementLines(id: id).map { l in
            PostedLineRow(lineNo: l.lineNo, date: l.transactionDate, amount: l.amount, applied: l.appliedAmount, text: l.text,
                          party: l.relatedPartyName ?? "", confidence: l.confidence,
                          account: l.account.map { "\($0.type.rawValue) \($0.no)" } ?? "")
        }
    }

    public func importStatement(path: String) throws -> (journalIds: [Int64], summary: String) {
        let parsed = try StatementFormats.read(url: URL(fileURLWithPath: path))
        let result = try db.importStatement(parsed, source: path, bankAccountNo: nil)
        var parts = ["\(result.importedLines) line\(result.importedLines == 1 ? "" : "s") into journal\(result.journalIds.count == 1 ? "" : "s") \(result.journalIds.map(String.init).joined(separator: ", "))"]
        for id in result.journalIds { parts.append(try db.applyAutomatically(journalId: id).describe()) }
        if result.skippedDuplicates > 0 { parts.append("\(result.skippedDuplicates) already imported, skipped") }
        parts += parsed.warnings + result.warnings
        return (result.journalIds, parts.joined(separator: "; "))
    }

    private var accountCache: [AccountChoice]?
    public func accounts() throws -> [AccountChoice] {
        if let accountCache { return accountCache }
        let list = try db.accountList().map { AccountChoice(type: $0.type, no: $0.no, name: $0.name) }
        accountCache = list
        return list
    }

    public func transferDifference(line: Int, to account: AccountRef) throws {
        try edit(t("transfer the difference of line %@", line), lines: [line]) {
            _ = try db.transferDifference(journalId: journalId, lineNo: line, to: account)
        }
    }

    public func mapTextToAccount(line: Int, mappingText: String, account: AccountRef) throws {
        try edit(t("map the text of line %@", line), lines: [line], mappings: true) {
            try db.mapTextToAccount(journalId: journalId, lineNo: line, mappingText: mappingText, account: account)
        }
        engine = nil // the engine holds the mappings
    }

    public func changedLines(_ lineNos: [Int], in journal: JournalSnapshot) throws -> (lines: [JournalLine], applications: [Int: [Application]])? {
        let fresh = try db.lines(journalId: journalId, lineNos: lineNos)
        guard fresh.lines.count == lineNos.count else { return nil }
        // Keep the applied-per-entry table in step instead of summing the whole journal again.
        if appliedInJournal != nil {
            for no in lineNos {
                for a in journal.applications[no] ?? [] { appliedInJournal![a.target, default: .zero] -= a.appliedAmount + a.discountAmount + a.toleranceAmount }
                for a in fresh.applications[no] ?? [] { appliedInJournal![a.target, default: .zero] += a.appliedAmount + a.discountAmount + a.toleranceAmount }
            }
        }
        return fresh
    }

    public func postingPlan(_ options: PostOptions) throws -> PostingPlan {
        try db.postingPlan(journalId: journalId, options: options)
    }

    public func post(_ options: PostOptions) throws -> PostingPlan {
        let plan = try db.post(journalId: journalId, options: options)
        engine = nil // the open entries changed
        undoStack = []; redoStack = [] // undo stops at posting
        return plan
    }
}
