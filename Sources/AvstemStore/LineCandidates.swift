import AvstemCore
import Foundation
import GRDB

extension AppDatabase {
    /// Every line's saved candidates, best first, in one read (for `journal show --json`'s explanations).
    public func candidatesByLine(journalId: Int64) throws -> [Int: [Candidate]] {
        try dbQueue.read { db in
            var out: [Int: [Candidate]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM line_candidate WHERE journal_id = ? ORDER BY line_no, rank",
                                           arguments: [journalId])
            while let row = try rows.next() {
                let c = Candidate(target: try ApplicationTarget(kind: row["target_kind"], entryNo: row["entry_no"]), score: row["score"],
                                  confidence: try row.decoded("confidence", as: MatchConfidence.self),
                                  proposedAmount: row.money("proposed_amount"),
                                  evidence: try JSONText.decode([Evidence].self, row["evidence"]) ?? [])
                out[row["line_no"], default: []].append(c)
            }
            return out
        }
    }
}
