import AvstemCore

/// Puts a scored candidate into words a bookkeeper can check: one evidence item per dimension and one
/// for the rule. Built only for the candidates that are shown or applied, never for every pair scored.
struct Explainer {
    let index: MatchIndex
    let features: LineFeatures

    func evidence(_ s: Scored, rules: RuleTable) -> [Evidence] {
        var out: [Evidence] = []
        switch s.target {
        case .mapping(let m):
            let mapping = index.mappings[m]
            return mappingEvidence(mapping, mapping.account(forAmount: features.amount))
        case .bank(let b):
            out += bankEvidence(s, index.bankEntries[Int(b)])
        case .entry, .group:
            let es = s.entryList ?? []
            out.append(partyEvidence(s))
            out += memoryEvidence(s)
            out += documentEvidence(s, es)
            out.append(amountEvidence(s, es))
        }
        out.append(ruleEvidence(s, rules: rules))
        return out
    }

    func mappingEvidence(_ mapping: TextMapping, _ account: AccountRef) -> [Evidence] {
        if let pattern = mapping.patternSource {
            return [Evidence(.textMapping, MatchConfidence.highTextMapping.rawValue,
                             "text matches the pattern \"\(pattern)\", mapped to \(account.type.rawValue) account \(account.no)")]
        }
        return [Evidence(.textMapping, MatchConfidence.highTextMapping.rawValue,
                         "text contains \"\(mapping.mappingText)\", mapped to \(account.type.rawValue) account \(account.no)")]
    }

    // MARK: dimensions

    var payerWord: String { features.sign < 0 ? "payee" : "payer" }

    var nameSource: String {
        if features.nameQueryIsText { return "the text" }
        return "name \"\(features.line.relatedPartyName ?? "")\""
    }

    func partyEvidence(_ s: Scored) -> Evidence {
        let m = s.partyMatch
        guard s.party >= 0 else {
            return Evidence(.relatedParty, m.value.rawValue, "the entry's party is not among the customers and vendors")
        }
        let party = index.partyLabel(s.party)
        switch m.how {
        case .account:
            return Evidence(.relatedParty, m.value.rawValue, "\(payerWord) account \(features.payerAccount) belongs to \(party)")
        case .nameAndAddress:
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(nameSource) matches \(party) (nearness \(m.nearness)), and address and city are the same")
        case .uniqueName:
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(nameSource) matches \(party) (nearness \(m.nearness)), and no other party has that name")
        case .name:
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(nameSource) matches \(party) (nearness \(m.nearness)), but another party has the same name")
        case .nearToSeveral:
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(nameSource) matches \(party) (nearness \(m.nearness)), but is as near to another party's name")
        case .learned:
            return learnedPartyEvidence(s)
        case .wordOrder:
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(nameSource) has the words of \(party)'s name in another order; only partially, since a namesake would too")
        case .none:
            let account = features.payerAccount.isEmpty ? "" : "\(payerWord) account \(features.payerAccount) and "
            let nearness = m.nearness >= 0 ? m.nearness
                : StringNearness.nameScore(index.partyName[Int(s.party)], features.nameQuery, cutShort: features.nameCutShort)
            return Evidence(.relatedParty, m.value.rawValue,
                            "\(account)\(nameSource) do not point to \(party) (name nearness \(nearness))")
        }
    }

    func documentEvidence(_ s: Scored, _ es: [Int32]) -> [Evidence] {
        if s.combinations > 0 {
            return [Evidence(.documentNo, s.doc.rawValue, "no document no. in the text; the entries were found by their amounts")]
        }
        if es.count > 1 {
            let docs = es.map { index.entries[Int($0)].documentNo }.joined(separator: ", ")
            return [Evidence(.documentNo, s.doc.rawValue,
                             "\(es.count) entries of \(index.partyLabel(s.party)) found in the text (\(docs)); paid in due-date order")]
        }
        let entry = index.entries[Int(es[0])]
        let name = Explainer.describe(entry)
        guard !s.docEvidence.isEmpty else {
            return [Evidence(.documentNo, s.doc.rawValue, "\(name) not found in the text or the reference")]
        }
        var out: [Evidence] = []
        for d in s.docEvidence {
            switch d {
            case .documentNo:
                out.append(Evidence(.documentNo, s.doc.rawValue, "\(name) found in the text"))
            case .externalDocumentNo:
                out.append(Evidence(.documentNo, s.doc.rawValue,
                                    "external document no. \(entry.externalDocumentNo ?? "") of \(name) found in the text"))
            case .referenceSlip(let slip):
                let ref = features.line.reference ?? ""
                let kind = features.reference?.kind == .rf ? "RF reference" : "KID"
                out.append(Evidence(.reference, "near",
                                    "\(kind) \(ref) is one digit off \(name)'s payment reference \(slip.expected): \(slip.words(line: features.reference?.compact ?? ref)); for review, never applied on its own"))
                out.append(Evidence(.documentNo, s.doc.rawValue, "\(name) may be meant by the payment reference"))
            case .embedded(let found):
                out.append(Evidence(.documentNo, s.doc.rawValue,
                                    "\(entry.documentNo) found inside \(found.container) (after its leading zeros), and the amount fits"))
            case .reference(let check):
                out.append(referenceEvidence(check, name))
                out.append(Evidence(.documentNo, s.doc.rawValue, "\(name) identified by the payment reference"))
            }
        }
        return out
    }

    func referenceEvidence(_ check: StructuredReference.Check, _ name: String) -> Evidence {
        let ref = features.line.reference ?? check.compact
        switch check.kind {
        case .kid, .rf:
            let kind = check.kind == .kid ? "KID" : "RF reference"
            if let method = check.method {
                return Evidence(.reference, "yes", "\(kind) \(ref) equals \(name)'s payment reference; check digit valid (\(method))")
            }
            return Evidence(.reference, "yes",
                            "\(kind) \(ref) equals \(name)'s payment reference, but its check digit is not valid, so it cannot make the match High by itself")
        case .other:
            return Evidence(.reference, "yes", "reference \(ref) equals \(name)'s payment reference")
        }
    }

    func amountEvidence(_ s: Scored, _ es: [Int32]) -> Evidence {
        let paid = format(features.amount)
        let ledger = es.first.map { index.entries[Int($0)].partyType.rawValue } ?? "customer"
        let others = s.amount == .multiple ? "; \(s.inRangeCount) open \(ledger) entries are in range" : ""
        if s.combinations > 0 {
            let docs = es.map { Explainer.describe(index.entries[Int($0)]) }
            let list = docs.count == 2 ? "\(docs[0]) and \(docs[1])" : docs.dropLast().joined(separator: ", ") + " and " + docs.last!
            let verb = s.due == features.amount ? "equals" : "is within the tolerance of"
            let how = s.combinations == 1
                ? "; the only combination of \(index.partyLabel(s.party))'s \(LineScorer.combinationOldest) oldest open entries that does"
                : "; \(s.combinations > LineScorer.combinationsOffered ? "more than \(LineScorer.combinationsOffered)" : String(s.combinations)) combinations fit, so it is offered for review"
            return Evidence(.amount, s.amount.rawValue, "\(paid) \(verb) the sum \(format(s.due)) of \(list)\(how)")
        }
        if es.count > 1 {
            let what = "the total \(format(s.due)) of the \(es.count) entries"
            let singles = s.amount == .multiple ? "; \(s.inRangeCount) single open \(ledger) entries also match the amount" : ""
            let words = s.amount == .none ? "\(paid) differs from \(what)"
                : (s.due == features.amount ? "\(paid) equals \(what)" : "\(paid) is within the tolerance of \(what)")
            return Evidence(.amount, s.amount.rawValue, words + singles)
        }
        let entry = index.entries[Int(es[0])]
        let name = Explainer.describe(entry)
        let discounted = s.due != entry.remainingAmount
        let what = discounted
            ? "\(name)'s remaining amount \(format(entry.remainingAmount)) less \(format(entry.remainingPmtDiscPossible)) discount (until \(entry.pmtDiscountDate?.iso ?? ""))"
            : "the remaining amount of \(name)"
        switch s.amount {
        case .none:
            return Evidence(.amount, s.amount.rawValue, "\(paid) differs from \(what) (\(format(s.due)))")
        case .one, .multiple:
            let verb = s.due == features.amount ? "equals" : "is within the tolerance of"
            let shown = discounted || s.due == features.amount ? what : "\(what) (\(format(s.due)))"
            return Evidence(.amount, s.amount.rawValue, "\(paid) \(verb) \(shown)\(others)")
        }
    }

    func bankEvidence(_ s: Scored, _ entry: BankLedgerEntry) -> [Evidence] {
        let days = abs(entry.postingDate.dayNumber - features.date.dayNumber)
        var out = [Evidence(.amount, s.amount.rawValue,
                            "\(format(features.amount)) equals bank ledger entry \(entry.entryNo) posted \(entry.postingDate.iso) (\(days) day\(days == 1 ? "" : "s") apart)"
                            + (s.inRangeCount > 1 ? "; \(s.inRangeCount) bank entries qualify" : ""))]
        if s.doc == .yes {
            out.append(Evidence(.documentNo, "yes", "bank entry document \(entry.documentNo ?? "") found in the text"))
        }
        if s.partyMatch.value != .no {
            out.append(Evidence(.relatedParty, s.partyMatch.value.rawValue,
                                "bank entry description \"\(entry.description ?? "")\" matches the text (nearness \(s.partyMatch.nearness))"))
        }
        if s.confidence == .highTextMapping {
            out.append(Evidence(.textMapping, "bank_ledger_entry",
                                "a text mapping fits, but this amount was already posted as bank ledger entry \(entry.entryNo)"))
        }
        return out
    }

    func ruleEvidence(_ s: Scored, rules: RuleTable) -> Evidence {
        let values = "related party \(s.partyMatch.value.rawValue), document no. \(Explainer.words(s.doc)), amount \(Explainer.words(s.amount))"
        if s.confidence == .highTextMapping {
            return Evidence(.rule, MatchConfidence.highTextMapping.rawValue, "High – text-to-account mapping (score \(s.score))")
        }
        guard let rule = s.rule else {
            return Evidence(.rule, "none", "no rule fits: \(values)")
        }
        var words = "\(Explainer.capitalizedConfidence[rule.confidence]!), rule \(rule.priority): \(values)"
        if s.cappedForCheckDigit { words += " (not High: the reference's check digit is not valid)" }
        if s.cappedForNearEvidence { words += " (not High: the document evidence is near, not exact)" }
        if s.score < rules.threshold {
            words += "; below the score to apply automatically"
        } else if !rules.applies(s) {
            words += s.combinations > 1 ? "; one of several combinations, offered for review, not applied"
                : s.reviewOnly ? "; the reference is one digit off, so it is offered for review, not applied"
                : s.partyOnly ? "; only the party points to it, so it is offered for review, not applied"
                : "; the amount is the only evidence, so it is offered for review, not applied"
        }
        return Evidence(.rule, rule.code, words)
    }

    /// What Business Central warns about, and the runner-up a reviewer should compare with: a text
    /// mapping that the match overrode, another candidate with the same score, the next best candidate.
    func warnings(applied: [Application], list: [Scored]) -> [Evidence] {
        guard !applied.isEmpty else { return [] }
        let appliedTargets = Set(applied.map(\.target))
        guard let chosen = list.first(where: { overlaps($0, appliedTargets) }) else { return [] }
        var out: [Evidence] = []
        if let mapping = list.first(where: { if case .mapping = $0.target { return true } else { return false } }),
           case .mapping(let m) = mapping.target {
            let text = index.mappings[m].mappingText
            out.append(Evidence(.textMapping, "overridden",
                                "text mapping \"\(text)\" also fits, but this match scores higher (\(chosen.score) > \(mapping.score))"))
        }
        if let next = list.first(where: { $0.score > 0 && $0.kindOrder < 2 && !overlaps($0, appliedTargets) }) {
            let rule = next.rule?.code ?? next.confidence.rawValue
            if next.score == chosen.score {
                out.append(Evidence(.rule, "tie", "\(label(next)) scores the same (\(rule)); check which one is meant"))
            } else {
                out.append(Evidence(.rule, "runner_up", "next best: \(label(next)) (\(rule), score \(next.score))"))
            }
        }
        return out
    }

    func overlaps(_ s: Scored, _ targets: Set<ApplicationTarget>) -> Bool {
        switch s.target {
        case .entry(let e): return targets.contains(.ledgerEntry(index.entryNos[Int(e)]))
        case .group(let es): return es.contains { targets.contains(.ledgerEntry(index.entryNos[Int($0)])) }
        case .bank(let b): return targets.contains(.bankLedgerEntry(index.bankEntries[Int(b)].entryNo))
        case .mapping: return false
        }
    }

    /// "invoice 103246 of customer C0001 Fjord Bakeri AS", "2 entries of …", "bank ledger entry 55".
    func label(_ s: Scored) -> String {
        switch s.target {
        case .entry(let e):
            let owner = s.party >= 0 ? " of \(index.partyLabel(s.party))" : ""
            return Explainer.describe(index.entries[Int(e)]) + owner
        case .group(let es): return "\(es.count) entries of \(index.partyLabel(s.party))"
        case .bank(let b): return "bank ledger entry \(index.bankEntries[Int(b)].entryNo)"
        case .mapping(let m): return "text mapping \"\(index.mappings[m].mappingText)\""
        }
    }

    // MARK: words

    static func words(_ d: DocumentMatch) -> String {
        switch d {
        case .yes: return "yes"
        case .yesMultiple: return "yes – multiple"
        case .no: return "no"
        }
    }

    static func words(_ a: AmountMatch) -> String {
        switch a {
        case .one: return "one match"
        case .multiple: return "multiple matches"
        case .none: return "no matches"
        }
    }

    static func describe(_ e: LedgerEntry) -> String {
        let type: String
        switch e.documentType {
        case .invoice: type = "invoice"
        case .creditMemo: type = "credit memo"
        case .financeCharge: type = "finance charge memo"
        case .reminder: type = "reminder"
        case .payment: type = "payment"
        case .refund: type = "refund"
        }
        return "\(type) \(e.documentNo)"
    }

    /// "12 450.00": grouped by thousands so a bookkeeper reads amounts at a glance.
    func format(_ m: Money) -> String { Explainer.grouped(minor: m.minor, decimals: index.decimals) }

    /// The digits written straight from the minor units, right to left: every shown candidate's evidence
    /// formats several amounts, and going through Money.formatted and a second pass cost a tenth of matching.
    static func grouped(minor: Int64, decimals: Int) -> String {
        var v = minor.magnitude
        var out: [UInt8] = []
        out.reserveCapacity(32)
        if decimals > 0 {
            for _ in 0..<decimals { out.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 }
            out.append(UInt8(ascii: "."))
        }
        var digits = 0
        repeat {
            if digits > 0 && digits % 3 == 0 { out.append(UInt8(ascii: " ")) }
            out.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10; digits += 1
        } while v > 0
        if minor < 0 { out.append(UInt8(ascii: "-")) }
        out.reverse()
        return String(decoding: out, as: UTF8.self)
    }

    /// "High", "Medium", …: Foundation's capitalisation, worked out once rather than for every rule shown.
    static let capitalizedConfidence: [MatchConfidence: String] =
        Dictionary(uniqueKeysWithValues: MatchConfidence.allCases.map { ($0, $0.rawValue.capitalized) })
}
