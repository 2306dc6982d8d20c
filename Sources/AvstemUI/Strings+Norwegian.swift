// Norwegian bokmål for every string the journal app shows, keyed by its English text.
// The words follow Business Central's Norwegian user interface where it has them:
// Betalingsavstemmingskladd, Bokfør, Utlign manuelt, Overfør differanse til konto,
// Tilordne tekst til konto, Samsvarssikkerhet, Restbeløp, Forfallsdato, Bilagsnr. …

extension Catalogue {
    static let nb: [String: String] = [
        // Confidence (BC: Samsvarssikkerhet), sort orders, filters
        "None": "Ingen", "Low": "Lav", "Medium": "Middels", "High": "Høy", "High-Map": "Høy-tekst",
        "Manual": "Manuell", "Accepted": "Godtatt",
        "statement order": "kontoutdragsrekkefølge", "date": "dato", "amount": "beløp",
        "confidence (lowest first)": "sikkerhet (lavest først)", "for-review order": "til gjennomgang først",
        "all lines": "alle linjer", "not fully applied": "ikke fullt utlignet", "for review (low/medium)": "til gjennomgang (lav/middels)",
        "partly applied": "delvis utlignet", "confidence %@": "sikkerhet %@",

        // Evidence dimensions (the engine's own words after them stay in English)
        "Related party": "Motpart", "Document no.": "Bilagsnr.", "Reference": "Referanse", "Amount": "Beløp",
        "Text mapping": "Teksttilordning", "Rule": "Regel", "Memory": "Hukommelse", "User": "Bruker",

        // Document types and account types
        "Invoice": "Faktura", "Cr. memo": "Kr.nota", "Fin. chg": "Rentenota", "Reminder": "Purring",
        "Payment": "Betaling", "Refund": "Tilbakebet.", "Bank": "Bank",
        "G/L account": "Finanskonto", "Customer": "Kunde", "Vendor": "Leverandør",

        // Journal screen
        "Window %@×%@ is too small: avstem needs %@×%@ (80×24 or more is best)":
            "Vinduet %@×%@ er for lite: avstem trenger %@×%@ (80×24 eller mer er best)",
        "Payment reconciliation · %@ · statement %@ of %@ · %@": "Betalingsavstemmingskladd · %@ · kontoutdrag %@ av %@ · %@",
        " · POSTED": " · BOKFØRT", " · by %@": " · etter %@",
        "Balance last statement": "Saldo siste kontoutdrag", "Last stmt": "Siste utdr.",
        "Statement ending balance": "Kontoutdragets sluttsaldo", "Ending": "Sluttsaldo",
        "Balance after posting": "Saldo etter bokføring", "After posting": "Etter bokf.", "After": "Etter",
        "Difference": "Differanse", "Diff": "Diff.",
        "Lines": "Linjer", "For review": "Til gjennomgang", "Review": "Gjennomg.", "With difference": "Med differanse",
        "Total in": "Sum inn", "In": "Inn", "Total out": "Sum ut", "Out": "Ut", "Ending balance": "Sluttsaldo",
        "No.": "Nr.", "Date": "Dato", "Text": "Tekst", "Confidence": "Sikkerhet", "Applied": "Utlignet",
        "No line is %@ — f shows the next filter.": "Ingen linje er %@ — f viser neste filter.",
        "The journal has no lines.": "Kladden har ingen linjer.",

        // Detail pane
        "Details (Tab: back to lines)": "Detaljer (Tab: tilbake til linjene)", "Details": "Detaljer",
        "Line %@": "Linje %@", "Info": "Info", "Party": "Part", "%@   difference %@": "%@   differanse %@",
        "Account": "Konto", "End-to-end id": "EndToEndId", "Bank tx id": "Banktrans.-id",
        "Error": "Feil", "Match details": "Samsvarsdetaljer",
        "Applied to": "Utlignet mot", "entry %@ (not found)": "post %@ (finnes ikke)", "Candidates": "Kandidater",
        "score · confidence · entry · remaining": "poeng · sikkerhet · post · restbeløp", "score %@": "poeng %@",

        // Status line
        "Apply/unapply": "Utlign/fjern", "Choose": "Velg", "Apply": "Utlign", "Post": "Bokfør",
        "type the amount": "skriv beløpet", "delete": "slett", "set amount": "sett beløp", "cancel edit": "avbryt redigering",
        "column": "kolonne", "show/hide": "vis/skjul", "narrower/wider": "smalere/bredere", "done": "ferdig",
        "complete": "fullfør", "import": "importer", "cancel": "avbryt", "choose": "velg",
        "open journal / show lines": "åpne kladd / vis linjer", "back": "tilbake", "scroll": "rull",
        "back to the list": "tilbake til listen", "close": "lukk", "keep them": "behold dem",
        "overwrite them": "overskriv dem", "accept": "godta", "keep": "behold",
        "next/previous after Enter": "neste/forrige etter Enter", "next field": "neste felt", "pick account": "velg konto",
        "account type": "kontotype", "save": "lagre",

        // Apply manually (BC: Betalingsutligning)
        "Apply manually — line %@": "Utlign manuelt — linje %@",
        "Applied amt.": "Utlignet", "Rem. after": "Rest etter", "Due date": "Forf.dato", "Type": "Type",
        // The apply columns are 10–12 wide: short forms of Utlignet beløp, Restbeløp etter bokføring,
        // Forfallsdato, Eksternt bilagsnr. and Gjenstående rabatt.
        "Doc. no.": "Bilagsnr.", "Ext. doc.": "Ekst.bilnr", "Disc. date": "Rabattdato", "Rem. disc.": "Gj. rabatt",
        "No open entries of this sign. Esc closes; the line can stay unapplied or be posted to an account.":
            "Ingen åpne poster med dette fortegnet. Esc lukker; linjen kan stå uutlignet eller bokføres mot en konto.",
        "Statement amount": "Kontoutdragsbeløp", "Applied amount": "Utlignet beløp",

        // Post
        "Post payments only": "Bokfør bare betalinger",
        "Post payments and reconcile bank account": "Bokfør betalinger og avstem bankkonto",
        "Post applied lines only, keep the others in the journal": "Bokfør bare utlignede linjer, behold de andre i kladden",
        "statement lines": "kontoutdragslinjer", "computed ending balance": "beregnet sluttsaldo",
        "✓ agrees": "✓ stemmer", "✗ differs by %@": "✗ avviker med %@",
        "Preview: %@ lines post %@ ledger entries": "Forhåndsvisning: %@ linjer bokfører %@ poster",
        "; %@ lines stay": "; %@ linjer blir stående", "Ready to post.": "Klar til bokføring.",
        "Cannot post yet:": "Kan ikke bokføres ennå:", "… and %@ more": "… og %@ til", "Preview failed: ": "Forhåndsvisningen feilet: ",
        "Post journal %@": "Bokfør kladd %@",

        // Transfer difference / map text
        "Map text to account — line %@": "Tilordne tekst til konto — linje %@",
        "Transfer difference to account — line %@": "Overfør differanse til konto — linje %@",
        "Amount to the account: ": "Beløp til kontoen: ", "Difference to transfer: ": "Differanse som overføres: ",
        "Account type": "Kontotype", "Account no.": "Kontonr.", "Account (search)": "Konto (søk)", "Mapping text": "Tilordningstekst",
        "Would also catch %@ other line of this journal, and future statements' lines with this text":
            "Vil også treffe %@ annen linje i denne kladden, og linjer med denne teksten i senere kontoutdrag",
        "Would also catch %@ other lines of this journal, and future statements' lines with this text":
            "Vil også treffe %@ andre linjer i denne kladden, og linjer med denne teksten i senere kontoutdrag",
        "Type to search G/L accounts, customers and vendors by number or name":
            "Skriv for å søke i finanskontoer, kunder og leverandører på nummer eller navn",
        "No account matches; Enter uses the number as typed": "Ingen konto passer; Enter bruker nummeret slik det er skrevet",
        "%@ match; ↑/↓ pick, Enter saves the highlighted one": "%@ treff; ↑/↓ velger, Enter lagrer den uthevede",
        "%@ matches; ↑/↓ pick, Enter saves the highlighted one": "%@ treff; ↑/↓ velger, Enter lagrer den uthevede",

        // Apply automatically
        "Apply automatically": "Utlign automatisk",
        "%@ line is accepted or applied manually.": "%@ linje er godtatt eller utlignet manuelt.",
        "%@ lines are accepted or applied manually.": "%@ linjer er godtatt eller utlignet manuelt.",
        "keep them as they are, match the other lines": "behold dem som de er, finn samsvar for de andre linjene",
        "overwrite them too (u undoes)": "overskriv dem også (u angrer)",

        // Column picker
        "Columns": "Kolonner", "# (entries)": "# (poster)", "(no room here)": "(ikke plass her)", "width": "bredde",
        "Space shows/hides · < > narrower/wider": "Mellomrom viser/skjuler · < > smalere/bredere",

        // Import
        "Import a statement": "Importer et kontoutdrag",
        "camt.052/053/054, MT940/942, Nets OCR, OFX or a CSV profile; the format is found from the content.":
            "camt.052/053/054, MT940/942, Nets OCR, OFX eller en CSV-profil; formatet finnes ut fra innholdet.",
        "File": "Fil", "%@ entries fit; type more and Tab again:": "%@ oppføringer passer; skriv mer og trykk Tab igjen:",

        // Journals and history
        "Posted statement %@ · %@ · %@": "Bokført kontoutdrag %@ · %@ · %@", "Journals and history": "Kladder og historikk",
        "No lines were posted from this statement.": "Ingen linjer ble bokført fra dette kontoutdraget.",
        "No journals yet: import a statement (avstem statement import FILE).": "Ingen kladder ennå: importer et kontoutdrag (avstem statement import FIL).",
        "Open journals": "Åpne kladder", "Posted statements": "Bokførte kontoutdrag",
        "journal": "kladd", "posted": "bokført", "statement": "kontoutdrag", "lines": "linjer", "line": "linje",

        // Bank transaction details
        "Line no.": "Linjenr.", "Transaction date": "Transaksjonsdato", "Value date": "Valuteringsdato",
        "Additional info": "Tilleggsinformasjon", "Party account": "Partens konto", "Party address": "Partens adresse",
        "Party city": "Partens poststed", "Bank transaction id": "Banktransaksjons-id", "Split from line": "Delt fra linje",
        "Bank transaction — line %@": "Banktransaksjon — linje %@", "%@–%@ of %@ fields": "%@–%@ av %@ felt",
        "Esc closes": "Esc lukker",

        // Accept by confidence
        "Accept every line at or above": "Godta alle linjer med minst",
        "Lines with something applied that are not yet accepted:": "Linjer med noe utlignet som ikke er godtatt ennå:",
        "Enter accepts them all (u undoes), Esc cancels": "Enter godtar alle (u angrer), Esc avbryter",

        // Help
        "avstem — keys   (edit $XDG_CONFIG_HOME/avstem/keys: bind [context] KEY action)":
            "avstem — taster  ($XDG_CONFIG_HOME/avstem/keys: bind [kontekst] TAST handling)",
        "Mouse": "Mus", "click": "klikk", "wheel": "hjul", "Scroll": "Rull",
        "Select a line, or an entry in Apply manually; click the details to focus them":
            "Velg en linje, eller en post i Utlign manuelt; klikk i detaljene for å gå dit",
        "Everywhere": "Overalt", "Journal": "Kladd", "Apply manually": "Utlign manuelt", "Help": "Hjelp",

        // Action descriptions (help)
        "Move to the previous line": "Gå til forrige linje", "Move to the next line": "Gå til neste linje",
        "Scroll one page up": "Rull én side opp", "Scroll one page down": "Rull én side ned",
        "Go to the first line": "Gå til første linje", "Go to the last line": "Gå til siste linje",
        "Switch between the lines and the detail pane": "Bytt mellom linjene og detaljruten",
        "Accept the applications of the marked (or current) lines": "Godta utligningene på de merkede (eller gjeldende) linjene",
        "Remove the applications of the marked (or current) lines": "Fjern utligningene på de merkede (eller gjeldende) linjene",
        "Apply the current line manually to open entries": "Utlign gjeldende linje manuelt mot åpne poster",
        "Mark or unmark the line / apply or unapply the entry": "Merk eller fjern merking av linjen / utlign eller fjern utligning av posten",
        "Edit the amount to apply to the entry (or just type its digits)": "Endre beløpet som skal utlignes mot posten (eller bare skriv sifrene)",
        "Post the journal (payments only, or payments and reconcile)": "Bokfør kladden (bare betalinger, eller betalinger og avstemming)",
        "Show this help": "Vis denne hjelpen", "Quit (closes a dialog first)": "Avslutt (lukker først en dialog)",
        "Close the dialog or help, cancel editing": "Lukk dialogen eller hjelpen, avbryt redigering",
        "Confirm the dialog": "Bekreft dialogen", "Choose the next option": "Velg neste alternativ",
        "Show only lines that are not fully applied, or all lines": "Vis bare linjer som ikke er fullt utlignet, eller alle linjer",
        "Search text, party, reference or amount as you type (Enter keeps, Esc goes back)":
            "Søk i tekst, part, referanse eller beløp mens du skriver (Enter beholder, Esc går tilbake)",
        "Find the next line matching the last search": "Finn neste linje som passer til siste søk",
        "Go to the next line to review (low/medium or with a difference)": "Gå til neste linje til gjennomgang (lav/middels eller med differanse)",
        "Transfer the line's difference to a G/L, customer or vendor account": "Overfør linjens differanse til en finans-, kunde- eller leverandørkonto",
        "Map the line's text to an account, for this and future statements": "Tilordne linjens tekst til en konto, for dette og senere kontoutdrag",
        "Apply automatically: match every line again, keeping accepted and manual ones":
            "Utlign automatisk: finn samsvar for alle linjer på nytt, men behold godtatte og manuelle",
        "Next filter: all, not fully applied, for review, partly applied, by confidence":
            "Neste filter: alle, ikke fullt utlignet, til gjennomgang, delvis utlignet, etter sikkerhet",
        "Previous filter": "Forrige filter",
        "Sort by statement order, date, amount, confidence or for-review order":
            "Sorter etter kontoutdragsrekkefølge, dato, beløp, sikkerhet eller gjennomgangsrekkefølge",
        "Mark every line the filter shows (again: unmark them)": "Merk alle linjer filteret viser (igjen: fjern merkingen)",
        "Accept every line at or above a chosen confidence": "Godta alle linjer med minst en valgt sikkerhet",
        "Undo the last journal edit (until posting)": "Angre siste endring i kladden (fram til bokføring)",
        "Redo what undo took back": "Gjør om det som ble angret",
        "Find the previous line matching the last search": "Finn forrige linje som passer til siste søk",
        "Show every field the bank sent for the line (raw transaction details)": "Vis alle feltene banken sendte for linjen (rå transaksjonsdetaljer)",
        "Journals and history: open another journal, view posted statements": "Kladder og historikk: åpne en annen kladd, se bokførte kontoutdrag",
        "Import a statement file into a new journal (Tab completes the path)": "Importer en kontoutdragsfil til en ny kladd (Tab fullfører stien)",
        "Choose the grid's columns (Space shows/hides) and their widths (< and >)": "Velg kolonnene (mellomrom viser/skjuler) og breddene deres (< og >)",
        "Mark or unmark the line for accept/remove": "Merk eller fjern merking av linjen for godta/fjern",
        "Apply or unapply the selected entry (as much as is left)": "Utlign eller fjern utligning av den valgte posten (så mye som er igjen)",
        "Choose the selected option": "Velg det valgte alternativet",
        "Apply the ticked entries to the line (or set the typed amount)": "Utlign de avkryssede postene mot linjen (eller sett det skrevne beløpet)",

        // Action hints (status line: short)
        "Accept": "Godta", "Remove": "Fjern", "Mark": "Merk", "Quit": "Avslutt", "Cancel": "Avbryt", "Confirm": "Bekreft",
        "Edit amount": "Endre beløp", "Pane": "Rute", "Option": "Valg", "Unapplied": "Uutlignet", "Search": "Søk",
        "Next match": "Neste treff", "Next to review": "Neste gjennomg.", "Transfer diff.": "Overfør diff.", "Map text": "Tilordne tekst",
        "Apply auto.": "Utlign auto.", "Filter": "Filter", "Prev. filter": "Forr. filter", "Sort": "Sorter", "Mark all": "Merk alle",
        "Accept by conf.": "Godta etter sikk.", "Undo": "Angre", "Redo": "Gjør om", "Prev. match": "Forr. treff",
        "Bank details": "Bankdetaljer", "Journals": "Kladder", "Import": "Importer",

        // Status messages
        " (accepted and manual lines matched again)": " (godtatte og manuelle linjer på nytt)",
        " (reload failed: %@)": " (ny innlesing feilet: %@)",
        "%@ is not an amount": "%@ er ikke et beløp",
        "%@ exceeds what is left of %@: %@": "%@ er mer enn det som gjenstår av %@: %@",
        "applying %@ would exceed the line amount %@": "å utligne %@ ville overstige linjebeløpet %@",
        "entry %@ has the other sign than the payment": "post %@ har motsatt fortegn av betalingen",
        "the line is applied to %@; a line goes to one account only": "linjen er utlignet mot %@; en linje går bare til én konto",
        "a bank entry": "en bankpost",
        "line %@": "linje %@", "%@ lines": "%@ linjer",
        "Accepted the applications of %@": "Godtok utligningene på %@", "Removed the applications of %@": "Fjernet utligningene på %@",
        "%@ line marked": "%@ linje merket", "%@ lines marked": "%@ linjer merket",
        "Nothing searched yet: / starts a search": "Ingen søk ennå: / starter et søk",
        "Showing %@ of %@ lines: %@": "Viser %@ av %@ linjer: %@", "Sorted by %@": "Sortert etter %@",
        "Nothing to undo": "Ingenting å angre", "Nothing to redo": "Ingenting å gjøre om",
        "Undone: ": "Angret: ", "Redone: ": "Gjort om: ",
        "Line %@ has no difference to transfer": "Linje %@ har ingen differanse å overføre",
        "No line needs review": "Ingen linje trenger gjennomgang",
        "Showing %@ lines not fully applied": "Viser %@ linjer som ikke er fullt utlignet", "Showing all lines": "Viser alle linjer",
        "Applied automatically: ": "Utlignet automatisk: ",
        "Nothing to complete for %@": "Ingenting å fullføre for %@", "the current directory": "gjeldende mappe",
        "Type the path of a statement file": "Skriv stien til en kontoutdragsfil",
        "Nothing new in %@: ": "Ingenting nytt i %@: ", "Imported ": "Importerte ",
        "Opened journal %@: %@ statement %@": "Åpnet kladd %@: %@ kontoutdrag %@",
        "No line at or above %@ is waiting to be accepted": "Ingen linje med minst %@ venter på å bli godtatt",
        "Accepted %@ line at or above %@": "Godtok %@ linje med minst %@", "Accepted %@ lines at or above %@": "Godtok %@ linjer med minst %@",
        "Type the account no. first": "Skriv kontonummeret først",
        "Line %@: \"%@\" now maps to %@ %@": "Linje %@: «%@» tilordnes nå %@ %@",
        "Line %@: %@ transferred to %@ %@": "Linje %@: %@ overført til %@ %@",
        "Search wrapped to the top": "Søket startet på nytt øverst", "Search wrapped to the bottom": "Søket startet på nytt nederst",
        "No line matches \"%@\"": "Ingen linje passer til «%@»",
        "the whole payment is applied already; unapply an entry or edit its amount": "hele betalingen er allerede utlignet; fjern en utligning eller endre beløpet",
        "nothing is left to apply on %@": "ingenting igjen å utligne på %@",
        "Line %@: applications removed": "Linje %@: utligninger fjernet",
        "Line %@ applied to %@ entry": "Linje %@ utlignet mot %@ post", "Line %@ applied to %@ entries": "Linje %@ utlignet mot %@ poster",
        "Cannot post: ": "Kan ikke bokføre: ",
        "Posted %@ line, %@ ledger entries": "Bokførte %@ linje, %@ poster", "Posted %@ lines, %@ ledger entries": "Bokførte %@ linjer, %@ poster",
        "; bank account reconciled": "; bankkontoen er avstemt",
        // Undo descriptions and history notes (StoreBackend)
        "accept %@": "godta %@", "remove %@": "fjern utligningene på %@", "apply line %@ manually": "utlign linje %@ manuelt",
        "apply automatically": "utlign automatisk", "transfer the difference of line %@": "overfør differansen på linje %@",
        "map the text of line %@": "tilordne teksten på linje %@", "%@ of %@ fully applied": "%@ av %@ fullt utlignet",
        " · open here": " · åpen her", "reconciled, ": "avstemt, ", "posted %@ by %@ (journal %@)": "bokført %@ av %@ (kladd %@)",
        "journal %@ is posted; its statement is in the history": "kladd %@ er bokført; kontoutdraget finnes i historikken",
        "; %@ line stays in the journal": "; %@ linje blir stående i kladden", "; %@ lines stay in the journal": "; %@ linjer blir stående i kladden",
    ]
}
