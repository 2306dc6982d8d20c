import AvstemCore
import Foundation

/// What a piece of the screen means. Widgets ask for roles; a theme decides how they look.
/// Names are hierarchical: a theme that does not style `confidence.high` falls back to
/// `confidence`, then to `default`.
public struct Role: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }

    /// `confidence.high` → `confidence` → `default`.
    public var parent: Role? {
        if name == "default" { return nil }
        if let dot = name.lastIndex(of: ".") { return Role(String(name[..<dot])) }
        return Role("default")
    }

    public static let normal: Role = "default"
    public static let header: Role = "header"
    public static let headerLabel: Role = "header.label"
    public static let columnHeader: Role = "header.columns"
    public static let footer: Role = "footer"
    public static let footerLabel: Role = "footer.label"
    public static let status: Role = "status"
    public static let statusError: Role = "status.error"
    public static let statusKey: Role = "status.key"
    public static let detailLabel: Role = "detail.label"
    public static let detail: Role = "detail"
    public static let dialog: Role = "dialog"
    public static let dialogBorder: Role = "dialog.border"
    public static let dialogTitle: Role = "dialog.title"
    public static let dialogSelected: Role = "dialog.selected"
    public static let helpKey: Role = "help.key"
    public static let help: Role = "help"
    public static let amountPositive: Role = "amount.positive"
    public static let amountNegative: Role = "amount.negative"
    public static let differenceNonZero: Role = "amount.difference"
    public static let ok: Role = "check.ok"
    public static let problem: Role = "check.problem"
    public static let rowSelected: Role = "row.selected"
    public static let rowMarked: Role = "row.marked"

    /// `high_text_mapping` is `confidence.high.mapping`, so a theme may leave it as plain high.
    public static func confidence(_ c: MatchConfidence) -> Role {
        Role(c == .highTextMapping ? "confidence.high.mapping" : "confidence." + c.rawValue)
    }
    public static func amount(_ minor: Int64) -> Role { minor < 0 ? .amountNegative : .amountPositive }
}

public enum Color: Hashable, Sendable {
    case `default`
    /// 0–7 are the ANSI colours, 8–15 their bright forms, up to 255 on 256-colour terminals.
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    init?(name: String) {
        let n = name.lowercased()
        if n == "default" || n == "-" { self = .default; return }
        if let i = Color.names.firstIndex(of: n) { self = .index(i); return }
        if n.hasPrefix("bright-"), let i = Color.names.firstIndex(of: String(n.dropFirst(7))) { self = .index(i + 8); return }
        if n.hasPrefix("color"), let i = Int(n.dropFirst(5)), (0...255).contains(i) { self = .index(i); return }
        return nil
    }
}

public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let reverse = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)

    static let byName: [String: Attributes] = ["bold": .bold, "reverse": .reverse, "underline": .underline, "dim": .dim]
}

public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    /// The selection/mark style laid over a cell: its background and attributes win, the
    /// cell keeps its own foreground so confidence colours stay readable on the selected row.
    public func overlaid(with o: Style) -> Style {
        Style(fg: fg == .default ? o.fg : fg,
              bg: o.bg == .default ? bg : o.bg,
              attributes: attributes.union(o.attributes))
    }
}

/// Role → style, read from a file in `themes/`: a TOML subset with a `[roles]` table of
/// `role = "fg bg attrs…"` (`"yellow default bold"`, `"- - reverse"`).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [String: Style]
    /// False for the monochrome theme: the terminal then uses attributes only.
    public var usesColour: Bool

    public init(name: String, styles: [String: Style]) {
        self.name = name; self.styles = styles
        usesColour = styles.values.contains { $0.fg != .default || $0.bg != .default }
    }

    public func style(for role: Role) -> Style {
        var r: Role? = role
        while let cur = r {
            if let s = styles[cur.name] { return s }
            r = cur.parent
        }
        return Style()
    }

    /// The style of a cell after its row's highlight.
    public func style(for role: Role, highlight: Highlight) -> Style {
        let base = style(for: role)
        switch highlight {
        case .none: return base
        case .selected: return base.overlaid(with: style(for: .rowSelected))
        case .marked: return base.overlaid(with: style(for: .rowMarked))
        }
    }

    public static func parse(_ text: String, name: String = "theme", file: String = "theme") throws -> Theme {
        var styles: [String: Style] = [:]
        var section = ""
        var themeName = name
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func fail(_ why: String) -> UserError { UserError("\(file):\(i + 1): \(why)") }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail("unclosed table header") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw fail("expected key = \"value\"") }
            var key = line[..<eq].trimmingCharacters(in: .whitespaces)
            if key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
            let rawValue = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard rawValue.count >= 2, rawValue.hasPrefix("\""), rawValue.hasSuffix("\"") else {
                throw fail("value of \(key) must be a quoted string")
            }
            let value = String(rawValue.dropFirst().dropLast())
            switch section {
            case "":
                if key == "name" { themeName = value }
            case "roles":
                styles[key] = try parseStyle(value, fail: fail)
            default:
                continue // other tables are for future use; ignore rather than refuse
            }
        }
        return Theme(name: themeName, styles: styles)
    }

    static func stripComment(_ line: String) -> String {
        var inQuote = false
        for (i, c) in line.enumerated() {
            if c == "\"" { inQuote.toggle() }
            if c == "#" && !inQuote { return String(line.prefix(i)) }
        }
        return line
    }

    static func parseStyle(_ value: String, fail: (String) -> UserError) throws -> Style {
        let words = value.split(separator: " ").map(String.init)
        var style = Style()
        var colours: [Color] = []
        for w in words {
            if let a = Attributes.byName[w.lowercased()] {
                style.attributes.insert(a)
            } else if colours.count < 2, let c = Color(name: w) {
                colours.append(c)
            } else {
                throw fail("'\(w)' is not a colour or attribute")
            }
        }
        if colours.count > 0 { style.fg = colours[0] }
        if colours.count > 1 { style.bg = colours[1] }
        return style
    }

    /// Used when no theme file can be found: legible on dark and light backgrounds alike.
    public static let fallback = Theme(name: "fallback", styles: [
        "header": Style(attributes: .bold), "footer": Style(attributes: .bold),
        "row.selected": Style(attributes: .reverse), "row.marked": Style(attributes: .bold),
        "status.error": Style(fg: .index(1), attributes: .bold), "help.key": Style(attributes: .bold),
        "dialog.border": Style(attributes: .bold), "header.columns": Style(attributes: .underline),
        "confidence.high": Style(fg: .index(2)), "confidence.medium": Style(fg: .index(3)),
        "confidence.low": Style(fg: .index(1)), "amount.negative": Style(fg: .index(1)),
    ])

    /// What `NO_COLOR` asks for when `mono.toml` cannot be read.
    public static let monoFallback = Theme(name: "mono", styles: [
        "header": Style(attributes: .bold), "footer": Style(attributes: .bold),
        "row.selected": Style(attributes: .reverse), "row.marked": Style(attributes: .underline),
        "status.error": Style(attributes: .bold), "help.key": Style(attributes: .bold),
    ])

    public static func load(path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw UserError("\(path): cannot read theme file")
        }
        let base = (path as NSString).lastPathComponent
        return try parse(text, name: base.hasSuffix(".toml") ? String(base.dropLast(5)) : base, file: path)
    }
}
