import AvstemCore

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

    // The check-digit arithmetic lives in AvstemCore (KID, RFReference), shared with the readers and the demo.

    public static func isValidKIDMod10(_ kid: String) -> Bool { KID.isValidMod10(kid) }

    public static func isValidKIDMod11(_ kid: String) -> Bool { KID.isValidMod11(kid) }

    public static func isValidRF(_ reference: String) -> Bool { RFReference.isValid(TextNormalisation.account(reference)) }
}
