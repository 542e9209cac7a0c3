import ArgumentParser
import CoverageModel
import Foundation

extension Tidemark {
    /// `tidemark generate`: record a run, then render the site.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a run in the history, then write the report site.",
            discussion: """
                Example: tidemark generate --input python=coverage.xml --tests python=junit.xml
                On an input error nothing is recorded or written: the history and the site stay as they were.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions

        func run() throws {
            let recorded = try RunRecorder.record(inputOptions, sourceOptions, historyOptions)
            try SiteBuilder.render(from: recorded.store, with: outputOptions, sourceRoots: inputOptions.sourceRootMap)
            if recorded.run.components.contains(where: { $0.status != .measured }) { throw ExitStatus.measurementFailed }
        }
    }
}
