import CoverageModel
import Foundation

/// The rules evaluated on every new run against the history. Edge-triggered: each rule keeps a
/// condition in `AlertState`; an alert fires when the condition starts (or grows) and a "cleared"
/// notice when it ends, so a run that changes nothing raises nothing. Runs whose tests errored or
/// failed are drawn but never serve as a baseline for drops.
public enum AlertRules {
    /// Alerts for the newest run of `history` (oldest first), given the state after the run before.
    /// - Parameters:
    ///   - thresholds: per component; components without an entry use `defaults`.
    public static func evaluate(
        history: [RunSummary], thresholds: [String: Thresholds], defaults: Thresholds, state: AlertState
    ) -> (alerts: [Alert], state: AlertState) {
        guard let run = history.last else { return ([], state) }
        var context = Context(run: run, state: state)
        let earlier = Array(history.dropLast())
        for component in run.components {
            let limits = thresholds[component.name] ?? defaults
            let past = earlier.compactMap { run in run.component(named: component.name).map { (run: run, component: $0) } }
            context.component = component.name
            measurement(component, &context)
            tests(component, &context)
            guard component.status == .measured else { continue }
            for metric in Metric.allCases {
                level(metric, component, past: past, limits: limits, &context)
                drops(metric, component, past: past, limits: limits, &context)
            }
            anomalies(component, past: past, limits: limits, &context)
        }
        return (context.alerts, context.state)
    }

    // MARK: - Rules

    private static func measurement(_ component: ComponentSummary, _ context: inout Context) {
        let failed = component.status.reason
        context.condition(
            "measurement", value: failed == nil ? nil : "failed",
            started: .init(kind: "measurement-failed", severity: .error, message: "measurement failed: \(failed ?? "")"),
            cleared: .init(kind: "measurement-cleared", severity: .info, message: "measured again after a failed measurement"))
    }

    private static func tests(_ component: ComponentSummary, _ context: inout Context) {
        let collection = component.tests?.collectionErrors ?? 0
        let previous = Int(context.state[context.key("collection-errors")] ?? "") ?? 0
        let modules = collection == 1 ? "1 test module" : "\(collection) test modules"
        context.condition(
            "collection-errors", value: collection > 0 ? String(collection) : nil,
            started: .init(kind: "collection-errors", severity: .error,
                           message: "\(modules) could not be collected (import errors): coverage is incomplete"),
            cleared: .init(kind: "collection-errors-cleared", severity: .info, message: "test collection errors cleared"),
            grew: collection > previous && previous > 0
                ? .init(kind: "collection-errors", severity: .error, message: "test collection errors grew from \(previous) to \(collection)")
                : nil)
        let failing = (component.tests?.failures ?? 0) + max(0, (component.tests?.errors ?? 0) - collection)
        context.condition(
            "test-failures", value: failing > 0 ? "failing" : nil,
            started: .init(kind: "test-failures", severity: .warning,
                           message: "\(failing) test\(failing == 1 ? "" : "s") failed or errored: this run is not a baseline"),
            cleared: .init(kind: "test-failures-cleared", severity: .info, message: "tests pass again"))
    }

    private static func level(
        _ metric: Metric, _ component: ComponentSummary, past: [(run: RunSummary, component: ComponentSummary)],
        limits: Thresholds, _ context: inout Context
    ) {
        guard let target = metric.target(limits), let rate = metric.rate(component.counts) else { return }
        let warning = metric.warning(limits)
        let level = rate >= target - 1e-12 ? "reached" : (warning.map { rate >= $0 - 1e-12 } ?? false) ? "approaching" : "below"
        let key = context.key("\(metric.name) level")
        let previous = context.state[key] ?? "below"
        context.state[key] = level == "below" ? nil : level
        guard level != previous else { return }
        let now = "\(metric.name) coverage \(Percent.text(rate))"
        switch (previous, level) {
        case (_, "reached"):
            context.fire("target-reached", .info, "\(now) reached its \(Percent.text(target)) target", condition: key)
        case (_, "approaching") where previous == "below":
            let estimate = Forecast.days(to: target, metric: metric, component: component, past: past, now: context.run.time)
            context.fire(
                "approaching", .info,
                "\(now) is approaching its \(Percent.text(target)) target (≥ \(Percent.text(warning ?? target)))" + estimate,
                condition: key)
        case ("reached", "approaching"):
            context.fire("below-target", .warning, "\(now) fell back below its \(Percent.text(target)) target", condition: key)
        default:
            context.fire(
                "below-warning", .warning, "\(now) fell back below the \(Percent.text(warning ?? target)) warning level",
                condition: key)
        }
    }

    private static func drops(
        _ metric: Metric, _ component: ComponentSummary, past: [(run: RunSummary, component: ComponentSummary)],
        limits: Thresholds, _ context: inout Context
    ) {
        guard let rate = metric.rate(component.counts) else { return }
        let trusted = past.filter { $0.component.status == .measured && !($0.component.tests?.isBroken ?? false) }
        if let tolerance = limits.dropTolerance {
            let baseline = trusted.last
            let drop = baseline.flatMap { metric.rate($0.component.counts) }.map { ($0 - rate) * 100 } ?? 0
            let commit = baseline?.run.source.commit.map { " (\(String($0.prefix(12))))" } ?? ""
            context.condition(
                "\(metric.name) drop", value: drop > tolerance + 1e-9 ? "dropped" : nil,
                started: .init(kind: "drop", severity: .warning,
                               message: "\(metric.name) coverage dropped \(Percent.points(drop)) to \(Percent.text(rate)) since the previous trusted run\(commit)"),
                cleared: .init(kind: "drop-cleared", severity: .info, message: "\(metric.name) coverage no longer dropping against the previous trusted run"))
        }
        if let tolerance = limits.medianDropTolerance {
            let window = trusted.suffix(limits.medianWindow).compactMap { metric.rate($0.component.counts) }
            let median = window.count >= 3 ? window.sorted()[window.count / 2] : nil
            let drop = median.map { ($0 - rate) * 100 } ?? 0
            context.condition(
                "\(metric.name) median-drop", value: drop > tolerance + 1e-9 ? "dropped" : nil,
                started: .init(kind: "median-drop", severity: .warning,
                               message: "\(metric.name) coverage \(Percent.text(rate)) is \(Percent.points(drop)) below the median of the last \(window.count) trusted runs"),
                cleared: .init(kind: "median-drop-cleared", severity: .info, message: "\(metric.name) coverage is back near its recent median"))
        }
    }

    private static func anomalies(
        _ component: ComponentSummary, past: [(run: RunSummary, component: ComponentSummary)], limits: Thresholds,
        _ context: inout Context
    ) {
        guard let previous = past.last(where: { $0.component.status == .measured })?.component else { return }
        if let share = limits.linesValidChange, previous.counts.linesValid > 0 {
            let before = previous.counts.linesValid
            let now = component.counts.linesValid
            let change = Double(now - before) / Double(before)
            context.condition(
                "lines-valid", value: abs(change) > share ? "jump" : nil,
                started: .init(kind: "lines-jump", severity: .warning,
                               message: "lines that can be covered \(change > 0 ? "grew" : "shrank") from \(before) to \(now) (\(Percent.signed(change))): duplicated paths or lost files?"),
                cleared: .init(kind: "lines-jump-cleared", severity: .info, message: "the number of measurable lines is steady again"))
        }
        guard !previous.files.isEmpty, !component.files.isEmpty else { return }
        let now = Set(component.files.map(\.path))
        let vanished = previous.files.map(\.path).filter { !now.contains($0) }
        let examples = vanished.prefix(3).joined(separator: ", ") + (vanished.count > 3 ? ", …" : "")
        context.condition(
            "files-vanished", value: vanished.isEmpty ? nil : String(vanished.count),
            started: .init(kind: "files-vanished", severity: .warning,
                           message: "\(vanished.count) file\(vanished.count == 1 ? "" : "s") of the previous run vanished: \(examples)"),
            cleared: .init(kind: "files-vanished-cleared", severity: .info, message: "no file vanished since the previous run"))
    }
}
