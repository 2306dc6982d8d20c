import AvstemCore
import Foundation

/// Nets (BBS) OCR giro "innbetalinger": fixed 80-character records. One statement per
/// assignment (record 20 … 88), one line per payment (records 30, 31 and, for payments with
/// a message, 32). The control records are checked, because a file whose totals disagree
/// has lost or gained payments and must not be booked.
public struct NetsOCRReader: StatementReader {
    public static let name = "nets-ocr"

    public init() {}

    public static func sniff(_ head: [UInt8]) -> Bool {
        let h = TextDecoding.withoutBOM(head)
        return h.count >= 8 && h.starts(with: Array("NY0000".utf8)) && h[h.startIndex + 6] == 0x31 && h[h.startIndex + 7] == 0x30
    }

    public func read(url: URL) throws -> StatementFile {
        try parse(ReaderSupport.readBytes(url), file: url.lastPathComponent)
    }

    static let recordLength = 80

    public func parse(_ input: [UInt8], file: String) throws -> StatementFile {
        let bytes = Array(TextDecoding.withoutBOM(input))
        let encoding = TextDecoding.detect(bytes)
        func text(_ r: ArraySlice<UInt8>) -> String { TextDecoding.decode(r, as: encoding) }
        func fail(_ line: Int, _ reason: String) -> UserError { UserError(file: file, line: line, reason) }

        var statements: [BankStatement] = []
        var current: BankStatement?
        var assignmentNo = ""
        var assignmentRecords = 0
        var assignmentStartLine = 0
        var transmissionRecords = 0
        var transmissionTransactions = 0
        var transmissionTotal: Int64 = 0
        var sawStart = false, sawEnd = false
        var entry: StatementEntry?
        var entryNo = ""

        func number(_ r: ArraySlice<UInt8>, _ line: Int, _ what: String) throws -> Int64 {
            guard let v = ReaderSupport.digits(r), r.count <= 18 else { throw fail(line, "\(what) '\(text(r))' is not a number") }
            return Int64(v)
        }
        func date(_ r: ArraySlice<UInt8>, _ line: Int, _ what: String) throws -> LocalDate? {
            guard let v = ReaderSupport.digits(r) else { throw fail(line, "\(what) '\(text(r))' is not a date (DDMMYY)") }
            if v == 0 { return nil }
            guard let d = LocalDate(year: ReaderSupport.year(fromTwoDigits: v % 100), month: v / 100 % 100, day: v / 10000) else {
                throw fail(line, "\(what) '\(text(r))' is not a date (DDMMYY)")
            }
            return d
        }

        for (index, lineRange) in ReaderSupport.lines(bytes).enumerated() {
            let line = index + 1
            var r = lineRange
            while r.upperBound > r.lowerBound, bytes[r.upperBound - 1] == 0x1A { r = r.lowerBound..<(r.upperBound - 1) } // DOS EOF
            if r.isEmpty { continue }
            guard r.count == Self.recordLength else {
                throw fail(line, "record is \(r.count) characters long, Nets OCR records are \(Self.recordLength)")
            }
            let rec = bytes[r]
            let s = rec.startIndex
            func f(_ from: Int, _ length: Int) -> ArraySlice<UInt8> { rec[(s + from - 1)..<(s + from - 1 + length)] }
            guard f(1, 2).elementsEqual("NY".utf8) else { throw fail(line, "record does not start with 'NY'") }
            guard sawStart || f(7, 2).elementsEqual("10".utf8) else { throw fail(line, "the file does not start with a transmission start record (type 10)") }
            guard !sawEnd else { throw fail(line, "record after the transmission end record (type 89)") }
            transmissionRecords += 1
            let recordType = text(f(7, 2))
            if recordType != "10" && recordType != "89" && current != nil { assignmentRecords += 1 }
            switch recordType {
            case "10":
                guard !sawStart else { throw fail(line, "a second transmission start record") }
                sawStart = true
            case "20":
                guard current == nil else { throw fail(line, "assignment start inside assignment \(assignmentNo) (its end record 88 is missing)") }
                let service = text(f(3, 2))
                guard service == "09" else { throw fail(line, "service code \(service) is not OCR giro (09)") }
                assignmentNo = text(f(18, 7))
                assignmentRecords = 1
                assignmentStartLine = line
                let account = trimmedSlice(f(25, 11))
                // Nets OCR carries no currency: it settles Norwegian kroner only.
                var st = BankStatement(id: assignmentNo, account: account.allSatisfy({ $0 == 0x30 }) ? nil : text(account), currency: "NOK")
                st.entries.reserveCapacity(64)
                current = st
            case "30":
                guard current != nil else { throw fail(line, "transaction record outside an assignment") }
                if let e = entry { current!.entries.append(e) }
                entryNo = text(f(9, 7))
                let sign = f(32, 1).first!
                let amount = try number(f(33, 17), line, "amount")
                guard sign == 0x30 || sign == 0x20 || sign == 0x2B || sign == 0x2D else { throw fail(line, "sign '\(text(f(32, 1)))' is not '-' or '0'") }
                var e = StatementEntry(amount: Money(minor: sign == 0x2D ? -amount : amount))
                e.bookingDate = try date(f(16, 6), line, "Nets date")
                let kid = trimmedSlice(f(50, 25))
                if !kid.isEmpty { e.reference = text(kid) }
                // The raw records are the bank transaction details; their fields are fixed positions.
                e.details = [.init("amount item 1", text(rec))]
                entry = e
            case "31":
                guard var e = entry, f(9, 7).elementsEqual(entryNo.utf8) else { throw fail(line, "amount item 2 (31) without its amount item 1 (30)") }
                entry = nil // so `e` is not copied on write
                let archive = f(26, 9), account = f(48, 11)
                _ = try date(f(42, 6), line, "bank date")
                if !account.allSatisfy({ $0 == 0x30 || $0 == 0x20 }) { e.relatedPartyAccount = text(account) }
                // The archive reference identifies the payment at the payer's bank; the assignment
                // and transaction numbers make it unique within this agreement when it is blank.
                let archiveRef = trimmedSlice(archive)
                e.bankTransactionId = archiveRef.isEmpty || archiveRef.allSatisfy({ $0 == 0x30 })
                    ? "\(assignmentNo)-\(entryNo)" : "\(text(archiveRef))-\(entryNo)"
                e.details.append(.init("amount item 2", text(rec)))
                entry = e
            case "32":
                guard var e = entry, f(9, 7).elementsEqual(entryNo.utf8) else { throw fail(line, "amount item 3 (32) without its amount item 1 (30)") }
                entry = nil
                if let t = MT86.clean(f(16, 40), decode: FieldDecoder(encoding: encoding)) { e.text = t }
                e.details.append(.init("amount item 3", text(rec)))
                entry = e
            case "88":
                guard var st = current else { throw fail(line, "assignment end record (88) without an assignment start (20)") }
                if let e = entry { st.entries.append(e); entry = nil }
                let count = try number(f(9, 8), line, "number of transactions")
                let records = try number(f(17, 8), line, "number of records")
                let total = try number(f(25, 17), line, "total amount")
                let sum = st.entrySum.minor
                guard count == st.entries.count else {
                    throw fail(line, "assignment \(assignmentNo) (line \(assignmentStartLine)): end record says \(count) transactions, the assignment holds \(st.entries.count)")
                }
                guard records == assignmentRecords else {
                    throw fail(line, "assignment \(assignmentNo): end record says \(records) records, the assignment holds \(assignmentRecords)")
                }
                guard total == sum || total == -sum else {
                    throw fail(line, "assignment \(assignmentNo): end record total \(Money(minor: total)) differs from the sum of its transactions \(Money(minor: sum))")
                }
                st.date = try date(f(42, 6), line, "Nets date")
                st.fromDate = try date(f(48, 6), line, "first date") ?? st.date
                st.toDate = try date(f(54, 6), line, "last date") ?? st.date
                transmissionTransactions += st.entries.count
                transmissionTotal += sum
                statements.append(st)
                current = nil
            case "89":
                guard current == nil else { throw fail(line, "transmission end while assignment \(assignmentNo) is open (its end record 88 is missing)") }
                let count = try number(f(9, 8), line, "number of transactions")
                let records = try number(f(17, 8), line, "number of records")
                let total = try number(f(25, 17), line, "total amount")
                guard count == transmissionTransactions else {
                    throw fail(line, "transmission end record says \(count) transactions, the file holds \(transmissionTransactions)")
                }
                guard records == transmissionRecords else {
                    throw fail(line, "transmission end record says \(records) records, the file holds \(transmissionRecords)")
                }
                guard total == transmissionTotal || total == -transmissionTotal else {
                    throw fail(line, "transmission end record total \(Money(minor: total)) differs from the sum of the transactions \(Money(minor: transmissionTotal))")
                }
                sawEnd = true
            default:
                throw fail(line, "unknown record type '\(recordType)'")
            }
        }
        guard sawStart else { throw UserError(file: file, "empty file, not a Nets OCR file") }
        guard current == nil else { throw UserError(file: file, "truncated: assignment \(assignmentNo) has no end record (88)") }
        guard sawEnd else { throw UserError(file: file, "truncated: no transmission end record (89)") }
        let warnings = ReaderSupport.balanceWarnings(statements)
        return StatementFile(format: "nets-ocr", statements: statements, warnings: warnings)
    }
}
