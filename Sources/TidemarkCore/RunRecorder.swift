import CoverageAnalysis
import CoverageModel
import Foundation
import HistoryStore

/// The record step shared by `record`, `generate` and `watch`: read the inputs, add the run to the
/// history with its alerts in one transaction, and send the alerts where the user asked.
public enum RunRecorder {
    /// What recording did.
    public struct Recorded {
        public let run: Run
        /// The history the run went into, still open.
        public let store: HistoryStore
        public let outcome: RecordOutcome
        public let alerts: [Alert]
    }

    /// Reads the inputs and records the run.
    /// - Throws: `CommandExit(.inputError)` after printing each problem: nothing was recorded.
    public static func record(_ settings: Settings, console: Console) throws(CommandExit) -> Recorded {
        let source = RunSourceDetector.resolve(settings.flags)
        let loaded = RunLoader(sourceRoots: settings.sourceRoots).load(
            inputs: settings.inputs, tests: settings.tests, source: source,
            time: settings.flags.time.flatMap(ISO8601Parsing.date), fallbackTime: ISO8601Parsing.fallbackTime())
        let run: Run
        switch loaded {
        case .success(let value): run = value
        case .failure(let failure):
            for error in failure.errors { console.error(error.description) }
            throw CommandExit(.inputError)
        }
        let store: HistoryStore
        let result: RecordResult
        do {
            store = try HistoryStore(path: settings.historyPath)
            let thresholds = settings.thresholds
            let defaults = settings.defaults
            result = try store.record(run) { history, state in
                AlertRules.evaluate(history: history, thresholds: thresholds, defaults: defaults, state: state)
            }
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
        switch result.outcome {
        case .recorded(let id):
            console.info(
                "Recorded run \(id) of \(ISO8601.string(from: run.time)) in \(settings.historyPath): \(Summary.components(of: run))")
            if let newer = result.newerRunTime {
                console.error(
                    "warning: recorded as \(ISO8601.string(from: run.time)), before the newest run \(ISO8601.string(from: newer)): "
                        + "backfill (it raises no alert; give --time to record a run at another time)")
            }
        case .duplicate(let id):
            console.info("Unchanged: the inputs equal those of the latest run \(id) (same commit); nothing recorded.")
        }
        for component in run.components {
            if let reason = component.status.reason { console.error("\(component.name): measurement failed: \(reason)") }
        }
        settings.dispatcher.dispatch(result.alerts, console: console)
        return Recorded(run: run, store: store, outcome: result.outcome, alerts: result.alerts)
    }
}

extension RecordOutcome {
    var isDuplicate: Bool { if case .duplicate = self { true } else { false } }
}
