import AvstemCore
import Foundation

// Evidence that is near, not equal: a structured reference one digit off an entry's, an invoice number
// inside a longer digit string, a payer name with the party's words in another order, and text mappings
// written as regular expressions. Each can bring a candidate up for review; none makes a match High.

/// How a reference differs from an entry's payment reference by one typing slip.
struct ReferenceSlip: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case substituted, swapped }
    var kind: Kind
    /// 1-based position in the line's compact reference (leading zeros counted).
    var position: Int
    /// The entry's reference, compact, as the line would have had to read.
    var expected: String

    /// "digit 7 is 3 where invoice 103245's reference 0001032459 has 8".
    func words(line compact: String) -> String {
        let chars = Array(compact), want = Array(expected)
        switch kind {
        case .substituted:
            let theirs = position - 1 - (chars.count - want.count)
            let has = theirs >= 0 && theirs < want.count ? String(want[theirs]) : "?"
            return "digit \(position) is \(chars[position - 1]) where it has \(has)"
        case .swapped:
            return "digits \(position) and \(position + 1) (\(chars[position - 1])\(chars[position])) are swapped"
        }
    }
}

/// An open entry's document no. found inside a longer digit string of the line.
struct EmbeddedDocument: Hashable, Sendable {
    /// The digit string as it stands in the text or reference ("0001032459").
    var container: String
}

enum NearEvidence {
    /// References shorter than this (without leading zeros) are not searched for one-digit slips: a short
    /// number is one digit off too many others.
    static let minimumSlipLength = 5
    /// Embedded document numbers: at least this many digits, inside a digit string that is longer by
    /// leading zeros and at most `maximumTrail` trailing digits (a check digit, a sequence number).
    static let minimumEmbeddedLength = 4
    static let maximumTrail = 2

    /// Entries whose payment reference differs from `key` (TextNormalisation.reference form) by one
    /// substituted digit or two adjacent digits swapped. The variants are looked up in the reference
    /// index: 10 × length look-ups, independent of the size of the books.
    static func slips(_ key: String, compact: String, index: MatchIndex) -> [(Int32, ReferenceSlip)] {
        let chars = Array(key.utf8)
        guard chars.count >= minimumSlipLength, chars.count <= 25 else { return [] }
        let zeros = compact.utf8.count - chars.count
        var out: [(Int32, ReferenceSlip)] = []
        func probe(_ variant: [UInt8], _ kind: ReferenceSlip.Kind, _ at: Int) {
            // A variant starting with 0 is not in reference form (leading zeros dropped), so cannot be found.
            guard variant.first != 0x30 else { return }
            let v = String(decoding: variant, as: UTF8.self)
            let hits = index.referenceIndex[v]
            guard !hits.isEmpty else { return }
            let expected = String(repeating: "0", count: max(0, compact.utf8.count - variant.count)) + v
            for e in hits { out.append((e, ReferenceSlip(kind: kind, position: zeros + at + 1, expected: expected))) }
        }
        var work = chars
        for i in chars.indices where (0x30...0x39).contains(chars[i]) {
            for d in UInt8(0x30)...UInt8(0x39) where d != chars[i] {
                work[i] = d
                probe(work, .substituted, i)
            }
            work[i] = chars[i]
        }
        for i in 0..<(chars.count - 1) where chars[i] != chars[i + 1]
            && (0x30...0x39).contains(chars[i]) && (0x30...0x39).contains(chars[i + 1]) {
            work.swapAt(i, i + 1)
            probe(work, .swapped, i)
            work.swapAt(i, i + 1)
        }
        // An entry one slip away in two ways (rare) is reported once, by its first slip.
        var seen = Set<Int32>()
        return out.sorted { ($0.0, $0.1.position) < ($1.0, $1.1.position) }.filter { seen.insert($0.0).inserted }
    }

    /// Digit strings of the line (tokens of the text and additional info, and the reference) long enough
    /// to hold a document no. with something around it.
    static func digitStrings(_ searchText: String, reference: String) -> [String] {
        var out = Set<String>()
        for w in searchText.split(whereSeparator: { !($0.isASCII && $0.isNumber) }) where w.count > minimumEmbeddedLength {
            out.insert(String(w))
        }
        let ref = TextNormalisation.account(reference)
        if ref.count > minimumEmbeddedLength && ref.allSatisfy({ $0.isASCII && $0.isNumber }) { out.insert(ref) }
        return out.sorted()
    }

    /// Entries whose document no. (all digits) sits inside one of `strings` by the position rule: right
    /// after the string's leading zeros (at least one), followed by at most `maximumTrail` digits, and not the whole string
    /// (that is the exact token test's). The caller still requires the amount to fit.
    static func embedded(_ strings: [String], index: MatchIndex) -> [(Int32, EmbeddedDocument)] {
        var out: [(Int32, EmbeddedDocument)] = []
        // Only zero-padded strings: that is how invoicing systems build a KID from an invoice no. ("000" +
        // "103245" + check digit); an unpadded long number is more likely an account or order no.
        for s in strings where s.hasPrefix("0") {
            let body = s.drop { $0 == "0" }
            for trail in 0...maximumTrail {
                let length = body.count - trail
                guard length >= minimumEmbeddedLength else { break }
                let doc = String(body.prefix(length))
                if doc == s { continue }
                for e in index.documentIndex[doc] { out.append((e, EmbeddedDocument(container: s))) }
            }
        }
        var seen = Set<Int32>()
        return out.sorted { $0.0 < $1.0 }.filter { seen.insert($0.0).inserted }
    }

    /// A name's words as a set, in a fixed order: "OLA HANSEN" and "HANSEN OLA" both give "HANSEN OLA".
    /// Empty for a name of fewer than two words (there is no order to differ in).
    static func wordSetKey(_ normalisedName: String) -> String {
        let words = normalisedName.split(separator: " ")
        guard words.count >= 2 else { return "" }
        return words.sorted().joined(separator: " ")
    }
}

/// Parties by the set of their name's words (normalised), for the word-order path of the related party.
struct WordOrderIndex: Sendable {
    let byKey: [String: [Int32]]
    let keys: [String]

    init(_ names: [[Unicode.Scalar]]) {
        var byKey: [String: [Int32]] = [:], keys: [String] = []
        keys.reserveCapacity(names.count)
        for (i, n) in names.enumerated() {
            let key = NearEvidence.wordSetKey(String(String.UnicodeScalarView(n)))
            keys.append(key)
            if !key.isEmpty { byKey[key, default: []].append(Int32(i)) }
        }
        self.byKey = byKey; self.keys = keys
    }

    func parties(_ key: String) -> [Int32] { key.isEmpty ? [] : byKey[key] ?? [] }
}

/// Text-to-account mappings: Business Central's substring test, and as an extension a regular expression
/// when the mapping text starts with `re:` ("re:^VISA .*GEBYR"), matched case-insensitively against the
/// line's text. Mappings are tried in MatchIndex's order, longest mapping text first (the most specific,
/// as BC), whatever their kind: "re:^VISA .*GEBYR" comes before "GEBYR". A pattern that does not compile
/// is refused on import; one that slipped in matches nothing.
struct MappingMatcher: Sendable {
    /// Per mapping (in MatchIndex.mappings order): the compiled pattern, nil for a substring mapping.
    private let patterns: [Pattern?]
    private let isPattern: [Bool]
    private let texts: [String]

    final class Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable and documented thread-safe for matching.
        let regex: NSRegularExpression
        init(_ regex: NSRegularExpression) { self.regex = regex }
    }

    init(_ texts: [String]) {
        isPattern = texts.map { TextMapping.patternSource($0) != nil }
        patterns = texts.map { t in TextMapping.patternSource(t).flatMap { try? TextMapping.compilePattern($0) }.map(Pattern.init) }
        self.texts = texts.map { $0.uppercased() }
    }

    /// The first mapping that fits: a substring of `upperText`, or a pattern found in `text`.
    func first(text: String, upperText: String) -> Int? {
        var range: NSRange?
        for i in texts.indices {
            if !isPattern[i] {
                if upperText.contains(texts[i]) { return i }
                continue
            }
            guard let p = patterns[i] else { continue }
            if range == nil { range = NSRange(text.startIndex..., in: text) }
            if p.regex.firstMatch(in: text, range: range!) != nil { return i }
        }
        return nil
    }
}
