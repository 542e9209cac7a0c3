import ArgumentParser

/// The documented exit codes. Usage errors (64) come from ArgumentParser's `ValidationError`.
enum ExitStatus {
    /// An input could not be read, or the history or site could not be written: nothing was recorded.
    static let inputError = ExitCode(1)
    /// The run was recorded and the site written, but a component's measurement failed (grcov's
    /// empty report, coverage blocked by test collection errors).
    static let measurementFailed = ExitCode(2)
    /// Another run held the history or output folder longer than `--lock-timeout`.
    static let busy = ExitCode(7)
}
