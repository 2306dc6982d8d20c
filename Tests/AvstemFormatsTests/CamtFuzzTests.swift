import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// Damaged camt files must fail as user errors, never crash or escape as anything else.
final class CamtFuzzTests: XCTestCase {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct Rng {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    func testTruncationsAndByteFlipsFailAsUserErrors() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = Rng(state: 20_261_125)
        var fixtures: [URL] = []
        for folder in ["camt052", "camt053", "camt054"] { fixtures += try TestData.files(in: folder, ext: "xml") }
        XCTAssertFalse(fixtures.isEmpty)
        let interesting: [UInt8] = Array("<>/&\"'-.0a9 \n".utf8) + [0x00, 0xC3, 0xFF]
        var cases = 0, failures = 0
        for fixture in fixtures {
            let original = [UInt8](try Data(contentsOf: fixture))
            for round in 0..<20 {
                var bytes = original
                switch round % 3 {
                case 0:
                    bytes = Array(bytes.prefix(rng.next(bytes.count)))
                case 1:
                    for _ in 0...rng.next(4) { bytes[rng.next(bytes.count)] = interesting[rng.next(interesting.count)] }
                default:
                    // Damage where it matters most: inside an amount or a date.
                    let text = String(decoding: bytes, as: UTF8.self)
                    let marks = ["Ccy=\"", "<Dt>", "<CdtDbtInd>", "<DtTm>"]
                    if let r = text.range(of: marks[rng.next(marks.count)]) {
                        let at = text.utf8.distance(from: text.startIndex, to: r.upperBound) + rng.next(6)
                        if at < bytes.count { bytes[at] = interesting[rng.next(interesting.count)] }
                    }
                }
                let url = dir.appendingPathComponent("m\(cases).xml")
                try Data(bytes).write(to: url)
                cases += 1
                do {
                    _ = try StatementFormats.read(url: url, format: "camt")
                } catch let e as UserError {
                    failures += 1
                    XCTAssertTrue(e.message.hasPrefix("m\(cases - 1).xml"), e.message)
                } catch {
                    XCTFail("\(fixture.lastPathComponent) round \(round): not a UserError: \(error)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(cases, 300)
        XCTAssertGreaterThan(failures, cases / 3, "the mutations should break most files")
    }
}
