import AvstemCore

/// The language the journal app speaks: English or Norwegian bokmål.
public enum Language: String, CaseIterable, Sendable {
    case en, nb

    /// `nb`, `no`, `nn` and locale names built on them (`nb_NO.UTF-8`) are Norwegian (nynorsk
    /// readers get bokmål, the closer of the two); `en…`, `C`, `POSIX` are English. Anything
    /// else is nil.
    public init?(code: String) {
        let base = code.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." || $0 == "@" }).first.map { $0.lowercased() } ?? ""
        switch base {
        case "nb", "no", "nn", "norsk", "bokmål", "bokmal": self = .nb
        case "en", "c", "posix", "english": self = .en
        default: return nil
        }
    }

    /// From the locale variables in their POSIX order of precedence: the first one set decides
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`); a language the app does not speak is English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(code: value) ?? .en
        }
        return .en
    }
}

/// Every string the journal app shows, in its languages, and the number and date formats that
/// go with them. The key of a string is its English text; `%@` marks where an argument goes.
/// Text the matching engine words (its evidence) is shown as the engine wrote it.
public struct Catalogue: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// The string for `key` in this language, with `args` put in place of the `%@` marks in
    /// order. A key without a translation shows in English (a test checks there are none).
    public func callAsFunction(_ key: String, _ args: CustomStringConvertible...) -> String {
        let text = language == .en ? key : (Catalogue.nb[key] ?? key)
        guard !args.isEmpty else { return text }
        var out = ""
        var rest = args[...]
        var remaining = Substring(text)
        while let r = remaining.range(of: "%@") {
            out += remaining[..<r.lowerBound]
            out += rest.popFirst()?.description ?? ""
            remaining = remaining[r.upperBound...]
        }
        return out + remaining
    }

    /// "line"/"lines" and the like: English adds an s, Norwegian has its own forms.
    public func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) " + self(n == 1 ? one : many)
    }

    /// Whether a translation exists (for the test that no UI string is left in English).
    public static func hasTranslation(_ key: String) -> Bool { nb[key] != nil }

    // MARK: numbers and dates

    /// Norwegian groups thousands with a no-break space (U+00A0): one column wide in every
    /// terminal, so amounts stay aligned in a right-aligned column, and never split.
    public static let groupSeparator: Character = "\u{00A0}"

    /// en: `1234.56`, `-320.50` as everywhere else in avstem; nb: `1 234,56`, `-320,50`.
    public func amount(_ m: Money, _ decimals: Int) -> String {
        let plain = m.formatted(decimals: decimals)
        guard language == .nb else { return plain }
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : plain[...]
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let units = Array(parts[0])
        var grouped = ""
        for (i, c) in units.enumerated() {
            if i > 0, (units.count - i) % 3 == 0 { grouped.append(Catalogue.groupSeparator) }
            grouped.append(c)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    /// An amount for a column `width` wide: a long Norwegian amount drops its thousands
    /// spaces before it would lose digits to the ellipsis.
    public func amount(_ m: Money, _ decimals: Int, width: Int) -> String {
        let s = amount(m, decimals)
        guard language == .nb, s.count > width else { return s }
        return s.filter { $0 != Catalogue.groupSeparator }
    }

    /// en: ISO `2026-11-25`; nb: `25.11.2026`.
    public func date(_ d: LocalDate) -> String {
        guard language == .nb else { return d.iso }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(two(d.day)).\(two(d.month)).\(d.year)"
    }

    /// An amount as typed in this language. Both accept `1234.56` and `1234,56`; Norwegian
    /// also takes spaces (plain, no-break, narrow no-break) between the thousands: `1 234,56`.
    public func parseAmount(_ text: String, decimals: Int) throws -> Money {
        var t = text
        if language == .nb {
            t.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        }
        return try Money.parse(t.replacingOccurrences(of: ",", with: "."), decimals: decimals)
    }

    /// A search as the index holds amounts (`1234.56`): in Norwegian a query that is only an
    /// amount (`1 234,56`, `1234,5`) loses its spaces and takes a decimal point; other text is
    /// searched as typed.
    public func searchable(_ query: String) -> String {
        guard language == .nb, query.contains(where: \.isNumber),
              query.allSatisfy({ $0.isNumber || $0 == "," || $0 == "-" || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }) else { return query }
        return String(query.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }.map { $0 == "," ? "." : $0 })
    }

    /// Characters an amount field takes beside digits.
    public func isAmountCharacter(_ c: Character) -> Bool {
        c.isNumber || c == "." || c == "," || c == "-" || (language == .nb && c == " ")
    }
}

extension LineFilter {
    /// The filter in words, in the catalogue's language.
    public func label(_ t: Catalogue) -> String {
        if case .confidence(let c) = self { return t("confidence %@", t(c.label)) }
        return t(label)
    }
}
