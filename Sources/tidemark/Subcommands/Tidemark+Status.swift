import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark status`: the quick terminal snapshot, from the history alone.
    struct Status: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show where each component stands: coverage against target, change, trend, tests, alerts.")

        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var alertOptions: AlertOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        var flags: CommandFlags {
            var flags = CommandFlags()
            historyOptions.apply(to: &flags)
            alertOptions.apply(to: &flags)
            return flags
        }

        func validate() throws { try validateFlags() }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in
                try StatusReport.show(settings, json: json, console: .standard)
                return .success
            }
        }
    }
}
