import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark watch`: record and render whenever the inputs change.
    struct Watch: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Check the inputs every interval; record and render only when they changed.",
            discussion: """
                Each tick compares every input's size and modification time, waits for a file that is still \
                being written to settle, and records only when the content differs from the latest run. One log \
                line per tick. SIGINT and SIGTERM finish the current tick and exit 0.
                """)

        @Option(
            help: ArgumentHelp(
                "The interval, 1s to 24h: 30s, 2m, 1h (default: tidemark.toml's, else 60s).", valueName: "DURATION"))
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
            if let every, case .failure(let error) = DurationText.watchInterval(every) {
                throw ValidationError("--every \(error.message).")
            }
        }

        func run() throws {
            let settings = try settings()
            let interval: Double
            do {
                interval = try Watcher.interval(flag: every, settings: settings)
            } catch {
                throw ValidationError(error.message)
            }
            try perform(endsProcess: false) { () throws(CommandExit) in
                try Watcher(flags: flags, console: .standard).run(
                    every: interval, settings: settings, stop: StopSignal())
                return .success
            }
        }
    }
}
