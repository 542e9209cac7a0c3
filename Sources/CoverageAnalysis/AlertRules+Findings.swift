import CoverageModel
import Formatting
import Foundation

/// A condition that holds for a component at one run, said with that run's numbers.
struct Finding {
    /// Its value in the alert state; nil for a condition that holds but is not carried from run to
    /// run (coverage below the warning level).
    let value: ConditionValue?
    let said: Said
    /// For a level: what to say when coverage falls back to this level from a higher one.
    var fellBack: Said?
}

/// An alert's words before it is tied to a run.
struct Said {
    let kind: Alert.Kind
    let severity: Alert.Severity
    let message: String
}

/// What a rule found at one run.
enum Evaluation {
    /// The rule cannot tell (a failed measurement, no threshold, nothing to compare with): the
    /// condition keeps whatever state it had.
    case unknown
    case clear
    case holds(Finding)

    var finding: Finding? { if case .holds(let finding) = self { finding } else { nil } }
}

extension AlertRules {
    /// The order conditions are evaluated, said and listed in, for one component.
    static let topics: [AlertCondition.Topic] =
        [.measurement, .collectionErrors, .testFailures]
        + Metric.allCases.flatMap { [.level($0), .drop($0), .medianDrop($0)] }
        + [.linesValid, .filesVanished]

    /// Whether `topic` holds for the track's entry at `index`, with that run's numbers.
    /// - Parameter forecast: add the estimate of when a target is reached (only the newest run needs it).
    static func evaluate(
        _ topic: AlertCondition.Topic, _ track: ComponentTrack, at index: Int, limits: Thresholds,
        forecast: Bool = false
    ) -> Evaluation {
        let component = track.entries[index].component
        switch topic {
        case .measurement:
            guard let reason = component.status.reason else { return .clear }
            return .holds(
                Finding(
                    value: .active,
                    said: Said(kind: .measurementFailed, severity: .error, message: "measurement failed: \(reason)")))
        case .collectionErrors:
            let count = component.tests?.collectionErrors ?? 0
            guard count > 0 else { return .clear }
            let modules = count == 1 ? "1 test module" : "\(count) test modules"
            return .holds(
                Finding(
                    value: .count(count),
                    said: Said(
                        kind: .collectionErrors, severity: .error,
                        message: "\(modules) could not be collected (import errors): coverage is incomplete")))
        case .testFailures:
            let tests = component.tests
            let failing = (tests?.failures ?? 0) + max(0, (tests?.errors ?? 0) - (tests?.collectionErrors ?? 0))
            guard failing > 0 else { return .clear }
            return .holds(
                Finding(
                    value: .active,
                    said: Said(
                        kind: .testFailures, severity: .warning,
                        message:
                            "\(failing) test\(failing == 1 ? "" : "s") failed or errored: this run is not a baseline")))
        case .level(let metric):
            return level(metric, component, track: track, at: index, limits: limits, forecast: forecast)
        case .drop(let metric):
            return drop(metric, track, at: index, tolerance: limits.dropTolerance)
        case .medianDrop(let metric):
            return medianDrop(metric, track, at: index, limits: limits)
        case .linesValid, .filesVanished:
            return anomaly(topic, track, at: index, limits: limits)
        }
    }

    // MARK: - Coverage rules

    private static func level(
        _ metric: Metric, _ component: ComponentSummary, track: ComponentTrack, at index: Int, limits: Thresholds,
        forecast: Bool
    ) -> Evaluation {
        guard component.status == .measured, let target = metric.target(limits),
            let rate = metric.rate(component.counts)
        else { return .unknown }
        let warning = metric.warning(limits)
        let now = "\(metric.rawValue) coverage \(DisplayFormat.percent(rate))"
        if rate >= target - 1e-12 {
            return .holds(
                Finding(
                    value: .level(.reached),
                    said: Said(
                        kind: .targetReached, severity: .info,
                        message: "\(now) reached its \(DisplayFormat.percent(target)) target")))
        }
        if let warning, rate >= warning - 1e-12 {
            let estimate = forecast ? Forecast.days(to: target, metric: metric, track: track, at: index) : ""
            return .holds(
                Finding(
                    value: .level(.approaching),
                    said: Said(
                        kind: .approaching, severity: .info,
                        message:
                            "\(now) is approaching its \(DisplayFormat.percent(target)) target "
                            + "(≥ \(DisplayFormat.percent(warning)))"
                            + estimate),
                    fellBack: Said(
                        kind: .belowTarget, severity: .warning,
                        message: "\(now) fell back below its \(DisplayFormat.percent(target)) target")))
        }
        let below =
            warning.map {
                "\(now) is below the \(DisplayFormat.percent($0)) warning level "
                    + "(target \(DisplayFormat.percent(target)))"
            }
            ?? "\(now) is below its \(DisplayFormat.percent(target)) target"
        return .holds(
            Finding(
                value: nil, said: Said(kind: .belowWarning, severity: .warning, message: below),
                fellBack: Said(
                    kind: .belowWarning, severity: .warning,
                    message: "\(now) fell back below the \(DisplayFormat.percent(warning ?? target)) warning level")))
    }

    /// A drop against the previous measured run, trusted or not, or against the newest trusted run.
    /// The untrusted run is compared with but never becomes a baseline for the median.
    private static func drop(_ metric: Metric, _ track: ComponentTrack, at index: Int, tolerance: Double?) -> Evaluation
    {
        let entry = track.entries[index]
        guard let tolerance, entry.component.status == .measured, let rate = metric.rate(entry.component.counts) else {
            return .unknown
        }
        func fall(from other: Int?) -> Double? {
            other.flatMap { metric.rate(track.entries[$0].component.counts) }.map { ($0 - rate) * 100 }
        }
        let previous = track.measuredBefore[index]
        let trusted = track.trustedBefore[index]
        let now = "\(metric.rawValue) coverage \(DisplayFormat.percent(rate))"
        if let previous, let points = fall(from: previous), points > tolerance + 1e-9 {
            let baseline = track.entries[previous]
            let flaw = ComponentTrack.isTrusted(baseline.component) ? "" : ", which had failing tests"
            return .holds(
                Finding(
                    value: .active,
                    said: Said(
                        kind: .drop, severity: .warning,
                        message:
                            "\(now): −\(DisplayFormat.points(points)) since the previous "
                            + "run\(Self.commit(baseline.run))\(flaw)"
                    )))
        }
        if let trusted, let points = fall(from: trusted), points > tolerance + 1e-9 {
            let baseline = track.entries[trusted]
            let between = index - trusted - 1
            return .holds(
                Finding(
                    value: .active,
                    said: Said(
                        kind: .drop, severity: .warning,
                        message:
                            "\(now): −\(DisplayFormat.points(points)) since the last trusted "
                            + "run\(Self.commit(baseline.run)) of "
                            + "\(ISO8601.dateString(from: baseline.run.time)); "
                            + "the \(between == 1 ? "run" : "\(between) runs") "
                            + "since had failing tests or no measurement")))
        }
        return .clear
    }

    private static func medianDrop(
        _ metric: Metric, _ track: ComponentTrack, at index: Int, limits: Thresholds
    ) -> Evaluation {
        let entry = track.entries[index]
        guard let tolerance = limits.medianDropTolerance, entry.component.status == .measured,
            let rate = metric.rate(entry.component.counts)
        else { return .unknown }
        let window = track.trusted(before: index, count: limits.medianWindow).compactMap {
            metric.rate($0.component.counts)
        }
        guard window.count >= 3 else { return .clear }
        let drop = (window.sorted()[window.count / 2] - rate) * 100
        guard drop > tolerance + 1e-9 else { return .clear }
        return .holds(
            Finding(
                value: .active,
                said: Said(
                    kind: .medianDrop, severity: .warning,
                    message:
                        "\(metric.rawValue) coverage \(DisplayFormat.percent(rate)) is \(DisplayFormat.points(drop)) "
                        + "below the median of the "
                        + "last \(window.count) trusted runs")))
    }

    private static func anomaly(
        _ topic: AlertCondition.Topic, _ track: ComponentTrack, at index: Int, limits: Thresholds
    )
        -> Evaluation
    {
        let component = track.entries[index].component
        guard component.status == .measured, let before = track.measuredBefore[index] else { return .unknown }
        let previous = track.entries[before].component
        if topic == .linesValid {
            guard let share = limits.linesValidChange, previous.counts.linesValid > 0 else { return .unknown }
            let (was, now) = (previous.counts.linesValid, component.counts.linesValid)
            let change = Double(now - was) / Double(was)
            guard abs(change) > share else { return .clear }
            return .holds(
                Finding(
                    value: .active,
                    said: Said(
                        kind: .linesJump, severity: .warning,
                        message: "lines that can be covered \(change > 0 ? "grew" : "shrank") from \(was) to \(now) "
                            + "(\(DisplayFormat.signedShare(change))): duplicated paths or lost files?")))
        }
        guard !previous.files.isEmpty, !component.files.isEmpty else { return .unknown }
        let vanished = Self.vanished(from: previous.files, in: component.files)
        guard !vanished.isEmpty else { return .clear }
        let examples = vanished.prefix(3).joined(separator: ", ") + (vanished.count > 3 ? ", …" : "")
        return .holds(
            Finding(
                value: .count(vanished.count),
                said: Said(
                    kind: .filesVanished, severity: .warning,
                    message:
                        "\(vanished.count) file\(vanished.count == 1 ? "" : "s") of the previous run "
                        + "vanished: \(examples)"
                )))
    }

    /// The paths of `previous` that `current` lacks, in order. Both lists are sorted by path
    /// (`ComponentSummary.files`), so one walk finds them: a set of the current paths hashed each of
    /// 20 000 paths twice, 7 ms of a record. Lists out of order (not made by `ComponentSummary`)
    /// are compared through a set.
    static func vanished(from previous: [FileSummary], in current: [FileSummary]) -> [String] {
        guard isInPathOrder(previous), isInPathOrder(current) else {
            let now = Set(current.map(\.path))
            return previous.map(\.path).filter { !now.contains($0) }
        }
        var vanished: [String] = []
        var next = current.startIndex
        for file in previous {
            while next < current.endIndex, current[next].path < file.path { next += 1 }
            if next < current.endIndex, current[next].path == file.path { continue }
            vanished.append(file.path)
        }
        return vanished
    }

    private static func isInPathOrder(_ files: [FileSummary]) -> Bool {
        !zip(files, files.dropFirst()).contains { !($0.path < $1.path) }
    }

    /// ` (abc123456789)`, or nothing when the run's commit is unknown.
    private static func commit(_ run: RunSummary) -> String {
        run.source.commit.map { " (\(String($0.prefix(12))))" } ?? ""
    }
}
