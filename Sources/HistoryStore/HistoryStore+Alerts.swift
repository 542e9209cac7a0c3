import CoverageModel
import Foundation

/// The alert rules as the store runs them: the history (oldest first) and the state after the
/// previous newest run in, alerts and the state after the newest run out.
public typealias AlertEvaluator = @Sendable ([RunSummary], AlertState) -> (alerts: [Alert], state: AlertState)

extension HistoryStore {
    /// Every alert raised, newest first (at most `limit`).
    public func alertEvents(limit: Int = 500) throws(HistoryError) -> [Alert] {
        var alerts: [Alert] = []
        try database.prepare(
            """
            SELECT runs.identity, runs.time, e.component, e.kind, e.severity, e.message, e.condition
            FROM alert_events e JOIN runs ON runs.id = e.run_id WHERE runs.project_id = ? ORDER BY e.id DESC LIMIT ?
            """
        ).query([projectKey, .int(limit)]) { row throws(HistoryError) in
            // Only Tidemark writes these rows, in words `Alert.Kind` and `AlertCondition` know; a row
            // that is not one of them (edited by hand) is left out rather than shown wrong.
            if let alert = try alert(row) { alerts.append(alert) }
        }
        return alerts
    }

    func loadAlertState() throws(HistoryError) -> AlertState {
        var state: AlertState = [:]
        try database.prepare("SELECT condition, value FROM alert_state WHERE project_id = ?").query([projectKey]) {
            row in
            guard let condition = AlertCondition(text: row.text(0)),
                let value = ConditionValue(text: row.text(1), for: condition.topic)
            else { return }
            state[condition] = value
        }
        return state
    }

    func storeAlerts(_ alerts: [Alert], state: AlertState, runRowID: Int64) throws(HistoryError) {
        try database.prepare("DELETE FROM alert_state WHERE project_id = ?").run([projectKey])
        let insertState = try database.prepare(
            "INSERT INTO alert_state (project_id, condition, value) VALUES (?, ?, ?)")
        for (condition, value) in state.sorted(by: { $0.key < $1.key }) {
            try insertState.run([projectKey, .text(condition.text), .text(value.text(for: condition.topic))])
        }
        let insertEvent = try database.prepare(
            """
            INSERT INTO alert_events (run_id, component, condition, kind, severity, message) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for alert in alerts {
            try insertEvent.run([
                .integer(runRowID), .text(alert.component), .text(alert.condition.text), .text(alert.kind.rawValue),
                .text(alert.severity.rawValue), .text(alert.message),
            ])
        }
    }

    func alert(_ row: DatabaseRow) throws(HistoryError) -> Alert? {
        guard let kind = Alert.Kind(rawValue: row.text(3)), let condition = AlertCondition(text: row.text(6)) else {
            return nil
        }
        return Alert(
            runID: row.text(0), time: try storedTime(row.int(1), of: "run \(row.text(0))"),
            component: row.text(2),
            kind: kind, severity: Alert.Severity(rawValue: row.text(4)) ?? .warning, message: row.text(5),
            condition: condition)
    }
}
