import ArgumentParser
import TidemarkCore

/// The configuration file.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration file (default: ./tidemark.toml when present).", valueName: "FILE"))
    var config: String?

    func apply(to flags: inout CommandFlags) { flags.config = config }
}

/// The configuration file, targets, gates and where alerts go.
struct AlertOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions

    @Option(
        help: ArgumentHelp(
            "Line coverage target in percent, for every component (overrides tidemark.toml).", valueName: "PERCENT"))
    var lineTarget: Double?

    @Option(
        help: ArgumentHelp(
            "Line coverage from which the target counts as approaching, in percent.", valueName: "PERCENT"))
    var lineWarning: Double?

    @Option(help: ArgumentHelp("Branch coverage target in percent.", valueName: "PERCENT"))
    var branchTarget: Double?

    @Option(help: ArgumentHelp("Branch coverage warning level in percent.", valueName: "PERCENT"))
    var branchWarning: Double?

    @Option(help: ArgumentHelp("Exit 3 when overall line coverage is below this percent.", valueName: "PERCENT"))
    var failUnderLine: Double?

    @Option(help: ArgumentHelp("Exit 4 when overall branch coverage is below this percent.", valueName: "PERCENT"))
    var failUnderBranch: Double?

    @Flag(help: "Exit 5 when coverage dropped beyond tolerance in this run.")
    var failOnDrop = false

    @Flag(help: "Exit 6 when tests errored, failed or could not be collected in this run.")
    var failOnTestErrors = false

    @Option(help: ArgumentHelp("A command run for each alert, with the alert as JSON on stdin.", valueName: "CMD"))
    var onAlert: String?

    @Option(help: ArgumentHelp("Seconds before the alert command is killed (default 10).", valueName: "SECONDS"))
    var hookTimeout: Double?

    @Option(help: ArgumentHelp("Append every alert as one JSON line to this file.", valueName: "FILE"))
    var alertLog: String?

    func apply(to flags: inout CommandFlags) {
        configOptions.apply(to: &flags)
        flags.lineTarget = lineTarget
        flags.lineWarning = lineWarning
        flags.branchTarget = branchTarget
        flags.branchWarning = branchWarning
        flags.gates.failUnderLine = failUnderLine
        flags.gates.failUnderBranch = failUnderBranch
        flags.gates.failOnDrop = failOnDrop
        flags.gates.failOnTestErrors = failOnTestErrors
        flags.onAlert = onAlert
        flags.hookTimeout = hookTimeout
        flags.alertLog = alertLog
    }
}
