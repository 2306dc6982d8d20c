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

    static func isCreditorReference(_ b: ArraySlice<UInt8>) -> Bool {
        b.count >= 5 && b.count <= 25 && RFReference.isValid(String(decoding: b, as: UTF8.self))
    }

    static func isKID(_ s: String) -> Bool { isKID(Array(s.utf8)[...]) }

    /// 2–25 digits whose last digit is a MOD10 (Luhn) or MOD11 check digit (AvstemCore's `KID`).
    static func isKID(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 2, b.count <= 25, b.allSatisfy(isDigit) else { return false }
        return KID.validAlgorithm(String(decoding: b, as: UTF8.self)) != nil
    }
}
