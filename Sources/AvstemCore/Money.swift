/// An exact amount of money in integer minor units (øre, cents).
///
/// Amounts are never binary floating point: every sum in the books must come out to the
/// last øre. The number of decimals belongs to the currency (`Currency.decimals`), not to
/// the amount, so formatting and parsing take it as a parameter.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var minor: Int64

    public init(minor: Int64) { self.minor = minor }
    public static let zero = Money(minor: 0)

    public static func + (a: Money, b: Money) -> Money { Money(minor: a.minor + b.minor) }
    public static func - (a: Money, b: Money) -> Money { Money(minor: a.minor - b.minor) }
    public static prefix func - (a: Money) -> Money { Money(minor: -a.minor) }
    public static func += (a: inout Money, b: Money) { a.minor += b.minor }
    public static func -= (a: inout Money, b: Money) { a.minor -= b.minor }
    public static func < (a: Money, b: Money) -> Bool { a.minor < b.minor }

    public var isZero: Bool { minor == 0 }
    public var isNegative: Bool { minor < 0 }
    public var isPositive: Bool { minor > 0 }
    public var magnitude: Money { Money(minor: minor < 0 ? -minor : minor) }
    /// -1, 0 or 1.
    public var sign: Int { minor == 0 ? 0 : (minor < 0 ? -1 : 1) }

    /// `"1234.50"`, `"-25.00"`: the spec's amount format (section 1).
    public func formatted(decimals: Int = 2) -> String {
        let neg = minor < 0
        let abs = neg ? UInt64(bitPattern: 0 &- minor) : UInt64(minor)
        guard decimals > 0 else { return (neg ? "-" : "") + String(abs) }
        var p: UInt64 = 1
        for _ in 0..<decimals { p *= 10 }
        let units = abs / p, frac = abs % p
        var fracText = String(frac)
        if fracText.count < decimals { fracText = String(repeating: "0", count: decimals - fracText.count) + fracText }
        return (neg ? "-" : "") + String(units) + "." + fracText
    }

    public var description: String { formatted() }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case invalid(String)
        case tooManyDecimals(String, allowed: Int)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: return "empty amount"
            case .invalid(let s): return "'\(s)' is not an amount"
            case .tooManyDecimals(let s, let n): return "'\(s)' has more than \(n) decimals"
            case .outOfRange(let s): return "'\(s)' is too large"
            }
        }
    }

    /// How extra decimals beyond the currency's are treated.
    public enum ExtraDecimals: Sendable {
        /// Extra digits must be zeros (`18.150` is fine, `18.155` is an error). Books and statements.
        case requireZero
        /// Round half away from zero (exchange calculations).
        case round
    }

    /// Parses `1234.5`, `-25.00`, `+3`, `.5`. Only `.` as decimal point, no thousands separators:
    /// locale-specific formats are the CSV profile's business, not this function's.
    public static func parse(_ text: String, decimals: Int = 2, extra: ExtraDecimals = .requireZero) throws -> Money {
        var bytes = Array(text.utf8)
        // Trim ASCII white space.
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 || l == 0x0D || l == 0x0A { bytes.removeLast() }
        guard !bytes.isEmpty else { throw ParseError.empty }
        return try parse(utf8: bytes[...], decimals: decimals, extra: extra, original: text)
    }

    /// The allocation-free core used by the statement readers on hot paths.
    public static func parse(utf8 bytes: ArraySlice<UInt8>, decimals: Int, extra: ExtraDecimals = .requireZero, original: @autoclosure () -> String) throws -> Money {
        var i = bytes.startIndex
        var negative = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-"); i += 1
        }
        var units: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        var roundUp = false
        var extraNonZero = false
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                if sawPoint { throw ParseError.invalid(original()) }
                sawPoint = true
            } else if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                let d = Int64(c - 0x30)
                if !sawPoint {
                    let (m, o1) = units.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 || s > 900_000_000_000_000 { throw ParseError.outOfRange(original()) }
                    units = s
                } else if fractionDigits < decimals {
                    fraction = fraction * 10 + d
                    fractionDigits += 1
                } else {
                    if fractionDigits == decimals && !extraNonZero && !roundUp { roundUp = d >= 5 }
                    if d != 0 { extraNonZero = true }
                    fractionDigits += 1
                }
            } else {
                throw ParseError.invalid(original())
            }
            i += 1
        }
        guard sawDigit else { throw ParseError.invalid(original()) }
        if extraNonZero && extra == .requireZero { throw ParseError.tooManyDecimals(original(), allowed: decimals) }
        var scaled = min(fractionDigits, decimals)
        while scaled < decimals { fraction *= 10; scaled += 1 }
        var p: Int64 = 1
        for _ in 0..<decimals { p *= 10 }
        var minor = units * p + fraction
        if extra == .round && roundUp { minor += 1 }
        return Money(minor: negative ? -minor : minor)
    }

    /// `self` × `numerator` ÷ `denominator`, rounded half away from zero. For percent tolerances.
    public func scaled(by numerator: Int64, over denominator: Int64) -> Money {
        precondition(denominator != 0)
        let product = minor.multipliedFullWidth(by: numerator)
        let (q, r) = denominator.dividingFullWidth(product)
        var result = q
        if r != 0 && (r.magnitude * 2 >= denominator.magnitude) {
            result += ((minor < 0) != (numerator < 0)) != (denominator < 0) ? -1 : 1
        }
        return Money(minor: result)
    }
}

public enum Currency {
    /// ISO 4217 minor units for the currencies that are not two-decimal.
    public static func decimals(_ code: String) -> Int {
        switch code.uppercased() {
        case "JPY", "KRW", "ISK", "CLP", "VND", "XAF", "XOF", "UGX", "PYG", "RWF", "KMF", "GNF", "VUV", "XPF", "DJF", "BIF":
            return 0
        case "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD":
            return 3
        default:
            return 2
        }
    }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(Money.zero, +) }
}
