import AvstemCore
import Foundation

/// RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks, CRLF or LF, an
/// optional UTF-8 byte order mark. Spreadsheets saved as Windows-1252 are decoded as such
/// rather than refused, because that is what Excel writes by default in much of Europe.
enum CSV {
    struct Record {
        /// Physical line the record starts on (1 = first line), for messages.
        var line: Int
        var fields: [String]
    }

    static func decode(_ data: Data) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(data: bytes, encoding: .utf8) { return s }
        return String(data: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    static func parse(_ text: String, file: String) throws -> [Record] {
        let u = Array(text.utf8)
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self)); field = []
            // Blank lines are layout, not rows.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        var atFieldStart = true
        while i < u.count {
            let c = u[i]
            if atFieldStart && c == quote {
                let startLine = line
                i += 1
                var closed = false
                while i < u.count {
                    let q = u[i]
                    if q == quote {
                        if i + 1 < u.count && u[i + 1] == quote { field.append(quote); i += 2; continue }
                        closed = true; i += 1; break
                    }
                    if q == lf { line += 1 } else if q == cr && !(i + 1 < u.count && u[i + 1] == lf) { line += 1 }
                    field.append(q); i += 1
                }
                if !closed { throw UserError(file: file, line: startLine, "quoted field is not closed") }
                if i < u.count && u[i] != comma && u[i] != cr && u[i] != lf {
                    throw UserError(file: file, line: line, "unexpected text after a closing quote (write a quote inside a quoted field as \"\")")
                }
                atFieldStart = false
                continue
            }
            atFieldStart = false
            switch c {
            case comma:
                fields.append(String(decoding: field, as: UTF8.self)); field = []
                atFieldStart = true
                i += 1
            case cr, lf:
                endRecord()
                i += (c == cr && i + 1 < u.count && u[i + 1] == lf) ? 2 : 1
                line += 1
                recordLine = line
                atFieldStart = true
            default:
                field.append(c); i += 1
            }
        }
        if !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }

    static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func render(header: [String], rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\n"
        for r in rows { out += r.map(field).joined(separator: ",") + "\n" }
        return out
    }
}

/// One CSV file with its header resolved: typed, validated access to cells, every error
/// naming the file, the line and the column.
struct CSVTable {
    let file: String
    let records: [CSV.Record]
    private let columns: [String: Int]

    init(file: String, text: String, required: [String]) throws {
        self.file = file
        let all = try CSV.parse(text, file: file)
        var columns: [String: Int] = [:]
        if let header = all.first {
            for (i, name) in header.fields.enumerated() {
                let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                if !key.isEmpty && columns[key] == nil { columns[key] = i }
            }
        }
        for r in required where columns[r] == nil {
            throw UserError(file: file, line: 1, "required column '\(r)' is missing")
        }
        self.columns = columns
        self.records = Array(all.dropFirst())
    }

    var rows: [Row] { records.map { Row(table: self, record: $0) } }

    struct Row {
        let table: CSVTable
        let record: CSV.Record
        var line: Int { record.line }

        func error(_ column: String, _ reason: String) -> UserError {
            UserError(file: table.file, line: record.line, column: column, reason)
        }

        /// The trimmed cell, nil when the column is absent or the cell empty.
        func opt(_ column: String) -> String? {
            guard let i = table.columns[column], i < record.fields.count else { return nil }
            let v = record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }

        func req(_ column: String) throws -> String {
            guard let v = opt(column) else {
                throw UserError(file: table.file, line: record.line, "column '\(column)' is required")
            }
            return v
        }

        func list(_ column: String) -> [String] {
            (opt(column) ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func date(_ column: String, required: Bool) throws -> LocalDate? {
            guard let v = required ? try req(column) : opt(column) else { return nil }
            guard let d = LocalDate(iso: v) else { throw error(column, "'\(v)' is not a date (YYYY-MM-DD)") }
            return d
        }

        func money(_ column: String, decimals: Int, required: Bool) throws -> Money? {
            guard let v = required ? try req(column) : opt(column) else { return nil }
            do { return try Money.parse(v, decimals: decimals) } catch let e as Money.ParseError {
                throw error(column, "\(e)")
            }
        }

        func int(_ column: String, required: Bool) throws -> Int64? {
            guard let v = required ? try req(column) : opt(column) else { return nil }
            guard let n = Int64(v) else { throw error(column, "'\(v)' is not a whole number") }
            return n
        }

        func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, required: Bool) throws -> T? where T.RawValue == String {
            guard let v = required ? try req(column) : opt(column) else { return nil }
            guard let t = T(rawValue: v.lowercased()) else {
                throw error(column, "'\(v)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return t
        }

        func currency(_ column: String, required: Bool) throws -> String? {
            guard let v = required ? try req(column) : opt(column) else { return nil }
            let code = v.uppercased()
            guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
                throw error(column, "'\(v)' is not a currency code (three letters, like NOK)")
            }
            return code
        }
    }
}

/// Refuses a key seen before in the same file, naming both lines.
struct DuplicateCheck {
    private var seen: [String: Int] = [:]

    mutating func check(_ key: String, column: String, row: CSVTable.Row) throws {
        if let first = seen[key] { throw row.error(column, "'\(key)' is already on line \(first)") }
        seen[key] = row.line
    }
}
