import AvstemCore
import Foundation
import GRDB

/// Some journal lines as they stood at one moment — the lines' rows, their applications and
/// candidates, and (for "map text") the text mappings — so that an edit can be undone by
/// putting them back, and the undo redone the same way.
public struct JournalLinesState: Sendable {
    public let journalId: Int64
    /// The lines captured; nil when the whole journal was.
    public let lineNos: [Int]?
    /// The highest line number then: lines above it were added later (transfer difference) and go on restore.
    let maxLineNo: Int
    let lines: Rows
    let applications: Rows
    let candidates: Rows
    let mappings: Rows?

    struct Rows: Sendable {
        var columns: [String] = []
        var values: [[DatabaseValue]] = []
    }

    /// The lines a restore of this state changes: nil when it may touch any line.
    public var touchedLineNos: [Int]? { lineNos }
    /// Restoring it puts the text mappings back too.
    public var includesMappings: Bool { mappings != nil }
}

extension AppDatabase {
    /// Captures `lineNos` of an open journal (nil: every line), with the text mappings when `mappings`.
    public func captureLines(journalId: Int64, lineNos: [Int]?, mappings: Bool = false) throws -> JournalLinesState {
        try dbQueue.read { db in
            _ = try openHeader(db, journalId)
            return try Self.capture(db, journalId: journalId, lineNos: lineNos, mappings: mappings)
        }
    }

    private static func fetchRows(_ db: Database, _ sql: String, _ args: StatementArguments) throws -> JournalLinesState.Rows {
        var out = JournalLinesState.Rows()
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
        while let row = try cursor.next() {
            if out.columns.isEmpty { out.columns = Array(row.columnNames) }
            out.values.append(Array(row.databaseValues))
        }
        return out
    }

    private static func lineFilter(_ lineNos: [Int]?) -> String {
        guard let lineNos else { return "" }
        return " AND line_no IN (" + (lineNos.isEmpty ? "NULL" : lineNos.map(String.init).joined(separator: ",")) + ")"
    }

    static func capture(_ db: Database, journalId: Int64, lineNos: [Int]?, mappings: Bool) throws -> JournalLinesState {
        let f = lineFilter(lineNos)
        let args: StatementArguments = [journalId]
        let maxNo = try Int.fetchOne(db, sql: "SELECT MAX(line_no) FROM journal_line WHERE journal_id = ?", arguments: args) ?? 0
        return JournalLinesState(
            journalId: journalId, lineNos: lineNos, maxLineNo: maxNo,
            lines: try fetchRows(db, "SELECT * FROM journal_line WHERE journal_id = ?" + f + " ORDER BY line_no", args),
            applications: try fetchRows(db, "SELECT * FROM application WHERE journal_id = ?" + f + " ORDER BY id", args),
            candidates: try fetchRows(db, "SELECT * FROM line_candidate WHERE journal_id = ?" + f, args),
            mappings: mappings ? try fetchRows(db, "SELECT * FROM text_mapping ORDER BY id", []) : nil)
    }

    /// Puts the captured lines back in one transaction and returns the state they had just
    /// before (for redo). Refuses when the journal was posted or a captured line has left it
    /// (posted on its own): undo never brings back a line that reached the ledger.
    public func restoreLines(_ state: JournalLinesState) throws -> JournalLinesState {
        try dbQueue.write { db in
            let journalId = state.journalId
            _ = try openHeader(db, journalId)
            let capturedNos = Self.lineNos(of: state.lines)
            let present = Set(try Int.fetchAll(db, sql: "SELECT line_no FROM journal_line WHERE journal_id = ?" + Self.lineFilter(state.lineNos),
                                               arguments: [journalId]))
            // A captured line may be missing because an undo took back the transfer that made it;
            // one that was posted must never come back.
            for gone in capturedNos where !present.contains(gone) {
                let posted = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM posted_entry WHERE journal_id = ? AND line_no = ?)",
                                               arguments: [journalId, gone]) ?? false
                if posted { throw UserError("line \(gone) of journal \(journalId) was posted; undo stops at posting") }
            }
            // Lines added since (a transfer's new line) are part of what is undone.
            let added = try Int.fetchAll(db, sql: "SELECT line_no FROM journal_line WHERE journal_id = ? AND line_no > ? ORDER BY line_no",
                                         arguments: [journalId, state.maxLineNo])
            let scope = state.lineNos.map { Array(Set($0 + added)).sorted() }
            let inverse = try Self.capture(db, journalId: journalId, lineNos: scope, mappings: state.mappings != nil)
            let f = Self.lineFilter(scope)
            for table in ["application", "line_candidate", "journal_line"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE journal_id = ?" + f, arguments: [journalId])
            }
            if !added.isEmpty {
                // A transferred line remembers its transaction under the new number; it goes with the line.
                try db.execute(sql: "DELETE FROM imported_transaction WHERE journal_id = ? AND line_no IN (\(added.map(String.init).joined(separator: ",")))",
                               arguments: [journalId])
            }
            try Self.insert(db, "journal_line", state.lines)
            try Self.insert(db, "application", state.applications)
            try Self.insert(db, "line_candidate", state.candidates)
            if let m = state.mappings {
                try db.execute(sql: "DELETE FROM text_mapping")
                try Self.insert(db, "text_mapping", m)
            }
            try audit(db, journal: journalId, line: nil, action: "undo",
                      detail: "restored " + (state.lineNos.map { "\($0.count) line\($0.count == 1 ? "" : "s")" } ?? "every line"))
            return inverse
        }
    }

    private static func lineNos(of rows: JournalLinesState.Rows) -> [Int] {
        guard let i = rows.columns.firstIndex(of: "line_no") else { return [] }
        return rows.values.compactMap { Int.fromDatabaseValue($0[i]) }
    }

    private static func insert(_ db: Database, _ table: String, _ rows: JournalLinesState.Rows) throws {
        guard !rows.values.isEmpty else { return }
        let sql = "INSERT INTO \(table) (\(rows.columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: rows.columns.count).joined(separator: ", ")))"
        let statement = try db.cachedStatement(sql: sql)
        for v in rows.values { try statement.execute(arguments: StatementArguments(v)) }
    }
}
