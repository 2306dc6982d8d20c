import AvstemCore
import Foundation
import GRDB

/// The one owner of the database. Every write method is a single transaction that leaves
/// the books consistent, or throws and leaves them as they were.
public final class AppDatabase: Sendable {
    let dbQueue: DatabaseQueue
    let user: String

    init(_ dbQueue: DatabaseQueue, label: String) throws {
        self.dbQueue = dbQueue
        self.user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        let migrator = Schema.migrator
        do {
            if try dbQueue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw UserError(file: label, "written by a newer avstem; this version cannot open it")
            }
            try migrator.migrate(dbQueue)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw UserError(file: label, "not an SQLite database")
        }
    }

    /// Opens (creating or migrating in place) the database file at `path`.
    public convenience init(path: String) throws {
        var config = Configuration()
        // Another avstem (the TUI beside a `post` in another terminal) may hold the write
        // lock for a moment; wait for it rather than fail.
        config.busyMode = .timeout(5)
        config.journalMode = .wal
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw UserError(file: path, "cannot open database: \(error.message ?? error.description)")
        }
        try self.init(queue, label: path)
    }

    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(), label: ":memory:")
    }

    // MARK: - Shared helpers

    func audit(_ db: Database, journal: Int64?, line: Int?, action: String, detail: String) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, user, journal_id, line_no, action, detail) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [Self.now(), user, journal, line, action, detail])
    }

    static func now() -> String { Date().ISO8601Format() }

    public func auditLog(journalId: Int64?) throws -> [AuditRecord] {
        try dbQueue.read { db in
            let rows: [Row]
            if let journalId {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE journal_id = ? ORDER BY id", arguments: [journalId])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id")
            }
            return rows.map {
                AuditRecord(id: $0["id"], time: $0["at"], user: $0["user"], journalId: $0["journal_id"],
                            lineNo: $0["line_no"], action: $0["action"], detail: $0["detail"])
            }
        }
    }
}

/// Letters and digits only, upper case: how account numbers and IBANs are compared.
func accountKey(_ s: String?) -> String? {
    guard let s else { return nil }
    let key = String(String.UnicodeScalarView(s.unicodeScalars.filter {
        ($0 >= "0" && $0 <= "9") || ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z")
    })).uppercased()
    return key.isEmpty ? nil : key
}

/// A row that does not decode is damage to the file, not a user mistake.
struct CorruptDatabase: Error, CustomStringConvertible {
    var description: String
}

extension Row {
    func money(_ column: String) -> Money { Money(minor: self[column] ?? 0) }

    func date(_ column: String) throws -> LocalDate {
        let text: String = self[column] ?? ""
        guard let d = LocalDate(iso: text) else { throw CorruptDatabase(description: "\(column): '\(text)' is not a date") }
        return d
    }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text: String = self[column] else { return nil }
        guard let d = LocalDate(iso: text) else { throw CorruptDatabase(description: "\(column): '\(text)' is not a date") }
        return d
    }

    func decoded<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        let raw: String = self[column] ?? ""
        guard let v = T(rawValue: raw) else { throw CorruptDatabase(description: "\(column): unknown value '\(raw)'") }
        return v
    }
}

enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text, !text.isEmpty else { return nil }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension ApplicationTarget {
    var kind: String {
        switch self {
        case .ledgerEntry: return "ledger"
        case .bankLedgerEntry: return "bank"
        }
    }

    var entryNo: Int64 {
        switch self {
        case .ledgerEntry(let n), .bankLedgerEntry(let n): return n
        }
    }

    init(kind: String, entryNo: Int64) throws {
        switch kind {
        case "ledger": self = .ledgerEntry(entryNo)
        case "bank": self = .bankLedgerEntry(entryNo)
        default: throw CorruptDatabase(description: "unknown application target '\(kind)'")
        }
    }

    var label: String {
        switch self {
        case .ledgerEntry(let n): return "entry \(n)"
        case .bankLedgerEntry(let n): return "bank ledger entry \(n)"
        }
    }
}
