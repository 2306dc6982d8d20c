import AvstemCore

/// How the grid orders the journal's lines.
public enum SortKey: String, Sendable, Equatable, CaseIterable {
    /// Statement order (line number).
    case statement
    case date
    case amount
    /// Lowest confidence first: what needs work comes to the top.
    case confidence
    /// "For review" order: low and medium first, then lines with a difference, then the rest.
    case review

    public var next: SortKey { let all = Self.allCases; return all[(all.firstIndex(of: self)! + 1) % all.count] }
}

/// Which lines the grid shows.
public enum LineFilter: Sendable, Equatable, Hashable {
    case all
    /// Applied amount differs from the line amount (Business Central's "Show Nonapplied Lines").
    case notApplied
    /// Low or medium confidence.
    case forReview
    /// Partly applied: something is applied, and a difference remains ("with differences" among
    /// lines that have a match; the footer's "with difference" counts every line not fully applied).
    case withDifference
    case confidence(MatchConfidence)

    /// The `f` key's round: all, not applied, for review, with differences, then each confidence from none up.
    public static let cycle: [LineFilter] = [.all, .notApplied, .forReview, .withDifference]
        + MatchConfidence.allCases.sorted().map { .confidence($0) }

    public var next: LineFilter { Self.cycle[((Self.cycle.firstIndex(of: self) ?? 0) + 1) % Self.cycle.count] }
    public var previous: LineFilter {
        Self.cycle[((Self.cycle.firstIndex(of: self) ?? 0) + Self.cycle.count - 1) % Self.cycle.count]
    }
}

/// Lower-cased search text of every line in one byte buffer, so a search over a hundred
/// thousand lines compares bytes instead of building strings.
public struct SearchIndex: Sendable, Equatable {
    private var bytes: [UInt8] = []
    /// Start of line i's text is `starts[i]`, its end `starts[i + 1]`.
    private var starts: [Int] = [0]
    /// Texts of lines replaced since the buffer was built (few: the lines edited in the app).
    private var replaced: [Int: [UInt8]] = [:]

    public init() {}

    public init(_ lines: [JournalLine], decimals: Int) {
        bytes.reserveCapacity(lines.count * 64)
        starts.reserveCapacity(lines.count + 1)
        for line in lines {
            bytes.append(contentsOf: Self.text(line, decimals: decimals))
            starts.append(bytes.count)
        }
    }

    static func text(_ line: JournalLine, decimals: Int) -> [UInt8] {
        var s = line.text
        for extra in [line.relatedPartyName, line.reference, line.additionalInfo] { if let e = extra, !e.isEmpty { s += "\u{1}" + e } }
        s += "\u{1}" + line.amount.formatted(decimals: decimals)
        return Array(s.lowercased().utf8)
    }

    public static func needle(_ query: String) -> [UInt8] { Array(query.lowercased().utf8) }

    mutating func update(_ index: Int, _ line: JournalLine, decimals: Int) {
        guard index + 1 < starts.count else { return }
        replaced[index] = Self.text(line, decimals: decimals)
    }

    /// The first of `rows` (row numbers in the order given) whose line contains `needle`.
    func first<S: Sequence<Int>>(_ needle: [UInt8], rows: S, lineIndex: (Int) -> Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        let n = needle.count
        return needle.withUnsafeBufferPointer { nd -> Int? in
            bytes.withUnsafeBufferPointer { buf -> Int? in
                func contains(_ hay: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
                    guard to - from >= n else { return false }
                    let first = nd[0]
                    var i = from
                    let last = to - n
                    while i <= last {
                        if hay[i] == first {
                            var k = 1
                            while k < n && hay[i + k] == nd[k] { k += 1 }
                            if k == n { return true }
                        }
                        i += 1
                    }
                    return false
                }
                for row in rows {
                    let li = lineIndex(row)
                    if let r = replaced[li] {
                        if r.withUnsafeBufferPointer({ contains($0, 0, $0.count) }) { return row }
                    } else if li + 1 < starts.count, contains(buf, starts[li], starts[li + 1]) {
                        return row
                    }
                }
                return nil
            }
        }
    }
}

/// Sort orders that never change while the journal is open (dates and amounts are the
/// bank's), computed once when it is read.
public struct StaticOrders: Sendable, Equatable {
    var date: [Int] = []
    var amount: [Int] = []

    init(_ lines: [JournalLine]) {
        let idx = Array(lines.indices)
        date = idx.sorted { lines[$0].transactionDate != lines[$1].transactionDate ? lines[$0].transactionDate < lines[$1].transactionDate : $0 < $1 }
        amount = idx.sorted { lines[$0].amount != lines[$1].amount ? lines[$0].amount < lines[$1].amount : $0 < $1 }
    }
    init() {}
}

extension SortKey {
    public var label: String {
        switch self {
        case .statement: return "statement order"
        case .date: return "date"
        case .amount: return "amount"
        case .confidence: return "confidence (lowest first)"
        case .review: return "for-review order"
        }
    }
}

extension LineFilter {
    public var label: String {
        switch self {
        case .all: return "all lines"
        case .notApplied: return "not fully applied"
        case .forReview: return "for review (low/medium)"
        case .withDifference: return "partly applied"
        case .confidence(let c): return "confidence \(c.label)"
        }
    }
}
