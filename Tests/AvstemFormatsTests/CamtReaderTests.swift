import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

final class CamtReaderTests: XCTestCase {
    /// A camt.053.001.08 statement whose line numbers the tests rely on: the first entry's
    /// `Amt` is on line 20, its booking date on line 23.
    static func statement(amount1: String = "100.00", booking1: String = "2026-11-02", extraEntry: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-03T08:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-1</Id>
              <CreDtTm>2026-11-03T08:00:00</CreDtTm>
              <Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
              <Bal>
                <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
                <Amt Ccy="NOK">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                <Dt><Dt>2026-11-01</Dt></Dt>
              </Bal>
              <Bal>
                <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
                <Amt Ccy="NOK">1050.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                <Dt><Dt>2026-11-02</Dt></Dt>
              </Bal>
              <Ntry>
                <Amt Ccy="NOK">\(amount1)</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>\(booking1)</Dt></BookgDt>
                <ValDt><Dt>2026-11-02</Dt></ValDt>
                <AcctSvcrRef>BANK-1</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>E2E-1</EndToEndId></Refs>
                  <RltdPties>
                    <Dbtr><Pty><Nm>Fjord Bakeri AS</Nm><PstlAdr><StrtNm>Kaigata</StrtNm><BldgNb>4</BldgNb><TwnNm>Bergen</TwnNm></PstlAdr></Pty></Dbtr>
                    <DbtrAcct><Id><Othr><Id>1503.12.34567</Id></Othr></Id></DbtrAcct>
                    <Cdtr><Pty><Nm>Us AS</Nm></Pty></Cdtr>
                    <CdtrAcct><Id><IBAN>NO93 8601 1117 947</IBAN></Id></CdtrAcct>
                  </RltdPties>
                  <RmtInf><Strd><CdtrRefInf><Ref>0001032459</Ref></CdtrRefInf></Strd></RmtInf>
                  <AddtlTxInf>Faktura 103245</AddtlTxInf>
                  <AmtDtls><InstdAmt><Amt Ccy="EUR">8.60</Amt><CcyXchg><SrcCcy>EUR</SrcCcy><TrgtCcy>NOK</TrgtCcy><XchgRate>11.6279</XchgRate></CcyXchg></InstdAmt></AmtDtls>
                  <Chrgs><Rcrd><Amt Ccy="NOK">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd></Rcrd></Chrgs>
                </TxDtls></NtryDtls>
                <AddtlNtryInf>Innbetaling</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="NOK">50.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <BookgDt><DtTm>2026-11-02T23:30:00+01:00</DtTm></BookgDt>
                <NtryRef>N2</NtryRef>
                <NtryDtls>
                  <Btch><NbOfTxs>2</NbOfTxs></Btch>
                  <TxDtls><Amt Ccy="NOK">20.00</Amt><RltdPties><Cdtr><Nm>Strøm AS</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Line one</Ustrd><Ustrd>line two</Ustrd></RmtInf></TxDtls>
                  <TxDtls><AmtDtls><TxAmt><Amt Ccy="NOK">30.00</Amt></TxAmt></AmtDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls>
                </NtryDtls>
              </Ntry>
              \(extraEntry)
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """
    }

    private func read(_ text: String, name: String = "bank.xml") throws -> StatementFile {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        return try StatementFormats.read(url: TestData.write(text, to: name, in: dir))
    }

    private func expectError(_ text: String, contains parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try read(text)
            XCTFail("no error", file: file, line: line)
        } catch let e as UserError {
            for p in parts { XCTAssertTrue(e.message.contains(p), "'\(e.message)' lacks '\(p)'", file: file, line: line) }
            XCTAssertFalse(e.message.contains("\n"), "one line: \(e.message)", file: file, line: line)
        } catch {
            XCTFail("not a UserError: \(error)", file: file, line: line)
        }
    }

    func testReadsStatementHeaderAndEntries() throws {
        let f = try read(Self.statement())
        XCTAssertEqual(f.format, "camt.053.001.08")
        XCTAssertEqual(f.warnings, [])
        let s = try XCTUnwrap(f.statements.first)
        XCTAssertEqual(s.id, "STMT-1")
        XCTAssertEqual(s.account, "NO9386011117947")
        XCTAssertEqual(s.currency, "NOK")
        XCTAssertEqual(s.openingBalance, Money(minor: 100_000))
        XCTAssertEqual(s.closingBalance, Money(minor: 105_000))
        XCTAssertEqual(s.fromDate?.iso, "2026-11-02")
        XCTAssertEqual(s.toDate?.iso, "2026-11-02")
        XCTAssertEqual(s.date?.iso, "2026-11-03")
        XCTAssertEqual(s.entries.map(\.amount.minor), [10_000, -2_000, -3_000])

        let e = s.entries[0]
        XCTAssertNil(e.currency)
        XCTAssertEqual(e.text, "Faktura 103245")
        XCTAssertEqual(e.additionalInfo, "Innbetaling")
        // Credit: the debtor is the counterparty, the creditor is us.
        XCTAssertEqual(e.relatedPartyName, "Fjord Bakeri AS")
        XCTAssertEqual(e.relatedPartyAccount, "1503.12.34567")
        XCTAssertEqual(e.relatedPartyAddress, "Kaigata 4")
        XCTAssertEqual(e.relatedPartyCity, "Bergen")
        XCTAssertEqual(e.reference, "0001032459")
        XCTAssertEqual(e.endToEndId, "E2E-1")
        XCTAssertEqual(e.bankTransactionId, "BANK-1")
        XCTAssertTrue(e.details.contains(.init("NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm", "Fjord Bakeri AS")))
        XCTAssertTrue(e.details.contains(.init("Amt/@Ccy", "NOK")))
        XCTAssertEqual(Array(e.details.prefix(3)), [.init("Charges", "2.50 NOK"), .init("Exchange rate", "EUR/NOK 11.6279"),
                                                     .init("Instructed amount", "8.60 EUR")])

        // A batch whose details carry amounts is split; debit → creditor side; ids stay unique.
        let (b1, b2) = (s.entries[1], s.entries[2])
        XCTAssertEqual(b1.bookingDate?.iso, "2026-11-02")
        XCTAssertEqual(b1.relatedPartyName, "Strøm AS")
        XCTAssertEqual(b1.text, "Line one line two")
        XCTAssertNil(b2.endToEndId)
        XCTAssertNil(b2.text)
        XCTAssertEqual([b1.bankTransactionId, b2.bankTransactionId], ["N2/1", "N2/2"])
        XCTAssertTrue(b2.details.contains(.init("NtryDtls/Btch/NbOfTxs", "2")))
        XCTAssertFalse(b2.details.contains { $0.value == "Strøm AS" }, "a split line carries only its own transaction's fields")
    }

    func testBalancesThatDoNotChainGiveAWarningButKeepTheEntries() throws {
        let f = try read(Self.statement(amount1: "101.00"))
        XCTAssertEqual(f.statements.first?.entries.count, 3)
        XCTAssertEqual(f.warnings.count, 1)
        XCTAssertTrue(f.warnings[0].hasPrefix("statement STMT-1: balances do not chain"), f.warnings[0])
        XCTAssertTrue(f.warnings[0].contains("1051.00") && f.warnings[0].contains("1050.00"), f.warnings[0])
    }

    func testBadAmountNamesFileLineAndPath() {
        expectError(Self.statement(amount1: "1,00"),
                    contains: ["bank.xml:20:", "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", "'1,00' is not an amount"])
        expectError(Self.statement(amount1: "1.005"), contains: ["bank.xml:20:", "Ntry[1]/Amt", "more than 2 decimals"])
        expectError(Self.statement(amount1: "-5.00"), contains: ["bank.xml:20:", "Ntry[1]/Amt", "CdtDbtInd"])
    }

    func testMissingAmountIsAnError() {
        let text = Self.statement(extraEntry: "<Ntry><CdtDbtInd>CRDT</CdtDbtInd></Ntry>")
        let line = text.prefix(upTo: text.range(of: "<Ntry><CdtDbtInd>")!.lowerBound).filter { $0 == "\n" }.count + 1
        expectError(text, contains: ["bank.xml:\(line):", "Stmt[1]/Ntry[3]/Amt", "missing amount"])
    }

    func testBadDateNamesFileLineAndPath() {
        expectError(Self.statement(booking1: "2026-02-30"),
                    contains: ["bank.xml:23:", "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/BookgDt/Dt", "'2026-02-30' is not a date"])
    }

    func testTruncatedXMLNamesFileLineAndPath() throws {
        let text = Self.statement()
        let cut = String(text.prefix(upTo: text.range(of: "<RmtInf>")!.lowerBound))
        let lines = cut.split(separator: "\n", omittingEmptySubsequences: false).count
        expectError(cut, contains: ["bank.xml:\(lines):", "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls/TxDtls", "truncated"])
    }

    func testMalformedXMLIsAUserError() {
        expectError(Self.statement().replacingOccurrences(of: "</ValDt>", with: "</Val>"),
                    contains: ["bank.xml:", "Ntry[1]", "malformed XML"])
        expectError("", contains: ["bank.xml"])
    }

    func testOtherXMLIsNotTakenForCamt() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try TestData.write("<?xml version=\"1.0\"?><Document><CstmrCdtTrfInitn/></Document>", to: "pain.xml", in: dir)
        XCTAssertThrowsError(try StatementFormats.read(url: url)) { error in
            XCTAssertTrue((error as? UserError)?.message.hasPrefix("pain.xml: not a recognised statement format") == true, "\(error)")
        }
        XCTAssertThrowsError(try StatementFormats.read(url: url, format: "camt")) { error in
            XCTAssertEqual((error as? UserError)?.message, "pain.xml:1: Document/CstmrCdtTrfInitn: not a bank-to-customer report, statement or notification")
        }
        let html = try TestData.write("<html><body>camt.053</body></html>", to: "page.xml", in: dir)
        XCTAssertThrowsError(try StatementFormats.read(url: html)) { error in
            XCTAssertEqual((error as? UserError)?.message, "page.xml: not a camt bank-to-customer message (no Document element with a report, statement or notification)")
        }
    }

    func testFormatSelection() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try TestData.write(Self.statement(), to: "statement.txt", in: dir)
        XCTAssertEqual(try StatementFormats.detect(url: url), "camt", "content decides, not the name")
        XCTAssertEqual(try StatementFormats.read(url: url, format: "camt").statements.count, 1)
        for (format, reason) in [("mt940", "not an MT940 statement"), ("csv:dnb", "header row of profile 'dnb' was not found"),
                               ("csv:nosuchbank", "nosuchbank"), ("pdf", "unknown format 'pdf'")] {
            XCTAssertThrowsError(try StatementFormats.read(url: url, format: format)) { error in
                let message = (error as? UserError)?.message ?? "\(error)"
                XCTAssertTrue(message.hasPrefix("statement.txt: ") && message.contains(reason), message)
            }
        }
        let text = try TestData.write("just some notes\n", to: "notes.xml", in: dir)
        XCTAssertThrowsError(try StatementFormats.detect(url: text)) { error in
            XCTAssertTrue((error as? UserError)?.message.hasPrefix("notes.xml: not a recognised statement format") == true, "\(error)")
        }
        XCTAssertThrowsError(try StatementFormats.detect(url: dir.appendingPathComponent("missing.xml"))) { error in
            XCTAssertEqual((error as? UserError)?.message, "missing.xml: no such file")
        }
        XCTAssertThrowsError(try StatementFormats.read(url: dir, format: "camt")) { error in
            XCTAssertTrue((error as? UserError)?.message.hasSuffix("is a folder, not a statement file") == true, "\(error)")
        }
    }

    func testReversalNamesTheOriginalPayer() throws {
        let reversal = """
        <Ntry><Amt Ccy="NOK">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Payer AS</Nm></Dbtr><Cdtr><Nm>Us AS</Nm></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>
        """
        let e = try XCTUnwrap(read(Self.statement(extraEntry: reversal)).statements.first?.entries.last)
        XCTAssertEqual(e.amount, Money(minor: -1000))
        XCTAssertEqual(e.relatedPartyName, "Payer AS")
    }

    func testSplitPrefersTheAmountInTheEntryCurrency() throws {
        let batch = """
        <Ntry><Amt Ccy="NOK">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><NtryDtls>
        <TxDtls><Amt Ccy="EUR">10.00</Amt><AmtDtls><CntrValAmt><Amt Ccy="NOK">116.00</Amt></CntrValAmt></AmtDtls></TxDtls>
        <TxDtls><Amt Ccy="EUR">15.86</Amt><AmtDtls><TxAmt><Amt Ccy="NOK">184.00</Amt></TxAmt></AmtDtls></TxDtls>
        </NtryDtls></Ntry>
        """
        let f = try read(Self.statement(extraEntry: batch))
        let split = try XCTUnwrap(f.statements.first?.entries.suffix(2))
        XCTAssertEqual(split.map(\.amount.minor), [11_600, 18_400])
        XCTAssertEqual(split.map(\.currency), [nil, nil])
        XCTAssertFalse(f.warnings.contains { $0.contains("entry 3") }, "the split sums to the entry: \(f.warnings)")
    }

    func testPendingEntriesAreKeptWithAWarning() throws {
        let pending = "<Ntry><Amt Ccy=\"NOK\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts></Ntry>"
        let f = try read(Self.statement(extraEntry: pending))
        XCTAssertEqual(f.statements.first?.entries.count, 4)
        XCTAssertTrue(f.warnings.contains("statement STMT-1, entry 3: status PDNG: not booked by the bank yet"), "\(f.warnings)")
    }

    func testForeignCurrencyEntryKeepsItsCurrencyAndDecimals() throws {
        let yen = "<Ntry><Amt Ccy=\"JPY\">1500</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>"
        let f = try read(Self.statement(extraEntry: yen))
        let e = try XCTUnwrap(f.statements.first?.entries.last)
        XCTAssertEqual(e.currency, "JPY")
        XCTAssertEqual(e.amount, Money(minor: 1500))
        let json = StatementJSON.encode(f)
        guard case .array(let stmts)? = json["statements"], case .array(let entries)? = stmts.first?["entries"] else {
            return XCTFail("shape")
        }
        XCTAssertEqual(entries.last?["amount"], .string("1500"))
        XCTAssertEqual(entries.last?["currency"], .string("JPY"))
        XCTAssertNil(entries.first?["currency"])
    }

    func testLegacyEncodingIsDecoded() throws {
        let text = Self.statement().replacingOccurrences(of: "UTF-8", with: "ISO-8859-1")
            .replacingOccurrences(of: "Fjord Bakeri AS", with: "Bæker Øst")
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("latin1.xml")
        try XCTUnwrap(text.data(using: .isoLatin1)).write(to: url)
        XCTAssertEqual(try StatementFormats.read(url: url).statements.first?.entries.first?.relatedPartyName, "Bæker Øst")
    }

    func testNotificationAndReportContainersAndSeveralStatements() throws {
        let stmt = Self.statement()
        let ntfctn = stmt.replacingOccurrences(of: "camt.053.001.08", with: "camt.054.001.13")
            .replacingOccurrences(of: "BkToCstmrStmt>", with: "BkToCstmrDbtCdtNtfctn>")
            .replacingOccurrences(of: "<Stmt>", with: "<Ntfctn>").replacingOccurrences(of: "</Stmt>", with: "</Ntfctn>")
        let f = try read(ntfctn)
        XCTAssertEqual(f.format, "camt.054.001.13")
        XCTAssertEqual(f.statements.first?.entries.count, 3)

        let second = "</Stmt>\n<Stmt><Id>STMT-2</Id><Acct><Id><Othr><Id>1503.12.34567</Id></Othr></Id></Acct></Stmt>"
        let two = try read(stmt.replacingOccurrences(of: "</Stmt>", with: second).replacingOccurrences(of: "xmlns=", with: "xmlns:x=\"urn:other\" xmlns="))
        XCTAssertEqual(two.statements.map(\.id), ["STMT-1", "STMT-2"])
        XCTAssertEqual(two.statements.last?.account, "1503.12.34567")
        XCTAssertEqual(two.warnings, ["statement STMT-2: no opening or closing balance; the balances cannot be checked"])
    }

    func testMessageInsideAnEnvelopeIsFound() throws {
        let body = Self.statement().replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
        let text = "<?xml version=\"1.0\"?>\n<BizMsgEnvlp><AppHdr><BizMsgIdr>X</BizMsgIdr></AppHdr>\(body)</BizMsgEnvlp>"
        let f = try read(text)
        XCTAssertEqual(f.statements.first?.entries.count, 3)
        XCTAssertEqual(f.format, "camt.053.001.08")
        expectError(text.replacingOccurrences(of: ">1,00<", with: "").replacingOccurrences(of: ">100.00<", with: ">1,00<"),
                    contains: ["BizMsgEnvlp/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", "'1,00' is not an amount"])
    }

    func testPrefixedNamespacesAreMatchedByLocalName() throws {
        var text = Self.statement()
        text = text.replacingOccurrences(of: "<Document xmlns=", with: "<c:Document xmlns:c=")
        text = text.replacingOccurrences(of: "<(/?)([A-Z])", with: "<$1c:$2", options: .regularExpression)
        let f = try read(text)
        XCTAssertEqual(f.statements.first?.entries.first?.relatedPartyName, "Fjord Bakeri AS")
    }
}
