import GRDB

/// Inserts rows many at a time (`INSERT … VALUES (…), (…), …`): posting writes some 5·10⁵
/// rows, and one statement step per row costs more than the rows themselves.
struct BatchInsert {
    let db: Database
    let head: String
    let columns: Int
    let batch: Int
    private var values: [(any DatabaseValueConvertible)?] = []

    init(_ db: Database, _ head: String, columns: Int, batch: Int = 200) {
        self.db = db; self.head = head; self.columns = columns; self.batch = batch
        values.reserveCapacity(columns * batch)
    }

    mutating func add(_ row: [(any DatabaseValueConvertible)?]) throws {
        assert(row.count == columns)
        values.append(contentsOf: row)
        if values.count == columns * batch { try flush() }
    }

    /// Writes what is pending; call once after the last row.
    mutating func flush() throws {
        guard !values.isEmpty else { return }
        let rows = values.count / columns
        let placeholders = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        let sql = head + " VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ",")
        let statement = rows == batch ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
        values.removeAll(keepingCapacity: true)
    }
}
