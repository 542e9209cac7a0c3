import Foundation

/// Something that happened to a component and deserves attention: a condition started, grew or
/// cleared. Alerts are results, not errors.
public struct Alert: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case info, warning, error
    }

    /// The id of the run that raised it.
    public var runID: String
    public var time: Date
    public var component: String
    /// What kind of condition: `target-reached`, `approaching`, `below-target`, `below-warning`, `drop`,
    /// `median-drop`, `lines-jump`, `files-vanished`, `collection-errors`, `test-failures`,
    /// `measurement-failed`, and `…-cleared` when a condition ends.
    public var kind: String
    public var severity: Severity
    public var message: String
    /// The condition it belongs to (`python line level`), so the latest alert of each active
    /// condition can be shown.
    public var condition: String

    public init(
        runID: String, time: Date, component: String, kind: String, severity: Severity, message: String,
        condition: String = ""
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

/// The conditions active after a run, so the next run fires only on changes: condition key
/// (`python line level`, `python collection-errors`) → a value (`approaching`, `3`). Inactive
/// conditions have no entry.
public typealias AlertState = [String: String]
