import ArgumentParser
import Concurrency
import TidemarkCore

/// How every subcommand ends: TidemarkCore prints its own messages and throws `CommandExit`;
/// here its status becomes the process's exit code and a `UsageError` ArgumentParser's usage text.
protocol TidemarkCommand: ParsableCommand {
    /// The command line as flags, before `tidemark.toml` is read.
    var flags: CommandFlags { get }
}

extension TidemarkCommand {
    /// Checks the flags before anything runs (exit 64 with the usage text).
    func validateFlags() throws {
        do {
            try flags.validate()
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The settings of this command: flags merged with `tidemark.toml`.
    func settings(requireInputs: Bool = true) throws -> Settings {
        do {
            return try Settings(flags: flags, requireInputs: requireInputs)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Runs `body` and turns its status into the process's exit code.
    /// - Parameter endsProcess: whether the process exits after one pass of `body`: then what the
    ///   command is done with at its end is not freed (`Discard.atEnd`). `watch` renders again and again.
    func perform(endsProcess: Bool = true, _ body: () throws(CommandExit) -> ExitStatus) throws {
        if endsProcess { Discard.keepUntilExit() }
        let status: ExitStatus
        do {
            status = try body()
        } catch {
            status = error.status
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
