import AvstemCore
import AvstemMatching
import Foundation

/// The payment application rules file: CSV, one rule a line, `#` comments and blank lines ignored,
/// an optional header line. Columns:
///
///     confidence,priority,related_party,document_no,amount,direct_debit,review_required
///     high,2,fully,yes_multiple,one,any,no
///
/// confidence `high|medium|low`; priority 1…999 (lower wins among rules of one confidence);
/// related_party `fully|partially|no|any`; document_no `yes|yes_multiple|no|any`;
/// amount `one|multiple|no_matches|any`; direct_debit `yes|no|any`; review_required `yes|no`.
/// `any` = the dimension is not considered. A file replaces every rule, or nothing.
public enum RulesFile {
    public static let header = "confidence,priority,related_party,document_no,amount,direct_debit,review_required"

    public static func format(_ rules: [MatchRule]) -> String {
        var out = "# avstem payment application rules; score = (confidence + 1) x 1000 - priority (high 3, medium 2, low 1)\n"
        out += header + "\n"
        for r in RulesFile.ordered(rules) {
            out += [r.confidence.rawValue, String(r.priority), r.relatedParty?.rawValue ?? "any", r.documentNo?.rawValue ?? "any",
                    r.amount?.rawValue ?? "any", r.directDebitCollection.map { $0 ? "yes" : "no" } ?? "any",
                    r.reviewRequired ? "yes" : "no"].joined(separator: ",") + "\n"
        }
        return out
    }

    /// Best score first: how BC lists the rules and how the engine tries them.
    public static func ordered(_ rules: [MatchRule]) -> [MatchRule] {
        rules.sorted { ($1.score, $0.confidence.rawValue) < ($0.score, $1.confidence.rawValue) }
    }

    /// Every rule of the file, or a UserError naming `file:line` and the reason.
    public static func parse(_ text: String, file: String) throws -> [MatchRule] {
        var rules: [MatchRule] = []
        var firstLine: [String: Int] = [:]
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if rules.isEmpty && firstLine.isEmpty && fields.first?.lowercased() == "confidence" {
                guard fields.map({ $0.lowercased() }) == header.split(separator: ",").map(String.init) else {
                    throw UserError(file: file, line: lineNo, "the header must be \(header)")
                }
                continue
            }
            guard fields.count == 7 else {
                throw UserError(file: file, line: lineNo, "expected 7 fields (\(header)), found \(fields.count)")
            }
            let rule: MatchRule
            do {
                rule = try RuleValues.rule(confidence: fields[0], priority: fields[1], relatedParty: fields[2], documentNo: fields[3],
                                           amount: fields[4], directDebit: fields[5], reviewRequired: fields[6])
            } catch let e as UserError {
                throw UserError(file: file, line: lineNo, e.message)
            }
            if let earlier = firstLine[rule.code] {
                throw UserError(file: file, line: lineNo, "\(rule.confidence.rawValue) priority \(rule.priority) is already defined on line \(earlier)")
            }
            firstLine[rule.code] = lineNo
            rules.append(rule)
        }
        guard !rules.isEmpty else { throw UserError(file: file, "no rules in the file (an empty rule set would match nothing)") }
        return rules
    }
}

/// The spellings of rule values, shared by the file and the `rules set` options.
public enum RuleValues {
    public static func rule(confidence: String, priority: String, relatedParty: String, documentNo: String, amount: String,
                            directDebit: String, reviewRequired: String) throws -> MatchRule {
        let c = try self.confidence(confidence)
        guard let p = Int(priority) else { throw UserError("priority '\(priority)' is not a number") }
        let rule = MatchRule(confidence: c, priority: p, relatedParty: try self.relatedParty(relatedParty),
                             documentNo: try self.documentNo(documentNo), amount: try self.amount(amount),
                             directDebitCollection: try optionalBool(directDebit, "direct_debit"),
                             reviewRequired: try bool(reviewRequired, "review_required"))
        try validate(rule)
        return rule
    }

    public static func validate(_ rule: MatchRule) throws {
        guard [.high, .medium, .low].contains(rule.confidence) else {
            throw UserError("confidence '\(rule.confidence.rawValue)' must be high, medium or low")
        }
        guard (1...999).contains(rule.priority) else { throw UserError("priority \(rule.priority) is not in 1…999") }
    }

    public static func confidence(_ s: String) throws -> MatchConfidence {
        switch s.lowercased() {
        case "high": return .high
        case "medium": return .medium
        case "low": return .low
        default: throw UserError("confidence '\(s)' must be high, medium or low")
        }
    }

    static func isAny(_ s: String) -> Bool { ["any", "", "*", "not_considered"].contains(s.lowercased()) }

    public static func relatedParty(_ s: String) throws -> RelatedPartyMatch? {
        if isAny(s) { return nil }
        guard let v = RelatedPartyMatch(rawValue: s.lowercased()) else {
            throw UserError("related party '\(s)' must be fully, partially, no or any")
        }
        return v
    }

    public static func documentNo(_ s: String) throws -> DocumentMatch? {
        if isAny(s) { return nil }
        let k = s.lowercased().replacingOccurrences(of: " ", with: "")
        switch k {
        case "yes": return .yes
        case "yes_multiple", "yes-multiple", "yes–multiple", "multiple": return .yesMultiple
        case "no": return .no
        default: throw UserError("document no. '\(s)' must be yes, yes_multiple, no or any")
        }
    }

    public static func amount(_ s: String) throws -> AmountMatch? {
        if isAny(s) { return nil }
        switch s.lowercased().replacingOccurrences(of: " ", with: "_") {
        case "one", "one_match": return .one
        case "multiple", "multiple_matches": return .multiple
        case "no_matches", "no_match", "none", "no": return AmountMatch.none
        default: throw UserError("amount '\(s)' must be one, multiple, no_matches or any")
        }
    }

    static func bool(_ s: String, _ what: String) throws -> Bool {
        switch s.lowercased() {
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default: throw UserError("\(what) '\(s)' must be yes or no")
        }
    }

    static func optionalBool(_ s: String, _ what: String) throws -> Bool? {
        if isAny(s) { return nil }
        do { return try bool(s, what) } catch { throw UserError("\(what) '\(s)' must be yes, no or any") }
    }
}
