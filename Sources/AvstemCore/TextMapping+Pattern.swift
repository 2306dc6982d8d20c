import Foundation

/// Text-to-account mappings written as regular expressions, an extension of Business Central's substring
/// mappings: a mapping text that starts with `re:` is a pattern ("re:^VISA .*GEBYR"), matched
/// case-insensitively against the line's text. Shared by the importer (which refuses a bad pattern) and
/// the matcher (which runs it).
extension TextMapping {
    public static let patternPrefix = "re:"

    /// The pattern of a mapping text written `re:…`, nil for a plain substring mapping.
    public static func patternSource(_ mappingText: String) -> String? {
        mappingText.hasPrefix(patternPrefix) ? String(mappingText.dropFirst(patternPrefix.count)) : nil
    }

    public var patternSource: String? { TextMapping.patternSource(mappingText) }

    public static func compilePattern(_ source: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: source, options: [.caseInsensitive])
    }

    /// Why a mapping text cannot be used, or nil when it can (always nil for a substring mapping).
    public static func patternProblem(_ mappingText: String) -> String? {
        guard let source = patternSource(mappingText) else { return nil }
        if source.trimmingCharacters(in: .whitespaces).isEmpty { return "the regular expression after 're:' is empty" }
        guard let regex = try? compilePattern(source) else {
            return "'\(source)' is not a valid regular expression"
        }
        // A pattern that fits the empty text ("re:.*") would map every line of every statement.
        if regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
            return "'\(source)' matches an empty text, so it would map every line"
        }
        return nil
    }
}
