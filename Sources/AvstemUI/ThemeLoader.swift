import AvstemCore
import Foundation

/// Finds and reads a theme by name or path. Themes are files in `themes/` (shipped with the
/// source, next to the build) or in `$XDG_CONFIG_HOME/avstem/themes/`; a user's file wins.
public enum ThemeLoader {
    public static func searchDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var dirs: [URL] = []
        let config = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        dirs.append(config.appendingPathComponent("avstem/themes"))
        // `swift run` and `swift build` put the binary in .build/<config>/: the source tree's themes/ is three levels up.
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        dirs.append(exe.appendingPathComponent("../../../themes").standardizedFileURL)
        dirs.append(exe.appendingPathComponent("../../themes").standardizedFileURL)
        dirs.append(exe.appendingPathComponent("../share/avstem/themes").standardizedFileURL)
        dirs.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes"))
        return dirs
    }

    /// `name` nil: the configured default (`dark`), or `mono` when `NO_COLOR` is set.
    public static func load(name: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let wanted = name ?? (noColor ? "mono" : "dark")
        let fm = FileManager.default
        var candidates: [URL] = []
        if wanted.contains("/") || wanted.hasSuffix(".toml") {
            candidates = [URL(fileURLWithPath: wanted)]
        } else {
            candidates = searchDirectories(environment: environment).map { $0.appendingPathComponent("\(wanted).toml") }
        }
        for url in candidates where fm.fileExists(atPath: url.path) {
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw UserError(file: url.path, "cannot be read as UTF-8 text")
            }
            return try Theme.parse(text, name: wanted, file: url.path)
        }
        // The built-in themes keep the app usable when it runs away from its source tree.
        if name == nil { return noColor ? .monoFallback : .fallback }
        if wanted == "mono" { return .monoFallback }
        throw UserError("theme '\(wanted)' not found (looked in \(candidates.map { $0.deletingLastPathComponent().path }.joined(separator: ", ")))")
    }
}
