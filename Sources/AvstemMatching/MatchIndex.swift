import AvstemCore
import Foundation

/// Everything the engine looks up, built once per context so that finding a line's candidates costs a
/// handful of hash look-ups and binary searches instead of a pass over every open entry. A class, so the
/// per-line helpers share it instead of copying forty array references each.
final class MatchIndex: Sendable {
    struct PartyKey: Hashable, Sendable { let type: PartyType; let no: String }

    let bankAccount: BankAccount
    let decimals: Int

    // Parties, sorted by (type, no) so results never depend on input order.
    let parties: [Party]
    let partyByKey: [PartyKey: Int32]
    let partyName: [[Unicode.Scalar]]
    /// Each name's four-character pieces by position (a piece spanning a wide scalar is 0, matching
    /// nothing), all names in one array: party p's pieces are gramStart[p]..<gramStart[p + 1].
    let flatGrams: [UInt64]
    let gramStart: [Int]
    let partyNameLength: [Int]
    let maxNameLength: Int
    let partyAddress: [String]
    let partyCity: [String]
    /// Whether no other party has the same normalised name: a unique name upgrades "partially" to "fully".
    let partyNameUnique: [Bool]
    /// Four-character pieces of normalised names → parties, each party filed under its rarest pieces only.
    /// When the text is at least as long as the name, nearness 95 needs nearly all of the name's pieces in
    /// the text (BC counts common substrings of four or more), so its rarest pieces are there too; filing
    /// under those keeps the lists of common pieces ("BYGG", "TRAN") short. (A piece spanning two matched
    /// substrings can be missing; a party is only lost when all its filed pieces are such.)
    let gramIndex: [UInt64: [Int32]]
    /// Every piece → every party holding it; only the query's rarest pieces are looked up here.
    let fullGramIndex: [UInt64: [Int32]]
    static let piecesPerParty = 4
    /// How many pieces each party is filed under in gramIndex (fewer than four for very short names).
    let partyFiledPieces: [Int]
    /// Normalised bank account → parties, and the lengths that occur, for the "contains" test.
    let accountIndex: [String: [Int32]]
    let accountLengths: [Int]

    // Open entries that can be candidates at all (right currency and document type), sorted by entry no.
    let entries: [LedgerEntry]
    let entryParty: [Int32]
    /// Posting day of each entry, and the last day its payment discount can be taken (Int.min when it has
    /// none), for the hot loops that must not copy whole entries.
    let entryPostingDay: [Int]
    let entryDiscountUntilDay: [Int]
    /// Entry numbers in entry order (ascending), for binary search by entry no.
    let entryNos: [Int64]
    let documentIndex: MultiMap
    let externalDocumentIndex: MultiMap
    let maxDocumentLength: Int
    let referenceIndex: MultiMap
    /// Each party's entries by due date (then entry no): the order one-to-many groups are paid in.
    let partyEntries: [[Int32]]
    /// Per ledger (customer 0, vendor 1): entries sorted by remaining amount, and entries with a possible
    /// payment discount sorted by their discounted amount.
    let byRemaining: [SortedAmounts]
    let byDiscounted: [SortedAmounts]

    let bankEntries: [BankLedgerEntry]
    let bankEntriesByAmount: [Int64: [Int32]]

    let mappings: [TextMapping]
    let mappingTexts: [String]
    /// Substring and `re:` pattern mappings (NearEvidence.swift).
    let mappingMatcher: MappingMatcher
    /// Parties by their name's words as a set, for names written in another word order (NearEvidence.swift).
    let wordOrder: WordOrderIndex
    /// What the user's manual applications taught (LearnedEvidence.swift).
    let learned: LearnedIndex

    static let eligibleTypes: Set<DocumentType> = [.invoice, .creditMemo, .financeCharge, .reminder]

    init(_ context: MatchContext) {
        bankAccount = context.bankAccount
        decimals = Currency.decimals(context.bankAccount.currency)

        let parties = context.parties.sorted { ($0.type.rawValue, $0.no) < ($1.type.rawValue, $1.no) }
        self.parties = parties
        var partyByKey: [PartyKey: Int32] = [:]
        partyByKey.reserveCapacity(parties.count)
        for (i, p) in parties.enumerated() { partyByKey[PartyKey(type: p.type, no: p.no)] = Int32(i) }
        self.partyByKey = partyByKey
        // The name indexes do not depend on the entries: built on another core meanwhile.
        let names = PartyNames.Slot()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { names.value = PartyNames(parties) }

        let currency = context.bankAccount.currency
        let eligible = { (e: LedgerEntry) in
            e.isOpen && MatchIndex.eligibleTypes.contains(e.documentType)
                && (currency.isEmpty || e.currency.isEmpty || e.currency == currency || e.currency.uppercased() == currency.uppercased())
        }
        // When every entry can be a candidate (the usual case) the index shares the caller's array
        // instead of copying 10⁶ entries.
        var entries = context.openEntries.allSatisfy(eligible) ? context.openEntries : context.openEntries.filter(eligible)
        // Books usually arrive in entry-no order; sorting 10⁶ entries that already are costs a second.
        if !zip(entries, entries.dropFirst()).allSatisfy({ $0.entryNo < $1.entryNo }) {
            entries.sort { $0.entryNo < $1.entryNo }
        }
        self.entries = entries
        var entryParty: [Int32] = []
        var docs = MultiMap(capacity: entries.count), extDocs = MultiMap(capacity: entries.count / 4), refs = MultiMap(capacity: entries.count)
        var partyEntries = [[Int32]](repeating: [], count: parties.count)
        entryParty.reserveCapacity(entries.count)
        var maxDoc = 0
        // Books list a party's entries together, so the last party looked up is usually the next one too.
        var lastParty: (PartyType, String, Int32)?
        for (i, e) in entries.enumerated() {
            let idx = Int32(i)
            let party: Int32
            if let last = lastParty, last.0 == e.partyType, last.1 == e.partyNo {
                party = last.2
            } else {
                party = partyByKey[PartyKey(type: e.partyType, no: e.partyNo)] ?? -1
                lastParty = (e.partyType, e.partyNo, party)
            }
            entryParty.append(party)
            if party >= 0 { partyEntries[Int(party)].append(idx) }
            let doc = TextNormalisation.upper(e.documentNo)
            let docLength = doc.unicodeScalars.count
            if docLength >= 4 { docs.insert(doc, idx); maxDoc = max(maxDoc, docLength) }
            if let ext = e.externalDocumentNo.map(TextNormalisation.upper), ext.unicodeScalars.count >= 4 {
                extDocs.insert(ext, idx); maxDoc = max(maxDoc, ext.unicodeScalars.count)
            }
            if let ref = e.paymentReference.map(TextNormalisation.reference), !ref.isEmpty {
                refs.insert(ref, idx)
            }
        }
        // Entries are already in entry-no order, so sorting indexes by due day keeps entry no as tie-break.
        let dueDay = entries.map { ($0.dueDate ?? $0.postingDate).dayNumber }
        for p in partyEntries.indices {
            partyEntries[p].sort { (dueDay[Int($0)], $0) < (dueDay[Int($1)], $1) }
        }
        self.entryParty = entryParty
        entryPostingDay = entries.map { $0.postingDate.dayNumber }
        // Mirrors LedgerEntry.amountDue(on:): the discount applies on or before its date, when non-zero.
        entryDiscountUntilDay = entries.map { e in
            guard let d = e.pmtDiscountDate, !e.remainingPmtDiscPossible.isZero else { return Int.min }
            return d.dayNumber
        }
        entryNos = entries.map(\.entryNo)
        documentIndex = docs
        externalDocumentIndex = extDocs
        referenceIndex = refs
        self.partyEntries = partyEntries

        var remaining: [SortedAmounts] = [], discounted: [SortedAmounts] = []
        var remainingPairs: [[(Int64, Int32)]] = [[], []], discountedPairs: [[(Int64, Int32)]] = [[], []]
        for (i, e) in entries.enumerated() {
            let ledger = MatchIndex.ledger(e.partyType)
            remainingPairs[ledger].append((e.remainingAmount.minor, Int32(i)))
            if e.pmtDiscountDate != nil && !e.remainingPmtDiscPossible.isZero {
                discountedPairs[ledger].append(((e.remainingAmount - e.remainingPmtDiscPossible).minor, Int32(i)))
            }
        }
        for ledger in 0..<2 {
            remaining.append(SortedAmounts(remainingPairs[ledger], postingDay: entryPostingDay, discountUntilDay: entryDiscountUntilDay))
            discounted.append(SortedAmounts(discountedPairs[ledger], postingDay: entryPostingDay, discountUntilDay: entryDiscountUntilDay))
        }
        byRemaining = remaining
        byDiscounted = discounted

        group.wait()
        let n = names.value!
        partyName = n.names
        flatGrams = n.flatGrams
        gramStart = n.gramStart
        partyNameLength = n.names.map(\.count)
        maxNameLength = partyNameLength.max() ?? 0
        partyAddress = n.addresses
        partyCity = n.cities
        partyNameUnique = n.unique
        gramIndex = n.gramIndex
        partyFiledPieces = n.filed
        fullGramIndex = n.fullGramIndex
        accountIndex = n.accounts
        accountLengths = n.accountLengths

        let bank = context.bankLedgerEntries
            .filter { $0.open && ($0.bankAccount.isEmpty || $0.bankAccount == context.bankAccount.no) }
            .sorted { $0.entryNo < $1.entryNo }
        bankEntries = bank
        var bankByAmount: [Int64: [Int32]] = [:]
        for (i, b) in bank.enumerated() {
            bankByAmount[b.amount.minor, default: []].append(Int32(i))
            if let doc = b.documentNo, doc.unicodeScalars.count >= 4 { maxDoc = max(maxDoc, doc.unicodeScalars.count) }
        }
        maxDocumentLength = maxDoc
        bankEntriesByAmount = bankByAmount

        // Longer mapping texts first: "SPAREBANK1 GEBYR" is more specific than "GEBYR".
        let maps = context.textMappings.filter { !$0.mappingText.trimmingCharacters(in: .whitespaces).isEmpty }
            .sorted { ($0.mappingText.count, $1.mappingText, $1.accountNo) > ($1.mappingText.count, $0.mappingText, $0.accountNo) }
        mappings = maps
        mappingTexts = maps.map { $0.mappingText.uppercased() }
        mappingMatcher = MappingMatcher(maps.map(\.mappingText))
        wordOrder = WordOrderIndex(n.names)
        learned = context.learned.isEmpty ? .empty : LearnedIndex(context.learned, partyByKey: partyByKey)
    }

    static func ledger(_ type: PartyType) -> Int { type == .customer ? 0 : 1 }

    /// The four-scalar pieces at every position, packed into 64 bits; a piece holding a scalar beyond
    /// 16 bits is 0, which is never indexed (such names just have fewer pieces to be found by).
    static func grams(_ s: [Unicode.Scalar]) -> [UInt64] {
        guard s.count >= 4 else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(s.count - 3)
        for i in 0...(s.count - 4) {
            var key: UInt64 = 0
            for k in 0..<4 {
                let v = s[i + k].value
                if v > 0xFFFF { key = 0; break }
                key = key << 16 | UInt64(v)
            }
            out.append(key)
        }
        return out
    }

    func entryIndex(no: Int64) -> Int32? {
        var lo = 0, hi = entryNos.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entryNos[mid] < no { lo = mid + 1 } else { hi = mid }
        }
        return lo < entryNos.count && entryNos[lo] == no ? Int32(lo) : nil
    }

    func partyLabel(_ p: Int32) -> String {
        // Field by field: copying the whole Party (accounts, address, …) retains every one of its strings.
        let i = Int(p)
        return "\(parties[i].type.rawValue) \(parties[i].no) \(parties[i].name)"
    }
}

/// The name and account indexes of the parties (see MatchIndex's fields of the same names).
struct PartyNames: Sendable {
    var names: [[Unicode.Scalar]] = []
    var flatGrams: [UInt64] = []
    var gramStart: [Int] = [0]
    var addresses: [String] = []
    var cities: [String] = []
    var unique: [Bool] = []
    var gramIndex: [UInt64: [Int32]] = [:]
    var filed: [Int] = []
    var fullGramIndex: [UInt64: [Int32]] = [:]
    var accounts: [String: [Int32]] = [:]
    var accountLengths: [Int] = []

    /// A name's pieces without duplicates and without 0: sorting twenty integers beats hashing them into a Set.
    static func distinct(_ pieces: [UInt64]) -> [UInt64] {
        var sorted = pieces.sorted()
        var out = 0
        for k in sorted.indices where sorted[k] != 0 && (out == 0 || sorted[out - 1] != sorted[k]) {
            sorted[out] = sorted[k]; out += 1
        }
        sorted.removeSubrange(out...)
        return sorted
    }

    /// Where the background build leaves its result; read only after the group is waited for.
    final class Slot: @unchecked Sendable { var value: PartyNames? }

    init(_ parties: [Party]) {
        var nameGrams: [[UInt64]] = [], nameCount: [String: Int] = [:], nameKeys: [String] = [], lengths = Set<Int>()
        nameCount.reserveCapacity(parties.count); nameKeys.reserveCapacity(parties.count)
        names.reserveCapacity(parties.count); nameGrams.reserveCapacity(parties.count)
        accounts.reserveCapacity(parties.count)
        for (i, p) in parties.enumerated() {
            let idx = Int32(i)
            let name = TextNormalisation.name(p.name)
            nameKeys.append(name)
            names.append(Array(name.unicodeScalars))
            nameCount[name, default: 0] += 1
            let pieces = MatchIndex.grams(names[i])
            nameGrams.append(pieces)
            for g in PartyNames.distinct(pieces) { fullGramIndex[g, default: []].append(idx) }
            for a in Set(p.bankAccounts.map(TextNormalisation.account)) where a.count >= 5 {
                accounts[a, default: []].append(idx); lengths.insert(a.count)
            }
        }
        flatGrams = nameGrams.flatMap { $0 }
        for pieces in nameGrams { gramStart.append(gramStart.last! + pieces.count) }
        filed = [Int](repeating: 0, count: parties.count)
        for (i, pieces) in nameGrams.enumerated() {
            // Look each piece's count up once, not in every comparison of the sort.
            let rarest = PartyNames.distinct(pieces).map { (fullGramIndex[$0]!.count, $0) }.sorted { $0 < $1 }
            for (_, g) in rarest.prefix(MatchIndex.piecesPerParty) { gramIndex[g, default: []].append(Int32(i)) }
            filed[i] = min(rarest.count, MatchIndex.piecesPerParty)
        }
        addresses = parties.map { TextNormalisation.place($0.address) }
        cities = parties.map { TextNormalisation.place($0.city) }
        unique = nameKeys.map { nameCount[$0] == 1 }
        accountLengths = lengths.sorted()
    }
}

/// String → entries, for document numbers and references (10⁶ keys at full size). Keys are interned as
/// UTF-8 bytes in one buffer and found through an open-addressing table of 64-bit hashes with
/// multiplicative slotting: no String object or standard-library hashing per key, which dominated
/// building the index. Equal keys take further slots of the same probe run, so a look-up returns
/// every value of its key in insertion order; a hash collision is caught by comparing the bytes.
struct MultiMap: Sendable {
    private var bytes: [UInt8] = []
    /// Item i's key is bytes[keyStart[i]..<keyStart[i + 1]].
    private var keyStart: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var values: [Int32] = []
    /// Item numbers, -1 for empty; a power of two at least twice the item count.
    private var slots: [Int32]
    private var shift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Int32](repeating: -1, count: 1 << Int(bits))
        shift = 64 - bits
        hashes.reserveCapacity(capacity); values.reserveCapacity(capacity); keyStart.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * 10)
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    private func slot(_ h: UInt64) -> Int { Int((h &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    private static func withBytes<R>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var key = key
        return key.withUTF8(body)
    }

    mutating func insert(_ key: String, _ value: Int32) {
        let h = MultiMap.withBytes(key) { buffer in
            bytes.append(contentsOf: buffer)
            return MultiMap.hash(buffer)
        }
        keyStart.append(Int32(bytes.count))
        hashes.append(h)
        values.append(value)
        if hashes.count * 2 > slots.count { grow() } else { place(Int32(hashes.count - 1)) }
    }

    private mutating func place(_ item: Int32) {
        let mask = slots.count - 1
        var i = slot(hashes[Int(item)])
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = item
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        shift -= 1
        for item in hashes.indices { place(Int32(item)) }
    }

    subscript(key: String) -> [Int32] {
        MultiMap.withBytes(key) { key in
            let h = MultiMap.hash(key)
            let mask = slots.count - 1
            var i = slot(h)
            var out: [Int32] = []
            while slots[i] >= 0 {
                let item = Int(slots[i])
                if hashes[item] == h {
                    let start = Int(keyStart[item]), end = Int(keyStart[item + 1])
                    if end - start == key.count && bytes[start..<end].elementsEqual(key) { out.append(values[item]) }
                }
                i = (i + 1) & mask
            }
            return out
        }
    }
}

/// Amounts sorted ascending (ties by entry index) for range queries, with each entry's posting day and
/// last discount day in the same order: a range is then scanned front to back, not by random access
/// into per-entry arrays (at 10⁶ entries a common amount range holds a thousand of them).
struct SortedAmounts: Sendable {
    let amounts: [Int64]
    let items: [Int32]
    let postingDay: [Int32]
    let discountUntilDay: [Int32]

    init(_ pairs: [(Int64, Int32)], postingDay: [Int], discountUntilDay: [Int]) {
        let sorted = pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        amounts = sorted.map(\.0)
        items = sorted.map(\.1)
        self.postingDay = sorted.map { Int32(clamping: postingDay[Int($0.1)]) }
        self.discountUntilDay = sorted.map { Int32(clamping: discountUntilDay[Int($0.1)]) }
    }

    /// Index of the first amount ≥ `value`.
    func lowerBound(_ value: Int64) -> Int {
        var lo = 0, hi = amounts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if amounts[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func range(_ r: ClosedRange<Money>) -> Range<Int> {
        lowerBound(r.lowerBound.minor)..<lowerBound(r.upperBound.minor + 1)
    }
}

/// A small open-addressing set of non-zero pieces with a multiplicative hash: the coverage test asks it
/// a few dozen times per party considered, where the standard library's seeded hashing would dominate.
struct GramSet {
    private var slots: [UInt64]
    private let shift: UInt64

    init(_ grams: [UInt64]) {
        var bits: UInt64 = 4
        while (1 << bits) < grams.count * 2 { bits += 1 }
        slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        shift = 64 - bits
        for g in grams where g != 0 { insert(g) }
    }

    private func slot(_ g: UInt64) -> Int { Int((g &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    private mutating func insert(_ g: UInt64) {
        var i = slot(g)
        while slots[i] != 0 {
            if slots[i] == g { return }
            i = (i + 1) & (slots.count - 1)
        }
        slots[i] = g
    }

    func contains(_ g: UInt64) -> Bool {
        var i = slot(g)
        while slots[i] != 0 {
            if slots[i] == g { return true }
            i = (i + 1) & (slots.count - 1)
        }
        return false
    }
}
