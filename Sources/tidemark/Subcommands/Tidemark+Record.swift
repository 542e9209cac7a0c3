import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark record`: read a run's inputs, add the run to the history and raise alerts.
    struct Record: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Read coverage and test results, add the run to the history, raise alerts.",
            discussion: """
                Inputs come from --input/--tests, else from the components of tidemark.toml. The run's time is \
                the reports' own when they carry one, else --time, else SOURCE_DATE_EPOCH, else now; load old \
                reports oldest first to backfill a history. Inputs identical to the latest run's (same commit) \
                add nothing.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var historyFromOptions: HistoryFromOptions
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        var flags: CommandFlags {
            var flags = CommandFlags()
            inputOptions.apply(to: &flags)
            sourceOptions.apply(to: &flags)
            historyOptions.apply(to: &flags)
            historyFromOptions.apply(to: &flags)
            alertOptions.apply(to: &flags)
            lockOptions.apply(to: &flags)
            return flags
        }

        func validate() throws { try validateFlags() }

        func run() throws {
            let settings = try settings()
            try perform { () throws(CommandExit) in try Pipeline.record(settings, console: .standard) }
        }
    }
}
