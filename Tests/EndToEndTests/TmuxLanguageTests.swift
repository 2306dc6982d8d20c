import Foundation
import XCTest

/// The journal in Norwegian bokmål, in a real terminal: labels, `1 234,56` amounts and
/// `25.11.2026` dates on screen, and a key action that changes the books.
final class TmuxLanguageTests: TmuxTestCase {

    func start(_ command: String, width: Int, height: Int) throws {
        try Tmux.run(["-L", socket, "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), command + "; echo AVSTEM-EXIT=$?; sleep 60"],
                     capture: false)
    }

    /// A grouped Norwegian amount: 1–3 digits, groups of three after a no-break space, decimal comma.
    static let groupedAmount = try! NSRegularExpression(pattern: "-?\\d{1,3}(\u{00A0}\\d{3})+,\\d{2}")
    static let norwegianDate = try! NSRegularExpression(pattern: "\\b\\d{2}\\.\\d{2}\\.\\d{4}\\b")

    func matches(_ re: NSRegularExpression, _ s: String) -> Bool { re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }

    func testLangOptionShowsNorwegianAndAcceptWorks() throws {
        try start("\(Harness.binary.path) demo --db \(db) --seed 4 --lines 40 --lang nb", width: 160, height: 48)
        try driver.waitFor("the Norwegian journal") { try screen().contains("Betalingsavstemmingskladd") }
        let s = try screen()
        for label in ["Kontoutdragets sluttsaldo", "Saldo etter bokføring", "Sikkerhet", "Motpart", "Linjer 40", "Gjennomg.", "Hjelp", "Bokfør"] {
            XCTAssertTrue(s.contains(label), "\(label) missing:\n\(s)")
        }
        XCTAssertTrue(matches(Self.groupedAmount, s), "no 1 234,56-style amount:\n\(s)")
        XCTAssertTrue(matches(Self.norwegianDate, s), "no dd.mm.yyyy date:\n\(s)")
        XCTAssertFalse(s.contains("Payment reconciliation"), s)

        // Accept line 1 (the cursor starts on it): the books say accepted, the status line says so in Norwegian.
        XCTAssertNotEqual(try line(1)["confidence"] as? String, "accepted")
        try send("a")
        try driver.waitFor("line 1 accepted") { try line(1)["confidence"] as? String == "accepted" }
        try driver.waitFor("the Norwegian status") { try screen().contains("Godtok utligningene på linje 1") }
        XCTAssertTrue(try screen().contains("Godtatt"))

        try send("?")
        try driver.waitFor("the Norwegian help") { try screen().contains("Godta utligningene på de merkede") }
        try send("Escape", "q")
        try driver.waitFor("exit") { try screen().contains("AVSTEM-EXIT=0") }
    }

    func testLangFromTheEnvironmentAt80x24() throws {
        try start("LC_ALL= LC_MESSAGES= LANG=nb_NO.UTF-8 \(Harness.binary.path) demo --db \(db) --seed 4 --lines 40", width: 80, height: 24)
        try driver.waitFor("the Norwegian journal") { try screen().contains("Betalingsavstemmingskladd") }
        let s = try screen()
        XCTAssertTrue(s.contains("Linjer 40"), s)
        XCTAssertTrue(matches(Self.groupedAmount, s), s)
        // No row runs past the window: every line of the capture fits 80 columns.
        for row in s.split(separator: "\n") { XCTAssertLessThanOrEqual(row.count, 80, String(row)) }
        try send("q")
        try driver.waitFor("exit") { try screen().contains("AVSTEM-EXIT=0") }
    }

    func testAnUnknownLanguageIsRefusedWithAClearMessage() throws {
        let r = try Harness.run(["tui", "--db", db, "--lang", "de"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--lang must be en or nb"), r.stderr)
    }
}
