/// Business Central's string nearness (codeunit 1251 "Record Match Mgt.", CalculateStringNearness),
/// reproduced step for step so that a name BC accepts at ≥ 95 is accepted here too.
///
/// BC repeatedly takes the longest common substring (the first one found scanning the first string
/// from the left), removes its first occurrence from both strings and adds its length, until the longest
/// common substring is shorter than the threshold; the score is factor × matched ÷ length of the shorter
/// string, in integer division.
public enum StringNearness {
    /// BC's match length threshold for names.
    public static let threshold = 4
    /// Codeunit 1255 treats a text shorter than 65 % of the name as no match at all, so that a short
    /// fragment ("BAKERI") cannot score 100 against a long name merely by being contained in it.
    public static let minimumTextShare = 65

    /// Nearness of `text` to `name`, 0…100, as codeunit 1255 uses it for the related party.
    public static func score(_ name: String, _ text: String) -> Int {
        nameScore(Array(name.uppercased().unicodeScalars), Array(text.uppercased().unicodeScalars))
    }

    /// `score` on names already normalised to upper case, as the engine holds them.
    static func nameScore(_ name: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Int {
        if text.count * 100 < name.count * minimumTextShare { return 0 }
        return calculate(name, text, threshold: threshold, normalizingFactor: 100)
    }

    /// BC's CalculateStringNearness(FirstString, SecondString, Threshold, NormalizingFactor).
    public static func calculate(_ first: String, _ second: String, threshold: Int, normalizingFactor: Int) -> Int {
        calculate(Array(first.uppercased().unicodeScalars), Array(second.uppercased().unicodeScalars),
                  threshold: threshold, normalizingFactor: normalizingFactor)
    }

    static func calculate(_ firstIn: [Unicode.Scalar], _ secondIn: [Unicode.Scalar], threshold: Int, normalizingFactor: Int) -> Int {
        if firstIn.isEmpty || secondIn.isEmpty { return 0 }
        var first = firstIn, second = secondIn
        let minLength = max(1, min(first.count, second.count))
        var matched = 0
        while true {
            let (start, length) = longestCommonSubstring(first, second)
            if length < threshold || length == 0 { break }
            matched += length
            let piece = Array(first[start..<start + length])
            first.removeSubrange(start..<start + length)
            if let at = firstOccurrence(of: piece, in: second) { second.removeSubrange(at..<at + length) }
        }
        return normalizingFactor * matched / minLength
    }

    /// Start in `a` and length of the longest substring of `a` that occurs in `b`; among equally long
    /// ones the leftmost in `a`, as BC's scan (outer loop over start positions, strictly-longer wins) picks.
    static func longestCommonSubstring(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> (Int, Int) {
        guard !a.isEmpty, !b.isEmpty else { return (0, 0) }
        // prefix[j] = length of the common prefix of a[i...] and b[j...], computed for i from the end.
        var next = [Int](repeating: 0, count: b.count + 1)
        var row = [Int](repeating: 0, count: b.count + 1)
        var bestStart = 0, bestLength = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var longestHere = 0
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                let v = a[i] == b[j] ? next[j + 1] + 1 : 0
                row[j] = v
                if v > longestHere { longestHere = v }
            }
            if longestHere >= bestLength && longestHere > 0 { bestLength = longestHere; bestStart = i }
            swap(&row, &next)
        }
        return (bestStart, bestLength)
    }

    static func firstOccurrence(of piece: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Int? {
        guard piece.count <= text.count else { return nil }
        outer: for i in 0...(text.count - piece.count) {
            for k in 0..<piece.count where text[i + k] != piece[k] { continue outer }
            return i
        }
        return nil
    }
}
