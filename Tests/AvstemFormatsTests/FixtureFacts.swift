import AvstemCore
@testable import AvstemFormats
import Foundation
import XCTest

/// A shared test data file against the facts in its `.json`, compared as SOURCES.md says:
/// absent keys are not asserted, text/names/accounts without white space, entry_count and
/// entry_sum over all entries, sample entries in order, `balances_reconcile: false` a warning.
enum FixtureFacts {
    enum BalanceWarning {
        /// Each statement that does not chain is named in a warning of its own (camt).
        case perStatement
        /// Some warning about balances in the file (formats whose statements have no ids).
        case perFile
    }

    static func check(_ url: URL, balanceWarning: BalanceWarning, formatHasVersion: Bool = false,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        let name = url.lastPathComponent
        let facts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathExtension("json"))) as? [String: Any])
        let parsed: StatementFile
        do { parsed = try StatementFormats.read(url: url) } catch {
            return XCTFail("\(name): \(error)", file: file, line: line)
        }
        if let format = facts["format"] as? String {
            XCTAssertTrue(parsed.format.hasPrefix(format), "\(name): format \(parsed.format), expected \(format)", file: file, line: line)
            if formatHasVersion {
                XCTAssertEqual(parsed.format.count, "camt.053.001.02".count, "\(name): format \(parsed.format) lacks the version", file: file, line: line)
            }
        }
        let statements = try XCTUnwrap(facts["statements"] as? [[String: Any]])
        XCTAssertEqual(parsed.statements.count, statements.count, "\(name): statement count", file: file, line: line)
        func compare(_ want: Any?, _ got: String?, squeeze: Bool, _ at: String, _ key: String) {
            guard let want else { return }
            guard let w = want as? String else { return XCTFail("\(at): \(key) is not a string in the facts", file: file, line: line) }
            func norm(_ s: String?) -> String? {
                squeeze ? s.map { String($0.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }) } : s
            }
            XCTAssertEqual(norm(got), norm(w), "\(at): \(key)", file: file, line: line)
        }
        for (i, (want, got)) in zip(statements, parsed.statements).enumerated() {
            let at = "\(name) statement \(i + 1)"
            let decimals = Currency.decimals(got.currency ?? "")
            compare(want["account"], got.account, squeeze: true, at, "account")
            compare(want["currency"], got.currency, squeeze: false, at, "currency")
            compare(want["opening_balance"], got.openingBalance?.formatted(decimals: decimals), squeeze: false, at, "opening_balance")
            compare(want["closing_balance"], got.closingBalance?.formatted(decimals: decimals), squeeze: false, at, "closing_balance")
            compare(want["id"], got.id, squeeze: false, at, "id")
            compare(want["from_date"], got.fromDate?.iso, squeeze: false, at, "from_date")
            compare(want["to_date"], got.toDate?.iso, squeeze: false, at, "to_date")
            if let n = want["entry_count"] as? Int { XCTAssertEqual(got.entries.count, n, "\(at): entry_count", file: file, line: line) }
            compare(want["entry_sum"], got.entrySum.formatted(decimals: decimals), squeeze: false, at, "entry_sum")
            let entries = want["entries"] as? [[String: Any]] ?? []
            XCTAssertGreaterThanOrEqual(got.entries.count, entries.count, "\(at): entries", file: file, line: line)
            for (k, (we, ge)) in zip(entries, got.entries).enumerated() {
                let eat = "\(at) entry \(k + 1)"
                let ccy = ge.currency ?? got.currency ?? ""
                compare(we["booking_date"], ge.bookingDate?.iso, squeeze: false, eat, "booking_date")
                compare(we["value_date"], ge.valueDate?.iso, squeeze: false, eat, "value_date")
                compare(we["amount"], ge.amount.formatted(decimals: Currency.decimals(ccy)), squeeze: false, eat, "amount")
                compare(we["currency"], ge.currency, squeeze: false, eat, "currency")
                compare(we["text"], ge.text, squeeze: true, eat, "text")
                compare(we["related_party_name"], ge.relatedPartyName, squeeze: true, eat, "related_party_name")
                compare(we["related_party_account"], ge.relatedPartyAccount, squeeze: true, eat, "related_party_account")
                compare(we["reference"], ge.reference, squeeze: false, eat, "reference")
                compare(we["end_to_end_id"], ge.endToEndId, squeeze: false, eat, "end_to_end_id")
                compare(we["bank_transaction_id"], ge.bankTransactionId, squeeze: false, eat, "bank_transaction_id")
                XCTAssertFalse(ge.details.isEmpty, "\(eat): raw details missing", file: file, line: line)
            }
            if balanceWarning == .perStatement, let reconcile = facts["balances_reconcile"] as? Bool {
                let label = got.id.map { "statement \($0)" } ?? "statement \(i + 1)"
                let warned = parsed.warnings.contains { $0.hasPrefix(label + ":") && $0.contains("balance") }
                XCTAssertEqual(warned, !reconcile, "\(at): balance warning expected \(!reconcile), warnings \(parsed.warnings)", file: file, line: line)
            }
        }
        if balanceWarning == .perFile, let reconcile = facts["balances_reconcile"] as? Bool {
            let warned = parsed.warnings.contains { $0.contains("balance") }
            XCTAssertEqual(warned, !reconcile, "\(name): balance warning expected \(!reconcile), warnings \(parsed.warnings)", file: file, line: line)
        }
    }
}
