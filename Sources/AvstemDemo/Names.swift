/// Word lists for a plausible Norwegian company's customers and vendors.
enum Names {
    static let prefixes = ["Fjord", "Nord", "Vest", "Berg", "Lysaker", "Bjørnstad", "Ålesund", "Hav", "Sol", "Skog",
                           "Elvebakken", "Tind", "Måke", "Kyst", "Lien", "Øst", "Sør", "Bakke", "Furu", "Hagen",
                           "Strand", "Vik", "Dal", "Ås", "Moen", "Fossum", "Holm", "Nesøya", "Torget", "Brygge"]
    static let trades = ["Bakeri", "Rør", "Elektro", "Bygg", "Transport", "Regnskap", "Maskin", "Fisk", "Trevare",
                         "Data", "Blomster", "Kafé", "Snekkeri", "Auto", "Rådgivning", "Eiendom", "Trykkeri", "Maling",
                         "Frisør", "Tannlege", "Optikk", "Sport", "Catering", "Renhold", "Grafisk", "Arkitekter",
                         "Byggevare", "Møbler", "Marine", "Kjøl og Frys"]
    static let suffixes = ["AS", "AS", "AS", "ASA", "ANS", "DA", "Enk"]
    static let firstNames = ["Kari", "Ola", "Ingrid", "Lars", "Siri", "Bjørn", "Åse", "Håkon", "Marte", "Øystein",
                             "Sigrid", "Jørgen", "Ragnhild", "Espen", "Tone", "Stian", "Linnéa", "Henrik"]
    static let lastNames = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakken",
                            "Solberg", "Strøm", "Dahl", "Lie", "Moe", "Sæther", "Kvåle", "Østby"]
    static let cities: [(code: String, city: String)] = [
        ("0150", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("4006", "Stavanger"), ("9008", "Tromsø"),
        ("6002", "Ålesund"), ("8006", "Bodø"), ("3015", "Drammen"), ("1606", "Fredrikstad"), ("2317", "Hamar"),
        ("4610", "Kristiansand"), ("3210", "Sandefjord"), ("2821", "Gjøvik"), ("6413", "Molde"), ("1530", "Moss"),
    ]
    static let streets = ["Storgata", "Kongens gate", "Strandveien", "Fjellveien", "Kirkegata", "Industriveien",
                          "Havnegata", "Bryggen", "Skolegata", "Parkveien", "Sjøgata", "Ringveien"]
    static let unknownPayers = ["Vipps AS", "Ukjent innbetaling", "Per Hansen", "Kiwi Minipris", "Statens vegvesen",
                                "Nav Utbetaling", "Klarna AB", "PayPal Europe", "Maria Kowalczyk", "Łódź Trading Sp. z o.o."]
}
