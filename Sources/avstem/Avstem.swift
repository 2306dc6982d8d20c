import ArgumentParser
import AvstemCore
import Foundation

@main
struct Avstem: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avstem",
        abstract: "Payment reconciliation journal for the terminal.",
        subcommands: [TuiCommand.self, DemoCommand.self, BooksCommand.self, StatementCommand.self, MatchCommand.self,
                      JournalCommand.self, PostCommand.self, ExportCommand.self, AuditCommand.self, BenchCommand.self,
                      RulesCommand.self, MemoryCommand.self, CheckCommand.self, ApplyCommand.self],
        defaultSubcommand: TuiCommand.self
    )

    /// The spec's exit codes: 0 success, 1 user error (one line on stderr naming what and where),
    /// 2 internal failure. Argument errors are user errors too, so they exit 1, not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data("avstem: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            FileHandle.standardError.write(Data("avstem: internal error: \(error)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// `--db PATH`, else `AVSTEM_DB`, else `./avstem.sqlite` (spec §1).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite books file (default: $AVSTEM_DB, else ./avstem.sqlite).")
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["AVSTEM_DB"], !env.isEmpty { return env }
        return "avstem.sqlite"
    }
}

/// A command's result printed for scripts: `--json` or a plain line.
func printJSON(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
