import Foundation

/// Something that happened to a component and deserves attention: a condition started, grew or
/// cleared, or holds now. Alerts are results, not errors.
public struct Alert: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case info, warning, error
    }

    /// What happened. The raw values are the words the alert log, the hook and the history store:
    /// they never change.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case targetReached = "target-reached"
        case approaching
        case belowTarget = "below-target"
        case belowWarning = "below-warning"
        case drop
        case dropCleared = "drop-cleared"
        case medianDrop = "median-drop"
        case medianDropCleared = "median-drop-cleared"
        case linesJump = "lines-jump"
        case linesJumpCleared = "lines-jump-cleared"
        case filesVanished = "files-vanished"
        case filesVanishedCleared = "files-vanished-cleared"
        case collectionErrors = "collection-errors"
        case collectionErrorsCleared = "collection-errors-cleared"
        case testFailures = "test-failures"
        case testFailuresCleared = "test-failures-cleared"
        case measurementFailed = "measurement-failed"
        case measurementCleared = "measurement-cleared"

        /// An event that marks a moment (a target reached, a condition ended) rather than a
        /// condition that can hold: it belongs in the log, never among the active alerts.
        public var isOneOff: Bool {
            switch self {
            case .targetReached, .belowTarget, .dropCleared, .medianDropCleared, .linesJumpCleared,
                .filesVanishedCleared, .collectionErrorsCleared, .testFailuresCleared, .measurementCleared:
                true
            case .approaching, .belowWarning, .drop, .medianDrop, .linesJump, .filesVanished, .collectionErrors,
                .testFailures, .measurementFailed:
                false
            }
        }
    }

    /// The id of the run that raised it (for an active alert: the first run of the streak in which
    /// the condition has held).
    public var runID: String
    public var time: Date
    public var component: String
    public var kind: Kind
    public var severity: Severity
    public var message: String
    /// The condition it belongs to (`python line level`).
    public var condition: AlertCondition

    public init(
        runID: String, time: Date, component: String, kind: Kind, severity: Severity, message: String,
        condition: AlertCondition
    ) {
        self.condition = condition
        self.runID = runID
        self.time = time
        self.component = component
        self.kind = kind
        self.severity = severity
        self.message = message
    }
}
