import AvstemUI
import Foundation
import XCTest

/// Compares a rendered screen with `Snapshots/<name>.txt`. With `RECORD_SNAPSHOTS` set the
/// file is rewritten instead; a missing file is recorded and the test fails once, so a new
/// snapshot is always looked at before it is committed.
func assertSnapshot(_ grid: CellGrid, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    assertSnapshot(text: grid.text(), named: name, file: file, line: line)
}

/// Compares any text (a screen with a layer of attributes, say) with `Snapshots/<name>.txt`.
func assertSnapshot(text actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if !record { XCTFail("recorded new snapshot \(name); check it and run again", file: file, line: line) }
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
            diff.append("row \(i):\n  expected: \(i < e.count ? e[i] : "")\n  actual:   \(i < a.count ? a[i] : "")")
        }
        XCTFail("snapshot \(name) differs (RECORD_SNAPSHOTS=1 re-records):\n" + diff.prefix(8).joined(separator: "\n"), file: file, line: line)
    }
}
