import AvstemCore
import Foundation

/// The CSV profiles avstem ships, as the TOML a user would write, plus the user's own from
/// `$XDG_CONFIG_HOME/avstem/profiles/*.toml` (default `~/.config/avstem/profiles`). The shipped
/// ones are parsed by the same code as the user's, so the text below is the single definition
/// and a copy of any of them is a working starting point for a new bank.
public enum CSVProfiles {
    /// Shipped profiles, then the user's; a user profile with a shipped name replaces it.
    public static func all(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [CSVProfile] {
        var profiles = try builtin()
        for p in try user(environment: environment) {
            if let i = profiles.firstIndex(where: { $0.name == p.name }) { profiles[i] = p } else { profiles.append(p) }
        }
        return profiles
    }

    public static func builtin() throws -> [CSVProfile] { try parsedBuiltin.get() }

    private static let parsedBuiltin: Result<[CSVProfile], any Error> = Result {
        try builtinTOML.map { try CSVProfile(toml: $0.toml, file: "built-in profile \($0.name)") }
    }

    public static func named(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CSVProfile {
        let profiles = try all(environment: environment)
        guard let p = profiles.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw UserError("unknown CSV profile '\(name)' (known: \(profiles.map(\.name).joined(separator: ", ")))")
        }
        return p
    }

    public static func userDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty {
            return URL(fileURLWithPath: x).appendingPathComponent("avstem/profiles")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/avstem/profiles")
    }

    static func user(environment: [String: String]) throws -> [CSVProfile] {
        let dir = userDirectory(environment: environment)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return try names.filter { $0.hasSuffix(".toml") }.sorted().map { n in
            let url = dir.appendingPathComponent(n)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw UserError(file: url.path, "cannot be read") }
            var p = try CSVProfile(toml: TextDecoding.decode([UInt8](data), declared: .utf8), file: url.path)
            p.origin = url.path
            return p
        }
    }

    static let builtinTOML: [(name: String, toml: String)] = [
        ("generic", #"""
        name = "generic"
        description = "Generic CSV: Date, Amount, Text, Name, Account, Reference, Balance, Currency, Transaction ID; ISO dates, '.' decimals"
        delimiter = "auto"
        header_columns = ["Date", "Amount", "Text", "Name", "Account", "Reference", "Balance", "Currency", "Transaction ID"]
        date_format = "yyyy-MM-dd"
        decimal = "."

        [columns]
        date = "Date"
        amount = "Amount"
        text = "Text"
        name = "Name"
        account = "Account"
        reference = "Reference"
        balance = "Balance"
        currency = "Currency"
        transaction_id = "Transaction ID"
        """#),
        ("dnb", #"""
        name = "dnb"
        description = "DNB (Norway) account export: Dato; Forklaring; Rentedato; Uttak fra konto; Innskudd på konto"
        delimiter = ";"
        header_columns = ["Dato", "Forklaring", "Rentedato", "Uttak fra konto", "Innskudd på konto"]
        date_format = "dd.MM.yyyy"
        decimal = ","
        thousands = " "
        currency = "NOK"

        [columns]
        date = "Dato"
        value_date = "Rentedato"
        text = "Forklaring"
        amount_in = "Innskudd på konto"
        amount_out = "Uttak fra konto"
        """#),
        ("nordea-no", #"""
        name = "nordea-no"
        description = "Nordea (Norway) net bank export: Bokføringsdato; Beløp; Avsender; Mottaker; Navn; Tittel; Valuta; Betalingstype"
        delimiter = ";"
        header_columns = ["Bokføringsdato", "Beløp", "Avsender", "Mottaker", "Navn", "Tittel", "Valuta", "Betalingstype"]
        date_format = "yyyy/MM/dd"
        decimal = ","
        thousands = " "
        currency = "NOK"

        [columns]
        date = "Bokføringsdato"
        amount = "Beløp"
        text = "Tittel"
        name = "Navn"
        account = "Avsender"
        currency = "Valuta"
        info = "Betalingstype"
        """#),
        ("sparebank1", #"""
        name = "sparebank1"
        description = "SpareBank 1 (Norway) account export: Dato; Beskrivelse; Rentedato; Inn; Ut; Til konto; Fra konto"
        delimiter = ";"
        header_columns = ["Dato", "Beskrivelse", "Rentedato", "Inn", "Ut", "Til konto", "Fra konto"]
        date_format = "dd.MM.yyyy"
        decimal = ","
        thousands = " "
        currency = "NOK"

        [columns]
        date = "Dato"
        value_date = "Rentedato"
        text = "Beskrivelse"
        amount_in = "Inn"
        amount_out = "Ut"
        account = "Fra konto"
        """#),
        ("handelsbanken-no", #"""
        name = "handelsbanken-no"
        description = "Handelsbanken (Norway) account export: Reskontrodato; Transaksjonsdato; Tekst; Beløp; Saldo"
        delimiter = ";"
        header_columns = ["Reskontrodato", "Transaksjonsdato", "Tekst", "Beløp", "Saldo"]
        date_format = "dd.MM.yyyy"
        decimal = ","
        thousands = " "
        currency = "NOK"

        [columns]
        date = "Reskontrodato"
        value_date = "Transaksjonsdato"
        text = "Tekst"
        amount = "Beløp"
        balance = "Saldo"
        """#),
        ("ing-nl-semicolon", #"""
        name = "ing-nl-semicolon"
        description = "ING (Netherlands) export since 2020: semicolon separated, with the balance after each row"
        delimiter = ";"
        header_columns = ["Datum", "Naam / Omschrijving", "Rekening", "Tegenrekening", "Code", "Af Bij", "Bedrag (EUR)", "Mutatiesoort", "Mededelingen", "Saldo na mutatie", "Tag"]
        date_format = "yyyyMMdd"
        decimal = ","
        currency = "EUR"
        skip_zero_amounts = true

        [columns]
        date = "Datum"
        amount = "Bedrag (EUR)"
        indicator = "Af Bij"
        text = "Mededelingen"
        text_separator = ", "
        text_without_account = ["Naam / Omschrijving", "Mededelingen"]
        name = "Naam / Omschrijving"
        account = "Tegenrekening"
        own_account = "Rekening"
        balance = "Saldo na mutatie"
        info = ["Code", "Mutatiesoort", "Tag"]

        [indicator]
        debit = "Af"
        """#),
        ("paypal", #"""
        name = "paypal"
        description = "PayPal activity download (English): one statement per currency, fees as lines of their own"
        header_columns = ["Date", "Time", "Time Zone", "Description", "Currency", "Gross", "Fee", "Net", "Balance", "Transaction ID", "From Email Address", "Name", "Bank Name", "Bank Account", "Shipping and Handling Amount", "Sales Tax", "Invoice ID", "Reference Txn ID"]
        date_format = "M/d/yyyy"
        decimal = "."
        thousands = ","

        [columns]
        date = "Date"
        amount = "Gross"
        fee = "Fee"
        text = "Description"
        name = "Name"
        name_fallback = "Bank Name"
        account = "Bank Account"
        reference = "Invoice ID"
        balance = "Balance"
        transaction_id = "Transaction ID"
        currency = "Currency"
        """#),
        ("knab", #"""
        name = "knab"
        description = "Knab (Netherlands) transactieoverzicht"
        delimiter = ";"
        header_columns = ["Rekeningnummer", "Transactiedatum", "Valutacode", "CreditDebet", "Bedrag", "Tegenrekeningnummer", "Tegenrekeninghouder", "Valutadatum", "Betaalwijze", "Omschrijving", "Type betaling", "Machtigingsnummer", "Incassant ID", "Adres", "Referentie", "Boekdatum"]
        date_format = "dd-MM-yyyy"
        decimal = ","

        [columns]
        date = "Boekdatum"
        value_date = "Valutadatum"
        amount = "Bedrag"
        indicator = "CreditDebet"
        text = "Omschrijving"
        name = "Tegenrekeninghouder"
        account = "Tegenrekeningnummer"
        transaction_id = "Referentie"
        currency = "Valutacode"
        own_account = "Rekeningnummer"
        info = ["Betaalwijze", "Type betaling"]

        [indicator]
        debit = "D"
        """#),
        ("ing-nl", #"""
        name = "ing-nl"
        description = "ING (Netherlands) Af/Bij export, comma separated"
        header_columns = ["Datum", "Naam / Omschrijving", "Rekening", "Tegenrekening", "Code", "Af Bij", "Bedrag (EUR)", "MutatieSoort", "Mededelingen"]
        date_format = "yyyyMMdd"
        decimal = ","
        currency = "EUR"
        # ING lists zero-amount notices (waived fees) as rows; they move no money.
        skip_zero_amounts = true

        [columns]
        date = "Datum"
        amount = "Bedrag (EUR)"
        indicator = "Af Bij"
        text = "Mededelingen"
        text_separator = ", "
        text_without_account = ["Naam / Omschrijving", "Mededelingen"]
        name = "Naam / Omschrijving"
        account = "Tegenrekening"
        own_account = "Rekening"
        info = ["Code", "MutatieSoort"]

        [indicator]
        debit = "Af"
        """#),
        ("asn", #"""
        name = "asn"
        description = "ASN Bank (Netherlands) transactie-historie, 19 columns without a header"
        header = false
        detect_columns = 19
        date_format = "dd-MM-yyyy"
        decimal = "."
        # The description column is wrapped in single quotes.
        trim = "'"
        balance_is_before = true

        [columns]
        date = "#12"
        value_date = "#13"
        own_account = "#2"
        account = "#3"
        name = "#4"
        currency = "#8"
        balance = "#9"
        amount = "#11"
        reference = "#17"
        text = "#18"
        """#),
        ("danske-lt", #"""
        name = "danske-lt"
        description = "Danske Bank (Lithuania) export, Windows-1257; the address, city and country share one field"
        header_columns = ["Date", "Bank", "Branch", "Address", "City", "Country", "Name", "Memo", "MemoConv", "MemoDet", "Amount"]
        encoding = "windows-1257"
        date_format = "yyyy:MM:dd"
        decimal = "."

        # The header names 11 columns but rows carry 10: positions, not names.
        [columns]
        date = "#1"
        text = "#5"
        text_fallback = "#6"
        amount = "#9"
        info = ["#8"]
        """#),
        ("dkb-cc", #"""
        name = "dkb-cc"
        description = "DKB (Germany) credit card export, ISO-8859-1, with the card and balance above the header"
        delimiter = ";"
        encoding = "iso-8859-1"
        header_columns = ["Umsatz abgerechnet", "Wertstellung", "Belegdatum", "Umsatzbeschreibung", "Betrag (EUR)", "Ursprünglicher Betrag"]
        date_format = "dd.MM.yyyy"
        decimal = ","
        currency = "EUR"

        [columns]
        date = "Wertstellung"
        value_date = "Wertstellung"
        amount = "Betrag (EUR)"
        text = "Umsatzbeschreibung"
        info = ["Belegdatum", "Ursprünglicher Betrag"]

        [metadata]
        account = "Kreditkarte:"
        closing_balance = "Saldo:"
        """#),
        ("swedbank-lt", #"""
        name = "swedbank-lt"
        description = "Swedbank (Lithuania) export: record types 10 opening, 20 transaction, 86 closing; D/K sign"
        header_columns = ["Sąskaitos Nr.", "", "Data", "Gavėjas", "Paaiškinimai", "Suma", "Valiuta", "D/K", "Įrašo Nr.", "Kodas", "Įmokos kodas", "Dok. Nr.", "Kliento kodas mokėtojo IS", "Kliento kodas", "Pradinis mokėtojas", "Galutinis gavėjas"]
        lenient_quotes = true
        date_format = "yyyy-MM-dd"
        decimal = "."

        [columns]
        record_type = "#2"
        date = "Data"
        amount = "Suma"
        indicator = "D/K"
        text = "Paaiškinimai"
        name = "Gavėjas"
        transaction_id = "Įrašo Nr."
        currency = "Valiuta"
        own_account = "Sąskaitos Nr."

        [indicator]
        debit = "D"

        [records]
        opening = "10"
        entry = "20"
        closing = "86"
        """#),
    ]
}
