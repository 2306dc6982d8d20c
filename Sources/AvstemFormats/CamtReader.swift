import AvstemCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// ISO 20022 bank-to-customer messages: camt.052 (report, `Rpt`), camt.053 (statement, `Stmt`)
/// and camt.054 (notification, `Ntfctn`), every version. Elements are matched by local name and
/// meaning, never by namespace, because banks ship every version from .01 to .13 and the
/// fields a bookkeeper needs have kept their names throughout.
public struct CamtReader: StatementReader {
    public static let name = "camt"

    public init() {}

    public static func sniff(_ head: [UInt8]) -> Bool {
        guard head.firstRange(of: "<") != nil else { return false }
        return head.firstRange(of: "camt.05") != nil
            || head.firstRange(of: "BkToCstmrStmt") != nil
            || head.firstRange(of: "BkToCstmrAcctRpt") != nil
            || head.firstRange(of: "BkToCstmrDbtCdtNtfctn") != nil
    }

    public func read(url: URL) throws -> StatementFile {
        let file = url.lastPathComponent
        let head = try StatementFormats.readHead(url)
        // Streaming: XMLParser(data:) gives up on large files, contentsOf/stream do not.
        guard let parser = XMLParser(contentsOf: url) else { throw UserError(file: file, "cannot be read") }
        let handler = CamtHandler(file: file, namespaceVersion: Self.version(in: head))
        parser.delegate = handler
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        if let syntax = handler.syntaxError {
            throw UserError(file: file, line: syntax.line, "\(syntax.path.isEmpty ? "" : syntax.path + ": ")\(Self.describe(syntax.error, empty: !handler.sawRoot))")
        }
        if !ok || !handler.sawRoot || !handler.currentPath.isEmpty {
            // Without a reported error an open element at the end means the file was cut off.
            let reason = ok && handler.sawRoot ? "truncated XML (the file ends inside an element)" : Self.describe(parser.parserError, empty: !handler.sawRoot)
            throw UserError(file: file, line: parser.lineNumber > 0 ? parser.lineNumber : nil, "\(handler.currentPath.isEmpty ? "" : handler.currentPath + ": ")\(reason)")
        }
        guard let format = handler.format else {
            throw UserError(file: file, "not a camt bank-to-customer message")
        }
        return StatementFile(format: format, statements: handler.statements, warnings: handler.warnings)
    }

    /// `camt.053.001.02` from the namespace in the file's first bytes.
    static func version(in head: [UInt8]) -> String? {
        guard let r = head.firstRange(of: "camt.05") else { return nil }
        let end = r.lowerBound + 15
        guard end <= head.count else { return nil }
        let s = head[r.lowerBound..<end]
        // camt.05X.001.NN
        let pattern = Array("camt.05#.001.##".utf8)
        for (c, p) in zip(s, pattern) where p != UInt8(ascii: "#") ? c != p : !(c >= 0x30 && c <= 0x39) {
            return nil
        }
        return String(decoding: s, as: UTF8.self)
    }

    static func describe(_ error: Error?, empty: Bool) -> String {
        guard let error = error as NSError? else { return empty ? "empty or not XML" : "malformed XML" }
        // libxml2's error numbers, which XMLParser passes through.
        switch error.code {
        case 4: return "empty file, not XML"
        case 5, 77: return "truncated XML (the file ends inside an element)"
        case 68: return "malformed XML: a bare '&' (write &amp;)"
        case 76: return "malformed XML: end tag does not match its start tag"
        case 9: return "malformed XML: invalid character (is the encoding declared correctly?)"
        case 23, 24, 26, 27: return "malformed XML: bad entity or character reference"
        default:
            let d = error.localizedDescription
            return "malformed XML (parser error \(error.code)\(d.isEmpty || d.hasPrefix("The operation") ? "" : ": " + d))"
        }
    }
}

/// The SAX side: keeps a path stack, builds a tree for each entry and statement header, and
/// turns each finished entry into statement entries straight away.
final class CamtHandler: NSObject, XMLParserDelegate {
    let file: String
    let namespaceVersion: String?
    var format: String?
    var sawRoot = false
    var statements: [BankStatement] = []
    var warnings: [String] = []
    var failure: UserError?
    /// The first syntax error, where it happened: libxml2 may recover and go on, and its final
    /// position is not where the file is broken.
    var syntaxError: (line: Int, path: String, error: Error)?

    /// Path components for messages, with indexes on statements and entries.
    @exclusivity(unchecked) private var path: [String] = []
    @exclusivity(unchecked) private var nodes: [XNode] = []
    private var groupHeader: XNode?
    private var statementNode: XNode?
    private var statementIndex = 0
    private var entryIndex = 0
    private var context: CamtStatementContext?
    private var entries: [StatementEntry] = []
    private var firstEntryCurrency: String?

    init(file: String, namespaceVersion: String?) {
        self.file = file; self.namespaceVersion = namespaceVersion
    }

    var currentPath: String { path.joined(separator: "/") }

    static func localName(_ qName: String) -> String {
        guard qName.utf8.contains(UInt8(ascii: ":")), let colon = qName.lastIndex(of: ":") else { return qName }
        return String(qName[qName.index(after: colon)...])
    }

    private func fail(_ parser: XMLParser, _ error: UserError) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        let name = Self.localName(elementName)
        let depth = path.count
        let line = parser.lineNumber
        switch depth {
        case 0:
            sawRoot = true
            guard name == "Document" else {
                return fail(parser, UserError(file: file, line: line, "not a camt document (root element is \(name), not Document)"))
            }
            path.append(name)
            return
        case 1:
            let kind: String
            switch name {
            case "BkToCstmrAcctRpt": kind = "camt.052"
            case "BkToCstmrStmt": kind = "camt.053"
            case "BkToCstmrDbtCdtNtfctn": kind = "camt.054"
            default:
                return fail(parser, UserError(file: file, line: line, "Document/\(name): not a bank-to-customer report, statement or notification"))
            }
            if let v = namespaceVersion, v.hasPrefix(kind) { format = v } else { format = kind }
            path.append(name)
            return
        case 2:
            let node = XNode(name: name, line: line)
            if name == "Stmt" || name == "Rpt" || name == "Ntfctn" {
                statementIndex += 1; entryIndex = 0
                statementNode = node; context = nil; entries = []; firstEntryCurrency = nil
                path.append("\(name)[\(statementIndex)]")
            } else {
                if name == "GrpHdr" { groupHeader = node }
                path.append(name)
            }
            nodes.append(node)
        default:
            let node = XNode(name: name, line: line)
            node.ccy = attributeDict["Ccy"]
            if depth == 3, statementNode != nil, name == "Ntry" {
                entryIndex += 1
                path.append("Ntry[\(entryIndex)]")
            } else {
                nodes.last?.children.append(node)
                path.append(name)
            }
            nodes.append(node)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        let depth = path.count - 1
        defer { if !path.isEmpty { path.removeLast() } }
        guard depth >= 2, let node = nodes.popLast() else { return }
        node.close()
        do {
            if depth == 3, let stmt = statementNode, node.name == "Ntry" {
                if context == nil { context = try CamtStatementContext(stmt, file: file, path: stmtPath) }
                let made = try CamtEntries.make(from: node, path: currentPath, file: file, context: context!)
                entries += made.entries
                if firstEntryCurrency == nil { firstEntryCurrency = made.currency }
                for w in made.warnings { warnings.append("\(statementLabel), entry \(entryIndex): \(w)") }
            } else if depth == 2, let stmt = statementNode, node === stmt {
                if context == nil { context = try CamtStatementContext(stmt, file: file, path: stmtPath) }
                finishStatement(stmt, context!)
                statementNode = nil
            }
        } catch let e as UserError {
            fail(parser, e)
        } catch {
            fail(parser, UserError(file: file, line: parser.lineNumber, "\(currentPath): \(error)"))
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if syntaxError == nil && failure == nil { syntaxError = (parser.lineNumber, currentPath, parseError) }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Indentation between child elements is most of the character data in a camt file.
        guard let node = nodes.last, node.children.isEmpty else { return }
        node.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        nodes.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }

    private var stmtPath: String { path.prefix(3).joined(separator: "/") }

    private var statementLabel: String {
        if let id = statementNode?.string("Id") { return "statement \(id)" }
        return "statement \(statementIndex)"
    }

    private func finishStatement(_ stmt: XNode, _ ctx: CamtStatementContext) {
        var s = BankStatement(id: stmt.string("Id"), account: ctx.account, openingBalance: ctx.opening,
                              closingBalance: ctx.closing, entries: entries)
        let currency = ctx.accountCurrency ?? ctx.balanceCurrency ?? firstEntryCurrency
        s.currency = currency
        for i in s.entries.indices where s.entries[i].currency == currency {
            s.entries[i].currency = nil
        }
        s.fromDate = ctx.fromDate ?? entries.compactMap(\.transactionDate).min()
        s.toDate = ctx.toDate ?? entries.compactMap(\.transactionDate).max()
        s.date = CamtValues.datePrefix(stmt.string("CreDtTm")) ?? CamtValues.datePrefix(groupHeader?.string("CreDtTm"))
        if let o = s.openingBalance, let c = s.closingBalance {
            if o + s.entrySum != c {
                let d = Currency.decimals(currency ?? "")
                warnings.append("\(statementLabel): balances do not chain: opening \(o.formatted(decimals: d)) + entries \(s.entrySum.formatted(decimals: d)) = \((o + s.entrySum).formatted(decimals: d)), but the closing balance is \(c.formatted(decimals: d))")
            }
        } else {
            let missing = s.openingBalance == nil && s.closingBalance == nil ? "no opening or closing balance"
                : s.openingBalance == nil ? "no opening balance" : "no closing balance"
            warnings.append("\(statementLabel): \(missing); the balances cannot be checked")
        }
        statements.append(s)
        entries = []
    }
}

/// What every entry of a statement needs from its header.
struct CamtStatementContext {
    var account: String?
    var accountCurrency: String?
    var balanceCurrency: String?
    var opening: Money?
    var closing: Money?
    var fromDate: LocalDate?
    var toDate: LocalDate?
    var ownAccountKey: String?

    init(_ stmt: XNode, file: String, path: String) throws {
        account = stmt.string("Acct", "Id", "IBAN") ?? stmt.string("Acct", "Id", "Othr", "Id")
        ownAccountKey = account.map(CamtValues.accountKey)
        accountCurrency = stmt.string("Acct", "Ccy")
        var found: [String: (Money, String?)] = [:]
        for (i, bal) in stmt.all("Bal").enumerated() {
            guard let code = (bal.string("Tp", "CdOrPrtry", "Cd") ?? bal.string("Tp", "CdOrPrtry", "Prtry"))?.uppercased(),
                  found[code] == nil else { continue }
            let p = "\(path)/Bal[\(i + 1)]"
            let (amount, ccy) = try CamtValues.amount(bal.child("Amt"), path: p + "/Amt", file: file, currency: accountCurrency, line: bal.line)
            let sign = try CamtValues.sign(bal.child("CdtDbtInd"), path: p + "/CdtDbtInd", file: file, line: bal.line, required: false)
            found[code] = (sign ? amount : -amount, ccy)
        }
        let open = found["OPBD"] ?? found["PRCD"]
        let close = found["CLBD"] ?? found["CLAV"]
        opening = open?.0; closing = close?.0
        balanceCurrency = open?.1 ?? close?.1
        if let range = stmt.child("FrToDt") {
            fromDate = try CamtValues.date(range.child("FrDtTm") ?? range.child("FrDt"), path: path + "/FrToDt", file: file)
            toDate = try CamtValues.date(range.child("ToDtTm") ?? range.child("ToDt"), path: path + "/FrToDt", file: file)
        }
    }
}

enum CamtValues {
    /// Amount and its currency. camt carries the sign in CdtDbtInd, so a minus here is an error.
    static func amount(_ node: XNode?, path: String, file: String, currency: String?, line: Int) throws -> (Money, String?) {
        guard let node, !node.value.isEmpty else { throw UserError(file: file, line: node?.line ?? line, "\(path): missing amount") }
        let ccy = node.ccy ?? currency
        let text = node.value
        if text.hasPrefix("-") {
            throw UserError(file: file, line: node.line, "\(path): '\(text)' is negative; camt gives the sign in CdtDbtInd")
        }
        do {
            return (try Money.parse(text, decimals: Currency.decimals(ccy ?? "")), ccy)
        } catch let e as Money.ParseError {
            throw UserError(file: file, line: node.line, "\(path): \(e)")
        }
    }

    /// True for credit. `required: false` reads a missing indicator as credit (balances of zero).
    static func sign(_ node: XNode?, path: String, file: String, line: Int, required: Bool = true) throws -> Bool {
        guard let node else {
            if required { throw UserError(file: file, line: line, "\(path): missing CdtDbtInd") }
            return true
        }
        switch node.value.uppercased() {
        case "CRDT": return true
        case "DBIT": return false
        default: throw UserError(file: file, line: node.line, "\(path): '\(node.value)' is not CRDT or DBIT")
        }
    }

    /// A date from an element that holds `Dt` or `DtTm` (or is itself one); the calendar date
    /// as written, because banks write the booking day in their own zone.
    static func date(_ holder: XNode?, path: String, file: String) throws -> LocalDate? {
        guard let holder else { return nil }
        let node: XNode
        if holder.children.isEmpty { node = holder } else if let c = holder.child("Dt") ?? holder.child("DtTm") { node = c } else { return nil }
        let text = node.value
        let p = node === holder ? path : path + "/" + node.name
        guard let d = datePrefix(text, strict: true) else {
            throw UserError(file: file, line: node.line, "\(p): '\(text)' is not a date")
        }
        return d
    }

    static func datePrefix(_ text: String?, strict: Bool = false) -> LocalDate? {
        guard let text else { return nil }
        let u = Array(text.utf8)
        if u.count == 10 { return LocalDate(iso: text) }
        guard u.count > 10, u[10] == UInt8(ascii: "T") else { return nil }
        return LocalDate(iso: String(decoding: u[0..<10], as: UTF8.self))
    }

    /// Accounts compare with spaces and punctuation removed, case-insensitively.
    static func accountKey(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            for c in s.utf8 {
                switch c {
                case 0x30...0x39, 0x41...0x5A: out.append(c)
                case 0x61...0x7A: out.append(c - 0x20)
                default: break
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return String(s.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }).uppercased()
    }
}
