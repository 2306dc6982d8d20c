import AvstemCore
import Foundation

/// What the line-oriented readers (MT940, Nets OCR, OFX, CSV) share: whole-file reads,
/// line splitting on bytes, and the balance check every statement gets.
enum ReaderSupport {
    /// Largest statement file a reader accepts; beyond that it is not a bank statement.
    static let maxFileSize = 2_000_000_000

    static func readBytes(_ url: URL) throws -> [UInt8] {
        let file = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else { throw UserError(file: file, "no such file") }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UserError(file: file, "cannot be read") }
        guard data.count <= maxFileSize else { throw UserError(file: file, "too large to be a statement file") }
        return [UInt8](data)
    }

    /// Line ranges without their CR/LF. A lone CR also ends a line (old Mac exports).
    static func lines(_ bytes: [UInt8], from start: Int = 0) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(bytes.count / 40 + 1)
        var lineStart = start
        var i = start
        let n = bytes.count
        bytes.withUnsafeBufferPointer { p in
            while i < n {
                let c = p[i]
                if c == 0x0A {
                    out.append(lineStart..<i); i += 1; lineStart = i
                } else if c == 0x0D {
                    out.append(lineStart..<i); i += 1
                    if i < n && p[i] == 0x0A { i += 1 }
                    lineStart = i
                } else {
                    i += 1
                }
            }
        }
        if lineStart < n { out.append(lineStart..<n) }
        return out
    }

    /// The warning a bookkeeper needs when a statement's own balances do not add up or
    /// cannot be checked; the entries are still imported.
    static func balanceWarning(_ s: BankStatement, label: String) -> String? {
        let d = Currency.decimals(s.currency ?? "")
        if let o = s.openingBalance, let c = s.closingBalance {
            guard o + s.entrySum != c else { return nil }
            return "\(label): balances do not chain: opening \(o.formatted(decimals: d)) + entries \(s.entrySum.formatted(decimals: d)) = \((o + s.entrySum).formatted(decimals: d)), but the closing balance is \(c.formatted(decimals: d))"
        }
        let missing = s.openingBalance == nil && s.closingBalance == nil ? "no opening or closing balance"
            : s.openingBalance == nil ? "no opening balance" : "no closing balance"
        return "\(label): \(missing); the balances cannot be checked"
    }

    static func balanceWarnings(_ statements: [BankStatement]) -> [String] {
        statements.enumerated().compactMap { i, s in
            balanceWarning(s, label: "statement " + (s.id ?? String(i + 1)))
        }
    }

    /// Whitespace runs folded to one space, ends trimmed; nil when nothing is left, because
    /// the JSON omits absent values rather than printing empty strings.
    static func clean(_ s: String) -> String? {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\u{A0}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out.isEmpty ? nil : out
    }

    /// Two-digit SWIFT/Nets years: 70–99 are 19xx, the rest 20xx.
    static func year(fromTwoDigits yy: Int) -> Int { yy >= 70 ? 1900 + yy : 2000 + yy }

    static func digits<C: Collection>(_ s: C) -> Int? where C.Element == UInt8 {
        guard !s.isEmpty else { return nil }
        var v = 0
        for c in s {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v &* 10 &+ Int(c - 0x30)
        }
        return v
    }
}
