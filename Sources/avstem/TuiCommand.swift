import ArgumentParser
import AvstemCore
import AvstemStore
import AvstemTerminal
import AvstemUI
import Foundation

struct DisplayOptions: ParsableArguments {
    @Option(help: "Colour theme: dark, light, high-contrast, colour-blind, mono, or a path to a theme file.")
    var theme: String?

    @Option(help: "Language of the screens: en or nb (Norwegian bokmål). Default: from LC_ALL, LC_MESSAGES or LANG.")
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil { throw ValidationError("--lang must be en or nb (Norwegian bokmål), not '\(lang)'") }
    }

    func language(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Language {
        guard let lang else { return Language.fromEnvironment(environment) }
        guard let l = Language(code: lang) else { throw ValidationError("--lang must be en or nb (Norwegian bokmål), not '\(lang)'") }
        return l
    }
}

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the payment reconciliation journal.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Journal id (default: the only open journal).") var journal: Int64?
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let db = try AppDatabase(path: database.path)
        let id = try db.resolveJournal(journal)
        try TuiCommand.open(db: db, journalId: id, display: display)
    }

    static func open(db: AppDatabase, journalId: Int64, display: DisplayOptions) throws {
        let backend = try StoreBackend(db: db, journalId: journalId)
        let theme = try ThemeLoader.load(name: display.theme)
        let language = try display.language()
        backend.language = language
        let reason = try runJournalApp(backend: backend, theme: theme, keyMap: KeyMap.load(), language: language)
        if case .signal(let sig) = reason { throw ExitCode(128 + sig) }
    }
}
