import AvstemCore
import Foundation
import XCTest

/// Posting is one transaction: a process killed at any moment of it leaves the books exactly
/// as before or exactly as after, and the file passes SQLite's integrity check.
final class PostingCrashTests: BooksFolderTestCase {

    /// A copy of the database file (and its write-ahead log) under a new name.
    func copy(_ source: String, to target: String) throws {
        for ext in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: target + ext)
            if ext != "-shm" && FileManager.default.fileExists(atPath: source + ext) {
                try FileManager.default.copyItem(atPath: source + ext, toPath: target + ext)
            }
        }
    }

    /// `avstem check --digest`: the integrity check and the invariants pass; the books' digest.
    func checkedDigest(_ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try Harness.run(["check", "--digest", "--db", db])
        XCTAssertEqual(r.status, 0, "check failed: \(r.stdout) \(r.stderr)", file: file, line: line)
        let digest = r.stdout.split(separator: "\n").first { $0.hasPrefix("digest ") }
        return String(try XCTUnwrap(digest, file: file, line: line).dropFirst(7))
    }

    func testAPostingKilledAtRandomMomentsIsAllOrNothing() throws {
        // Given a demo company with a large journal, applied automatically
        let original = dir.appendingPathComponent("books.sqlite").path
        let demo = try Harness.run(["demo", "--db", original, "--seed", "11", "--lines", "1000", "--no-tui"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let before = try checkedDigest(original)

        // How long an uninterrupted posting takes, and what it leaves
        let calibration = dir.appendingPathComponent("calibration.sqlite").path
        try copy(original, to: calibration)
        let start = Date()
        let full = try Harness.run(["post", "--partial", "--db", calibration])
        let duration = Date().timeIntervalSince(start)
        XCTAssertEqual(full.status, 0, full.stderr)
        let after = try checkedDigest(calibration)
        XCTAssertNotEqual(before, after, "posting changed nothing")

        // When a posting is killed with SIGKILL at random moments, at least 20 times
        var random = SeededRandom(seed: 5)
        var kills = 0, attempts = 0
        var outcomes: [String: Int] = ["before": 0, "after": 0]
        while kills < 20 && attempts < 60 {
            attempts += 1
            let db = dir.appendingPathComponent("crash.sqlite").path
            try copy(original, to: db)
            let p = Process()
            p.executableURL = Harness.binary
            p.arguments = ["post", "--partial", "--db", db]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let delay = duration * Double(random.int(5...95)) / 100
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL { kills += 1 }
            // Then the file opens, passes the integrity check, and is exactly before or exactly after
            let digest = try checkedDigest(db)
            switch digest {
            case before: outcomes["before"]! += 1
            case after: outcomes["after"]! += 1
            default: XCTFail("after a kill at \(String(format: "%.3f", delay)) s the books are neither before nor after (\(digest))")
            }
        }
        XCTAssertGreaterThanOrEqual(kills, 20, "the posting finished before most kills (\(duration) s)")
        XCTAssertGreaterThan(outcomes["before"]!, 0, "\(outcomes)")
    }
}
