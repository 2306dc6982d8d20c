import AvstemCore
import Foundation

/// Bank CSV exports through a `CSVProfile`. `--format csv:PROFILE` names the profile; `auto`
/// (and `--format csv`) pick the profile whose header row the file carries exactly.
public struct CSVProfileReader: StatementReader {
    public static let name = "csv"

    public let profile: CSVProfile?

    public init() { profile = nil }
    public init(profile: CSVProfile) { self.profile = profile }

    public static func sniff(_ head: [UInt8]) -> Bool {
        guard let profiles = try? CSVProfiles.all() else { return false }
        return detect(head, among: profiles) != nil
    }

    /// `csv:knab` → `knab`; nil for any other format name.
    public static func profileName(in format: String) -> String? {
        let f = format.lowercased()
        guard f.hasPrefix("csv:") else { return nil }
        return String(format.dropFirst(4))
    }

    public static func read(url: URL, format: String) throws -> StatementFile {
        let file = url.lastPathComponent
        guard let n = profileName(in: format), !n.isEmpty else { return try CSVProfileReader().read(url: url) }
        do { return try CSVProfileReader(profile: CSVProfiles.named(n)).read(url: url) } catch let e as UserError where !e.message.hasPrefix(file) {
            throw UserError(file: file, e.message)
        }
    }

    public func read(url: URL) throws -> StatementFile {
        try parse(ReaderSupport.readBytes(url), file: url.lastPathComponent)
    }

    public func parse(_ bytes: [UInt8], file: String) throws -> StatementFile {
        let chosen: CSVProfile
        if let profile { chosen = profile } else {
            guard let p = Self.detect(Array(bytes.prefix(StatementFormats.sniffLength)), among: try CSVProfiles.all()) else {
                throw UserError(file: file, "no CSV profile matches this file's header; give --format csv:PROFILE (see `avstem statement profiles`)")
            }
            chosen = p
        }
        return try CSVStatementBuilder(profile: chosen, file: file).build(bytes)
    }

    /// The profile whose header row appears in the first lines (or, for headerless exports,
    /// whose column count, date and amount fit the first row).
    static func detect(_ head: [UInt8], among profiles: [CSVProfile]) -> CSVProfile? {
        // Profiles share encodings and delimiters: decode and split the head once per variant.
        var texts: [String: [UInt8]] = [:]
        var tables: [String: [CSVRow]] = [:]
        for p in profiles {
            let encodingKey = p.encoding?.rawValue ?? "auto"
            let utf8: [UInt8]
            if let t = texts[encodingKey] { utf8 = t } else {
                utf8 = Array(decode(head, p.encoding).utf8)
                texts[encodingKey] = utf8
            }
            let delimiter = p.delimiter ?? CSVTokenizer.guessDelimiter(utf8)
            let key = "\(encodingKey)|\(delimiter)|\(p.quote ?? 0)|\(p.lenientQuotes)"
            let rows: [CSVRow]
            if let r = tables[key] { rows = r } else {
                rows = CSVTokenizer.rows(utf8, delimiter: delimiter, quote: p.quote, lenient: p.lenientQuotes, limit: 40)
                tables[key] = rows
            }
            if p.hasHeader, !p.headerColumns.isEmpty {
                if rows.contains(where: { CSVTokenizer.matches($0.cells, p.headerColumns) }) { return p }
            } else if let n = p.detectColumnCount, let first = rows.first(where: { !$0.cells.allSatisfy(\.isEmpty) }), first.cells.count == n {
                let b = CSVStatementBuilder(profile: p, file: "")
                let idx = b.positional
                if let d = idx(p.columns.date), d < n, CSVDates.parse(first.cells[d], format: p.dateFormat) != nil,
                   let a = p.columns.amount.flatMap(idx), a < n, (try? b.amount(first.cells[a], line: 0, column: "")) != nil {
                    return p
                }
            }
        }
        return nil
    }

    /// Valid UTF-8 wins over the profile's encoding: banks move their exports to UTF-8 without
    /// notice, and legacy text that happens to be valid UTF-8 is vanishingly rare.
    static func decode(_ bytes: [UInt8], _ encoding: TextEncoding?) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return TextDecoding.decode(bytes[3...], as: .utf8) }
        if TextDecoding.isValidUTF8(bytes) { return TextDecoding.decode(bytes[...], as: .utf8) }
        return TextDecoding.decode(bytes[...], as: encoding ?? TextDecoding.detect(bytes))
    }
}

struct CSVRow {
    var line: Int
    var cells: [String]
}

enum CSVTokenizer {
    /// `;`, tab or `,`, whichever the first line uses most outside quotes.
    static func guessDelimiter(_ b: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x3B: 0, 0x09: 0, 0x2C: 0]
        var inQuote = false
        for c in b {
            if c == 0x0A && !inQuote { break }
            if c == 0x22 { inQuote.toggle() } else if !inQuote, counts[c] != nil { counts[c]! += 1 }
        }
        return [UInt8(0x3B), 0x09, 0x2C].max { counts[$0]! < counts[$1]! }.flatMap { counts[$0]! > 0 ? $0 : nil } ?? 0x2C
    }

    /// Rows with the line each starts on; quoted fields may span lines.
    static func rows(_ b: [UInt8], delimiter: UInt8, quote: UInt8?, lenient: Bool, limit: Int = .max) -> [CSVRow] {
        var rows: [CSVRow] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1, rowLine = 1
        var i = 0
        let n = b.count
        var inQuote = false
        var wasQuoted = false
        func endCell() { cells.append(String(decoding: cell, as: UTF8.self)); cell.removeAll(keepingCapacity: true); wasQuoted = false }
        while i < n {
            let c = b[i]
            if inQuote {
                if c == quote {
                    let next: UInt8? = i + 1 < n ? b[i + 1] : nil
                    if !lenient && next == quote { cell.append(c); i += 2; continue }
                    if next == nil || next == delimiter || next == 0x0A || next == 0x0D || !lenient {
                        inQuote = false; i += 1; continue
                    }
                    cell.append(c); i += 1; continue
                }
                if c == 0x0A { line += 1 }
                cell.append(c); i += 1
                continue
            }
            if c == quote && cell.allSatisfy({ $0 == 0x20 }) && !wasQuoted {
                cell.removeAll(); inQuote = true; wasQuoted = true; i += 1; continue
            }
            if c == delimiter { endCell(); i += 1; continue }
            if c == 0x0A || c == 0x0D {
                endCell()
                rows.append(CSVRow(line: rowLine, cells: cells)); cells.removeAll()
                if rows.count >= limit { return rows }
                if c == 0x0D && i + 1 < n && b[i + 1] == 0x0A { i += 1 }
                i += 1; line += 1; rowLine = line
                continue
            }
            cell.append(c); i += 1
        }
        if inQuote || !cell.isEmpty || !cells.isEmpty {
            endCell()
            rows.append(CSVRow(line: rowLine, cells: cells))
        }
        return rows
    }

    /// A row equals a header when its cells do, ignoring case, surrounding blanks and the
    /// empty cells a trailing delimiter leaves.
    static func matches(_ cells: [String], _ header: [String]) -> Bool {
        var c = cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        while let last = c.last, last.isEmpty, c.count > header.count { c.removeLast() }
        return c == header.map { $0.lowercased() }
    }
}

/// Turns a CSV file into statements under one profile.
struct CSVStatementBuilder {
    let profile: CSVProfile
    let file: String

    func positional(_ spec: String) -> Int? {
        guard spec.hasPrefix("#"), let n = Int(spec.dropFirst()), n >= 1 else { return nil }
        return n - 1
    }

    func amount(_ raw: String, line: Int, column: String) throws -> Money {
        try amount(raw, decimals: Currency.decimals(profile.currency ?? ""), line: line, column: column, decimal: profile.decimalSeparator, thousands: profile.thousandsSeparator)
    }

    /// `-1,058.09`, `827,75`, `-.46`, `(12.00)`, `12.00-`, `1 234,50` under the profile's separators.
    func amount(_ raw: String, decimals: Int, line: Int, column: String, decimal: UInt8, thousands: UInt8?) throws -> Money {
        var b: [UInt8] = []
        var negative = false
        var s = Array(raw.utf8)
        while let f = s.first, f == 0x20 || f == 0x09 { s.removeFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s.removeLast() }
        if s.first == 0x28, s.last == 0x29 { negative = true; s = Array(s.dropFirst().dropLast()) }
        if s.last == 0x2D { negative = true; s.removeLast() }
        var k = 0
        while k < s.count {
            let c = s[k]
            if c == 0xC2, k + 1 < s.count, s[k + 1] == 0xA0 { k += 2; continue } // no-break space as thousands separator
            if c == 0x20 || c == thousands { k += 1; continue }
            if c == decimal { b.append(0x2E) } else if c == 0x2D && b.isEmpty { negative.toggle() } else if c == 0x2B && b.isEmpty {} else { b.append(c) }
            k += 1
        }
        do {
            let m = try Money.parse(utf8: b[...], decimals: decimals, original: raw)
            return negative ? -m : m
        } catch let e as Money.ParseError {
            throw UserError(file: file, line: line, column: column, "\(e)")
        }
    }

    func build(_ bytes: [UInt8]) throws -> StatementFile {
        let text = CSVProfileReader.decode(bytes, profile.encoding)
        let utf8 = Array(text.utf8)
        let delimiter = profile.delimiter ?? CSVTokenizer.guessDelimiter(utf8)
        var rows = CSVTokenizer.rows(utf8, delimiter: delimiter, quote: profile.quote, lenient: profile.lenientQuotes)
        rows.removeFirst(min(profile.skipLines, rows.count))
        let trim = CharacterSet(charactersIn: profile.trimCharacters).union(.whitespaces)
        if !profile.trimCharacters.isEmpty {
            for r in rows.indices { rows[r].cells = rows[r].cells.map { $0.trimmingCharacters(in: trim) } }
        }

        // Metadata above the header, then the header itself.
        var metaAccount: String?, metaClosing: (Money, String?)?
        var header: [String] = []
        var dataStart = 0
        if profile.hasHeader {
            let index: Int?
            if profile.headerColumns.isEmpty {
                index = rows.firstIndex { !$0.cells.allSatisfy(\.isEmpty) }
            } else {
                index = rows.firstIndex { CSVTokenizer.matches($0.cells, profile.headerColumns) }
            }
            guard let h = index else {
                throw UserError(file: file, "the header row of profile '\(profile.name)' was not found (expected: \(profile.headerColumns.joined(separator: String(UnicodeScalar(delimiter)))))")
            }
            for r in rows[..<h] where r.cells.count >= 2 {
                let label = r.cells[0].trimmingCharacters(in: .whitespaces)
                if label == profile.metadataAccount {
                    metaAccount = r.cells[1].split(separator: " ").first.map(String.init)
                } else if label == profile.metadataClosingBalance {
                    metaClosing = try metadataAmount(r.cells[1], line: r.line)
                }
            }
            header = rows[h].cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            dataStart = h + 1
        }
        func column(_ spec: String?) throws -> Int? {
            guard let spec else { return nil }
            if let p = positional(spec) { return p }
            guard let i = header.firstIndex(of: spec.lowercased()) else {
                throw UserError(file: file, line: rows.first?.line, "profile '\(profile.name)': column '\(spec)' is not in the header")
            }
            return i
        }
        let c = profile.columns
        let cDate = try column(c.date)!, cValue = try column(c.valueDate), cAmount = try column(c.amount)
        let cIn = try column(c.amountIn), cOut = try column(c.amountOut), cInd = try column(c.indicator)
        let cText = try c.text.map { try column($0)! }, cFallback = try c.textFallback.map { try column($0)! }
        let cTextNoAcct = try c.textWithoutAccount.map { try column($0)! }
        let cName = try column(c.name), cNameFallback = try column(c.nameFallback), cAccount = try column(c.account)
        let cRef = try column(c.reference), cBalance = try column(c.balance), cTx = try column(c.transactionId)
        let cCcy = try column(c.currency), cOwn = try column(c.ownAccount), cFee = try column(c.fee)
        let cInfo = try c.info.map { try column($0)! }, cType = try column(c.recordType)
        let names = profile.usedColumns
        let needed = ([cDate, cValue, cAmount, cIn, cOut, cInd, cName, cNameFallback, cAccount, cRef, cBalance, cTx, cCcy, cOwn, cFee, cType] as [Int?]).compactMap { $0 }
            + cText + cFallback + cTextNoAcct + cInfo
        let widest = needed.max() ?? 0
        let debit = Set(profile.debitValues.map { $0.lowercased() })

        struct Group {
            var statement: BankStatement
            var firstBalance: Money?, firstMovement = Money.zero
            var lastBalance: Money?, lastMovement = Money.zero
            var opening: Money?, closing: Money?
        }
        var groups: [Group] = []
        func groupIndex(_ currency: String?) -> Int {
            if let i = groups.firstIndex(where: { $0.statement.currency == currency }) { return i }
            groups.append(Group(statement: BankStatement(currency: currency)))
            return groups.count - 1
        }

        for row in rows[dataStart...] {
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.cells.count > widest else {
                let missing = needed.filter { $0 >= row.cells.count }.min() ?? widest
                let label = header.indices.contains(missing) && !header[missing].isEmpty ? "'\(header[missing])'" : "#\(missing + 1)"
                throw UserError(file: file, line: row.line, "row has \(row.cells.count) fields; column \(label) is missing")
            }
            _ = names
            func cell(_ i: Int?) -> String? {
                guard let i else { return nil }
                let v = row.cells[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func label(_ i: Int) -> String { header.indices.contains(i) && !header[i].isEmpty ? header[i] : "#\(i + 1)" }
            let currency = cell(cCcy)?.uppercased() ?? metaClosing?.1 ?? profile.currency
            let decimals = Currency.decimals(currency ?? "")
            func money(_ i: Int?) throws -> Money? {
                guard let i, let v = cell(i) else { return nil }
                return try amount(v, decimals: decimals, line: row.line, column: label(i), decimal: profile.decimalSeparator, thousands: profile.thousandsSeparator)
            }
            var value: Money
            if cAmount != nil {
                guard let a = try money(cAmount) else { throw UserError(file: file, line: row.line, column: label(cAmount!), "no amount") }
                value = a
            } else {
                let inn = try money(cIn), out = try money(cOut)
                guard inn != nil || out != nil else { throw UserError(file: file, line: row.line, "neither an in nor an out amount") }
                value = (inn ?? .zero) - (out ?? .zero).magnitude
            }
            if let ci = cInd {
                let mark = (cell(ci) ?? "").lowercased()
                value = debit.contains(mark) ? -value.magnitude : value.magnitude
            }
            let g = groupIndex(currency)
            if groups[g].statement.account == nil { groups[g].statement.account = cell(cOwn) ?? metaAccount }
            if let ct = cType, let type = cell(ct) {
                if profile.openingRecordTypes.contains(type) { groups[g].opening = value; continue }
                if profile.closingRecordTypes.contains(type) { groups[g].closing = value; continue }
                if !profile.entryRecordTypes.isEmpty && !profile.entryRecordTypes.contains(type) { continue }
            }
            if profile.skipZeroAmounts && value.isZero { continue }
            guard let dateText = cell(cDate) else { throw UserError(file: file, line: row.line, column: label(cDate), "no date") }
            guard let date = CSVDates.parse(dateText, format: profile.dateFormat) else {
                throw UserError(file: file, line: row.line, column: label(cDate), "'\(dateText)' is not a date (\(profile.dateFormat))")
            }
            var e = StatementEntry(bookingDate: date, amount: value)
            if let cv = cValue, let v = cell(cv) {
                guard let d = CSVDates.parse(v, format: profile.dateFormat) else {
                    throw UserError(file: file, line: row.line, column: label(cv), "'\(v)' is not a date (\(profile.dateFormat))")
                }
                e.valueDate = d
            }
            e.relatedPartyAccount = cell(cAccount)
            e.relatedPartyName = (cell(cName) ?? cell(cNameFallback)).flatMap(ReaderSupport.clean)
            let textCols = e.relatedPartyAccount == nil && !cTextNoAcct.isEmpty ? cTextNoAcct : cText
            e.text = ReaderSupport.clean(textCols.compactMap(cell).joined(separator: c.textSeparator))
                ?? ReaderSupport.clean(cFallback.compactMap(cell).joined(separator: c.textSeparator))
            e.reference = cell(cRef) ?? e.text.flatMap(StructuredReference.find)
            e.bankTransactionId = cell(cTx)
            e.additionalInfo = ReaderSupport.clean(cInfo.compactMap(cell).joined(separator: " "))
            e.details = row.cells.enumerated().compactMap { i, v in
                let t = v.trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? nil : .init(label(i), t)
            }
            var movement = value
            groups[g].statement.entries.append(e)
            if let fee = try money(cFee), !fee.isZero {
                var f = StatementEntry(bookingDate: date, valueDate: e.valueDate, amount: fee)
                f.text = "Fee: " + (e.text ?? "")
                f.bankTransactionId = e.bankTransactionId.map { $0 + "/fee" }
                f.details = [.init(label(cFee!), row.cells[cFee!])]
                groups[g].statement.entries.append(f)
                movement += fee
            }
            if let b = try money(cBalance) {
                if groups[g].firstBalance == nil { groups[g].firstBalance = b; groups[g].firstMovement = movement }
                groups[g].lastBalance = b; groups[g].lastMovement = movement
            }
        }
        var statements: [BankStatement] = []
        for g in groups {
            var s = g.statement
            if let o = g.opening { s.openingBalance = o } else if let b = g.firstBalance {
                s.openingBalance = profile.balanceIsBefore ? b : b - g.firstMovement
            }
            if let cl = g.closing { s.closingBalance = cl } else if let b = g.lastBalance {
                s.closingBalance = profile.balanceIsBefore ? b + g.lastMovement : b
            } else if let m = metaClosing, groups.count == 1 {
                s.closingBalance = m.0
            }
            let dates = s.entries.compactMap(\.transactionDate)
            s.fromDate = dates.min(); s.toDate = dates.max()
            statements.append(s)
        }
        if statements.isEmpty, let m = metaClosing {
            statements.append(BankStatement(account: metaAccount, currency: m.1 ?? profile.currency, closingBalance: m.0))
        }
        return StatementFile(format: "csv:\(profile.name)", statements: statements, warnings: ReaderSupport.balanceWarnings(statements))
    }

    /// `-76.77 EUR`: metadata amounts do not always use the table's separators, so the last
    /// `.` or `,` followed by one or two digits is the decimal point.
    func metadataAmount(_ raw: String, line: Int) throws -> (Money, String?) {
        let parts = raw.split(separator: " ").map(String.init)
        let ccy = parts.first { $0.count == 3 && $0.allSatisfy { $0.isUppercase && $0.isLetter } }
        let number = parts.first { $0.contains { $0.isNumber } } ?? raw
        let u = Array(number.utf8)
        var dec: UInt8 = 0x2E
        if let last = u.lastIndex(where: { $0 == 0x2C || $0 == 0x2E }), u.count - last - 1 <= 2 { dec = u[last] }
        let th: UInt8 = dec == 0x2C ? 0x2E : 0x2C
        return (try amount(number, decimals: Currency.decimals(ccy ?? profile.currency ?? ""), line: line, column: "metadata", decimal: dec, thousands: th), ccy)
    }
}
