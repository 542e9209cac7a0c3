import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark watch`: record and render whenever the inputs change.
    struct Watch: TidemarkCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the inputs every interval; record and render only when they changed.",
            discussion: """
                Each tick compares every input's size and modification time, waits for a file that is still \
                being written to settle, and records only when the content differs from the latest run. One log \
                line per tick. SIGINT and SIGTERM finish the current tick and exit 0.
                """)

        @Option(help: ArgumentHelp("The interval: 30s, 2m, 1h, 500ms (default: tidemark.toml's, else 60s).", valueName: "DURATION"))
        var every: String?

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        var flags: CommandFlags {
            var flags = CommandFlags()
            inputOptions.apply(to: &flags)
            sourceOptions.apply(to: &flags)
            historyOptions.apply(to: &flags)
            outputOptions.apply(to: &flags)
            alertOptions.apply(to: &flags)
            lockOptions.apply(to: &flags)
            return flags
        }

        func validate() throws {
            try validateFlags()
            if let every, DurationText.seconds(parsing: every) == nil {
                throw ValidationError("--every '\(every)' is not a duration such as 30s, 2m, 1h or 500ms.")
            }
        }

        func run() throws {
            let settings = try settings()
            let interval = Watcher.interval(flag: every, settings: settings)
            Watcher(flags: flags, console: .standard).run(every: interval, settings: settings, stop: StopSignal())
        }
    }
}
