import AvstemUI
import Foundation
import XCTest

final class ThemeTests: XCTestCase {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    func testParseAndHierarchicalFallback() throws {
        let t = try Theme.parse("""
        name = "t"  # comment
        [roles]
        default = "white black"
        confidence = "yellow default bold"
        "confidence.high" = "green default"
        "row.selected" = "- blue reverse"
        [future]
        x = "ignored"
        """)
        XCTAssertEqual(t.name, "t")
        XCTAssertEqual(t.style(for: "confidence.high"), Style(fg: .index(2)))
        XCTAssertEqual(t.style(for: "confidence.low"), Style(fg: .index(3), attributes: .bold), "falls back to confidence")
        XCTAssertEqual(t.style(for: "status.error"), Style(fg: .index(7), bg: .index(0)), "falls back to default")
        XCTAssertEqual(t.style(for: "confidence.high.mapping"), Style(fg: .index(2)))
        // The selection keeps the cell's own foreground and lays its background and attributes over it.
        XCTAssertEqual(t.style(for: "confidence.high", highlight: .selected), Style(fg: .index(2), bg: .index(4), attributes: .reverse))
    }

    func testParseErrorsNameTheLine() {
        XCTAssertThrowsError(try Theme.parse("[roles]\nheader = \"purple\"", file: "x.toml")) { e in
            XCTAssertEqual("\(e)", "x.toml:2: 'purple' is not a colour or attribute")
        }
        XCTAssertThrowsError(try Theme.parse("[roles]\nheader = bold", file: "x.toml")) { e in
            XCTAssertTrue("\(e)".hasPrefix("x.toml:2:"))
        }
    }

    func testShippedThemesParseAndStyleTheRolesWidgetsUse() throws {
        let roles = ["confidence.high", "confidence.medium", "confidence.low", "confidence.none", "confidence.manual",
                     "confidence.accepted", "row.selected", "row.marked", "header", "footer", "status", "status.error",
                     "detail.label", "dialog.border", "help.key"]
        for name in ["dark", "light", "high-contrast", "colour-blind", "mono"] {
            let t = try Theme.load(path: Self.themesDir + "/\(name).toml")
            XCTAssertEqual(t.name, name)
            for r in roles { XCTAssertNotNil(t.styles[r], "\(name) lacks \(r)") }
            // Each confidence must look different from its neighbours, or the colour says nothing.
            let levels = ["none", "low", "medium", "high"].map { t.style(for: Role("confidence." + $0)) }
            XCTAssertEqual(Set(levels).count, 4, "\(name): confidence levels look alike")
        }
    }

    func testColourBlindThemeNeverUsesRedOrGreen() throws {
        let t = try Theme.load(path: Self.themesDir + "/colour-blind.toml")
        let forbidden: Set<Color> = [.index(1), .index(2), .index(9), .index(10)]
        for (role, s) in t.styles {
            XCTAssertFalse(forbidden.contains(s.fg) || forbidden.contains(s.bg), "\(role) uses red or green")
        }
    }

    func testMonoUsesNoColourAndNoColorSelectsIt() throws {
        let mono = try Theme.load(path: Self.themesDir + "/mono.toml")
        XCTAssertFalse(mono.usesColour)
        XCTAssertTrue(try Theme.load(path: Self.themesDir + "/dark.toml").usesColour)
        // The user's config directory comes first; with NO_COLOR the default is mono.
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-themes-\(UUID())")
        defer { try? FileManager.default.removeItem(at: config) }
        try FileManager.default.createDirectory(at: config.appendingPathComponent("avstem/themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.themesDir + "/mono.toml", toPath: config.appendingPathComponent("avstem/themes/mono.toml").path)
        let chosen = try ThemeLoader.load(name: nil, environment: ["NO_COLOR": "1", "XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(chosen.name, "mono")
        XCTAssertFalse(chosen.usesColour)
        XCTAssertEqual(try ThemeLoader.load(name: nil, environment: ["NO_COLOR": "", "XDG_CONFIG_HOME": config.path]).name == "mono", false,
                       "an empty NO_COLOR does not count")
    }

    func testNamedThemesAndPathsLoadAndUnknownNamesAreErrors() throws {
        XCTAssertEqual(try ThemeLoader.load(name: Self.themesDir + "/light.toml").name, "light", "the file names itself")
        XCTAssertThrowsError(try ThemeLoader.load(name: "no-such-theme", environment: ["XDG_CONFIG_HOME": "/nonexistent"]))
        XCTAssertEqual(try ThemeLoader.load(name: "mono", environment: ["XDG_CONFIG_HOME": "/nonexistent"]).usesColour, false)
    }
}
