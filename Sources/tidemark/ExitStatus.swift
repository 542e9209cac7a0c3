import ArgumentParser

/// The documented exit codes. Usage errors (64) come from ArgumentParser's `ValidationError`.
enum ExitStatus {
    /// An input could not be read or the site could not be written.
    static let inputError = ExitCode(1)
}
