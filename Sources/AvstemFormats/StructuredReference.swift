import AvstemCore

/// Payment references that sit inside free text: ISO 11649 creditor references (`RF18…`) and
/// Norwegian KIDs written as `KID 1234567`. Only check-digit-valid ones count, because a
/// wrong reference applies a payment to the wrong invoice with high confidence.
enum StructuredReference {
    static func find(in text: String) -> String? {
        let tokens = text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        for (i, t) in tokens.enumerated() {
            let u = t.uppercased()
            if u.hasPrefix("RF"), isCreditorReference(u) { return u }
            // Printed in groups of four: `RF18 5390 0754 7034`.
            if u.count == 4, u.hasPrefix("RF") {
                var joined = u, best: String?
                for next in tokens[(i + 1)...].prefix(6) {
                    guard next.count <= 4, joined.count + next.count <= 25 else { break }
                    joined += next.uppercased()
                    if isCreditorReference(joined) { best = joined }
                }
                if let best { return best }
            }
            if u == "KID", i + 1 < tokens.count, isKID(tokens[i + 1]) { return tokens[i + 1] }
        }
        return nil
    }

    /// `RF` + two check digits + up to 21 letters/digits, valid when mod 97 of the rearranged
    /// number is 1.
    static func isCreditorReference(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 5, b.count <= 25, isDigit(b[2]), isDigit(b[3]),
              b.allSatisfy({ isDigit($0) || isUpper($0) }) else { return false }
        var rem = 0
        for c in b[4...] + b[0..<4] {
            if isDigit(c) { rem = (rem * 10 + Int(c - 48)) % 97 } else { rem = (rem * 100 + Int(c - 55)) % 97 }
        }
        return rem == 1
    }

    /// 2–25 digits whose last digit is a MOD10 (Luhn) or MOD11 check digit.
    static func isKID(_ s: String) -> Bool {
        let d = s.utf8.map { Int($0) - 48 }
        guard d.count >= 2, d.count <= 25, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        let body = d.dropLast(), check = d.last!
        var sum = 0
        for (k, x) in body.reversed().enumerated() {
            let v = k % 2 == 0 ? x * 2 : x
            sum += v > 9 ? v - 9 : v
        }
        if (10 - sum % 10) % 10 == check { return true }
        var s11 = 0
        for (k, x) in body.reversed().enumerated() { s11 += x * (2 + k % 6) }
        let r = 11 - s11 % 11
        return r == 11 ? check == 0 : r != 10 && r == check
    }
}
