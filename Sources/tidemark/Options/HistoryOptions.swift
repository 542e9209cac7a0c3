import ArgumentParser
import HistoryStore

/// Where the history lives.
struct HistoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The history database (SQLite); created on first use.", valueName: "PATH"))
    var history: String = HistoryStore.defaultPath

    /// Opens the history, turning its errors into the CLI's.
    func open() throws -> HistoryStore {
        do {
            return try HistoryStore(path: history)
        } catch {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
    }
}
