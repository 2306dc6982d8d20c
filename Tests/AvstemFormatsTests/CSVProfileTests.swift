import AvstemCore
@testable import AvstemFormats
import XCTest

final class CSVProfileTests: XCTestCase {
    func testTOMLSubset() throws {
        let v = try ProfileTOML.parse("""
        # a comment
        name = "x" # trailing comment
        literal = 'C:\\path'
        n = 1_000
        on = true
        cols = ["a", "b # not a comment", 'c']

        [columns]
        date = "Dato"
        """, file: "p.toml")
        XCTAssertEqual(v["name"], .string("x"))
        XCTAssertEqual(v["literal"], .string("C:\\path"))
        XCTAssertEqual(v["n"], .number(1000))
        XCTAssertEqual(v["on"], .bool(true))
        XCTAssertEqual(v["cols"], .array(["a", "b # not a comment", "c"]))
        XCTAssertEqual(v["columns.date"], .string("Dato"))
    }

    func testTOMLErrorsNameFileAndLine() {
        XCTAssertThrowsError(try ProfileTOML.parse("name = \"x\"\nbroken line\n", file: "p.toml")) {
            XCTAssertTrue("\($0)".hasPrefix("p.toml:2:"), "\($0)")
        }
        XCTAssertThrowsError(try ProfileTOML.parse("a = \"open\n", file: "p.toml")) { XCTAssertTrue("\($0)".contains("not closed"), "\($0)") }
        XCTAssertThrowsError(try CSVProfile(toml: "name = \"x\"\ndelimter = \";\"\n[columns]\ndate = \"#1\"\namount = \"#2\"", file: "typo.toml")) {
            XCTAssertTrue("\($0)".contains("unknown profile key 'delimter'"), "\($0)")
        }
    }

    func testShippedProfilesParseWithUniqueNamesAndRecogniseTheirOwnHeader() throws {
        let profiles = try CSVProfiles.builtin()
        XCTAssertEqual(Set(profiles.map(\.name)).count, profiles.count)
        for name in ["generic", "dnb", "nordea-no", "sparebank1", "handelsbanken-no", "paypal", "knab", "ing-nl", "asn", "danske-lt", "dkb-cc", "swedbank-lt"] {
            XCTAssertTrue(profiles.contains { $0.name == name }, name)
        }
        for p in profiles where p.hasHeader {
            let d = String(UnicodeScalar(p.delimiter ?? 0x2C))
            let head = Array((p.headerColumns.joined(separator: d) + "\n").utf8)
            XCTAssertEqual(CSVProfileReader.detect(head, among: profiles)?.name, p.name)
        }
    }

    func testNorwegianExportInWindows1252WithInAndOutColumns() throws {
        var bytes = Array("Dato;Forklaring;Rentedato;Uttak fra konto;Innskudd p".utf8) + [0xE5] + Array(" konto\r\n".utf8)
        bytes += Array("02.01.2026;Giro Bj".utf8) + [0xF8] + Array("rnstad AS;02.01.2026;;1 234,50\r\n".utf8)
        bytes += Array("03.01.2026;Varekj".utf8) + [0xF8] + Array("p;03.01.2026;99,90;\r\n".utf8)
        let dir = try TestData.temporaryDirectory()
        let url = dir.appendingPathComponent("dnb.csv")
        try Data(bytes).write(to: url)
        let f = try StatementFormats.read(url: url)
        XCTAssertEqual(f.format, "csv:dnb")
        let e = try XCTUnwrap(f.statements.first?.entries)
        XCTAssertEqual(e.map(\.amount.minor), [123_450, -9_990])
        XCTAssertEqual(e[0].text, "Giro Bjørnstad AS")
        XCTAssertEqual(e[1].bookingDate?.iso, "2026-01-03")
        XCTAssertEqual(f.statements.first?.currency, "NOK")
    }

    func testRowWithAMissingColumnNamesTheLine() throws {
        let text = "Date,Amount,Text,Name,Account,Reference,Balance,Currency,Transaction ID\n2026-01-02,10.00,a,b,c,d,10.00,NOK,T1\n2026-01-03,5.00,a\n"
        let dir = try TestData.temporaryDirectory()
        let url = try TestData.write(text, to: "short.csv", in: dir)
        XCTAssertThrowsError(try StatementFormats.read(url: url, format: "csv:generic")) { error in
            let m = "\(error)"
            XCTAssertTrue(m.hasPrefix("short.csv:3:"), m)
            XCTAssertTrue(m.contains("missing"), m)
        }
    }

    func testBadAmountAndDateAreErrorsNamingTheColumn() throws {
        let dir = try TestData.temporaryDirectory()
        let header = "Date;Amount;Text;Name;Account;Reference;Balance;Currency;Transaction ID\n"
        let bad = try TestData.write(header + "2026-01-02;ten;a;;;;;;\n", to: "amount.csv", in: dir)
        XCTAssertThrowsError(try StatementFormats.read(url: bad)) { XCTAssertTrue("\($0)".hasPrefix("amount.csv:2 (amount)"), "\($0)") }
        let date = try TestData.write(header + "2026-13-02;1.00;a;;;;;;\n", to: "date.csv", in: dir)
        XCTAssertThrowsError(try StatementFormats.read(url: date)) { XCTAssertTrue("\($0)".hasPrefix("date.csv:2 (date)"), "\($0)") }
    }

    func testUserProfileFromTheConfigDirectoryReplacesOrAdds() throws {
        let dir = try TestData.temporaryDirectory()
        let profiles = dir.appendingPathComponent("avstem/profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        _ = try TestData.write("""
        name = "mybank"
        description = "My bank"
        delimiter = "|"
        header = false
        date_format = "d/M/yy"
        decimal = ","
        [columns]
        date = "#1"
        amount = "#2"
        text = ["#3", "#4"]
        reference = "#5"
        """, to: "mybank.toml", in: profiles)
        let env = ["XDG_CONFIG_HOME": dir.path]
        let all = try CSVProfiles.all(environment: env)
        XCTAssertEqual(all.last?.name, "mybank")
        XCTAssertEqual(all.last?.origin, profiles.appendingPathComponent("mybank.toml").path)
        XCTAssertEqual(all.first?.origin, "built-in")
        let p = try CSVProfiles.named("MyBank", environment: env)
        let f = try CSVProfileReader(profile: p).parse(Array("5/1/26|-12,5|Kiosk|Oslo|0001032459\n".utf8), file: "x.txt")
        let e = try XCTUnwrap(f.statements.first?.entries.first)
        XCTAssertEqual(e.bookingDate?.iso, "2026-01-05")
        XCTAssertEqual(e.amount.minor, -1250)
        XCTAssertEqual(e.text, "Kiosk Oslo")
        XCTAssertEqual(e.reference, "0001032459")
        XCTAssertThrowsError(try CSVProfiles.named("nosuch", environment: env)) { XCTAssertTrue("\($0)".contains("mybank"), "\($0)") }
    }

    func testQuotedFieldsSpanLinesAndEscapeQuotes() {
        let rows = CSVTokenizer.rows(Array("a,\"b \"\"x\"\"\nc\",d\n".utf8), delimiter: 0x2C, quote: 0x22, lenient: false)
        XCTAssertEqual(rows.map(\.cells), [["a", "b \"x\"\nc", "d"]])
        let lenient = CSVTokenizer.rows(Array("\"UAB \"Naktida\"\",\"x\"\n".utf8), delimiter: 0x2C, quote: 0x22, lenient: true)
        XCTAssertEqual(lenient.map(\.cells), [["UAB \"Naktida\"", "x"]])
    }

    func testDateFormats() {
        XCTAssertEqual(CSVDates.parse("9/4/2018", format: "M/d/yyyy")?.iso, "2018-09-04")
        XCTAssertEqual(CSVDates.parse("20200213", format: "yyyyMMdd")?.iso, "2020-02-13")
        XCTAssertEqual(CSVDates.parse("2012:03:01", format: "yyyy:MM:dd")?.iso, "2012-03-01")
        XCTAssertNil(CSVDates.parse("31.02.2026", format: "dd.MM.yyyy"))
        XCTAssertNil(CSVDates.parse("2026-01-02x", format: "yyyy-MM-dd"))
    }
}
