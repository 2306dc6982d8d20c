/// Structured payment references and their check digits. A reference whose check digit is valid was
/// almost certainly typed (or scanned) as the creditor printed it; one whose check digit fails may be a
/// typo that happens to equal another invoice's reference, so the engine never trusts it alone.
public enum StructuredReference {
    public enum Kind: String, Sendable, Hashable {
        /// Norwegian KID: digits with a MOD10 (Luhn) or MOD11 check digit.
        case kid
        /// ISO 11649 creditor reference: "RF", two check digits, up to 21 letters or digits.
        case rf
        /// Anything else: compared as text, no check digit to verify.
        case other
    }

    public struct Check: Hashable, Sendable {
        public var kind: Kind
        /// The reference as compared: letters and digits, upper case.
        public var compact: String
        /// Which check passed: "MOD10", "MOD11", "mod 97"; nil when none did or there is none.
        public var method: String?
        public var isValid: Bool { method != nil }
        /// Whether the reference carries a check digit that could be verified.
        public var hasCheckDigit: Bool { kind != .other }
    }

    /// Classifies a reference and verifies its check digit.
    public static func check(_ reference: String) -> Check {
        let compact = TextNormalisation.account(reference)
        if compact.hasPrefix("RF") && compact.count >= 5 && compact.count <= 25 {
            return Check(kind: .rf, compact: compact, method: isValidRF(compact) ? "mod 97" : nil)
        }
        // A MOD11 KID may end in "-", which the compact form drops, so the digit test runs on the raw text.
        let raw = reference.filter { !$0.isWhitespace }
        let dash = raw.hasSuffix("-")
        let body = dash ? raw.dropLast() : Substring(raw)
        if body.count >= 2 && body.count <= 25 && body.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let method = !dash && isValidKIDMod10(raw) ? "MOD10" : (isValidKIDMod11(raw) ? "MOD11" : nil)
            return Check(kind: .kid, compact: compact, method: method)
        }
        return Check(kind: .other, compact: compact, method: nil)
    }

    /// Luhn: doubling every second digit from the right, the check digit included, the sum ends in 0.
    public static func isValidKIDMod10(_ kid: String) -> Bool {
        let digits = kid.compactMap { $0.wholeNumberValue }
        guard digits.count >= 2, digits.count == kid.count else { return false }
        var sum = 0
        for (k, d) in digits.reversed().enumerated() {
            if k % 2 == 1 { let x = d * 2; sum += x > 9 ? x - 9 : x } else { sum += d }
        }
        return sum % 10 == 0
    }

    /// MOD11 with weights 2, 3, 4, 5, 6, 7 repeating from the right; check digit 11 − (sum mod 11),
    /// where 11 gives 0 and 10 gives "-".
    public static func isValidKIDMod11(_ kid: String) -> Bool {
        guard kid.count >= 2, let last = kid.last else { return false }
        let body = kid.dropLast().compactMap { $0.wholeNumberValue }
        guard body.count == kid.count - 1 else { return false }
        guard let expected = mod11CheckDigit(body) else { return last == "-" }
        return last.wholeNumberValue == expected
    }

    /// The MOD11 check digit for `digits`, or nil when the rule gives 10 (written "-").
    public static func mod11CheckDigit(_ digits: [Int]) -> Int? {
        var sum = 0
        for (k, d) in digits.reversed().enumerated() { sum += d * (2 + k % 6) }
        let r = 11 - sum % 11
        if r == 11 { return 0 }
        return r == 10 ? nil : r
    }

    /// ISO 11649: move "RF" and the check digits to the end, letters to numbers (A = 10 … Z = 35),
    /// and the whole must be 1 mod 97.
    public static func isValidRF(_ reference: String) -> Bool {
        let compact = TextNormalisation.account(reference)
        guard compact.hasPrefix("RF"), compact.count >= 5, compact.count <= 25 else { return false }
        let chars = Array(compact)
        guard chars[2].isNumber, chars[3].isNumber else { return false }
        var remainder = 0
        for c in chars[4...] + chars[0..<4] {
            if let d = c.wholeNumberValue, c.isASCII {
                remainder = (remainder * 10 + d) % 97
            } else if let a = c.asciiValue, a >= 65, a <= 90 {
                remainder = (remainder * 100 + Int(a) - 55) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }
}
