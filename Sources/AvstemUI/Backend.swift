import AvstemCore

/// An open entry as the apply-manually dialog and the detail pane show it: a customer or
/// vendor ledger entry, or an open bank ledger entry (party fields empty then).
public struct EntryInfo: Sendable, Hashable {
    public var target: ApplicationTarget
    public var partyType: PartyType?
    public var partyNo: String
    public var partyName: String
    public var documentType: String
    public var documentNo: String
    public var externalDocumentNo: String?
    public var description: String?
    public var postingDate: LocalDate
    public var dueDate: LocalDate?
    /// As in the ledger, before this journal's applications.
    public var remainingAmount: Money
    public var pmtDiscountDate: LocalDate?
    public var remainingPmtDiscPossible: Money

    public init(target: ApplicationTarget, partyType: PartyType?, partyNo: String, partyName: String, documentType: String,
                documentNo: String, externalDocumentNo: String? = nil, description: String? = nil, postingDate: LocalDate,
                dueDate: LocalDate? = nil, remainingAmount: Money, pmtDiscountDate: LocalDate? = nil,
                remainingPmtDiscPossible: Money = .zero) {
        self.target = target; self.partyType = partyType; self.partyNo = partyNo; self.partyName = partyName
        self.documentType = documentType; self.documentNo = documentNo; self.externalDocumentNo = externalDocumentNo
        self.description = description; self.postingDate = postingDate; self.dueDate = dueDate
        self.remainingAmount = remainingAmount; self.pmtDiscountDate = pmtDiscountDate
        self.remainingPmtDiscPossible = remainingPmtDiscPossible
    }

    /// The account a line is applied to: BC allows one per line.
    public var accountKey: String {
        switch target {
        case .bankLedgerEntry: return "bank"
        case .ledgerEntry: return "\(partyType?.rawValue ?? "")/\(partyNo)"
        }
    }
}

/// A candidate for one line with the entry it points at, and how much of that entry other
/// lines of the journal already apply (so the dialog can cap the amount).
public struct CandidateRow: Sendable, Hashable {
    public var candidate: Candidate
    public var entry: EntryInfo
    public var appliedElsewhere: Money

    public init(candidate: Candidate, entry: EntryInfo, appliedElsewhere: Money = .zero) {
        self.candidate = candidate; self.entry = entry; self.appliedElsewhere = appliedElsewhere
    }

    /// What may still be applied from this line: the remaining amount less other lines' share.
    public var available: Money { entry.remainingAmount - appliedElsewhere }
}

/// How the journal app reads and changes the books. The store implements it; tests use
/// `InMemoryJournalBackend`. Every call may throw; the app shows the error in the status
/// line (a `UserError`'s message as is) and carries on.
public protocol JournalBackend: AnyObject {
    func snapshot() throws -> JournalSnapshot
    func entryInfo(_ target: ApplicationTarget) throws -> EntryInfo?
    /// Ranked best first, with evidence; the line's current applications included.
    func candidates(forLine lineNo: Int) throws -> [CandidateRow]
    /// The same, given the journal the app already holds, so a backend need not read it again
    /// each time the selection moves (the app calls this one).
    func candidates(forLine lineNo: Int, in journal: JournalSnapshot) throws -> [CandidateRow]
    /// The line's applications with their evidence. A backend may hand out snapshots without
    /// evidence (decoding it for every line of a large journal costs seconds); the detail
    /// pane asks for the selected line's here.
    func applications(forLine lineNo: Int, in journal: JournalSnapshot) throws -> [Application]
    /// `journal` brought up to date after an edit that changed only `lines` (accept, remove,
    /// apply manually), so a large journal need not be read again whole.
    func refreshed(_ journal: JournalSnapshot, lines: [Int]) throws -> JournalSnapshot
    /// Marks the lines' applications as accepted by the user.
    func accept(lines: [Int]) throws
    func removeApplications(lines: [Int]) throws
    /// Replaces the line's applications (empty removes them); confidence becomes manual.
    func applyManually(line: Int, applications: [(ApplicationTarget, Money)]) throws
    func postingPlan(_ options: PostOptions) throws -> PostingPlan
    func post(_ options: PostOptions) throws -> PostingPlan
    /// BC's "Transfer Difference to Account": the line's difference goes to `account`.
    func transferDifference(line: Int, to account: AccountRef) throws
    /// BC's "Map Text to Account": saves a text mapping and applies the line by it.
    func mapTextToAccount(line: Int, mappingText: String, account: AccountRef) throws
    /// BC's "Apply Automatically", keeping lines the user accepted or applied manually.
    /// Returns a one-line summary for the status line.
    func applyAutomatically() throws -> String
    /// The lines as they stand now, with their applications, so the app can update its copy
    /// of a large journal in place; nil when the backend cannot tell (the app reads it all).
    func changedLines(_ lineNos: [Int], in journal: JournalSnapshot) throws -> (lines: [JournalLine], applications: [Int: [Application]])?
    /// Takes back the last journal edit (nil when there is none); posting ends what can be undone.
    func undo() throws -> UndoStep?
    /// Does again what the last undo took back.
    func redo() throws -> UndoStep?
    /// G/L accounts, customers and vendors for the account picker.
    func accounts() throws -> [AccountChoice]
    /// Open journals (several bank accounts and statements) and posted statements, for the history screen.
    func history() throws -> [HistoryItem]
    /// Works on another open journal from now on (undo history starts afresh).
    func openJournal(_ id: Int64) throws
    func postedLines(statement id: Int64) throws -> [PostedLineRow]
    /// Imports a statement file (format found from its content), applies automatically, and
    /// returns the new journals with a one-line summary.
    func importStatement(path: String) throws -> (journalIds: [Int64], summary: String)
    /// Apply automatically; with `overwriteUserDecisions` accepted and manual lines are matched again too.
    func applyAutomatically(overwriteUserDecisions: Bool) throws -> String
}

/// An account a line can go to, as the account picker lists it.
public struct AccountChoice: Sendable, Hashable {
    public var type: AccountType
    public var no: String
    public var name: String
    public init(type: AccountType, no: String, name: String) { self.type = type; self.no = no; self.name = name }
}

/// A journal or posted statement in the journals-and-history screen.
public struct HistoryItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case openJournal, postedStatement }
    public var kind: Kind
    /// The journal id, or the posted statement's id.
    public var id: Int64
    public var bankAccount: String
    public var statementNo: String
    public var date: LocalDate
    public var lineCount: Int
    public var amount: Money
    public var currency: String
    /// "12 of 40 applied", "reconciled, posted 2026-11-25 by kari".
    public var note: String
    public init(kind: Kind, id: Int64, bankAccount: String, statementNo: String, date: LocalDate, lineCount: Int, amount: Money,
                currency: String, note: String) {
        self.kind = kind; self.id = id; self.bankAccount = bankAccount; self.statementNo = statementNo; self.date = date
        self.lineCount = lineCount; self.amount = amount; self.currency = currency; self.note = note
    }
}

/// A line of a posted statement, read only.
public struct PostedLineRow: Sendable, Equatable {
    public var lineNo: Int
    public var date: LocalDate
    public var amount: Money
    public var applied: Money
    public var text: String
    public var party: String
    public var confidence: MatchConfidence
    public var account: String
    public init(lineNo: Int, date: LocalDate, amount: Money, applied: Money, text: String, party: String, confidence: MatchConfidence, account: String) {
        self.lineNo = lineNo; self.date = date; self.amount = amount; self.applied = applied; self.text = text; self.party = party
        self.confidence = confidence; self.account = account
    }
}

/// What an undo or redo changed, for the status line and for reading the journal again.
public struct UndoStep: Sendable, Equatable {
    /// The edit in words ("accept line 3").
    public var what: String
    /// The lines it touched; nil when it may have touched any (apply automatically, transfer).
    public var lineNos: [Int]?
    public init(what: String, lineNos: [Int]?) { self.what = what; self.lineNos = lineNos }
}

extension JournalBackend {
    public func candidates(forLine lineNo: Int, in journal: JournalSnapshot) throws -> [CandidateRow] {
        try candidates(forLine: lineNo)
    }
    public func applications(forLine lineNo: Int, in journal: JournalSnapshot) throws -> [Application] {
        journal.applications[lineNo] ?? []
    }
    public func refreshed(_ journal: JournalSnapshot, lines: [Int]) throws -> JournalSnapshot {
        try snapshot()
    }
    public func transferDifference(line: Int, to account: AccountRef) throws {
        throw UserError("transferring a difference to an account is not available with these books")
    }
    public func mapTextToAccount(line: Int, mappingText: String, account: AccountRef) throws {
        throw UserError("mapping text to an account is not available with these books")
    }
    public func applyAutomatically() throws -> String {
        throw UserError("applying automatically is not available with these books")
    }
    public func changedLines(_ lineNos: [Int], in journal: JournalSnapshot) throws -> (lines: [JournalLine], applications: [Int: [Application]])? {
        nil
    }
    public func accounts() throws -> [AccountChoice] { [] }
    public func history() throws -> [HistoryItem] { throw UserError("journals and history are not available with these books") }
    public func openJournal(_ id: Int64) throws { throw UserError("journals and history are not available with these books") }
    public func postedLines(statement id: Int64) throws -> [PostedLineRow] { [] }
    public func importStatement(path: String) throws -> (journalIds: [Int64], summary: String) {
        throw UserError("importing statements is not available with these books")
    }
    public func applyAutomatically(overwriteUserDecisions: Bool) throws -> String {
        if overwriteUserDecisions { throw UserError("overwriting accepted and manual lines is not available with these books") }
        return try applyAutomatically()
    }
    public func undo() throws -> UndoStep? { throw UserError("undo is not available with these books") }
    public func redo() throws -> UndoStep? { throw UserError("redo is not available with these books") }
}

/// An in-memory journal with the same rules the store enforces where the UI depends on
/// them: same sign, amount caps, posting checks. For tests and for trying screens out.
public final class InMemoryJournalBackend: JournalBackend {
    public var journal: JournalSnapshot
    public var entries: [ApplicationTarget: EntryInfo]
    /// Candidates per line, best first, before the line's own applications are merged in.
    public var candidatesByLine: [Int: [Candidate]]
    /// Makes the next call of any method throw, to test how errors are shown.
    public var failNext: Error?
    public private(set) var calls: [String] = []

    public init(journal: JournalSnapshot, entries: [EntryInfo], candidates: [Int: [Candidate]] = [:]) {
        self.journal = journal
        self.entries = Dictionary(entries.map { ($0.target, $0) }, uniquingKeysWith: { a, _ in a })
        self.candidatesByLine = candidates
    }

    private func check(_ call: String) throws {
        calls.append(call)
        if let e = failNext { failNext = nil; throw e }
    }

    private var undoStack: [(JournalSnapshot, [TextMapping], UndoStep)] = []
    private var redoStack: [(JournalSnapshot, [TextMapping], UndoStep)] = []

    /// Records `before` as an undo step when the call changed the journal.
    private func remember(_ before: JournalSnapshot, _ mappingsBefore: [TextMapping], _ what: String, _ lines: [Int]?) {
        guard journal != before || mappings != mappingsBefore else { return }
        undoStack.append((before, mappingsBefore, UndoStep(what: what, lineNos: lines)))
        redoStack = []
    }

    public func undo() throws -> UndoStep? { try check("undo"); return step(from: &undoStack, to: &redoStack) }
    public func redo() throws -> UndoStep? { try check("redo"); return step(from: &redoStack, to: &undoStack) }

    private func step(from: inout [(JournalSnapshot, [TextMapping], UndoStep)], to: inout [(JournalSnapshot, [TextMapping], UndoStep)]) -> UndoStep? {
        guard let (j, m, step) = from.popLast() else { return nil }
        to.append((journal, mappings, step))
        journal = j; mappings = m
        return step
    }

    public func snapshot() throws -> JournalSnapshot { try check("snapshot"); return journal }

    public func changedLines(_ lineNos: [Int], in old: JournalSnapshot) throws -> (lines: [JournalLine], applications: [Int: [Application]])? {
        try check("changedLines(\(lineNos))")
        let lines = lineNos.compactMap { journal.index(ofLine: $0).map { journal.lines[$0] } }
        guard lines.count == lineNos.count else { return nil }
        return (lines, Dictionary(lineNos.map { ($0, journal.applications[$0] ?? []) }, uniquingKeysWith: { a, _ in a }))
    }

    public func entryInfo(_ target: ApplicationTarget) throws -> EntryInfo? { try check("entryInfo"); return entries[target] }

    private func appliedElsewhere(_ target: ApplicationTarget, excluding line: Int) -> Money {
        var sum = Money.zero
        for (no, apps) in journal.applications where no != line {
            for a in apps where a.target == target { sum += a.appliedAmount + a.discountAmount + a.toleranceAmount }
        }
        return sum
    }

    public func candidates(forLine lineNo: Int) throws -> [CandidateRow] {
        try check("candidates(\(lineNo))")
        var rows: [CandidateRow] = []
        var seen = Set<ApplicationTarget>()
        for app in journal.applications[lineNo] ?? [] {
            guard let e = entries[app.target] else { continue }
            seen.insert(app.target)
            let c = Candidate(target: app.target, score: 0, confidence: app.confidence, proposedAmount: app.appliedAmount, evidence: app.evidence)
            rows.append(CandidateRow(candidate: c, entry: e, appliedElsewhere: appliedElsewhere(app.target, excluding: lineNo)))
        }
        for c in candidatesByLine[lineNo] ?? [] where !seen.contains(c.target) {
            guard let e = entries[c.target] else { continue }
            rows.append(CandidateRow(candidate: c, entry: e, appliedElsewhere: appliedElsewhere(c.target, excluding: lineNo)))
        }
        return rows
    }

    private func lineIndex(_ no: Int) throws -> Int {
        guard let i = journal.index(ofLine: no) else { throw UserError("line \(no) is not in the journal") }
        return i
    }

    public func accept(lines: [Int]) throws {
        try check("accept(\(lines))")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "accept \(lines.count == 1 ? "line \(lines[0])" : "\(lines.count) lines")", lines) }
        for no in lines {
            let i = try lineIndex(no)
            guard !(journal.applications[no] ?? []).isEmpty || journal.lines[i].account != nil else {
                throw UserError("line \(no) has no applications to accept")
            }
        }
        for no in lines {
            let i = try lineIndex(no)
            journal.lines[i].confidence = .accepted
            journal.applications[no] = journal.applications[no]?.map { var a = $0; a.confidence = .accepted; return a }
        }
    }

    public func removeApplications(lines: [Int]) throws {
        try check("remove(\(lines))")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "remove \(lines.count == 1 ? "line \(lines[0])" : "\(lines.count) lines")", lines) }
        for no in lines {
            let i = try lineIndex(no)
            journal.applications[no] = nil
            journal.lines[i].confidence = .none
            journal.lines[i].account = nil
            journal.lines[i].accountAmount = .zero
        }
    }

    public func applyManually(line: Int, applications: [(ApplicationTarget, Money)]) throws {
        try check("applyManually(\(line))")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "apply line \(line) manually", [line]) }
        let i = try lineIndex(line)
        let amount = journal.lines[i].amount
        var total = Money.zero
        var accounts = Set<String>()
        for (target, applied) in applications {
            guard let e = entries[target] else { throw UserError("entry \(target) does not exist") }
            guard applied.sign == amount.sign, e.remainingAmount.sign == amount.sign else {
                throw UserError("entry \(e.documentNo) has the other sign than line \(line)")
            }
            let available = e.remainingAmount - appliedElsewhere(target, excluding: line)
            guard applied.magnitude <= available.magnitude else {
                throw UserError("\(applied) exceeds what is left of entry \(e.documentNo) (\(available))")
            }
            accounts.insert(e.accountKey)
            total += applied
        }
        guard accounts.count <= 1 else { throw UserError("a line can be applied to one account only") }
        guard total.magnitude <= amount.magnitude else { throw UserError("applied \(total) exceeds the line amount \(amount)") }
        journal.applications[line] = applications.isEmpty ? nil : applications.map {
            Application(journalId: journal.header.id, lineNo: line, target: $0.0, appliedAmount: $0.1, confidence: .manual,
                        evidence: [Evidence(.user, "manual", "applied manually")])
        }
        journal.lines[i].confidence = applications.isEmpty ? .none : .manual
    }

    /// Simplified: the line's difference joins `account`; the store splits a child line as BC does.
    public func transferDifference(line: Int, to account: AccountRef) throws {
        try check("transferDifference(\(line))")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "transfer the difference of line \(line)", nil) }
        let i = try lineIndex(line)
        let diff = journal.difference(of: journal.lines[i])
        guard !diff.isZero else { throw UserError("line \(line) has no difference to transfer") }
        guard !account.no.isEmpty else { throw UserError("an account no. is required") }
        journal.lines[i].account = account
        journal.lines[i].accountAmount += diff
        if journal.lines[i].confidence == .none { journal.lines[i].confidence = .manual }
    }

    public private(set) var mappings: [TextMapping] = []

    public func mapTextToAccount(line: Int, mappingText: String, account: AccountRef) throws {
        try check("mapTextToAccount(\(line))")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "map the text of line \(line)", [line]) }
        let i = try lineIndex(line)
        guard !mappingText.isEmpty, journal.lines[i].text.contains(mappingText) else {
            throw UserError("the mapping text must occur in the line's text")
        }
        guard !account.no.isEmpty else { throw UserError("an account no. is required") }
        mappings.append(TextMapping(mappingText: mappingText, accountType: account.type, accountNo: account.no))
        journal.applications[line] = nil
        journal.lines[i].account = account
        journal.lines[i].accountAmount = journal.lines[i].amount
        journal.lines[i].confidence = .highTextMapping
    }

    /// What the account picker offers.
    public var accountChoices: [AccountChoice] = []
    public func accounts() throws -> [AccountChoice] { try check("accounts"); return accountChoices }

    public func applyAutomatically() throws -> String { try applyAutomatically(overwriteUserDecisions: false) }

    /// Applies each untouched line's best candidate that reaches a rule (score ≥ 1995, BC's lowest);
    /// with `overwriteUserDecisions` the accepted and manual lines too.
    public func applyAutomatically(overwriteUserDecisions: Bool) throws -> String {
        try check("applyAutomatically")
        let before = journal, mappingsBefore = mappings
        defer { remember(before, mappingsBefore, "apply automatically", nil) }
        var applied = 0
        for (i, line) in journal.lines.enumerated() where overwriteUserDecisions || (!line.confidence.isUserDecision && (journal.applications[line.lineNo] ?? []).isEmpty) {
            guard let best = candidatesByLine[line.lineNo]?.first(where: { $0.score >= 1995 }) else { continue }
            journal.applications[line.lineNo] = [Application(journalId: journal.header.id, lineNo: line.lineNo, target: best.target,
                                                             appliedAmount: best.proposedAmount, confidence: best.confidence, evidence: best.evidence)]
            journal.lines[i].confidence = best.confidence
            applied += 1
        }
        return "\(applied) line\(applied == 1 ? "" : "s") applied"
    }

    public func postingPlan(_ options: PostOptions) throws -> PostingPlan {
        try check("postingPlan")
        return plan(options)
    }

    private func plan(_ options: PostOptions) -> PostingPlan {
        var problems: [String] = []
        var posted: [Int] = [], kept: [Int] = []
        var entriesOut: [PostedEntry] = []
        var nextNo: Int64 = 1
        for line in journal.lines {
            let applied = journal.appliedAmount(of: line)
            if applied.isZero || applied != line.amount {
                kept.append(line.lineNo)
                if !options.partial || options.reconcile { problems.append("line \(line.lineNo) is not fully applied (difference \(line.amount - applied))") }
                continue
            }
            posted.append(line.lineNo)
            entriesOut.append(PostedEntry(entryNo: nextNo, ledger: .bank, accountNo: journal.header.bankAccountNo,
                                          postingDate: line.transactionDate, documentNo: journal.header.statementNo,
                                          description: line.text, amount: line.amount, journal: journal.header.id, lineNo: line.lineNo))
            nextNo += 1
            for a in journal.applications[line.lineNo] ?? [] {
                let e = entries[a.target]
                entriesOut.append(PostedEntry(entryNo: nextNo, ledger: e?.partyType == .vendor ? .vendor : .customer,
                                              accountNo: e?.partyNo ?? "", postingDate: line.transactionDate,
                                              documentNo: journal.header.statementNo, description: line.text,
                                              amount: -a.appliedAmount, journal: journal.header.id, lineNo: line.lineNo))
                nextNo += 1
            }
        }
        if options.reconcile {
            let sum = journal.lines.reduce(Money.zero) { $0 + $1.amount }
            if journal.header.balanceLastStatement + sum != journal.header.statementEndingBalance {
                problems.append("balance last statement + lines = \(journal.header.balanceLastStatement + sum), statement ending balance is \(journal.header.statementEndingBalance)")
            }
        }
        if posted.isEmpty { problems.append("no line is applied") }
        return PostingPlan(journalId: journal.header.id, options: options, entries: entriesOut, postedLineNos: posted,
                           keptLineNos: kept, problems: problems)
    }

    public func post(_ options: PostOptions) throws -> PostingPlan {
        try check("post")
        let p = plan(options)
        guard p.canPost else { throw UserError(p.problems.joined(separator: "; ")) }
        undoStack = []; redoStack = [] // posted lines reached the ledger: no undo past them
        let postedSet = Set(p.postedLineNos)
        journal.lines.removeAll { postedSet.contains($0.lineNo) }
        for no in postedSet { journal.applications[no] = nil }
        if journal.lines.isEmpty { journal.header.status = .posted }
        return p
    }
}
