import ArgumentParser
import TidemarkCore

/// How overlapping runs behave.
struct LockOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Seconds to wait for another run on the same history or output (default 600); then exit 7.",
            valueName: "SECONDS"))
    var lockTimeout: Double = 600

    @Flag(help: "When another run holds the history or output, skip at once with a message (exit 0).")
    var skipIfBusy = false

    func apply(to flags: inout CommandFlags) {
        flags.lock = RunLock.Policy(timeout: lockTimeout, skipIfBusy: skipIfBusy)
    }
}
