import AvstemCore
import Foundation

/// OFX 1.x (SGML: a `KEY:VALUE` header, elements whose end tags are optional) and OFX 2.x
/// (XML). Both are read by one tolerant tag scanner: a leaf element ends at its text, an
/// aggregate at its end tag, so unclosed SGML leaves and closed XML leaves come out alike.
/// Bank (`STMTRS`) and credit card (`CCSTMTRS`) statements, any number per file.
public struct OFXReader: StatementReader {
    public static let name = "ofx"

    public init() {}

    public static func sniff(_ head: [UInt8]) -> Bool {
        head.firstRange(of: "OFXHEADER") != nil || head.firstRange(of: "<OFX>") != nil
    }

    public func read(url: URL) throws -> StatementFile {
        try parse(ReaderSupport.readBytes(url), file: url.lastPathComponent)
    }

    public func parse(_ input: [UInt8], file: String) throws -> StatementFile {
        let bytes = Array(TextDecoding.withoutBOM(input))
        let encoding = Self.encoding(of: bytes)
        let root = try OFXTree.build(bytes, file: file, encoding: encoding)
        guard root.firstDescendant("OFX") != nil else { throw UserError(file: file, "not an OFX file: no <OFX> element") }
        var statements: [BankStatement] = []
        var warnings: [String] = []
        for rs in root.descendants(where: { $0.name == "STMTRS" || $0.name == "CCSTMTRS" }) {
            statements.append(try statement(rs, file: file))
        }
        guard !statements.isEmpty else { throw UserError(file: file, "the OFX file holds no bank (STMTRS) or credit card (CCSTMTRS) statement") }
        for (i, s) in statements.enumerated() {
            if let w = ReaderSupport.balanceWarning(s, label: "statement " + (s.id ?? String(i + 1))) { warnings.append(w) }
        }
        return StatementFile(format: "ofx", statements: statements, warnings: warnings)
    }

    /// Valid UTF-8 is read as UTF-8 whatever the header claims (many banks write UTF-8 under
    /// `CHARSET:1252`); otherwise the declared character set, else the usual detection.
    static func encoding(of bytes: [UInt8]) -> TextEncoding {
        if TextDecoding.isValidUTF8(bytes) { return .utf8 }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self)
        for key in ["CHARSET:", "encoding=\"", "ENCODING:"] {
            if let r = head.range(of: key) {
                let value = head[r.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" && $0 != "?" }
                if let e = TextEncoding(name: String(value)), e != .utf8 { return e }
            }
        }
        return TextDecoding.detect(bytes)
    }

    func statement(_ rs: OFXNode, file: String) throws -> BankStatement {
        let currency = rs.value("CURDEF")?.uppercased()
        let decimals = Currency.decimals(currency ?? "")
        var s = BankStatement(currency: currency)
        let from = rs.child("BANKACCTFROM") ?? rs.child("CCACCTFROM")
        s.account = from?.value("ACCTID")
        func amount(_ text: String?, _ node: OFXNode) throws -> Money? {
            guard let text else { return nil }
            var t = text.replacingOccurrences(of: " ", with: "")
            if !t.contains("."), t.contains(",") { t = t.replacingOccurrences(of: ",", with: ".") }
            do { return try Money.parse(t, decimals: decimals, extra: .round) } catch {
                throw UserError(file: file, line: node.line, column: node.path, "'\(text)' is not an amount")
            }
        }
        if let ledger = rs.child("LEDGERBAL") {
            s.closingBalance = try amount(ledger.value("BALAMT"), ledger.child("BALAMT") ?? ledger)
            s.date = Self.date(ledger.value("DTASOF"))
        }
        for list in rs.children where list.name == "BANKTRANLIST" {
            if s.fromDate == nil { s.fromDate = Self.date(list.value("DTSTART")) }
            s.toDate = Self.date(list.value("DTEND")) ?? s.toDate
            for t in list.children where t.name == "STMTTRN" {
                guard let a = try amount(t.value("TRNAMT"), t.child("TRNAMT") ?? t) else {
                    throw UserError(file: file, line: t.line, column: t.path, "transaction without TRNAMT")
                }
                var e = StatementEntry(amount: a)
                guard let posted = t.value("DTPOSTED") else {
                    throw UserError(file: file, line: t.line, column: t.path, "transaction without DTPOSTED")
                }
                guard let d = Self.date(posted) else {
                    throw UserError(file: file, line: t.line, column: t.path + "/DTPOSTED", "'\(posted)' is not a date (YYYYMMDD…)")
                }
                e.bookingDate = d
                e.valueDate = Self.date(t.value("DTAVAIL"))
                e.bankTransactionId = t.value("FITID") ?? t.value("SRVRTID")
                let name = t.value("NAME") ?? t.child("PAYEE")?.value("NAME")
                e.relatedPartyName = name.flatMap(ReaderSupport.clean)
                e.text = (t.value("MEMO") ?? name).flatMap(ReaderSupport.clean)
                e.relatedPartyAccount = (t.child("BANKACCTTO") ?? t.child("CCACCTTO"))?.value("ACCTID")
                var info: [String] = []
                if let c = t.value("CHECKNUM") { info.append("check \(c)") }
                if let r = t.value("REFNUM") { info.append("ref \(r)") }
                if !info.isEmpty { e.additionalInfo = info.joined(separator: ", ") }
                if let c = (t.child("CURRENCY") ?? t.child("ORIGCURRENCY"))?.value("CURSYM")?.uppercased(), c != currency { e.currency = c }
                e.details = t.children.compactMap { c in c.value.map { .init(c.name, $0) } }
                s.entries.append(e)
            }
        }
        return s
    }

    /// `YYYYMMDD[hhmmss[.xxx]][[±h:TZ]]`: the date as written, the time zone ignored, because a
    /// bank's posting date is a calendar day in the bank's books.
    static func date(_ text: String?) -> LocalDate? {
        guard let text else { return nil }
        let b = Array(text.utf8)
        guard b.count >= 8, let v = ReaderSupport.digits(b[0..<8]) else { return nil }
        return LocalDate(year: v / 10000, month: v / 100 % 100, day: v % 100)
    }
}

final class OFXNode {
    let name: String
    let line: Int
    var value: String?
    var children: [OFXNode] = []
    weak var parent: OFXNode?

    init(name: String, line: Int, parent: OFXNode?) { self.name = name; self.line = line; self.parent = parent }

    func child(_ n: String) -> OFXNode? { children.first { $0.name == n } }
    func value(_ n: String) -> String? { child(n)?.value }

    var path: String {
        var parts: [String] = []
        var n: OFXNode? = self
        while let x = n, !x.name.isEmpty { parts.append(x.name); n = x.parent }
        return parts.reversed().joined(separator: "/")
    }

    func descendants(where match: (OFXNode) -> Bool) -> [OFXNode] {
        var out: [OFXNode] = []
        var stack: [OFXNode] = [self]
        while let n = stack.popLast() {
            if match(n) { out.append(n) }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }

    func firstDescendant(_ n: String) -> OFXNode? { descendants { $0.name == n }.first }
}

enum OFXTree {
    static func build(_ b: [UInt8], file: String, encoding: TextEncoding) throws -> OFXNode {
        let root = OFXNode(name: "", line: 0, parent: nil)
        var stack: [OFXNode] = [root]
        var i = 0
        var line = 1
        let n = b.count
        // The SGML header (`OFXHEADER:100` …) ends where the first tag starts.
        while i < n, b[i] != 0x3C { if b[i] == 0x0A { line += 1 }; i += 1 }
        while i < n {
            if b[i] == 0x3C {
                let tagLine = line
                var j = i + 1
                while j < n, b[j] != 0x3E { if b[j] == 0x0A { line += 1 }; if b[j] == 0x3C { break }; j += 1 }
                guard j < n, b[j] == 0x3E else {
                    throw UserError(file: file, line: tagLine, column: stack.last?.path, "truncated OFX: a tag is not closed")
                }
                let inner = b[(i + 1)..<j]
                i = j + 1
                guard let first = inner.first else { continue }
                if first == 0x3F || first == 0x21 { continue } // <?xml …?>, <?OFX …?>, <!-- -->
                if first == 0x2F {
                    let name = tagName(inner.dropFirst())
                    if let k = stack.lastIndex(where: { $0.name == name }), k > 0 { stack.removeSubrange(k...) }
                    continue
                }
                let name = tagName(inner)
                guard !name.isEmpty else { throw UserError(file: file, line: tagLine, "malformed OFX: empty tag") }
                let node = OFXNode(name: name, line: tagLine, parent: stack.last)
                stack.last!.children.append(node)
                if inner.last != 0x2F { stack.append(node) }
            } else {
                var j = i
                while j < n, b[j] != 0x3C { if b[j] == 0x0A { line += 1 }; j += 1 }
                let t = trimmedSlice(b[i..<j])
                if !t.isEmpty, stack.count > 1 {
                    let node = stack.removeLast() // an SGML leaf ends at its text
                    node.value = unescape(TextDecoding.decode(t, as: encoding))
                }
                i = j
            }
        }
        if let open = stack.first(where: { $0.name == "OFX" }) {
            throw UserError(file: file, line: line, column: stack.last?.path, "truncated OFX: <\(open.name)> is not closed")
        }
        return root
    }

    static func tagName(_ s: ArraySlice<UInt8>) -> String {
        let end = s.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2F } ?? s.endIndex
        return String(decoding: s[s.startIndex..<end], as: UTF8.self).uppercased()
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: " ")
        while let r = out.range(of: "&#"), let semi = out[r.upperBound...].firstIndex(of: ";") {
            let num = out[r.upperBound..<semi]
            let code = num.hasPrefix("x") || num.hasPrefix("X") ? UInt32(num.dropFirst(), radix: 16) : UInt32(num)
            guard let c = code.flatMap(Unicode.Scalar.init) else { break }
            out.replaceSubrange(r.lowerBound...semi, with: String(Character(c)))
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
