import AvstemCore

/// Deterministic synthetic statement files of any size, for `bench` and for tests that need
/// more transactions than the real fixtures hold. The shapes follow the real files: MT940
/// with German structured :86: fields, Nets OCR with KID and a text record now and then.
public enum SampleStatements {
    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? String(s.suffix(width)) : String(repeating: "0", count: width - s.count) + s
    }

    static let names = ["Fjord Bakeri AS", "Bjørnstad Rør AS", "Müller GmbH", "Łódź Trading Sp. z o.o.", "Nordlys Regnskap", "Kari Nordmann"]

    /// One MT940 message holding `transactions` entries, opening 0, closing = their sum.
    public static func mt940(transactions: Int, seed: UInt64 = 1) -> [UInt8] {
        var rnd = SeededRandom(seed: seed)
        var out = ":20:BENCH\r\n:25:NO9386011117947\r\n:28C:1/1\r\n:60F:C260101NOK0,00\r\n"
        var total: Int64 = 0
        for i in 0..<transactions {
            let minor = Int64(rnd.below(10_000_000) + 1)
            let credit = rnd.below(3) != 0
            total += credit ? minor : -minor
            let day = 1 + i % 28
            let amount = "\(minor / 100),\(pad(Int(minor % 100), 2))"
            out += ":61:2601\(pad(day, 2))01\(pad(day, 2))\(credit ? "C" : "D")\(amount)NTRFREF\(i)//B\(pad(i, 10))\r\n"
            let name = names[rnd.below(names.count)]
            out += ":86:166?00SEPA-GUTSCHRIFT?20EREF+E2E\(i)?21SVWZ+Faktura \(100000 + i)?22KID \(pad(rnd.below(1_000_000_000), 10))"
            out += "?30NDEANOKK?31NO93860111\(pad(i % 100_000, 5))?32\(name)\r\n"
        }
        let closing = "\(abs(total) / 100),\(pad(Int(abs(total) % 100), 2))"
        out += ":62F:\(total < 0 ? "D" : "C")260131NOK\(closing)\r\n-\r\n"
        return Array(out.utf8)
    }

    /// One Nets OCR giro transmission with one assignment of `transactions` payments.
    public static func netsOCR(transactions: Int, seed: UInt64 = 1) -> [UInt8] {
        var rnd = SeededRandom(seed: seed)
        func record(_ s: String) -> String {
            (s.count >= 80 ? String(s.prefix(80)) : s + String(repeating: "0", count: 80 - s.count)) + "\n"
        }
        var out = record("NY000010000080800170031000102000")
        out += record("NY090020001008566000000299991042764")
        var total: Int64 = 0
        var records = 1 // the assignment start; the transmission records are added at the end
        for i in 1...max(1, transactions) {
            let minor = Int64(rnd.below(10_000_000) + 1)
            total += minor
            let no = pad(i, 7)
            let kid = pad(rnd.below(1_000_000_000), 10)
            let kidField = String(repeating: " ", count: 25 - kid.count) + kid
            out += record("NY0921" + "30" + no + "200126" + "01" + "20" + "0" + "12345" + "0" + pad(Int(minor), 17) + kidField + "00")
            out += record("NY0921" + "31" + no + pad(1_000_000_000 + i, 10) + pad(100_000_000 + i, 9) + "0000000" + "190126" + "9999" + pad(i, 7))
            records += 2
            if i % 10 == 0 {
                out += record("NY0921" + "32" + no + "Faktura \(i) Bjornstad".padding(toLength: 40, withPad: " ", startingAt: 0))
                records += 1
            }
        }
        records += 1
        out += record("NY090088" + pad(max(1, transactions), 8) + pad(records, 8) + pad(Int(total), 17) + "200126200126200126")
        out += record("NY000089" + pad(max(1, transactions), 8) + pad(records + 2, 8) + pad(Int(total), 17) + "200126")
        return Array(out.utf8)
    }
}
