import AvstemCore
import Foundation

/// The books as CSV files (spec section 3): what `books import` reads and `books export` writes.
public enum BooksCSV {
    static let partyColumns = ["no", "name", "address", "city", "post_code", "country", "bank_accounts", "vat_no"]
    static let glColumns = ["no", "name"]
    static let bankAccountColumns = ["no", "name", "iban", "account_no", "currency", "gl_account", "last_statement_no",
                                     "balance_last_statement", "match_tolerance_type", "match_tolerance_value"]
    static let openEntryColumns = ["entry_no", "party_type", "party_no", "document_type", "document_no", "external_document_no",
                                   "posting_date", "due_date", "currency", "amount", "remaining_amount", "pmt_discount_date",
                                   "remaining_pmt_disc_possible", "payment_reference", "description"]
    static let textMappingColumns = ["mapping_text", "account_type", "account_no", "credit_account_no"]
    static let bankLedgerColumns = ["entry_no", "bank_account", "posting_date", "document_no", "description", "amount"]
    static let setupColumns = ["key", "value"]
    static let postedColumns = ["entry_no", "ledger", "account_no", "posting_date", "document_no", "description", "amount",
                                "applies_to_entry_no", "journal", "line_no"]

    /// Reads every file the folder holds; a missing file is simply not there. The first error
    /// is thrown and nothing is returned, so the caller never imports half a folder.
    public static func read(directory: URL) throws -> Books {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw UserError(file: directory.path, "no such folder")
        }
        var books = Books()
        // Setup and bank accounts first: later files take their currencies from them.
        if let t = try table(directory, "setup.csv", required: ["key", "value"]) { books.setup = try readSetup(t) }
        if let t = try table(directory, "customers.csv", required: ["no", "name"]) { books.customers = try readParties(t, .customer) }
        if let t = try table(directory, "vendors.csv", required: ["no", "name"]) { books.vendors = try readParties(t, .vendor) }
        if let t = try table(directory, "gl_accounts.csv", required: ["no", "name"]) { books.glAccounts = try readGLAccounts(t) }
        if let t = try table(directory, "bank_accounts.csv", required: ["no", "name", "currency", "gl_account"]) {
            books.bankAccounts = try readBankAccounts(t)
        }
        if let t = try table(directory, "open_entries.csv", required: ["entry_no", "party_type", "party_no", "document_type", "document_no",
                                                                       "posting_date", "currency", "amount", "remaining_amount"]) {
            books.openEntries = try readOpenEntries(t)
        }
        if let t = try table(directory, "text_mappings.csv", required: ["mapping_text", "account_type", "account_no"]) {
            books.textMappings = try readTextMappings(t)
        }
        if let t = try table(directory, "bank_ledger_entries.csv", required: ["entry_no", "bank_account", "posting_date", "amount"]) {
            books.bankLedgerEntries = try readBankLedgerEntries(t, books: books)
        }
        return books
    }

    static func table(_ dir: URL, _ name: String, required: [String]) throws -> CSVTable? {
        let url = dir.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UserError(file: name, "cannot be read") }
        return try CSVTable(file: name, text: CSV.decode(data), required: required)
    }

    static func readSetup(_ t: CSVTable) throws -> Setup {
        var values: [String: String] = [:]
        var dup = DuplicateCheck()
        for r in t.rows {
            let key = try r.req("key").lowercased()
            guard Setup.knownKeys.contains(key) else {
                throw r.error("key", "'\(key)' is not one of \(Setup.knownKeys.joined(separator: ", "))")
            }
            try dup.check(key, column: "key", row: r)
            var value = try r.req("value")
            if key == "currency" { value = try r.currency("value", required: true)! }
            values[key] = value
        }
        return Setup(values: values)
    }

    static func readParties(_ t: CSVTable, _ type: PartyType) throws -> [Party] {
        var dup = DuplicateCheck()
        return try t.rows.map { r in
            let no = try r.req("no")
            try dup.check(no, column: "no", row: r)
            return Party(type: type, no: no, name: try r.req("name"), address: r.opt("address"), city: r.opt("city"),
                         postCode: r.opt("post_code"), country: r.opt("country"), bankAccounts: r.list("bank_accounts"),
                         vatNo: r.opt("vat_no"))
        }
    }

    static func readGLAccounts(_ t: CSVTable) throws -> [GLAccount] {
        var dup = DuplicateCheck()
        return try t.rows.map { r in
            let no = try r.req("no")
            try dup.check(no, column: "no", row: r)
            return GLAccount(no: no, name: try r.req("name"))
        }
    }

    static func readBankAccounts(_ t: CSVTable) throws -> [BankAccount] {
        var dup = DuplicateCheck()
        return try t.rows.map { r in
            let no = try r.req("no")
            try dup.check(no, column: "no", row: r)
            let currency = try r.currency("currency", required: true)!
            let decimals = Currency.decimals(currency)
            var kind: MatchTolerance.Kind?
            if let v = r.opt("match_tolerance_type") {
                guard let k = MatchTolerance.Kind(rawValue: v.lowercased()) else {
                    throw r.error("match_tolerance_type", "'\(v)' is not one of amount, percent")
                }
                kind = k
            }
            var tolerance = MatchTolerance.none
            if kind != nil || r.opt("match_tolerance_value") != nil {
                let k = kind ?? .amount
                // Amount tolerances are in the bank's minor units, percent ones in hundredths of a percent.
                let value = try r.money("match_tolerance_value", decimals: k == .amount ? decimals : 2, required: false) ?? .zero
                if value.isNegative { throw r.error("match_tolerance_value", "'\(r.opt("match_tolerance_value")!)' is negative") }
                if k == .percent && value.minor > 10_000 {
                    throw r.error("match_tolerance_value", "'\(r.opt("match_tolerance_value")!)' is more than 100 percent")
                }
                tolerance = MatchTolerance(kind: k, value: value.minor)
            }
            return BankAccount(no: no, name: try r.req("name"), iban: r.opt("iban"), accountNo: r.opt("account_no"),
                               currency: currency, glAccount: try r.req("gl_account"),
                               lastStatementNo: r.opt("last_statement_no"),
                               balanceLastStatement: try r.money("balance_last_statement", decimals: decimals, required: false) ?? .zero,
                               tolerance: tolerance)
        }
    }

    static func readOpenEntries(_ t: CSVTable) throws -> [LedgerEntry] {
        var dup = DuplicateCheck()
        return try t.rows.map { r in
            let entryNo = try r.int("entry_no", required: true)!
            try dup.check(String(entryNo), column: "entry_no", row: r)
            let currency = try r.currency("currency", required: true)!
            let decimals = Currency.decimals(currency)
            let amount = try r.money("amount", decimals: decimals, required: true)!
            let remaining = try r.money("remaining_amount", decimals: decimals, required: true)!
            if !remaining.isZero && remaining.sign != amount.sign {
                throw r.error("remaining_amount", "'\(try r.req("remaining_amount"))' has the opposite sign of amount '\(try r.req("amount"))'")
            }
            if remaining.magnitude > amount.magnitude {
                throw r.error("remaining_amount", "'\(try r.req("remaining_amount"))' is larger than amount '\(try r.req("amount"))'")
            }
            let discount = try r.money("remaining_pmt_disc_possible", decimals: decimals, required: false) ?? .zero
            if !discount.isZero && (discount.sign != amount.sign || discount.magnitude > remaining.magnitude) {
                throw r.error("remaining_pmt_disc_possible", "'\(try r.req("remaining_pmt_disc_possible"))' must have the sign of amount and be at most the remaining amount")
            }
            return LedgerEntry(entryNo: entryNo, partyType: try r.choice("party_type", PartyType.self, required: true)!,
                               partyNo: try r.req("party_no"),
                               documentType: try r.choice("document_type", DocumentType.self, required: true)!,
                               documentNo: try r.req("document_no"), externalDocumentNo: r.opt("external_document_no"),
                               postingDate: try r.date("posting_date", required: true)!,
                               dueDate: try r.date("due_date", required: false), currency: currency,
                               amount: amount, remainingAmount: remaining,
                               pmtDiscountDate: try r.date("pmt_discount_date", required: false),
                               remainingPmtDiscPossible: discount, paymentReference: r.opt("payment_reference"),
                               description: r.opt("description"))
        }
    }

    static func readTextMappings(_ t: CSVTable) throws -> [TextMapping] {
        try t.rows.map { r in
            // "re:PATTERN" is a regular expression (an extension of BC's substrings): refused here if it cannot be used.
            if let problem = TextMapping.patternProblem(try r.req("mapping_text")) { throw r.error("mapping_text", problem) }
            return TextMapping(mappingText: try r.req("mapping_text"),
                        accountType: try r.choice("account_type", AccountType.self, required: true)!,
                        accountNo: try r.req("account_no"), creditAccountNo: r.opt("credit_account_no"))
        }
    }

    static func readBankLedgerEntries(_ t: CSVTable, books: Books) throws -> [BankLedgerEntry] {
        var dup = DuplicateCheck()
        return try t.rows.map { r in
            let entryNo = try r.int("entry_no", required: true)!
            try dup.check(String(entryNo), column: "entry_no", row: r)
            let bank = try r.req("bank_account")
            let decimals = bankDecimals(bank, books)
            return BankLedgerEntry(entryNo: entryNo, bankAccount: bank, postingDate: try r.date("posting_date", required: true)!,
                                   documentNo: r.opt("document_no"), description: r.opt("description"),
                                   amount: try r.money("amount", decimals: decimals, required: true)!)
        }
    }

    /// A bank account's amounts have its currency's decimals; without the account, the company's.
    static func bankDecimals(_ bankNo: String, _ books: Books) -> Int {
        Currency.decimals(books.bankAccounts.first { $0.no == bankNo }?.currency ?? books.setup.currency ?? "")
    }

    // MARK: - Writing

    /// Writes every file of section 3 (header only when there is nothing) plus `posted_entries.csv`.
    /// Each file is replaced whole, so a reader never sees half a file.
    public static func write(_ books: Books, postedEntries: [PostedEntry], to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw UserError(file: directory.path, "cannot create the folder: \(error.localizedDescription)")
        }
        func amount(_ m: Money, _ currency: String?) -> String { m.formatted(decimals: Currency.decimals(currency ?? "")) }
        func party(_ p: Party) -> [String] {
            [p.no, p.name, p.address ?? "", p.city ?? "", p.postCode ?? "", p.country ?? "", p.bankAccounts.joined(separator: "|"), p.vatNo ?? ""]
        }
        let files: [(String, [String], [[String]])] = [
            ("setup.csv", setupColumns, setupRows(books.setup)),
            ("customers.csv", partyColumns, books.customers.map(party)),
            ("vendors.csv", partyColumns, books.vendors.map(party)),
            ("gl_accounts.csv", glColumns, books.glAccounts.map { [$0.no, $0.name] }),
            ("bank_accounts.csv", bankAccountColumns, books.bankAccounts.map { b in
                let tolerance: [String]
                if b.tolerance == .none {
                    tolerance = ["", ""]
                } else {
                    let d = b.tolerance.kind == .amount ? Currency.decimals(b.currency) : 2
                    tolerance = [b.tolerance.kind.rawValue, Money(minor: b.tolerance.value).formatted(decimals: d)]
                }
                return [b.no, b.name, b.iban ?? "", b.accountNo ?? "", b.currency, b.glAccount, b.lastStatementNo ?? "",
                        amount(b.balanceLastStatement, b.currency)] + tolerance
            }),
            ("open_entries.csv", openEntryColumns, books.openEntries.map { e in
                [String(e.entryNo), e.partyType.rawValue, e.partyNo, e.documentType.rawValue, e.documentNo, e.externalDocumentNo ?? "",
                 e.postingDate.iso, e.dueDate?.iso ?? "", e.currency, amount(e.amount, e.currency), amount(e.remainingAmount, e.currency),
                 e.pmtDiscountDate?.iso ?? "", e.remainingPmtDiscPossible.isZero ? "" : amount(e.remainingPmtDiscPossible, e.currency),
                 e.paymentReference ?? "", e.description ?? ""]
            }),
            ("text_mappings.csv", textMappingColumns, books.textMappings.map {
                [$0.mappingText, $0.accountType.rawValue, $0.accountNo, $0.creditAccountNo ?? ""]
            }),
            ("bank_ledger_entries.csv", bankLedgerColumns, books.bankLedgerEntries.filter(\.open).map { e in
                [String(e.entryNo), e.bankAccount, e.postingDate.iso, e.documentNo ?? "", e.description ?? "",
                 e.amount.formatted(decimals: bankDecimals(e.bankAccount, books))]
            }),
            ("posted_entries.csv", postedColumns, postedEntries.map { p in
                let decimals = p.ledger == .bank ? bankDecimals(p.accountNo, books) : Currency.decimals(books.setup.currency ?? "")
                return [String(p.entryNo), p.ledger.rawValue, p.accountNo, p.postingDate.iso, p.documentNo ?? "", p.description ?? "",
                        p.amount.formatted(decimals: decimals), p.appliesToEntryNo.map { String($0) } ?? "",
                        p.journal.map { String($0) } ?? "", p.lineNo.map { String($0) } ?? ""]
            }),
        ]
        for (name, header, rows) in files {
            let url = directory.appendingPathComponent(name)
            do {
                try Data(CSV.render(header: header, rows: rows).utf8).write(to: url, options: .atomic)
            } catch {
                throw UserError(file: url.path, "cannot be written: \(error.localizedDescription)")
            }
        }
    }

    /// Only the keys `read` accepts, so an export always imports again.
    static func setupRows(_ setup: Setup) -> [[String]] {
        Setup.knownKeys.compactMap { key in setup.values[key].map { [key, $0] } }
    }
}
