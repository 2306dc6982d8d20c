import AvstemCore
import Foundation

/// Turns one `Ntry` into statement lines: one per transaction detail when a batch carries the
/// amounts of its parts (so each payment can be matched to its own invoice), else one.
enum CamtEntries {
    struct Made {
        var entries: [StatementEntry]
        var warnings: [String]
        /// The `Ntry/Amt` currency: the statement's when its account does not say.
        var currency: String?
    }

    static func make(from ntry: XNode, path: String, file: String, context: CamtStatementContext) throws -> Made {
        let fallbackCcy = context.accountCurrency ?? context.balanceCurrency
        let (entryAmount, entryCcy) = try CamtValues.amount(ntry.child("Amt"), path: path + "/Amt", file: file,
                                                            currency: fallbackCcy, line: ntry.line)
        let credit = try CamtValues.sign(ntry.child("CdtDbtInd"), path: path + "/CdtDbtInd", file: file, line: ntry.line)
        let booking = try CamtValues.date(ntry.child("BookgDt"), path: path + "/BookgDt", file: file)
        let value = try CamtValues.date(ntry.child("ValDt"), path: path + "/ValDt", file: file)
        let txs = ntry.nodes("NtryDtls", "TxDtls")
        let split = txs.count > 1 && txs.allSatisfy { txAmountNode($0) != nil }
        var warnings: [String] = []

        func base(_ tx: XNode?) -> StatementEntry {
            var e = StatementEntry(bookingDate: booking, valueDate: value, amount: .zero)
            fill(&e, ntry: ntry, tx: tx, credit: credit, context: context)
            return e
        }

        guard split else {
            var e = base(txs.first)
            e.amount = credit ? entryAmount : -entryAmount
            e.currency = entryCcy
            e.bankTransactionId = txs.first?.string("Refs", "AcctSvcrRef") ?? ntry.string("AcctSvcrRef") ?? ntry.string("NtryRef")
            ntry.leaves(prefix: "", into: &e.details)
            return Made(entries: [e], warnings: [], currency: entryCcy)
        }

        var out: [StatementEntry] = []
        var sum = Money.zero
        var sameCurrency = true
        var entryRaw: [StatementEntry.Detail] = []
        ntry.leaves(prefix: "", skip: { $0.name == "NtryDtls" }, into: &entryRaw)
        for (k, tx) in txs.enumerated() {
            let txPath = "\(path)/NtryDtls/TxDtls[\(k + 1)]"
            let node = txAmountNode(tx)!
            let rel = node === tx.child("Amt") ? "Amt" : "AmtDtls/TxAmt/Amt"
            let (amount, ccy) = try CamtValues.amount(node, path: txPath + "/" + rel, file: file, currency: entryCcy, line: tx.line)
            sum += amount
            if ccy != entryCcy { sameCurrency = false }
            var e = base(tx)
            // The entry's indicator decides the sign: details of outgoing batches are often
            // marked CRDT from the payee's point of view.
            e.amount = credit ? amount : -amount
            e.currency = ccy
            if let own = tx.string("Refs", "AcctSvcrRef") {
                e.bankTransactionId = own
            } else if let entryRef = ntry.string("AcctSvcrRef") ?? ntry.string("NtryRef") {
                // Parts of a batch must not share one id, or the duplicate check would refuse all but the first.
                e.bankTransactionId = "\(entryRef)/\(k + 1)"
            }
            e.details += entryRaw
            ntry.child("NtryDtls")?.child("Btch")?.leaves(prefix: "NtryDtls/Btch", into: &e.details)
            tx.leaves(prefix: "NtryDtls/TxDtls", into: &e.details)
            out.append(e)
        }
        let d = Currency.decimals(entryCcy ?? "")
        if !sameCurrency {
            warnings.append("the transaction details are in another currency than the entry (\(entryCcy ?? "?")); their amounts were imported")
        } else if sum != entryAmount {
            warnings.append("the transaction details sum to \(sum.formatted(decimals: d)) but the entry amount is \(entryAmount.formatted(decimals: d)); the details were imported")
        }
        return Made(entries: out, warnings: warnings, currency: entryCcy)
    }

    static func txAmountNode(_ tx: XNode) -> XNode? {
        tx.child("Amt") ?? tx.node("AmtDtls", "TxAmt", "Amt")
    }

    struct PartyInfo {
        var name: String?
        var account: String?
        var address: String?
        var city: String?
    }

    static func party(_ side: String, in rp: XNode?) -> PartyInfo? {
        guard let rp else { return nil }
        func named(_ n: XNode?) -> XNode? { n?.child("Pty") ?? n }
        let main = named(rp.child(side))
        let ultimate = named(rp.child("Ultmt" + side))
        let acct = rp.child(side + "Acct")?.child("Id")
        var p = PartyInfo()
        p.name = main?.string("Nm") ?? ultimate?.string("Nm")
        p.account = acct?.string("IBAN") ?? acct?.string("Othr", "Id")
        if let adr = (main ?? ultimate)?.child("PstlAdr") {
            let lines = adr.all("AdrLine").map(\.value).filter { !$0.isEmpty }
            if !lines.isEmpty {
                p.address = lines.joined(separator: ", ")
            } else if let street = adr.string("StrtNm") {
                p.address = [street, adr.string("BldgNb")].compactMap { $0 }.joined(separator: " ")
            }
            p.city = adr.string("TwnNm")
        }
        if p.name == nil && p.account == nil { return nil }
        return p
    }

    static func fill(_ e: inout StatementEntry, ntry: XNode, tx: XNode?, credit: Bool, context: CamtStatementContext) {
        // The counterparty pays us on a credit and is paid by us on a debit; a reversal turns
        // that round (a returned direct debit names the original payer).
        let reversal = ntry.string("RvslInd")?.lowercased() == "true"
        let debtorSide = credit != reversal
        let rp = tx?.child("RltdPties")
        let preferred = party(debtorSide ? "Dbtr" : "Cdtr", in: rp)
        let other = party(debtorSide ? "Cdtr" : "Dbtr", in: rp)
        func isOwn(_ p: PartyInfo) -> Bool {
            guard let a = p.account, let own = context.ownAccountKey else { return false }
            return CamtValues.accountKey(a) == own
        }
        // Banks often fill only one side; when it is not our own account it is the counterparty.
        if let p = [preferred, other].compactMap({ $0 }).first(where: { !isOwn($0) }) {
            e.relatedPartyName = p.name; e.relatedPartyAccount = p.account
            e.relatedPartyAddress = p.address; e.relatedPartyCity = p.city
        }

        let ustrd = (tx?.nodes("RmtInf", "Ustrd") ?? []).map(\.value).filter { !$0.isEmpty }
        let txInfo = tx?.string("AddtlTxInf")
        let entryInfo = ntry.string("AddtlNtryInf")
        e.text = ustrd.isEmpty ? (txInfo ?? entryInfo) : ustrd.joined(separator: " ")
        var extra: [String] = []
        for s in [txInfo, entryInfo].compactMap({ $0 }) where s != e.text && !extra.contains(s) { extra.append(s) }
        e.additionalInfo = extra.isEmpty ? nil : extra.joined(separator: " / ")
        e.reference = tx?.string("RmtInf", "Strd", "CdtrRefInf", "Ref")
        if let id = tx?.string("Refs", "EndToEndId"), id.uppercased() != "NOTPROVIDED" { e.endToEndId = id }

        var summary: [StatementEntry.Detail] = []
        if let charges = chargesText(tx?.child("Chrgs") ?? ntry.child("Chrgs")) { summary.append(.init("Charges", charges)) }
        if let xchg = tx?.node("AmtDtls", "InstdAmt", "CcyXchg") ?? tx?.node("AmtDtls", "TxAmt", "CcyXchg") ?? ntry.node("AmtDtls", "InstdAmt", "CcyXchg") ?? ntry.node("AmtDtls", "TxAmt", "CcyXchg"),
           let rate = xchg.string("XchgRate") {
            let pair = [xchg.string("SrcCcy"), xchg.string("TrgtCcy")].compactMap { $0 }.joined(separator: "/")
            summary.append(.init("Exchange rate", pair.isEmpty ? rate : "\(pair) \(rate)"))
        }
        if let instructed = tx?.node("AmtDtls", "InstdAmt", "Amt"), let ccy = instructed.ccy {
            summary.append(.init("Instructed amount", "\(instructed.value) \(ccy)"))
        }
        e.details = summary
    }

    static func chargesText(_ chrgs: XNode?) -> String? {
        guard let chrgs else { return nil }
        if let total = chrgs.child("TtlChrgsAndTaxAmt"), !total.value.isEmpty {
            return [total.value, total.ccy].compactMap { $0 }.joined(separator: " ")
        }
        let parts = chrgs.all("Rcrd").compactMap { r -> String? in
            guard let a = r.child("Amt"), !a.value.isEmpty else { return nil }
            return [a.value, a.ccy].compactMap { $0 }.joined(separator: " ")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " + ")
    }
}
