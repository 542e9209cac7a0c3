import ArgumentParser
import HistoryStore
import TidemarkCore

/// Where the history lives, and which project of it.
struct HistoryOptions: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The history: an SQLite file, created on first use, or a postgresql://USER@HOST:PORT/DB URL (the password "
                + "from PGPASSWORD or ~/.pgpass) (default: TIDEMARK_HISTORY_URL, else tidemark.toml's, else "
                + "\(HistoryStore.defaultPath)).",
            valueName: "PATH|URL"))
    var path: String?

    @Option(
        help: ArgumentHelp(
            "The project in a history shared by many (default: TIDEMARK_PROJECT, else tidemark.toml's, else the "
                + "repository's name from git remote get-url origin, else the folder's name).",
            valueName: "NAME"))
    var project: String?

    func apply(to flags: inout CommandFlags) {
        flags.history = path
        flags.project = project
    }
}

/// Where a CI job with an empty history restores it from.
struct HistoryFromOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Before recording, import the runs the history lacks from a previous site: its folder, its "
                + "history.jsonl.gz "
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
