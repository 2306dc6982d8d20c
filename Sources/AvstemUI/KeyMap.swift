import AvstemCore
import Foundation

/// A key as the terminal adapter reports it, independent of curses key codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
    /// Ctrl + a letter (`ctrl("c")`).
    case ctrl(Character)

    /// The name used in the key file and on the help screen: `j`, `Enter`, `PgDn`, `C-c`, `F5`, `Space`.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "C-\(c)"
        }
    }

    public init?(name: String) {
        let named: [String: Key] = [
            "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "home": .home, "end": .end, "enter": .enter, "return": .enter, "tab": .tab,
            "s-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "del": .delete, "delete": .delete,
            "esc": .escape, "escape": .escape,
        ]
        if let k = named[name.lowercased()] { self = k; return }
        if name.count == 1, let c = name.first { self = .char(c); return }
        if name.lowercased().hasPrefix("c-"), name.count == 3, let c = name.last { self = .ctrl(Character(c.lowercased())); return }
        if name.uppercased().hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        return nil
    }
}

/// Everything the user can ask for, declared once with its help text (tig's `REQ_` table):
/// the key map, the help screen and the status-line hints all come from here.
public enum Action: String, CaseIterable, Sendable, Hashable {
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top
    case bottom
    case switchPane = "switch-pane"
    case accept
    case remove
    case applyManually = "apply-manually"
    case toggle
    case editAmount = "edit-amount"
    case post
    case help
    case quit
    case back
    case confirm
    case nextOption = "next-option"
    case showNonApplied = "show-non-applied"
    case search
    case nextMatch = "next-match"
    case nextReview = "next-review"
    case transferDifference = "transfer-difference"
    case mapText = "map-text"
    case applyAutomatically = "apply-automatically"
    case nextFilter = "next-filter"
    case previousFilter = "previous-filter"
    case nextSort = "sort"
    case markAll = "mark-all"
    case acceptByConfidence = "accept-by-confidence"
    case undo
    case redo
    case previousMatch = "previous-match"
    case bankDetails = "bank-details"
    case history = "journals"
    case importStatement = "import-statement"
    case columns

    public var help: String {
        switch self {
        case .moveUp: return "Move to the previous line"
        case .moveDown: return "Move to the next line"
        case .pageUp: return "Scroll one page up"
        case .pageDown: return "Scroll one page down"
        case .top: return "Go to the first line"
        case .bottom: return "Go to the last line"
        case .switchPane: return "Switch between the lines and the detail pane"
        case .accept: return "Accept the applications of the marked (or current) lines"
        case .remove: return "Remove the applications of the marked (or current) lines"
        case .applyManually: return "Apply the current line manually to open entries"
        case .toggle: return "Mark or unmark the line / apply or unapply the entry"
        case .editAmount: return "Edit the amount to apply to the entry (or just type its digits)"
        case .post: return "Post the journal (payments only, or payments and reconcile)"
        case .help: return "Show this help"
        case .quit: return "Quit (closes a dialog first)"
        case .back: return "Close the dialog or help, cancel editing"
        case .confirm: return "Confirm the dialog"
        case .nextOption: return "Choose the next option"
        case .showNonApplied: return "Show only lines that are not fully applied, or all lines"
        case .search: return "Search text, party, reference or amount as you type (Enter keeps, Esc goes back)"
        case .nextMatch: return "Find the next line matching the last search"
        case .nextReview: return "Go to the next line to review (low/medium or with a difference)"
        case .transferDifference: return "Transfer the line's difference to a G/L, customer or vendor account"
        case .mapText: return "Map the line's text to an account, for this and future statements"
        case .applyAutomatically: return "Apply automatically: match every line again, keeping accepted and manual ones"
        case .nextFilter: return "Next filter: all, not fully applied, for review, partly applied, by confidence"
        case .previousFilter: return "Previous filter"
        case .nextSort: return "Sort by statement order, date, amount, confidence or for-review order"
        case .markAll: return "Mark every line the filter shows (again: unmark them)"
        case .acceptByConfidence: return "Accept every line at or above a chosen confidence"
        case .undo: return "Undo the last journal edit (until posting)"
        case .redo: return "Redo what undo took back"
        case .previousMatch: return "Find the previous line matching the last search"
        case .bankDetails: return "Show every field the bank sent for the line (raw transaction details)"
        case .history: return "Journals and history: open another journal, view posted statements"
        case .importStatement: return "Import a statement file into a new journal (Tab completes the path)"
        case .columns: return "Choose the grid's columns (Space shows/hides) and their widths (< and >)"
        }
    }

    /// The help text as it reads on one screen's table.
    public func help(in context: KeyContext) -> String {
        switch (self, context) {
        case (.toggle, .journal): return "Mark or unmark the line for accept/remove"
        case (.toggle, .apply): return "Apply or unapply the selected entry (as much as is left)"
        case (.toggle, .post): return "Choose the selected option"
        case (.confirm, .apply): return "Apply the ticked entries to the line (or set the typed amount)"
        case (.confirm, .post): return "Post"
        default: return help
        }
    }

    /// Short label for the status line.
    public var hint: String {
        switch self {
        case .accept: return "Accept"
        case .remove: return "Remove"
        case .applyManually: return "Apply manually"
        case .toggle: return "Mark"
        case .post: return "Post"
        case .help: return "Help"
        case .quit: return "Quit"
        case .back: return "Cancel"
        case .confirm: return "Confirm"
        case .editAmount: return "Edit amount"
        case .switchPane: return "Pane"
        case .nextOption: return "Option"
        case .showNonApplied: return "Unapplied"
        case .search: return "Search"
        case .nextMatch: return "Next match"
        case .nextReview: return "Next to review"
        case .transferDifference: return "Transfer diff."
        case .mapText: return "Map text"
        case .applyAutomatically: return "Apply auto."
        case .nextFilter: return "Filter"
        case .previousFilter: return "Prev. filter"
        case .nextSort: return "Sort"
        case .markAll: return "Mark all"
        case .acceptByConfidence: return "Accept by conf."
        case .undo: return "Undo"
        case .redo: return "Redo"
        case .previousMatch: return "Prev. match"
        case .bankDetails: return "Bank details"
        case .history: return "Journals"
        case .importStatement: return "Import"
        case .columns: return "Columns"
        default: return rawValue
        }
    }
}

/// Where a binding applies. `generic` bindings hold everywhere unless the screen's own
/// table binds the same key (tig's `bind generic` / `bind main`).
public enum KeyContext: String, CaseIterable, Sendable, Hashable {
    case generic, journal, apply, post, help

    public var title: String {
        switch self {
        case .generic: return "Everywhere"
        case .journal: return "Journal"
        case .apply: return "Apply manually"
        case .post: return "Post"
        case .help: return "Help"
        }
    }
}

public struct KeyBinding: Hashable, Sendable {
    public var context: KeyContext
    public var key: Key
    public var action: Action
}

public struct KeyMap: Sendable, Equatable {
    /// In declaration order, which is the order of the help screen.
    public private(set) var bindings: [KeyBinding]
    private var index: [KeyContext: [Key: Action]]

    public init(bindings: [KeyBinding]) {
        self.bindings = []
        index = [:]
        for b in bindings { bind(b.key, to: b.action, in: b.context) }
    }

    public mutating func bind(_ key: Key, to action: Action, in context: KeyContext = .generic) {
        bindings.removeAll { $0.context == context && $0.key == key }
        bindings.append(KeyBinding(context: context, key: key, action: action))
        index[context, default: [:]][key] = action
    }

    public mutating func unbind(_ key: Key, in context: KeyContext) {
        bindings.removeAll { $0.context == context && $0.key == key }
        index[context]?[key] = nil
    }

    public func action(for key: Key, in context: KeyContext) -> Action? {
        index[context]?[key] ?? index[.generic]?[key]
    }

    /// The keys that trigger `action` in `context` (own bindings first), for hints.
    public func keys(for action: Action, in context: KeyContext) -> [Key] {
        let own = bindings.filter { $0.context == context && $0.action == action }.map(\.key)
        let generic = bindings.filter { $0.context == .generic && $0.action == action && index[context]?[$0.key] == nil }.map(\.key)
        return own + generic
    }

    public static let defaults: KeyMap = {
        var m = KeyMap(bindings: [])
        let generic: [(Key, Action)] = [
            (.up, .moveUp), (.char("k"), .moveUp), (.down, .moveDown), (.char("j"), .moveDown),
            (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .top), (.char("g"), .top),
            (.end, .bottom), (.char("G"), .bottom), (.tab, .switchPane), (.char("?"), .help),
            (.function(1), .help), (.char("q"), .quit), (.ctrl("c"), .quit), (.escape, .back),
        ]
        for (k, a) in generic { m.bind(k, to: a) }
        let journal: [(Key, Action)] = [
            (.char("a"), .accept), (.char("r"), .remove), (.enter, .applyManually), (.char(" "), .toggle),
            (.char("p"), .post), (.char("U"), .showNonApplied), (.char("/"), .search), (.char("n"), .nextMatch),
            (.char("N"), .previousMatch), (.char("]"), .nextReview), (.char("t"), .transferDifference), (.char("m"), .mapText),
            (.char("A"), .applyAutomatically), (.char("f"), .nextFilter), (.char("F"), .previousFilter), (.char("s"), .nextSort),
            (.char("*"), .markAll), (.char("c"), .acceptByConfidence), (.char("u"), .undo), (.ctrl("r"), .redo), (.char("d"), .bankDetails), (.char("J"), .history), (.char("I"), .importStatement), (.char("C"), .columns),
        ]
        for (k, a) in journal { m.bind(k, to: a, in: .journal) }
        let apply: [(Key, Action)] = [
            (.char(" "), .toggle), (.char("e"), .editAmount), (.enter, .confirm), (.function(2), .editAmount),
        ]
        for (k, a) in apply { m.bind(k, to: a, in: .apply) }
        let post: [(Key, Action)] = [
            (.char(" "), .toggle), (.tab, .nextOption), (.enter, .confirm),
        ]
        for (k, a) in post { m.bind(k, to: a, in: .post) }
        return m
    }()

    /// Reads `bind [CONTEXT] KEY ACTION` and `unbind [CONTEXT] KEY` lines over the defaults;
    /// `#` starts a comment. Errors name the file and line.
    public static func parse(_ text: String, file: String = "keys", over base: KeyMap = .defaults) throws -> KeyMap {
        var m = base
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { continue }
            func fail(_ why: String) -> UserError { UserError("\(file):\(i + 1): \(why)") }
            guard words[0] == "bind" || words[0] == "unbind" else { throw fail("expected 'bind' or 'unbind', found '\(words[0])'") }
            var rest = Array(words.dropFirst())
            var context = KeyContext.generic
            if rest.count >= 2, let c = KeyContext(rawValue: rest[0]) { context = c; rest.removeFirst() }
            if words[0] == "unbind" {
                guard rest.count == 1, let key = Key(name: rest[0]) else { throw fail("usage: unbind [context] KEY") }
                m.unbind(key, in: context)
                continue
            }
            guard rest.count == 2 else { throw fail("usage: bind [context] KEY ACTION") }
            guard let key = Key(name: rest[0]) else { throw fail("unknown key '\(rest[0])'") }
            guard let action = Action(rawValue: rest[1]) else {
                throw fail("unknown action '\(rest[1])' (one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            m.bind(key, to: action, in: context)
        }
        return m
    }

    /// The defaults with `$XDG_CONFIG_HOME/avstem/keys` (else `~/.config/avstem/keys`) over them, when it exists.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KeyMap {
        guard let config = environment["XDG_CONFIG_HOME"] ?? environment["HOME"].map({ $0 + "/.config" }) else { return .defaults }
        let path = config + "/avstem/keys"
        guard let data = FileManager.default.contents(atPath: path) else { return .defaults }
        guard let text = String(data: data, encoding: .utf8) else { throw UserError("\(path): not UTF-8") }
        return try parse(text, file: path)
    }
}
