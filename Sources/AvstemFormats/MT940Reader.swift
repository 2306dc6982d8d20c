import AvstemCore
import Foundation

/// SWIFT MT940 statements and MT942 interim reports, with the field-86 dialects banks
/// actually send. Works on bytes: a file is split into tagged fields once, and only the
/// values a statement line keeps are decoded to text.
public struct MT940Reader: StatementReader {
    public static let name = "mt940"

    public init() {}

    /// A `:20:` field and a `:25:`, `:60F:` or `:61:` field near the top, at line starts or
    /// right after the `{4:` block opener.
    public static func sniff(_ head: [UInt8]) -> Bool {
        let has20 = head.starts(with: Array(":20:".utf8)) || head.firstRange(of: "\n:20:") != nil
            || head.firstRange(of: "{4::20:") != nil || head.firstRange(of: "{4:\r\n:20:") != nil
        guard has20 else { return false }
        return head.firstRange(of: ":25:") != nil || head.firstRange(of: ":60F:") != nil
            || head.firstRange(of: ":61:") != nil || head.firstRange(of: ":28C:") != nil
    }

    public func read(url: URL) throws -> StatementFile {
        try parse(ReaderSupport.readBytes(url), file: url.lastPathComponent)
    }

    public func parse(_ bytes: [UInt8], file: String, encoding: TextEncoding? = nil) throws -> StatementFile {
        let body = Array(TextDecoding.withoutBOM(bytes))
        let enc = encoding ?? TextDecoding.detect(body)
        var parser = MT940Parser(bytes: body, file: file, encoding: enc)
        return try parser.run()
    }
}

/// One tagged field: `:61:` and the continuation lines under it.
struct MTField {
    var tag: String
    /// Index into the line table of the line holding the tag.
    var lineIndex: Int
    /// The value on the tag's own line, after `:TAG:`.
    var first: Range<Int>
    /// Continuation lines are `lines[lineIndex + 1 ... lastLine]`.
    var lastLine: Int
}

struct MT940Parser {
    let bytes: [UInt8]
    let file: String
    let encoding: TextEncoding
    var lines: [Range<Int>] = []

    var statements: [BankStatement] = []
    var warnings: [String] = []
    var reference: String?
    var account: String?
    var sequence: String?
    var sawMT942 = false
    var current: BankStatement?
    var currentDecimals = 2
    var pending: PendingEntry?

    struct PendingEntry {
        var entry: StatementEntry
        var customerReference: ArraySlice<UInt8>
        var supplementary: [UInt8]
        var has86 = false
    }

    init(bytes: [UInt8], file: String, encoding: TextEncoding) {
        self.bytes = bytes; self.file = file; self.encoding = encoding
    }

    func text<C: Collection>(_ b: C) -> String where C.Element == UInt8 { TextDecoding.decode(b, as: encoding) }

    func error(_ lineIndex: Int, _ reason: String) -> UserError { UserError(file: file, line: lineIndex + 1, reason) }

    mutating func run() throws -> StatementFile {
        lines = ReaderSupport.lines(bytes)
        let fields = collectFields()
        guard fields.contains(where: { $0.tag == "61" || $0.tag.hasPrefix("60") || $0.tag.hasPrefix("62") }) else {
            throw UserError(file: file, "not an MT940 statement: no :60:, :61: or :62: field")
        }
        for f in fields { try handle(f) }
        finishEntry()
        finishStatement(line: lines.count)
        return StatementFile(format: sawMT942 && !fields.contains(where: { $0.tag.hasPrefix("60") }) ? "mt942" : "mt940",
                             statements: statements, warnings: warnings)
    }

    // MARK: fields

    /// `:NN:` or `:NNA:` at the start of a line; returns the offset after the closing colon.
    func tagEnd(_ r: Range<Int>) -> Int? {
        let s = r.lowerBound, n = r.count
        guard n >= 4, bytes[s] == 0x3A, isDigit(bytes[s + 1]), isDigit(bytes[s + 2]) else { return nil }
        if bytes[s + 3] == 0x3A { return s + 4 }
        if n >= 5, isUpper(bytes[s + 3]), bytes[s + 4] == 0x3A { return s + 5 }
        return nil
    }

    func collectFields() -> [MTField] {
        var fields: [MTField] = []
        var open = false
        var i = 0
        while i < lines.count {
            var r = lines[i]
            // `{1:…}{2:…}{4:` envelopes: the block opener ends any field; a field may follow on the same line.
            if !r.isEmpty, bytes[r.lowerBound] == 0x7B {
                open = false
                if let b4 = find(Array("{4:".utf8), in: r) {
                    r = (b4 + 3)..<r.upperBound
                } else { i += 1; continue }
            }
            if let end = tagEnd(r) {
                let tag = String(decoding: bytes[(r.lowerBound + 1)..<(end - 1)], as: UTF8.self)
                fields.append(MTField(tag: tag, lineIndex: i, first: end..<r.upperBound, lastLine: i))
                open = true
            } else if isTerminator(r) {
                // A lone '-' inside a wrapped :86: is text (ING wraps there), not the end of the message.
                if open, fields.last?.tag == "86", bytes[r].count == 1, i + 1 < lines.count, continuesField(lines[i + 1]) {
                    fields[fields.count - 1].lastLine = i
                } else {
                    open = false
                }
            } else if open {
                fields[fields.count - 1].lastLine = i
            }
            i += 1
        }
        return fields
    }

    func isTerminator(_ r: Range<Int>) -> Bool {
        let s = trimmed(r)
        guard !s.isEmpty else { return false }
        let f = bytes[s.lowerBound]
        if f == 0x7D { return true } // '}'
        return f == 0x2D && (s.count == 1 || bytes[s.lowerBound + 1] == 0x7D) // '-' or '-}'
    }

    func continuesField(_ r: Range<Int>) -> Bool {
        let s = trimmed(r)
        guard !s.isEmpty else { return false }
        let f = bytes[s.lowerBound]
        return tagEnd(r) == nil && f != 0x7B && f != 0x7D && f != 0x2D
    }

    mutating func handle(_ f: MTField) throws {
        switch f.tag {
        case "20":
            finishEntry()
            if current != nil { finishStatement(line: f.lineIndex) }
            reference = nonEmpty(text(bytes[trimmed(f.first)]))
            sequence = nil
        case "25":
            account = nonEmpty(text(bytes[trimmed(f.first)]))
        case "28", "28C":
            // ING wraps even this short field; the pieces belong together.
            var seq = Array(bytes[trimmed(f.first)])
            if f.lastLine > f.lineIndex { for k in (f.lineIndex + 1)...f.lastLine { seq += bytes[trimmed(lines[k])] } }
            sequence = nonEmpty(text(seq))
        case "13", "13D", "34F":
            sawMT942 = true
            if f.tag == "34F", current == nil {
                let v = bytes[trimmed(f.first)]
                if v.count >= 3, v.prefix(3).allSatisfy(isUpper) {
                    currentDecimals = Currency.decimals(text(v.prefix(3)))
                }
            }
        case "60F", "60M", "60":
            finishEntry()
            if current != nil { finishStatement(line: f.lineIndex) }
            let b = try balance(f)
            var s = BankStatement(id: sequence ?? reference, account: account, currency: b.currency, openingBalance: b.amount)
            s.fromDate = b.date
            current = s
            currentDecimals = Currency.decimals(b.currency)
        case "61":
            finishEntry()
            if current == nil {
                sawMT942 = true
                current = BankStatement(id: sequence ?? reference, account: account)
            }
            pending = try transaction(f)
        case "86":
            if pending != nil, pending?.has86 == false {
                apply86(f)
            }
        case "62F", "62M", "62":
            finishEntry()
            let b = try balance(f)
            if current == nil { current = BankStatement(id: sequence ?? reference, account: account, currency: b.currency) }
            current?.closingBalance = b.amount
            current?.toDate = b.date
            current?.date = b.date
            if current?.currency == nil { current?.currency = b.currency }
            finishStatement(line: f.lineIndex)
        default:
            break // :21:, :64:, :65:, :90C:/:90D: and bank-specific fields carry nothing a journal line needs.
        }
    }

    mutating func finishEntry() {
        guard let p = pending.take() else { return }
        var e = p.entry
        if e.reference == nil, let t = e.text { e.reference = StructuredReference.find(in: t) }
        if e.relatedPartyAccount == nil, let acct = accountLike(p.supplementary) { e.relatedPartyAccount = acct }
        else if !p.supplementary.isEmpty, e.additionalInfo == nil, accountLike(p.supplementary) == nil {
            e.additionalInfo = cleanText(p.supplementary[...])
        }
        current?.entries.append(e)
    }

    mutating func finishStatement(line: Int) {
        guard var s = current else { return }
        current = nil
        if let a = s.account { s.account = Self.normaliseAccount(a, currency: s.currency) }
        if s.fromDate == nil { s.fromDate = s.entries.compactMap(\.transactionDate).min() }
        if s.toDate == nil { s.toDate = s.entries.compactMap(\.transactionDate).max() }
        let label = "statement " + (s.id ?? String(statements.count + 1))
        if sawMT942 && s.openingBalance == nil && s.closingBalance == nil {
            // An MT942 interim report has no balances by design: nothing to warn about.
        } else if let w = ReaderSupport.balanceWarning(s, label: label) {
            warnings.append(w)
        }
        statements.append(s)
    }

    /// `NL77INGB0574908765EUR` and `BANK/123/HUF`: some banks append the currency to :25:.
    static func normaliseAccount(_ a: String, currency: String?) -> String {
        var s = a.trimmingCharacters(in: .whitespaces)
        if let c = currency, s.count > 6, s.hasSuffix(c) {
            let before = s.dropLast(3)
            if before.hasSuffix("/") { s = String(before.dropLast()) }
            else if let last = before.last, last.isNumber { s = String(before) }
        }
        return s
    }

    // MARK: balances

    struct Balance { var amount: Money; var date: LocalDate; var currency: String }

    /// `C140219EUR662,23`: mark, YYMMDD, currency, amount.
    func balance(_ f: MTField) throws -> Balance {
        let v = bytes[trimmed(f.first)]
        let s = v.startIndex
        guard v.count >= 12 else { throw error(f.lineIndex, ":\(f.tag): balance '\(text(v))' is too short (want C/D, YYMMDD, currency, amount)") }
        let mark = v[s]
        guard mark == 0x43 || mark == 0x44 else { throw error(f.lineIndex, ":\(f.tag): balance must start with C or D, not '\(text(v.prefix(1)))'") }
        guard let date = swiftDate(v[(s + 1)..<(s + 7)]) else { throw error(f.lineIndex, ":\(f.tag): bad date '\(text(v[(s + 1)..<(s + 7)]))'") }
        let ccy = v[(s + 7)..<(s + 10)]
        guard ccy.allSatisfy(isUpper) else { throw error(f.lineIndex, ":\(f.tag): bad currency '\(text(ccy))'") }
        let currency = text(ccy)
        let amountBytes = v[(s + 10)...]
        guard let minor = swiftAmount(amountBytes, decimals: Currency.decimals(currency)) else {
            throw error(f.lineIndex, ":\(f.tag): bad amount '\(text(amountBytes))'")
        }
        return Balance(amount: Money(minor: mark == 0x44 ? -minor : minor), date: date, currency: currency)
    }

    // MARK: :61:

    func transaction(_ f: MTField) throws -> PendingEntry {
        let v = bytes[trimmed(f.first)]
        var i = v.startIndex
        let end = v.endIndex
        let raw = text(v)
        guard v.count >= 6, let valueDate = swiftDate(v[i..<(i + 6)]) else {
            throw error(f.lineIndex, ":61: bad value date in '\(raw)'")
        }
        i += 6
        var bookingDate: LocalDate?
        if i + 4 <= end, v[i..<(i + 4)].allSatisfy(isDigit) {
            let m = Int(v[i] - 48) * 10 + Int(v[i + 1] - 48), d = Int(v[i + 2] - 48) * 10 + Int(v[i + 3] - 48)
            bookingDate = Self.nearestDate(month: m, day: d, to: valueDate)
            guard bookingDate != nil else { throw error(f.lineIndex, ":61: bad entry date '\(text(v[i..<(i + 4)]))'") }
            i += 4
        }
        // C, D, RC (reversal of credit: money out), RD (reversal of debit: money in).
        var negative: Bool
        guard i < end else { throw error(f.lineIndex, ":61: no debit/credit mark in '\(raw)'") }
        switch v[i] {
        case 0x43: negative = false; i += 1
        case 0x44: negative = true; i += 1
        case 0x52 where i + 1 < end && (v[i + 1] == 0x43 || v[i + 1] == 0x44):
            negative = v[i + 1] == 0x43; i += 2
        case 0x45 where i + 1 < end && (v[i + 1] == 0x43 || v[i + 1] == 0x44):
            negative = v[i + 1] == 0x44; i += 2
        default:
            throw error(f.lineIndex, ":61: no debit/credit mark (C, D, RC, RD) in '\(raw)'")
        }
        if i < end, isUpper(v[i]) { i += 1 } // funds code
        let amountStart = i
        while i < end, isDigit(v[i]) || v[i] == 0x2C { i += 1 }
        guard let minor = swiftAmount(v[amountStart..<i], decimals: currentDecimals) else {
            throw error(f.lineIndex, ":61: bad amount '\(text(v[amountStart..<min(end, max(i, amountStart + 1))]))' in '\(raw)'")
        }
        if negative && minor == 0 { negative = false }
        var customer: ArraySlice<UInt8> = v[i..<i]
        var bank: ArraySlice<UInt8> = v[i..<i]
        if i < end {
            if !(v[i] == 0x2F && i + 1 < end && v[i + 1] == 0x2F) {
                i = min(end, i + 4) // transaction type: N + three characters
            }
            let rest = v[i..<end]
            if let sep = find(Self.doubleSlash, in: rest.startIndex..<rest.endIndex) {
                customer = v[i..<sep]; bank = v[(sep + 2)..<end]
            } else {
                customer = rest
            }
        }
        var supplementary: [UInt8] = []
        if f.lastLine > f.lineIndex {
            for k in (f.lineIndex + 1)...f.lastLine {
                let t = trimmed(lines[k])
                if t.isEmpty { continue }
                if !supplementary.isEmpty { supplementary.append(0x20) }
                supplementary += bytes[t]
            }
        }
        var e = StatementEntry(bookingDate: bookingDate, valueDate: valueDate, amount: Money(minor: negative ? -minor : minor))
        e.details.reserveCapacity(3)
        let bankRef = trimmedSlice(bank)
        if !bankRef.isEmpty, !isNonref(bankRef) { e.bankTransactionId = text(bankRef) }
        // The raw fields are the "bank transaction details"; the :86: subfields live inside the raw :86:.
        e.details.append(.init(":61:", raw))
        if !supplementary.isEmpty { e.details.append(.init(":61: supplementary", text(supplementary))) }
        return PendingEntry(entry: e, customerReference: trimmedSlice(customer), supplementary: supplementary)
    }

    static let doubleSlash = Array("//".utf8)

    /// An entry date (MMDD) belongs to the year that puts it nearest the value date.
    static func nearestDate(month: Int, day: Int, to value: LocalDate) -> LocalDate? {
        var best: LocalDate?
        for y in [value.year - 1, value.year, value.year + 1] {
            guard let d = LocalDate(year: y, month: month, day: day) else { continue }
            if best == nil || abs(d.dayNumber - value.dayNumber) < abs(best!.dayNumber - value.dayNumber) { best = d }
        }
        return best
    }

    // MARK: :86:

    mutating func apply86(_ f: MTField) {
        guard var p = pending.take() else { return } // taken, so the entry is not copied on write
        p.has86 = true
        let firstLine = Array(bytes[f.first].drop { $0 == 0x20 })
        let rest = lines[(f.lineIndex + 1)..<(f.lastLine + 1)]
        // The field as the file has it, line breaks included: one slice, no copy.
        p.entry.details.append(.init(":86:", text(bytes[f.first.lowerBound..<lines[f.lastLine].upperBound])))

        let joinedTight = joinTight(firstLine, rest)
        if MT86.isGVC(joinedTight) {
            MT86.applyGVC(joinedTight, to: &p.entry, decode: FieldDecoder(encoding: encoding))
        } else if MT86.isSlash(joinedTight) {
            MT86.applySlash(joinedTight, to: &p.entry, decode: FieldDecoder(encoding: encoding))
        } else if let (acct, name) = accountAndName(firstLine, customer: p.customerReference, supplementary: p.supplementary) {
            p.entry.relatedPartyAccount = acct
            p.entry.relatedPartyName = cleanText(name[...])
            let tail = joinTight([], rest)
            if MT86.isSlash(Array(tail.drop { $0 == 0x20 })) {
                var parsed = StatementEntry(amount: .zero)
                MT86.applySlash(Array(tail.drop { $0 == 0x20 }), to: &parsed, decode: FieldDecoder(encoding: encoding))
                p.entry.text = parsed.text
                p.entry.endToEndId = parsed.endToEndId
                p.entry.reference = parsed.reference
            } else {
                p.entry.text = cleanText(joinFree([], rest)[...])
            }
            // The supplementary line repeated the name; it is not extra information.
            p.supplementary = []
        } else {
            p.entry.text = cleanText(joinFree(firstLine, rest)[...])
        }
        pending = p
    }

    /// SNS/ASN style: the first :86: line is `<account> <name>`, the account repeating the
    /// :61: customer reference (or the supplementary line repeating the name).
    func accountAndName(_ first: [UInt8], customer: ArraySlice<UInt8>, supplementary: [UInt8]) -> (String, [UInt8])? {
        let line = trimmedSlice(first[...])
        guard let space = line.firstIndex(of: 0x20) else { return nil }
        let token = line[line.startIndex..<space]
        let name = trimmedSlice(line[space...])
        guard !name.isEmpty, token.count >= 6 else { return nil }
        let matchesReference = !customer.isEmpty && token.elementsEqual(customer)
        let matchesName = !supplementary.isEmpty && name.elementsEqual(trimmedSlice(supplementary[...])) && accountLike(Array(token)) != nil
        guard matchesReference || matchesName else { return nil }
        return (text(token), Array(name))
    }

    /// Structured dialects wrap at 65 characters mid-token: the lines are glued back together as they are.
    func joinTight(_ first: [UInt8], _ rest: ArraySlice<Range<Int>>) -> [UInt8] {
        guard !rest.isEmpty else { return first }
        var out = first
        for r in rest { out += bytes[r] }
        return out
    }

    /// Free text: a full 65-character line was cut mid-word, a shorter one ended a phrase.
    func joinFree(_ first: [UInt8], _ rest: ArraySlice<Range<Int>>) -> [UInt8] {
        var out = first
        var previousFull = first.count >= 61
        for r in rest {
            if !out.isEmpty && !previousFull { out.append(0x20) }
            out += bytes[r]
            previousFull = r.count >= 65
        }
        return out
    }

    func cleanText(_ b: ArraySlice<UInt8>) -> String? { MT86.clean(b, decode: FieldDecoder(encoding: encoding)) }

    /// IBAN, Postbank `P123…` or a plain account number standing alone on the supplementary line.
    func accountLike(_ b: [UInt8]) -> String? {
        let t = trimmedSlice(b[...])
        guard t.count >= 6, t.count <= 34, t.allSatisfy({ isDigit($0) || isUpper($0) }) else { return nil }
        let s = t.startIndex
        let iban = t.count >= 15 && isUpper(t[s]) && isUpper(t[s + 1]) && isDigit(t[s + 2]) && isDigit(t[s + 3])
        let postbank = t[s] == 0x50 && t.dropFirst().allSatisfy(isDigit)
        let plain = t.allSatisfy(isDigit)
        return iban || postbank || plain ? text(t) : nil
    }

    // MARK: bytes

    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var s = r.lowerBound, e = r.upperBound
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        return s..<e
    }

    func find(_ needle: [UInt8], in r: Range<Int>) -> Int? {
        guard r.count >= needle.count else { return nil }
        var i = r.lowerBound
        while i <= r.upperBound - needle.count {
            if bytes[i] == needle[0] {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// YYMMDD.
    func swiftDate(_ b: ArraySlice<UInt8>) -> LocalDate? {
        guard b.count == 6, let v = ReaderSupport.digits(b) else { return nil }
        return LocalDate(year: ReaderSupport.year(fromTwoDigits: v / 10000), month: v / 100 % 100, day: v % 100)
    }
}

func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }

func trimmedSlice(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = b.startIndex, e = b.endIndex
    while s < e, b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0D || b[s] == 0x0A { s += 1 }
    while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D || b[e - 1] == 0x0A { e -= 1 }
    return b[s..<e]
}

func isNonref(_ b: ArraySlice<UInt8>) -> Bool { b.elementsEqual("NONREF".utf8) || b.elementsEqual("NOTPROVIDED".utf8) }

/// SWIFT amount `1234,56` (comma decimal, comma required) in minor units; nil when malformed
/// or when it carries more non-zero decimals than the currency has.
func swiftAmount(_ b: ArraySlice<UInt8>, decimals: Int) -> Int64? {
    var units: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var sawComma = false, sawDigit = false
    for c in b {
        if c == 0x2C {
            if sawComma { return nil }
            sawComma = true
        } else if isDigit(c) {
            sawDigit = true
            let d = Int64(c - 0x30)
            if !sawComma {
                guard units < 90_000_000_000_000 else { return nil }
                units = units * 10 + d
            } else if fractionDigits < decimals {
                fraction = fraction * 10 + d; fractionDigits += 1
            } else if d != 0 {
                return nil
            }
        } else {
            return nil
        }
    }
    guard sawComma, sawDigit else { return nil }
    var p: Int64 = 1
    for _ in 0..<decimals { p *= 10 }
    while fractionDigits < decimals { fraction *= 10; fractionDigits += 1 }
    return units * p + fraction
}
