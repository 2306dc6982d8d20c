import AvstemCore

/// Draws the app state into a cell grid. Pure: same state, same grid. Only visible rows are
/// read, so a frame costs the same for ten lines or a hundred thousand.
public func render(_ state: AppState, keyMap: KeyMap) -> CellGrid {
    var g = CellGrid(width: state.width, height: state.height)
    let layout = JournalLayout(width: state.width, height: state.height)
    let t = state.t
    if layout.tooSmall {
        let msg = t("Window %@×%@ is too small: avstem needs %@×%@ (80×24 or more is best)", state.width, state.height, JournalLayout.minWidth, JournalLayout.minHeight)
        g.put(msg, x: 0, y: state.height / 2, width: state.width, role: .statusError, align: .center)
        return g
    }
    switch state.mode {
    case .help(let h):
        drawHelp(&g, h, keyMap: keyMap, t: t)
        drawStatus(&g, state, keyMap: keyMap, y: layout.statusY)
        return g
    default:
        break
    }
    drawJournal(&g, state, layout)
    switch state.mode {
    case .applyManually(let a): drawApply(&g, a, state: state, layout: layout)
    case .confirmPost(let p): drawPost(&g, p, state: state)
    case .accountPrompt(let p): drawAccountPrompt(&g, p, decimals: state.decimals, t: t)
    case .chooseConfidence(let c): drawConfidenceChoice(&g, c, t: t)
    case .confirmApplyAutomatically(let n): drawConfirmApplyAutomatically(&g, n, t: t)
    case .bankDetails(let scroll): drawBankDetails(&g, state, scroll: scroll)
    case .history(let h): drawHistory(&g, h, state: state)
    case .importPrompt(let p): drawImportPrompt(&g, p, t: t)
    case .columnPicker(let sel): drawColumnPicker(&g, state, selected: sel)
    default: break
    }
    drawStatus(&g, state, keyMap: keyMap, y: layout.statusY)
    return g
}

// MARK: - formatting

extension MatchConfidence {
    /// The confidence in words: colour alone never carries meaning.
    public var label: String {
        switch self {
        case .none: return "None"
        case .low: return "Low"
        case .medium: return "Medium"
        case .high: return "High"
        case .highTextMapping: return "High-Map"
        case .manual: return "Manual"
        case .accepted: return "Accepted"
        }
    }
}


/// The evidence dimensions' names; the engine's words after them stay as it wrote them.
private let evidenceLabels: [Evidence.Dimension: String] = [
    .relatedParty: "Related party", .documentNo: "Document no.", .reference: "Reference", .amount: "Amount",
    .textMapping: "Text mapping", .rule: "Rule", .memory: "Memory", .user: "User",
]

private func documentLabel(_ e: EntryInfo, _ t: Catalogue) -> String {
    switch e.documentType {
    case "invoice": return t("Invoice")
    case "credit_memo": return t("Cr. memo")
    case "finance_charge": return t("Fin. chg")
    case "reminder": return t("Reminder")
    case "payment": return t("Payment")
    case "refund": return t("Refund")
    case "": return e.target.isBank ? t("Bank") : ""
    default: return e.documentType
    }
}

extension ApplicationTarget {
    var isBank: Bool { if case .bankLedgerEntry = self { return true } else { return false } }
}

// MARK: - journal screen

private func drawJournal(_ g: inout CellGrid, _ s: AppState, _ layout: JournalLayout) {
    let h = s.snapshot.header, st = s.stats, d = s.decimals, t = s.t
    g.fill(x: 0, y: 0, width: g.width, height: 2, role: .header)
    var title = t("Payment reconciliation · %@ · statement %@ of %@ · %@", h.bankAccountNo, h.statementNo, t.date(h.statementDate), h.currency)
    if h.status == .posted { title += t(" · POSTED") }
    if s.isFiltered { title += " · \(s.lineFilter.label(t)): \(s.rowCount)" }
    if s.sort != .statement { title += t(" · by %@", t(s.sort.label)) }
    // Where the selection is in a long statement: "row/rows" at the right.
    let position = s.rowCount == 0 ? "" : " \(s.selected + 1)/\(s.rowCount)"
    let pw = DisplayWidth.of(position)
    g.put(title, x: 0, y: 0, width: g.width - pw, role: .header)
    g.put(position, x: g.width - pw, y: 0, width: pw, role: .header, align: .right)
    let figures = [
        Figure(label: t("Balance last statement"), short: t("Last stmt"), value: t.amount(st.balanceLastStatement, d), role: .header),
        Figure(label: t("Statement ending balance"), short: t("Ending"), value: t.amount(st.endingBalance, d), role: .header),
        Figure(label: t("Balance after posting"), short: t("After posting"), value: t.amount(st.balanceAfterPosting, d), role: .header),
        Figure(label: t("Difference"), short: t("Diff"), value: t.amount(st.difference, d), role: st.difference.isZero ? .header : "header.difference"),
    ]
    drawFigures(&g, figures, x: 0, y: 1, width: g.width, labelRole: .headerLabel)

    drawGrid(&g, s, layout)
    drawDetail(&g, s, layout)

    // The last three repeat the header: on a narrow screen they are the first to go.
    let footer: [(String, String, Money?, Role, Int?)] = [
        (t("Lines"), t("Lines"), nil, .footer, st.lineCount),
        (t("For review"), t("Review"), nil, st.forReview > 0 ? Role.confidence(.medium) : .footer, st.forReview),
        (t("With difference"), t("Diff"), nil, st.withDifference > 0 ? .differenceNonZero : .footer, st.withDifference),
        (t("Total in"), t("In"), st.totalIn, .footer, nil),
        (t("Total out"), t("Out"), st.totalOut, .footer, nil),
        (t("Balance after posting"), t("After"), st.balanceAfterPosting, .footer, nil),
        (t("Ending balance"), t("Ending"), st.endingBalance, .footer, nil),
        (t("Difference"), t("Diff"), st.difference, st.difference.isZero ? .footer : .differenceNonZero, nil),
    ]
    g.fill(x: 0, y: layout.footerY, width: g.width, height: 1, role: .footer)
    let segments = footer.map { f in
        Figure(label: f.0, short: f.1, value: f.2.map { t.amount($0, d) } ?? String(f.4 ?? 0), role: f.3)
    }
    drawFigures(&g, segments, x: 0, y: layout.footerY, width: g.width, labelRole: .footerLabel, separator: " │ ")
}

struct Figure {
    var label: String
    var short: String
    var value: String
    var role: Role
}

/// "Label value" pairs in one row: long labels when they fit, else short ones, else as many
/// pairs as fit.
private func drawFigures(_ g: inout CellGrid, _ figures: [Figure], x: Int, y: Int, width: Int, labelRole: Role, separator: String = "   ") {
    let sepWidth = DisplayWidth.of(separator)
    func need(_ parts: ArraySlice<Figure>, short: Bool) -> Int {
        parts.reduce(0) { $0 + DisplayWidth.of(short ? $1.short : $1.label) + 1 + DisplayWidth.of($1.value) } + max(0, parts.count - 1) * sepWidth
    }
    var parts = figures[...]
    var short = false
    if need(parts, short: false) > width {
        short = true
        while need(parts, short: true) > width, parts.count > 1 { parts = parts.dropLast() }
    }
    var cx = x
    for (i, f) in parts.enumerated() {
        let label = short ? f.short : f.label
        let lw = DisplayWidth.of(label) + 1, vw = DisplayWidth.of(f.value)
        g.put(label + " ", x: cx, y: y, width: min(lw, x + width - cx), role: labelRole)
        g.put(f.value, x: cx + lw, y: y, width: min(vw, x + width - cx - lw), role: f.role)
        cx += lw + vw
        if i < parts.count - 1 { g.put(separator, x: cx, y: y, width: min(sepWidth, max(0, x + width - cx)), role: labelRole); cx += sepWidth }
    }
}

private enum LineColumn: Int, CaseIterable { case mark, no, date, text, party, amount, confidence, applied, difference, entries }

private let lineColumns: [Column] = [
    Column("", width: 2, priority: 0),
    Column("No.", width: 5, align: .right, priority: 3),
    Column("Date", width: 10, priority: 0),
    // The bank's text says most about a payment: it takes two thirds of any spare width.
    Column("Text", width: 14, flex: 2, priority: 0),
    Column("Related party", width: 14, flex: 1, priority: 1),
    Column("Amount", width: 11, align: .right, priority: 0),
    Column("Confidence", width: 10, priority: 0),
    Column("Applied", width: 11, align: .right, priority: 2),
    Column("Difference", width: 11, align: .right, priority: 1),
    Column("#", width: 2, align: .right, priority: 4),
]

/// The grid's column titles, for the column picker.
let journalColumnTitles = lineColumns.map(\.title)
func journalColumnWidth(_ i: Int) -> Int { lineColumns[i].width }

/// The columns with the widths the user set.
private func chosenColumns(_ s: AppState) -> [Column] {
    lineColumns.enumerated().map { i, c in
        var c = c
        c.width = max(2, c.width + (s.columnWidthChange[i] ?? 0))
        return c
    }
}

private func drawGrid(_ g: inout CellGrid, _ s: AppState, _ layout: JournalLayout) {
    let chosen = chosenColumns(s), t = s.t
    let cols = Column.layout(chosen, total: layout.grid.width, x: layout.grid.x, hidden: s.hiddenColumns)
    g.fill(x: layout.grid.x, y: layout.columnHeaderY, width: layout.grid.width, height: 1, role: .columnHeader)
    for c in cols {
        g.put(t(lineColumns[c.index].title), x: c.x, y: layout.columnHeaderY, width: c.width, role: .columnHeader, align: lineColumns[c.index].align)
    }
    if s.rowCount == 0 {
        g.put(s.isFiltered ? t("No line is %@ — f shows the next filter.", s.lineFilter.label(t)) : t("The journal has no lines."), x: layout.grid.x + 2,
              y: layout.grid.y + 1, width: layout.grid.width - 4, role: .detailLabel)
        return
    }
    let d = s.decimals
    for r in 0..<layout.grid.height {
        let row = s.scroll + r
        guard let line = s.line(atRow: row) else { break }
        let y = layout.grid.y + r
        let hl: Highlight = row == s.selected ? .selected : (s.marked.contains(line.lineNo) ? .marked : .none)
        let apps = s.snapshot.applications[line.lineNo] ?? []
        let applied = s.applied(atRow: row)
        let diff = line.amount - applied
        for c in cols {
            let text: String, role: Role
            switch LineColumn(rawValue: c.index)! {
            case .mark:
                // A pointer beside the flag keeps the selection visible without colour or reverse video.
                text = (row == s.selected ? "▶" : " ") + (s.marked.contains(line.lineNo) ? "•" : (line.confidence.needsReview ? "?" : " "))
                role = .rowMarked
            case .no: text = String(line.lineNo); role = .normal
            case .date: text = t.date(line.transactionDate); role = .normal
            case .text: text = line.text; role = .normal
            case .party: text = line.relatedPartyName ?? ""; role = .normal
            case .amount: text = t.amount(line.amount, d, width: c.width); role = .amount(line.amount.minor)
            case .confidence: text = t(line.confidence.label); role = .confidence(line.confidence)
            case .applied: text = applied.isZero ? "" : t.amount(applied, d, width: c.width); role = .normal
            case .difference: text = diff.isZero ? "" : t.amount(diff, d, width: c.width); role = .differenceNonZero
            case .entries: text = apps.isEmpty ? "" : String(apps.count); role = .normal
            }
            g.put(text, x: c.x, y: y, width: c.width, role: role, align: lineColumns[c.index].align, highlight: hl)
        }
        // The gaps between columns belong to the row too, so the selection bar is continuous.
        if hl != .none { g.highlight(y: y, x: layout.grid.x, width: layout.grid.width, hl) }
    }
}

// MARK: - detail pane

/// One line of the detail pane: a label column and a value, or a heading.
private struct DetailLine {
    var label: String
    var value: String
    var role: Role
    var heading = false
}

func detailLineCount(_ s: AppState) -> Int { detailLines(s).count }

private func detailLines(_ s: AppState) -> [DetailLine] {
    guard let line = s.currentLine else { return [] }
    let d = s.decimals, t = s.t
    var out: [DetailLine] = []
    let applied = s.snapshot.appliedAmount(of: line)
    out.append(DetailLine(label: t("Line %@", line.lineNo), value: "\(t.date(line.transactionDate))  \(t.amount(line.amount, d))  \(t(line.confidence.label))", role: .confidence(line.confidence), heading: true))
    out.append(DetailLine(label: t("Text"), value: line.text, role: .detail))
    if let info = line.additionalInfo, !info.isEmpty { out.append(DetailLine(label: t("Info"), value: info, role: .detail)) }
    let party = [line.relatedPartyName, line.relatedPartyAccount, line.relatedPartyCity].compactMap { $0 }.filter { !$0.isEmpty }
    if !party.isEmpty { out.append(DetailLine(label: t("Party"), value: party.joined(separator: " · "), role: .detail)) }
    if let r = line.reference, !r.isEmpty { out.append(DetailLine(label: t("Reference"), value: r, role: .detail)) }
    out.append(DetailLine(label: t("Applied"), value: t("%@   difference %@", t.amount(applied, d), t.amount(line.amount - applied, d)),
                          role: applied == line.amount ? .detail : .differenceNonZero))
    if let acc = line.account {
        out.append(DetailLine(label: t("Account"), value: "\(t(acc.type.displayName)) \(acc.no)  \(t.amount(line.accountAmount, d))", role: .detail))
    }
    if let detail = s.detail, detail.lineNo == line.lineNo { out += matchLines(detail, decimals: d, t: t) }
    // BC's "bank transaction details": every raw field the bank sent, last because it is long.
    let ids = [(t("End-to-end id"), line.endToEndId), (t("Bank tx id"), line.bankTransactionId)].compactMap { l, v in v.map { (l, $0) } }
    let raw = ids + line.details.map { ($0.key, $0.value) }
    if !raw.isEmpty {
        out.append(DetailLine(label: t("Bank details"), value: "", role: .detailLabel, heading: true))
        for (k, v) in raw { out.append(DetailLine(label: k, value: v, role: .detail)) }
    }
    return out
}

/// The evidence, applications and other candidates of the selected line.
private func matchLines(_ detail: DetailState, decimals d: Int, t: Catalogue) -> [DetailLine] {
    var out: [DetailLine] = []
    if let e = detail.error { out.append(DetailLine(label: t("Error"), value: e, role: .statusError)) }

    // The match in words: the evidence of what was applied, else of the best candidate.
    let evidence = detail.applied.first?.application.evidence ?? detail.candidates.first?.candidate.evidence ?? []
    if !evidence.isEmpty {
        out.append(DetailLine(label: t("Match details"), value: "", role: .detailLabel, heading: true))
        for e in evidence {
            out.append(DetailLine(label: evidenceLabels[e.dimension].map { t($0) } ?? e.dimension.rawValue,
                                  value: "\(e.value.replacingOccurrences(of: "_", with: " ")) — \(e.detail)", role: .detail))
        }
    }
    if !detail.applied.isEmpty {
        out.append(DetailLine(label: t("Applied to"), value: "", role: .detailLabel, heading: true))
        for a in detail.applied {
            let e = a.entry
            let what = e.map { "\(documentLabel($0, t)) \($0.documentNo)  \($0.partyNo) \($0.partyName)" } ?? t("entry %@ (not found)", "\(a.application.target)")
            out.append(DetailLine(label: "✓ " + t.amount(a.application.appliedAmount, d), value: "\(what)  \(t(a.application.confidence.label))",
                                  role: .confidence(a.application.confidence)))
        }
    }
    let appliedTargets = Set(detail.applied.map(\.application.target))
    let others = detail.candidates.filter { !appliedTargets.contains($0.candidate.target) }.prefix(20)
    if !others.isEmpty {
        out.append(DetailLine(label: t("Candidates"), value: t("score · confidence · entry · remaining"), role: .detailLabel, heading: true))
        for c in others {
            out.append(DetailLine(label: t("score %@", c.candidate.score),
                                  value: "\(t(c.candidate.confidence.label))  \(documentLabel(c.entry, t)) \(c.entry.documentNo)  \(c.entry.partyNo) \(c.entry.partyName)  \(t.amount(c.available, d))",
                                  role: .confidence(c.candidate.confidence)))
        }
    }
    return out
}

private func drawDetail(_ g: inout CellGrid, _ s: AppState, _ layout: JournalLayout) {
    let r = layout.detail, t = s.t
    let focused = s.focus == .detail
    let titleRole: Role = focused ? .dialogTitle : .columnHeader
    g.fill(x: r.x, y: r.y, width: r.width, height: r.height, role: .detail)
    if layout.detailBeside {
        for yy in r.y..<(r.y + r.height) { g.put("│", x: r.x - 1, y: yy, width: 1, role: .dialogBorder) }
    }
    g.put(focused ? t("Details (Tab: back to lines)") : t("Details"), x: r.x, y: r.y, width: r.width, role: titleRole)
    let lines = detailLines(s)
    let labelWidth = min(16, r.width / 3)
    let rows = r.height - 1
    let start = max(0, min(s.detailScroll, max(0, lines.count - rows)))
    for (i, l) in lines.dropFirst(start).prefix(rows).enumerated() {
        let y = r.y + 1 + i
        if l.heading {
            let lw = DisplayWidth.of(l.label) + 1
            g.put(l.label, x: r.x, y: y, width: min(lw, r.width), role: .detailLabel)
            if lw < r.width { g.put(l.value, x: r.x + lw, y: y, width: r.width - lw, role: l.role) }
        } else {
            g.put(l.label, x: r.x + 1, y: y, width: labelWidth - 1, role: .detailLabel)
            g.put(l.value, x: r.x + labelWidth + 1, y: y, width: r.width - labelWidth - 1, role: l.role)
        }
    }
}

// MARK: - status line

private func hintActions(_ mode: Mode) -> [Action] {
    switch mode {
    case .browse: return [.help, .quit, .applyManually, .accept, .remove, .undo, .post, .toggle, .nextReview, .search, .nextFilter, .nextSort, .transferDifference, .mapText, .acceptByConfidence, .switchPane]
    case .search, .accountPrompt, .chooseConfidence, .confirmApplyAutomatically, .bankDetails, .history, .importPrompt, .columnPicker: return []
    case .applyManually(let a) where a.editing != nil: return []
    case .applyManually: return [.toggle, .editAmount, .confirm, .back, .help]
    case .confirmPost: return [.toggle, .nextOption, .confirm, .back]
    case .help: return [.back]
    }
}

private func hintLabel(_ a: Action, _ context: KeyContext, _ t: Catalogue) -> String {
    switch (a, context) {
    case (.toggle, .apply): return t("Apply/unapply")
    case (.toggle, .post): return t("Choose")
    case (.confirm, .apply): return t("Apply")
    case (.confirm, .post): return t("Post")
    default: return t(a.hint)
    }
}

/// Key hints for the status line, in the current key map's terms.
public func statusHints(_ mode: Mode, keyMap: KeyMap, t: Catalogue = Catalogue(.en)) -> [(key: String, label: String)] {
    if case .applyManually(let a) = mode, a.editing != nil {
        return [("0-9 , .", t("type the amount")), ("Backspace", t("delete")), ("Enter", t("set amount")), ("Esc", t("cancel edit"))]
    }
    if case .columnPicker = mode {
        return [("↑/↓", t("column")), ("Space", t("show/hide")), ("< >", t("narrower/wider")), ("Esc", t("done"))]
    }
    if case .importPrompt = mode {
        return [("Tab", t("complete")), ("Enter", t("import")), ("Esc", t("cancel"))]
    }
    if case .history(let h) = mode {
        return h.statement == nil ? [("↑/↓", t("choose")), ("Enter", t("open journal / show lines")), ("Esc", t("back"))] : [("↑/↓", t("scroll")), ("Esc", t("back to the list"))]
    }
    if case .bankDetails = mode {
        return [("↑/↓", t("scroll")), ("Esc", t("close"))]
    }
    if case .confirmApplyAutomatically = mode {
        return [("Enter/k", t("keep them")), ("o", t("overwrite them")), ("Esc", t("cancel"))]
    }
    if case .chooseConfidence = mode {
        return [("↑/↓", t("choose")), ("Enter", t("accept")), ("Esc", t("cancel"))]
    }
    if case .search = mode {
        return [("Enter", t("keep")), ("Esc", t("back")), ("n/N", t("next/previous after Enter"))]
    }
    if case .accountPrompt = mode {
        return [("Tab", t("next field")), ("↑/↓", t("pick account")), ("←/→", t("account type")), ("Enter", t("save")), ("Esc", t("cancel"))]
    }
    let ctx = mode.keyContext
    return hintActions(mode).compactMap { a in
        guard let k = keyMap.keys(for: a, in: ctx).first else { return nil }
        return (k.name, hintLabel(a, ctx, t))
    }
}

private func drawStatus(_ g: inout CellGrid, _ s: AppState, keyMap: KeyMap, y: Int) {
    g.fill(x: 0, y: y, width: g.width, height: 1, role: .status)
    if case .search(let q) = s.mode {
        g.put("/" + q + "▏", x: 0, y: y, width: g.width, role: .status)
        return
    }
    if let m = s.status {
        g.put(m.text, x: 0, y: y, width: g.width, role: m.isError ? .statusError : .status)
        return
    }
    var x = 0
    for (key, label) in statusHints(s.mode, keyMap: keyMap, t: s.t) {
        let kw = DisplayWidth.of(key), lw = DisplayWidth.of(label)
        guard x + kw + 1 + lw <= g.width else { break }
        g.put(key, x: x, y: y, width: kw, role: .statusKey)
        g.put(label, x: x + kw + 1, y: y, width: lw, role: .status)
        x += kw + 1 + lw + 2
    }
}

// MARK: - apply manually (BC page 1292)

private enum ApplyColumn: Int { case check, applied, remaining, due, docType, docNo, extDoc, party, discDate, discount, confidence }

private let applyColumns: [Column] = [
    Column("✓", width: 1, priority: 0),
    Column("Applied amt.", width: 12, align: .right, priority: 0),
    Column("Rem. after", width: 12, align: .right, priority: 0),
    Column("Due date", width: 10, priority: 1),
    Column("Type", width: 8, priority: 2),
    Column("Doc. no.", width: 10, priority: 0),
    Column("Ext. doc.", width: 10, priority: 3),
    Column("Party", width: 12, flex: 1, priority: 0),
    Column("Disc. date", width: 10, priority: 4),
    Column("Rem. disc.", width: 10, align: .right, priority: 4),
    Column("Confidence", width: 10, priority: 1),
]

private func drawApply(_ g: inout CellGrid, _ a: ApplyState, state: AppState, layout: JournalLayout) {
    let box = layout.applyBox, d = a.decimals, t = state.t
    g.box(x: box.x, y: box.y, width: box.width, height: box.height, title: t("Apply manually — line %@", a.line.lineNo))
    let inner = box.width - 2, x0 = box.x + 1
    g.put("\(t.date(a.line.transactionDate))  \(t.amount(a.line.amount, d))  \(a.line.text)\(a.line.relatedPartyName.map { "  · " + $0 } ?? "")",
          x: x0, y: box.y + 1, width: inner, role: .dialog)
    let cols = Column.layout(applyColumns, total: inner, x: x0)
    let rows = layout.applyRows
    for c in cols {
        g.put(t(applyColumns[c.index].title), x: c.x, y: rows.y - 1, width: c.width, role: .columnHeader, align: applyColumns[c.index].align)
    }
    if a.rows.isEmpty {
        g.put(t("No open entries of this sign. Esc closes; the line can stay unapplied or be posted to an account."),
              x: x0 + 1, y: rows.y, width: inner - 2, role: .detailLabel)
    }
    for r in 0..<rows.height {
        let i = a.scroll + r
        guard i < a.rows.count else { break }
        let row = a.rows[i], e = row.row.entry
        let y = rows.y + r
        let hl: Highlight = i == a.selected ? .selected : .none
        let editingHere = a.editing?.row == i
        for c in cols {
            let text: String, role: Role
            switch ApplyColumn(rawValue: c.index)! {
            case .check: text = row.isApplied ? "✓" : " "; role = .confidence(.accepted)
            case .applied:
                if editingHere { text = (a.editing?.buffer ?? "") + "▏"; role = .dialogSelected }
                else { text = row.applied.map { t.amount($0, d, width: c.width) } ?? ""; role = .dialog }
            case .remaining:
                let rest = row.remainingAfterPosting(on: a.line.transactionDate)
                text = t.amount(rest, d, width: c.width); role = .amount(rest.minor)
            case .due: text = e.dueDate.map(t.date) ?? ""; role = .dialog
            case .docType: text = documentLabel(e, t); role = .dialog
            case .docNo: text = e.documentNo; role = .dialog
            case .extDoc: text = e.externalDocumentNo ?? ""; role = .dialog
            case .party: text = [e.partyNo, e.partyName].filter { !$0.isEmpty }.joined(separator: " ") + (e.description.map { "  " + $0 } ?? ""); role = .dialog
            case .discDate: text = e.pmtDiscountDate.map(t.date) ?? ""; role = .dialog
            case .discount: text = e.remainingPmtDiscPossible.isZero ? "" : t.amount(e.remainingPmtDiscPossible, d, width: c.width); role = .dialog
            case .confidence: text = t(row.row.candidate.confidence.label); role = .confidence(row.row.candidate.confidence)
            }
            g.put(text, x: c.x, y: y, width: c.width, role: role, align: editingHere && c.index == ApplyColumn.applied.rawValue ? .left : applyColumns[c.index].align, highlight: hl)
        }
        if hl != .none { g.highlight(y: y, x: x0, width: inner, hl) }
    }
    let ty = box.y + box.height - 3
    let diff = a.difference
    let totals = [
        Figure(label: t("Statement amount"), short: t("Amount"), value: t.amount(a.line.amount, d), role: .dialog),
        Figure(label: t("Applied amount"), short: t("Applied"), value: t.amount(a.appliedTotal, d), role: .dialog),
        Figure(label: t("Difference"), short: t("Diff"), value: t.amount(diff, d), role: diff.isZero ? .ok : .differenceNonZero),
    ]
    g.put(String(repeating: "─", count: inner), x: x0, y: ty - 1, width: inner, role: .dialogBorder)
    drawFigures(&g, totals, x: x0, y: ty, width: inner, labelRole: .detailLabel)
    if let sel = a.rows[safe: a.selected] {
        let ev = sel.row.candidate.evidence.map { "\(evidenceLabels[$0.dimension].map { t($0) } ?? $0.dimension.rawValue): \($0.detail)" }.joined(separator: " · ")
        g.put(ev.isEmpty ? t("score %@", sel.row.candidate.score) : t("score %@", sel.row.candidate.score) + " · " + ev, x: x0, y: ty + 1, width: inner, role: .detailLabel)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}

// MARK: - post dialog

private func drawPost(_ g: inout CellGrid, _ p: PostDialogState, state: AppState) {
    let st = state.stats, d = state.decimals, t = state.t
    var body: [(String, Role)] = []
    func radio(_ on: Bool) -> String { on ? "(•)" : "( )" }
    let options = [
        "\(radio(p.choice == .paymentsOnly)) " + t("Post payments only"),
        "\(radio(p.choice == .paymentsAndReconcile)) " + t("Post payments and reconcile bank account"),
        "[\(p.partial ? "x" : " ")] " + t("Post applied lines only, keep the others in the journal"),
    ]
    body.append(("", .dialog))
    let ok = st.computedEndingBalance == st.endingBalance
    // The labels padded to one width so the amounts start in one column in either language.
    let sums = [t("Balance last statement"), "+ " + t("statement lines"), "= " + t("computed ending balance"),
                t("Statement ending balance"), t("Balance after posting")]
    let sumWidth = sums.map { DisplayWidth.of($0) }.max() ?? 0
    let values = [st.balanceLastStatement, st.totalIn + st.totalOut, st.computedEndingBalance, st.endingBalance, st.balanceAfterPosting]
    let valueWidth = values.map { DisplayWidth.of(t.amount($0, d)) }.max() ?? 0
    // Amounts right-aligned under each other, as on paper.
    func sum(_ i: Int, _ value: Money) -> String {
        sums[i] + String(repeating: " ", count: sumWidth + 1 - DisplayWidth.of(sums[i])) + t.amount(value, d).leftPadded(valueWidth)
    }
    body.append((sum(0, st.balanceLastStatement), .dialog))
    body.append((sum(1, st.totalIn + st.totalOut), .dialog))
    body.append((sum(2, st.computedEndingBalance), .dialog))
    body.append((sum(3, st.endingBalance) + "  " + (ok ? t("✓ agrees") : t("✗ differs by %@", t.amount(st.endingBalance - st.computedEndingBalance, d))),
                 ok ? .ok : .problem))
    body.append((sum(4, st.balanceAfterPosting), .dialog))
    body.append(("", .dialog))
    if let plan = p.plan {
        let kept = plan.keptLineNos.count
        body.append((t("Preview: %@ lines post %@ ledger entries", plan.postedLineNos.count, plan.entries.count) + (kept > 0 ? t("; %@ lines stay", kept) : ""), .dialog))
        if plan.problems.isEmpty {
            body.append((t("Ready to post."), .ok))
        } else {
            body.append((t("Cannot post yet:"), .problem))
            for prob in plan.problems.prefix(max(1, state.height - 20)) { body.append(("  • " + prob, .problem)) }
            if plan.problems.count > max(1, state.height - 20) { body.append(("  " + t("… and %@ more", plan.problems.count - max(1, state.height - 20)), .problem)) }
        }
    } else if let e = p.planError {
        body.append((t("Preview failed: ") + e, .problem))
    }
    // Wide enough on a large terminal that posting problems read whole.
    let w = min(g.width - 4, 130)
    let h = min(g.height - 2, options.count + body.count + 3)
    let x = (g.width - w) / 2, y = max(0, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Post journal %@", state.snapshot.header.id))
    for (i, o) in options.enumerated() {
        g.put(o, x: x + 2, y: y + 1 + i, width: w - 4, role: i == p.focus ? .dialogSelected : .dialog, highlight: i == p.focus ? .selected : .none)
    }
    for (i, (text, role)) in body.enumerated() where y + 1 + options.count + i < y + h - 1 {
        g.put(text, x: x + 2, y: y + 1 + options.count + i, width: w - 4, role: role)
    }
}

// MARK: - account prompt

private func drawAccountPrompt(_ g: inout CellGrid, _ p: AccountPromptState, decimals d: Int, t: Catalogue) {
    let w = min(g.width - 4, 84)
    let listRows = p.choices.isEmpty ? 0 : max(3, min(8, g.height - 16, p.matches.count))
    let extra = p.purpose == .mapText ? 1 : 0
    let h = 8 + extra + (listRows > 0 ? listRows + 1 + extra / 2 : 0)
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    let title = p.purpose == .mapText ? t("Map text to account — line %@", p.line.lineNo) : t("Transfer difference to account — line %@", p.line.lineNo)
    g.box(x: x, y: y, width: w, height: h, title: title)
    g.put("\(t.date(p.line.transactionDate))  \(t.amount(p.line.amount, d))  \(p.line.text)", x: x + 2, y: y + 1, width: w - 4, role: .dialog)
    g.put((p.purpose == .mapText ? t("Amount to the account: ") : t("Difference to transfer: ")) + t.amount(p.amount, d),
          x: x + 2, y: y + 2, width: w - 4, role: .dialog)
    func field(_ f: AccountPromptState.Field, _ label: String, _ value: String, _ row: Int) {
        let focused = p.field == f
        g.put(label, x: x + 2, y: y + row, width: 16, role: .detailLabel)
        g.put(value + (focused && f != .type ? "▏" : ""), x: x + 19, y: y + row, width: w - 21,
              role: focused ? .dialogSelected : .dialog, highlight: focused ? .selected : .none)
    }
    let types = AccountType.allCases.map { $0 == p.accountType ? "(•) \(t($0.displayName))" : "( ) \(t($0.displayName))" }.joined(separator: "  ")
    field(.type, t("Account type"), types, 4)
    field(.number, p.choices.isEmpty ? t("Account no.") : t("Account (search)"), p.accountNo, 5)
    var row = 6
    if p.purpose == .mapText {
        field(.text, t("Mapping text"), p.mappingText, 6)
        let n = p.caught ?? 0
        g.put(t(n == 1 ? "Would also catch %@ other line of this journal, and future statements' lines with this text" : "Would also catch %@ other lines of this journal, and future statements' lines with this text", n),
              x: x + 2, y: y + 7, width: w - 4, role: n > 0 ? .ok : .detailLabel)
        row = 8
    }
    guard listRows > 0 else { return }
    let header = p.accountNo.isEmpty ? t("Type to search G/L accounts, customers and vendors by number or name")
        : (p.matches.isEmpty ? t("No account matches; Enter uses the number as typed")
           : t(p.matches.count == 1 ? "%@ match; ↑/↓ pick, Enter saves the highlighted one" : "%@ matches; ↑/↓ pick, Enter saves the highlighted one", p.matches.count))
    g.put(header, x: x + 2, y: y + row + 1, width: w - 4, role: .detailLabel)
    let first = max(0, min(p.pick - listRows + 1, p.matches.count - listRows))
    for r in 0..<listRows {
        let k = first + r
        guard k >= 0, k < p.matches.count else { break }
        let c = p.choices[p.matches[k]]
        let on = k == p.pick
        g.put("\(on ? "▶" : " ") \(t(c.type.displayName).padding(toLength: 12, withPad: " ", startingAt: 0)) \(c.no.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.name)",
              x: x + 2, y: y + row + 2 + r, width: w - 4, role: on ? .dialogSelected : .dialog, highlight: on ? .selected : .none)
    }
}

private func drawConfirmApplyAutomatically(_ g: inout CellGrid, _ n: Int, t: Catalogue) {
    let w = min(g.width - 4, 70), h = 7
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Apply automatically"))
    g.put(t(n == 1 ? "%@ line is accepted or applied manually." : "%@ lines are accepted or applied manually.", n), x: x + 2, y: y + 1, width: w - 4, role: .dialog)
    g.put("Enter / k   " + t("keep them as they are, match the other lines"), x: x + 2, y: y + 3, width: w - 4, role: .dialog)
    g.put("o           " + t("overwrite them too (u undoes)"), x: x + 2, y: y + 4, width: w - 4, role: .problem)
    g.put("Esc         " + t("cancel"), x: x + 2, y: y + 5, width: w - 4, role: .detailLabel)
}

extension AccountType {
    var displayName: String {
        switch self {
        case .gl: return "G/L account"
        case .customer: return "Customer"
        case .vendor: return "Vendor"
        }
    }
}

// MARK: - column picker

private func drawColumnPicker(_ g: inout CellGrid, _ s: AppState, selected: Int) {
    let n = journalColumnTitles.count, t = s.t
    let w = min(g.width - 4, 64), h = n + 3
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Columns"))
    let laid = Set(Column.layout(chosenColumns(s), total: JournalLayout(width: s.width, height: s.height).grid.width, hidden: s.hiddenColumns).map(\.index))
    for i in 1..<n {
        let on = i == selected
        let shown = !s.hiddenColumns.contains(i)
        let width = max(2, journalColumnWidth(i) + (s.columnWidthChange[i] ?? 0))
        let title = journalColumnTitles[i] == "#" ? t("# (entries)") : t(journalColumnTitles[i])
        let note = shown && !laid.contains(i) ? "  " + t("(no room here)") : ""
        g.put("\(on ? "▶" : " ") [\(shown ? "x" : " ")] \(title.padding(toLength: 14, withPad: " ", startingAt: 0)) \(t("width")) \(width)\(note)",
              x: x + 2, y: y + i, width: w - 4, role: on ? .dialogSelected : .dialog, highlight: on ? .selected : .none)
    }
    g.put(t("Space shows/hides · < > narrower/wider"), x: x + 2, y: y + h - 2, width: w - 4, role: .detailLabel)
}

// MARK: - import a statement

private func drawImportPrompt(_ g: inout CellGrid, _ p: ImportPromptState, t: Catalogue) {
    let listRows = min(p.completions.count, max(0, g.height - 12))
    let w = min(g.width - 4, 100), h = 6 + (listRows > 0 ? listRows + 1 : 0)
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Import a statement"))
    g.put(t("camt.052/053/054, MT940/942, Nets OCR, OFX or a CSV profile; the format is found from the content."),
          x: x + 2, y: y + 1, width: w - 4, role: .detailLabel)
    g.put(t("File"), x: x + 2, y: y + 3, width: 6, role: .detailLabel)
    // The end of a long path matters most: show its tail.
    let room = w - 12
    var shown = p.path
    while DisplayWidth.of(shown) > room - 2 { shown.removeFirst() }
    if shown != p.path { shown = "…" + shown }
    g.put(shown + "▏", x: x + 9, y: y + 3, width: room, role: .dialogSelected, highlight: .selected)
    if listRows > 0 {
        g.put(t("%@ entries fit; type more and Tab again:", p.completions.count), x: x + 2, y: y + 4, width: w - 4, role: .detailLabel)
        for (i, c) in p.completions.prefix(listRows).enumerated() { g.put(c, x: x + 4, y: y + 5 + i, width: w - 6, role: .dialog) }
    }
}

// MARK: - journals and history

private func drawHistory(_ g: inout CellGrid, _ h: HistoryState, state: AppState) {
    let d = state.decimals, t = state.t
    let w = g.width - 2, top = 1, height = g.height - 3
    g.box(x: 1, y: top, width: w, height: height, title: h.statement.map { t("Posted statement %@ · %@ · %@", $0.statementNo, $0.bankAccount, $0.note) } ?? t("Journals and history"))
    let x0 = 3, inner = w - 4
    let rows = height - 2
    if let _ = h.statement {
        let cols = [Column("No.", width: 5, align: .right), Column("Date", width: 10), Column("Text", width: 14, flex: 2),
                    Column("Party", width: 12, flex: 1, priority: 1), Column("Amount", width: 11, align: .right),
                    Column("Applied", width: 11, align: .right, priority: 1), Column("Confidence", width: 10, priority: 2),
                    Column("Account", width: 10, priority: 3)]
        let laid = Column.layout(cols, total: inner, x: x0)
        for c in laid { g.put(t(cols[c.index].title), x: c.x, y: top + 1, width: c.width, role: .columnHeader, align: cols[c.index].align) }
        if h.lines.isEmpty { g.put(t("No lines were posted from this statement."), x: x0, y: top + 2, width: inner, role: .detailLabel) }
        for (i, l) in h.lines.dropFirst(h.scroll).prefix(rows - 1).enumerated() {
            for c in laid {
                let text: String
                switch c.index {
                case 0: text = String(l.lineNo)
                case 1: text = t.date(l.date)
                case 2: text = l.text
                case 3: text = l.party
                case 4: text = t.amount(l.amount, d, width: c.width)
                case 5: text = t.amount(l.applied, d, width: c.width)
                case 6: text = t(l.confidence.label)
                default: text = l.account
                }
                g.put(text, x: c.x, y: top + 2 + i, width: c.width, role: c.index == 4 ? .amount(l.amount.minor) : .dialog, align: cols[c.index].align)
            }
        }
        return
    }
    if h.items.isEmpty { g.put(t("No journals yet: import a statement (avstem statement import FILE)."), x: x0, y: top + 1, width: inner, role: .detailLabel) }
    var y = top + 1
    var lastKind: HistoryItem.Kind?
    let first = max(0, h.selected - (rows - 3))
    for (i, item) in h.items.enumerated().dropFirst(first) {
        if item.kind != lastKind {
            guard y < top + height - 1 else { break }
            g.put(item.kind == .openJournal ? t("Open journals") : t("Posted statements"), x: x0 - 1, y: y, width: inner, role: .detailLabel)
            y += 1
            lastKind = item.kind
        }
        guard y < top + height - 1 else { break }
        let on = i == h.selected
        let kind = item.kind == .openJournal ? t("journal") : t("posted")
        let kindWidth = max(DisplayWidth.of(t("journal")), DisplayWidth.of(t("posted")))
        let text = "\(on ? "▶" : " ") \(kind.padding(toLength: kindWidth, withPad: " ", startingAt: 0)) \(String(item.id).padding(toLength: 4, withPad: " ", startingAt: 0)) \(item.bankAccount.padding(toLength: 12, withPad: " ", startingAt: 0)) \(t("statement")) \(item.statementNo.padding(toLength: 8, withPad: " ", startingAt: 0)) \(t.date(item.date))  \(String(item.lineCount).leftPadded(6)) \(t("lines"))  \(t.amount(item.amount, d).leftPadded(14)) \(item.currency)  \(item.note)"
        g.put(text, x: x0, y: y, width: inner, role: on ? .dialogSelected : .dialog, highlight: on ? .selected : .none)
        y += 1
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

// MARK: - bank transaction details

/// Every field the statement carried for the selected line, as label and value.
func bankDetailRows(_ s: AppState) -> [(String, String)] {
    guard let l = s.currentLine else { return [] }
    let t = s.t
    var rows: [(String, String?)] = [
        (t("Line no."), String(l.lineNo)), (t("Transaction date"), t.date(l.transactionDate)), (t("Value date"), l.valueDate.map(t.date)),
        (t("Amount"), t.amount(l.amount, s.decimals)), (t("Text"), l.text), (t("Additional info"), l.additionalInfo),
        (t("Related party"), l.relatedPartyName), (t("Party account"), l.relatedPartyAccount), (t("Party address"), l.relatedPartyAddress),
        (t("Party city"), l.relatedPartyCity), (t("Reference"), l.reference), (t("End-to-end id"), l.endToEndId),
        (t("Bank transaction id"), l.bankTransactionId), (t("Split from line"), l.parentLineNo.map(String.init)),
    ]
    rows += l.details.map { ($0.key, $0.value) }
    return rows.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : (k, $0) } }
}

private func drawBankDetails(_ g: inout CellGrid, _ s: AppState, scroll: Int) {
    let rows = bankDetailRows(s), t = s.t
    let w = min(g.width - 4, 120), h = min(g.height - 4, rows.count + 3)
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Bank transaction — line %@", s.currentLine?.lineNo ?? 0))
    let labelWidth = min(22, max(8, rows.map { DisplayWidth.of($0.0) }.max() ?? 8))
    let visible = h - 3
    let start = max(0, min(scroll, rows.count - visible))
    for (i, (k, v)) in rows.dropFirst(start).prefix(visible).enumerated() {
        g.put(k, x: x + 2, y: y + 1 + i, width: labelWidth, role: .detailLabel)
        g.put(v, x: x + 3 + labelWidth, y: y + 1 + i, width: w - labelWidth - 5, role: .dialog)
    }
    let more = rows.count > visible ? "  " + t("%@–%@ of %@ fields", start + 1, min(rows.count, start + visible), rows.count) : ""
    g.put(t("Esc closes") + more, x: x + 2, y: y + h - 2, width: w - 4, role: .detailLabel)
}

// MARK: - accept by confidence

private func drawConfidenceChoice(_ g: inout CellGrid, _ c: ConfidenceChoiceState, t: Catalogue) {
    let levels = ConfidenceChoiceState.levels
    let w = min(g.width - 4, 60), h = levels.count + 5
    let x = (g.width - w) / 2, y = max(1, (g.height - h) / 2)
    g.box(x: x, y: y, width: w, height: h, title: t("Accept every line at or above"))
    g.put(t("Lines with something applied that are not yet accepted:"), x: x + 2, y: y + 1, width: w - 4, role: .dialog)
    for (i, level) in levels.enumerated() {
        let on = i == c.selected
        let text = "\(on ? "▶" : " ") \(t(level.label).padding(toLength: 10, withPad: " ", startingAt: 0)) " + t.count(c.counts[i], "line", "lines")
        g.put(text, x: x + 2, y: y + 2 + i, width: w - 4, role: on ? .dialogSelected : .confidence(level), highlight: on ? .selected : .none)
    }
    g.put(t("Enter accepts them all (u undoes), Esc cancels"), x: x + 2, y: y + h - 2, width: w - 4, role: .detailLabel)
}

// MARK: - help

/// The help screen's lines, generated from the key map so it cannot drift from the bindings.
public func helpLines(_ keyMap: KeyMap, first: KeyContext, t: Catalogue = Catalogue(.en)) -> [(keys: String, text: String, heading: Bool)] {
    var out: [(String, String, Bool)] = []
    let order = [first] + KeyContext.allCases.filter { $0 != first && $0 != .help }
    for ctx in order {
        let bound = keyMap.bindings.filter { $0.context == ctx }
        guard !bound.isEmpty else { continue }
        out.append((t(ctx.title), "", true))
        var seen: [Action] = []
        for b in bound where !seen.contains(b.action) { seen.append(b.action) }
        for a in seen {
            let keys = bound.filter { $0.action == a }.map(\.key.name).joined(separator: ", ")
            out.append((keys, t(a.help(in: ctx)), false))
        }
        out.append(("", "", false))
    }
    out.append((t("Mouse"), "", true))
    out.append((t("click"), t("Select a line, or an entry in Apply manually; click the details to focus them"), false))
    out.append((t("wheel"), t("Scroll"), false))
    return out
}

private func drawHelp(_ g: inout CellGrid, _ h: HelpState, keyMap: KeyMap, t: Catalogue) {
    g.fill(x: 0, y: 0, width: g.width, height: 1, role: .header)
    g.put(t("avstem — keys   (edit $XDG_CONFIG_HOME/avstem/keys: bind [context] KEY action)"), x: 0, y: 0, width: g.width, role: .header)
    let lines = helpLines(keyMap, first: h.context, t: t)
    let keyWidth = min(18, lines.filter { !$0.heading }.map { DisplayWidth.of($0.keys) }.max() ?? 8)
    let rows = g.height - 2
    let start = max(0, min(h.scroll, max(0, lines.count - rows)))
    for (i, l) in lines.dropFirst(start).prefix(rows).enumerated() {
        let y = 1 + i
        if l.heading {
            g.put(l.keys, x: 1, y: y, width: g.width - 2, role: .detailLabel)
        } else {
            g.put(l.keys, x: 3, y: y, width: keyWidth, role: .helpKey)
            g.put(l.text, x: 4 + keyWidth, y: y, width: g.width - 5 - keyWidth, role: .help)
        }
    }
}
