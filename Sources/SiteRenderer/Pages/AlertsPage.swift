import CoverageModel
import Formatting

/// The conditions that hold at the newest run (recomputed, with its numbers), and every alert
/// raised, newest first: one-off events (a target reached, a condition cleared) live only there.
struct AlertsPage {
    struct Row {
        let timeText: String
        let component: String
        let kind: String
        let severity: String
        let message: String
    }

    let hasRunTime = true
    let title = "Alerts"
    let root = ""
    let active: [Row]
    let hasActive: Bool
    let rows: [Row]
    let hasRows: Bool
    let runTimeText: String

    init(active: [Alert], events: [Alert], runTime: String) {
        self.active = active.map(Self.row)
        hasActive = !active.isEmpty
        rows = events.map(Self.row)
        hasRows = !events.isEmpty
        runTimeText = runTime
    }

    static func row(_ alert: Alert) -> Row {
        Row(
            timeText: DisplayFormat.timestamp(alert.time), component: alert.component, kind: alert.kind.rawValue,
            severity: alert.severity.rawValue, message: alert.message)
    }
}
