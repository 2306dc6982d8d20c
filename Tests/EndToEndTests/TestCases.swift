import Foundation
import XCTest

/// A test with books of its own: a fresh folder per test, removed afterwards.
class BooksFolderTestCase: XCTestCase {
    var dir: URL!
    var db: String { dir.appendingPathComponent("books.sqlite").path }

    override func setUpWithError() throws { dir = try Harness.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The lines of `journal show --json` (the only open journal).
    func lines() throws -> [[String: Any]] {
        let r = try Harness.run(["journal", "show", "--db", db, "--json"])
        let json = try XCTUnwrap(try Harness.json(r.stdout) as? [String: Any], r.stderr)
        return try XCTUnwrap(json["lines"] as? [[String: Any]])
    }

    func line(_ no: Int) throws -> [String: Any] {
        try XCTUnwrap(try lines().first { $0["line_no"] as? Int == no })
    }
}

/// A journal running in its own tmux server (session `e2e`), killed after the test.
class TmuxTestCase: BooksFolderTestCase {
    var socket = "avstem-e2e-\(UUID().uuidString.prefix(8))"

    override func setUpWithError() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed") }
        try super.setUpWithError()
    }

    override func tearDownWithError() throws {
        _ = try? Tmux.run(["-L", socket, "kill-server"], capture: false)
        try super.tearDownWithError()
    }

    var driver: TuiDriver { TuiDriver(socket: socket) }

    func screen() throws -> String { try driver.screen() }

    func send(_ keys: String...) throws { _ = try Tmux.run(["-L", socket, "send-keys", "-t", "e2e"] + keys) }

    /// Polls until `predicate` holds, failing with the last screen after `timeout` seconds.
    func waitFor(_ what: String, timeout: Double = 30, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: () throws -> Bool) throws {
        try driver.waitFor(what, timeout: timeout, file: file, line: line, predicate)
    }
}

/// Keys in, screen out, for a journal running in tmux.
struct TuiDriver {
    let socket: String

    func screen() throws -> String { try Tmux.run(["-L", socket, "capture-pane", "-p", "-t", "e2e"]) }

    func send(_ keys: String) throws { _ = try Tmux.run(["-L", socket, "send-keys", "-t", "e2e", keys]) }

    func waitFor(_ what: String, timeout: Double = 30, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try predicate() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(try screen())", file: file, line: line)
        throw XCTSkip("stopped")
    }
}
