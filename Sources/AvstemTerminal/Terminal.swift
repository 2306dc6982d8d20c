import AvstemCore
import AvstemUI
import CNCursesW
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only place that talks to ncurses: draws a `CellGrid`, reads keys, mouse and resizes,
/// and gives the terminal back in the state it found it.
public final class Terminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    private var files: [UnsafeMutablePointer<FILE>] = []
    private let theme: Theme
    private let colour: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var styleCache: [StyleKey: (attr_t, Int16)] = [:]
    private var last: CellGrid?
    private var restored = false
    private let interactive: Bool

    private struct PairKey: Hashable { var fg: Int16; var bg: Int16 }
    private struct StyleKey: Hashable { var role: Role; var highlight: Highlight }

    /// Opens the user's terminal. Fails with a user error when stdin/stdout is not a terminal.
    public convenience init(theme: Theme) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw UserError("avstem tui needs a terminal (stdin and stdout must be a TTY)") }
        avstem_setup_locale()
        guard let scr = newterm(nil, avstem_stdout(), avstem_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw UserError("cannot open the terminal (TERM=\(term))")
        }
        try self.init(screen: scr, theme: theme, interactive: true)
    }

    /// Renders into nothing: `newterm` on /dev/null with a fixed size, for tests without a TTY.
    public convenience init(headlessWidth width: Int, height: Int, theme: Theme, term: String? = nil) throws {
        avstem_setup_locale()
        guard let out = fopen("/dev/null", "w"), let inp = fopen("/dev/null", "r") else { throw UserError("/dev/null: cannot open") }
        var scr: OpaquePointer?
        // CI often has no TERM; any terminfo entry with cursor addressing will do.
        let candidates = term.map { [$0] } ?? [getenv("TERM").map { String(cString: $0) }, "xterm-256color", "xterm", "vt100"].compactMap { $0 }
        for name in candidates where scr == nil {
            scr = newterm(name, out, inp)
        }
        guard let scr else { fclose(out); fclose(inp); throw UserError("no usable terminfo entry for a headless terminal") }
        try self.init(screen: scr, theme: theme, interactive: false)
        files = [out, inp]
        resizeterm(Int32(height), Int32(width))
    }

    private init(screen: OpaquePointer, theme: Theme, interactive: Bool) throws {
        self.screen = screen
        set_term(screen)
        guard let w = avstem_stdscr() else { throw UserError("ncurses gave no screen") }
        window = w
        self.theme = theme
        self.interactive = interactive
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        var useColour = false
        if theme.usesColour && has_colors() {
            start_color()
            use_default_colors()
            useColour = true
        }
        colour = useColour
        if interactive {
            mousemask(avstem_mouse_buttons(), nil)
            mouseinterval(0)
            avstem_install_signal_handlers()
        }
    }

    deinit { restore() }

    /// Idempotent; called on every way out of the app.
    public func restore() {
        guard !restored else { return }
        restored = true
        set_term(screen)
        if interactive {
            mousemask(0, nil)
            curs_set(1)
        }
        endwin()
        delscreen(screen)
        for f in files { fclose(f) }
        if interactive { avstem_reset_signal_handlers() }
    }

    public var width: Int { Int(avstem_getmaxx(window)) }
    public var height: Int { Int(avstem_getmaxy(window)) }

    /// A termination signal (SIGINT, SIGTERM, SIGHUP) received since the last call, or 0.
    public func takeSignal() -> Int32 { avstem_take_signal() }

    // MARK: drawing

    private func colourIndex(_ c: Color) -> Int16 {
        switch c {
        case .default: return -1
        case .index(let i):
            let n = Int(avstem_colors())
            if i < n { return Int16(i) }
            // A bright colour on an 8-colour terminal becomes its base colour; a 256-colour one has no good stand-in.
            return i < 16 ? Int16(i - 8) : -1
        }
    }

    private func attributes(for role: Role, _ highlight: Highlight) -> (attr_t, Int16) {
        let key = StyleKey(role: role, highlight: highlight)
        if let hit = styleCache[key] { return hit }
        var style = theme.style(for: role, highlight: highlight)
        // A selection drawn only by its background vanishes where that background cannot be
        // shown (no colour, or a 256-colour index on an 8-colour terminal): use reverse video.
        let bgLost = style.bg != .default && (!colour || colourIndex(style.bg) == -1)
        if bgLost && highlight == .selected { style.attributes.insert(.reverse) }
        var attrs = avstem_a_normal()
        if style.attributes.contains(.bold) { attrs |= avstem_a_bold() }
        if style.attributes.contains(.reverse) { attrs |= avstem_a_reverse() }
        if style.attributes.contains(.underline) { attrs |= avstem_a_underline() }
        if style.attributes.contains(.dim) { attrs |= avstem_a_dim() }
        var pair: Int16 = 0
        if colour {
            let pk = PairKey(fg: colourIndex(style.fg), bg: colourIndex(style.bg))
            if pk.fg == -1 && pk.bg == -1 {
                pair = 0
            } else if let p = pairs[pk] {
                pair = p
            } else if pairs.count + 1 < min(Int(avstem_color_pairs()), Int(Int16.max)) {
                pair = Int16(pairs.count + 1)
                init_pair(pair, pk.fg, pk.bg)
                pairs[pk] = pair
            }
        }
        styleCache[key] = (attrs, pair)
        return (attrs, pair)
    }

    /// Draws the grid; cells unchanged since the last frame are skipped (ncurses then sends
    /// only what differs on the wire).
    public func draw(_ grid: CellGrid) {
        set_term(screen)
        let sizeChanged = last.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if sizeChanged { werase(window); last = nil }
        let maxY = min(grid.height, height), maxX = min(grid.width, width)
        var cc = cchar_t()
        var wide = [wchar_t](repeating: 0, count: 8)
        for y in 0..<maxY {
            for x in 0..<maxX {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if let l = last, l[x, y] == cell { continue }
                var n = 0
                for s in cell.text.unicodeScalars where n < 5 { wide[n] = wchar_t(bitPattern: s.value); n += 1 }
                if n == 0 { wide[0] = 0x20; n = 1 }
                wide[n] = 0
                let (attrs, pair) = attributes(for: cell.role, cell.highlight)
                setcchar(&cc, wide, attrs, pair, nil)
                // The bottom-right cell reports ERR because the cursor cannot advance; it is still drawn.
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
            }
        }
        last = grid
        wnoutrefresh(window)
        doupdate()
    }

    /// What curses holds for one cell: its characters, attributes and colour pair.
    private func readCell(x: Int, y: Int) -> (text: String, attrs: attr_t, pair: Int16) {
        set_term(screen)
        var cc = cchar_t()
        var wide = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        mvwin_wch(window, Int32(y), Int32(x), &cc)
        getcchar(&cc, &wide, &attrs, &pair, nil)
        var text = ""
        for w in wide {
            if w == 0 { break }
            if let u = Unicode.Scalar(UInt32(bitPattern: w)) { text.unicodeScalars.append(u) }
        }
        return (text, attrs, pair)
    }

    /// The attributes curses holds for a cell, in the theme's terms (tests check the mapping).
    public func attributes(x: Int, y: Int) -> Attributes {
        let attrs = readCell(x: x, y: y).attrs
        var out: Attributes = []
        if attrs & avstem_a_bold() != 0 { out.insert(.bold) }
        if attrs & avstem_a_reverse() != 0 { out.insert(.reverse) }
        if attrs & avstem_a_underline() != 0 { out.insert(.underline) }
        if attrs & avstem_a_dim() != 0 { out.insert(.dim) }
        return out
    }

    /// Whether the cell at x, y is drawn with a colour pair other than the default.
    public func hasColour(x: Int, y: Int) -> Bool { readCell(x: x, y: y).pair != 0 }

    /// What the window holds now, as text: lets tests check what reached curses.
    public func screenText() -> String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            var x = 0
            while x < width {
                let text = readCell(x: x, y: y).text
                line += text
                x += max(1, DisplayWidth.of(text))
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: input

    /// The next input event, or nil when none arrived within `timeout` milliseconds (0: only
    /// what is already waiting).
    public func readEvent(timeout: Int32 = 200) -> InputEvent? {
        set_term(screen)
        wtimeout(window, timeout)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR { return nil }
        let code = Int32(bitPattern: ch)
        if r == KEY_CODE_YES {
            switch code {
            case KEY_RESIZE:
                last = nil
                return .resize(width: width, height: height)
            case KEY_MOUSE:
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return nil }
                let kind: MouseKind
                if ev.bstate & avstem_button4_pressed() != 0 { kind = .wheelUp }
                else if ev.bstate & avstem_button5_pressed() != 0 { kind = .wheelDown }
                else if ev.bstate & avstem_button1_clicked() != 0 { kind = .click }
                else { return nil }
                return .mouse(MouseEvent(x: Int(ev.x), y: Int(ev.y), kind: kind))
            default:
                return Terminal.key(forKeyCode: code).map { .key($0) }
            }
        }
        return Terminal.key(forCharacter: UInt32(ch)).map { .key($0) }
    }

    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        default:
            for n in 1...24 where code == avstem_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Plain characters: control codes become named keys, the rest characters.
    public static func key(forCharacter c: UInt32) -> Key? {
        switch c {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(c + 96)!))
        default:
            guard c >= 32, let s = Unicode.Scalar(c) else { return nil }
            return .char(Character(s))
        }
    }
}

/// Why the app ended.
public enum ExitReason: Equatable, Sendable {
    case quit
    /// SIGINT, SIGTERM or SIGHUP: the caller should exit with 128 + signal.
    case signal(Int32)
}

/// The journal app's main loop: render, wait for input, reduce, repeat. Backend errors show in
/// the status line; the terminal is restored however the loop ends.
@discardableResult
public func runJournalApp(backend: JournalBackend, theme: Theme, keyMap: KeyMap, language: Language = .en) throws -> ExitReason {
    let term = try Terminal(theme: theme)
    defer { term.restore() }
    var state: AppState
    do {
        // The first frame without the detail pane: building the matcher for it can take seconds on large books.
        state = AppState(snapshot: try backend.snapshot(), width: term.width, height: term.height)
        state.language = language
        term.draw(render(state, keyMap: keyMap))
        settle(&state, backend: backend)
    } catch {
        term.restore()
        throw error
    }
    var dirty = true
    while true {
        let sig = term.takeSignal()
        if sig != 0 { return .signal(sig) }
        if dirty {
            term.draw(render(state, keyMap: keyMap))
            dirty = false
        }
        // The poll interval bounds how long a signal waits to be noticed.
        guard var event = term.readEvent(timeout: 200) else { continue }
        var reaction: Reaction = []
        // Handle everything already typed before drawing or loading details: key repeat and
        // pasted digits must not queue up behind slow frames.
        while true {
            reaction.formUnion(handle(event, state: &state, keyMap: keyMap, backend: backend))
            if reaction.contains(.quit) { return .quit }
            guard let next = term.readEvent(timeout: 0) else { break }
            event = next
        }
        // Show the key's effect first; the detail pane (candidates from the matcher) fills in after.
        if reaction.contains(.redraw) || reaction.contains(.loadDetail) { term.draw(render(state, keyMap: keyMap)) }
        if reaction.contains(.loadDetail) {
            settle(&state, backend: backend)
            dirty = true
        }
    }
}
