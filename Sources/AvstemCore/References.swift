/// Check digits of structured payment references and account numbers. Computation lives here,
/// beside the values, so the matcher (which validates) and the demo generator (which issues
/// references) agree by construction.

public enum KID {
    /// Luhn (MOD10) check digit for a string of digits.
    public static func mod10CheckDigit(_ digits: String) -> Character? {
        var sum = 0
        var double = true // the rightmost payload digit is doubled
        for c in digits.reversed() {
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            var v = double ? d * 2 : d
            if v > 9 { v -= 9 }
            sum += v
            double.toggle()
        }
        return Character(String((10 - sum % 10) % 10))
    }

    /// MOD11 check digit, weights 2…7 repeating from the right; 11 → "0", 10 → "-".
    public static func mod11CheckDigit(_ digits: String) -> Character? {
        var sum = 0
        var weight = 2
        for c in digits.reversed() {
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            sum += d * weight
            weight = weight == 7 ? 2 : weight + 1
        }
        let r = 11 - sum % 11
        if r == 11 { return "0" }
        if r == 10 { return "-" }
        return Character(String(r))
    }

    public enum Algorithm: String, Sendable { case mod10, mod11 }

    /// 2–25 digits whose last digit is the MOD10 (Luhn) check digit of the rest.
    public static func isValidMod10(_ kid: String) -> Bool {
        guard kid.count >= 2, kid.count <= 25, let last = kid.last, last.isASCII, last.isNumber else { return false }
        return mod10CheckDigit(String(kid.dropLast())) == last
    }

    /// 2–25 characters: digits with a MOD11 check digit at the end ("-" where the rule gives 10).
    public static func isValidMod11(_ kid: String) -> Bool {
        guard kid.count >= 2, kid.count <= 25, let last = kid.last else { return false }
        return mod11CheckDigit(String(kid.dropLast())) == last
    }

    /// Which check digit a KID carries validly, if any (MOD10 first: it is the common one).
    public static func validAlgorithm(_ kid: String) -> Algorithm? {
        guard kid.count >= 2, kid.count <= 25 else { return nil }
        if isValidMod10(kid) { return .mod10 }
        if isValidMod11(kid) { return .mod11 }
        return nil
    }

    /// A KID for `payload` with a MOD10 check digit.
    public static func make(_ payload: String) -> String { payload + String(mod10CheckDigit(payload)!) }
}

/// ISO 11649 creditor reference: `RF` + two check digits + up to 21 alphanumerics, mod 97.
public enum RFReference {
    public static func isValid(_ text: String) -> Bool {
        let s = text.uppercased().filter { !$0.isWhitespace }
        let chars = Array(s)
        guard s.count >= 5, s.count <= 25, s.hasPrefix("RF"), chars[2].isASCII, chars[2].isNumber,
              chars[3].isASCII, chars[3].isNumber else { return false }
        let body = s.dropFirst(4) + s.prefix(4)
        return mod97(String(body)) == 1
    }

    /// `RF` + check digits + `reference`.
    public static func make(_ reference: String) -> String {
        let r = reference.uppercased()
        let check = 98 - (mod97(r + "RF00") ?? 0)
        return "RF" + (check < 10 ? "0" : "") + String(check) + r
    }

    /// The value mod 97 of an alphanumeric string with letters as 10…35, or nil for other characters.
    static func mod97(_ s: String) -> Int? {
        var r = 0
        for c in s {
            if let d = c.wholeNumberValue, c.isASCII {
                r = (r * 10 + d) % 97
            } else if let a = c.asciiValue, a >= 65, a <= 90 {
                r = (r * 100 + Int(a) - 55) % 97
            } else {
                return nil
            }
        }
        return r
    }
}

public enum IBAN {
    /// Letters and digits only, upper case: how bank accounts are compared.
    /// The one rule the books, the store and the matcher share, so an account written
    /// "NO93 8601.11.17947" in one place finds "no9386011117947" in another.
    public static func normalise(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A: out.append(b)
            case 0x61...0x7A: out.append(b - 0x20)
            default: continue
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func isValid(_ text: String) -> Bool {
        let s = normalise(text)
        guard s.count >= 15, s.count <= 34 else { return false }
        return RFReference.mod97(String(s.dropFirst(4) + s.prefix(4))) == 1
    }

    /// A Norwegian IBAN for an 11-digit domestic account number.
    public static func norwegian(account: String) -> String {
        let check = 98 - (RFReference.mod97(account + "NO00") ?? 0)
        return "NO" + (check < 10 ? "0" : "") + String(check) + account
    }
}

public enum NorwegianAccountNumber {
    /// An 11-digit account number is valid when its MOD11 check digit (weights 5,4,3,2,7,6,5,4,3,2) holds.
    public static func checkDigit(_ ten: String) -> Character? {
        let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        let digits = ten.compactMap { $0.wholeNumberValue }
        guard digits.count == 10 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let r = 11 - sum % 11
        if r == 11 { return "0" }
        if r == 10 { return nil }
        return Character(String(r))
    }

    public static func isValid(_ s: String) -> Bool {
        let n = IBAN.normalise(s)
        guard n.count == 11, n.allSatisfy(\.isNumber) else { return false }
        return checkDigit(String(n.prefix(10))) == n.last
    }
}
