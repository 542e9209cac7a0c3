import ArgumentParser
import HistoryStore
import TidemarkCore

/// Where the history lives.
struct HistoryOptions: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The history database (SQLite), created on first use (default: tidemark.toml's, else \(HistoryStore.defaultPath)).",
            valueName: "PATH"))
    var path: String?

    func apply(to flags: inout CommandFlags) { flags.history = path }
}
