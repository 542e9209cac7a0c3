/// Lines or branches: the two rates every rule, chart and level looks at.
public enum Metric: String, Sendable, Hashable, CaseIterable {
    case line, branch

    /// The rate of this metric in `counts`; nil when nothing of it can be covered.
    public func rate(_ counts: Counts) -> Double? { self == .line ? counts.lineRate : counts.branchRate }
}

/// One condition of one component that alert rules follow from run to run: `python line level`.
///
/// Stored as its text (`alert_state.condition`, `alert_events.condition`), which never changes.
public struct AlertCondition: Sendable, Hashable, Comparable {
    /// What a condition is about.
    public enum Topic: Sendable, Hashable {
        case measurement
        case collectionErrors
        case testFailures
        /// Target and warning levels: `ConditionValue.level`.
        case level(Metric)
        case drop(Metric)
        case medianDrop(Metric)
        case linesValid
        case filesVanished

        /// The words after the component's name.
        public var text: String {
            switch self {
            case .measurement: "measurement"
            case .collectionErrors: "collection-errors"
            case .testFailures: "test-failures"
            case .level(let metric): "\(metric.rawValue) level"
            case .drop(let metric): "\(metric.rawValue) drop"
            case .medianDrop(let metric): "\(metric.rawValue) median-drop"
            case .linesValid: "lines-valid"
            case .filesVanished: "files-vanished"
            }
        }

        static let all: [Topic] =
            [.measurement, .collectionErrors, .testFailures, .linesValid, .filesVanished]
            + Metric.allCases.flatMap { [.level($0), .drop($0), .medianDrop($0)] }
    }

    public let component: String
    public let topic: Topic

    public init(component: String, topic: Topic) {
        self.component = component
        self.topic = topic
    }

    /// As stored: `python line level`.
    public var text: String { "\(component) \(topic.text)" }

    /// A stored condition; nil for text no version of Tidemark wrote. Component names hold no
    /// spaces (`NamedPath.isValidName`), so the first space ends the name.
    public init?(text: String) {
        guard let space = text.firstIndex(of: " ") else { return nil }
        let words = String(text[text.index(after: space)...])
        guard let topic = Topic.all.first(where: { $0.text == words }) else { return nil }
        self.init(component: String(text[..<space]), topic: topic)
    }

    public static func < (lhs: AlertCondition, rhs: AlertCondition) -> Bool { lhs.text < rhs.text }
}

/// How far coverage has come against its target: the value of a `level` condition. Below the
/// warning level a level condition has no value.
public enum CoverageLevel: String, Sendable, Hashable {
    case approaching, reached
}

/// The value of an active condition: what the next run compares with to know whether it changed.
public enum ConditionValue: Sendable, Hashable {
    /// The condition holds (a failed measurement, failing tests, a drop, a jump in lines).
    case active
    /// Where coverage stands against its target.
    case level(CoverageLevel)
    /// How many (collection errors, vanished files): more than before is news.
    case count(Int)

    /// As stored in `alert_state.value`: the words every version wrote for `topic`.
    public func text(for topic: AlertCondition.Topic) -> String {
        switch self {
        case .level(let level): return level.rawValue
        case .count(let count): return String(count)
        case .active:
            switch topic {
            case .measurement: return "failed"
            case .testFailures: return "failing"
            case .linesValid: return "jump"
            case .drop, .medianDrop, .level, .collectionErrors, .filesVanished: return "dropped"
            }
        }
    }

    /// A stored value of `topic`; nil for text no version of Tidemark wrote there.
    public init?(text: String, for topic: AlertCondition.Topic) {
        switch topic {
        case .level:
            guard let level = CoverageLevel(rawValue: text) else { return nil }
            self = .level(level)
        case .collectionErrors, .filesVanished:
            guard let count = Int(text) else { return nil }
            self = .count(count)
        case .measurement, .testFailures, .linesValid, .drop, .medianDrop:
            self = .active
        }
    }
}

/// The conditions active after a run, so the next run fires only on changes. Inactive conditions
/// have no entry.
public typealias AlertState = [AlertCondition: ConditionValue]
