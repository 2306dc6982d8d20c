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
    /// Field lengths at which banks cut a payer's name (SEPA/camt 70, older formats 35).
    public static let cutLengths: Set<Int> = [35, 70]

    /// Nearness of `text` to `name`, 0…100, as codeunit 1255 uses it for the related party.
    public static func score(_ name: String, _ text: String) -> Int {
        nameScore(Array(name.uppercased().unicodeScalars), Array(text.uppercased().unicodeScalars))
    }

    /// `score` on names already normalised to upper case, as the engine holds them.
    /// `cutShort`: the bank cut the payer's name at its field length (35 or 70 characters), so a text that
    /// is the beginning of the name counts however short it is.
    static func nameScore(_ name: [Unicode.Scalar], _ text: [Unicode.Scalar], cutShort: Bool = false) -> Int {
        if text.count * 100 < name.count * minimumTextShare && !(cutShort && name.starts(with: text)) { return 0 }
        return calculate(name, text, threshold: threshold, normalizingFactor: 100)
    }

    /// BC's CalculateStringNearness(FirstString, SecondString, Threshold, NormalizingFactor).
    public static func calculate(_ first: String, _ second: String, threshold: Int, normalizingFactor: Int) -> Int {
        calculate(Array(first.uppercased().unicodeScalars), Array(second.uppercased().unicodeScalars),
                  threshold: threshold, normalizingFactor: normalizingFactor)
    }

    static func calculate(_ firstIn: [Unicode.Scalar], _ secondIn: [Unicode.Scalar], threshold: Int, normalizingFactor: Int) -> Int {
        if firstIn.isEmpty || secondIn.isEmpty { return 0 }
        // Plain integers and two row buffers reused by every round: this runs for every name compared.
        var first = firstIn.map(\.value), second = secondIn.map(\.value)
        let minLength = max(1, min(first.count, second.count))
        var rows = [Int32](repeating: 0, count: 2 * (second.count + 1))
        var matched = 0
        while true {
            let (start, length) = longestCommonSubstring(first, second, rows: &rows)
            if length < threshold || length == 0 { break }
            matched += length
            if let at = firstOccurrence(of: first[start..<start + length], in: second) { second.removeSubrange(at..<at + length) }
            first.removeSubrange(start..<start + length)
        }
        return normalizingFactor * matched / minLength
    }

    /// Start in `a` and length of the longest substring of `a` that occurs in `b`; among equally long
    /// ones the leftmost in `a`, as BC's scan (outer loop over start positions, strictly-longer wins) picks.
    static func longestCommonSubstring(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> (Int, Int) {
        var rows = [Int32](repeating: 0, count: 2 * (b.count + 1))
        return longestCommonSubstring(a.map(\.value), b.map(\.value), rows: &rows)
    }

    /// `rows` holds at least 2 × (b.count + 1) values; its contents on entry do not matter.
    static func longestCommonSubstring(_ a: [UInt32], _ b: [UInt32], rows: inout [Int32]) -> (Int, Int) {
        guard !a.isEmpty, !b.isEmpty else { return (0, 0) }
        let n = b.count
        var bestStart = 0, bestLength = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                rows.withUnsafeMutableBufferPointer { buffer in
                    // next[j] = common prefix length of a[i+1...] and b[j...]; row[j] the same for a[i...].
                    var next = buffer.baseAddress!, row = buffer.baseAddress! + (n + 1)
                    for j in 0...n { next[j] = 0 }
                    row[n] = 0
                    for i in stride(from: a.count - 1, through: 0, by: -1) {
                        var longestHere: Int32 = 0
                        let ai = a[i]
                        for j in stride(from: n - 1, through: 0, by: -1) {
                            let v: Int32 = ai == b[j] ? next[j + 1] + 1 : 0
                            row[j] = v
                            if v > longestHere { longestHere = v }
                        }
                        if Int(longestHere) >= bestLength && longestHere > 0 { bestLength = Int(longestHere); bestStart = i }
                        swap(&row, &next)
                    }
                }
            }
        }
        return (bestStart, bestLength)
    }

    static func firstOccurrence(of piece: ArraySlice<UInt32>, in text: [UInt32]) -> Int? {
        guard piece.count <= text.count else { return nil }
        outer: for i in 0...(text.count - piece.count) {
            for (k, v) in piece.enumerated() where text[i + k] != v { continue outer }
            return i
        }
        return nil
    }
}
