import CoverageModel
import Foundation

extension HistoryStore {
    /// The newest `count` runs, newest first, that kept per-line data for `component`, each with
    /// that component's report rebuilt: the last good data of a component whose latest run failed
    /// to measure (failed measurements keep none, so these are always measured runs).
    public func measuredRuns(of component: String, count: Int) throws(HistoryError) -> [(summary: RunSummary, run: Run)]
    {
        let summaries = try database.readTransaction { () throws(HistoryError) -> [RunSummary] in
            var found: [RunSummary] = []
            let components = try database.prepare(
                """
                SELECT \(Self.componentColumns)
                FROM components WHERE run_id = ? AND name = ?
                """)
            var rows: [(Int64, RunSummary)] = []
            try database.prepare(
                Self.lineDataNewestFirst(
                    columns: "runs.id, runs.identity, runs.time, runs.commit_sha, runs.branch, runs.build_url, "
                        + Self.backfillColumn,
                    limit: " LIMIT ?3")
            ).query([.text(component), projectKey, .int(count)]) { row throws(HistoryError) in
                rows.append(
                    (
                        Int64(row.int(0)),
                        RunSummary(
                            id: row.text(1), time: try storedTime(row.int(2), of: "run \(row.text(1))"),
                            source: RunSource(
                                commit: row.optionalText(3), branch: row.optionalText(4),
                                buildURL: row.optionalText(5)),
                            components: [], isBackfill: row.int(6) != 0)
                    ))
            }
            for (rowID, summary) in rows {
                var summary = summary
                try components.query([.integer(rowID), .text(component)]) { row in
                    summary.components.append(Self.component(row))
                }
                found.append(summary)
            }
            return found
        }
        return zip(summaries, try runs(summaries)).map { ($0, $1) }
    }
}
