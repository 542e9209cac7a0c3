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

/// Where a CI job with an empty history restores it from.
struct HistoryFromOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Before recording, import the runs the history lacks from a previous site: its folder, its history.jsonl.gz "
                + "(or a .jsonl export), or its http(s) URL. A missing history there is a warning.",
            valueName: "SOURCE"))
    var historyFrom: String?

    @Option(help: ArgumentHelp("Seconds an http(s) --history-from may take (default 30).", valueName: "SECONDS"))
    var historyFromTimeout: Double = 30

    func apply(to flags: inout CommandFlags) {
        flags.historyFrom = historyFrom
        flags.historyFromTimeout = historyFromTimeout
    }
}
