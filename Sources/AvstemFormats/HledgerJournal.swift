import AvstemCore
import Foundation

/// The posted G/L entries as an hledger (plain-text accounting) journal: one transaction per
/// posted statement line, each balancing to zero, accounts named "NO name" as in the chart.
public enum HledgerJournal {
    /// `parties` names customers and vendors (`C0001` → name), for lines whose statement text is empty.
    public static func write(entries: [PostedEntry], accounts: [GLAccount], parties: [String: String] = [:], currency: String) -> String {
        let names = Dictionary(accounts.map { ($0.no, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Who a posted line paid or was paid by: its customer or vendor entry, when it has one.
        struct LineKey: Hashable { var journal: Int64?; var line: Int? }
        var payer: [LineKey: String] = [:]
        for e in entries where e.ledger == .customer || e.ledger == .vendor {
            let key = LineKey(journal: e.journal, line: e.lineNo)
            if payer[key] == nil { payer[key] = parties[e.accountNo].map { "\(e.accountNo) \($0)" } ?? e.accountNo }
        }
        let decimals = Currency.decimals(currency)
        // Group by what one posting of one line wrote; entry numbers keep the posting order.
        struct Key: Hashable { var journal: Int64?; var line: Int?; var date: LocalDate; var document: String? }
        var order: [Key] = []
        var groups: [Key: [PostedEntry]] = [:]
        for e in entries where e.ledger == .gl {
            let k = Key(journal: e.journal, line: e.lineNo, date: e.postingDate, document: e.documentNo)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(e)
        }
        var out = "; avstem: posted G/L entries\n"
        for k in order {
            let rows = groups[k]!.sorted { $0.entryNo < $1.entryNo }
            let description = rows.compactMap(\.description).first { !$0.isEmpty }
                ?? payer[LineKey(journal: k.journal, line: k.line)].map { "Payment \($0)" } ?? "Bank statement line"
            out += "\n\(k.date.iso)"
            if let d = k.document, !d.isEmpty { out += " (\(clean(d)))" }
            out += " \(clean(description))"
            var tags: [String] = []
            if let j = k.journal { tags.append("journal:\(j)") }
            if let l = k.line { tags.append("line:\(l)") }
            if !tags.isEmpty { out += "  ; " + tags.joined(separator: ", ") }
            out += "\n"
            for e in rows {
                let account = names[e.accountNo].map { "\(e.accountNo) \(clean($0))" } ?? e.accountNo
                // Two spaces end an hledger account name; an entry's own text rides along as a comment.
                out += "    \(account)  \(e.amount.formatted(decimals: decimals)) \(currency)"
                if let d = e.description, !d.isEmpty, d != description { out += "  ; \(clean(d))" }
                out += "\n"
            }
        }
        return out
    }

    /// hledger reads a line at a time and takes two spaces or a semicolon as the end of a field.
    static func clean(_ s: String) -> String {
        var r = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: ";", with: ",")
        while r.contains("  ") { r = r.replacingOccurrences(of: "  ", with: " ") }
        return r.trimmingCharacters(in: .whitespaces)
    }
}
