import AvstemCore
import GRDB

extension AppDatabase {
    /// Another process held the write lock for longer than the busy timeout: say so, and
    /// that nothing was written, rather than fail with SQLite's code.
    func whenBusy<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw UserError("\(what): the database is busy (another avstem is writing to it); nothing was written, try again")
        }
    }
}

extension AppDatabase {
    /// Posting 10⁵ lines touches some 10⁵ pages; with SQLite's default 2 MB page cache they
    /// spill to the log and are read back in the middle of the transaction.
    static func roomForALargeTransaction(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -262144")
    }

    /// Copies the write-ahead log into the database file and empties it.
    public func checkpoint() throws {
        try dbQueue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
