extension MatchEngine {
    /// Recorded with every automatic decision in the audit trail: raise it when the rules or
    /// the scoring change what the engine decides.
    public static let version = "avstem-match 1"
}
