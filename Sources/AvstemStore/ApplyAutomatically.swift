import AvstemCore
import AvstemMatching
import Foundation

/// What "Apply Automatically" did, for the command line and the status line.
public struct MatchSummary: Hashable, Sendable {
    public var lines: Int
    /// Lines the user decided (manual, accepted) that were kept as they were.
    public var kept: Int
    public var byConfidence: [MatchConfidence: Int]
    public var seconds: Double

    public var applied: Int { byConfidence.filter { $0.key != .none }.reduce(0) { $0 + $1.value } }
    public var forReview: Int { (byConfidence[.low] ?? 0) + (byConfidence[.medium] ?? 0) }

    public func describe() -> String {
        let order: [MatchConfidence] = [.high, .highTextMapping, .medium, .low, .none]
        let counts = order.compactMap { c in byConfidence[c].map { "\($0) \(c.rawValue)" } }.joined(separator: ", ")
        return "\(lines) lines: \(counts)" + (kept > 0 ? ", \(kept) kept as the user decided" : "")
            + String(format: " (%.2f s)", seconds)
    }
}

extension AppDatabase {
    /// "Apply Automatically": runs the matching engine over the journal's lines and saves its
    /// applications. Lines the user accepted or applied manually keep their applications (and
    /// those entries leave the pool) unless `overwriteUserDecisions`.
    public func applyAutomatically(journalId: Int64, overwriteUserDecisions: Bool = false) throws -> MatchSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let snap = try snapshot(journalId: journalId)
        guard snap.header.status == .open else { throw UserError("journal \(journalId) is posted; it cannot be matched again") }
        var context = try matchContext(journalId: journalId)
        // What other open journals already apply is not available to this one: an entry is
        // never applied beyond its remaining amount across journals.
        let elsewhere = try appliedInOtherJournals(journalId: journalId)
        if !elsewhere.isEmpty {
            context.openEntries = context.openEntries.compactMap { e in
                guard let used = elsewhere[.ledgerEntry(e.entryNo)] else { return e }
                var e = e
                e.remainingAmount -= used
                return e.remainingAmount.isZero || e.remainingAmount.sign != e.amount.sign ? nil : e
            }
            context.bankLedgerEntries.removeAll { elsewhere[.bankLedgerEntry($0.entryNo)] != nil }
        }
        var locked: [Int: [Application]] = [:]
        var toMatch: [JournalLine] = []
        for line in snap.lines {
            if line.confidence.isUserDecision && !overwriteUserDecisions {
                locked[line.lineNo] = snap.applications[line.lineNo] ?? []
            } else {
                toMatch.append(line)
            }
        }
        let results = try matchEngine(context: context).match(lines: toMatch, locked: locked)
        try saveMatchResults(journalId: journalId, results, overwriteUserDecisions: overwriteUserDecisions)
        var counts: [MatchConfidence: Int] = [:]
        for r in results { counts[r.confidence, default: 0] += 1 }
        return MatchSummary(lines: snap.lines.count, kept: locked.count, byConfidence: counts,
                            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
