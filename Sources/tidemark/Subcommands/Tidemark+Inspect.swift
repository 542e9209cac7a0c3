import ArgumentParser
import Concurrency
import TidemarkCore

extension Tidemark {
    /// `tidemark inspect`: what Tidemark reads from Cobertura or JUnit files.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show what Tidemark reads from Cobertura or JUnit XML files.",
            discussion:
                "Exits 1 when any file cannot be read; with --json the error is {\"error\": KIND, \"message\": …}.")

        @Argument(help: ArgumentHelp("Cobertura or JUnit XML files (.gz accepted).", valueName: "PATH"))
        var paths: [String]

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @Option(help: ArgumentHelp("The repository root that report paths resolve under.", valueName: "DIR"))
        var sourceRoot: String = "."

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one file to inspect.") }
        }

        func run() throws {
            Discard.keepUntilExit()
            let status = InspectOutput.show(paths, json: json, sourceRoot: sourceRoot, console: .standard)
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
