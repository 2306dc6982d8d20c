import AvstemCore

/// A line's decision told as a reviewer reads it: what was chosen and why, the best alternative with its
/// own evidence, and why that alternative lost. Built from what the engine saved (applications and the
/// ranked candidates), so it explains a line the same way however long ago it was matched.
public struct Explanation: Hashable, Sendable {
    public struct Choice: Hashable, Sendable {
        public var targets: [ApplicationTarget]
        public var confidence: MatchConfidence
        public var score: Int?
        public var evidence: [Evidence]
    }

    /// What the line is applied to (nil when nothing is).
    public var chosen: Choice?
    /// The best candidate not applied to the line.
    public var alternative: Choice?
    /// Why the alternative was not chosen, or why nothing was applied.
    public var reason: String

    /// `applications` and `account` as the line holds them; `candidates` best first, as the engine ranked them.
    public init(applications: [Application], account: AccountRef?, candidates: [Candidate]) {
        let applied = Set(applications.map(\.target))
        let appliedCandidate = candidates.first { applied.contains($0.target) }
        if !applications.isEmpty {
            // The evidence of the chosen application, without the notes about the runner-up (told below).
            let evidence = applications[0].evidence.filter { !($0.dimension == .rule && ["runner_up", "tie"].contains($0.value)) }
            chosen = Choice(targets: applications.map(\.target), confidence: applications.map(\.confidence).max() ?? .none,
                            score: appliedCandidate?.score, evidence: evidence)
        } else if let account {
            chosen = Choice(targets: [], confidence: .highTextMapping, score: MatchRules.textMappingScore,
                            evidence: [Evidence(.textMapping, "account", "\(account.type.rawValue) account \(account.no)")])
        }
        let alt = candidates.first { !applied.contains($0.target) && $0.score > 0 }
        alternative = alt.map { Choice(targets: [$0.target], confidence: $0.confidence, score: $0.score, evidence: $0.evidence) }
        reason = Explanation.reason(chosen: chosen, alternative: alt, anyCandidate: !candidates.isEmpty)
    }

    static func reason(chosen: Choice?, alternative alt: Candidate?, anyCandidate: Bool) -> String {
        guard let alt else {
            if chosen != nil { return "no other candidate fits any rule" }
            return anyCandidate ? "no candidate fits a rule that applies automatically" : "no open entry, bank entry or mapping fits"
        }
        let altRule = alt.evidence.first { $0.dimension == .rule }
        guard let chosen else {
            if let r = altRule, r.detail.contains("offered for review"), let clause = r.detail.components(separatedBy: "; ").last {
                return "the best candidate (\(r.value)) is not applied automatically: \(clause)"
            }
            if alt.score > 0, let r = altRule, r.detail.contains("below the score") { return "the best candidate scores below the rules that apply" }
            return "the best candidate (\(altRule?.value ?? alt.confidence.rawValue), score \(alt.score)) was not applied: its entry went to a line with stronger evidence, or the line was already settled"
        }
        let differences = dimensionDifferences(chosen.evidence, alt.evidence)
        let scores = chosen.score.map { "scores \(alt.score) against \($0)" } ?? "scores \(alt.score)"
        if let s = chosen.score, s == alt.score {
            return "ties with the chosen application (score \(s)); the chosen one wins on more entries, closer amount or lower entry no."
                + (differences.isEmpty ? "" : "; " + differences.joined(separator: "; "))
        }
        return ([scores] + differences).joined(separator: "; ")
    }

    /// "related party partially instead of fully": each dimension where the alternative's value is weaker.
    static func dimensionDifferences(_ chosen: [Evidence], _ alt: [Evidence]) -> [String] {
        let names: [(Evidence.Dimension, String)] = [(.relatedParty, "related party"), (.documentNo, "document no."),
                                                     (.reference, "reference"), (.amount, "amount")]
        var out: [String] = []
        for (dimension, name) in names {
            let a = alt.first { $0.dimension == dimension }, c = chosen.first { $0.dimension == dimension }
            guard let a, let c, a.value != c.value else { continue }
            out.append("\(name) \(a.value) instead of \(c.value) (\(a.detail))")
        }
        return out
    }
}
