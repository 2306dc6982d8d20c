import Foundation
import XCTest

/// The journal as a user drives it: the real binary in a real terminal (tmux), keys sent,
/// the screen read, and the books checked afterwards through the scriptable commands.
final class TmuxJournalTests: TmuxTestCase {

    /// Moves the cursor to line `no` (its row index in the unfiltered journal) and waits until the screen shows it selected.
    func select(row index: Int, lineNo: Int) throws {
        try send("g")
        for _ in 0..<index { try send("j") }
        try waitFor("line \(lineNo) selected") {
            // The cursor row starts with ▶, then markers (? for review, * marked), then the line no.
            try screen().split(separator: "\n").contains {
                $0.hasPrefix("▶") && $0.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " ?*")).hasPrefix("\(lineNo) ")
            }
        }
    }

    func testDemoBrowseAcceptApplyManuallyAndPost() throws {
        let command = "\(Harness.binary.path) demo --db \(db) --seed 4 --lines 40; echo AVSTEM-EXIT=$?; sleep 60"
        try Tmux.run(["-L", socket, "new-session", "-d", "-s", "e2e", "-x", "160", "-y", "48", command], capture: false)
        try waitFor("the journal") { try screen().contains("Payment reconciliation") }

        let all = try lines()
        XCTAssertEqual(all.count, 40)
        // Accept a line the matcher left for review (or any applied line when none is).
        let reviewIndex = try XCTUnwrap(all.firstIndex { ["medium", "low"].contains($0["confidence"] as? String) }
            ?? all.firstIndex { ($0["applications"] as? [Any])?.isEmpty == false })
        let reviewNo = all[reviewIndex]["line_no"] as! Int
        try select(row: reviewIndex, lineNo: reviewNo)
        try send("a")
        try waitFor("line \(reviewNo) accepted") { try line(reviewNo)["confidence"] as? String == "accepted" }

        // Remove a high match and apply it again by hand through the dialog.
        let highIndex = try XCTUnwrap(all.indices.first { i in
            i != reviewIndex && all[i]["confidence"] as? String == "high" && (all[i]["applications"] as? [Any])?.count == 1
        })
        let highNo = all[highIndex]["line_no"] as! Int
        let original = try XCTUnwrap((all[highIndex]["applications"] as? [[String: Any]])?.first)
        try select(row: highIndex, lineNo: highNo)
        try send("r")
        try waitFor("line \(highNo) removed") { (try line(highNo)["applications"] as? [Any])?.isEmpty == true }
        try send("Enter")
        try waitFor("the apply manually dialog") { try screen().contains("Apply manually") }
        try send("Space")
        try send("Enter")
        try waitFor("line \(highNo) applied manually") { try line(highNo)["confidence"] as? String == "manual" }
        let manual = try XCTUnwrap((try line(highNo)["applications"] as? [[String: Any]])?.first)
        XCTAssertEqual(manual["entry_no"] as? Int, original["entry_no"] as? Int, "the best candidate is the entry the matcher had chosen")
        XCTAssertEqual(manual["applied_amount"] as? String, original["applied_amount"] as? String)

        // Post the applied lines, keeping the rest (unknown payers) in the journal.
        try send("p")
        try waitFor("the post dialog") { try screen().contains("Post payments only") }
        // Down to the third option, Space ticks it.
        try send("Down")
        try send("Down")
        try send("Space")
        try waitFor("partial ticked") { try screen().contains("[x] Post applied lines only") || screen().contains("[✓] Post applied lines only") }
        try send("Enter")
        let export = dir.appendingPathComponent("export")
        try waitFor("the posting") {
            guard try Harness.run(["books", "export", "--db", db, export.path]).status == 0 else { return false }
            let posted = (try? String(contentsOf: export.appendingPathComponent("posted_entries.csv"), encoding: .utf8)) ?? ""
            return posted.split(separator: "\n").count > 1
        }
        let posted = Harness.csv(try String(contentsOf: export.appendingPathComponent("posted_entries.csv"), encoding: .utf8))
        let entryNo = try XCTUnwrap(original["entry_no"] as? Int)
        XCTAssertTrue(posted.contains { $0["applies_to_entry_no"] == "\(entryNo)" && $0["line_no"] == "\(highNo)" },
                      "a payment from line \(highNo) applied to entry \(entryNo) was posted")
        let open = Harness.csv(try String(contentsOf: export.appendingPathComponent("open_entries.csv"), encoding: .utf8))
        if let row = open.first(where: { $0["entry_no"] == "\(entryNo)" }) {
            XCTAssertEqual(Decimal(string: row["remaining_amount"] ?? ""), 0, "entry \(entryNo) is closed")
        }

        try send("q")
        try waitFor("the app to exit and restore the terminal") { try screen().contains("AVSTEM-EXIT=0") }
        XCTAssertFalse(try screen().contains("Payment reconciliation"), "the terminal was restored (alternate screen left)")
    }
}

enum Tmux {
    static var available: Bool { (try? run(["-V"])) != nil }

    @discardableResult
    /// `capture: false` for commands that start the tmux server. Foundation's `Process` does not
    /// notice the end of a tmux client that forked the server (the client stays a zombie and
    /// `waitUntilExit` never returns), so those go through posix_spawn and waitpid.
    static func run(_ args: [String], capture: Bool = true) throws -> String {
        if !capture {
            var pid: pid_t = 0
            let argv = (["tmux"] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
            let rc = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
            guard rc == 0 else { throw NSError(domain: "tmux", code: Int(rc)) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            guard status == 0 else { throw NSError(domain: "tmux", code: Int(status)) }
            return ""
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux"] + args
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        env.removeValue(forKey: "TMUX")
        p.environment = env
        let out = Pipe()
        p.standardOutput = capture ? out : FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw NSError(domain: "tmux", code: Int(p.terminationStatus)) }
        return String(decoding: data, as: UTF8.self)
    }
}
