import Concurrency
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

        /// The run with its id when it was added (not a duplicate): what a render right after may
        /// take instead of decoding it back (`HistoryStore.newestRuns(known:)`).
        public var known: (id: String, run: Run)? {
            guard case .recorded(let id) = outcome else { return nil }
            return (id, run)
        }
    }

    /// Reads the inputs and records the run.
    /// - Throws: `CommandExit(.inputError)` after printing each problem: nothing was recorded.
    public static func record(_ settings: Settings, console: Console) throws(CommandExit) -> Recorded {
        try store(try load(settings, console: console), settings: settings, console: console)
    }

    /// Reads a run's inputs, without touching the history (so no lock is held while reading).
    /// - Throws: `CommandExit(.inputError)` after printing each problem.
    public static func load(_ settings: Settings, console: Console) throws(CommandExit) -> Run {
        // git is asked while the reports are read: before them, it was 3-5 ms of a record's wall time.
        let flags = settings.flags
        let source = Background { RunSourceDetector.resolve(flags) }
        let loader = RunLoader(sourceRoots: settings.sourceRoots, warn: { console.error("warning: " + $0) })
        let loaded = loader.load(
            inputs: settings.inputs, tests: settings.tests, source: source.value,
            time: settings.flags.time.flatMap { ISO8601.date(from: $0) },
            fallbackTime: ISO8601Parsing.fallbackTime(console: console))
        switch loaded {
        case .success(let run): return run
        case .failure(let failure):
            for error in failure.errors { console.error(error.description) }
            // Waited for, so that a git that hangs is stopped (after `gitTimeout`), not left running.
            _ = source.value
            throw CommandExit(.inputError)
        }
    }

    /// What `--history-from` gave: its runs, and the site's `history.jsonl.gz` when that is what it
    /// was, whose members the site written next copies instead of compressing the same runs again.
    public struct Restored: Sendable {
        public let runs: [RunSummary]
        public let download: [UInt8]?
    }

    /// The runs of `--history-from`, read before any lock is taken; `nil` when not asked for or when
    /// the source has no history yet (a warning says so).
    /// - Throws: `CommandExit(.inputError)` for a source that is not a history or did not answer.
    public static func restoredRuns(_ settings: Settings, console: Console) throws(CommandExit) -> Restored? {
        guard let text = settings.flags.historyFrom else { return nil }
        do {
            switch try HistorySource(text).fetch(timeout: settings.flags.historyFromTimeout) {
            case .runs(let runs, let download): return Restored(runs: runs, download: download)
            case .missing(let reason):
                console.error("warning: --history-from: \(reason); starting from the local history")
                return nil
            }
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }

    /// Imports the restored runs the history lacks (by run id), so the run is recorded on top of them.
    public static func restore(_ restored: Restored, settings: Settings, console: Console) throws(CommandExit) {
        let runs = restored.runs
        do {
            let added = try HistoryStore(location: settings.history, project: settings.project).importRuns(runs)
            console.info(
                "Restored \(added) of \(runs.count) run(s) from \(settings.flags.historyFrom ?? "") "
                    + "into \(settings.historyLabel); "
                    + "\(runs.count - added) were already there.")
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }

    /// Adds a run to the history with its alerts, in one transaction.
    /// - Throws: `CommandExit(.inputError)` after printing the problem: nothing was recorded.
    public static func store(_ run: Run, settings: Settings, console: Console) throws(CommandExit) -> Recorded {
        let store: HistoryStore
        let result: RecordResult
        // Compressed on the other core while the history is opened and the run checked against it.
        let archives = LineArchives(run)
        do {
            store = try HistoryStore(location: settings.history, project: settings.project)
            let thresholds = settings.thresholds
            let defaults = settings.defaults
            result = try store.record(run, archives: archives) { history, state in
                AlertRules.evaluate(history: history, thresholds: thresholds, defaults: defaults, state: state)
            }
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
        switch result.outcome {
        case .recorded(let id):
            console.info(
                "Recorded run \(id) of \(ISO8601.string(from: run.time)) "
                    + "in \(settings.historyLabel): \(Summary.components(of: run))"
            )
            if let newer = result.newerRunTime {
                console.error(
                    "warning: recorded as \(ISO8601.string(from: run.time)), before the newest "
                        + "run \(ISO8601.string(from: newer)): "
                        + "backfill (it raises no alert; give --time to record a run at another time)")
            }
        case .duplicate(let id):
            console.info("Unchanged: the inputs equal those of the latest run \(id) (same commit); nothing recorded.")
        }
        for component in run.components {
            if let reason = component.status.reason {
                console.error("\(component.name): measurement failed: \(reason)")
            }
        }
        settings.dispatcher.dispatch(result.alerts, console: console)
        return Recorded(run: run, store: store, outcome: result.outcome, alerts: result.alerts)
    }
}

extension RecordOutcome {
    var isDuplicate: Bool { if case .duplicate = self { true } else { false } }
}
