import AvstemCore

/// `statement parse --json` (spec section 5): keys in the spec's order, a key the file does not
/// carry is left out, amounts as strings with the currency's decimals.
public enum StatementJSON {
    public static func encode(_ file: StatementFile) -> JSONValue {
        var top: [(String, JSONValue)] = [("format", .string(file.format)),
                                          ("statements", .array(file.statements.map(encode)))]
        if !file.warnings.isEmpty { top.append(("warnings", .array(file.warnings.map(JSONValue.string)))) }
        return .object(top)
    }

    public static func encode(_ s: BankStatement) -> JSONValue {
        let decimals = Currency.decimals(s.currency ?? "")
        var o: [(String, JSONValue)] = []
        o.put("id", s.id)
        o.put("account", s.account)
        o.put("currency", s.currency)
        o.put("opening_balance", s.openingBalance?.formatted(decimals: decimals))
        o.put("closing_balance", s.closingBalance?.formatted(decimals: decimals))
        o.put("from_date", s.fromDate?.iso)
        o.put("to_date", s.toDate?.iso)
        o.append(("entries", .array(s.entries.map { encode($0, statementCurrency: s.currency) })))
        return .object(o)
    }

    public static func encode(_ e: StatementEntry, statementCurrency: String?) -> JSONValue {
        let currency = e.currency ?? statementCurrency
        var o: [(String, JSONValue)] = []
        o.put("booking_date", e.bookingDate?.iso)
        o.put("value_date", e.valueDate?.iso)
        o.put("amount", e.amount.formatted(decimals: Currency.decimals(currency ?? "")))
        if let c = e.currency, c != statementCurrency { o.put("currency", c) }
        o.put("text", e.text)
        o.put("related_party_name", e.relatedPartyName)
        o.put("related_party_account", e.relatedPartyAccount)
        o.put("reference", e.reference)
        o.put("end_to_end_id", e.endToEndId)
        o.put("bank_transaction_id", e.bankTransactionId)
        return .object(o)
    }
}

extension Array where Element == (String, JSONValue) {
    /// Appends the key only when there is a value: the spec never writes empty strings.
    mutating func put(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        append((key, .string(value)))
    }
}
