import ArgumentParser

/// How overlapping runs behave.
struct LockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds to wait for another run on the same history or output (default 600); then exit 7.", valueName: "SECONDS"))
    var lockTimeout: Double = 600

    @Flag(help: "When another run holds the history or output, skip at once with a message (exit 0).")
    var skipIfBusy = false

    var policy: RunLock.Policy { RunLock.Policy(timeout: lockTimeout, skipIfBusy: skipIfBusy) }
}
