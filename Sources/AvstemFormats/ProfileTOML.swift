import AvstemCore

/// The small part of TOML that CSV profiles use: `key = "string" | 'literal' | number | bool |
/// ["array", "of", "strings"]`, `[section]` headers and `#` comments. Keys inside a section
/// come out as `section.key`. No dependency for a format this small.
enum ProfileTOML {
    enum Value: Hashable, Sendable {
        case string(String)
        case number(Int)
        case bool(Bool)
        case array([String])
    }

    static func parse(_ text: String, file: String) throws -> [String: Value] {
        var out: [String: Value] = [:]
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            let line = stripComment(Substring(rawLine.replacingOccurrences(of: "\r", with: ""))).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw UserError(file: file, line: lineNo, "malformed section header '\(line)'") }
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw UserError(file: file, line: lineNo, "expected 'key = value', got '\(line)'") }
            var key = line[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            guard !key.isEmpty else { throw UserError(file: file, line: lineNo, "missing key before '='") }
            let raw = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let full = section.isEmpty ? key : section + "." + key
            guard out[full] == nil else { throw UserError(file: file, line: lineNo, "key '\(full)' given twice") }
            out[full] = try value(raw, file: file, line: lineNo)
        }
        return out
    }

    /// `#` starts a comment unless it is inside a string.
    static func stripComment(_ s: Substring) -> String {
        var inString: Character?
        var escaped = false
        for i in s.indices {
            let c = s[i]
            if let q = inString {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { inString = nil }
            } else if c == "\"" || c == "'" {
                inString = c
            } else if c == "#" {
                return String(s[..<i])
            }
        }
        return String(s)
    }

    static func value(_ raw: String, file: String, line: Int) throws -> Value {
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if let n = Int(raw.replacingOccurrences(of: "_", with: "")) { return .number(n) }
        if raw.hasPrefix("[") {
            guard raw.hasSuffix("]") else { throw UserError(file: file, line: line, "an array must close on the same line") }
            var items: [String] = []
            var rest = Substring(raw.dropFirst().dropLast())
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                if rest.isEmpty { break }
                let (s, after) = try string(rest, file: file, line: line)
                items.append(s)
                rest = after.drop { $0 == " " || $0 == "\t" }
                if rest.first == "," { rest = rest.dropFirst() } else if !rest.isEmpty {
                    throw UserError(file: file, line: line, "expected ',' between array items")
                }
            }
            return .array(items)
        }
        let (s, after) = try string(Substring(raw), file: file, line: line)
        guard after.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UserError(file: file, line: line, "unexpected text after the value: '\(after)'")
        }
        return .string(s)
    }

    /// A basic ("…" with escapes) or literal ('…') string at the start of `s`, and what follows it.
    static func string(_ s: Substring, file: String, line: Int) throws -> (String, Substring) {
        guard let q = s.first, q == "\"" || q == "'" else {
            throw UserError(file: file, line: line, "a value must be a quoted string, a number, true/false or an array, not '\(s)'")
        }
        var out = ""
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if c == q { return (out, s[s.index(after: i)...]) }
            if c == "\\" && q == "\"" {
                i = s.index(after: i)
                guard i < s.endIndex else { break }
                switch s[i] {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                default: throw UserError(file: file, line: line, "unknown escape '\\\(s[i])'")
                }
            } else {
                out.append(c)
            }
            i = s.index(after: i)
        }
        throw UserError(file: file, line: line, "string is not closed")
    }
}
