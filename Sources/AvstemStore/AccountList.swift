import AvstemCore
import GRDB

extension AppDatabase {
    /// Every G/L account, customer and vendor (G/L accounts first, each by number), for the
    /// journal app's account picker.
    public func accountList() throws -> [(type: AccountType, no: String, name: String)] {
        try dbQueue.read { db in
            var out: [(type: AccountType, no: String, name: String)] = try Row.fetchAll(db, sql: "SELECT no, name FROM gl_account ORDER BY no").map {
                (.gl, $0["no"], $0["name"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT type, no, name FROM party ORDER BY type, no") {
                let type: AccountType = (row["type"] as String) == PartyType.vendor.rawValue ? .vendor : .customer
                out.append((type, row["no"], row["name"]))
            }
            return out
        }
    }
}
