import AvstemCore
import Foundation

/// How one bank's CSV export is laid out. Written as TOML (see `CSVProfiles`); columns are
/// named by their header text (matched case-insensitively) or by position as `#3` (1-based),
/// for exports without a header or whose header does not line up with the data.
public struct CSVProfile: Sendable, Hashable {
    public var name: String
    public var description: String
    /// `built-in` or the path of the user's TOML file, for `statement profiles`.
    public var origin: String = "built-in"
    /// The TOML the profile was read from.
    public var toml: String = ""
    /// `,`, `;`, `\t`, or nil to take whichever of them the header line uses most.
    public var delimiter: UInt8?
    public var quote: UInt8?
    /// A quote closes a field only before a delimiter or the line end, so unescaped inner quotes
    /// (`"UAB "Naktida""`) survive; without it, `""` is an escaped quote as in RFC 4180.
    public var lenientQuotes: Bool
    /// nil: detected (valid UTF-8, else Windows-1252 and friends).
    public var encoding: TextEncoding?
    /// The header row, cell by cell; `auto` recognises the export when a row equals it exactly.
    public var headerColumns: [String]
    public var hasHeader: Bool
    public var skipLines: Int
    public var decimalSeparator: UInt8
    public var thousandsSeparator: UInt8?
    public var dateFormat: String
    public var currency: String?
    public var skipZeroAmounts: Bool
    /// The balance column holds the balance before the row (else after it).
    public var balanceIsBefore: Bool
    /// Characters stripped from both ends of every cell (ASN quotes its text with `'`).
    public var trimCharacters: String
    /// Headerless exports: `auto` accepts the file when its first row has this many cells and
    /// the date and amount columns parse.
    public var detectColumnCount: Int?

    public var columns: Columns
    /// Values of the indicator column meaning money out (`D`, `Af`, `Ut`); others are money in.
    public var debitValues: [String]
    /// Rows whose record-type column says opening balance, closing balance or transaction.
    public var openingRecordTypes: [String]
    public var closingRecordTypes: [String]
    public var entryRecordTypes: [String]
    /// Label cells of a metadata block above the header (`"Saldo:";"-76.77 EUR"`).
    public var metadataAccount: String?
    public var metadataClosingBalance: String?

    public struct Columns: Sendable, Hashable {
        public var date: String
        public var valueDate: String?
        public var amount: String?
        public var amountIn: String?
        public var amountOut: String?
        public var indicator: String?
        public var text: [String]
        public var textSeparator: String
        public var textFallback: [String]
        /// Text when the counter-account column is empty (ING NL puts the name into the text then).
        public var textWithoutAccount: [String]
        public var name: String?
        public var nameFallback: String?
        public var account: String?
        public var reference: String?
        public var balance: String?
        public var transactionId: String?
        public var currency: String?
        public var ownAccount: String?
        /// A fee column becomes a line of its own, so the lines sum to the net movement.
        public var fee: String?
        public var info: [String]
        public var recordType: String?
    }

    /// Every column the profile reads, for the missing-column check.
    var usedColumns: [String] {
        let c = columns
        return ([c.date, c.valueDate, c.amount, c.amountIn, c.amountOut, c.indicator, c.name, c.nameFallback, c.account,
                 c.reference, c.balance, c.transactionId, c.currency, c.ownAccount, c.fee, c.recordType] as [String?]).compactMap { $0 }
            + c.text + c.textFallback + c.textWithoutAccount + c.info
    }
}

extension CSVProfile {
    /// Builds a profile from its TOML; `file` names the source in errors.
    public init(toml: String, file: String) throws {
        let v = try ProfileTOML.parse(toml, file: file)
        self.toml = toml
        let known: Set<String> = ["name", "description", "delimiter", "quote", "lenient_quotes", "encoding", "header", "header_columns",
                                  "skip_lines", "decimal", "thousands", "date_format", "currency", "skip_zero_amounts",
                                  "balance_is_before", "trim", "detect_columns",
                                  "columns.date", "columns.value_date", "columns.amount", "columns.amount_in", "columns.amount_out",
                                  "columns.indicator", "columns.text", "columns.text_separator", "columns.text_fallback",
                                  "columns.text_without_account", "columns.name", "columns.name_fallback", "columns.account",
                                  "columns.reference", "columns.balance", "columns.transaction_id", "columns.currency",
                                  "columns.own_account", "columns.fee", "columns.info", "columns.record_type",
                                  "indicator.debit", "records.opening", "records.closing", "records.entry",
                                  "metadata.account", "metadata.closing_balance"]
        if let unknown = v.keys.sorted().first(where: { !known.contains($0) }) {
            throw UserError(file: file, "unknown profile key '\(unknown)'")
        }
        func str(_ k: String) throws -> String? {
            guard let x = v[k] else { return nil }
            guard case .string(let s) = x else { throw UserError(file: file, "'\(k)' must be a string") }
            return s.isEmpty ? nil : s
        }
        func list(_ k: String) throws -> [String] {
            switch v[k] {
            case nil: return []
            case .array(let a)?: return a
            case .string(let s)?: return s.isEmpty ? [] : [s]
            default: throw UserError(file: file, "'\(k)' must be a string or an array of strings")
            }
        }
        func bool(_ k: String, _ d: Bool) throws -> Bool {
            guard let x = v[k] else { return d }
            guard case .bool(let b) = x else { throw UserError(file: file, "'\(k)' must be true or false") }
            return b
        }
        func int(_ k: String) throws -> Int? {
            guard let x = v[k] else { return nil }
            guard case .number(let n) = x, n >= 0 else { throw UserError(file: file, "'\(k)' must be a number") }
            return n
        }
        func byte(_ k: String, _ d: UInt8?) throws -> UInt8? {
            guard let s = try str(k) else { return v[k] == nil ? d : nil }
            if s == "auto" { return nil }
            if s == "\\t" || s == "tab" { return 0x09 }
            guard s.utf8.count == 1, let b = s.utf8.first else { throw UserError(file: file, "'\(k)' must be one ASCII character, not '\(s)'") }
            return b
        }
        guard let name = try str("name") else { throw UserError(file: file, "the profile has no name") }
        guard let date = try str("columns.date") else { throw UserError(file: file, "profile '\(name)' has no columns.date") }
        self.name = name
        description = try str("description") ?? name
        delimiter = try byte("delimiter", 0x2C)
        quote = try byte("quote", 0x22)
        lenientQuotes = try bool("lenient_quotes", false)
        if let e = try str("encoding"), e != "auto" {
            guard let enc = TextEncoding(name: e) else { throw UserError(file: file, "unknown encoding '\(e)'") }
            encoding = enc
        } else { encoding = nil }
        headerColumns = try list("header_columns")
        hasHeader = try bool("header", true)
        skipLines = try int("skip_lines") ?? 0
        decimalSeparator = try byte("decimal", 0x2E) ?? 0x2E
        thousandsSeparator = try byte("thousands", nil)
        dateFormat = try str("date_format") ?? "yyyy-MM-dd"
        guard CSVDates.validFormat(dateFormat) else { throw UserError(file: file, "date_format '\(dateFormat)' needs yyyy (or yy), MM (or M) and dd (or d)") }
        currency = try str("currency")
        skipZeroAmounts = try bool("skip_zero_amounts", false)
        balanceIsBefore = try bool("balance_is_before", false)
        trimCharacters = try str("trim") ?? ""
        detectColumnCount = try int("detect_columns")
        columns = Columns(date: date, valueDate: try str("columns.value_date"), amount: try str("columns.amount"),
                          amountIn: try str("columns.amount_in"), amountOut: try str("columns.amount_out"),
                          indicator: try str("columns.indicator"), text: try list("columns.text"),
                          textSeparator: v["columns.text_separator"].flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? " ",
                          textFallback: try list("columns.text_fallback"), textWithoutAccount: try list("columns.text_without_account"),
                          name: try str("columns.name"), nameFallback: try str("columns.name_fallback"),
                          account: try str("columns.account"), reference: try str("columns.reference"),
                          balance: try str("columns.balance"), transactionId: try str("columns.transaction_id"),
                          currency: try str("columns.currency"), ownAccount: try str("columns.own_account"),
                          fee: try str("columns.fee"), info: try list("columns.info"), recordType: try str("columns.record_type"))
        guard columns.amount != nil || columns.amountIn != nil || columns.amountOut != nil else {
            throw UserError(file: file, "profile '\(name)' needs columns.amount or columns.amount_in/amount_out")
        }
        debitValues = try list("indicator.debit")
        if columns.indicator != nil && debitValues.isEmpty { throw UserError(file: file, "profile '\(name)': columns.indicator needs indicator.debit") }
        openingRecordTypes = try list("records.opening")
        closingRecordTypes = try list("records.closing")
        entryRecordTypes = try list("records.entry")
        metadataAccount = try str("metadata.account")
        metadataClosingBalance = try str("metadata.closing_balance")
        if hasHeader && headerColumns.isEmpty {
            // Named columns need the header to find them; positional ones do not.
            for c in usedColumns where !c.hasPrefix("#") {
                throw UserError(file: file, "profile '\(name)': column '\(c)' is named but header_columns is empty")
            }
        }
    }
}

/// `dd.MM.yyyy`, `yyyyMMdd`, `M/d/yyyy`, `yyyy:MM:dd`, … on the cell's characters.
enum CSVDates {
    static func validFormat(_ f: String) -> Bool {
        (f.contains("yyyy") || f.contains("yy")) && f.contains("M") && f.contains("d")
    }

    static func parse(_ s: String, format: String) -> LocalDate? {
        let v = Array(s.trimmingCharacters(in: .whitespaces).utf8)
        let f = Array(format.utf8)
        var i = 0, j = 0
        var y = -1, m = -1, d = -1
        while j < f.count {
            let c = f[j]
            var run = 1
            while j + run < f.count && f[j + run] == c { run += 1 }
            switch c {
            case 0x79, 0x4D, 0x64: // y, M, d
                // A single letter takes one or two digits; a run takes exactly its length.
                let maxDigits = run == 1 ? 2 : run
                var n = 0, k = 0
                while k < maxDigits, i < v.count, isDigit(v[i]) { n = n * 10 + Int(v[i] - 48); i += 1; k += 1 }
                guard k >= (run == 1 ? 1 : run) else { return nil }
                if c == 0x79 { y = run == 2 ? ReaderSupport.year(fromTwoDigits: n) : n } else if c == 0x4D { m = n } else { d = n }
                j += run
            default:
                for _ in 0..<run {
                    guard i < v.count, v[i] == c else { return nil }
                    i += 1
                }
                j += run
            }
        }
        // Trailing time of day (`2012-01-02 14:30`) is ignored; anything else is not a date.
        if i < v.count && v[i] != 0x20 && v[i] != 0x54 { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
