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
