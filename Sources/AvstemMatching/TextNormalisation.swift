import AvstemCore
import Foundation

/// How names, accounts, references and texts are brought to one form before they are compared.
/// Every comparison in the engine goes through here, so a party's name in the books and a
/// payer's name in a bank file meet in the same spelling.
public enum TextNormalisation {
    /// Legal-form words that banks add, drop or abbreviate at will; they say nothing about who paid.
    public static let companySuffixes: Set<String> = ["AS", "ASA", "AB", "GMBH", "LTD", "LIMITED", "BV", "APS", "OY",
                                                      "ANS", "DA", "ENK", "NUF"]

    /// Upper case with accents folded: "Bjørnstad Ærø" → "BJORNSTAD AERO".
    public static func fold(_ text: String) -> String {
        // Bank files and books are mostly ASCII; the Unicode decomposition is only needed otherwise.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.uppercased() }
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.value {
            case 0x0300...0x036F: continue // combining accents left by the decomposition
            case 0x00D8, 0x00F8: out.append("O")
            case 0x00C6, 0x00E6: out.append("A"); out.append("E")
            case 0x0152, 0x0153: out.append("O"); out.append("E")
            case 0x00DF: out.append("S"); out.append("S")
            case 0x0110, 0x0111: out.append("D")
            case 0x0141, 0x0142: out.append("L")
            default: out.append(s)
            }
        }
        return String(out).uppercased()
    }

    /// A party or payer name for nearness: folded, punctuation as spaces, legal-form words removed.
    /// Only words spelt as a legal form before folding are removed: "Ås Bygg AS" keeps its "Ås" (which
    /// folds to "AS"), else it would shrink to "BYGG" and be contained in every builder's name.
    public static func name(_ text: String) -> String { latin1Name(text) ?? generalName(text) }

    /// `name` for any text, through Unicode folding (the Latin-1 path must agree with it).
    static func generalName(_ text: String) -> String {
        var tokens = words(fold(text))
        let raw = words(text.uppercased())
        var removable = tokens.indices.map { companySuffixes.contains(tokens[$0]) && (raw.count != tokens.count || raw[$0] == tokens[$0]) }
        // "A/S" splits into "A" and "S" at the slash.
        if tokens.count > 2 && tokens[tokens.count - 2] == "A" && tokens[tokens.count - 1] == "S" {
            tokens.removeLast(2); removable.removeLast(2)
        }
        // "AA" is the old spelling of Å, which folds to "A": "Aalesund" and "Ålesund" meet as "ALESUND".
        return tokens.indices.filter { !removable[$0] }
            .map { tokens[$0].contains("AA") ? tokens[$0].replacingOccurrences(of: "AA", with: "A") : tokens[$0] }
            .joined(separator: " ")
    }

    /// `name` for text within Latin-1 (nearly every name in a Norwegian bank file), on bytes: no Unicode
    /// decomposition, no String per word. The same result as the general path; nil sends other text there.
    static func latin1Name(_ text: String) -> String? { latin1Words(text, asName: true) }

    /// `name` (asName) or `place` on bytes for Latin-1 text; nil when the text has anything else.
    static func latin1Words(_ text: String, asName: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        // Word boundaries in `out`, and whether a word had a letter folded (then it is no legal form).
        var words: [(start: Int, end: Int, folded: Bool)] = []
        var start = -1, folded = false
        func endWord() {
            if start >= 0 { words.append((start, out.count, folded)); start = -1; folded = false }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard v <= 0xFF else { return nil }
            let b = UInt8(v)
            if b < 0x80 {
                if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) {
                    if start < 0 { start = out.count }
                    out.append(b)
                } else if (0x61...0x7A).contains(b) {
                    if start < 0 { start = out.count }
                    out.append(b - 0x20)
                } else {
                    endWord()
                }
                continue
            }
            guard b >= 0xC0 else { return nil } // ª, ², ½ …: the general path decides
            let folding = latin1Folding[Int(b - 0xC0)]
            if folding.isEmpty { if b == 0xD7 || b == 0xF7 { endWord(); continue } else { return nil } }
            if start < 0 { start = out.count }
            out.append(contentsOf: folding)
            folded = true
        }
        endWord()
        var count = words.count
        if !asName {
            var result: [UInt8] = []
            result.reserveCapacity(out.count)
            for w in words {
                if !result.isEmpty { result.append(0x20) }
                result.append(contentsOf: out[w.start..<w.end])
            }
            return String(decoding: result, as: UTF8.self)
        }
        // "A/S" splits into "A" and "S" at the slash.
        if count > 2 && out[words[count - 2].start..<words[count - 2].end].elementsEqual([0x41])
            && out[words[count - 1].start..<words[count - 1].end].elementsEqual([0x53]) {
            count -= 2
        }
        var result: [UInt8] = []
        result.reserveCapacity(out.count)
        for w in words.prefix(count) {
            let word = out[w.start..<w.end]
            if !w.folded && latin1Suffixes.contains(where: { $0.elementsEqual(word) }) { continue }
            if !result.isEmpty { result.append(0x20) }
            // "AA" is the old spelling of Å: "AAL" → "AL", as the general path does.
            var k = w.start
            while k < w.end {
                result.append(out[k])
                k += (out[k] == 0x41 && k + 1 < w.end && out[k + 1] == 0x41) ? 2 : 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let latin1Suffixes: [[UInt8]] = companySuffixes.map { Array($0.utf8) }

    /// Upper-case ASCII for À…ÿ as `fold` gives it; empty where `fold` keeps the letter (Ð, Þ, ð, þ) or
    /// it is no letter (×, ÷).
    private static let latin1Folding: [[UInt8]] = {
        let table = "A A A A A A AE C E E E E I I I I - N O O O O O - O U U U U Y - SS A A A A A A AE C E E E E I I I I - N O O O O O - O U U U U Y - Y"
        return table.split(separator: " ").map { $0 == "-" ? [] : Array($0.utf8) }
    }()

    /// Letters and digits only, upper case: how bank accounts are compared ("NO93 8601.11.17947" → "NO9386011117947").
    public static func account(_ text: String) -> String { IBAN.normalise(text) }

    /// A payment reference as compared with the books: letters and digits, upper case, leading zeros dropped
    /// (banks and invoicing systems pad KIDs differently).
    public static func reference(_ text: String) -> String {
        let compact = account(text)
        let trimmed = compact.drop { $0 == "0" }
        return trimmed.isEmpty ? (compact.isEmpty ? "" : "0") : String(trimmed)
    }

    /// Address and city compare equal when they agree after folding and ignoring punctuation.
    public static func place(_ text: String?) -> String {
        guard let text else { return "" }
        return latin1Words(text, asName: false) ?? generalPlace(text)
    }

    static func generalPlace(_ text: String) -> String {
        words(fold(text)).joined(separator: " ")
    }

    /// Upper case without allocating when the text already is (document numbers usually are).
    static func upper(_ text: String) -> String {
        text.utf8.contains(where: { $0 >= 0x61 }) ? text.uppercased() : text
    }

    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isAlphanumeric(s) {
                current.append(s)
            } else if !current.isEmpty {
                result.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// Every substring of `text` (already upper case) that starts and ends at a letter or digit, has a
    /// non-alphanumeric character or the string's edge on both sides, and is between `minLength` and
    /// `maxLength` long. These are exactly the places where Business Central's token test can find a
    /// document number, so looking each one up in a hash map replaces scanning every entry.
    static func tokenSpans(_ text: String, minLength: Int, maxLength: Int) -> Set<String> {
        let scalars = Array(text.unicodeScalars)
        var runs: [(Int, Int)] = []
        var i = 0
        while i < scalars.count {
            if isAlphanumeric(scalars[i]) {
                var j = i
                while j < scalars.count && isAlphanumeric(scalars[j]) { j += 1 }
                runs.append((i, j)); i = j
            } else {
                i += 1
            }
        }
        var spans = Set<String>()
        for a in runs.indices {
            for b in a..<runs.count {
                let length = runs[b].1 - runs[a].0
                if length > maxLength { break }
                if length >= minLength {
                    var v = String.UnicodeScalarView()
                    v.append(contentsOf: scalars[runs[a].0..<runs[b].1])
                    spans.insert(String(v))
                }
            }
        }
        return spans
    }
}
