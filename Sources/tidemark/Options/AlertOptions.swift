import ArgumentParser
import CoverageAnalysis
import Foundation

/// The configuration file, targets, gates and where alerts go.
struct AlertOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration file (default: ./tidemark.toml when present).", valueName: "FILE"))
    var config: String?

    @Option(help: ArgumentHelp("Line coverage target in percent, for every component (overrides tidemark.toml).", valueName: "PERCENT"))
    var lineTarget: Double?

    @Option(help: ArgumentHelp("Line coverage from which the target counts as approaching, in percent.", valueName: "PERCENT"))
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

    func validate() throws {
        for (name, value) in [
            ("--line-target", lineTarget), ("--line-warning", lineWarning), ("--branch-target", branchTarget),
            ("--branch-warning", branchWarning), ("--fail-under-line", failUnderLine), ("--fail-under-branch", failUnderBranch),
        ] {
            if let value, !(0...100).contains(value) { throw ValidationError("\(name) must be a percentage from 0 to 100.") }
        }
        if let hookTimeout, !(hookTimeout > 0 && hookTimeout <= 3600) {
            throw ValidationError("--hook-timeout must be between 0 and 3600 seconds.")
        }
    }

    /// The configuration file, or exit 64 with its `FILE:LINE: message`.
    func loadConfiguration() throws -> Configuration {
        do {
            return try ConfigurationLoader.load(explicit: config)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Each component's thresholds: the file's, with these flags on top.
    func thresholds(_ configuration: Configuration) -> (defaults: Thresholds, byComponent: [String: Thresholds]) {
        func apply(_ base: Thresholds) -> Thresholds {
            var result = base
            if let lineTarget { result.lineTarget = lineTarget / 100 }
            if let lineWarning { result.lineWarning = lineWarning / 100 }
            if let branchTarget { result.branchTarget = branchTarget / 100 }
            if let branchWarning { result.branchWarning = branchWarning / 100 }
            return result
        }
        var byComponent: [String: Thresholds] = [:]
        for component in configuration.components { byComponent[component.name] = apply(component.thresholds) }
        return (apply(configuration.defaults), byComponent)
    }
}
