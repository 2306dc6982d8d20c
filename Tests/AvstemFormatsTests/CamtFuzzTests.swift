import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// Damaged camt files must fail as user errors, never crash or escape as anything else.
final class CamtFuzzTests: XCTestCase {
    func testTruncationsAndByteFlipsFailAsUserErrors() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededRandom(seed: 20_261_125) // deterministic, so a failure reproduces
        var fixtures: [URL] = []
        for folder in ["camt052", "camt053", "camt054"] { fixtures += try TestData.files(in: folder, ext: "xml") }
        XCTAssertFalse(fixtures.isEmpty)
        let interesting: [UInt8] = Array("<>/&\"'-.0a9 \n".utf8) + [0x00, 0xC3, 0xFF]
        var cases = 0, failures = 0
        for fixture in fixtures {
            let original = [UInt8](try Data(contentsOf: fixture))
            for round in 0..<40 {
                var bytes = original
                switch round % 3 {
                case 0:
                    bytes = Array(bytes.prefix(rng.below(bytes.count)))
                case 1:
                    for _ in 0...rng.below(4) { bytes[rng.below(bytes.count)] = interesting[rng.below(interesting.count)] }
                default:
                    // Damage where it matters most: inside an amount or a date.
                    let text = String(decoding: bytes, as: UTF8.self)
                    let marks = ["Ccy=\"", "<Dt>", "<CdtDbtInd>", "<DtTm>"]
                    if let r = text.range(of: marks[rng.below(marks.count)]) {
                        let at = text.utf8.distance(from: text.startIndex, to: r.upperBound) + rng.below(6)
                        if at < bytes.count { bytes[at] = interesting[rng.below(interesting.count)] }
                    }
                }
                // One file rewritten in place: creating hundreds of files costs more than parsing them.
                let url = dir.appendingPathComponent("mutant.xml")
                try Data(bytes).write(to: url)
                cases += 1
                do {
                    _ = try StatementFormats.read(url: url, format: "camt")
                } catch let e as UserError {
                    failures += 1
                    XCTAssertTrue(e.message.hasPrefix("mutant.xml"), e.message)
                } catch {
                    XCTFail("\(fixture.lastPathComponent) round \(round): not a UserError: \(error)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(cases, 300)
        XCTAssertGreaterThan(failures, cases / 3, "the mutations should break most files")
    }
}
