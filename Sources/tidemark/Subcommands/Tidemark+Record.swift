import ArgumentParser
import CoverageModel
import Foundation
import HistoryStore

extension Tidemark {
    /// `tidemark record`: read a run's inputs and add the run to the history.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read coverage and test results and add the run to the history.",
            discussion: """
                The run's time is the reports' own when they carry one, else --time, else SOURCE_DATE_EPOCH, \
                else now; load old reports oldest first to backfill a history. Inputs identical to the \
                latest run's (same commit) add nothing.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions

        func run() throws {
            let recorded = try RunRecorder.record(inputOptions, sourceOptions, historyOptions)
            if recorded.run.components.contains(where: { $0.status != .measured }) { throw ExitStatus.measurementFailed }
        }
    }
}

/// The record step shared by `record` and `generate`.
enum RunRecorder {
    struct Recorded {
        let run: Run
        let store: HistoryStore
        let outcome: RecordOutcome
    }

    static func record(_ inputs: InputOptions, _ source: SourceOptions, _ history: HistoryOptions) throws -> Recorded {
        let loaded = RunLoader(sourceRoots: inputs.sourceRootMap).load(
            inputs: inputs.inputs, tests: inputs.tests, source: source.resolve(),
            fallbackTime: ISO8601Parsing.fallbackTime(option: inputs.time))
        let run: Run
        switch loaded {
        case .success(let value): run = value
        case .failure(let failure):
            for error in failure.errors { Console.error(error.description) }
            throw ExitStatus.inputError
        }
        let store = try history.open()
        let outcome: RecordOutcome
        do {
            outcome = try store.record(run)
        } catch {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
        switch outcome {
        case .recorded(let id):
            Console.info("Recorded run \(id) of \(ISO8601.string(from: run.time)) in \(history.history): \(Summary.components(of: run))")
        case .duplicate(let id):
            Console.info("Unchanged: the inputs equal those of the latest run \(id) (same commit); nothing recorded.")
        }
        for component in run.components {
            if let reason = component.status.reason { Console.error("\(component.name): measurement failed: \(reason)") }
        }
        return Recorded(run: run, store: store, outcome: outcome)
    }
}
