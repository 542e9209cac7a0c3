import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark generate`: record a run, then render the site, then apply the gates.
    struct Generate: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Record a run in the history, then write the report site.",
            discussion: """
                Example: tidemark generate --input python=coverage.xml --tests python=junit.xml
                On an input error nothing is recorded or written: the history and the site stay as they were. \
                History and site are written before the exit code reports a failed gate.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var historyFromOptions: HistoryFromOptions
        @OptionGroup var outputOptions: OutputOptions
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        var flags: CommandFlags {
            var flags = CommandFlags()
            inputOptions.apply(to: &flags)
            sourceOptions.apply(to: &flags)
            historyOptions.apply(to: &flags)
            historyFromOptions.apply(to: &flags)
            outputOptions.apply(to: &flags)
            alertOptions.apply(to: &flags)
            lockOptions.apply(to: &flags)
            return flags
        }

        func validate() throws { try validateFlags() }

        func run() throws {
            let settings = try settings()
            try perform { () throws(CommandExit) in try Pipeline.generate(settings, console: .standard) }
        }
    }
}
