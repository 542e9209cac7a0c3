import CoverageModel
import Foundation

/// The alert rules as the store runs them: the history (oldest first) and the previous state in,
/// alerts and the new state out.
public typealias AlertEvaluator = @Sendable ([RunSummary], AlertState) -> (alerts: [Alert], state: AlertState)

extension HistoryStore {
    /// Every alert raised, newest first (at most `limit`).
    public func alertEvents(limit: Int = 500) throws(HistoryError) -> [Alert] {
        var alerts: [Alert] = []
        try database.prepare("""
            SELECT runs.identity, runs.time, e.component, e.kind, e.severity, e.message, e.condition
            FROM alert_events e JOIN runs ON runs.id = e.run_id ORDER BY e.id DESC LIMIT ?
            """).query([.int(limit)]) { row in alerts.append(Self.alert(row)) }
        return alerts
    }

    /// The latest alert of every condition active now, by component then condition.
    public func activeAlerts() throws(HistoryError) -> [Alert] {
        var alerts: [Alert] = []
        try database.prepare("""
            SELECT runs.identity, runs.time, e.component, e.kind, e.severity, e.message, e.condition
            FROM alert_state s
            JOIN alert_events e ON e.id = (SELECT max(id) FROM alert_events WHERE condition = s.condition)
            JOIN runs ON runs.id = e.run_id
            ORDER BY e.component, e.condition
            """).query { row in alerts.append(Self.alert(row)) }
        return alerts
    }

    func loadAlertState() throws(HistoryError) -> AlertState {
        var state: AlertState = [:]
        try database.prepare("SELECT condition, value FROM alert_state").query { row in state[row.text(0)] = row.text(1) }
        return state
    }

    func storeAlerts(_ alerts: [Alert], state: AlertState, runRowID: Int64) throws(HistoryError) {
        try database.execute("DELETE FROM alert_state")
        let insertState = try database.prepare("INSERT INTO alert_state (condition, value) VALUES (?, ?)")
        for (condition, value) in state.sorted(by: { $0.key < $1.key }) { try insertState.run([.text(condition), .text(value)]) }
        let insertEvent = try database.prepare("""
            INSERT INTO alert_events (run_id, component, condition, kind, severity, message) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for alert in alerts {
            try insertEvent.run([
                .integer(runRowID), .text(alert.component), .text(alert.condition), .text(alert.kind),
                .text(alert.severity.rawValue), .text(alert.message),
            ])
        }
    }

    private static func alert(_ row: SQLiteRow) -> Alert {
        Alert(
            runID: row.text(0), time: Date(timeIntervalSince1970: TimeInterval(row.int(1))), component: row.text(2),
            kind: row.text(3), severity: Alert.Severity(rawValue: row.text(4)) ?? .warning, message: row.text(5),
            condition: row.text(6))
    }
}
