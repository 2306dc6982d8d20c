import AvstemCore

/// The dialects of MT940 field 86, on bytes: German structured `?NN` subfields (GVC),
/// SEPA/Dutch slash tags (`/EREF/…/REMI/…`), and free text.
enum MT86 {
    typealias Decode = FieldDecoder

    /// `166?20…`, ` 020?00…` or `?20…`.
    static func isGVC(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, b[i] == 0x20 { i += 1 }
        if i + 3 < b.count, isDigit(b[i]), isDigit(b[i + 1]), isDigit(b[i + 2]), b[i + 3] == 0x3F { return true }
        return i + 2 < b.count && b[i] == 0x3F && isDigit(b[i + 1]) && isDigit(b[i + 2])
    }

    static func applyGVC(_ b: [UInt8], to e: inout StatementEntry, decode: Decode) {
        var purpose: [UInt8] = [], name: [UInt8] = []
        purpose.reserveCapacity(b.count)
        var account: Range<Int>?, iban: Range<Int>?, posting: Range<Int>?
        // One pass: each subfield is handled when the next `?NN` (or the end) closes it.
        func take(_ code: Int, _ r: Range<Int>) {
            switch code {
            case 0: posting = r
            case 20...29, 60...63: purpose.append(contentsOf: b[r])
            case 31: account = r
            case 32, 33: name.append(contentsOf: b[r])
            case 38: iban = r
            default: break
            }
        }
        var i = 0
        var start = -1, code = -1
        let n = b.count
        while i < n {
            if b[i] == 0x3F, i + 2 < n, isDigit(b[i + 1]), isDigit(b[i + 2]) {
                if code >= 0 { take(code, start..<i) }
                code = Int(b[i + 1] - 48) * 10 + Int(b[i + 2] - 48)
                start = i + 3; i += 3
            } else {
                i += 1
            }
        }
        if code >= 0 { take(code, start..<n) }
        e.relatedPartyName = clean(name[...], decode: decode)
        if let a = compact(account.map { b[$0] }) ?? compact(iban.map { b[$0] }) { e.relatedPartyAccount = decode(a[...]) }
        if let p = posting { e.additionalInfo = clean(b[p], decode: decode) }
        applySepaKeywords(purpose, to: &e, decode: decode)
    }

    static let sepaKeywords = ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "COAM+", "OAMT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+", "BIC+"].map { Array($0.utf8) }

    /// German SEPA purposes are `EREF+…MREF+…SVWZ+text`; the text a bookkeeper reads is SVWZ.
    static func applySepaKeywords(_ purpose: [UInt8], to e: inout StatementEntry, decode: Decode) {
        let trimmedPurpose = trimmedSlice(purpose[...])
        guard sepaKeywords.contains(where: { trimmedPurpose.starts(with: $0) }) else {
            e.text = clean(purpose[...], decode: decode)
            return
        }
        // Keywords end in '+': look back from each '+' instead of trying every keyword at every byte.
        var found: [(kw: [UInt8], at: Int)] = []
        var i = trimmedPurpose.startIndex
        while i < trimmedPurpose.endIndex {
            if purpose[i] == 0x2B {
                for kw in sepaKeywords {
                    let start = i + 1 - kw.count
                    if start >= trimmedPurpose.startIndex, purpose[start...i].elementsEqual(kw) {
                        if let last = found.last, last.at + last.kw.count > start { break }
                        found.append((kw, start)); break
                    }
                }
            }
            i += 1
        }
        for (k, f) in found.enumerated() {
            let end = k + 1 < found.count ? found[k + 1].at : trimmedPurpose.endIndex
            let v = purpose[(f.at + f.kw.count)..<end]
            switch f.kw {
            case sepaKeywords[7]: e.text = clean(v, decode: decode) // SVWZ+
            case sepaKeywords[0]: if !isNonref(trimmedSlice(v)) { e.endToEndId = clean(v, decode: decode) } // EREF+
            case sepaKeywords[10]: if e.relatedPartyAccount == nil, let a = compact(v) { e.relatedPartyAccount = decode(a[...]) } // IBAN+
            case sepaKeywords[8]: if e.relatedPartyName == nil { e.relatedPartyName = clean(v, decode: decode) } // ABWA+
            default: break
            }
        }
        if e.text == nil { e.text = clean(purpose[...], decode: decode) }
    }

    static let slashTags: Set<String> = ["EREF", "KREF", "MARF", "CSID", "CNTP", "REMI", "PURP", "ULTC", "ULTD", "ULTB",
                                         "BENM", "ORDP", "NAME", "ADDR", "IBAN", "BIC", "ISDT", "TRTP", "PREF", "RTRN",
                                         "SVCL", "CDTRREFTP", "CDTRREF", "ADDI", "ATOS", "ATOM", "ACCW", "CHGS", "EXCH",
                                         "OCMT", "BUSP", "SUM", "PAYMREF", "TRCD", "ORDN", "BENN", "RTYP", "FEES"]

    /// `/TAG/` at `i` when TAG is one the Dutch/SEPA dialect uses; returns the tag.
    static func slashTag(_ b: [UInt8], at i: Int) -> String? {
        guard i < b.count, b[i] == 0x2F else { return nil }
        var j = i + 1
        while j < b.count, j - i <= 10, isUpper(b[j]) { j += 1 }
        guard j < b.count, b[j] == 0x2F, j - i >= 3 else { return nil }
        let tag = String(decoding: b[(i + 1)..<j], as: UTF8.self)
        return slashTags.contains(tag) ? tag : nil
    }

    static func isSlash(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, b[i] == 0x20 { i += 1 }
        return slashTag(b, at: i) != nil
    }

    static func applySlash(_ b: [UInt8], to e: inout StatementEntry, decode: Decode) {
        var tags: [(tag: String, start: Int, valueStart: Int)] = []
        var i = 0
        while i < b.count {
            if let t = slashTag(b, at: i) {
                tags.append((t, i, i + t.utf8.count + 2))
                i += t.utf8.count + 1 // the closing slash may open the next tag (`/BENM//NAME/`)
            } else { i += 1 }
        }
        for (k, t) in tags.enumerated() {
            let end = k + 1 < tags.count ? tags[k + 1].start : b.count
            var v = t.valueStart < end ? b[t.valueStart..<end] : b[end..<end]
            v = trimmedSlice(v)
            if v.last == 0x2F { v = v.dropLast() }
            switch t.tag {
            case "EREF":
                if !v.isEmpty, !isNonref(v) { e.endToEndId = clean(v, decode: decode) }
            case "NAME":
                if e.relatedPartyName == nil { e.relatedPartyName = clean(v, decode: decode) }
            case "IBAN":
                if let a = compact(v) { e.relatedPartyAccount = decode(a[...]) }
            case "CNTP":
                // account / BIC / name / city
                let parts = v.split(separator: 0x2F, maxSplits: 3, omittingEmptySubsequences: false)
                if let a = parts.first.flatMap({ compact($0) }), e.relatedPartyAccount == nil { e.relatedPartyAccount = decode(a[...]) }
                if parts.count > 2, let n = clean(parts[2], decode: decode) { e.relatedPartyName = n }
                if parts.count > 3, let c = clean(parts[3].filter { $0 != 0x2F }[...], decode: decode) { e.relatedPartyCity = c }
            case "REMI":
                applyRemittance(v, to: &e, decode: decode)
            default:
                break
            }
        }
    }

    /// `USTD//text`, `STRD/CUR/ref` (a creditor reference), or plain text.
    static func applyRemittance(_ v: ArraySlice<UInt8>, to e: inout StatementEntry, decode: Decode) {
        if v.starts(with: "USTD/".utf8) {
            var t = v.dropFirst(5)
            while t.first == 0x2F { t = t.dropFirst() }
            e.text = clean(t, decode: decode)
        } else if v.starts(with: "STRD/".utf8) {
            let parts = v.split(separator: 0x2F, omittingEmptySubsequences: true)
            if let ref = parts.last, parts.count >= 2 { e.reference = clean(ref, decode: decode) }
        } else {
            e.text = clean(v, decode: decode)
        }
    }

    /// Whitespace folded; nil when empty.
    static func clean(_ b: ArraySlice<UInt8>, decode: Decode) -> String? {
        // Most values are already clean: decode them without building a copy.
        var tidy = true
        var previousSpace = true
        for c in b {
            let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
            if space && (previousSpace || c != 0x20) { tidy = false; break }
            previousSpace = space
        }
        if tidy && !previousSpace { return decode(b) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var space = false
        for c in b {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20); space = false }
                out.append(c)
            }
        }
        return out.isEmpty ? nil : decode(out[...])
    }

    /// An account with its white space removed; nil when empty.
    static func compact(_ b: ArraySlice<UInt8>?) -> [UInt8]? {
        guard let b else { return nil }
        let out = b.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return out.isEmpty ? nil : out
    }
}

/// Decodes field bytes in the file's encoding; a value type, so passing it around copies
/// nothing but the encoding (a closure over the parser would copy the parser's arrays).
struct FieldDecoder {
    let encoding: TextEncoding
    func callAsFunction(_ b: ArraySlice<UInt8>) -> String { TextDecoding.decode(b, as: encoding) }
}
