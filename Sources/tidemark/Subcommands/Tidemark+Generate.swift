import ArgumentParser
import CoverageModel
import Foundation

extension Tidemark {
    /// `tidemark generate`: record a run, then render the site, then apply the gates.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a run in the history, then write the report site.",
            discussion: """
                Example: tidemark generate --input python=coverage.xml --tests python=junit.xml
                On an input error nothing is recorded or written: the history and the site stay as they were. \
                History and site are written before the exit code reports a failed gate.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        func run() throws {
            let settings = try RunSettings(inputs: inputOptions, history: historyOptions, output: outputOptions, alerts: alertOptions)
            guard let lock = try RunLock.acquire(for: [settings.historyPath, settings.output], policy: lockOptions.policy) else { return }
            defer { withExtendedLifetime(lock) {} }
            let recorded = try RunRecorder.record(settings, inputOptions, sourceOptions)
            try SiteBuilder.render(from: recorded.store, settings: settings)
            try Gates(alertOptions).check(recorded)
        }
    }
}
