import ArgumentParser
import HistoryStore

/// Where the history lives.
struct HistoryOptions: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The history database (SQLite), created on first use (default: tidemark.toml's, else \(HistoryStore.defaultPath)).",
            valueName: "PATH"))
    var explicitPath: String?

    /// The flag, else the configuration's, else the default.
    func path(_ configuration: Configuration = Configuration()) -> String {
        explicitPath ?? configuration.history ?? HistoryStore.defaultPath
    }

    /// Opens the history, turning its errors into the CLI's.
    func open(_ configuration: Configuration = Configuration()) throws -> HistoryStore {
        do {
            return try HistoryStore(path: path(configuration))
        } catch {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
    }
}
