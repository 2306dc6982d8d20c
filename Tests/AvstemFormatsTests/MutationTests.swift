import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// Mutated copies of the real fixtures (truncations, byte flips, dropped and repeated lines):
/// every reader must either read them or fail with a `UserError`, never crash, never hang.
final class MutationTests: XCTestCase {

    static let interesting: [UInt8] = Array(":?/-{}<>;,\"'\r\n0123456789CDRN ".utf8) + [0x00, 0xFF, 0xC3, 0xA5]

    func mutate(_ b: [UInt8], _ rnd: inout SeededRandom) -> [UInt8] {
        var m = b
        for _ in 0..<(1 + rnd.below(3)) {
            guard !m.isEmpty else { break }
            switch rnd.below(6) {
            case 0: m = Array(m.prefix(rnd.below(m.count)))
            case 1: m[rnd.below(m.count)] = Self.interesting[rnd.below(Self.interesting.count)]
            case 2: m[rnd.below(m.count)] = UInt8(truncatingIfNeeded: rnd.next())
            case 3: m.remove(at: rnd.below(m.count))
            case 4:
                let lines = m.split(separator: 0x0A, omittingEmptySubsequences: false)
                var l = Array(lines)
                let i = rnd.below(l.count)
                if rnd.below(2) == 0 { l.remove(at: i) } else { l.insert(l[i], at: i) }
                m = Array(l.joined(separator: [0x0A]))
            default:
                m.insert(Self.interesting[rnd.below(Self.interesting.count)], at: rnd.below(m.count + 1))
            }
        }
        return m
    }

    func run(folder: String, perFile: Int, seed: UInt64, read: ([UInt8], String) throws -> StatementFile) throws {
        var rnd = SeededRandom(seed: seed)
        var files = 0, failures = 0, successes = 0
        let started = Date()
        for url in try OtherFormatsFixtureTests.fixtures(folder) {
            let original = try [UInt8](Data(contentsOf: url))
            files += 1
            for k in 0..<perFile {
                let mutated = mutate(original, &rnd)
                do {
                    _ = try read(mutated, url.lastPathComponent)
                    successes += 1
                } catch let e as UserError {
                    failures += 1
                    XCTAssertTrue(e.message.hasPrefix(url.lastPathComponent), "\(folder) mutation \(k): error does not name the file: \(e)")
                } catch {
                    XCTFail("\(url.lastPathComponent) mutation \(k): not a user error: \(error)")
                }
            }
        }
        XCTAssertGreaterThan(files, 0)
        XCTAssertGreaterThan(failures, 0, "\(folder): no mutation was rejected; the mutations are too gentle")
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "\(folder): mutations took too long")
    }

    func testMT940Mutations() throws {
        try run(folder: "mt940", perFile: 150, seed: 940) { try MT940Reader().parse($0, file: $1) }
    }

    func testOCRMutations() throws {
        try run(folder: "ocr", perFile: 500, seed: 88) { try NetsOCRReader().parse($0, file: $1) }
    }

    func testOFXMutations() throws {
        try run(folder: "ofx", perFile: 250, seed: 102) { try OFXReader().parse($0, file: $1) }
    }

    func testCSVMutations() throws {
        // Each file through its own profile, and through `auto` detection.
        try run(folder: "csv", perFile: 150, seed: 4180) { bytes, file in
            if bytes.count % 2 == 0 { return try CSVProfileReader().parse(bytes, file: file) }
            let profile = try XCTUnwrap(CSVProfileReader.detect(Array(bytes.prefix(8192)), among: CSVProfiles.all())
                ?? CSVProfiles.builtin().first)
            return try CSVProfileReader(profile: profile).parse(bytes, file: file)
        }
    }
}
