import AvstemCore
import AvstemUI
import Foundation
import XCTest

final class KeyMapTests: XCTestCase {
    func testDefaults() {
        let m = KeyMap.defaults
        XCTAssertEqual(m.action(for: .char("j"), in: .journal), .moveDown)
        XCTAssertEqual(m.action(for: .enter, in: .journal), .applyManually)
        XCTAssertEqual(m.action(for: .enter, in: .apply), .confirm, "a screen's own binding wins over the generic one")
        XCTAssertEqual(m.action(for: .char(" "), in: .journal), .toggle)
        XCTAssertEqual(m.action(for: .escape, in: .post), .back)
        XCTAssertNil(m.action(for: .char("z"), in: .journal))
        XCTAssertEqual(m.keys(for: .moveDown, in: .journal).map(\.name), ["Down", "j"])
    }

    func testKeyFileOverridesAndUnbinds() throws {
        let m = try KeyMap.parse("""
        # vim users
        bind journal x accept
        bind n move-down   # trailing comment
        unbind journal a
        bind apply F5 confirm
        """)
        XCTAssertEqual(m.action(for: .char("x"), in: .journal), .accept)
        XCTAssertEqual(m.action(for: .char("n"), in: .apply), .moveDown)
        XCTAssertNil(m.action(for: .char("a"), in: .journal))
        XCTAssertEqual(m.action(for: .function(5), in: .apply), .confirm)
        XCTAssertEqual(statusHints(.browse, keyMap: m).first { $0.label == "Accept" }?.key, "x", "hints follow the key map")
    }

    func testKeyFileErrorsNameFileAndLine() {
        XCTAssertThrowsError(try KeyMap.parse("bind j move-down\nbind j fly", file: "keys")) { e in
            XCTAssertTrue((e as? UserError)?.message.hasPrefix("keys:2: unknown action 'fly'") ?? false, "\(e)")
        }
        XCTAssertThrowsError(try KeyMap.parse("map j down", file: "keys"))
        XCTAssertThrowsError(try KeyMap.parse("bind NoSuchKey quit", file: "keys"))
    }

    func testLoadReadsXDGConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-keys-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("avstem"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "bind Q quit\n".write(to: dir.appendingPathComponent("avstem/keys"), atomically: true, encoding: .utf8)
        let m = try KeyMap.load(environment: ["XDG_CONFIG_HOME": dir.path])
        XCTAssertEqual(m.action(for: .char("Q"), in: .journal), .quit)
        XCTAssertEqual(try KeyMap.load(environment: ["XDG_CONFIG_HOME": dir.path + "/none"]), KeyMap.defaults)
    }

    func testKeyNamesRoundTrip() {
        for k: Key in [.char("a"), .char(" "), .up, .pageDown, .enter, .escape, .function(5), .ctrl("c"), .backTab] {
            XCTAssertEqual(Key(name: k.name), k, k.name)
        }
    }

    func testHelpIsGeneratedFromTheTableAndListsEveryBoundAction() {
        var m = KeyMap.defaults
        m.bind(.char("x"), to: .accept, in: .journal)
        let lines = helpLines(m, first: .journal)
        XCTAssertEqual(lines.first?.keys, "Journal")
        let accept = lines.first { $0.text == Action.accept.help(in: .journal) }
        XCTAssertEqual(accept?.keys, "a, x")
        for b in m.bindings where b.context != .help {
            XCTAssertTrue(lines.contains { $0.text == b.action.help(in: b.context) && $0.keys.contains(b.key.name) }, "\(b)")
        }
    }
}
