/// The documented exit codes, from the most to the least serious problem a run can have. `0` is
/// success, also "unchanged, nothing recorded" and "skipped: another run holds the lock".
public enum ExitStatus: Int32, Sendable, Comparable, CaseIterable {
    case success = 0
    /// An input could not be read, or the history could not be read or written: nothing was recorded.
    case inputError = 1
    /// The run was recorded and the site written, but a component's measurement failed (grcov's
    /// empty report, coverage blocked by test collection errors).
    case measurementFailed = 2
    /// Line coverage is under `--fail-under-line`.
    case lineGate = 3
    /// Branch coverage is under `--fail-under-branch`.
    case branchGate = 4
    /// Coverage dropped beyond tolerance, with `--fail-on-drop`.
    case dropGate = 5
    /// Tests errored, failed or could not be collected, with `--fail-on-test-errors`.
    case testGate = 6
    /// Another run held the history or output folder longer than `--lock-timeout`.
    case busy = 7
    /// The run was recorded, but the site could not be written (a read-only or full disk): the
    /// previous site stays; `tidemark render` writes it once the problem is fixed.
    case siteNotWritten = 8
    /// Usage or configuration error: nothing was read, recorded or written.
    case usage = 64

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Stops a command with an exit status; the reason was already printed on the console.
public struct CommandExit: Error, Equatable, Sendable {
    public let status: ExitStatus

    public init(_ status: ExitStatus) { self.status = status }
}

/// A usage or configuration error (exit 64), with the message that says what to change.
public struct UsageError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
