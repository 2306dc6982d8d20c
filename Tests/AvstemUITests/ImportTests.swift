import AvstemCore
import AvstemDemo
import AvstemStore
import Foundation
import XCTest
@testable import AvstemUI

/// Importing a statement from inside the app: the path prompt completes like a shell, a bad
/// file says why and changes nothing, a good one opens its new journal.
final class ImportTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-import-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("statements"), withIntermediateDirectories: true)
        for f in ["statements/nov.940", "statements/des.940", "notes.txt"] {
            try Data("x".utf8).write(to: dir.appendingPathComponent(f))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func press(_ keys: [Key], _ state: inout AppState, _ backend: JournalBackend) {
        for k in keys { _ = handle(.key(k), state: &state, keyMap: .defaults, backend: backend); settle(&state, backend: backend) }
    }

    func testPathCompletion() {
        let base = dir.path + "/"
        XCTAssertEqual(completePath(base + "st").path, base + "statements/", "one directory: completed with its slash")
        let two = completePath(base + "statements/")
        XCTAssertEqual(two.path, base + "statements/")
        XCTAssertEqual(two.candidates, ["des.940", "nov.940"])
        XCTAssertEqual(completePath(base + "statements/n").path, base + "statements/nov.940")
        XCTAssertEqual(completePath(base + "zz").candidates, [])
        XCTAssertEqual(completePath(base + "zz").path, base + "zz", "nothing fits: the text stays")
    }

    func testImportFromTheAppOpensTheNewJournal() throws {
        let (backend, db) = try StoreBackendTests.makeBackend()
        var state = try AppState.load(backend: backend, width: 160, height: 48)
        let before = try db.journals().count

        // A file that is no statement: the reason in the status line, nothing imported.
        press([.char("I")] + (dir.path + "/no").map { Key.char($0) } + [.tab], &state, backend)
        guard case .importPrompt(let p) = state.mode else { return XCTFail("no prompt") }
        XCTAssertEqual(p.path, dir.path + "/notes.txt")
        press([.enter], &state, backend)
        XCTAssertEqual(state.status?.isError, true)
        XCTAssertTrue(state.status?.text.contains("notes.txt") ?? false, state.status?.text ?? "")
        XCTAssertEqual(try db.journals().count, before)

        // An MT940 statement for the demo company's bank account.
        let mt940 = """
            :20:AVSTEMTEST
            :25:\(DemoGenerator.bankIBAN)
            :28C:43/1
            :60F:C261121NOK1000,00
            :61:2611221122C250,00NTRFNONREF
            :86:Innbetaling test 4711
            :62F:C261122NOK1250,00

            """
        let file = dir.appendingPathComponent("statements/import.940")
        try Data(mt940.utf8).write(to: file)
        press([.escape, .char("I")] + file.path.map { Key.char($0) } + [.enter], &state, backend)
        XCTAssertEqual(state.mode, .browse, state.status?.text ?? "")
        XCTAssertEqual(try db.journals().count, before + 1)
        XCTAssertEqual(state.snapshot.header.id, try db.journals().last?.header.id, "the new journal is open")
        XCTAssertEqual(state.snapshot.lines.map(\.text), ["Innbetaling test 4711"])
        XCTAssertTrue(state.status?.text.hasPrefix("Imported 1 line into journal") ?? false, state.status?.text ?? "")
    }
}
