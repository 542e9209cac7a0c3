import ArgumentParser
import TidemarkCore

extension Tidemark {
    /// `tidemark render`: draw the site from the history alone.
    struct Render: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Write the report site from the history alone (no XML needed).")

        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions
        @OptionGroup var configOptions: ConfigOptions
        @OptionGroup var lockOptions: LockOptions
        @OptionGroup var sourceRoots: SourceRootOptions

        @Flag(
            help: ArgumentHelp(
                "Every project of the history: an index (worst first, and by name) in the output folder, and each "
                    + "project's site in p/NAME/."))
        var allProjects = false

        var flags: CommandFlags {
            var flags = CommandFlags()
            historyOptions.apply(to: &flags)
            outputOptions.apply(to: &flags)
            configOptions.apply(to: &flags)
            lockOptions.apply(to: &flags)
            sourceRoots.apply(to: &flags)
            flags.allProjects = allProjects
            return flags
        }

        func validate() throws { try validateFlags() }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in try Pipeline.render(settings, console: .standard) }
        }
    }
}
