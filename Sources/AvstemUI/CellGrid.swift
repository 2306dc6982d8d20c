/// The screen as data: a fixed grid of cells that screens draw into and that the terminal
/// adapter (or a snapshot test) reads back. Nothing here knows about curses.

public enum Align: Sendable { case left, right, center }

/// How a row is emphasised on top of its cells' roles: the selected row keeps the
/// confidence colours of its cells and gets the selection attributes over them.
public enum Highlight: UInt8, Sendable, Hashable { case none, selected, marked }

public struct Cell: Hashable, Sendable {
    /// One grapheme cluster (a base character with its combining marks), or "" for the
    /// second column of a wide character.
    public var text: String
    public var role: Role
    public var highlight: Highlight
    /// True for the right half of a double-width character: the terminal skips it.
    public var isContinuation: Bool

    public init(text: String = " ", role: Role = .normal, highlight: Highlight = .none, isContinuation: Bool = false) {
        self.text = text; self.role = role; self.highlight = highlight; self.isContinuation = isContinuation
    }
}

/// Terminal column widths, as wcwidth would give them, without depending on the C locale
/// (tests run without one, and the UI module must not call curses or libc locale code).
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a >= 0x20 && a < 0x7F ? 1 : 0 }
        guard let first = c.unicodeScalars.first else { return 0 }
        // A cluster that starts with a combining mark (a mark with no base) still occupies nothing.
        return of(scalar: first)
    }

    public static func of(_ s: String) -> Int {
        // Most of a journal is printable ASCII: one column a byte, no Unicode tables needed.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        // Latin text (æøå, no-break spaces in Norwegian amounts): below U+0300 there are no
        // combining marks and no wide characters, so one column a scalar, without finding clusters.
        var latin = 0
        for u in s.unicodeScalars {
            guard u.value < 0x300 else { latin = -1; break }
            latin += Self.latinWidth(u.value)
        }
        if latin >= 0 { return latin }
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// Below U+0300: controls and the soft hyphen take no column, everything else one.
    @inline(__always) static func latinWidth(_ v: UInt32) -> Int {
        v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xAD ? 0 : 1
    }

    public static func of(scalar s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return latinWidth(v) }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15 EastAsianWidth.txt, coalesced) and
    /// emoji with default emoji presentation.
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320,
             0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
             0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
             0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
             0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
             0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `s` that fits in `width` columns, with `…` when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var w = 0
        for c in s {
            let cw = of(c)
            if w + cw > width - 1 { break }
            out.append(c); w += cw
        }
        return out + "…"
    }
}

public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` into columns `x ..< x + width` of row `y`, aligned, cut with `…` when it
    /// does not fit, padding the rest with spaces of the same role. Never writes outside
    /// that span, so a long value cannot spill into the next column.
    public mutating func put(_ text: String, x: Int, y: Int, width span: Int, role: Role = .normal,
                             align: Align = .left, highlight: Highlight = .none) {
        guard y >= 0, y < height, span > 0 else { return }
        let x0 = max(0, x), x1 = min(width, x + span)
        guard x0 < x1 else { return }
        let cleaned = Self.printable(text)
        let fitted = DisplayWidth.truncate(cleaned, to: span)
        let w = DisplayWidth.of(fitted)
        let pad = span - w
        let lead: Int
        switch align {
        case .left: lead = 0
        case .right: lead = pad
        case .center: lead = pad / 2
        }
        for cx in x0..<x1 { set(cx, y, Cell(text: " ", role: role, highlight: highlight)) }
        var cx = x + lead
        for c in fitted {
            let cw = DisplayWidth.of(c)
            if cw == 0 {
                // A mark with no base in this span attaches to the previous cell, if ours.
                if cx - 1 >= x0 {
                    var prev = self[cx - 1, y]
                    if prev.isContinuation, cx - 2 >= x0 { prev = self[cx - 2, y]; prev.text.append(c); set(cx - 2, y, prev) }
                    else { prev.text.append(c); set(cx - 1, y, prev) }
                }
                continue
            }
            if cx >= x0 && cx + cw <= x1 {
                set(cx, y, Cell(text: String(c), role: role, highlight: highlight))
                if cw == 2 { set(cx + 1, y, Cell(text: "", role: role, highlight: highlight, isContinuation: true)) }
            }
            cx += cw
        }
    }

    /// Sets the cell and repairs a wide character that the write cut in half, so the grid
    /// never holds a lone half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, !cell.isContinuation, x > 0 { cells[i - 1].text = " " }
        if !old.isContinuation, DisplayWidth.of(old.text) == 2, DisplayWidth.of(cell.text) != 2,
           x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1].text = " "; cells[i + 1].isContinuation = false
        }
        cells[i] = cell
    }

    /// Fills a rectangle with spaces of one role: backgrounds of dialogs and rows.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: Role, highlight: Highlight = .none) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { set(xx, yy, Cell(text: " ", role: role, highlight: highlight)) }
        }
    }

    /// Marks every cell of row `y` in `x ..< x + w` with a highlight, keeping texts and roles.
    public mutating func highlight(y: Int, x: Int = 0, width w: Int? = nil, _ h: Highlight) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + (w ?? width)) { cells[y * width + xx].highlight = h }
    }

    /// A box drawn with line characters; the title sits in the top border.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String = "", role: Role = .dialogBorder) {
        guard w >= 2, h >= 2 else { return }
        fill(x: x, y: y, width: w, height: h, role: .dialog)
        put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, width: w, role: role)
        for yy in (y + 1)..<(y + h - 1) {
            put("│", x: x, y: yy, width: 1, role: role)
            put("│", x: x + w - 1, y: yy, width: 1, role: role)
        }
        put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, width: w, role: role)
        if !title.isEmpty {
            let t = " " + title + " "
            put(t, x: x + 2, y: y, width: min(DisplayWidth.of(t), w - 4), role: role)
        }
    }

    /// Control characters (tabs, newlines from bank text) would move the terminal cursor.
    static func printable(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// The grid as plain text, one line per row, trailing spaces cut: what snapshot files hold.
    public func text() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { line += c.text }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row as text (tests look for a line without comparing the whole screen).
    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<width where !cells[y * width + x].isContinuation { line += cells[y * width + x].text }
        return line
    }
}
