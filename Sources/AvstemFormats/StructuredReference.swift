import AvstemCore

/// Payment references that sit inside free text: ISO 11649 creditor references (`RF18…`) and
/// Norwegian KIDs written as `KID 1234567`. Only check-digit-valid ones count, because a
/// wrong reference applies a payment to the wrong invoice with high confidence. Runs on every
/// statement line without one, so it works on bytes and builds a string only for a hit.
enum StructuredReference {
    static func find(in text: String) -> String? {
        var u = Array(text.utf8)
        for i in u.indices where u[i] >= 0x61 && u[i] <= 0x7A { u[i] -= 0x20 } // ASCII upper case
        var tokens: [Range<Int>] = []
        var i = 0
        while i < u.count {
            guard isDigit(u[i]) || isUpper(u[i]) else { i += 1; continue }
            var j = i
            while j < u.count, isDigit(u[j]) || isUpper(u[j]) { j += 1 }
            tokens.append(i..<j)
            i = j
        }
        for (k, t) in tokens.enumerated() {
            let tok = u[t]
            if tok.count >= 4, tok.first == 0x52, tok[t.lowerBound + 1] == 0x46 { // "RF"
                if isCreditorReference(tok) { return String(decoding: tok, as: UTF8.self) }
                // Printed in groups of four: `RF18 5390 0754 7034`.
                if tok.count == 4 {
                    var joined = Array(tok), best: [UInt8]?
                    for next in tokens[(k + 1)...].prefix(6) {
                        guard next.count <= 4, joined.count + next.count <= 25 else { break }
                        joined += u[next]
                        if isCreditorReference(joined[...]) { best = joined }
                    }
                    if let best { return String(decoding: best, as: UTF8.self) }
                }
            }
            if tok.elementsEqual("KID".utf8), k + 1 < tokens.count, isKID(u[tokens[k + 1]]) {
                return String(decoding: Array(text.utf8)[tokens[k + 1]], as: UTF8.self)
            }
        }
        return nil
    }

    static func isCreditorReference(_ s: String) -> Bool { isCreditorReference(Array(s.utf8)[...]) }

    /// `RF` + two check digits + up to 21 letters/digits, valid when mod 97 of the rearranged
    /// number is 1.
    static func isCreditorReference(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count >= 5, b.count <= 25, b[s] == 0x52, b[s + 1] == 0x46, isDigit(b[s + 2]), isDigit(b[s + 3]),
              b.allSatisfy({ isDigit($0) || isUpper($0) }) else { return false }
        var rem = 0
        for c in b[(s + 4)...] + b[s..<(s + 4)] {
            if isDigit(c) { rem = (rem * 10 + Int(c - 48)) % 97 } else { rem = (rem * 100 + Int(c - 55)) % 97 }
        }
        return rem == 1
    }

    static func isKID(_ s: String) -> Bool { isKID(Array(s.utf8)[...]) }

    /// 2–25 digits whose last digit is a MOD10 (Luhn) or MOD11 check digit.
    static func isKID(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 2, b.count <= 25, b.allSatisfy(isDigit) else { return false }
        let d = b.map { Int($0) - 48 }
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
