import CoverageModel
import Foundation

/// Lines or branches: the two rates every rule looks at.
enum Metric: CaseIterable {
    case lines, branches

    var name: String { self == .lines ? "line" : "branch" }

    func rate(_ counts: Counts) -> Double? { self == .lines ? counts.lineRate : counts.branchRate }
    func target(_ limits: Thresholds) -> Double? { self == .lines ? limits.lineTarget : limits.branchTarget }
    func warning(_ limits: Thresholds) -> Double? { self == .lines ? limits.lineWarning : limits.branchWarning }
}

/// The running evaluation of one run: alerts so far and the state being rewritten.
struct Context {
    struct Event {
        let kind: String
        let severity: Alert.Severity
        let message: String
    }

    let run: RunSummary
    var state: AlertState
    var alerts: [Alert] = []
    var component = ""

    init(run: RunSummary, state: AlertState) {
        self.run = run
        self.state = state
    }

    func key(_ condition: String) -> String { "\(component) \(condition)" }

    mutating func fire(_ kind: String, _ severity: Alert.Severity, _ message: String, condition: String) {
        alerts.append(Alert(
            runID: run.id, time: run.time, component: component, kind: kind, severity: severity, message: message,
            condition: condition))
    }

    /// Records a condition's value (`nil` = not active); fires `started` when it becomes active,
    /// `grew` when given while active, `cleared` when it ends.
    mutating func condition(_ name: String, value: String?, started: Event, cleared: Event, grew: Event? = nil) {
        let key = key(name)
        let before = state[key]
        state[key] = value
        switch (before, value) {
        case (nil, .some): fire(started.kind, started.severity, started.message, condition: key)
        case (.some, nil): fire(cleared.kind, cleared.severity, cleared.message, condition: key)
        case (.some, .some): if let grew { fire(grew.kind, grew.severity, grew.message, condition: key) }
        case (nil, nil): break
        }
    }
}

/// When a target will be reached at the recent pace: a least-squares line through the last
/// trusted runs' rates over time.
enum Forecast {
    static func days(
        to target: Double, metric: Metric, component: ComponentSummary, past: [(run: RunSummary, component: ComponentSummary)],
        now: Date
    ) -> String {
        let recent = past.filter { $0.component.status == .measured && !($0.component.tests?.isBroken ?? false) }.suffix(5)
        var points = recent.compactMap { entry in metric.rate(entry.component.counts).map { (entry.run.time, $0) } }
        if let rate = metric.rate(component.counts) { points.append((now, rate)) }
        guard points.count >= 3, let first = points.first?.0, let last = points.last?.0 else { return "" }
        // Runs less than a day apart (a backfill, several CI runs a day) give a pace per run instead.
        let perRun = last.timeIntervalSince(first) < 86_400
        let xs = perRun ? points.indices.map(Double.init) : points.map { $0.0.timeIntervalSince(first) / 86_400 }
        let ys = points.map(\.1)
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let variance = xs.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        guard variance > 0 else { return "" }
        let slope = zip(xs, ys).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +) / variance
        guard slope > 0, let current = ys.last else { return "; at the recent pace it is not getting closer" }
        let steps = max(1, Int(((target - current) / slope).rounded(.up)))
        if perRun {
            return "; at the recent pace (\(Percent.points(slope * 100)) per run) it would be reached in about \(steps) run\(steps == 1 ? "" : "s")"
        }
        let when = now.addingTimeInterval(Double(steps) * 86_400)
        return "; at the recent pace (\(Percent.points(slope * 100))/day) it would be reached in about \(steps) day\(steps == 1 ? "" : "s") (\(ISO8601.dateString(from: when)))"
    }
}

/// Percentages for alert messages: one decimal, no locale.
enum Percent {
    static func text(_ rate: Double) -> String { tenths(rate * 1000) + "%" }
    static func points(_ points: Double) -> String { tenths(points * 10) + " pt" }
    static func signed(_ share: Double) -> String { (share >= 0 ? "+" : "−") + tenths(abs(share) * 1000) + "%" }

    private static func tenths(_ value: Double) -> String {
        let scaled = Int(value.rounded())
        return "\(scaled / 10).\(abs(scaled % 10))"
    }
}
