import CoverageModel
import Foundation

/// The rules evaluated against the history.
///
/// Every rule looks at the newest run of a component and the runs before it (`evaluate(_:_:at:)`),
/// so what holds is always recomputed in time order, never carried from a run recorded out of
/// order. Two views come out of that:
/// - the **log** is edge-triggered: an alert fires when a condition starts, grows or ends, so a run
///   that changes nothing raises nothing (`evaluate(history:thresholds:defaults:state:)`);
/// - the **active alerts** are the conditions that hold at the newest run, said with its numbers
///   (`active(history:thresholds:defaults:)`); one-off events (a target reached, a condition
///   cleared) live in the log only.
///
/// Runs whose tests errored or failed are compared with, but never serve as a baseline for the median.
public enum AlertRules {
    /// The alerts of the newest run of `history` (oldest first), given the state after the run
    /// before it, and the state after it.
    /// - Parameter thresholds: per component; components without an entry use `defaults`.
    public static func evaluate(
        history: [RunSummary], thresholds: [String: Thresholds], defaults: Thresholds, state: AlertState
    ) -> (alerts: [Alert], state: AlertState) {
        guard let run = history.last else { return ([], state) }
        var alerts: [Alert] = []
        var next = state
        for component in run.components {
            let track = ComponentTrack(component.name, in: history)
            let index = track.entries.count - 1
            let limits = thresholds[component.name] ?? defaults
            for topic in topics {
                let evaluation = evaluate(topic, track, at: index, limits: limits, forecast: true)
                if case .unknown = evaluation { continue }
                let condition = AlertCondition(component: component.name, topic: topic)
                let before = state[condition]
                let finding = evaluation.finding
                next[condition] = finding?.value
                guard let said = change(topic, from: before, to: finding) else { continue }
                alerts.append(
                    Alert(
                        runID: run.id, time: run.time, component: component.name, kind: said.kind,
                        severity: said.severity,
                        message: said.message, condition: condition))
            }
        }
        return (alerts, next)
    }

    /// The conditions that hold at the newest run of `history`, by component then condition, each
    /// with that run's numbers and the time since which it has held without a break.
    public static func active(history: [RunSummary], thresholds: [String: Thresholds], defaults: Thresholds) -> [Alert]
    {
        guard let run = history.last else { return [] }
        return run.components.flatMap { component -> [Alert] in
            let track = ComponentTrack(component.name, in: history)
            let index = track.entries.count - 1
            let limits = thresholds[component.name] ?? defaults
            return topics.compactMap { topic -> Alert? in
                guard let finding = evaluate(topic, track, at: index, limits: limits, forecast: true).finding,
                    !finding.said.kind.isOneOff
                else { return nil }
                var start = index
                while start > 0,
                    evaluate(topic, track, at: start - 1, limits: limits).finding?.said.kind == finding.said.kind
                {
                    start -= 1
                }
                let since = track.entries[start].run
                return Alert(
                    runID: since.id, time: since.time, component: component.name, kind: finding.said.kind,
                    severity: finding.said.severity, message: finding.said.message,
                    condition: AlertCondition(component: component.name, topic: topic))
            }
        }
    }

    // MARK: - Edges

    /// What to say when a condition goes from `before` to what `finding` found, or nil for no change.
    static func change(_ topic: AlertCondition.Topic, from before: ConditionValue?, to finding: Finding?) -> Said? {
        let after = finding?.value
        if case .level = topic { return levelChange(from: before, to: finding) }
        switch (before, after) {
        case (nil, .some): return finding?.said
        case (.some, nil): return Said(kind: cleared(topic), severity: .info, message: clearedMessage(topic))
        case (.count(let was)?, .count(let now)?) where topic == .collectionErrors && now > was:
            return Said(
                kind: .collectionErrors, severity: .error, message: "test collection errors grew from \(was) to \(now)")
        default: return nil
        }
    }

    /// Levels: reaching the target and starting to approach it are news, and so is falling back.
    private static func levelChange(from before: ConditionValue?, to finding: Finding?) -> Said? {
        let after = finding?.value
        guard before != after, let finding else { return nil }
        switch (before, after) {
        case (_, .level(.reached)?), (nil, .level(.approaching)?): return finding.said
        default: return finding.fellBack
        }
    }

    private static func cleared(_ topic: AlertCondition.Topic) -> Alert.Kind {
        switch topic {
        case .measurement: .measurementCleared
        case .collectionErrors: .collectionErrorsCleared
        case .testFailures: .testFailuresCleared
        case .drop: .dropCleared
        case .medianDrop: .medianDropCleared
        case .linesValid: .linesJumpCleared
        case .filesVanished: .filesVanishedCleared
        // A level never clears: it falls back (`levelChange`).
        case .level: .belowWarning
        }
    }

    private static func clearedMessage(_ topic: AlertCondition.Topic) -> String {
        switch topic {
        case .measurement: "measured again after a failed measurement"
        case .collectionErrors: "test collection errors cleared"
        case .testFailures: "tests pass again"
        case .drop(let metric): "\(metric.rawValue) coverage no longer dropping against the previous run"
        case .medianDrop(let metric): "\(metric.rawValue) coverage is back near its recent median"
        case .linesValid: "the number of measurable lines is steady again"
        case .filesVanished: "no file vanished since the previous run"
        case .level(let metric): "\(metric.rawValue) coverage fell below its warning level"
        }
    }
}
