import CoverageAnalysis
import CoverageModel
import HistoryStore

/// The alert conditions that hold at the newest run, recomputed from the history with the
/// configured thresholds: what the overview's banner, `alerts.html`, `status` and `--fail-on-drop` use.
enum ActiveAlerts {
    static func of(_ runs: [RunSummary], settings: Settings) -> [Alert] {
        AlertRules.active(history: runs, thresholds: settings.thresholds, defaults: settings.defaults)
    }

    /// - Throws: `HistoryError` when the history cannot be read.
    static func of(_ store: HistoryStore, settings: Settings) throws(HistoryError) -> [Alert] {
        // Files of the two newest runs: the vanished-files rule compares them.
        of(try store.runs(filesForLatest: 2), settings: settings)
    }
}
