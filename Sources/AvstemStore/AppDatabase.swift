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

    /// `time` lets a write that logs every line of a journal format the clock once.
    func audit(_ db: Database, journal: Int64?, line: Int?, action: String, detail: String, time: String? = nil) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, user, journal_id, line_no, action, detail) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [time ?? Self.now(), user, journal, line, action, detail])
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
    let key = IBAN.normalise(s)
    return key.isEmpty ? nil : key
}

/// A row that does not decode is damage to the file, not a user mistake.
struct CorruptDatabase: Error, CustomStringConvertible {
    var description: String
}

/// Column access by name or by position (`String` or `Int`), decoding the core values.
protocol RowColumn: CustomStringConvertible {
    func value<T: DatabaseValueConvertible>(in row: Row) -> T?
}

extension String: RowColumn {
    func value<T: DatabaseValueConvertible>(in row: Row) -> T? { row[self] }
}

extension Int: RowColumn {
    func value<T: DatabaseValueConvertible>(in row: Row) -> T? { row[self] }
}

extension Row {
    func money(_ column: some RowColumn) -> Money { Money(minor: column.value(in: self) ?? 0) }

    func date(_ column: some RowColumn) throws -> LocalDate {
        guard let d = try optionalDate(column) else { throw CorruptDatabase(description: "column \(column): missing date") }
        return d
    }

    func optionalDate(_ column: some RowColumn) throws -> LocalDate? {
        guard let text: String = column.value(in: self) else { return nil }
        guard let d = LocalDate(iso: text) else { throw CorruptDatabase(description: "column \(column): '\(text)' is not a date") }
        return d
    }

    func decoded<T: RawRepresentable>(_ column: some RowColumn, as type: T.Type) throws -> T where T.RawValue == String {
        let raw: String = column.value(in: self) ?? ""
        guard let v = T(rawValue: raw) else { throw CorruptDatabase(description: "column \(column): unknown value '\(raw)'") }
        return v
    }
}

enum JSONText {
    // Creating a coder costs more than coding a line's few fields; a journal has 10⁵ lines.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    static let decoder = JSONDecoder()

    static func encode<T: Encodable & Collection>(_ value: T) throws -> String {
        if value.isEmpty { return "[]" }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Evidence is written for every candidate of every line (10⁶ values on a large statement), and
    /// JSONEncoder's generic path was the largest cost of saving "Apply Automatically": the three
    /// string fields are written directly, in JSONEncoder's sorted key order, readable by `decode`.
    static func encode(_ evidence: [Evidence]) -> String {
        if evidence.isEmpty { return "[]" }
        var out: [UInt8] = []
        out.reserveCapacity(evidence.count * 160)
        out.append(UInt8(ascii: "["))
        for (i, e) in evidence.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"detail":"#.utf8)
            appendString(e.detail, to: &out)
            out.append(contentsOf: #","dimension":"#.utf8)
            appendString(e.dimension.rawValue, to: &out)
            out.append(contentsOf: #","value":"#.utf8)
            appendString(e.value, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text, !text.isEmpty, text != "[]" else { return nil }
        return try decoder.decode(type, from: Data(text.utf8))
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
