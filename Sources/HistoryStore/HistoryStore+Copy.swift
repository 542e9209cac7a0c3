import CoverageModel
import Foundation

/// What `history copy` did for one project.
public struct CopiedProject: Sendable, Equatable {
    public let project: String
    /// Runs added to the destination.
    public let added: Int
    /// Runs of the source the destination already held (by run id).
    public let present: Int
}

extension HistoryStore {
    /// Copies every project of `source` into this history: the runs it lacks (by run id), in the
    /// order the source recorded them, with their per-line data where the source kept it and the
    /// alerts they raised; a project new here also takes the source's alert state. Each project is
    /// copied in one transaction, so copying again adds nothing and a failure leaves it as it was.
    /// - Parameter source: read in one snapshot.
    public func copyProjects(from source: HistoryStore) throws -> [CopiedProject] {
        try source.snapshot {
            try source.projects().map { project throws -> CopiedProject in
                try forProject(project.name).copy(from: source.forProject(project.name))
            }
        }
    }

    /// This project's runs from the same project of `source`.
    private func copy(from source: HistoryStore) throws(HistoryError) -> CopiedProject {
        let (runs, place) = try source.loadRunsWithRowIDs(filesForLatest: Int.max)
        let ordered = place.sorted { $0.key < $1.key }.map { runs[$0.value] }
        return try writeToProject { project throws(HistoryError) -> CopiedProject in
            var present: Set<String> = []
            try database.prepare("SELECT identity FROM runs WHERE project_id = ?").query([.integer(project)]) { row in
                present.insert(row.text(0))
            }
            let isNew = present.isEmpty
            let missing = ordered.filter { !present.contains($0.id) }
            var rowIDs: [String: Int64] = [:]
            for chunk in Self.chunks(missing, of: Self.importBatch) {
                for (run, rowID) in zip(chunk, try insert(Array(chunk), project: project).rowIDs) {
                    rowIDs[run.id] = rowID
                }
            }
            try copyLineData(from: source, into: rowIDs)
            try copyAlerts(from: source, into: rowIDs, project: project, state: isNew)
            return CopiedProject(project: self.project, added: missing.count, present: ordered.count - missing.count)
        }
    }

    /// The per-line data of the copied runs, then only the newest runs' kept, as recording keeps it.
    private func copyLineData(from source: HistoryStore, into rowIDs: [String: Int64]) throws(HistoryError) {
        var rows: [[SQLValue]] = []
        var components: Set<String> = []
        try source.database.prepare(
            """
            SELECT runs.identity, line_data.component, line_data.report \
            FROM line_data JOIN runs ON runs.id = line_data.run_id
            WHERE runs.project_id = ? ORDER BY line_data.run_id, line_data.component
            """
        ).query([source.projectKey]) { row in
            guard let rowID = rowIDs[row.text(0)] else { return }
            rows.append([.integer(rowID), .text(row.text(1)), .blob(row.blob(2))])
            components.insert(row.text(1))
        }
        try database.insertRows(into: "line_data", columns: ["run_id", "component", "report"], rows: rows)
        try dropOldLineData(for: components.sorted())
    }

    /// The alerts the copied runs raised, in the order they were raised; the state after the newest
    /// run when the project is new here (elsewhere the destination's own state stays).
    private func copyAlerts(from source: HistoryStore, into rowIDs: [String: Int64], project: Int64, state: Bool)
        throws(HistoryError)
    {
        var events: [[SQLValue]] = []
        try source.database.prepare(
            """
            SELECT runs.identity, e.component, e.condition, e.kind, e.severity, e.message
            FROM alert_events e JOIN runs ON runs.id = e.run_id WHERE runs.project_id = ? ORDER BY e.id
            """
        ).query([source.projectKey]) { row in
            guard let rowID = rowIDs[row.text(0)] else { return }
            events.append([.integer(rowID)] + (1...5).map { .text(row.text(Int32($0))) })
        }
        try database.insertRows(
            into: "alert_events", columns: ["run_id", "component", "condition", "kind", "severity", "message"],
            rows: events)
        guard state else { return }
        var states: [[SQLValue]] = []
        try source.database.prepare("SELECT condition, value FROM alert_state WHERE project_id = ? ORDER BY condition")
            .query([source.projectKey]) { row in
                states.append([.integer(project), .text(row.text(0)), .text(row.text(1))])
            }
        try database.prepare("DELETE FROM alert_state WHERE project_id = ?").run([.integer(project)])
        try database.insertRows(into: "alert_state", columns: ["project_id", "condition", "value"], rows: states)
    }
}
