/// Line and entry numbers as runs: "1–40, 42, 44–50". An audit row or a message about a posting of
/// 10⁵ lines stays short and still says exactly which numbers it means.
public enum NumberRanges {
    /// The numbers sorted and deduplicated, consecutive ones as "first–last". After `maxRuns` runs,
    /// "and N more" counts the numbers left out.
    public static func describe<N: BinaryInteger>(_ numbers: [N], maxRuns: Int = .max) -> String {
        let sorted = Array(Set(numbers)).sorted()
        guard !sorted.isEmpty else { return "none" }
        var runs: [String] = []
        var shown = 0
        var start = sorted[0], previous = sorted[0], count = 1
        func close() {
            runs.append(start == previous ? "\(start)" : "\(start)–\(previous)")
            shown += count
        }
        for n in sorted.dropFirst() {
            if n == previous + 1 { previous = n; count += 1; continue }
            close()
            if runs.count == maxRuns { return runs.joined(separator: ", ") + " and \(sorted.count - shown) more" }
            start = n; previous = n; count = 1
        }
        close()
        return runs.joined(separator: ", ")
    }
}
