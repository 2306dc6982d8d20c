import AvstemCore

/// Writes a statement as an ISO 20022 camt.053.001.02 document, the way Norwegian banks
/// deliver them: consecutive KID payments of one day come as one batch entry whose
/// transaction details carry their own amounts (the reader splits them back into lines).
public enum CamtWriter {
    public static func camt053(_ s: BankStatement, messageId: String, maxBatch: Int = 4) -> String {
        let ccy = s.currency ?? "NOK"
        let dec = Currency.decimals(ccy)
        var out = ""
        out.reserveCapacity(s.entries.count * 900 + 2_000)
        out += """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>\(esc(messageId))</MsgId><CreDtTm>\((s.date ?? s.toDate)?.iso ?? "2026-01-01")T06:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>\(esc(s.id ?? messageId))</Id>
              <CreDtTm>\((s.date ?? s.toDate)?.iso ?? "2026-01-01")T06:00:00</CreDtTm>
        """
        if let f = s.fromDate, let t = s.toDate {
            out += "\n      <FrToDt><FrDtTm>\(f.iso)T00:00:00</FrDtTm><ToDtTm>\(t.iso)T23:59:59</ToDtTm></FrToDt>"
        }
        out += "\n      <Acct><Id><IBAN>\(esc(s.account ?? ""))</IBAN></Id><Ccy>\(ccy)</Ccy></Acct>\n"
        func balance(_ code: String, _ m: Money?, _ date: LocalDate?) {
            guard let m else { return }
            out += "      <Bal><Tp><CdOrPrtry><Cd>\(code)</Cd></CdOrPrtry></Tp><Amt Ccy=\"\(ccy)\">\(m.magnitude.formatted(decimals: dec))</Amt>"
            out += "<CdtDbtInd>\(m.isNegative ? "DBIT" : "CRDT")</CdtDbtInd><Dt><Dt>\((date ?? LocalDate(iso: "2026-01-01")!).iso)</Dt></Dt></Bal>\n"
        }
        balance("OPBD", s.openingBalance, s.fromDate)
        balance("CLBD", s.closingBalance, s.toDate)
        var i = 0
        var ref = 0
        while i < s.entries.count {
            // A batch: consecutive incoming KID payments booked the same day.
            var j = i + 1
            let e = s.entries[i]
            if e.reference != nil && e.amount.isPositive {
                while j < s.entries.count, j - i < maxBatch, s.entries[j].reference != nil, s.entries[j].amount.isPositive,
                      s.entries[j].bookingDate == e.bookingDate { j += 1 }
            }
            let group = s.entries[i..<j]
            let total = group.reduce(Money.zero) { $0 + $1.amount }
            ref += 1
            out += "      <Ntry>\n        <NtryRef>\(ref)</NtryRef><Amt Ccy=\"\(ccy)\">\(total.magnitude.formatted(decimals: dec))</Amt>"
            out += "<CdtDbtInd>\(total.isNegative ? "DBIT" : "CRDT")</CdtDbtInd><Sts>BOOK</Sts>\n"
            if let b = e.bookingDate { out += "        <BookgDt><Dt>\(b.iso)</Dt></BookgDt>\n" }
            if let v = e.valueDate { out += "        <ValDt><Dt>\(v.iso)</Dt></ValDt>\n" }
            if group.count == 1, let id = e.bankTransactionId { out += "        <AcctSvcrRef>\(esc(id))</AcctSvcrRef>\n" }
            out += "        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>\(total.isNegative ? "ICDT" : "RCDT")</Cd><SubFmlyCd>\(group.count > 1 ? "BOOK" : "OTHR")</SubFmlyCd></Fmly></Domn></BkTxCd>\n"
            out += "        <NtryDtls>\n"
            if group.count > 1 { out += "          <Btch><NbOfTxs>\(group.count)</NbOfTxs></Btch>\n" }
            for t in group { writeTx(t, group.count > 1, ccy, dec, &out) }
            out += "        </NtryDtls>\n      </Ntry>\n"
            i = j
        }
        out += "    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n"
        return out
    }

    static func writeTx(_ t: StatementEntry, _ inBatch: Bool, _ ccy: String, _ dec: Int, _ out: inout String) {
        out += "          <TxDtls>\n            <Refs>"
        if let id = t.bankTransactionId { out += "<AcctSvcrRef>\(esc(id))</AcctSvcrRef>" }
        out += "<EndToEndId>\(esc(t.endToEndId ?? "NOTPROVIDED"))</EndToEndId></Refs>\n"
        if inBatch {
            out += "            <AmtDtls><TxAmt><Amt Ccy=\"\(ccy)\">\(t.amount.magnitude.formatted(decimals: dec))</Amt></TxAmt></AmtDtls>\n"
        }
        if t.relatedPartyName != nil || t.relatedPartyAccount != nil {
            let role = t.amount.isNegative ? "Cdtr" : "Dbtr"
            out += "            <RltdPties>"
            if let n = t.relatedPartyName {
                out += "<\(role)><Nm>\(esc(n))</Nm>"
                if t.relatedPartyAddress != nil || t.relatedPartyCity != nil {
                    out += "<PstlAdr>"
                    if let a = t.relatedPartyAddress { out += "<StrtNm>\(esc(a))</StrtNm>" }
                    if let c = t.relatedPartyCity { out += "<TwnNm>\(esc(c))</TwnNm>" }
                    out += "<Ctry>NO</Ctry></PstlAdr>"
                }
                out += "</\(role)>"
            }
            if let a = t.relatedPartyAccount {
                let id = a.hasPrefix("NO") && a.count == 15 ? "<IBAN>\(esc(a))</IBAN>" : "<Othr><Id>\(esc(a))</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr>"
                out += "<\(role)Acct><Id>\(id)</Id></\(role)Acct>"
            }
            out += "</RltdPties>\n"
        }
        if t.text != nil || t.reference != nil {
            out += "            <RmtInf>"
            if let text = t.text { out += "<Ustrd>\(esc(text))</Ustrd>" }
            if let r = t.reference {
                out += "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>\(esc(r))</Ref></CdtrRefInf></Strd>"
            }
            out += "</RmtInf>\n"
        }
        out += "          </TxDtls>\n"
    }

    static func esc(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }) else { return s }
        var r = ""
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&apos;"
            default: r.append(c)
            }
        }
        return r
    }
}
