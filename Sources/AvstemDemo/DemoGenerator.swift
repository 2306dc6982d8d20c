import AvstemCore

/// The everyday situations a statement line is generated from; the labelled benchmark reports per situation.
public enum Situation: String, Sendable, CaseIterable, Codable {
    case kidPayment = "kid_payment"
    case invoiceNoInText = "invoice_no_in_text"
    case severalInvoices = "several_invoices"
    case partialPayment = "partial_payment"
    case discountTaken = "discount_taken"
    case feeDeducted = "fee_deducted"
    case wrongCheckDigit = "wrong_check_digit"
    case thirdPartyPayer = "third_party_payer"
    case nameOnly = "name_and_amount_only"
    case vendorPayment = "vendor_payment"
    case recurringCost = "recurring_cost"
    case alreadyPosted = "already_posted_elsewhere"
    case unknownPayer = "unknown_payer"
    /// Several invoices of one customer paid at once, no invoice numbers given: only their sum tells.
    case amountCombination = "several_invoices_no_numbers"
    /// One invoice paid in two instalments, on two lines.
    case instalment = "instalment"
    /// More than the invoice: the difference stays on the line for the bookkeeper.
    case overpayment = "overpayment"
    /// A KID typed by hand with one digit wrong or two neighbouring digits swapped.
    case referenceOneDigitOff = "reference_one_digit_off"
    /// The KID written in the text instead of the reference field: the invoice no. inside a zero-padded number.
    case kidInText = "kid_in_text"
    /// The payer's bank writes the name's words in another order ("Bakeri Fjord AS").
    case nameWordOrder = "name_word_order"
    /// Tax withheld paid to the tax office, mapped by a regular-expression text mapping.
    case taxWithheld = "tax_withheld_pattern_mapping"
}

/// What a line should be applied to: the truth the labelled benchmark scores the matcher against.
public enum ExpectedApplication: Hashable, Sendable {
    case entries([Int64])
    case account(AccountRef)
    case bankLedgerEntry(Int64)
    case nothing
}

public struct LineTruth: Hashable, Sendable {
    public var situation: Situation
    public var expected: ExpectedApplication
}

public struct DemoConfig: Sendable {
    public var seed: UInt64 = 1
    public var customers: Int = 300
    public var vendors: Int = 80
    public var invoicesPerCustomer: ClosedRange<Int> = 1...4
    public var invoicesPerVendor: ClosedRange<Int> = 1...3
    public var lines: Int = 200
    public var statementDate: LocalDate = LocalDate(iso: "2026-11-20")!
    /// Relative weights of the situations; the defaults give the mix of an ordinary Norwegian business day.
    public var mix: [(Situation, Int)] = [
        (.kidPayment, 34), (.invoiceNoInText, 12), (.severalInvoices, 5), (.partialPayment, 4), (.discountTaken, 5),
        (.feeDeducted, 3), (.wrongCheckDigit, 2), (.thirdPartyPayer, 2), (.nameOnly, 4), (.vendorPayment, 14),
        (.recurringCost, 8), (.alreadyPosted, 2), (.unknownPayer, 5), (.amountCombination, 3), (.instalment, 2),
        (.overpayment, 2), (.referenceOneDigitOff, 2), (.kidInText, 2), (.nameWordOrder, 2), (.taxWithheld, 1),
    ]
    public init() {}
}

public struct GeneratedCompany: Sendable {
    public var books: Books
    public var statement: BankStatement
    /// One per statement entry, in order.
    public var truth: [LineTruth]
}

/// Builds a realistic Norwegian company and one bank statement against it. Pure and
/// deterministic for a seed; used by `avstem demo`, the benchmarks and the labelled matching set.
public struct DemoGenerator {
    public static let bankAccountNo = "BANK1"
    public static let bankIBAN = "NO9386011117947"

    var rng: SeededRandom
    let config: DemoConfig
    var books = Books()
    var nextEntryNo: Int64 = 1
    var nextDocNo = 103_001
    var nextVendorDoc = 5_001
    /// Open entries not yet paid by a generated line, per party, so no two lines pay the same invoice by accident.
    var unpaidCustomerEntries: [Int] = []   // indexes into books.openEntries
    var unpaidVendorEntries: [Int] = []
    var entriesByParty: [String: [Int]] = [:]
    var multiInvoiceParties: [String] = []
    var paidEntryNos: Set<Int64> = []
    var usedBankEntries = 0
    /// The second instalment of an invoice, put on the statement right after the first.
    var pendingInstalment: (StatementEntry, LineTruth)?

    public static func generate(_ config: DemoConfig) -> GeneratedCompany {
        var g = DemoGenerator(rng: SeededRandom(seed: config.seed), config: config)
        g.makeLedgerSetup()
        g.makeParties()
        g.makeEntries()
        return g.makeStatement()
    }

    // MARK: - Books

    mutating func makeLedgerSetup() {
        books.glAccounts = [
            GLAccount(no: "1500", name: "Kundefordringer"), GLAccount(no: "1920", name: "Bankinnskudd DNB"),
            GLAccount(no: "2400", name: "Leverandørgjeld"), GLAccount(no: "2600", name: "Forskuddstrekk"),
            GLAccount(no: "3085", name: "Gitt kontantrabatt"), GLAccount(no: "4385", name: "Mottatt kontantrabatt"),
            GLAccount(no: "5000", name: "Lønn til ansatte"), GLAccount(no: "6300", name: "Leie lokale"),
            GLAccount(no: "7770", name: "Bank- og kortgebyrer"), GLAccount(no: "7798", name: "Øredifferanser"),
            GLAccount(no: "8050", name: "Renteinntekter"), GLAccount(no: "8150", name: "Rentekostnader"),
        ]
        books.setup = Setup(values: [
            "receivables_account": "1500", "payables_account": "2400", "discount_granted_account": "3085",
            "discount_received_account": "4385", "tolerance_account": "7798", "currency": "NOK",
        ])
        books.bankAccounts = [BankAccount(
            no: Self.bankAccountNo, name: "DNB driftskonto", iban: Self.bankIBAN, accountNo: "86011117947",
            currency: "NOK", glAccount: "1920", lastStatementNo: "41", balanceLastStatement: Money(minor: 25_000_000),
            tolerance: MatchTolerance(kind: .amount, value: 5_000))]
        books.textMappings = [
            TextMapping(mappingText: "GEBYR", accountType: .gl, accountNo: "7770"),
            TextMapping(mappingText: "HUSLEIE", accountType: .gl, accountNo: "6300"),
            TextMapping(mappingText: "LØNN", accountType: .gl, accountNo: "5000"),
            TextMapping(mappingText: "RENTER", accountType: .gl, accountNo: "8050", creditAccountNo: "8150"),
            // Both spellings of the tax-office transfer, at the start of the text only (a regular expression).
            TextMapping(mappingText: "re:^(SKATTETREKK|FORSKUDDSTREKK) [A-ZÆØÅ]+ \\d{4}", accountType: .gl, accountNo: "2600"),
        ]
    }

    mutating func bankAccountNumber() -> String {
        while true {
            var ten = String(rng.int(1000...9999))
            for _ in 0..<6 { ten += String(rng.int(0...9)) }
            if let c = NorwegianAccountNumber.checkDigit(ten) { return ten + String(c) }
        }
    }

    mutating func companyName(_ i: Int) -> String {
        let p = Names.prefixes, t = Names.trades, s = Names.suffixes
        if i % 9 == 8 { // some sole proprietors, named after the owner
            return "\(rng.pick(Names.firstNames)) \(rng.pick(Names.lastNames))"
        }
        let base = "\(p[i % p.count]) \(t[(i / p.count) % t.count])"
        let round = i / (p.count * t.count)
        let place = round == 0 ? "" : " \(Names.cities[(round - 1) % Names.cities.count].city)"
        let tail = round > Names.cities.count ? " \(round)" : ""
        return base + place + tail + " " + s[i % s.count]
    }

    mutating func makeParty(type: PartyType, index: Int, no: String) -> Party {
        let city = rng.pick(Names.cities)
        let accounts = rng.chance(0.85) ? [bankAccountNumber()] : []
        return Party(type: type, no: no, name: companyName(index),
                     address: "\(rng.pick(Names.streets)) \(rng.int(1...120))", city: city.city, postCode: city.code,
                     country: "NO", bankAccounts: accounts.map { rng.chance(0.5) ? IBAN.norwegian(account: $0) : $0 },
                     vatNo: rng.chance(0.7) ? "NO\(rng.int(900_000_000...999_999_999))MVA" : nil)
    }

    mutating func makeParties() {
        // Customers and vendors draw names from disjoint index ranges so no vendor shares a customer's name.
        books.customers = (0..<config.customers).map { i in makeParty(type: .customer, index: i, no: String(format4("C", i + 1))) }
        books.vendors = (0..<config.vendors).map { i in makeParty(type: .vendor, index: config.customers + i, no: String(format4("V", i + 1))) }
    }

    func format4(_ prefix: String, _ n: Int) -> String {
        let s = String(n)
        return prefix + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    mutating func amount(_ range: ClosedRange<Int>) -> Money {
        // Whole kroner most of the time, as invoices usually are.
        let kroner = rng.int(range)
        let ore = rng.chance(0.3) ? rng.int(1...99) : 0
        return Money(minor: Int64(kroner * 100 + ore))
    }

    mutating func makeEntries() {
        let d = config.statementDate
        books.openEntries.reserveCapacity(config.customers * 3 + config.vendors * 2)
        for c in books.customers {
            for _ in 0..<rng.int(config.invoicesPerCustomer) {
                let posting = d.adding(days: -rng.int(5...60))
                let amt = rng.chance(0.05) ? Money(minor: 1_250_000) : amount(500...60_000) // some equal amounts on purpose
                let docNo = String(nextDocNo); nextDocNo += rng.int(1...3)
                let discount = rng.chance(0.2) ? amt.scaled(by: 2, over: 100) : Money.zero
                let kidPayload = String(repeating: "0", count: max(0, 9 - docNo.count)) + docNo
                addEntry(LedgerEntry(entryNo: 0, partyType: .customer, partyNo: c.no, documentType: .invoice, documentNo: docNo,
                                     postingDate: posting, dueDate: posting.adding(days: 14), currency: "NOK", amount: amt,
                                     remainingAmount: amt, pmtDiscountDate: discount.isZero ? nil : posting.adding(days: 10),
                                     remainingPmtDiscPossible: discount, paymentReference: KID.make(kidPayload),
                                     description: "Faktura \(docNo)"), customer: true)
            }
            if rng.chance(0.03) {
                let amt = -amount(200...3_000)
                let docNo = String(nextDocNo); nextDocNo += 1
                addEntry(LedgerEntry(entryNo: 0, partyType: .customer, partyNo: c.no, documentType: .creditMemo, documentNo: docNo,
                                     postingDate: d.adding(days: -rng.int(5...30)), currency: "NOK", amount: amt, remainingAmount: amt,
                                     description: "Kreditnota \(docNo)"), customer: true)
            }
        }
        for v in books.vendors {
            for _ in 0..<rng.int(config.invoicesPerVendor) {
                let posting = d.adding(days: -rng.int(3...40))
                let amt = -amount(800...90_000)
                let external = rng.chance(0.5) ? String(rng.int(10_000...99_999)) : "F-\(rng.int(2025...2026))-\(rng.int(1000...9999))"
                let docNo = "INN\(nextVendorDoc)"; nextVendorDoc += 1
                let discount = rng.chance(0.1) ? amt.scaled(by: 2, over: 100) : Money.zero
                addEntry(LedgerEntry(entryNo: 0, partyType: .vendor, partyNo: v.no, documentType: .invoice, documentNo: docNo,
                                     externalDocumentNo: external, postingDate: posting, dueDate: posting.adding(days: 30),
                                     currency: "NOK", amount: amt, remainingAmount: amt,
                                     pmtDiscountDate: discount.isZero ? nil : posting.adding(days: 10), remainingPmtDiscPossible: discount,
                                     paymentReference: rng.chance(0.5) ? KID.make(String(rng.int(10_000_000...99_999_999))) : nil,
                                     description: "Faktura \(external)"), customer: false)
            }
        }
        // Payments already posted elsewhere, waiting for the statement to reconcile them.
        for i in 0..<max(3, config.lines / 40) {
            books.bankLedgerEntries.append(BankLedgerEntry(
                entryNo: Int64(900_001 + i), bankAccount: Self.bankAccountNo, postingDate: d.adding(days: -rng.int(0...2)),
                documentNo: "BET\(7000 + i)", description: rng.pick(["Overføring skattetrekkskonto", "Forskudd reise", "Valutaoverføring"]),
                amount: -amount(1_000...40_000)))
        }
    }

    mutating func addEntry(_ e: LedgerEntry, customer: Bool) {
        var e = e
        e.entryNo = nextEntryNo; nextEntryNo += 1
        let index = books.openEntries.count
        books.openEntries.append(e)
        if e.documentType == .invoice {
            if customer { unpaidCustomerEntries.append(index) } else { unpaidVendorEntries.append(index) }
        }
        entriesByParty[e.partyNo, default: []].append(index)
    }

    // MARK: - Statement

    mutating func takeUnpaid(customer: Bool) -> LedgerEntry? {
        // Swap-remove a random unpaid invoice: O(1), and it cannot be paid twice.
        if customer {
            guard !unpaidCustomerEntries.isEmpty else { return nil }
            let k = rng.int(0...(unpaidCustomerEntries.count - 1))
            let idx = unpaidCustomerEntries.swapAt(k)
            if !paidEntryNos.insert(books.openEntries[idx].entryNo).inserted { return takeUnpaid(customer: true) }
            return books.openEntries[idx]
        } else {
            guard !unpaidVendorEntries.isEmpty else { return nil }
            let k = rng.int(0...(unpaidVendorEntries.count - 1))
            let idx = unpaidVendorEntries.swapAt(k)
            if !paidEntryNos.insert(books.openEntries[idx].entryNo).inserted { return takeUnpaid(customer: false) }
            return books.openEntries[idx]
        }
    }

    func party(_ e: LedgerEntry) -> Party {
        let list = e.partyType == .customer ? books.customers : books.vendors
        let n = Int(e.partyNo.dropFirst())!
        return list[n - 1]
    }

    /// The payer's name as a bank file carries it: often as registered, otherwise with the noise real files
    /// have — upper case, cut short by the bank's field, a dropped or swapped letter, Norwegian letters
    /// spelt out in ASCII, the legal form written differently or put first.
    mutating func noisyName(_ name: String) -> String {
        switch rng.int(0...11) {
        case 0: return name.uppercased()
        case 1: return String(name.prefix(18)) // banks truncate
        case 2: // a dropped letter
            var chars = Array(name)
            if chars.count > 6 { chars.remove(at: rng.int(2...(chars.count - 2))) }
            return String(chars)
        case 3: // two neighbouring letters swapped
            var chars = Array(name)
            if chars.count > 6 { let k = rng.int(2...(chars.count - 3)); chars.swapAt(k, k + 1) }
            return String(chars)
        case 4: // no Norwegian letters on the payer's side
            var out = ""
            for c in name {
                switch c {
                case "ø": out += "o"; case "Ø": out += "O"; case "å": out += "aa"; case "Å": out += "Aa"
                case "æ": out += "ae"; case "Æ": out += "Ae"; case "é": out += "e"
                default: out.append(c)
                }
            }
            return out
        case 5: // the legal form spelt differently, or in front
            if name.hasSuffix(" AS") {
                let base = String(name.dropLast(3))
                return rng.pick(["\(base) A/S", "AS \(base)", base, "\(base) as"])
            }
            return name
        default: return name
        }
    }

    /// A KID with one typing slip among the digits after its zeros: a digit changed, or two different
    /// neighbouring digits swapped (the check digit no longer holds either way).
    mutating func slipped(_ kid: String) -> String {
        var chars = Array(kid)
        let first = chars.firstIndex { $0 != "0" } ?? 0
        guard chars.count - first >= 3 else { return kid }
        let k = rng.int(first...(chars.count - 2))
        if rng.chance(0.5) && chars[k] != chars[k + 1] {
            chars.swapAt(k, k + 1)
        } else {
            let d = chars[k].wholeNumberValue ?? 0
            chars[k] = Character(String((d + rng.int(1...8)) % 10))
            if k == first && chars[k] == "0" { chars[k] = "1" }
        }
        return String(chars)
    }

    /// The name's words in another order, the legal form kept last: "Fjord Bakeri AS" → "Bakeri Fjord AS".
    func reordered(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        let suffix = words.count > 2 && Names.suffixes.contains(words.last!) ? words.removeLast() : nil
        guard words.count >= 2 else { return name }
        return (words.reversed() + (suffix.map { [$0] } ?? [])).joined(separator: " ")
    }

    mutating func pickSituation() -> Situation {
        let total = config.mix.reduce(0) { $0 + $1.1 }
        var r = rng.int(0...(total - 1))
        for (s, w) in config.mix { if r < w { return s }; r -= w }
        return .kidPayment
    }

    mutating func makeStatement() -> GeneratedCompany {
        let d = config.statementDate
        var entries: [StatementEntry] = []
        var truth: [LineTruth] = []
        entries.reserveCapacity(config.lines)
        // Parties with two or more unpaid invoices, for "one payment for several invoices"; sorted for determinism.
        multiInvoiceParties = entriesByParty.filter { $0.value.count >= 2 }.keys.sorted()
        var txNo = 0
        while entries.count < config.lines {
            txNo += 1
            let date = d.adding(days: -rng.int(0...3))
            var line = StatementEntry(bookingDate: date, valueDate: date, amount: .zero,
                                      endToEndId: rng.chance(0.6) ? "E2E\(config.seed)-\(txNo)" : nil,
                                      bankTransactionId: "DNB\(d.year)\(config.seed % 1000)-\(100_000 + txNo)")
            var situation = pickSituation()
            var expected = fill(&line, situation)
            if expected == nil {
                situation = .unknownPayer
                expected = fill(&line, .unknownPayer)
            }
            if line.text == nil && line.reference == nil && situation != .nameOnly { line.text = "Innbetaling" }
            entries.append(line)
            truth.append(LineTruth(situation: situation, expected: expected!))
            if let (second, t) = pendingInstalment, entries.count < config.lines {
                entries.append(second); truth.append(t)
            }
            pendingInstalment = nil
        }
        // Entries in booking-date order as a bank lists them; the truth follows.
        let order = entries.indices.sorted { (entries[$0].bookingDate!, $0) < (entries[$1].bookingDate!, $1) }
        entries = order.map { entries[$0] }
        truth = order.map { truth[$0] }
        let opening = books.bankAccounts[0].balanceLastStatement
        let sum = entries.reduce(Money.zero) { $0 + $1.amount }
        let statement = BankStatement(
            id: "DNB-\(d.iso)-42", account: Self.bankIBAN, currency: "NOK", openingBalance: opening,
            closingBalance: opening + sum, fromDate: entries.first?.bookingDate, toDate: d, date: d, entries: entries)
        return GeneratedCompany(books: books, statement: statement, truth: truth)
    }

    /// Fills `line` for `situation`; nil when the books have nothing left for it (the caller falls back).
    mutating func fill(_ line: inout StatementEntry, _ situation: Situation) -> ExpectedApplication? {
        let d = config.statementDate
        switch situation {
        case .kidPayment, .partialPayment, .discountTaken, .feeDeducted, .wrongCheckDigit, .thirdPartyPayer, .nameOnly, .invoiceNoInText,
             .instalment, .overpayment, .referenceOneDigitOff, .kidInText, .nameWordOrder:
            guard let e = takeUnpaid(customer: true) else { return nil }
            let p = party(e)
            line.amount = e.remainingAmount
            line.relatedPartyName = noisyName(p.name)
            line.relatedPartyAccount = p.bankAccounts.first
            line.relatedPartyAddress = p.address
            line.relatedPartyCity = p.city
            switch situation {
            case .kidPayment:
                line.reference = e.paymentReference
            case .partialPayment:
                line.amount = Money(minor: (e.remainingAmount.minor / 200) * 100)
                line.reference = e.paymentReference
            case .discountTaken:
                // The customer pays within the discount period: give the invoice terms whose
                // discount date has not passed on the booking date (entry numbers are indexes + 1).
                var invoice = e
                if invoice.remainingPmtDiscPossible.isZero { invoice.remainingPmtDiscPossible = invoice.remainingAmount.scaled(by: 2, over: 100) }
                invoice.pmtDiscountDate = max(invoice.pmtDiscountDate ?? line.bookingDate!, line.bookingDate!.adding(days: rng.int(0...4)))
                books.openEntries[Int(invoice.entryNo - 1)] = invoice
                line.amount = invoice.remainingAmount - invoice.remainingPmtDiscPossible
                line.text = "Faktura \(e.documentNo) fratrukket kontantrabatt"
            case .feeDeducted:
                line.amount = e.remainingAmount - Money(minor: Int64(rng.pick([1_500, 2_500, 3_500])))
                line.text = "Betaling faktura \(e.documentNo)"
            case .wrongCheckDigit:
                if var kid = e.paymentReference {
                    // The next last digit that neither check accepts (one may be a valid MOD11 by chance).
                    repeat {
                        let last = kid.removeLast()
                        kid.append(last == "9" ? "0" : Character(String((last.wholeNumberValue ?? 0) + 1)))
                    } while KID.validAlgorithm(kid) != nil
                    line.reference = kid
                }
            case .thirdPartyPayer:
                line.relatedPartyName = "\(rng.pick(Names.firstNames)) \(rng.pick(Names.lastNames))"
                line.relatedPartyAccount = bankAccountNumber()
                line.relatedPartyAddress = nil; line.relatedPartyCity = nil
                line.reference = e.paymentReference
            case .instalment:
                // Half now, the rest a day or two later, both with the invoice's KID.
                let first = Money(minor: (e.remainingAmount.minor / 200) * 100)
                line.amount = first
                line.reference = e.paymentReference
                var second = line
                second.amount = e.remainingAmount - first
                second.bookingDate = min(d, line.bookingDate!.adding(days: rng.int(1...2))); second.valueDate = second.bookingDate
                second.bankTransactionId = (line.bankTransactionId ?? "") + "-2"
                second.endToEndId = line.endToEndId.map { $0 + "-2" }
                pendingInstalment = (second, LineTruth(situation: .instalment, expected: .entries([e.entryNo])))
            case .overpayment:
                line.amount = e.remainingAmount + Money(minor: Int64(rng.pick([10_000, 50_000, 100_000])))
                line.reference = e.paymentReference
            case .referenceOneDigitOff:
                line.relatedPartyAccount = rng.chance(0.5) ? line.relatedPartyAccount : nil
                line.reference = e.paymentReference.map { slipped($0) }
            case .kidInText:
                line.relatedPartyAccount = rng.chance(0.5) ? line.relatedPartyAccount : nil
                line.text = rng.pick(["KID \(e.paymentReference ?? "")", "Betaling \(e.paymentReference ?? "")"])
            case .nameWordOrder:
                line.relatedPartyAccount = nil
                line.relatedPartyName = reordered(p.name)
                line.text = "Innbetaling"
            case .nameOnly:
                line.relatedPartyAccount = nil
                line.text = rng.chance(0.5) ? "Innbetaling" : nil
            default: // invoice number in free text
                line.relatedPartyAccount = rng.chance(0.5) ? line.relatedPartyAccount : nil
                line.text = rng.pick(["Faktura \(e.documentNo)", "Fakt. nr \(e.documentNo)", "Betaling for faktura \(e.documentNo), takk",
                                      "Inv \(e.documentNo)"])
            }
            return .entries([e.entryNo])
        case .severalInvoices:
            while let partyNo = multiInvoiceParties.popLast() {
                let es = entriesByParty[partyNo]!.map { books.openEntries[$0] }
                    .filter { $0.documentType == .invoice && !paidEntryNos.contains($0.entryNo) }.prefix(3)
                guard es.count >= 2 else { continue }
                for e in es { paidEntryNos.insert(e.entryNo) }
                let p = party(es.first!)
                let docs = es.map { $0.partyType == .vendor ? ($0.externalDocumentNo ?? $0.documentNo) : $0.documentNo }
                line.amount = es.reduce(Money.zero) { $0 + $1.remainingAmount }
                line.text = "Faktura " + docs.joined(separator: ", ")
                line.relatedPartyName = p.name
                line.relatedPartyAccount = p.bankAccounts.first
                return .entries(es.map(\.entryNo))
            }
            return nil
        case .amountCombination:
            while let partyNo = multiInvoiceParties.popLast() {
                let es = entriesByParty[partyNo]!.map { books.openEntries[$0] }
                    .filter { $0.documentType == .invoice && !paidEntryNos.contains($0.entryNo) }
                guard es.count >= 2 else { continue }
                let paid = Array(es.prefix(rng.int(2...min(3, es.count))))
                for e in paid { paidEntryNos.insert(e.entryNo) }
                let p = party(paid[0])
                line.amount = paid.reduce(Money.zero) { $0 + $1.remainingAmount }
                line.text = rng.pick(["Innbetaling", "Betaling fakturaer", "Oppgjør"])
                line.relatedPartyName = noisyName(p.name)
                line.relatedPartyAccount = p.bankAccounts.first
                return .entries(paid.map(\.entryNo))
            }
            return nil
        case .vendorPayment:
            guard let e = takeUnpaid(customer: false) else { return nil }
            let p = party(e)
            line.amount = e.remainingAmount
            line.relatedPartyName = p.name
            line.relatedPartyAccount = p.bankAccounts.first
            if let kid = e.paymentReference { line.reference = kid } else { line.text = "Faktura \(e.externalDocumentNo ?? e.documentNo)" }
            return .entries([e.entryNo])
        case .recurringCost:
            switch rng.int(0...9) {
            case 0...3:
                line.amount = -Money(minor: Int64(rng.pick([4_900, 7_500, 12_500, 19_900])))
                line.text = rng.pick(["Gebyr giro", "GEBYR utlandsbetaling", "Kontohold gebyr"])
                return .account(AccountRef(type: .gl, no: "7770"))
            case 4...5:
                line.amount = -Money(minor: 3_850_000)
                line.text = "Husleie \(Self.monthName(d.month)) Torget Eiendom AS"
                line.relatedPartyName = "Torget Eiendom AS"
                return .account(AccountRef(type: .gl, no: "6300"))
            case 6...7:
                line.amount = -amount(28_000...52_000)
                line.text = "Lønn \(Self.monthName(d.month)) \(rng.pick(Names.firstNames)) \(rng.pick(Names.lastNames))"
                return .account(AccountRef(type: .gl, no: "5000"))
            default:
                line.amount = amount(10...900)
                line.text = "Renter \(Self.monthName(d.month))"
                return .account(AccountRef(type: .gl, no: "8050"))
            }
        case .taxWithheld:
            line.amount = -amount(8_000...40_000)
            line.text = "\(rng.pick(["Skattetrekk", "SKATTETREKK", "Forskuddstrekk"])) \(Self.monthName(d.month)) \(d.year)"
            line.relatedPartyName = "Skatteetaten"
            return .account(AccountRef(type: .gl, no: "2600"))
        case .alreadyPosted:
            guard usedBankEntries < books.bankLedgerEntries.count else { return nil }
            let b = books.bankLedgerEntries[usedBankEntries]; usedBankEntries += 1
            line.amount = b.amount
            line.bookingDate = b.postingDate.adding(days: rng.int(0...2)); line.valueDate = line.bookingDate
            line.text = b.description
            return .bankLedgerEntry(b.entryNo)
        case .unknownPayer:
            line.amount = rng.chance(0.8) ? amount(100...20_000) : -amount(100...5_000)
            line.relatedPartyName = rng.pick(Names.unknownPayers)
            line.text = rng.pick(["Innbetaling", "Overføring", "Refusjon", "Vipps \(rng.int(10_000...99_999))", "Betaling"])
            return .nothing
        }
    }

    static func monthName(_ m: Int) -> String {
        ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"][m - 1]
    }
}

extension Array where Element == Int {
    /// Removes and returns the element at `k` by swapping the last one in.
    mutating func swapAt(_ k: Int) -> Int {
        let v = self[k]
        self[k] = self[count - 1]
        removeLast()
        return v
    }
}
