import ArgumentParser
import CoverageAnalysis
import CoverageModel
import Foundation
import HistoryStore

extension Tidemark {
    /// `tidemark record`: read a run's inputs, add the run to the history and raise alerts.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
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
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        func run() throws {
            let settings = try RunSettings(inputs: inputOptions, history: historyOptions, output: try OutputOptions.parse([]), alerts: alertOptions)
            guard let lock = try RunLock.acquire(for: [settings.historyPath], policy: lockOptions.policy) else { return }
            defer { withExtendedLifetime(lock) {} }
            let recorded = try RunRecorder.record(settings, inputOptions, sourceOptions)
            try Gates(alertOptions).check(recorded)
        }
    }
}

/// The record step shared by `record`, `generate` and `watch`.
enum RunRecorder {
    struct Recorded {
        let run: Run
        let store: HistoryStore
        let outcome: RecordOutcome
        let alerts: [Alert]
    }

    static func record(_ settings: RunSettings, _ inputs: InputOptions, _ source: SourceOptions) throws -> Recorded {
        let loaded = RunLoader(sourceRoots: settings.sourceRoots).load(
            inputs: settings.inputs, tests: settings.tests, source: source.resolve(),
            fallbackTime: ISO8601Parsing.fallbackTime(option: inputs.time))
        let run: Run
        switch loaded {
        case .success(let value): run = value
        case .failure(let failure):
            for error in failure.errors { Console.error(error.description) }
            throw ExitStatus.inputError
        }
        let store: HistoryStore
        let result: (outcome: RecordOutcome, alerts: [Alert])
        do {
            store = try HistoryStore(path: settings.historyPath)
            let thresholds = settings.thresholds
            let defaults = settings.defaults
            result = try store.record(run) { history, state in
                AlertRules.evaluate(history: history, thresholds: thresholds, defaults: defaults, state: state)
            }
        } catch let error as HistoryError {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
        switch result.outcome {
        case .recorded(let id):
            Console.info(
                "Recorded run \(id) of \(ISO8601.string(from: run.time)) in \(settings.historyPath): \(Summary.components(of: run))")
        case .duplicate(let id):
            Console.info("Unchanged: the inputs equal those of the latest run \(id) (same commit); nothing recorded.")
        }
        for component in run.components {
            if let reason = component.status.reason { Console.error("\(component.name): measurement failed: \(reason)") }
        }
        settings.dispatcher.dispatch(result.alerts)
        return Recorded(run: run, store: store, outcome: result.outcome, alerts: result.alerts)
    }
}

/// The gates: after history and site are written, the exit code says which gate failed.
/// 2 a measurement failed; 3 line coverage under --fail-under-line; 4 branch coverage under
/// --fail-under-branch; 5 a drop with --fail-on-drop; 6 test errors with --fail-on-test-errors.
/// When several apply, the lowest code wins.
struct Gates {
    let options: AlertOptions

    init(_ options: AlertOptions) { self.options = options }

    func check(_ recorded: RunRecorder.Recorded) throws {
        let run = recorded.run
        var codes: [Int32] = []
        if run.components.contains(where: { $0.status != .measured }) { codes.append(2) }
        let totals = run.totals
        if let minimum = options.failUnderLine, (totals.lineRate ?? 0) * 100 < minimum - 1e-9 {
            Console.error("gate: line coverage \(Summary.percent(totals.lineRate)) is under --fail-under-line \(minimum)%")
            codes.append(3)
        }
        if let minimum = options.failUnderBranch, let rate = totals.branchRate, rate * 100 < minimum - 1e-9 {
            Console.error("gate: branch coverage \(Summary.percent(rate)) is under --fail-under-branch \(minimum)%")
            codes.append(4)
        }
        if options.failOnDrop {
            let active = (try? recorded.store.activeAlerts()) ?? []
            if active.contains(where: { $0.kind == "drop" || $0.kind == "median-drop" }) {
                Console.error("gate: coverage dropped (--fail-on-drop)")
                codes.append(5)
            }
        }
        if options.failOnTestErrors, let tests = run.tests, tests.isBroken || tests.collectionErrors > 0 {
            Console.error("gate: \(tests.failures) failed, \(tests.errors) errored (\(tests.collectionErrors) collection errors) (--fail-on-test-errors)")
            codes.append(6)
        }
        if let code = codes.min() { throw ExitCode(code) }
    }
}
