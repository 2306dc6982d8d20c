import AvstemCore
import AvstemFormats
import AvstemMatching
import AvstemStore
import Foundation

/// The JSON of `journal show` (spec §6) and of the other commands' `--json`.
enum JournalJSON {
    static func encode(db: AppDatabase, journalId: Int64) throws -> JSONValue {
        let snap = try db.snapshot(journalId: journalId)
        let entryNos = snap.applications.values.flatMap { $0 }.compactMap { a -> Int64? in
            if case .ledgerEntry(let n) = a.target { return n } else { return nil }
        }
        return encode(snap, entries: try db.ledgerEntries(Array(Set(entryNos))), candidates: try db.candidatesByLine(journalId: journalId))
    }

    /// `candidates`: each line's saved candidates, for the extra `explanation` key (not in the spec's keys).
    static func encode(_ snap: JournalSnapshot, entries: [Int64: LedgerEntry], candidates: [Int: [Candidate]] = [:]) -> JSONValue {
        let h = snap.header
        let dec = Currency.decimals(h.currency)
        func money(_ m: Money) -> JSONValue { .string(m.formatted(decimals: dec)) }
        let header: JSONValue = .object([
            ("id", .int(h.id)), ("bank_account", .string(h.bankAccountNo)), ("statement_no", .string(h.statementNo)),
            ("statement_date", .string(h.statementDate.iso)), ("balance_last_statement", money(h.balanceLastStatement)),
            ("statement_ending_balance", money(h.statementEndingBalance)), ("balance_after_posting", money(snap.balanceAfterPosting)),
            ("status", .string(h.status.rawValue)), ("currency", .string(h.currency)),
        ])
        let lines: [JSONValue] = snap.lines.map { line in
            let apps = snap.applications[line.lineNo] ?? []
            let appValues: [JSONValue] = apps.map { a in
                var fields: [(String, JSONValue)] = []
                switch a.target {
                case .ledgerEntry(let no):
                    let e = entries[no]
                    fields = [("entry_no", .int(no)), ("party_type", .optional(e?.partyType.rawValue)),
                              ("party_no", .optional(e?.partyNo)), ("document_no", .optional(e?.documentNo)),
                              ("applied_amount", money(a.appliedAmount))]
                case .bankLedgerEntry(let no):
                    fields = [("entry_no", .int(no)), ("ledger", .string("bank")), ("applied_amount", money(a.appliedAmount))]
                }
                if !a.discountAmount.isZero { fields.append(("discount_amount", money(a.discountAmount))) }
                if !a.toleranceAmount.isZero { fields.append(("tolerance_amount", money(a.toleranceAmount))) }
                fields.append(("confidence", .string(a.confidence.rawValue)))
                fields.append(("evidence", evidence(a.evidence)))
                return .object(fields)
            }
            let account: JSONValue = line.account.map { .object([("type", .string($0.type.rawValue)), ("no", .string($0.no))]) } ?? .null
            var fields: [(String, JSONValue)] = [
                ("line_no", .int(line.lineNo)), ("transaction_date", .string(line.transactionDate.iso)), ("amount", money(line.amount)),
                ("text", .string(line.text)), ("related_party_name", .optional(line.relatedPartyName)),
                ("reference", .optional(line.reference)), ("confidence", .string(line.confidence.rawValue)),
                ("applications", .array(appValues)), ("account", account),
                ("applied_amount", money(snap.appliedAmount(of: line))), ("difference", money(snap.difference(of: line))),
            ]
            if line.account != nil { fields.append(("account_amount", money(line.accountAmount))) }
            if let p = line.parentLineNo { fields.append(("parent_line_no", .int(p))) }
            if let id = line.bankTransactionId { fields.append(("bank_transaction_id", .string(id))) }
            fields.append(("explanation", explanation(Explanation(applications: apps, account: line.account,
                                                                  candidates: candidates[line.lineNo] ?? []))))
            return .object(fields)
        }
        return .object([("journal", header), ("lines", .array(lines))])
    }

    /// `{"chosen": {...} | null, "best_alternative": {...} | null, "reason": "..."}`; a choice lists its
    /// targets ("ledger 77", "bank 900001"), confidence, score and evidence.
    static func explanation(_ x: Explanation) -> JSONValue {
        func choice(_ c: Explanation.Choice?) -> JSONValue {
            guard let c else { return .null }
            return .object([
                ("targets", .array(c.targets.map { t in
                    switch t {
                    case .ledgerEntry(let no): return .object([("ledger", .string("party")), ("entry_no", .int(no))])
                    case .bankLedgerEntry(let no): return .object([("ledger", .string("bank")), ("entry_no", .int(no))])
                    }
                })),
                ("confidence", .string(c.confidence.rawValue)), ("score", c.score.map { .int(Int64($0)) } ?? JSONValue.null),
                ("evidence", evidence(c.evidence)),
            ])
        }
        return .object([("chosen", choice(x.chosen)), ("best_alternative", choice(x.alternative)), ("reason", .string(x.reason))])
    }

    static func evidence(_ items: [Evidence]) -> JSONValue {
        .array(items.map { .object([("dimension", .string($0.dimension.rawValue)), ("value", .string($0.value)), ("detail", .string($0.detail))]) })
    }

    static func summary(_ j: JournalSummary) -> JSONValue {
        let h = j.header
        let dec = Currency.decimals(h.currency)
        return .object([
            ("id", .int(h.id)), ("bank_account", .string(h.bankAccountNo)), ("statement_no", .string(h.statementNo)),
            ("statement_date", .string(h.statementDate.iso)), ("status", .string(h.status.rawValue)),
            ("balance_last_statement", .string(h.balanceLastStatement.formatted(decimals: dec))),
            ("statement_ending_balance", .string(h.statementEndingBalance.formatted(decimals: dec))),
            ("lines", .int(j.lineCount)), ("applied_lines", .int(j.appliedLineCount)), ("fully_applied_lines", .int(j.fullyAppliedLineCount)), ("reconciled", .bool(j.reconciled)),
        ])
    }

    static func plan(_ p: PostingPlan, preview: Bool) -> JSONValue {
        .object([
            ("journal", .int(p.journalId)), ("preview", .bool(preview)), ("reconcile", .bool(p.options.reconcile)),
            ("partial", .bool(p.options.partial)), ("posted_lines", .array(p.postedLineNos.map { .int($0) })),
            ("kept_lines", .array(p.keptLineNos.map { .int($0) })), ("problems", .array(p.problems.map { .string($0) })),
            ("entries", .array(p.entries.map(postedEntry))),
        ])
    }

    static func postedEntry(_ e: PostedEntry) -> JSONValue {
        .object([
            ("entry_no", .int(e.entryNo)), ("ledger", .string(e.ledger.rawValue)), ("account_no", .string(e.accountNo)),
            ("posting_date", .string(e.postingDate.iso)), ("document_no", .optional(e.documentNo)),
            ("description", .optional(e.description)), ("amount", .string(e.amount.formatted())),
            ("applies_to_entry_no", e.appliesToEntryNo.map { .int($0) } ?? .null),
            ("journal", e.journal.map { .int($0) } ?? .null), ("line_no", e.lineNo.map { .int($0) } ?? .null),
        ])
    }

    static func describe(_ p: PostingPlan, preview: Bool) -> String {
        var out = preview ? "preview of journal \(p.journalId):" : "posted journal \(p.journalId):"
        out += " \(p.postedLineNos.count) lines, \(p.entries.count) entries"
        if !p.keptLineNos.isEmpty { out += ", \(p.keptLineNos.count) lines kept in the journal" }
        if p.options.reconcile { out += preview ? ", would reconcile the bank account" : ", bank account reconciled" }
        if preview {
            for e in p.entries {
                out += "\n  \(e.entryNo)\t\(e.ledger.rawValue)\t\(e.accountNo)\t\(e.postingDate.iso)\t\(e.amount.formatted())\t"
                    + "\(e.appliesToEntryNo.map { "applies to \($0)" } ?? "")\tline \(e.lineNo.map(String.init) ?? "-")"
            }
        }
        for problem in p.problems { out += "\n  cannot post: \(problem)" }
        return out
    }
}

extension JournalJSON {
    static func audit(_ r: AuditRecord) -> JSONValue {
        .object([("id", .int(r.id)), ("time", .string(r.time)), ("user", .string(r.user)),
                 ("journal", r.journalId.map { .int($0) } ?? .null), ("line_no", r.lineNo.map { .int($0) } ?? .null),
                 ("action", .string(r.action)), ("detail", .string(r.detail))])
    }

    static func describe(_ r: AuditRecord) -> String {
        "\(r.time)\t\(r.user)\t\(r.journalId.map { "journal \($0)" } ?? "-")\t\(r.lineNo.map { "line \($0)" } ?? "-")\t\(r.action)\t\(r.detail)"
    }
}
